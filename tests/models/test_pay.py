"""The one pay formula (P1–P3): rates, married multiplier, cap, rounding, bonus rules."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamyar.models import BonusRule, Degree, Policy
from hamyar.models.pay import (
    bonus_percent,
    monthly_pay_rial,
    planned_hours,
    planned_monthly_pay_rial,
    planned_term_cost_rial,
    toman,
)

POLICY = Policy()
BONUS = BonusRule(
    name="education and research", percent=20, min_gpa=Decimal(17), areas=("education",)
)


@pytest.mark.parametrize(
    ("degree", "rate"),
    [
        (Degree.associate, 180_000),  # assumption: bachelor's rate
        (Degree.bachelor_continuous, 180_000),  # P1
        (Degree.bachelor_discontinuous, 180_000),  # P1
        (Degree.master_continuous, 200_000),  # P1
        (Degree.master_discontinuous, 200_000),  # P1
        (Degree.professional_doctorate, 250_000),  # assumption: PhD rate
        (Degree.phd, 250_000),  # P1
    ],
)
def test_p1_rate_of_each_degree(degree: Degree, rate: int) -> None:
    assert monthly_pay_rial(degree, False, Decimal(10), POLICY) == 10 * rate


@pytest.mark.parametrize(
    ("degree", "married", "hours", "expected"),
    [
        (Degree.bachelor_continuous, False, Decimal(40), 7_200_000),
        (Degree.bachelor_continuous, True, Decimal(40), 10_800_000),  # P2: × 1.5
        (Degree.master_discontinuous, True, Decimal(40), 12_000_000),
        (Degree.phd, True, Decimal(40), 15_000_000),
        (Degree.phd, False, Decimal("37.5"), 9_375_000),
        (Degree.phd, False, Decimal(0), 0),
    ],
)
def test_p2_married_multiplier(
    degree: Degree, married: bool, hours: Decimal, expected: int
) -> None:
    assert monthly_pay_rial(degree, married, hours, POLICY) == expected


@pytest.mark.parametrize(
    ("hours", "paid"),
    [
        (Decimal(79), Decimal(79)),
        (Decimal(80), Decimal(80)),  # exactly the cap
        (Decimal("80.5"), Decimal(80)),  # P3: cut to the cap
        (Decimal(200), Decimal(80)),
    ],
)
def test_p3_monthly_cap(hours: Decimal, paid: Decimal) -> None:
    assert monthly_pay_rial(Degree.master_continuous, False, hours, POLICY) == paid * 200_000


@pytest.mark.parametrize(
    ("rate", "multiplier", "married", "hours", "expected"),
    [
        (33_333, "1.5", False, Decimal("0.5"), 16_666),  # 16,666.5 -> down
        (100_001, "1.5", False, Decimal(1), 100_001),  # single: no multiplier
        (100_001, "1.5", True, Decimal(1), 150_001),  # married: 150,001.5 -> down
        (180_000, "1.5", True, Decimal("0.01"), 2_700),
        (1, "1.5", True, Decimal("0.3"), 0),  # 0.45 rial -> 0
        (7, "1.33", True, Decimal(3), 27),  # 27.93 -> 27, never rounded up
    ],
)
def test_rounding_drops_fractions_of_a_rial(
    rate: int, multiplier: str, married: bool, hours: Decimal, expected: int
) -> None:
    policy = Policy(
        hourly_rate_rial={Degree.bachelor_continuous: rate},
        married_multiplier=Decimal(multiplier),
    )
    pay = monthly_pay_rial(Degree.bachelor_continuous, married, hours, policy)
    assert isinstance(pay, int)
    assert pay == expected


def test_negative_hours_refused() -> None:
    with pytest.raises(ValueError, match="hours must be >= 0"):
        monthly_pay_rial(Degree.phd, False, Decimal(-1), POLICY)


@pytest.mark.parametrize(
    ("rules", "code", "gpa", "percent"),
    [
        ((), "EDU", 19.0, 0),  # off by default
        ((BONUS,), "EDU", 18.0, 20),  # education area, GPA above the threshold
        ((BONUS,), "EDU", 17.0, 20),  # GPA exactly at the threshold
        ((BONUS,), "EDU", 16.99, 0),  # GPA below
        ((BONUS,), "RES", 19.0, 0),  # another area
        ((BONUS,), None, 19.0, 0),  # unit unknown
        ((BonusRule(name="lib", percent=10, unit_codes=("LIB",)),), "LIB", None, 10),
        ((BonusRule(name="all", percent=5),), "RES", None, 5),  # no unit named: every unit
        ((BONUS, BonusRule(name="all", percent=5)), "EDU", 18.0, 20),  # no stacking: the largest
    ],
)
def test_bonus_rule(
    rules: tuple[BonusRule, ...], code: str | None, gpa: float | None, percent: int, pay_units
) -> None:
    unit = pay_units.get(code)
    policy = Policy(bonus_rules=rules)
    assert bonus_percent(policy, unit, gpa) == percent  # type: ignore[arg-type]
    pay = monthly_pay_rial(Degree.master_continuous, True, Decimal(10), policy, unit=unit, gpa=gpa)  # type: ignore[arg-type]
    assert pay == 10 * 200_000 * 3 // 2 * (100 + percent) // 100


def test_planned_hours_and_term_cost(pay_units, pay_applicant) -> None:
    app = pay_applicant("s1", Degree.phd, married=True)
    assert planned_hours(pay_units["RES"], POLICY) == 60
    assert planned_hours(pay_units["LIB"], POLICY) == POLICY.default_hours_per_month == 40
    assert planned_monthly_pay_rial(app, pay_units["RES"], POLICY) == 60 * 250_000 * 3 // 2
    assert planned_term_cost_rial(app, pay_units["RES"], POLICY) == 4 * 60 * 250_000 * 3 // 2
    policy = Policy(months_per_term=5, default_hours_per_month=Decimal(30))
    assert planned_term_cost_rial(app, pay_units["LIB"], policy) == 5 * 30 * 250_000 * 3 // 2


def test_planned_pay_applies_the_bonus_of_the_unit_and_gpa(pay_units, pay_applicant) -> None:
    policy = Policy(bonus_rules=(BONUS,))
    good = pay_applicant("s1", Degree.bachelor_continuous, gpa=18.5)
    weak = pay_applicant("s2", Degree.bachelor_continuous, gpa=15.0)
    assert planned_monthly_pay_rial(good, pay_units["EDU"], policy) == 40 * 180_000 * 120 // 100
    assert planned_monthly_pay_rial(weak, pay_units["EDU"], policy) == 40 * 180_000


def test_toman_is_rial_over_ten_rounded_down() -> None:
    assert [toman(x) for x in (0, 9, 10, 7_200_005)] == [0, 0, 1, 720_000]


HOURS = st.decimals(min_value=0, max_value=300, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=80, deadline=None)
@given(
    degree=st.sampled_from(list(Degree)),
    married=st.booleans(),
    bonus=st.booleans(),
    cap=st.integers(min_value=1, max_value=200),
    a=HOURS,
    b=HOURS,
)
def test_pay_monotone_in_hours_and_bounded_by_the_cap(
    degree: Degree, married: bool, bonus: bool, cap: int, a: Decimal, b: Decimal, pay_units
) -> None:
    policy = Policy(monthly_hours_cap=Decimal(cap), bonus_rules=(BONUS,) if bonus else ())
    low, high = sorted((a, b))
    kw = {"unit": pay_units["EDU"], "gpa": 18.0}
    pay_low = monthly_pay_rial(degree, married, low, policy, **kw)  # type: ignore[arg-type]
    pay_high = monthly_pay_rial(degree, married, high, policy, **kw)  # type: ignore[arg-type]
    assert 0 <= pay_low <= pay_high
    bound = (
        Fraction(cap)
        * policy.rate_for(degree)
        * Fraction(policy.married_multiplier if married else 1)
        * Fraction(120 if bonus else 100, 100)
    )
    assert pay_high <= bound
