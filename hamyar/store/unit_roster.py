"""What a unit account sees and says: its students in the term's adopted allocation (never
their national IDs or Shebas) and its confirmation that a student has started.

The roster is the adopted run's students of the unit with the term's vacancies applied: those
who left are listed with their last day, the newcomers with their first. Names come from the
run's ``assignments.csv`` (the newcomers' from their vacancy), as ``hamyar evaluations
template`` takes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hamyar.errors import InputError
from hamyar.io.placements import PlacedRow, read_assignments_csv
from hamyar.messages import Msg
from hamyar.store.adoption import adopted, lock_term
from hamyar.store.errors import WorkspaceError
from hamyar.store.runs import get_run, now
from hamyar.store.schema import AdoptionRow
from hamyar.store.schema_users import UnitConfirmationRow
from hamyar.store.vacancy import term_changes


@dataclass(frozen=True)
class UnitStudent:
    """One student of a unit as the unit may see them."""

    student_id: str
    first_name: str
    last_name: str
    gender: str
    degree: str
    preference_rank: int | None
    hours_per_month: str
    starts_on: str | None = None
    ends_on: str | None = None
    confirmed_by: str | None = None
    confirmed_at: datetime | None = None


def _seen(row: PlacedRow) -> dict[str, object]:
    return {
        "student_id": row.student_id,
        "first_name": row.first_name,
        "last_name": row.last_name,
        "gender": row.gender.value,
        "degree": row.degree.value,
        "preference_rank": row.preference_rank,
        "hours_per_month": str(row.hours_per_month),
    }


def unit_students(
    session: Session, term: str, unit: str
) -> tuple[AdoptionRow | None, list[UnitStudent]]:
    """The term's adoption in force and the unit's students in it (none without one)."""
    adoption = adopted(session, term)
    if adoption is None:
        return None, []
    run = get_run(session, adoption.run_id)
    changes = term_changes(session, adoption)
    rows: dict[str, dict[str, object]] = {}
    try:
        named = read_assignments_csv(Path(run.out_dir) / "assignments.csv") if run.out_dir else ()
    except (InputError, OSError):
        named = ()
    for r in named:
        if r.unit_code == unit:
            rows[r.student_id] = _seen(r)
    for a in run.assignments:
        if a.unit_code == unit and a.student_id not in rows:
            rows[a.student_id] = {
                "student_id": a.student_id, "first_name": "", "last_name": "",
                "gender": a.gender, "degree": "", "preference_rank": a.preference_rank,
                "hours_per_month": "",
            }  # fmt: skip
    for r in changes.newcomers:
        if r.unit_code == unit:
            rows[r.student_id] = _seen(r)
    confirmed = {
        c.student_id: c
        for c in session.scalars(
            select(UnitConfirmationRow).where(UnitConfirmationRow.adoption_id == adoption.id)
        )
    }
    students = []
    for sid in sorted(rows):
        period = changes.periods.get(sid)
        c = confirmed.get(sid)
        students.append(
            UnitStudent(
                **rows[sid],  # type: ignore[arg-type]
                starts_on=str(period.start) if period and period.start else None,
                ends_on=str(period.end) if period and period.end else None,
                confirmed_by=c.confirmed_by if c else None,
                confirmed_at=c.confirmed_at if c else None,
            )
        )
    return adoption, students


def confirm_students(
    session: Session, term: str, unit: str, student_ids: list[str], *, by: str
) -> int:
    """Record that the unit's students ``student_ids`` have started; the number newly
    confirmed. A student who is not the unit's in the adopted allocation is refused."""
    lock_term(session, term)
    adoption, students = unit_students(session, term, unit)
    if adoption is None:
        raise WorkspaceError(Msg("store.adoption.none"), value=term)
    own = {s.student_id: s for s in students}
    strangers = [sid for sid in student_ids if sid not in own]
    if strangers:
        raise WorkspaceError(Msg("store.roster.strangers", unit=unit), value=", ".join(strangers))
    made, stamp = 0, now()
    for sid in student_ids:
        if own[sid].confirmed_by is not None:
            continue
        try:
            with session.begin_nested():
                session.add(
                    UnitConfirmationRow(
                        term=term, adoption_id=adoption.id, student_id=sid, unit_code=unit,
                        confirmed_at=stamp, confirmed_by=by,
                    )
                )  # fmt: skip
            made += 1
        except IntegrityError:
            pass  # confirmed at the same moment by another page
    return made
