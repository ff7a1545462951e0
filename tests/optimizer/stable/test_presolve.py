"""``stable_presolve``: CP-SAT's presolve on the stable levels keeps every level's optimum and
stability; off (the default), the allocation is the one the search without presolve finds."""

from __future__ import annotations

import random

import pytest

from hamyar.models import Policy, SolveStatus
from hamyar.optimizer.params import SolverParams
from hamyar.optimizer.solve import solve


@pytest.mark.parametrize("seed", [3, 17, 29, 41])
def test_presolve_keeps_every_stable_level(seed: int, random_instance, check_rules) -> None:
    rng = random.Random(seed)
    policy = Policy(stable=True, workers=1)
    problem, eligibility = random_instance(rng, 30, 5, max_seats=3, policy=policy)
    plain = solve(problem, eligibility, params=SolverParams(workers=1, time_limit_s=20))
    presolved = solve(
        problem,
        eligibility,
        params=SolverParams(workers=1, time_limit_s=20, stable_presolve=True),
    )
    assert any("cp-sat" in s.method for s in presolved.stages)  # ties: the CP-SAT levels
    check_rules(problem, eligibility, presolved)
    assert presolved.envy_pairs == ()
    assert [s.status for s in presolved.stages] == [SolveStatus.optimal] * len(plain.stages)
    assert [s.value for s in presolved.stages] == [s.value for s in plain.stages]
    default = solve(problem, eligibility, params=SolverParams(workers=1, time_limit_s=20))
    assert default.assignments == plain.assignments
