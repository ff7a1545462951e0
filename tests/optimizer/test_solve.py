"""``solve``: hand-solved allocations pinned exactly, the stages and their methods, welfare
first against stable, determinism, and the result's fill, explanations and envy."""

from __future__ import annotations

import random

import pytest

from hamyar.models import Allocation, Gender, Policy, PriorityGroup, SolveStatus
from hamyar.models.pay import planned_term_cost_rial
from hamyar.optimizer import solve
from hamyar.optimizer.precedence import precedence_key, precedence_positions

F, M = Gender.female, Gender.male

EXEMPLARY = [PriorityGroup.exemplary]


@pytest.fixture(scope="module")
def hand_case(student, unit):
    def hand_case() -> tuple[list, list]:  # type: ignore[type-arg]
        """Five students, three units (X: 1 seat, Y: 2, Z: 1 female / 1 male).

        Priority first: p (exemplary, score 3) must be placed. Coverage next: all four women fit
        (X, Y, Y, Z) and the man takes Z's male seat. Then most first choices: p and r at their
        first choice... worked out in the test.
        """
        apps = [
            student("p", ["X", "Y"], groups=EXEMPLARY, gpa=15),
            student("q", ["X", "Z"], gpa=19),
            student("r", ["Y"], gpa=17),
            student("s", ["X", "Y", "Z"], gpa=16),
            student("m", ["Z", "X"], M, gpa=18),
        ]
        units = [unit("X", 1), unit("Y", 2), unit("Z", 1, 1)]
        return apps, units

    return hand_case


def test_hand_solved_lexicographic(problem_of, eligibility_of, placement_of, hand_case) -> None:
    apps, units = hand_case()
    problem = problem_of(apps, units)
    alloc = solve(problem, eligibility_of(problem))
    # priority: p placed (3). coverage: 5 (X, Y, Y, Z female, Z male). first choices: only one of
    # p, q, s can have X; r has Y; m has Z → 3 first choices at most, and the other two of
    # p, q, s must be at Y (p's 2nd, s's 2nd) or Z (q's 2nd, s's 3rd) with Y's second seat and
    # Z's female seat. Rank 2 is maximised next: X to q leaves p→Y (2nd) and s→Z (3rd), two
    # second choices need p→Y and q→Z (2nd) with s→X (1st). GPA decides nothing further.
    assert placement_of(alloc) == {"p": "Y", "q": "Z", "r": "Y", "s": "X", "m": "Z"}
    values = {s.name: s.value for s in alloc.stages}
    assert values == {
        "priority": 3.0,
        "coverage": 5.0,
        "preference:1": 3.0,
        "preference:2": 2.0,
        "preference:3": 0.0,
        "gpa": 85.0,
    }
    assert all(s.status is SolveStatus.optimal and s.bound == s.value for s in alloc.stages)
    assert {s.method for s in alloc.stages} == {"flow"}
    assert alloc.status is SolveStatus.optimal


def test_preference_sum_mode_counts_rank_scores(problem_of, eligibility_of, hand_case) -> None:
    apps, units = hand_case()
    problem = problem_of(apps, units, Policy(preference_mode="sum"))
    alloc = solve(problem, eligibility_of(problem))
    names = [s.name for s in alloc.stages]
    assert names == ["priority", "coverage", "preference", "gpa"]
    # R = 3: rank scores 3, 2, 1; three first choices and two second choices = 9 + 4.
    assert alloc.stages[2].value == 13.0


def test_weighted_mode_is_one_stage(problem_of, eligibility_of, hand_case) -> None:
    apps, units = hand_case()
    weights = {"priority": 0, "coverage": 1, "preference": 0, "gpa": 0}
    problem = problem_of(apps, units, Policy(objective_mode="weighted", objective_weights=weights))
    alloc = solve(problem, eligibility_of(problem))
    assert [(s.name, s.value) for s in alloc.stages] == [("weighted", 5.0)]


def test_priority_comes_before_coverage(
    student, unit, problem_of, eligibility_of, placement_of
) -> None:
    # One seat; the exemplary student beats two others who could fill... only one seat anyway,
    # and with X and Y the high-score student takes the contested unit only if needed.
    apps = [student("hi", ["X"], groups=EXEMPLARY, gpa=14), student("lo", ["X"], gpa=20)]
    problem = problem_of(apps, [unit("X", 1)])
    alloc = solve(problem, eligibility_of(problem))
    assert placement_of(alloc) == {"hi": "X"}


def test_priority_and_coverage_orders_reach_the_same_values(random_instance) -> None:
    # Sets of students that can be placed together form a (transversal) matroid, so with
    # non-negative scores a maximum-score set extends to a maximum-size one: either order of
    # the two terms reaches both optima.
    rng = random.Random(21)
    problem, eligibility = random_instance(rng, 50, 6, max_seats=4)
    values = []
    for objective in (("priority", "coverage"), ("coverage", "priority")):
        changed = problem.model_copy(update={"policy": Policy(objective=objective)})
        alloc = solve(changed, eligibility)
        values.append({s.name: s.value for s in alloc.stages})
    assert values[0] == values[1]


@pytest.fixture(scope="module")
def welfare_vs_stable_case(student, unit):
    def welfare_vs_stable_case() -> tuple[list, list]:  # type: ignore[type-arg]
        # s1 (GPA 19) prefers X to Y; s2 (GPA 15) wants X only. One seat each.
        return [student("s1", ["X", "Y"], gpa=19), student("s2", ["X"], gpa=15)], [
            unit("X", 1),
            unit("Y", 1),
        ]

    return welfare_vs_stable_case


def test_welfare_first_lists_the_justified_envy_it_causes(
    problem_of, eligibility_of, placement_of, welfare_vs_stable_case
) -> None:
    apps, units = welfare_vs_stable_case()
    problem = problem_of(apps, units)
    alloc = solve(problem, eligibility_of(problem))
    assert placement_of(alloc) == {"s1": "Y", "s2": "X"}
    assert [(e.student_id, e.unit_code, e.displaced_student_id) for e in alloc.envy_pairs] == [
        ("s1", "X", "s2")
    ]
    (why,) = alloc.explanations
    assert why.student_id == "s1" and why.units[0].kind == "stability"


def test_stable_mode_has_no_envy_and_uses_deferred_acceptance(
    problem_of, eligibility_of, placement_of, welfare_vs_stable_case
) -> None:
    apps, units = welfare_vs_stable_case()
    problem = problem_of(apps, units, Policy(stable=True))
    alloc = solve(problem, eligibility_of(problem))
    assert placement_of(alloc) == {"s1": "X"}
    assert alloc.envy_pairs == ()
    assert {s.method for s in alloc.stages} == {"deferred-acceptance"}
    assert alloc.status is SolveStatus.optimal


def test_stable_mode_with_ties_finds_the_best_stable_allocation(
    student, unit, problem_of, eligibility_of, placement_of
) -> None:
    # a ranks X and Y equally (an area); b asks for X only. a→X is stable (b's claim is weaker)
    # but a→Y, b→X is stable too and places both: CP-SAT must find it.
    apps = [student("a", ["north"], gpa=19), student("b", ["X"], gpa=15)]
    units = [unit("X", 1, area="north"), unit("Y", 1, area="north")]
    problem = problem_of(apps, units, Policy(stable=True))
    alloc = solve(problem, eligibility_of(problem))
    assert placement_of(alloc) == {"a": "Y", "b": "X"}
    assert alloc.envy_pairs == ()
    assert "cp-sat" in alloc.stages[0].method


def test_deterministic_same_input_same_allocation(random_instance) -> None:
    rng = random.Random(7)
    problem, eligibility = random_instance(rng, 60, 8, max_seats=4, pins=0.05)
    first = solve(problem, eligibility)
    second = solve(problem, eligibility)
    assert first.assignments == second.assignments
    assert [a.unit_code for a in first.assignments] == sorted(
        a.unit_code for a in first.assignments
    )
    stable = problem.model_copy(update={"policy": Policy(stable=True)})
    assert solve(stable, eligibility).assignments == solve(stable, eligibility).assignments


def test_deterministic_under_a_binding_budget(random_instance) -> None:
    """Budgeted levels race two CP-SAT searches; the one kept is decided by proof, not by
    which thread ends first: three runs, one allocation."""
    rng = random.Random(5)
    problem, eligibility = random_instance(rng, 120, 10, max_seats=6)
    free = solve(problem, eligibility)
    by_id, units = problem.applicant_by_id, problem.unit_by_code
    cost = sum(
        planned_term_cost_rial(by_id[a.student_id], units[a.unit_code], problem.policy)
        for a in free.assignments
    )
    policy = problem.policy.with_overrides({"budget_term_rial": cost * 9 // 10})
    budgeted = problem.model_copy(update={"policy": policy})
    runs = [solve(budgeted, eligibility) for _ in range(3)]
    assert all(s.method != "flow" for s in runs[0].stages[1:])  # the budget binds
    assert runs[0].status is SolveStatus.optimal
    assert runs[0].assignments == runs[1].assignments == runs[2].assignments


def test_input_order_does_not_change_the_assignments(random_instance) -> None:
    rng = random.Random(11)
    problem, eligibility = random_instance(rng, 40, 6, max_seats=3)
    shuffled = problem.model_copy(update={"applicants": tuple(reversed(problem.applicants))})
    assert solve(problem, eligibility).assignments == solve(shuffled, eligibility).assignments


def test_precedence_positions_follow_precedence_key(random_instance) -> None:
    rng = random.Random(3)
    problem, _ = random_instance(rng, 30, 4)
    positions = precedence_positions(problem)
    ranked = sorted(problem.applicants, key=lambda a: precedence_key(a, problem.policy))
    assert [a.student_id for a in ranked] == sorted(positions, key=positions.__getitem__)


def test_no_one_eligible_gives_an_empty_optimal_allocation(
    student, unit, problem_of, eligibility_of
) -> None:
    problem = problem_of([student("a", ["X"])], [unit("X", 1)])
    alloc = solve(problem, eligibility_of(problem, ineligible=["a"]))
    assert alloc.status is SolveStatus.optimal and alloc.placed == 0
    assert alloc.explanations == ()  # ineligible applicants are explained by eligibility


def test_result_fields_and_summary(problem_of, eligibility_of, hand_case) -> None:
    apps, units = hand_case()
    problem = problem_of(apps, units, Policy(min_fill="0.5"))
    alloc = solve(problem, eligibility_of(problem))
    assert isinstance(alloc, Allocation)
    assert [(f.unit_code, f.gender, f.seats, f.min_fill) for f in alloc.fill] == [
        ("X", F, 1, 1),
        ("Y", F, 2, 1),
        ("Z", F, 1, 1),
        ("Z", M, 1, 1),
    ]
    ranks = {a.student_id: a.preference_rank for a in alloc.assignments}
    assert ranks == {"p": 2, "q": 2, "r": 1, "s": 1, "m": 1}
    assert {a.student_id: a.priority_score for a in alloc.assignments}["p"] == 3
    assert alloc.summary().startswith("optimal: 5 placed")
    assert alloc.wall_time_s > 0


def test_time_limit_returns_a_stable_allocation_at_worst(random_instance) -> None:
    rng = random.Random(5)
    problem, eligibility = random_instance(rng, 80, 6, max_seats=6, areas=True)
    problem = problem.model_copy(update={"policy": Policy(stable=True, pins="soft")})
    alloc = solve(problem, eligibility, time_limit_s=0.001)
    assert alloc.status in (SolveStatus.optimal, SolveStatus.feasible)
    assert alloc.envy_pairs == ()


@pytest.mark.parametrize("stable", [False, True])
def test_pins_outside_the_preferences_keep_their_rank_from_eligibility(
    stable: bool, student, unit, problem_of, eligibility_of
) -> None:
    apps = [student("a", ["Y"], current="X"), student("b", ["X"])]
    problem = problem_of(apps, [unit("X", 1), unit("Y", 1)], Policy(stable=stable))
    alloc = solve(problem, eligibility_of(problem))
    by = {a.student_id: a for a in alloc.assignments}
    assert by["a"].unit_code == "X" and by["a"].pinned and by["a"].preference_rank == 2
    assert "b" not in by
