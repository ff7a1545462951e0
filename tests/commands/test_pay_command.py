"""``hamyar timesheets`` and ``hamyar pay`` from the command line, and a generated month on the
embedded default (the Qom 1402–1403 units with a generated applicant pool)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from hamyar.cli import cli
from hamyar.data.qom import qom_units
from hamyar.generator.applicants import generate_applicants
from hamyar.generator.timesheets import generate_timesheets
from hamyar.io.allocation_dir import read_allocation_dir
from hamyar.models import Allocation, JalaliMonth, Problem, Term
from hamyar.models.sheba import make_sheba

TERM = Term(year=1402, semester=1)
PAY = ("pay", "--allocation")


def _greedy(
    prob: Problem, allocation: Callable[[dict[str, str], Problem], Allocation]
) -> Allocation:
    """Each applicant in file order gets the best-ranked asked-for unit with a seat of his or
    her gender (enough of an allocation to pay; the optimizer has its own tests)."""
    left = {(u.code, g): u.seats(g) for u in prob.units for g in ("female", "male")}
    pairs: dict[str, str] = {}
    for app in prob.applicants:
        ranks = prob.preference_ranks[app.student_id]
        for code in sorted(ranks, key=lambda c: ranks[c]):
            if left[(code, app.gender.value)] > 0:
                left[(code, app.gender.value)] -= 1
                pairs[app.student_id] = code
                break
    return allocation(pairs, prob)


@pytest.fixture(scope="module")
def default_run(
    tmp_path_factory: pytest.TempPathFactory,
    allocation: Callable[[dict[str, str], Problem], Allocation],
    write_allocation_dir: Callable[..., Path],
) -> Path:
    units = qom_units()
    prob = Problem.create(generate_applicants(units, 420, seed=7, term=TERM), units, term=TERM)
    folder = tmp_path_factory.mktemp("default") / "run"
    return write_allocation_dir(folder, prob, _greedy(prob, allocation))


@pytest.fixture(autouse=True)
def _own_workspace(new_workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test pays into a workspace of its own: a month is paid once per workspace."""
    monkeypatch.setenv("HAMYAR_WORKSPACE", str(new_workspace))


def test_generated_month_is_realistic(default_run: Path) -> None:
    record = read_allocation_dir(default_run)
    month = JalaliMonth(year=1402, month=8)
    rows = generate_timesheets(record, month, seed=3)
    assert rows == generate_timesheets(record, month, seed=3)  # reproducible
    placed = record.by_student()
    cap = record.policy.monthly_hours_cap
    in_placed_unit = [
        r for r in rows if r.student_id in placed and placed[r.student_id].unit_code == r.unit_code
    ]
    second_unit = [
        r for r in rows if r.student_id in placed and placed[r.student_id].unit_code != r.unit_code
    ]
    unplaced = [r for r in rows if r.student_id not in placed]
    within = sum(1 for r in in_placed_unit if r.hours <= cap)
    assert within > 0.75 * len(placed)
    assert any(r.hours > cap for r in in_placed_unit)
    assert second_unit and len(unplaced) == 1
    assert not [k for k, n in Counter((r.student_id, r.unit_code) for r in rows).items() if n > 1]


def test_embedded_default_generated_month_pays_and_balances(
    default_run: Path, tmp_path: Path, adopt_folder
) -> None:
    runner = CliRunner()
    ts = tmp_path / "ts.xlsx"
    result = runner.invoke(
        cli,
        ["timesheets", "--allocation", str(default_run), "--month", "1402/08", "--out", str(ts)],
    )
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(ts).active.max_row > 100
    out = tmp_path / "payroll"
    adopt_folder(default_run, str(TERM))
    args = ["pay", "--allocation", str(default_run), "--timesheets", str(ts)]
    args += ["--month", "1402/08", "--out", str(out)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "payroll 1402/08" in result.output
    summary = json.loads((out / "1402-08" / "payroll.json").read_text(encoding="utf-8"))
    assert summary["total_rial"] > 0 and summary["capped"]
    assert summary["control_total_rial"] + summary["held_back_rial"] == summary["total_rial"]
    assert any(n["rule"] == "P4" for n in summary["not_payable"])
    assert summary["held_back"], "the generated pool has some invalid or missing Shebas"
    assert all(h["reason_en"] and h["reason_fa"] for h in summary["held_back"])
    with (out / "1402-08" / "transfers.csv").open(encoding="utf-8-sig") as fh:
        amounts = [int(r["amount_rial"]) for r in csv.DictReader(fh)]
    assert sum(amounts) == summary["control_total_rial"]
    assert len(amounts) == summary["transfers"]

    # the same month again is refused, nothing changes; --replace writes it again
    again = runner.invoke(cli, [*args, "--lang", "fa"])
    assert again.exit_code == 2
    assert "هیچ ماهی دو بار پرداخت نمی‌شود" in again.stderr
    replaced = runner.invoke(cli, [*args, "--replace"])
    assert replaced.exit_code == 0, replaced.output


@pytest.fixture
def small_run(
    tmp_path: Path, pay_applicant, pay_problem, allocation, write_allocation_dir, adopt_folder
) -> Path:
    sheba = make_sheba("017", "0000000123456789001")
    prob = pay_problem(
        [pay_applicant("s1", sheba_value=sheba), pay_applicant("s2", sheba_value=sheba)]
    )
    folder = write_allocation_dir(
        tmp_path / "run", prob, allocation({"s1": "EDU", "s2": "LIB"}, prob)
    )
    adopt_folder(folder, str(prob.term))
    return folder


def test_bad_rows_exit_2_and_nothing_written(
    small_run: Path, tmp_path: Path, write_timesheet_csv
) -> None:
    ts = write_timesheet_csv(
        tmp_path / "ts.csv",
        [
            ["s1", "EDU", "1402/08", "-3"],
            ["s2", "LIB", "1402/08", "ده"],
            ["s9", "LIB", "1402/08", "4"],
        ],
    )
    out = tmp_path / "payroll"
    args = ["pay", "--allocation", str(small_run), "--timesheets", str(ts), "--month", "1402/08"]
    result = CliRunner().invoke(cli, [*args, "--out", str(out)])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert [line.split(":", 1)[1] for line in lines] == [
        "2:hours: must not be negative (-3)",
        "3:hours: not a number (ده)",
        "4:student_id: unknown student (s9)",
    ]
    assert "Traceback" not in result.output
    assert not out.exists()

    skipped = CliRunner().invoke(cli, [*args, "--out", str(out), "--skip-bad-rows"])
    assert skipped.exit_code == 0, skipped.output
    assert "bad rows skipped: 3" in skipped.stdout
    assert (out / "1402-08" / "bad_rows.csv").is_file()


@pytest.mark.parametrize(
    ("month", "message"),
    [
        ("1402-8x", "--month: not a Jalali month"),  # not a month
        (
            "1402/12",
            "--month: month is outside term 1402-1",
        ),  # Esfand: not a payroll month of 1402-1
    ],
)
def test_bad_month_option(
    small_run: Path, tmp_path: Path, month: str, message: str, write_timesheet_csv
) -> None:
    ts = write_timesheet_csv(tmp_path / "ts.csv", [["s1", "EDU", "1402/08", "3"]])
    result = CliRunner().invoke(
        cli,
        [*PAY, str(small_run), "--timesheets", str(ts), "--month", month, "--out", str(tmp_path)],
    )
    assert result.exit_code == 2
    assert message in result.stderr


def test_missing_allocation_folder(tmp_path: Path, write_timesheet_csv) -> None:
    ts = write_timesheet_csv(tmp_path / "ts.csv", [["s1", "EDU", "1402/08", "3"]])
    out = str(tmp_path / "p")
    result = CliRunner().invoke(
        cli,
        [*PAY, str(tmp_path / "none"), "--timesheets", str(ts), "--month", "1402/08", "--out", out],
    )
    assert result.exit_code == 2
    assert "allocation folder not found" in result.stderr


@pytest.mark.slow
def test_pay_as_a_subprocess(small_run: Path, tmp_path: Path, write_timesheet_csv) -> None:
    ts = write_timesheet_csv(
        tmp_path / "ts.csv", [["s1", "EDU", "1402/08", "30"], ["s2", "LIB", "1402/08", "90"]]
    )
    out = tmp_path / "payroll"
    command = [sys.executable, "-m", "hamyar", "pay", "--allocation", str(small_run)]
    command += ["--timesheets", str(ts), "--month", "۱۴۰۲/۰۸", "--out", str(out), "--lang", "en"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    total = 30 * 180_000 + 80 * 180_000  # s2: 90 h cut to the 80 h cap
    assert f"payroll total:   {total:,} rial" in done.stdout
    again = subprocess.run(command, capture_output=True, text=True, check=False)
    assert again.returncode == 2
    assert "never paid twice" in again.stderr and "Traceback" not in again.stderr


def test_timesheets_keep_an_existing_file_unless_forced(default_run: Path, tmp_path: Path) -> None:
    """An existing --out is refused (exit 2, located message, file untouched); --force replaces
    it, and no temporary file is left beside it."""
    runner = CliRunner()
    ts = tmp_path / "ts.csv"
    ts.write_text("keep me\n", encoding="utf-8")
    args = ["timesheets", "--allocation", str(default_run), "--month", "1402/08", "--out", str(ts)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert f"{ts}: output file exists; use --force to replace it" in result.output
    assert "Traceback" not in result.output
    assert ts.read_text(encoding="utf-8") == "keep me\n"
    result = runner.invoke(cli, [*args, "--force"])
    assert result.exit_code == 0, result.output
    with ts.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 100 and {"شماره دانشجویی", "کد واحد"} <= rows[0].keys()  # as the template
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ts.csv"]
