"""``hamyar run`` and ``hamyar allocate`` end to end: files written, totals agree, bad input."""

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
from hamyar.generator.default import default_problem
from hamyar.io.writers import write_units
from hamyar.models import Gender


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def default_run(persian_default_run: Path) -> Path:
    """The session's Persian run of the embedded default (tests/commands/conftest.py)."""
    return persian_default_run


def test_run_writes_every_output(default_run: Path) -> None:
    names = {p.name for p in default_run.iterdir()}
    assert {
        "allocation.xlsx",
        "assignments.csv",
        "eligibility.csv",
        "unassigned.csv",
        "summary.json",
        "units",
    } <= names
    assert not list(default_run.parent.glob(".out.*"))  # no temporary folder left behind
    # every CSV starts with a BOM so that Excel shows Persian correctly
    assert (default_run / "assignments.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_run_outputs_agree(default_run: Path, persian_default_workbook: openpyxl.Workbook) -> None:
    summary = json.loads((default_run / "summary.json").read_text(encoding="utf-8"))
    assignments = _csv(default_run / "assignments.csv")
    eligibility = _csv(default_run / "eligibility.csv")
    unassigned = _csv(default_run / "unassigned.csv")
    problem = default_problem()
    assert summary["status"] == "optimal"
    assert summary["counts"]["applicants"] == len(eligibility) == len(problem.applicants)
    assert summary["counts"]["placed"] == len(assignments)
    eligible = sum(1 for row in eligibility if row["eligible"] == "yes")
    assert eligible == summary["counts"]["eligible"] == len(assignments) + len(unassigned)
    assert summary["cost"]["monthly_rial"] == sum(
        int(r["planned_monthly_pay"]) for r in assignments
    )
    per_unit = summary["counts"]["per_unit"]
    for unit in problem.units:
        for gender in ("female", "male"):
            filled = sum(
                1 for r in assignments if r["unit_code"] == unit.code and r["gender"] == gender
            )
            counts = per_unit.get(unit.code, {}).get(gender, {"filled": 0, "seats": 0})
            assert counts["filled"] == filled
            assert filled <= counts["seats"] == unit.seats(Gender(gender))  # A1
    assert len({r["student_id"] for r in assignments}) == len(assignments)  # A2
    assert len(summary["input_hashes"]) >= 1 and summary["term"] == "1402-1"
    # the workbook holds the same placed students
    wb = persian_default_workbook
    assert wb.worksheets[0].sheet_view.rightToLeft
    assert wb.worksheets[1].max_row - 1 == len(assignments)


@pytest.mark.slow
def test_run_is_deterministic(default_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "again"
    result = CliRunner().invoke(cli, ["run", "--out", str(out)])
    assert result.exit_code == 0, result.output
    for name in ("assignments.csv", "eligibility.csv", "unassigned.csv"):
        assert (out / name).read_bytes() == (default_run / name).read_bytes(), name


def test_run_refuses_non_empty_out(default_run: Path) -> None:
    before = (default_run / "assignments.csv").read_bytes()
    result = CliRunner().invoke(cli, ["run", "--out", str(default_run)])
    assert result.exit_code == 2
    assert "not empty" in result.output and "Traceback" not in result.output
    assert (default_run / "assignments.csv").read_bytes() == before


@pytest.mark.slow
def test_run_english_as_subprocess(tmp_path: Path) -> None:
    out = tmp_path / "en"
    proc = subprocess.run(
        [sys.executable, "-m", "hamyar", "run", "--lang", "en", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "[3/5] allocation" in proc.stderr  # plain progress lines when piped
    wb = openpyxl.load_workbook(out / "allocation.xlsx")
    assert not wb.worksheets[0].sheet_view.rightToLeft


def test_allocate_from_files(tmp_path: Path, default_applicants_xlsx: Path) -> None:
    problem = default_problem()
    write_units(problem.units, tmp_path / "units.csv")
    out = tmp_path / "alloc"
    result = CliRunner().invoke(
        cli,
        [
            "allocate",
            str(default_applicants_xlsx),
            str(tmp_path / "units.csv"),
            "--stable",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["policy"]["stable"] is True
    assert summary["justified_envy"] == []  # stable mode: no justified envy
    assert {p.name for p in out.iterdir()} >= {"assignments.csv", "unassigned.csv", "summary.json"}


def test_allocate_bad_input_is_located(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("student_id,first_name\n1,x\n", encoding="utf-8")
    write_units(default_problem().units, tmp_path / "u.csv")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["allocate", str(tmp_path / "a.csv"), str(tmp_path / "u.csv"), "--out", str(out)]
    )
    assert result.exit_code == 2
    assert "a.csv" in result.output and "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize("case", ["budget below the pins", "pinned unit without seats"])
def test_allocate_infeasible_names_the_pins(
    tmp_path: Path, case: str, default_applicants_xlsx: Path
) -> None:
    """An allocation no rule-abiding plan can meet stops with exit 2, the pins in conflict named,
    and no output folder."""
    problem = default_problem()
    pinned = [a for a in problem.applicants if a.current_unit]
    assert pinned
    args = ["allocate", str(default_applicants_xlsx), str(tmp_path / "units.csv")]
    units = list(problem.units)
    if case == "budget below the pins":
        (tmp_path / "policy.toml").write_text("budget_term_rial = 1\n", encoding="utf-8")
        args += ["--policy", str(tmp_path / "policy.toml")]
        named = [a.student_id for a in pinned]
    else:
        code = pinned[0].current_unit
        units = [
            u.model_copy(update={"female_seats": 0, "male_seats": 0}) if u.code == code else u
            for u in units
        ]
        named = [a.student_id for a in pinned if a.current_unit == code]
        assert named
    write_units(units, tmp_path / "units.csv")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, [*args, "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for sid in named:
        assert sid in result.output
    assert not out.exists()
