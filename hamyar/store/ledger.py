"""The payroll ledger: every payment line, under a unique index on ``(student_id, month)`` over
the lines not voided, so the database itself refuses a second payment of one student for one
month. ``replace`` voids the month's live batch (kept, with who voided it and when) first."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hamyar.messages import Msg
from hamyar.models import JalaliMonth
from hamyar.payments.payroll import Payroll
from hamyar.store.errors import WorkspaceError
from hamyar.store.runs import current_user, now
from hamyar.store.schema import AdoptionRow, PaymentBatchRow, PaymentLineRow, RunRow


def live_batch(session: Session, month: JalaliMonth | str) -> PaymentBatchRow | None:
    """The month's batch in force (not voided), if any."""
    query = select(PaymentBatchRow).where(
        PaymentBatchRow.month == str(month), PaymentBatchRow.voided_at.is_(None)
    )
    return session.scalars(query).first()


def refuse_paid(session: Session, month: JalaliMonth, replace: bool) -> PaymentBatchRow | None:
    """The month's live batch when ``replace``; a refusal when it exists and not ``replace``."""
    batch = live_batch(session, month)
    if batch is not None and not replace:
        where = Msg("store.ledger.paid_into", folder=batch.out_dir) if batch.out_dir else ""
        raise WorkspaceError(
            Msg(
                "store.ledger.paid",
                month=str(month),
                batch=batch.id,
                where=where,
                when=f"{batch.created_at:%Y-%m-%d %H:%M}",
                by=batch.created_by,
            ),
            value=str(month),
        )
    return batch


def record_payroll(
    session: Session,
    payroll: Payroll,
    *,
    run: RunRow,
    adoption: AdoptionRow,
    timesheets_sha256: str,
    out_dir: Path | None,
    replace: bool = False,
    by: str | None = None,
) -> PaymentBatchRow:
    """One batch with a line per paid student; the earlier batch voided when ``replace``."""
    who = by or current_user()
    month = str(payroll.month)
    earlier = refuse_paid(session, payroll.month, replace)
    if earlier is not None:
        stamp = now()
        earlier.voided_at, earlier.voided_by = stamp, who
        session.execute(
            update(PaymentLineRow)
            .where(PaymentLineRow.batch_id == earlier.id)
            .values(voided_at=stamp)
        )
        session.flush()
    batch = PaymentBatchRow(
        term=run.term,
        month=month,
        run_id=run.id,
        adoption_id=adoption.id,
        created_at=now(),
        created_by=who,
        out_dir=str(out_dir.absolute()) if out_dir else None,
        timesheets_sha256=timesheets_sha256,
        total_rial=payroll.total_rial,
    )
    batch.lines = [
        PaymentLineRow(
            month=month,
            student_id=line.student_id,
            unit_code=line.unit_code,
            hours=line.paid_hours,
            rate_rial=line.hourly_rate_rial,
            multiplier=line.multiplier,
            amount_rial=line.amount_rial,
            days=line.days,
            month_days=line.month_days,
        )
        for line in payroll.lines
    ]
    session.add(batch)
    try:
        session.flush()
    except IntegrityError:
        raise WorkspaceError(
            Msg("store.ledger.paid_elsewhere", month=str(month)), value=month
        ) from None
    if earlier is not None:
        earlier.replaced_by = batch.id
    return batch


def payment_lines(
    session: Session, month: JalaliMonth | str | None = None, *, with_voided: bool = False
) -> Sequence[PaymentLineRow]:
    """Ledger lines, of one month or all, voided ones only when asked."""
    query = select(PaymentLineRow).order_by(PaymentLineRow.id)
    if month is not None:
        query = query.where(PaymentLineRow.month == str(month))
    if not with_voided:
        query = query.where(PaymentLineRow.voided_at.is_(None))
    return session.scalars(query).all()


def batches(session: Session, month: JalaliMonth | str | None = None) -> Sequence[PaymentBatchRow]:
    """Every batch, voided ones too (the audit trail), oldest first."""
    query = select(PaymentBatchRow).order_by(PaymentBatchRow.id)
    if month is not None:
        query = query.where(PaymentBatchRow.month == str(month))
    return session.scalars(query).all()
