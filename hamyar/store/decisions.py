"""Every decision of a term with who made it and when: adoptions, payments (and the batches
replaced), mid-term vacancies, the units' confirmations and evaluations.

The CLI records the operating-system user or ``--by``; the web pages the logged-in account, or
``planner@localhost`` when the pages run without accounts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hamyar.messages import Msg
from hamyar.store.schema import AdoptionRow, PaymentBatchRow, VacancyRow
from hamyar.store.schema_history import EvaluationRow
from hamyar.store.schema_users import UnitConfirmationRow


@dataclass(frozen=True)
class Decision:
    """One decision: what (``kind``), when, by whom, and its details (``what``, a message)."""

    kind: str
    at: datetime
    by: str
    what: Msg

    @property
    def en(self) -> str:
        return self.what.render("en")

    @property
    def fa(self) -> str:
        return self.what.render("fa")


def _utc(when: datetime) -> datetime:
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def term_decisions(session: Session, term: str) -> list[Decision]:
    """The decisions of ``term``, oldest first."""
    found: list[Decision] = []
    for a in session.scalars(select(AdoptionRow).where(AdoptionRow.term == term)):
        note = f" ({a.note})" if a.note else ""
        what = Msg("store.decision.adopt", run=a.run_id, note=note)
        found.append(Decision("adopt", a.adopted_at, a.adopted_by, what))
    for b in session.scalars(select(PaymentBatchRow).where(PaymentBatchRow.term == term)):
        what = Msg("store.decision.pay", month=b.month, batch=b.id, total=b.total_rial)
        found.append(Decision("pay", b.created_at, b.created_by, what))
        if b.voided_at is not None:
            what = Msg("store.decision.replace", month=b.month, batch=b.id)
            found.append(Decision("replace", b.voided_at, b.voided_by or "", what))
    for v in session.scalars(select(VacancyRow).where(VacancyRow.term == term)):
        filled = Msg("store.decision.filled", student=v.fill.student_id) if v.fill else ""
        what = Msg(
            "store.decision.vacancy",
            student=v.student_id,
            unit=v.unit_code,
            date=v.vacant_from,
            filled=filled,
            by=v.created_by,
        )
        found.append(Decision("vacancy", v.created_at, v.decided_by, what))
    confirmed: dict[tuple[datetime, str, str], int] = {}
    for c in session.scalars(select(UnitConfirmationRow).where(UnitConfirmationRow.term == term)):
        key = (c.confirmed_at, c.confirmed_by, c.unit_code)
        confirmed[key] = confirmed.get(key, 0) + 1
    for (at, by, unit), count in confirmed.items():
        what = Msg("store.decision.confirm", unit=unit, count=count)
        found.append(Decision("confirm", at, by, what))
    evaluated: dict[tuple[datetime, str], list[bool]] = {}
    for e in session.scalars(select(EvaluationRow).where(EvaluationRow.term == term)):
        evaluated.setdefault((e.imported_at, e.imported_by), []).append(e.satisfied)
    for (at, by), verdicts in evaluated.items():
        good, bad = sum(verdicts), len(verdicts) - sum(verdicts)
        what = Msg("store.decision.evaluate", good=good, bad=bad)
        found.append(Decision("evaluate", at, by, what))
    return sorted(found, key=lambda d: _utc(d.at))
