"""Each recorded run's waiting lists, stored with the run and read back as plain entries.

The lists are :func:`hamyar.optimizer.waitlist.waiting_lists` of the run's allocation (kept in
its :class:`~hamyar.pipeline.record.RunRecord`): per unit
and gender, the eligible students who asked for the unit and were not placed there, in the order
a re-solve keeping everyone else would take them. A vacancy offers its seat down this list; a
notice tells a student not placed his or her position on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from hamyar.models import Gender
from hamyar.optimizer.waitlist import WaitingEntry, WaitingLists
from hamyar.pipeline.record import WAITING_COLUMNS, Row
from hamyar.store.run_rows import as_dicts
from hamyar.store.schema import WaitingRow


def record_waitlists(session: Session, run_id: int, places: tuple[Row, ...]) -> int:
    """Store waiting-list places (rows of :data:`~hamyar.pipeline.record.WAITING_COLUMNS`)
    under run ``run_id``; the number of places stored."""
    rows = as_dicts(run_id, WAITING_COLUMNS, places)
    if rows:  # Core executemany: no ORM bookkeeping per row
        session.execute(insert(cast(Table, WaitingRow.__table__)), rows)
    return len(rows)


def _entry(row: WaitingRow) -> WaitingEntry:
    return WaitingEntry(
        unit_code=row.unit_code,
        gender=Gender(row.gender),
        position=row.position,
        student_id=row.student_id,
        preference_rank=row.preference_rank,
        placed_unit=row.placed_unit,
    )


def waiting_list(
    session: Session, run_id: int, unit: str, gender: Gender | str
) -> tuple[WaitingEntry, ...]:
    """Run ``run_id``'s waiting list of ``unit`` (its code; letter case as people read it) and
    ``gender``, first in line first. Empty when nobody waits (or the run has no such unit)."""
    query = (
        select(WaitingRow)
        .where(WaitingRow.run_id == run_id, WaitingRow.gender == str(Gender(gender)))
        .order_by(WaitingRow.unit_code, WaitingRow.position)
    )
    exact = session.scalars(query.where(WaitingRow.unit_code == unit)).all()
    if exact:
        return tuple(_entry(r) for r in exact)
    wanted = unit.strip().casefold()
    rows = [r for r in session.scalars(query).all() if r.unit_code.casefold() == wanted]
    return tuple(_entry(r) for r in rows)


def run_waiting_lists(session: Session, run_id: int) -> WaitingLists:
    """Every waiting list of run ``run_id`` (only the non-empty ones), as the optimizer gives
    them: ``{(unit_code, gender): entries}``."""
    out: dict[tuple[str, Gender], list[WaitingEntry]] = {}
    query = (
        select(WaitingRow)
        .where(WaitingRow.run_id == run_id)
        .order_by(WaitingRow.unit_code, WaitingRow.gender, WaitingRow.position)
    )
    for row in session.scalars(query):
        out.setdefault((row.unit_code, Gender(row.gender)), []).append(_entry(row))
    return {key: tuple(entries) for key, entries in out.items()}


def places_of(session: Session, run_id: int, student_id: str) -> Sequence[WaitingEntry]:
    """Where one student waits in run ``run_id``: every list holding him or her, best rank of
    preference first."""
    query = (
        select(WaitingRow)
        .where(WaitingRow.run_id == run_id, WaitingRow.student_id == student_id)
        .order_by(WaitingRow.preference_rank, WaitingRow.unit_code)
    )
    return [_entry(r) for r in session.scalars(query)]
