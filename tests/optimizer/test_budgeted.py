"""The Lagrangian pricing of the term budget (:mod:`hamyar.optimizer.lagrange`) prepares the
first level where the budget binds, before its linear relaxation; with or without the
relaxation (when it does not finish, CP-SAT alone searches the later levels), the result is
still the exact optimum."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamyar.errors import InfeasibleError
from hamyar.models import Policy
from hamyar.optimizer.relaxation import Relaxation
from hamyar.optimizer.solve import solve

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@contextmanager
def relaxation_never_finishes() -> Iterator[None]:
    """GLOP stopped by its time limit at every level: :meth:`Relaxation.solve` gives ``None``."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Relaxation, "solve", lambda self, weights, limit: None)
        yield


@SETTINGS
@given(seed=st.integers(0, 10**6), n=st.integers(1, 6), budget=st.integers(30, 150))
def test_priced_levels_reach_the_brute_force_optimum(
    seed: int, n: int, budget: int, check_against_brute_force
) -> None:
    with relaxation_never_finishes():
        check_against_brute_force(seed, {"budget_term_rial": budget * 1_000_000}, n)


@SETTINGS
@given(seed=st.integers(0, 10**6), n=st.integers(1, 7), budget=st.integers(30, 150))
def test_levels_priced_before_the_relaxation_reach_the_brute_force_optimum(
    seed: int, n: int, budget: int, check_against_brute_force
) -> None:
    check_against_brute_force(seed, {"budget_term_rial": budget * 1_000_000}, n)


@pytest.fixture(scope="module")
def priced_methods(random_instance):
    def _priced_methods(seed: int, budget: int, relaxation: bool = False) -> list[str]:
        rng = random.Random(seed)
        policy = Policy().with_overrides({"budget_term_rial": budget})
        problem, eligibility = random_instance(rng, 6, 3, pins=0.0, policy=policy)
        try:
            if relaxation:
                allocation = solve(problem, eligibility, time_limit_s=20)
            else:
                with relaxation_never_finishes():
                    allocation = solve(problem, eligibility, time_limit_s=20)
        except InfeasibleError:
            return []
        return [f"{s.method}:{s.status.value}" for s in allocation.stages]

    return _priced_methods


def test_a_binding_term_budget_is_priced(priced_methods) -> None:
    """Some small instance under a binding budget has a level prepared by pricing."""
    methods = [m for seed in range(8) for m in priced_methods(seed, 60_000_000)]
    assert any("lagrangian" in m for m in methods), methods


def test_the_first_binding_level_is_proven_by_pricing_alone(priced_methods) -> None:
    """With the relaxation available, some small instance has its first binding level proven
    by the flow and the pricing, neither relaxation nor CP-SAT search needed."""
    methods = [m for seed in range(8) for m in priced_methods(seed, 60_000_000, True)]
    assert "flow+lagrangian:optimal" in methods, methods
