"""The units' end-of-term evaluations in the workspace: the roster a blank workbook lists, the
check of a filled one, and storing it.

A filled workbook is checked whole before anything is stored: a unit no student of the term's
adopted allocation works in, a student the unit never had (the adopted allocation's students,
those who left mid-term included, and the newcomers of its vacancies), the same pair twice —
each is a located issue (``file:row:column``), all of them at once, and then nothing is stored.
Importing a pair again supersedes its earlier evaluation, which stays in the table with
``superseded_at``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hamyar.errors import Issue
from hamyar.io.evaluations import EvaluationEntry
from hamyar.messages import Msg
from hamyar.models import Satisfaction
from hamyar.store.adoption import adopted_run, lock_term
from hamyar.store.history import placements_at_end, units_had
from hamyar.store.runs import current_user, now
from hamyar.store.schema_history import EvaluationRow
from hamyar.text import normalize_key


def roster(session: Session, term: str) -> dict[str, str]:
    """``{student_id: unit_code}``: the students each unit has at the end of ``term`` (the blank
    workbook's rows). A filled workbook may also evaluate a student who left a unit mid-term
    (:func:`~hamyar.store.history.units_had`)."""
    return placements_at_end(session, term)


def _issue(
    entry: EvaluationEntry, headers: Mapping[str, str], column: str, message: Msg, value: object
) -> Issue:
    return Issue(
        message,
        value,
        file=entry.source.file,
        row=entry.source.row,
        column=headers.get(column, column),
    )


def check_entries(
    session: Session, term: str, entries: Sequence[EvaluationEntry], headers: Mapping[str, str]
) -> list[Issue]:
    """Every entry that names a unit or a student outside the term's adopted allocation, or
    repeats a pair (``headers``: the columns as written in the file)."""
    had = units_had(session, term)
    units = {normalize_key(code): code for codes in had.values() for code in codes}
    issues: list[Issue] = []
    seen: dict[tuple[str, str], int | None] = {}
    for entry in entries:
        code = units.get(normalize_key(entry.unit_code))
        if code is None:
            issues.append(
                _issue(
                    entry,
                    headers,
                    "unit_code",
                    Msg("store.evaluations.unknown_unit", term=term),
                    entry.unit_code,
                )
            )
            continue
        placed = had.get(entry.student_id, ())
        if code not in placed:
            where = (
                Msg("store.evaluations.placed_in", units=tuple(placed))
                if placed
                else Msg("store.evaluations.not_placed")
            )
            issues.append(
                _issue(
                    entry,
                    headers,
                    "student_id",
                    Msg("store.evaluations.never_had", unit=code, term=term, where=where),
                    entry.student_id,
                )
            )
            continue
        key = (entry.student_id, code)
        if key in seen:
            issues.append(
                _issue(
                    entry,
                    headers,
                    "student_id",
                    Msg("store.evaluations.twice", row=seen[key]),
                    entry.student_id,
                )
            )
        seen.setdefault(key, entry.source.row)
    return issues


@dataclass(frozen=True)
class Stored:
    stored: int
    satisfied: int
    unsatisfied: int
    superseded: int
    not_evaluated: int


def record_evaluations(
    session: Session, term: str, entries: Iterable[EvaluationEntry], *, by: str | None = None
) -> Stored:
    """Store the evaluated entries (already checked by :func:`check_entries`)."""
    lock_term(session, term)
    run = adopted_run(session, term)
    had = units_had(session, term)
    units = {normalize_key(code): code for codes in had.values() for code in codes}
    who, when = by or current_user(), now()
    counts = {"stored": 0, "satisfied": 0, "unsatisfied": 0, "superseded": 0, "skipped": 0}
    for entry in entries:
        if entry.evaluation is None:
            counts["skipped"] += 1
            continue
        code = units[normalize_key(entry.unit_code)]
        live = (
            (EvaluationRow.term == term)
            & (EvaluationRow.student_id == entry.student_id)
            & (EvaluationRow.unit_code == code)
            & EvaluationRow.superseded_at.is_(None)
        )
        result = session.execute(update(EvaluationRow).where(live).values(superseded_at=when))
        counts["superseded"] += int(getattr(result, "rowcount", 0) or 0)
        session.flush()
        satisfied = entry.evaluation is Satisfaction.satisfied
        session.add(
            EvaluationRow(
                term=term,
                run_id=run.id,
                student_id=entry.student_id,
                unit_code=code,
                satisfied=satisfied,
                note=entry.note,
                source=f"{entry.source.file}:{entry.source.row}",
                imported_at=when,
                imported_by=who,
            )
        )
        session.flush()
        counts["stored"] += 1
        counts["satisfied" if satisfied else "unsatisfied"] += 1
    return Stored(
        counts["stored"],
        counts["satisfied"],
        counts["unsatisfied"],
        counts["superseded"],
        counts["skipped"],
    )


def live_evaluations(
    session: Session, *, term: str | None = None, student_id: str | None = None
) -> Sequence[EvaluationRow]:
    """The evaluations in force, of one term and/or one student, oldest first."""
    query = select(EvaluationRow).where(EvaluationRow.superseded_at.is_(None))
    if term is not None:
        query = query.where(EvaluationRow.term == term)
    if student_id is not None:
        query = query.where(EvaluationRow.student_id == student_id)
    return session.scalars(query.order_by(EvaluationRow.id)).all()
