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

from hamyar.store.schema import AdoptionRow, PaymentBatchRow, VacancyRow
from hamyar.store.schema_history import EvaluationRow
from hamyar.store.schema_users import UnitConfirmationRow


@dataclass(frozen=True)
class Decision:
    """One decision: what (``kind``), when, by whom, and its details in both languages."""

    kind: str
    at: datetime
    by: str
    en: str
    fa: str


def _utc(when: datetime) -> datetime:
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def term_decisions(session: Session, term: str) -> list[Decision]:
    """The decisions of ``term``, oldest first."""
    found: list[Decision] = []
    for a in session.scalars(select(AdoptionRow).where(AdoptionRow.term == term)):
        note = f" ({a.note})" if a.note else ""
        found.append(
            Decision("adopt", a.adopted_at, a.adopted_by, f"adopted run {a.run_id}{note}",
                     f"پذیرش اجرای {a.run_id}{note}")
        )  # fmt: skip
    for b in session.scalars(select(PaymentBatchRow).where(PaymentBatchRow.term == term)):
        found.append(
            Decision("pay", b.created_at, b.created_by,
                     f"paid {b.month}: batch {b.id}, {b.total_rial:,} rial",
                     f"پرداخت {b.month}: دسته‌ی {b.id}، {b.total_rial:,} ریال")
        )  # fmt: skip
        if b.voided_at is not None:
            found.append(
                Decision("replace", b.voided_at, b.voided_by or "",
                         f"voided batch {b.id} of {b.month} (paid again)",
                         f"ابطال دسته‌ی {b.id} ماه {b.month} (پرداخت دوباره)")
            )  # fmt: skip
    for v in session.scalars(select(VacancyRow).where(VacancyRow.term == term)):
        filled = f", seat to {v.fill.student_id}" if v.fill else ""
        filled_fa = f"، جای او به {v.fill.student_id}" if v.fill else ""
        found.append(
            Decision("vacancy", v.created_at, v.decided_by,
                     f"{v.student_id} leaves {v.unit_code} from {v.vacant_from}{filled}"
                     f" (recorded by {v.created_by})",
                     f"{v.student_id} از {v.vacant_from} واحد {v.unit_code} را ترک می‌کند"
                     f"{filled_fa} (ثبت: {v.created_by})")
        )  # fmt: skip
    confirmed: dict[tuple[datetime, str, str], int] = {}
    for c in session.scalars(select(UnitConfirmationRow).where(UnitConfirmationRow.term == term)):
        key = (c.confirmed_at, c.confirmed_by, c.unit_code)
        confirmed[key] = confirmed.get(key, 0) + 1
    for (at, by, unit), count in confirmed.items():
        found.append(
            Decision("confirm", at, by, f"unit {unit} confirmed {count} students",
                     f"واحد {unit} شروع به کار {count} دانشجو را تأیید کرد")
        )  # fmt: skip
    evaluated: dict[tuple[datetime, str], list[bool]] = {}
    for e in session.scalars(select(EvaluationRow).where(EvaluationRow.term == term)):
        evaluated.setdefault((e.imported_at, e.imported_by), []).append(e.satisfied)
    for (at, by), verdicts in evaluated.items():
        good, bad = sum(verdicts), len(verdicts) - sum(verdicts)
        found.append(
            Decision("evaluate", at, by,
                     f"evaluations stored: {good} satisfied, {bad} not satisfied",
                     f"ارزیابی‌ها ثبت شد: {good} راضی، {bad} ناراضی")
        )  # fmt: skip
    return sorted(found, key=lambda d: _utc(d.at))
