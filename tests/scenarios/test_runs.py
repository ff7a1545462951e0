"""Compare, sweep and replan end to end on the small hand-made instance (scenariofiles.py)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from hamyar.cli import cli
from hamyar.messages import say
from hamyar.pipeline import run_problem
from hamyar.scenarios import load_scenario_inputs
from hamyar.scenarios.compare import compare, placement
from hamyar.scenarios.replan import replan

BASE = {"S1": "A", "S3": "B", "S4": "B", "S5": "A", "S6": "C"}
"""The base scenario's placement: rank-maximal first, then GPA (see scenariofiles.py)."""
CHANGED = {"S1": "A", "S2": "A", "S3": "B", "S5": "A", "S6": "A"}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def test_base_and_changed_scenarios_place_as_worked_out_by_hand(instance: Path) -> None:
    base = run_problem(load_scenario_inputs(instance / "base.toml").problem)
    changed = run_problem(load_scenario_inputs(instance / "changed.toml").problem)
    assert placement(base) == BASE
    assert placement(changed) == CHANGED


def test_compare_diff_of_the_hand_made_pair_is_exact(instance: Path) -> None:
    runs = [
        (name, run_problem(load_scenario_inputs(instance / f"{name}.toml").problem))
        for name in ("base", "changed")
    ]
    (diff,) = compare(runs).diffs
    assert [(c.kind, c.student_id, c.from_unit, c.to_unit) for c in diff.changes] == [
        ("gained", "S2", None, "A"),
        ("lost", "S4", "B", None),
        ("moved", "S6", "C", "A"),
    ]
    assert diff.unchanged == 3


def test_compare_command_writes_workbook_csv_and_table(instance: Path, tmp_path: Path) -> None:
    out = tmp_path / "cmp"
    result = CliRunner().invoke(
        cli,
        [
            "compare",
            str(instance / "base.toml"),
            str(instance / "changed.toml"),
            "--out",
            str(out),
            "--lang",
            "fa",
        ],
    )
    assert result.exit_code == 0, result.output
    # the printed table speaks --lang too: Persian words, Persian digits
    counts = say(
        "scen.compare.counts",
        lang="fa",
        name="changed",
        base="base",
        gained=1,
        lost=1,
        moved=1,
        unchanged=3,
    )
    assert counts in result.output and "۱ نفر جا یافتند" in counts
    placed = say("report.kpi_table.placed", lang="fa")
    kpi_line = next(line for line in result.output.splitlines() if line.startswith(placed + " "))
    assert kpi_line.split()[-2:] == ["۵", "۵"]
    diff = read_csv(out / "diff.csv")
    assert [(r["change"], r["student_id"], r["base unit"], r["scenario unit"]) for r in diff] == [
        ("gained", "S2", "", "A"),
        ("lost", "S4", "B", ""),
        ("moved", "S6", "C", "A"),
    ]
    assert diff[2]["base rank"] == "1" and diff[2]["scenario rank"] == "2"
    units = {r["unit code"]: r for r in read_csv(out / "units.csv")}
    assert units["A"]["changed: female seats"] == "2" and units["A"]["changed: male filled"] == "2"
    assert units["C"]["base: male filled"] == "1" and units["C"]["changed: male seats"] == "0"
    kpis = {r["KPI"]: r for r in read_csv(out / "kpis.csv")}
    assert kpis["placed (female)"]["base"] == "3" and kpis["placed (female)"]["changed"] == "3"
    assert kpis["solver status"]["base"] == "optimal"
    wb = openpyxl.load_workbook(out / "comparison.xlsx")
    assert wb.sheetnames == ["شاخص‌ها", "واحدها", "تغییرات"]
    assert all(ws.sheet_view.rightToLeft for ws in wb.worksheets)
    assert wb["تغییرات"].max_row == 4
    assert wb["شاخص‌ها"]["B1"].value == "base"
    for name in ("base", "changed"):
        assert (out / "runs" / name / "assignments.csv").is_file()
        source = json.loads((out / "runs" / name / "source.json").read_text(encoding="utf-8"))
        assert source["path"] == str((instance / f"{name}.toml").resolve())


def test_compare_in_english_and_with_one_scenario(instance: Path, tmp_path: Path) -> None:
    out = tmp_path / "en"
    base = str(instance / "base.toml")
    result = CliRunner().invoke(cli, ["compare", base, base, "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out / "comparison.xlsx")
    assert wb.sheetnames == ["KPIs", "Units", "Diff"]
    assert not wb["KPIs"].sheet_view.rightToLeft
    assert wb["KPIs"]["C1"].value == "base-2"  # repeated names made distinct
    assert wb["Diff"].max_row == 1
    one = CliRunner().invoke(cli, ["compare", base, "--out", str(tmp_path / "one")])
    assert one.exit_code == 2 and "at least two" in one.output


# ---------------------------------------------------------------------------- sweep


def test_sweep_runs_the_grid_and_writes_table_and_chart(instance: Path, tmp_path: Path) -> None:
    out = tmp_path / "sweep"
    result = CliRunner().invoke(
        cli,
        [
            "sweep",
            str(instance / "base.toml"),
            "--param",
            "min_gpa.bachelor_continuous=16:18:1",
            "--param",
            "stable=false,true",
            "--out",
            str(out),
            "--lang",
            "fa",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "۶ نقطه از ۶ نقطه حل شد" in result.output
    rows = read_csv(out / "sweep.csv")
    assert [(r["min_gpa.bachelor_continuous"], r["stable"]) for r in rows] == [
        ("16", "False"),
        ("16", "True"),
        ("17", "False"),
        ("17", "True"),
        ("18", "False"),
        ("18", "True"),
    ]
    # GPA 16 keeps everyone but S7 (15); 17 drops S4 too; 18 leaves S1, S2 and S5
    assert [r["eligible"] for r in rows[::2]] == ["6", "5", "3"]
    assert rows[0]["placed"] == "5"
    wb = openpyxl.load_workbook(out / "sweep.xlsx")
    assert wb.sheetnames == ["بررسی پارامتر", "نمودارها"]
    charts = wb["نمودارها"]._charts
    assert len(charts) == 4


def test_sweep_bad_param_and_unknown_key_exit_2(instance: Path, tmp_path: Path) -> None:
    base = str(instance / "base.toml")
    bad = CliRunner().invoke(
        cli, ["sweep", base, "--param", "min_gpa.bachelor_continuous=15:13:1", "--out", "o"]
    )
    assert bad.exit_code == 2 and "below the start" in bad.output
    unknown = CliRunner().invoke(
        cli, ["sweep", base, "--param", "min_gpa.bachelr=14,15", "--out", str(tmp_path / "o")]
    )
    assert unknown.exit_code == 2
    assert "--param:min_gpa.bachelr" in unknown.output
    typo = CliRunner().invoke(
        cli, ["sweep", base, "--param", "stabel=true", "--out", str(tmp_path / "o")]
    )
    assert typo.exit_code == 2
    assert "unknown key 'stabel'; did you mean 'stable'?" in typo.output
    assert not (tmp_path / "o").exists()


@pytest.mark.slow
def test_sweep_as_a_subprocess(instance: Path, tmp_path: Path) -> None:
    out = tmp_path / "sub"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "hamyar",
            "sweep",
            str(instance / "base.toml"),
            "--param",
            "min_gpa.bachelor_continuous=15,18",
            "--out",
            str(out),
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "2 of 2 points solved" in done.stdout
    assert "sweep: 2 points" in done.stderr
    assert len(read_csv(out / "sweep.csv")) == 2
    bad = subprocess.run(
        [sys.executable, "-m", "hamyar", "sweep", "--param", "x", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr


# ---------------------------------------------------------------------------- replan


@pytest.fixture
def earlier_run(instance: Path, tmp_path: Path) -> Path:
    """The base scenario's outputs, as ``hamyar compare`` writes them under runs/base."""
    out = tmp_path / "cmp"
    base = str(instance / "base.toml")
    result = CliRunner().invoke(cli, ["compare", base, base, "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    return out / "runs" / "base"


def test_replan_keeps_every_unaffected_student_in_place(
    earlier_run: Path, tmp_path: Path, write_rejections_file
) -> None:
    rejections = write_rejections_file(tmp_path / "rej.csv", [("B", "S3"), ("C", "S6")])
    plan = replan(earlier_run, rejections)
    now = placement(plan.result)
    assert plan.previous == BASE
    assert plan.rejected == (("S3", "B"), ("S6", "C"))
    for sid, unit in BASE.items():
        if (sid, unit) not in plan.rejected:
            assert now[sid] == unit, sid
    assert now.get("S3") != "B" and now.get("S6") != "C"
    # the freed seats are refilled: S2 takes the dormitory seat, S7 the laboratory's; S6 cannot
    # move to the full library
    assert now == {"S1": "A", "S2": "B", "S4": "B", "S5": "A", "S7": "C"}
    assert [(c.kind, c.student_id) for c in plan.diff.changes] == [
        ("gained", "S2"),
        ("gained", "S7"),
        ("lost", "S3"),
        ("lost", "S6"),
    ]


def test_replan_command_writes_reports_and_diff(
    earlier_run: Path, tmp_path: Path, write_rejections_file
) -> None:
    rejections = write_rejections_file(tmp_path / "rej.csv", [("B", "S3")])
    out = tmp_path / "replan"
    result = CliRunner().invoke(
        cli, ["replan", str(earlier_run), "--rejections", str(rejections), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "1 placement(s) undone" in result.output
    for name in ("allocation.xlsx", "assignments.csv", "summary.json", "diff.csv", "source.json"):
        assert (out / name).is_file(), name
    diff = read_csv(out / "diff.csv")
    assert [(r["student_id"], r["change"], r["rejected_by_previous_unit"]) for r in diff] == [
        ("S2", "gained", "false"),
        ("S3", "lost", "true"),
    ]
    # a second re-plan keeps the first one's rejection in force
    more = write_rejections_file(tmp_path / "more.csv", [("A", "S1")])
    again = CliRunner().invoke(
        cli, ["replan", str(out), "--rejections", str(more), "--out", str(tmp_path / "again")]
    )
    assert again.exit_code == 0, again.output
    final = {
        r["student_id"]: r["unit_code"] for r in read_csv(tmp_path / "again" / "assignments.csv")
    }
    assert final.get("S3") != "B" and final.get("S1") != "A"
    assert final["S2"] == "B" and final["S4"] == "B"


def test_replan_errors(earlier_run: Path, tmp_path: Path, write_rejections_file) -> None:
    rejections = write_rejections_file(tmp_path / "rej.csv", [("B", "S99")])
    result = CliRunner().invoke(
        cli,
        ["replan", str(earlier_run), "--rejections", str(rejections), "--out", str(tmp_path / "o")],
    )
    assert result.exit_code == 2
    assert "rej.csv:2" in result.output and "unknown student" in result.output
    (earlier_run / "source.json").unlink()
    lost = CliRunner().invoke(
        cli,
        ["replan", str(earlier_run), "--rejections", str(rejections), "--out", str(tmp_path / "o")],
    )
    assert lost.exit_code == 2
    assert "--scenario" in lost.output
    assert not (tmp_path / "o").exists()


def test_replan_refuses_placements_the_inputs_no_longer_have(
    earlier_run: Path, instance: Path, tmp_path: Path, write_rejections_file
) -> None:
    """S1 (placed in A) has left the applicants and unit C (S6's) the units: both earlier
    placements are located in the earlier run's assignments.csv, all at once, exit 2."""
    from hamyar.io.writers import write_applicants, write_units
    from hamyar.scenarios.inputs import load_scenario_inputs as load

    problem = load(instance / "base.toml").problem
    kept = [
        a.model_copy(update={"preferences": tuple(p for p in a.preferences if p != "C")})
        for a in problem.applicants
        if a.student_id not in ("S1", "S7")  # S7 asked for C alone
    ]
    write_applicants(kept, instance / "data" / "applicants.csv")
    write_units([u for u in problem.units if u.code != "C"], instance / "data" / "units.csv")
    rejections = write_rejections_file(tmp_path / "rej.csv", [("B", "S3")])
    out = tmp_path / "o"
    result = CliRunner().invoke(
        cli, ["replan", str(earlier_run), "--rejections", str(rejections), "--out", str(out)]
    )
    assert result.exit_code == 2, result.output
    assignments = str(earlier_run / "assignments.csv")
    rows = {r["student_id"]: i for i, r in enumerate(read_csv(earlier_run / "assignments.csv"), 2)}
    assert (
        f"{assignments}:{rows['S1']}:student_id: the earlier run placed a student the inputs no "
        "longer have (S1)" in result.output
    )
    assert (
        f"{assignments}:{rows['S6']}:unit_code: the earlier run used a unit the inputs no longer "
        "have (C)" in result.output
    )
    assert "Traceback" not in result.output and not out.exists()


def test_replan_finds_the_scenario_when_told_or_by_the_default_name(
    earlier_run: Path, instance: Path, tmp_path: Path, write_rejections_file
) -> None:
    (earlier_run / "source.json").unlink()
    rejections = write_rejections_file(tmp_path / "rej.csv", [("B", "S4")])
    plan = replan(earlier_run, rejections, scenario=instance / "base.toml")
    assert placement(plan.result) == {"S1": "A", "S2": "B", "S3": "B", "S5": "A", "S6": "C"}


def test_replan_of_a_default_run_without_source(tmp_path: Path, write_rejections_file) -> None:
    """A run folder of the embedded default that records only its name and input hashes (as
    summary.json does) is rebuilt from the shipped scenario of that name."""
    from hamyar.generator.default import default_rejections
    from hamyar.reports.outputs import write_machine_outputs

    inputs = load_scenario_inputs(None)
    result = run_problem(inputs.problem, input_hashes=inputs.hashes)
    folder = tmp_path / "run"
    folder.mkdir()
    write_machine_outputs(folder, result)
    placed = placement(result)
    victim, unit = sorted(placed.items())[0]
    assert (unit, victim) not in {(r.unit_code, r.student_id) for r in default_rejections()}
    rejections = write_rejections_file(tmp_path / "rej.csv", [(unit, victim)])
    plan = replan(folder, rejections)
    now = placement(plan.result)
    assert now.get(victim) != unit
    assert all(now[s] == u for s, u in placed.items() if s != victim)
    assert plan.result.problem.name == "qom-1402-1403"


def test_budget_cut_is_80_percent_of_the_default_runs_planned_cost() -> None:
    """The number written in budget-cut-20.toml follows the default run (within 0.5 %)."""
    default = run_problem(load_scenario_inputs(None).problem)
    budget = load_scenario_inputs("budget-cut-20").problem.policy.budget_term_rial
    assert budget is not None
    assert budget == pytest.approx(0.8 * default.kpis.term_cost_rial, rel=0.005)
