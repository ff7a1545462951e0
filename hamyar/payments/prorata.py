"""Rule P5: a placement that covers only part of a month is paid pro rata by the month's days.

A mid-term vacancy (``hamyar vacancy``) ends one placement and starts another inside a month.
For a placement from ``start`` to ``end`` (both days included; no ``start`` = from the term's
beginning, no ``end`` = to its end) and a Jalali month ``m`` of ``D`` days
(:attr:`hamyar.models.JalaliMonth.days`: 31, 30, or 29/30 for Esfand)::

    d    = the days of m inside [start, end]
    part = d / D

    pro_rata = "cap"     cap'   = ⌊monthly_hours_cap × part × 100⌋ / 100   (to 0.01 h, down)
                         paid   = min(hours, cap');   amount = P1–P3 of paid
    pro_rata = "amount"  amount = ⌊min(hours, monthly_hours_cap) × rate × m × (100 + b) / 100
                                   × part⌋                             (one rounding, down)
    pro_rata = "none"    the part is ignored: the month is paid as a whole one

``d = D`` is a whole month (nothing changes); ``d = 0`` (the placement ended before the month
or starts after it) pays nothing: the month's hours in that unit are listed as not payable.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from hamyar.io.allocation_dir import AllocationRecord
from hamyar.io.placements import PlacedRow
from hamyar.models import JalaliDate, JalaliMonth, Policy


@dataclass(frozen=True)
class Period:
    """The days of the term a placement covers, both ends included (``None``: open)."""

    start: JalaliDate | None = None
    end: JalaliDate | None = None

    def days_in(self, month: JalaliMonth) -> int:
        """``d``: the days of ``month`` inside the period."""
        first, last = month.first_day, month.last_day
        if self.start is not None and self.start > first:
            first = self.start
        if self.end is not None and self.end < last:
            last = self.end
        if last < first:
            return 0
        return last.day - first.day + 1


@dataclass(frozen=True)
class Part:
    """``days`` of a month of ``month_days`` days."""

    days: int
    month_days: int

    @property
    def fraction(self) -> Fraction:
        return Fraction(self.days, self.month_days)

    @property
    def whole(self) -> bool:
        return self.days >= self.month_days

    def __str__(self) -> str:
        return f"{self.days}/{self.month_days}"


def part_of_month(period: Period, month: JalaliMonth) -> Part:
    """The part of ``month`` that ``period`` covers."""
    return Part(period.days_in(month), month.days)


def applies(policy: Policy, part: Part | None) -> bool:
    """Whether rule P5 changes a line: a part month under ``pro_rata`` other than ``none``."""
    return part is not None and not part.whole and policy.pro_rata != "none"


def hours_cap(policy: Policy, part: Part | None) -> Decimal:
    """The month's hour cap of a line: ``monthly_hours_cap``, or under ``pro_rata = "cap"``
    ``⌊cap × part × 100⌋ / 100`` for a part month."""
    cap = policy.monthly_hours_cap
    if part is None or not applies(policy, part) or policy.pro_rata != "cap":
        return cap
    exact = Fraction(cap) * part.fraction * 100
    return Decimal(exact.numerator // exact.denominator) / 100


def amount_part(policy: Policy, part: Part | None) -> Fraction:
    """The factor of a line's amount: ``part`` under ``pro_rata = "amount"``, else 1."""
    if part is None or not applies(policy, part) or policy.pro_rata != "amount":
        return Fraction(1)
    return part.fraction


def with_newcomers(record: AllocationRecord, newcomers: tuple[PlacedRow, ...]) -> AllocationRecord:
    """The allocation with the placements mid-term vacancies added (the term's effective
    placements: the adopted run's rows, leavers included, and every newcomer's row)."""
    if not newcomers:
        return record
    return record.model_copy(
        update={
            "rows": record.rows + newcomers,
            "known_students": record.known_students | {r.student_id for r in newcomers},
            "known_units": record.known_units | {r.unit_code for r in newcomers},
        }
    )


__all__ = [
    "Part",
    "Period",
    "amount_part",
    "applies",
    "hours_cap",
    "part_of_month",
    "with_newcomers",
]
