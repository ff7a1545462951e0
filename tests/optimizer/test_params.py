"""The solver's parameters: defaults, the policy's keys, a TOML file with located errors, and
the same allocation whichever way the same settings arrive."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from hamyar.errors import InputError
from hamyar.models import Policy
from hamyar.optimizer.params import DEFAULT_PARAMS, SolverParams
from hamyar.optimizer.solve import solve


def test_the_policy_keys_keep_their_effect() -> None:
    policy = Policy().with_overrides({"time_limit_s": 7.5, "workers": 3})
    params = SolverParams.for_policy(policy)
    assert (params.time_limit_s, params.workers) == (7.5, 3)
    assert params.budget_portfolio == DEFAULT_PARAMS.budget_portfolio
    assert params.with_time_limit(2.0).time_limit_s == 2.0
    assert params.with_time_limit(None) is params


def test_a_parameters_file_overrides_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "solver.toml"
    path.write_text("workers = 1\nmerge_limit = 1000\nbudget_portfolio = [[1, false]]\n")
    params = SolverParams.from_toml(path)
    assert (params.workers, params.merge_limit) == (1, 1000)
    assert params.budget_portfolio == ((1, False),)
    assert params.first_share == DEFAULT_PARAMS.first_share


def test_a_bad_parameters_file_names_every_key(tmp_path: Path) -> None:
    path = tmp_path / "solver.toml"
    path.write_text("workers = 0\nfirst_share = 2\nbogus = 1\n")
    with pytest.raises(InputError) as caught:
        SolverParams.from_toml(path)
    text = str(caught.value)
    for key in ("workers", "first_share", "bogus"):
        assert f"{path}:{key}:" in text
    with pytest.raises(InputError, match="solver parameters file not found"):
        SolverParams.from_toml(tmp_path / "missing.toml")


@pytest.mark.parametrize(
    "overrides", [{}, {"budget_term_rial": 90_000_000}, {"stable": True, "min_fill": "0.5"}]
)
def test_params_passed_or_read_from_the_policy_give_one_allocation(
    overrides: dict[str, object],
    random_instance,
) -> None:
    rng = random.Random(11)
    policy = Policy().with_overrides({**overrides, "workers": 1})
    problem, eligibility = random_instance(rng, 8, 3, pins=0.0, policy=policy)
    from_policy = solve(problem, eligibility, time_limit_s=20)
    passed = solve(problem, eligibility, params=SolverParams(workers=1, time_limit_s=20))
    assert passed.assignments == from_policy.assignments
    assert [s.value for s in passed.stages] == [s.value for s in from_policy.stages]
