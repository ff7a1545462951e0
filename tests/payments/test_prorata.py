"""Rule P5: part months of mid-term vacancies, pro rata by the Jalali month's days, against
amounts computed by hand."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from hamyar.io.allocation_dir import AllocationRecord
from hamyar.io.placements import placed_rows
from hamyar.models import Degree, JalaliDate, JalaliMonth, Policy, Term, TimesheetRow
from hamyar.payments.payroll import compute_payroll
from hamyar.payments.prorata import Part, Period, hours_cap, part_of_month

AZAR = JalaliMonth(year=1402, month=9)  # 30 days
DEY = JalaliMonth(year=1402, month=10)
ABAN = JalaliMonth(year=1402, month=8)

PLACED = {"leaver": "EDU", "newcomer": "EDU", "stays": "RES"}
VACANCY = JalaliDate(year=1402, month=9, day=15)
PERIODS = {
    "leaver": Period(end=VACANCY.plus_days(-1)),
    "newcomer": Period(start=VACANCY),
}


def d(text: str) -> JalaliDate:
    return JalaliDate.parse(text)


def test_month_lengths_and_days_in_a_period() -> None:
    assert [JalaliMonth(year=1402, month=m).days for m in (1, 6, 7, 11, 12)] == [31, 31, 30, 30, 29]
    assert JalaliMonth(year=1403, month=12).days == 30  # 1403 is a leap year
    assert Period(end=d("1402/09/14")).days_in(AZAR) == 14
    assert Period(start=d("1402/09/15")).days_in(AZAR) == 16
    assert Period(start=d("1402/09/15")).days_in(ABAN) == 0
    assert Period(end=d("1402/09/14")).days_in(DEY) == 0
    assert Period(start=d("1402/09/03"), end=d("1402/09/10")).days_in(AZAR) == 8
    assert Period(start=d("1402/12/20")).days_in(JalaliMonth(year=1402, month=12)) == 10
    assert str(part_of_month(Period(end=d("1402/07/30")), JalaliMonth(year=1402, month=7))) == (
        "30/30"
    )
    assert d("1402/07/01").plus_days(-1) == d("1402/06/31")


@pytest.mark.parametrize(
    ("days", "month_days", "cap"),
    [(14, 30, "37.33"), (16, 30, "42.66"), (1, 31, "2.58"), (15, 30, "40"), (30, 30, "80")],
)
def test_the_cap_of_a_part_month(days: int, month_days: int, cap: str) -> None:
    # ⌊80 × d / D × 100⌋ / 100: 80 × 14/30 = 37.333…, 80 × 16/30 = 42.666…, 80/31 = 2.580…
    assert hours_cap(Policy(), Part(days, month_days)) == Decimal(cap)
    assert hours_cap(Policy(pro_rata="none"), Part(days, month_days)) == 80
    assert hours_cap(Policy(pro_rata="amount"), Part(days, month_days)) == 80


Record = Callable[[Policy], AllocationRecord]


@pytest.fixture
def record(pay_applicant, pay_problem, allocation) -> Record:
    """The allocation of a leaver (PhD, married: 250,000 × 1.5), the newcomer who takes the
    seat (bachelor: 180,000) and one who stays (master: 200,000), under a policy."""
    applicants = [
        pay_applicant("leaver", Degree.phd, married=True),
        pay_applicant("newcomer", Degree.bachelor_continuous),
        pay_applicant("stays", Degree.master_continuous),
    ]

    def make(policy: Policy) -> AllocationRecord:
        prob = pay_problem(applicants, policy)
        return AllocationRecord(
            folder="-",
            term=prob.term,
            policy=policy,
            rows=placed_rows(prob, allocation(PLACED, prob)),
            known_students=frozenset(PLACED),
            known_units=frozenset(u.code for u in prob.units),
        )

    return make


def _rows(month: JalaliMonth, leaver: str, newcomer: str, stays: str = "40") -> list[TimesheetRow]:
    hours = {"leaver": leaver, "newcomer": newcomer, "stays": stays}
    return [
        TimesheetRow(student_id=s, unit_code=PLACED[s], month=month, hours=Decimal(h))
        for s, h in hours.items()
    ]


def test_cap_mode_pays_the_hours_up_to_the_part_month_cap(record: Record) -> None:
    payroll = compute_payroll(
        record(Policy()), AZAR, _rows(AZAR, "50", "30", "90"), periods=PERIODS
    )
    lines = {x.student_id: x for x in payroll.lines}
    # leaver: 14/30 of Azar, cap 37.33 h; 37.33 × 250,000 × 1.5 = 13,998,750
    assert (lines["leaver"].days, lines["leaver"].month_days) == (14, 30)
    assert lines["leaver"].paid_hours == Decimal("37.33") and lines["leaver"].capped
    assert lines["leaver"].amount_rial == 13_998_750
    # newcomer: 16/30, cap 42.66 h, 30 h reported: 30 × 180,000 = 5,400,000
    assert lines["newcomer"].part == "16/30" and not lines["newcomer"].capped
    assert lines["newcomer"].amount_rial == 5_400_000
    # everyone else: the whole month, the whole cap: 80 × 200,000
    assert lines["stays"].part is None and lines["stays"].amount_rial == 16_000_000
    assert payroll.total_rial == 13_998_750 + 5_400_000 + 16_000_000
    assert [x.student_id for x in payroll.part_month] == ["leaver", "newcomer"]


def test_amount_mode_pays_the_part_of_the_month_s_amount(record: Record) -> None:
    payroll = compute_payroll(
        record(Policy(pro_rata="amount")), AZAR, _rows(AZAR, "50", "30"), periods=PERIODS
    )
    lines = {x.student_id: x for x in payroll.lines}
    # ⌊50 × 250,000 × 1.5 × 14/30⌋ = ⌊8,750,000⌋; ⌊30 × 180,000 × 16/30⌋ = 2,880,000
    assert lines["leaver"].paid_hours == 50 and lines["leaver"].amount_rial == 8_750_000
    assert lines["newcomer"].amount_rial == 2_880_000
    # a fraction of a rial is dropped once, at the end; Esfand 1402 has 29 days:
    # ⌊7 × 180,000 × 10/29⌋ = ⌊434,482.75…⌋, ⌊1 × 375,000 × 19/29⌋ = ⌊245,689.65…⌋
    winter = record(Policy(pro_rata="amount")).model_copy(
        update={"term": Term(year=1402, semester=2)}
    )
    esfand = JalaliMonth(year=1402, month=12)
    odd = compute_payroll(
        winter,
        esfand,
        _rows(esfand, "1", "7"),
        periods={
            "leaver": Period(end=d("1402/12/19")),
            "newcomer": Period(start=d("1402/12/20")),
        },
    )
    amounts = {x.student_id: (x.part, x.amount_rial) for x in odd.lines}
    assert amounts == {
        "leaver": ("19/29", 245_689),
        "newcomer": ("10/29", 434_482),
        "stays": (None, 40 * 200_000),
    }


def test_none_mode_pays_a_whole_month_and_shows_no_part(record: Record) -> None:
    payroll = compute_payroll(
        record(Policy(pro_rata="none")), AZAR, _rows(AZAR, "50", "30"), periods=PERIODS
    )
    assert not payroll.part_month
    assert {x.student_id: x.amount_rial for x in payroll.lines} == {
        "leaver": 50 * 375_000,
        "newcomer": 30 * 180_000,
        "stays": 40 * 200_000,
    }


def test_months_outside_a_placement_are_not_payable(record: Record) -> None:
    whole = record(Policy())
    later = compute_payroll(whole, DEY, _rows(DEY, "20", "40"), periods=PERIODS)
    parts = {x.student_id: x.part for x in later.lines}
    assert parts == {"newcomer": None, "stays": None}  # the newcomer's Dey is a whole month
    (gone,) = later.not_payable
    assert (gone.student_id, gone.kind, gone.rule) == ("leaver", "outside_placement", "P5")
    assert "ended on 1402/09/14" in gone.message_en
    earlier = compute_payroll(whole, ABAN, _rows(ABAN, "40", "10"), periods=PERIODS)
    (early,) = earlier.not_payable
    assert early.student_id == "newcomer" and "starts on 1402/09/15" in early.message_en
    # neither is missed for want of a timesheet row in a month the placement does not cover
    none = compute_payroll(whole, DEY, _rows(DEY, "0", "0")[2:], periods=PERIODS)
    assert none.no_timesheet == ("newcomer",)
