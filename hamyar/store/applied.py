"""The terms a student applied to and was not placed in, or placed below the first choice, for
``hamyar history``.

A term counts when its adopted run's problem (rebuilt as :mod:`hamyar.store.notices` rebuilds
it: the stored input files, or the run's folder and scenario) holds the student and the
adopted allocation, with its vacancies, gives him or her no unit. The reason is the blocking
rules of the student's eligibility (E1–E9), or, when eligible, the optimizer's explanation of
each asked-for unit and the student's places on the waiting lists. A run whose inputs cannot be
rebuilt any more (folder gone, files changed) still shows the places on its stored waiting
lists: only an eligible applicant is on one.

A term whose adopted allocation places the student below the first choice gets, the same way,
the optimizer's explanation of each better-ranked unit asked for (``TermRecord.better``; none
when the inputs cannot be rebuilt).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from hamyar.models import Term
from hamyar.store.adoption import adopted
from hamyar.store.errors import WorkspaceError
from hamyar.store.history import TermRecord, Unplaced
from hamyar.store.notices import gather_notices
from hamyar.store.schema import AdoptionRow
from hamyar.store.waitlists import places_of

Said = tuple[str, str]


def _unplaced(session: Session, term: str, student_id: str) -> Unplaced | None:
    try:
        source = gather_notices(session, term)
    except WorkspaceError:
        row = adopted(session, term)
        if row is None:
            return None
        places = tuple(
            (e.unit_code, e.position) for e in places_of(session, row.run_id, student_id)
        )
        return Unplaced(True, (), places) if places else None
    if student_id in source.placement or student_id not in source.problem.applicant_by_id:
        return None
    item = source.eligibility.by_id.get(student_id)
    if item is None or not item.eligible:
        blocking = item.blocking if item else ()
        reasons = tuple((f"{r.rule}: {r.message_en}", r.message_fa) for r in blocking)
        return Unplaced(False, reasons)
    explanation = source.explanations.get(student_id)
    units = explanation.units if explanation else ()
    reasons = tuple((u.line("en"), u.line("fa")) for u in units)
    places = tuple((e.unit_code, e.position) for e in source.waiting.get(student_id, ()))
    return Unplaced(True, reasons, places)


def _better(session: Session, term: str, student_id: str, unit_code: str) -> tuple[Said, ...]:
    """Why not each unit the student ranked above ``unit_code``, the term's placement."""
    try:
        source = gather_notices(session, term)
    except WorkspaceError:
        return ()
    explanation = source.explanations.get(student_id)
    if explanation is None or explanation.placed_unit != unit_code:
        return ()
    return tuple((u.line("en"), u.line("fa")) for u in explanation.units)


def with_applications(
    session: Session, student_id: str, records: Sequence[TermRecord]
) -> list[TermRecord]:
    """``records`` (of :func:`~hamyar.store.history.student_history`) with each term of an
    adopted allocation the student applied to and was not placed in, and the reasons of each
    placement below the first choice (module docstring)."""
    by_term = {r.term: r for r in records}
    terms = sorted(set(session.scalars(select(AdoptionRow.term))))
    for term in terms:
        record = by_term.get(term)
        if record is not None and record.unit_code is not None:
            if record.preference_rank != 1:
                record.better = _better(session, term, student_id, record.unit_code)
            continue
        unplaced = _unplaced(session, term, student_id)
        if unplaced is None:
            continue
        if record is None:
            record = by_term[term] = TermRecord(term=term)
        record.unplaced = unplaced
    return [by_term[t] for t in sorted(by_term, key=lambda t: Term.parse(t).index)]
