"""History across terms, read from the workspace as plain data.

* :func:`placements_at_end` — who worked where at the end of a term: its adopted allocation,
  with the mid-term vacancies applied (a leaver out, the newcomer in).
* :func:`term_history` — that, with the units' "not satisfied" evaluations, as the
  :class:`~hamyar.pipeline.continuing.History` the next term's run continues from
  (``--continue-from``); no adopted allocation of the term is a refusal (exit 2).
* :func:`student_history` — one student's terms, units, hours and payments, and evaluations,
  for ``hamyar history``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from hamyar.messages import Msg
from hamyar.models import Term
from hamyar.pipeline.continuing import History
from hamyar.store.adoption import adopted
from hamyar.store.errors import WorkspaceError
from hamyar.store.runs import get_run
from hamyar.store.schema import AdoptionRow, AssignmentRow, PaymentBatchRow, PaymentLineRow
from hamyar.store.schema_history import EvaluationRow
from hamyar.store.vacancy import effective_placement, term_changes


def _no_adoption(term: str) -> WorkspaceError:
    return WorkspaceError(Msg("store.history.no_adoption", term=term), value=term)


def placements_at_end(session: Session, term: str) -> dict[str, str]:
    """``{student_id: unit_code}`` of the term's adopted allocation with its vacancies applied;
    a refusal when none."""
    row = adopted(session, term)
    if row is None:
        raise _no_adoption(term)
    run = get_run(session, row.run_id)
    return effective_placement(run, term_changes(session, row))


def units_had(session: Session, term: str) -> dict[str, tuple[str, ...]]:
    """``{student_id: units}`` every unit had during the term: the adopted allocation's
    students (those who left mid-term included) and the newcomers who took a vacancy's seat; a
    refusal when none is adopted."""
    row = adopted(session, term)
    if row is None:
        raise _no_adoption(term)
    had: dict[str, list[str]] = {
        a.student_id: [a.unit_code] for a in get_run(session, row.run_id).assignments
    }
    for newcomer in term_changes(session, row).newcomers:
        units = had.setdefault(newcomer.student_id, [])
        if newcomer.unit_code not in units:
            units.append(newcomer.unit_code)
    return {sid: tuple(units) for sid, units in had.items()}


def unsatisfied_pairs(session: Session, term: str) -> tuple[tuple[str, str], ...]:
    """``(student_id, unit_code)`` the term's units evaluated "not satisfied" (in force)."""
    query = (
        select(EvaluationRow.student_id, EvaluationRow.unit_code)
        .where(
            EvaluationRow.term == term,
            EvaluationRow.superseded_at.is_(None),
            EvaluationRow.satisfied.is_(False),
        )
        .order_by(EvaluationRow.student_id, EvaluationRow.unit_code)
    )
    return tuple((sid, code) for sid, code in session.execute(query))


def term_history(session: Session, term: Term) -> History:
    """What the next term continues from (module docstring)."""
    label = str(term)
    return History(
        term=term,
        placements=placements_at_end(session, label),
        unsatisfied=unsatisfied_pairs(session, label),
    )


@dataclass(frozen=True)
class Paid:
    month: str
    unit_code: str
    hours: Decimal
    amount_rial: int
    batch_id: int


@dataclass(frozen=True)
class Evaluated:
    unit_code: str
    satisfied: bool
    note: str | None
    by: str
    at: datetime


@dataclass(frozen=True)
class Unplaced:
    """A term the student applied to (in the adopted run's inputs) without a placement."""

    eligible: bool
    reasons: tuple[tuple[str, str], ...]
    """``(english, persian)``: the blocking rules when not eligible, else why each asked-for
    unit did not take the student (the planner's explanation)."""
    waiting: tuple[tuple[str, int], ...] = ()
    """``(unit_code, position)`` on the term's waiting lists."""


@dataclass
class TermRecord:
    """One term of a student's history."""

    term: str
    unit_code: str | None = None
    """The unit in the term's adopted allocation (``None``: not placed, or no adoption)."""
    run_id: int | None = None
    pinned: bool = False
    since: str | None = None
    """The first day of a placement a mid-term vacancy started (``None``: the whole term)."""
    until: str | None = None
    """The last day of a placement a mid-term vacancy ended."""
    payments: list[Paid] = field(default_factory=list)
    evaluations: list[Evaluated] = field(default_factory=list)
    unplaced: Unplaced | None = None
    """Set by :func:`hamyar.store.applied.with_applications` for a term applied to, unplaced."""
    preference_rank: int | None = None
    """The rank the student gave the unit of the adopted allocation (``None``: outside the
    list, or not placed)."""
    better: tuple[tuple[str, str], ...] = ()
    """``(english, persian)``: placed below the first choice, why each better-ranked unit asked
    for did not take the student (the planner's explanation; set by
    :func:`hamyar.store.applied.with_applications`)."""

    @property
    def hours(self) -> Decimal:
        return sum((p.hours for p in self.payments), Decimal(0))

    @property
    def paid_rial(self) -> int:
        return sum(p.amount_rial for p in self.payments)


def student_history(session: Session, student_id: str) -> Sequence[TermRecord]:
    """The student's terms, oldest first: placement, payments (not voided), evaluations."""
    records: dict[str, TermRecord] = {}

    def record(term: str) -> TermRecord:
        return records.setdefault(term, TermRecord(term=term))

    terms = session.scalars(select(AdoptionRow.term).distinct()).all()
    for term in terms:
        row = adopted(session, term)
        if row is None:
            continue
        placed = session.scalars(
            select(AssignmentRow).where(
                AssignmentRow.run_id == row.run_id, AssignmentRow.student_id == student_id
            )
        ).first()
        if placed is not None:
            entry = record(term)
            entry.unit_code, entry.run_id = placed.unit_code, row.run_id
            entry.pinned, entry.preference_rank = placed.pinned, placed.preference_rank
        changes = term_changes(session, row)
        for newcomer in changes.newcomers:
            if newcomer.student_id == student_id:
                entry = record(term)
                entry.unit_code, entry.run_id = newcomer.unit_code, row.run_id
        period = changes.periods.get(student_id)
        if period is not None:
            entry = record(term)
            entry.since = str(period.start) if period.start else None
            entry.until = str(period.end) if period.end else None
    lines = session.execute(
        select(PaymentLineRow, PaymentBatchRow.term)
        .join(PaymentBatchRow, PaymentLineRow.batch_id == PaymentBatchRow.id)
        .where(PaymentLineRow.student_id == student_id, PaymentLineRow.voided_at.is_(None))
        .order_by(PaymentLineRow.month, PaymentLineRow.id)
    ).all()
    for line, term in lines:
        record(term).payments.append(
            Paid(line.month, line.unit_code, line.hours, line.amount_rial, line.batch_id)
        )
    evaluations = session.scalars(
        select(EvaluationRow)
        .where(EvaluationRow.student_id == student_id, EvaluationRow.superseded_at.is_(None))
        .order_by(EvaluationRow.id)
    ).all()
    for ev in evaluations:
        record(ev.term).evaluations.append(
            Evaluated(ev.unit_code, ev.satisfied, ev.note, ev.imported_by, ev.imported_at)
        )
    return [records[t] for t in sorted(records, key=lambda t: Term.parse(t).index)]
