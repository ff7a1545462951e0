"""Waiting lists checked against re-solving: one more seat, or a placed student gone, is taken
by the first student of the list."""

from __future__ import annotations

import random

import pytest

from hamyar.models import Gender, Policy, PriorityGroup, Problem
from hamyar.optimizer import solve
from hamyar.optimizer.waitlist import waiting_lists

F, M = Gender.female, Gender.male


@pytest.fixture(scope="module")
def instance(student, unit, problem_of):
    def _instance(seed: int, policy: Policy | None = None) -> Problem:
        """Students with distinct GPAs (no ties in the objective) over four units."""
        rng = random.Random(seed)
        codes = ["U1", "U2", "U3", "U4"]
        gpas = rng.sample(range(1200, 2000), 14)
        apps = [
            student(
                f"S{i:02d}",
                rng.sample(codes, rng.randint(1, 3)),
                gender=rng.choice([F, M]),
                gpa=gpas[i] / 100,
                groups=[PriorityGroup.shahed] if rng.random() < 0.2 else [],
            )
            for i in range(14)
        ]
        units = [unit(c, rng.randint(1, 2), rng.randint(0, 2)) for c in codes]
        return problem_of(apps, units, policy)

    return _instance


POLICIES = [
    Policy(),
    Policy(objective=("coverage", "gpa", "preference", "priority")),
    Policy(preference_mode="sum"),
    Policy(objective_mode="weighted"),
]


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("policy", POLICIES, ids=["default", "gpa-first", "sum", "weighted"])
def test_one_more_seat_goes_to_the_first_on_the_list(
    seed: int, policy: Policy, problem_of, eligibility_of, instance
) -> None:
    problem = instance(seed, policy)
    elig = eligibility_of(problem)
    allocation = solve(problem, elig)
    before = {a.student_id: a.unit_code for a in allocation.assignments}
    lists = waiting_lists(problem, elig, allocation)

    for (code, gender), entries in lists.items():
        if not entries or entries[0].placed_unit is not None:
            continue
        units = [
            u.model_copy(update={f"{gender.value}_seats": getattr(u, f"{gender.value}_seats") + 1})
            if u.code == code
            else u
            for u in problem.units
        ]
        bigger = problem_of(problem.applicants, units, policy)
        after = solve(bigger, eligibility_of(bigger), previous=before)
        now = {a.student_id: a.unit_code for a in after.assignments}
        newcomers = {s for s, u in now.items() if u == code and before.get(s) != code}
        assert newcomers == {entries[0].student_id}, (code, gender, entries)

    assert all(e.position == i for es in lists.values() for i, e in enumerate(es, start=1))


@pytest.mark.parametrize("seed", range(8))
def test_a_leaver_s_seat_goes_to_the_first_eligible_on_the_list(
    seed: int, problem_of, eligibility_of, instance
) -> None:
    problem = instance(seed)
    elig = eligibility_of(problem)
    allocation = solve(problem, elig)
    lists = waiting_lists(problem, elig, allocation)
    for a in allocation.assignments:
        waiting = [e for e in lists[(a.unit_code, a.gender)] if e.placed_unit is None]
        if not waiting:
            continue
        rest = [s for s in problem.applicants if s.student_id != a.student_id]
        smaller = problem_of(
            rest,
            problem.units,
            problem.policy.with_overrides({"keep_previous_mode": "hard"}, file="test"),
        )
        kept = {b.student_id: b.unit_code for b in allocation.assignments if b is not a}
        after = solve(smaller, eligibility_of(smaller), previous=kept)
        now = {b.student_id: b.unit_code for b in after.assignments}
        assert now.get(waiting[0].student_id) == a.unit_code
        assert {s: u for s, u in now.items() if s in kept} == kept
        return
    pytest.skip("no placed student with a waiting list in this instance")


def test_the_list_names_the_unplaced_before_those_placed_elsewhere(
    student, unit, problem_of, eligibility_of
) -> None:
    apps = [
        student("A", ["U1", "U2"], gpa=19),
        student("B", ["U1"], gpa=18),
        student("C", ["U1"], gpa=17),
        student("D", ["U2", "U1"], gpa=12),
    ]
    problem = problem_of(apps, [unit("U1", 1), unit("U2", 1)])
    elig = eligibility_of(problem)
    allocation = solve(problem, elig)
    placed = {a.student_id: a.unit_code for a in allocation.assignments}
    assert placed == {"A": "U1", "D": "U2"}
    entries = waiting_lists(problem, elig, allocation)[("U1", F)]
    assert [(e.student_id, e.placed_unit) for e in entries] == [
        ("B", None),
        ("C", None),
        ("D", "U2"),
    ]
    assert waiting_lists(problem, elig, allocation)[("U2", F)][0].student_id == "A"
