"""The payroll of one month from timesheets (rules P1–P5).

Every timesheet row is first checked on its own and against the allocation; a *bad row* is one
with an unknown student or unit, a month outside the allocation's term, or a second row for the
same (student, unit, month) — plus the rows the timesheet reader could not parse (negative or
non-numeric hours, a bad month). Bad rows stop the payroll unless they are explicitly skipped,
in which case they are listed and left out of every total.

The good rows of the month asked for are then sorted into:

* **paid** — the student is placed in that unit: ``amount = monthly_pay_rial(...)`` of
  :mod:`hamyar.models.pay`, with hours above ``policy.monthly_hours_cap`` cut to the cap and
  flagged (P3);
* **not payable** — the student is placed in another unit (P4: the second unit's hours are
  reported, never paid), not placed at all, or placed in the unit for none of the month's days
  (P5: the placement ended before the month or starts after it).

A placement that covers only part of the month (a mid-term vacancy; ``periods``) is paid pro
rata by days, rule P5 (:mod:`hamyar.payments.prorata`); its line shows the part (``days`` of
``month_days``).

Totals::

    unit subtotal = Σ amount over the unit's paid lines
    total         = Σ unit subtotals = Σ amount over all paid lines
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, computed_field

from hamyar.errors import InputError, Issue
from hamyar.io.allocation_dir import AllocationRecord
from hamyar.io.placements import PlacedRow
from hamyar.messages import Msg
from hamyar.models import Degree, JalaliMonth, MaritalStatus, Policy, Term, TimesheetRow, Unit
from hamyar.models.pay import (
    bonus_percent,
    monthly_pay_rial,
    multiplier,
    toman,
)
from hamyar.payments.prorata import Part, Period, amount_part, applies, hours_cap, part_of_month
from hamyar.payments.unpaid import NotPayable, not_payable_row, outside_placement
from hamyar.text import normalize_key


class BadRow(BaseModel):
    """A timesheet row left out of the payroll, with where and why."""

    model_config = ConfigDict(frozen=True)

    file: str | None
    row: int | None
    column: str | None
    message: str
    value: str | None = None

    @classmethod
    def of(cls, issue: Issue) -> BadRow:
        value = None if issue.value is None else str(issue.value)
        return cls(
            file=issue.file, row=issue.row, column=issue.column, message=issue.text(), value=value
        )

    def issue(self) -> Issue:
        return Issue(self.message, self.value, file=self.file, row=self.row, column=self.column)

    def __str__(self) -> str:
        return str(self.issue())


class PayLine(BaseModel):
    """One paid student: hours reported and paid, the rate and multipliers, the amount."""

    model_config = ConfigDict(frozen=True)

    student_id: str
    national_id: str | None
    first_name: str
    last_name: str
    degree: Degree
    marital_status: MaritalStatus
    unit_code: str
    unit_name_fa: str
    unit_name_en: str | None
    reported_hours: Decimal
    paid_hours: Decimal
    capped: bool
    """Rule P3: reported hours were above ``policy.monthly_hours_cap`` and were cut to it."""
    hourly_rate_rial: int
    multiplier: Decimal
    bonus_percent: int
    amount_rial: int
    sheba: str | None
    file: str | None = None
    row: int | None = None
    days: int | None = None
    """Rule P5: the days of the month the placement covers, for a part month (else ``None``)."""
    month_days: int | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def part(self) -> str | None:
        """``days/month_days`` of a part-month line (P5), ``None`` for a whole month."""
        return None if self.days is None else f"{self.days}/{self.month_days}"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def amount_toman(self) -> int:
        return toman(self.amount_rial)


class UnitSubtotal(BaseModel):
    """Paid students and amount of one unit."""

    model_config = ConfigDict(frozen=True)

    unit_code: str
    unit_name_fa: str
    unit_name_en: str | None
    students: int
    paid_hours: Decimal
    amount_rial: int


class Payroll(BaseModel):
    """The payroll of one month."""

    model_config = ConfigDict(frozen=True)

    month: JalaliMonth
    term: Term
    policy: Policy
    lines: tuple[PayLine, ...]
    units: tuple[UnitSubtotal, ...]
    total_rial: int
    not_payable: tuple[NotPayable, ...] = ()
    bad_rows: tuple[BadRow, ...] = ()
    no_timesheet: tuple[str, ...] = ()
    """Placed students with no timesheet row for the month (nothing to pay)."""
    other_month_rows: int = 0
    """Good rows of another month of the term, not part of this payroll."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total_toman(self) -> int:
        return toman(self.total_rial)

    @property
    def capped(self) -> tuple[PayLine, ...]:
        return tuple(line for line in self.lines if line.capped)

    @property
    def part_month(self) -> tuple[PayLine, ...]:
        """Lines of a placement that covers part of the month (P5)."""
        return tuple(line for line in self.lines if line.days is not None)


def cap_warnings(payroll: Payroll, column: str = "hours") -> list[Issue]:
    """Rule P3, located: every timesheet row whose hours were cut to the monthly cap."""
    return [
        Issue(
            Msg("pay.cap.above", hours=str(line.paid_hours)),
            str(line.reported_hours),
            file=line.file,
            row=line.row,
            column=column,
            severity="warning",
            rule="P3",
        )
        for line in sorted(payroll.capped, key=lambda line: (line.file or "", line.row or 0))
    ]


def term_months(term: Term, policy: Policy) -> list[JalaliMonth]:
    """The months of the term a payroll covers (``policy.months_per_term`` from its start)."""
    return term.months(
        policy.months_per_term, policy.semester1_start_month, policy.semester2_start_month
    )


def check_month(month: JalaliMonth, term: Term, policy: Policy) -> None:
    """The month asked for must be a payroll month of the allocation's term."""
    months = term_months(term, policy)
    if month not in months:
        raise InputError(
            Issue(
                Msg(
                    "pay.month.outside_term",
                    term=str(term),
                    first=str(months[0]),
                    last=str(months[-1]),
                ),
                str(month),
                column="--month",
            )
        )


def unit_names(record: AllocationRecord) -> dict[str, str]:
    """``{normalised code or name: unit code}`` of the allocation's units."""
    names: dict[str, str] = {normalize_key(code): code for code in record.known_units}
    for row in record.rows:
        for name in (row.unit_name_fa, row.unit_name_en):
            if name:
                names.setdefault(normalize_key(name), row.unit_code)
    return names


def bad_rows_of(
    rows: Sequence[TimesheetRow], record: AllocationRecord
) -> tuple[list[TimesheetRow], list[Issue]]:
    """Split rows into good ones and located issues: unknown student or unit, a month outside
    the term, a duplicate (student, unit, month).

    A unit may be written as its code or as the Persian or English name of a unit the
    allocation placed students in; good rows carry the code.
    """
    names = unit_names(record)
    months = set(term_months(record.term, record.policy))
    first_month, last_month = min(months), max(months)
    seen: dict[tuple[str, str, JalaliMonth], int | None] = {}
    good: list[TimesheetRow] = []
    issues: list[Issue] = []
    for ts in rows:
        found: list[Issue] = []
        code = names.get(normalize_key(ts.unit_code), ts.unit_code)
        if code != ts.unit_code:
            ts = ts.model_copy(update={"unit_code": code})

        def at(message: Msg, value: object, column: str, ts: TimesheetRow = ts) -> Issue:
            return Issue(message, value, file=ts.source.file, row=ts.source.row, column=column)

        if ts.student_id not in record.known_students:
            found.append(at(Msg("pay.row.unknown_student"), ts.student_id, "student_id"))
        if ts.unit_code not in record.known_units:
            found.append(at(Msg("pay.row.unknown_unit"), ts.unit_code, "unit_code"))
        if ts.month not in months:
            found.append(
                at(
                    Msg(
                        "pay.row.outside_term",
                        term=str(record.term),
                        first=str(first_month),
                        last=str(last_month),
                    ),
                    str(ts.month),
                    "month",
                )
            )
        key = (ts.student_id, ts.unit_code, ts.month)
        if key in seen:
            first = seen[key]
            also = Msg("pay.row.first_at", row=first) if first is not None else ""
            found.append(
                at(
                    Msg("pay.row.duplicate", also=also),
                    f"{ts.student_id} {ts.unit_code} {ts.month}",
                    "student_id",
                )
            )
        else:
            seen[key] = ts.source.row
        if found:
            issues.extend(found)
        else:
            good.append(ts)
    return good, issues


def _unit_of(placed: PlacedRow) -> Unit:
    """The unit of a placed row, as far as the pay formula needs it (code and area)."""
    return Unit(
        code=placed.unit_code,
        name_fa=placed.unit_name_fa,
        name_en=placed.unit_name_en,
        female_seats=0,
        male_seats=0,
        area=placed.unit_area,
    )


def pay_line(
    placed: PlacedRow, ts: TimesheetRow, policy: Policy, part: Part | None = None
) -> PayLine:
    """The paid line of a student's hours in the unit he or she is placed in (P1–P3), for
    ``part`` of the month (P5) when the placement covers only part of it."""
    unit = _unit_of(placed)
    cap = hours_cap(policy, part)
    hours = min(ts.hours, cap)
    shown = part if part is not None and applies(policy, part) else None
    return PayLine(
        student_id=placed.student_id,
        national_id=placed.national_id,
        first_name=placed.first_name,
        last_name=placed.last_name,
        degree=placed.degree,
        marital_status=placed.marital_status,
        unit_code=placed.unit_code,
        unit_name_fa=placed.unit_name_fa,
        unit_name_en=placed.unit_name_en,
        reported_hours=ts.hours,
        paid_hours=hours,
        capped=ts.hours > cap,
        hourly_rate_rial=policy.rate_for(placed.degree),
        multiplier=multiplier(placed.married, policy),
        bonus_percent=bonus_percent(policy, unit, placed.gpa),
        amount_rial=monthly_pay_rial(
            placed.degree,
            placed.married,
            hours,
            policy,
            unit=unit,
            gpa=placed.gpa,
            part=amount_part(policy, part),
        ),
        sheba=placed.sheba,
        file=ts.source.file,
        row=ts.source.row,
        days=shown.days if shown else None,
        month_days=shown.month_days if shown else None,
    )


def compute_payroll(
    record: AllocationRecord,
    month: JalaliMonth,
    rows: Iterable[TimesheetRow],
    *,
    read_errors: Iterable[Issue] = (),
    skip_bad_rows: bool = False,
    headers: Mapping[str, str] | None = None,
    periods: Mapping[str, Period] | None = None,
) -> Payroll:
    """The payroll of ``month`` for the allocation in ``record``.

    ``read_errors`` are the row-level errors the timesheet reader found (their rows are not in
    ``rows``). Any bad row raises :class:`InputError` listing all of them, unless
    ``skip_bad_rows``, in which case they are kept in :attr:`Payroll.bad_rows` and left out.
    ``headers`` (``{column: header as written}`` of the timesheets file) names each bad row's
    column as the file does. ``periods`` (``{student_id: Period}``) are the placements that do
    not cover the whole term (mid-term vacancies): rule P5 pays their part months pro rata.
    """
    policy = record.policy
    check_month(month, record.term, policy)
    good, issues = bad_rows_of(tuple(rows), record)
    if headers:
        issues = [
            dataclasses.replace(i, column=headers.get(i.column or "", i.column)) for i in issues
        ]
    all_bad = sorted(
        [*read_errors, *issues],
        key=lambda i: (i.file or "", i.row if i.row is not None else -1),
    )
    if all_bad and not skip_bad_rows:
        raise InputError(all_bad)
    placed_by_id = record.by_student()
    periods = periods or {}
    parts = {s: part_of_month(p, month) for s, p in periods.items()}
    lines: list[PayLine] = []
    not_payable: list[NotPayable] = []
    other_months = 0
    for ts in good:
        if ts.month != month:
            other_months += 1
            continue
        placed = placed_by_id.get(ts.student_id)
        part = parts.get(ts.student_id)
        if placed is not None and placed.unit_code == ts.unit_code and part and not part.days:
            not_payable.append(outside_placement(ts, placed, periods[ts.student_id]))
        elif placed is not None and placed.unit_code == ts.unit_code:
            lines.append(pay_line(placed, ts, policy, part))
        else:
            not_payable.append(not_payable_row(ts, placed))
    order = {r.unit_code: i for i, r in enumerate(sorted(record.rows, key=lambda r: r.unit_code))}
    lines.sort(key=lambda x: (order.get(x.unit_code, len(order)), x.last_name, x.student_id))
    units: dict[str, list[PayLine]] = {}
    for line in lines:
        units.setdefault(line.unit_code, []).append(line)
    subtotals = tuple(
        UnitSubtotal(
            unit_code=code,
            unit_name_fa=group[0].unit_name_fa,
            unit_name_en=group[0].unit_name_en,
            students=len(group),
            paid_hours=sum((x.paid_hours for x in group), Decimal(0)),
            amount_rial=sum(x.amount_rial for x in group),
        )
        for code, group in units.items()
    )
    paid_ids = {line.student_id for line in lines}
    return Payroll(
        month=month,
        term=record.term,
        policy=policy,
        lines=tuple(lines),
        units=subtotals,
        total_rial=sum(s.amount_rial for s in subtotals),
        not_payable=tuple(not_payable),
        bad_rows=tuple(BadRow.of(i) for i in all_bad),
        no_timesheet=tuple(
            r.student_id
            for r in record.rows
            if r.student_id not in paid_ids
            and (r.student_id not in parts or parts[r.student_id].days > 0)
        ),
        other_month_rows=other_months,
    )


__all__ = [
    "BadRow",
    "NotPayable",
    "PayLine",
    "Payroll",
    "UnitSubtotal",
    "bad_rows_of",
    "check_month",
    "compute_payroll",
    "pay_line",
    "term_months",
]
