"""The one pay formula (rules P1–P3), used by the optimizer's budget, the reports and the payroll.

For a student of degree ``d`` working ``h`` hours in a month::

    paid_hours = min(h, monthly_hours_cap)                        (P3: the monthly cap)
    exact      = paid_hours × rate[d] × m × (100 + b) / 100
    pay        = ⌊exact⌋                                          (whole rials, fractions dropped)

where ``rate[d]`` is ``policy.hourly_rate_rial[d]`` (P1; the associate and professional doctorate
rates are assumptions, see :data:`hamyar.models.policy.ASSUMPTIONS`), ``m`` is
``policy.married_multiplier`` (P2, 1.5) for a married student and 1 otherwise, and ``b`` is the
bonus percent of the policy's bonus rules that apply (0 when none applies; rules do not stack,
the largest applicable percent is used).

Rounding rule: the exact product is computed as a :class:`fractions.Fraction` from the Decimal
inputs and rounded **down** to a whole rial, once, at the end (so a payroll never pays a fraction
of a rial more than the formula gives). No floating point touches money.

Toman, the unit people talk in, is ``rial // 10`` (whole toman, fractions dropped; see
:func:`toman`).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hamyar.messages import Msg
from hamyar.models.enums import Degree
from hamyar.models.people import Applicant, Unit
from hamyar.models.policy import BonusRule, Policy
from hamyar.text import normalize_key


def toman(rial: int) -> int:
    """Whole toman of an amount in rials: ``rial // 10`` (a fraction of a toman is dropped)."""
    return rial // 10


def paid_hours(hours: Decimal, policy: Policy) -> Decimal:
    """``min(hours, policy.monthly_hours_cap)``; negative hours are a ``ValueError``."""
    if hours < 0:
        raise ValueError(Msg("models.pay.negative_hours", hours=str(hours)))
    return min(hours, policy.monthly_hours_cap)


def multiplier(married: bool, policy: Policy) -> Decimal:
    """Rule P2: ``policy.married_multiplier`` for a married student, else 1."""
    return policy.married_multiplier if married else Decimal(1)


def bonus_rule_applies(rule: BonusRule, unit: Unit | None, gpa: float | None) -> bool:
    """A bonus rule applies when the unit is one of its ``unit_codes`` or in one of its
    ``areas`` (a rule naming neither applies to every unit) and the student's GPA is at least
    ``min_gpa`` (an unknown GPA meets only ``min_gpa = 0``)."""
    if rule.unit_codes or rule.areas:
        if unit is None:
            return False
        in_codes = unit.code in rule.unit_codes
        areas = {normalize_key(a) for a in rule.areas}
        in_areas = unit.area is not None and normalize_key(unit.area) in areas
        if not (in_codes or in_areas):
            return False
    if rule.min_gpa > 0:
        if gpa is None:
            return False
        return Decimal(str(gpa)) >= rule.min_gpa
    return True


def bonus_percent(policy: Policy, unit: Unit | None = None, gpa: float | None = None) -> int:
    """The bonus percent that applies: the largest of the applicable rules, 0 when none does."""
    return max(
        (r.percent for r in policy.bonus_rules if bonus_rule_applies(r, unit, gpa)), default=0
    )


def monthly_pay_rial(
    degree: Degree,
    married: bool,
    hours: Decimal,
    policy: Policy,
    *,
    unit: Unit | None = None,
    gpa: float | None = None,
    part: Fraction = Fraction(1),
) -> int:
    """Pay for one month in whole rials (rules P1–P3)::

        ⌊ min(hours, cap) × rate[degree] × (married ? married_multiplier : 1) × (100 + b) / 100
          × part ⌋

    ``b`` is :func:`bonus_percent` for ``unit`` and ``gpa`` (0 unless the policy has bonus rules);
    ``part`` is the share of the month a placement covers when rule P5 scales the amount
    (:mod:`hamyar.payments.prorata`), 1 otherwise. Raises ``ValueError`` for negative hours.
    """
    exact = (
        Fraction(paid_hours(Decimal(hours), policy))
        * policy.rate_for(degree)
        * Fraction(multiplier(married, policy))
        * Fraction(100 + bonus_percent(policy, unit, gpa), 100)
        * part
    )
    return exact.numerator // exact.denominator


def planned_hours(unit: Unit, policy: Policy) -> Decimal:
    """Hours a unit plans per student and month: ``unit.hours_per_month`` or the policy default."""
    return (
        unit.hours_per_month
        if unit.hours_per_month is not None
        else (policy.default_hours_per_month)
    )


def planned_monthly_pay_rial(applicant: Applicant, unit: Unit, policy: Policy) -> int:
    """:func:`monthly_pay_rial` of the applicant at the unit's planned hours."""
    return monthly_pay_rial(
        applicant.degree,
        applicant.married,
        planned_hours(unit, policy),
        policy,
        unit=unit,
        gpa=applicant.gpa,
    )


def planned_term_cost_rial(applicant: Applicant, unit: Unit, policy: Policy) -> int:
    """Planned cost of one placement for the term: monthly pay × ``policy.months_per_term``."""
    return planned_monthly_pay_rial(applicant, unit, policy) * policy.months_per_term
