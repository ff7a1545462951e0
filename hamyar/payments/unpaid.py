"""Timesheet hours the payroll reports and does not pay, with why: a second unit (rule P4), a
student placed nowhere, or a month the student's placement covers no day of (rule P5)."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from hamyar.io.placements import PlacedRow
from hamyar.messages import Msg, say
from hamyar.models import JalaliMonth, TimesheetRow
from hamyar.payments.prorata import Period

NotPayableKind = Literal["second_unit", "not_placed", "outside_placement"]


class NotPayable(BaseModel):
    """Hours reported but not paid, with why (rule P4 for a second unit)."""

    model_config = ConfigDict(frozen=True)

    student_id: str
    unit_code: str
    month: JalaliMonth
    hours: Decimal
    kind: NotPayableKind
    rule: str | None
    placed_unit: str | None
    message_fa: str
    message_en: str
    file: str | None = None
    row: int | None = None


def outside_placement(ts: TimesheetRow, placed: PlacedRow, period: Period) -> NotPayable:
    """Hours of a month in which the student's placement covers no day (P5)."""
    if period.end is not None and period.end < ts.month.first_day:
        why = Msg("pay.unpaid.ended", date=str(period.end))
    else:
        why = Msg("pay.unpaid.starts", date=str(period.start))
    return NotPayable(
        student_id=ts.student_id,
        unit_code=ts.unit_code,
        month=ts.month,
        hours=ts.hours,
        kind="outside_placement",
        rule="P5",
        placed_unit=placed.unit_code,
        message_fa=why.render("fa"),
        message_en=why.render("en"),
        file=ts.source.file,
        row=ts.source.row,
    )


def not_payable_row(ts: TimesheetRow, placed: PlacedRow | None) -> NotPayable:
    common = {
        "student_id": ts.student_id,
        "unit_code": ts.unit_code,
        "month": ts.month,
        "hours": ts.hours,
        "file": ts.source.file,
        "row": ts.source.row,
    }
    if placed is None:
        return NotPayable(
            **common,
            kind="not_placed",
            rule=None,
            placed_unit=None,
            message_fa=say("pay.unpaid.not_placed", lang="fa"),
            message_en=say("pay.unpaid.not_placed", lang="en"),
        )
    return NotPayable(
        **common,
        kind="second_unit",
        rule="P4",
        placed_unit=placed.unit_code,
        message_fa=say("pay.unpaid.second_unit", lang="fa", unit=placed.unit_code),
        message_en=say("pay.unpaid.second_unit", lang="en", unit=placed.unit_code),
    )
