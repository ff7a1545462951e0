"""The key figures of one run, computed once and shown everywhere (summary table, summary.json,
the workbook's Summary sheet, scenario comparisons).

* ``first_choice_share = placed at rank 1 / placed`` (0 when nobody is placed);
* ``seats_left[g] = Σ_u seats(u, g) − placed(g)``;
* ``priority_placed[group]`` counts placed students in each priority group (a student in two
  groups counts in both).
"""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, ConfigDict

from hamyar.models import Allocation, EligibilityResult, Gender, PriorityGroup, Problem


class Kpis(BaseModel):
    """What a planner looks at first."""

    model_config = ConfigDict(frozen=True)

    applicants: int
    eligible: int
    placed: int
    placed_by_gender: dict[Gender, int]
    seats_by_gender: dict[Gender, int]
    seats_left_by_gender: dict[Gender, int]
    first_choice_share: float
    rank_distribution: dict[int, int]
    priority_placed: dict[str, int]
    priority_eligible: dict[str, int]
    justified_envy: int
    min_fill_missed: int
    monthly_cost_rial: int
    term_cost_rial: int
    status: str
    gap: float
    solve_time_s: float


def compute_kpis(
    problem: Problem,
    eligibility: EligibilityResult,
    allocation: Allocation,
    monthly_cost_rial: int,
    term_cost_rial: int,
) -> Kpis:
    """Count the key figures of a run (costs come from the payments stage)."""
    placed_by_gender = {g: 0 for g in Gender}
    for a in allocation.assignments:
        placed_by_gender[a.gender] += 1
    seats = {g: sum(u.seats(g) for u in problem.units) for g in Gender}
    rank_dist = allocation.rank_distribution()
    placed = allocation.placed
    eligible_ids = set(eligibility.eligible_ids)
    placed_ids = allocation.by_student
    eligible_in: Counter[PriorityGroup] = Counter()
    placed_in: Counter[PriorityGroup] = Counter()
    for app in problem.applicants:
        groups = app.priority_groups
        if groups:
            if app.student_id in eligible_ids:
                eligible_in.update(groups)
            if app.student_id in placed_ids:
                placed_in.update(groups)
    priority_eligible = {g.value: n for g, n in eligible_in.items()}
    priority_placed = {g.value: n for g, n in placed_in.items()}
    gap = max((s.gap for s in allocation.stages), default=0.0)
    return Kpis(
        applicants=len(problem.applicants),
        eligible=len(eligible_ids),
        placed=placed,
        placed_by_gender=placed_by_gender,
        seats_by_gender=seats,
        seats_left_by_gender={g: seats[g] - placed_by_gender[g] for g in Gender},
        first_choice_share=(rank_dist.get(1, 0) / placed) if placed else 0.0,
        rank_distribution=rank_dist,
        priority_placed=dict(sorted(priority_placed.items())),
        priority_eligible=dict(sorted(priority_eligible.items())),
        justified_envy=len(allocation.envy_pairs),
        min_fill_missed=sum(1 for f in allocation.fill if f.missed_min_fill),
        monthly_cost_rial=monthly_cost_rial,
        term_cost_rial=term_cost_rial,
        status=allocation.status.value,
        gap=gap,
        solve_time_s=allocation.wall_time_s,
    )
