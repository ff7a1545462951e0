"""Planned cost of an allocation: per student, per unit and in total, per month and for the term.

Every amount comes from :func:`hamyar.models.pay.planned_monthly_pay_rial` (the one pay
formula) at the unit's planned hours::

    student_month = monthly_pay(degree, married, planned_hours(unit), policy, unit, gpa)
    student_term  = student_month × months_per_term
    unit_month    = Σ student_month over the unit's students        (unit_term, total alike)

The monthly pay depends on the unit and the GPA only through the hours and the bonus percent,
so it is computed once per distinct degree, marital status, hours and bonus.
Sums are of whole rials, so the total equals the sum of the units and of the students exactly.
Toman is ``rial // 10`` of each figure (:func:`hamyar.models.pay.toman`); a toman total is
the toman of the rial total, not a sum of rounded tomans.
"""

from __future__ import annotations

from hamyar.collector import collector_paused
from hamyar.models import Allocation, Problem
from hamyar.models.costs import PlannedCost, StudentCost, UnitCost
from hamyar.models.pay import bonus_percent, multiplier, planned_hours, planned_monthly_pay_rial

__all__ = ["PlannedCost", "StudentCost", "UnitCost", "planned_cost"]


def planned_cost(problem: Problem, allocation: Allocation) -> PlannedCost:
    """The planned cost of every assignment of ``allocation`` under ``problem.policy``.

    An assignment naming a student or unit the problem does not know is a ``ValueError``
    (an allocation always comes from its own problem). The cyclic garbage collector is paused
    while the records are built (:func:`~hamyar.collector.collector_paused`).
    """
    with collector_paused():
        return _planned_cost(problem, allocation)


def _planned_cost(problem: Problem, allocation: Allocation) -> PlannedCost:
    policy = problem.policy
    months = policy.months_per_term
    students: list[StudentCost] = []
    per_unit: dict[str, list[StudentCost]] = {u.code: [] for u in problem.units}
    applicants, units_by_code = problem.applicant_by_id, problem.unit_by_code
    pay: dict[tuple[object, ...], int] = {}
    for assignment in allocation.assignments:
        applicant = applicants.get(assignment.student_id)
        unit = units_by_code.get(assignment.unit_code)
        if applicant is None or unit is None:
            raise ValueError(
                f"assignment {assignment.student_id} → {assignment.unit_code} names an unknown "
                "student or unit"
            )
        hours, married = planned_hours(unit, policy), applicant.married
        key = (applicant.degree, married, hours, bonus_percent(policy, unit, applicant.gpa))
        monthly = pay.get(key)
        if monthly is None:
            monthly = pay[key] = planned_monthly_pay_rial(applicant, unit, policy)
        cost = StudentCost(
            student_id=applicant.student_id,
            unit_code=unit.code,
            hours_per_month=hours,
            hourly_rate_rial=policy.rate_for(applicant.degree),
            multiplier=multiplier(married, policy),
            monthly_rial=monthly,
            term_rial=monthly * months,
        )
        students.append(cost)
        per_unit[unit.code].append(cost)
    units = tuple(
        UnitCost(
            unit_code=unit.code,
            unit_name_fa=unit.name_fa,
            students=len(per_unit[unit.code]),
            monthly_rial=sum(s.monthly_rial for s in per_unit[unit.code]),
            term_rial=sum(s.term_rial for s in per_unit[unit.code]),
        )
        for unit in problem.units
    )
    return PlannedCost(
        months_per_term=months,
        students=tuple(students),
        units=units,
        monthly_rial=sum(s.monthly_rial for s in students),
        term_rial=sum(s.term_rial for s in students),
    )
