"""Regression: the min-cost flow's own cost check (``BAD_COST_RANGE``) is stricter than the
scaling bound of grouped objective levels; institution 11 of a 6,000-applicant, 12-institution
national batch (seed 1402) hit it. The group is now split and every level still solved exactly."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from hamyar.cli import cli
from hamyar.eligibility import evaluate
from hamyar.io import load_problem
from hamyar.models import SolveStatus
from hamyar.optimizer import solve


def test_grouped_levels_beyond_the_solver_cost_range(tmp_path: Path) -> None:
    out = tmp_path / "national"
    args = ["generate", "--applicants", "6000", "--institutions", "12", "--out", str(out)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    folder = out / "inst-011"
    problem, _ = load_problem(
        folder / "applicants.csv", folder / "units.csv", folder / "rejections.csv"
    )
    allocation = solve(problem, evaluate(problem))
    assert allocation.status is SolveStatus.optimal
    assert all(stage.gap == 0 for stage in allocation.stages)
    assert allocation.placed > 0
