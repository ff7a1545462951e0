"""Optimality against brute force over every allocation (up to 8 applicants), the rules on
random instances (Hypothesis), the greedy-by-precedence floor, and stable mode against an
independent deferred acceptance (the ``matching`` library)."""

from __future__ import annotations

import random
import warnings
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matching.games import HospitalResident

from hamyar.models import EligibilityResult, Policy, Problem
from hamyar.optimizer import solve
from hamyar.optimizer.envy import justified_envy
from hamyar.optimizer.precedence import precedence_key

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

POLICIES: list[dict[str, Any]] = [
    {},
    {"pins": "soft", "pin_penalty": 2},
    {"min_fill": "0.5", "min_fill_penalty": 3},
    {"preference_mode": "sum"},
    {"objective": ["coverage", "preference", "priority", "gpa"]},
    {
        "objective_mode": "weighted",
        "objective_weights": {"priority": 7, "coverage": 5, "preference": 2, "gpa": 1},
    },
    {"pins": "soft", "pin_penalty": 1, "min_fill": "1", "min_fill_penalty": 2},
    {"budget_term_rial": 90_000_000},
    {"unit_budget_term_rial": {"U0": 40_000_000, "U1": 70_000_000}},
    {"budget_term_rial": 100_000_000, "unit_budget_term_rial": {"U1": 35_000_000}},
    {"budget_term_rial": 100_000_000, "objective": ["coverage", "priority"], "pins": "soft"},
]
STABLE_POLICIES: list[dict[str, Any]] = [
    {"stable": True},
    {"stable": True, "min_fill": "0.5"},
    {"stable": True, "pins": "soft"},
    {"stable": True, "budget_term_rial": 120_000_000},
]


@SETTINGS
@given(seed=st.integers(0, 10**6), which=st.integers(0, len(POLICIES) - 1), n=st.integers(1, 6))
def test_optimal_against_brute_force(
    seed: int, which: int, n: int, check_against_brute_force
) -> None:
    check_against_brute_force(seed, POLICIES[which], n)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10**6), which=st.integers(0, len(STABLE_POLICIES) - 1), n=st.integers(1, 6)
)
def test_stable_optimal_among_stable_allocations(
    seed: int, which: int, n: int, check_against_brute_force
) -> None:
    check_against_brute_force(seed, STABLE_POLICIES[which], n)


@pytest.mark.parametrize(
    ("seed", "overrides"),
    [(1, {}), (2, {"preference_mode": "sum"}), (3, {"stable": True}), (4, {"pins": "soft"})],
)
def test_optimal_against_brute_force_eight_applicants(
    seed: int, overrides: dict[str, Any], check_against_brute_force
) -> None:
    check_against_brute_force(seed, overrides, 8)


@SETTINGS
@given(seed=st.integers(0, 10**6), n=st.integers(1, 40), stable=st.booleans())
def test_rules_hold_and_priority_never_below_greedy(
    seed: int, n: int, stable: bool, random_instance, check_rules, greedy_by_precedence
) -> None:
    rng = random.Random(seed)
    policy = Policy(stable=stable)
    problem, eligibility = random_instance(rng, n, rng.randint(1, 6), max_seats=3, policy=policy)
    alloc = solve(problem, eligibility)
    check_rules(problem, eligibility, alloc)
    greedy = greedy_by_precedence(problem, eligibility)
    score = sum(a.priority_score for a in alloc.assignments)
    greedy_score = sum(
        problem.policy.priority_score(problem.applicant_by_id[s].priority_groups) for s in greedy
    )
    if not stable:
        assert score >= greedy_score
        assert alloc.stages[0].value == score
    else:
        # without ties the greedy by precedence is the serial dictatorship: the stable allocation
        assert alloc.envy_pairs == ()


def library_matching(problem: Problem, eligibility: EligibilityResult) -> dict[str, str]:
    """Resident-optimal hospital/resident matching of the ``matching`` library: residents are
    students, hospitals are (unit, gender) seat groups ranking students by precedence."""
    policy = problem.policy
    ranked = sorted(problem.applicants, key=lambda a: precedence_key(a, policy))
    resident_prefs: dict[str, list[str]] = {}
    hospital_prefs: dict[str, list[str]] = {}
    capacities: dict[str, int] = {}
    for app in ranked:
        ranks = eligibility.admissible(app.student_id)
        wanted = [
            f"{code}|{app.gender.value}"
            for code in sorted(ranks, key=lambda c: ranks[c])
            if problem.unit_by_code[code].seats(app.gender) > 0
        ]
        if wanted:
            resident_prefs[app.student_id] = wanted
            for h in wanted:
                hospital_prefs.setdefault(h, []).append(app.student_id)
    for h in hospital_prefs:
        code, gender = h.split("|")
        unit = problem.unit_by_code[code]
        capacities[h] = unit.female_seats if gender == "female" else unit.male_seats
    if not resident_prefs:
        return {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(resident_prefs, hospital_prefs, capacities)
        solution = game.solve(optimal="resident")
    return {r.name: h.name.split("|")[0] for h, rs in solution.items() for r in rs}


@SETTINGS
@given(seed=st.integers(0, 10**6), n=st.integers(1, 30))
def test_stable_mode_same_as_matching_library(
    seed: int, n: int, random_instance, placement_of
) -> None:
    rng = random.Random(seed)
    problem, eligibility = random_instance(
        rng, n, rng.randint(1, 5), max_seats=3, areas=False, policy=Policy(stable=True)
    )
    ours = placement_of(solve(problem, eligibility))
    theirs = library_matching(problem, eligibility)
    assert set(ours) == set(theirs)
    assert Counter(ours.values()) == Counter(theirs.values())
    assert justified_envy(problem, eligibility, ours) == ()
