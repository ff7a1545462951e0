"""``--solver-params FILE`` on every command that solves: the file's settings reach the solver
(over the policy's, under ``--time-limit``), and a bad file is a located error with exit 2 and
no output."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from hamyar.cli import cli
from hamyar.generator.default import default_problem
from hamyar.io.writers import write_applicants, write_units
from hamyar.models import Policy
from hamyar.optimizer.params import SolverParams

BUDGET = "budget-cut-20"
"""A shipped scenario whose budget binds: CP-SAT levels follow the first flow, so a time
limit too short for them shows as ``time-limit`` stages."""

Args = Callable[[Path, Path], list[str]]
"""``(folder, parameters file) → the command's arguments`` (its output under ``folder/out``)."""


def _stages(summary: Path) -> list[str]:
    return [s["method"] for s in json.loads(summary.read_text(encoding="utf-8"))["objective"]]


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _params(folder: Path, text: str) -> Path:
    path = folder / "solver.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _inputs(folder: Path) -> tuple[Path, Path, Path]:
    problem = default_problem()
    applicants, units, policy = folder / "a.csv", folder / "u.csv", folder / "policy.toml"
    write_applicants(problem.applicants, applicants)
    write_units(problem.units, units)
    policy.write_text("budget_term_rial = 8_584_224_000\n", encoding="utf-8")
    return applicants, units, policy


def _previous_run(folder: Path) -> list[object]:
    """A run of :data:`BUDGET` and the rejection of its first placed student."""
    earlier = folder / "earlier"
    result = CliRunner().invoke(cli, ["run", BUDGET, "--out", str(earlier)])
    assert result.exit_code == 0, result.output
    first = _csv(earlier / "assignments.csv")[0]
    rejections = folder / "rejections.csv"
    rejections.write_text(f"unit_code,student_id\n{first['unit_code']},{first['student_id']}\n")
    return [earlier, "--rejections", rejections, "--out"]


def _manifest(folder: Path) -> Path:
    path = folder / "manifest.toml"
    path.write_text(f'[[scenarios]]\nscenario = "{BUDGET}"\nname = "cut"\n', encoding="utf-8")
    return path


COMMANDS: dict[str, Args] = {
    "run": lambda d, p: ["run", BUDGET, "--out", str(d / "out"), "--solver-params", str(p)],
    "allocate": lambda d, p: [
        "allocate",
        *(str(f) for f in _inputs(d)[:2]),
        "--policy",
        str(d / "policy.toml"),
        "--out",
        str(d / "out"),
        "--solver-params",
        str(p),
    ],
    "compare": lambda d, p: [
        "compare",
        BUDGET,
        "gpa-15",
        "--out",
        str(d / "out"),
        "--solver-params",
        str(p),
    ],
    "sweep": lambda d, p: [
        "sweep",
        BUDGET,
        "--param",
        "min_gpa.bachelor_continuous=14,15",
        "--out",
        str(d / "out"),
        "--solver-params",
        str(p),
    ],
    "replan": lambda d, p: [
        "replan",
        *(str(f) for f in _previous_run(d)),
        str(d / "out"),
        "--solver-params",
        str(p),
    ],
    "batch": lambda d, p: [
        "batch",
        str(_manifest(d)),
        "--workers",
        "1",
        "--out",
        str(d / "out"),
        "--solver-params",
        str(p),
    ],
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_bad_parameters_file_is_located_with_exit_2(name: str, tmp_path: Path) -> None:
    path = _params(tmp_path, "workers = 0\nfirst_share = 2\nbogus = 1\n")
    if name == "replan":  # the file is read before the earlier run: none needed
        rejections = ["--rejections", str(tmp_path / "r.csv")]
        tail = ["--out", str(tmp_path / "out"), "--solver-params", str(path)]
        args = ["replan", str(tmp_path / "earlier"), *rejections, *tail]
    else:
        args = COMMANDS[name](tmp_path, path)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    for key in ("workers", "first_share", "bogus"):
        assert f"{path}:{key}:" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_bad_parameters_file_stops_a_vacancy_before_the_workspace(tmp_path: Path) -> None:
    path = _params(tmp_path, "workers = 0\n")
    args = ["vacancy", "S1", "--from", "1402/09/15", "--solver-params", str(path)]
    result = CliRunner().invoke(cli, [*args, "--workspace", str(tmp_path / "ws")])
    assert result.exit_code == 2, result.output
    assert f"{path}:workers:" in result.output
    assert not (tmp_path / "ws").exists()


def test_a_missing_parameters_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.toml"
    result = CliRunner().invoke(cli, COMMANDS["run"](tmp_path, missing))
    assert result.exit_code == 2
    assert f"{missing}: solver parameters file not found" in result.output
    assert not (tmp_path / "out").exists()


def _methods(name: str, out: Path) -> list[str]:
    """The stages' methods of every run a command wrote (its summaries or its table)."""
    if name == "sweep":
        return [row["solver status"] for row in _csv(out / "sweep.csv")]
    return [m for summary in sorted(out.rglob("summary.json")) for m in _stages(summary)]


@pytest.mark.parametrize(
    "name",
    [
        "run",
        *(
            pytest.param(n, marks=pytest.mark.slow)
            for n in ("allocate", "compare", "sweep", "replan")
        ),
    ],
)
def test_the_file_reaches_the_solver(name: str, tmp_path: Path) -> None:
    """A time limit too short for any CP-SAT level, from the file: the budgeted levels after the
    first keep the cheapest flow (``time-limit``; the sweep's table says ``feasible``)."""
    path = _params(tmp_path, "time_limit_s = 1e-6\nworkers = 1\n")
    result = CliRunner().invoke(cli, COMMANDS[name](tmp_path, path))
    # the sweep's point 15 breaks a hard pin (E4): written, "partial", exit 3
    assert result.exit_code == (3 if name == "sweep" else 0), result.output
    methods = _methods(name, tmp_path / "out")
    assert ("feasible" if name == "sweep" else "time-limit") in methods


@pytest.mark.slow
def test_the_file_reaches_the_batch_workers(tmp_path: Path) -> None:
    path = _params(tmp_path, "time_limit_s = 1e-6\nworkers = 1\n")
    result = CliRunner().invoke(cli, COMMANDS["batch"](tmp_path, path))
    assert result.exit_code == 0, result.output
    assert "time-limit" in _methods("batch", tmp_path / "out")


@pytest.mark.slow
def test_time_limit_goes_over_the_file(tmp_path: Path) -> None:
    path = _params(tmp_path, "time_limit_s = 1e-6\n")
    args = [*COMMANDS["run"](tmp_path, path), "--time-limit", "60"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    methods = _stages(tmp_path / "out" / "summary.json")
    assert "time-limit" not in methods
    assert any("cp-sat" in m for m in methods)


def test_the_file_goes_over_the_policy_and_keeps_what_it_does_not_name(tmp_path: Path) -> None:
    policy = Policy().with_overrides({"time_limit_s": 7.5, "workers": 3})
    read = SolverParams.from_toml(_params(tmp_path, "workers = 1\nmerge_limit = 1000\n"))
    params = read.over(SolverParams.for_policy(policy))
    assert (params.workers, params.merge_limit, params.time_limit_s) == (1, 1000, 7.5)
    assert SolverParams.from_toml(_params(tmp_path, "")).over(
        SolverParams.for_policy(policy)
    ) == SolverParams.for_policy(policy)


def test_the_readme_sample_is_a_valid_parameters_file(tmp_path: Path) -> None:
    """The README's sample file, read as a parameters file, gives the tuned defaults."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    start = readme.index("```toml\n# solver.toml")
    sample = readme[start + len("```toml\n") : readme.index("```", start + 7)]
    assert SolverParams.from_toml(_params(tmp_path, sample)) == SolverParams()
