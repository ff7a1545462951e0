"""sweep and batch record every run in the workspace, on SQLite and PostgreSQL: inputs, policy
as used at the point, KPIs, assignments and waiting lists, and the run ids beside the outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from hamyar.cli import cli
from hamyar.store import Workspace
from hamyar.store.runs import RUN_FILE, RUNS_FILE, list_runs
from hamyar.store.waitlists import run_waiting_lists


def test_sweep_records_each_point(workspace_env: str, tmp_path: Path) -> None:
    out = tmp_path / "sweep"
    args = ["sweep", "--param", "min_gpa.bachelor_continuous=13,14.5", "--out", str(out)]
    result = CliRunner().invoke(cli, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "2 of 2 points solved" in result.output
    assert "(runs 1–2 in the workspace)" in result.output
    listed = json.loads((out / RUNS_FILE).read_text(encoding="utf-8"))
    assert [r["run_id"] for r in listed["runs"]] == [1, 2]
    assert [r["point"] for r in listed["runs"]] == [
        {"min_gpa.bachelor_continuous": "13"},
        {"min_gpa.bachelor_continuous": "14.5"},
    ]
    workspace = Workspace.open()
    with workspace.session() as session:
        runs = list_runs(session)
        assert [r.command for r in runs] == ["sweep", "sweep"]
        assert runs[0].name == "qom-1402-1403 · min_gpa.bachelor_continuous=13"
        assert [r.policy["min_gpa"]["bachelor_continuous"] for r in runs] == ["13", "14.5"]
        # a stricter GPA floor leaves fewer eligible students
        assert runs[0].kpis["eligible"] > runs[1].kpis["eligible"]
        for run in runs:
            assert len(run.assignments) == run.kpis["placed"]
            assert run_waiting_lists(session, run.id)
            assert {i.sha256 for i in run.inputs} >= set(run.input_hashes.values())
    workspace.close()


@pytest.mark.slow
def test_batch_records_each_scenario(workspace_env: str, tmp_path: Path) -> None:
    root = tmp_path / "inst"
    gen = ["generate", "--applicants", "120", "--institutions", "2", "--units", "6"]
    made = CliRunner().invoke(cli, [*gen, "--seed", "3", "--out", str(root)])
    assert made.exit_code == 0, made.output
    out = tmp_path / "batch"
    args = ["batch", str(root / "manifest.toml"), "--out", str(out), "--workers", "1"]
    result = CliRunner().invoke(cli, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "(runs 1–2 in the workspace)" in result.output
    workspace = Workspace.open()
    with workspace.session() as session:
        runs = list_runs(session)
        assert [r.command for r in runs] == ["batch", "batch"]
        for run in runs:
            folder = Path(run.out_dir or "")
            assert json.loads((folder / RUN_FILE).read_text())["run_id"] == run.id
            assert len(run.assignments) == run.kpis["placed"] > 0
            names = [i.name.split(":")[0] for i in run.inputs if i.content is not None]
            assert "manifest" in names and "applicants" in names and "units" in names
    workspace.close()
