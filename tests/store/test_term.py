"""A term walked end to end on SQLite and PostgreSQL, through the CLI: run (the recorded default
run of tests/store/conftest.py) → adopt → pay month 1
→ a vacancy → pay month 2 with pro rata lines (P5) → the units' evaluations → the next term with
its continuing assistants (A5) from the history, and each student's history."""

from __future__ import annotations

import csv
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from hamyar.cli import cli
from hamyar.io import read_timesheets
from hamyar.io.allocation_dir import read_allocation_dir
from hamyar.io.placements import PlacedRow
from hamyar.store import Workspace
from hamyar.store.ledger import payment_lines


def invoke(*args: str, lang: str = "en") -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, "--lang", lang])
    return result.exit_code, result.stdout, result.stderr


def timesheets(run: Path, month: str, out: Path) -> None:
    args = ["timesheets", "--allocation", str(run), "--month", month, "--out", str(out)]
    made = CliRunner().invoke(cli, args)
    assert made.exit_code == 0, made.output


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def by_hand(row: PlacedRow, hours: Decimal) -> int:
    """⌊hours × rate × multiplier × (100 + bonus) / 100⌋ (P1–P3)."""
    exact = Fraction(hours) * row.hourly_rate * Fraction(row.multiplier)
    exact *= Fraction(100 + row.bonus_percent, 100)
    return exact.numerator // exact.denominator


@pytest.mark.slow
def test_a_term_end_to_end(
    default_run: tuple[Path, Path],
    tmp_path: Path,
    first_waiting: Callable[[Path], tuple[PlacedRow, str]],
) -> None:
    # the term's allocation, run as `hamyar run` (run 1, the session's template), adopted
    run = default_run[0]
    assert invoke("adopt", "1", "--note", "council", "--by", "karimi")[0] == 0
    record = read_allocation_dir(run)
    placed = {r.student_id: r for r in record.rows}

    # month 1: generated timesheets, everyone paid once
    ts1 = tmp_path / "ts-08.csv"
    timesheets(run, "1402/08", ts1)
    pay = ["pay", "--allocation", str(run), "--out", str(tmp_path / "payroll")]
    code, _, stderr = invoke(*pay, "--timesheets", str(ts1), "--month", "1402/08")
    assert code == 0, stderr

    # a vacancy from 1402/09/15: the seat goes to the first on the unit's waiting list
    leaver, newcomer = first_waiting(run)
    code, stdout, stderr = invoke(
        "vacancy", leaver.student_id, "--from", "1402/09/15", "--reason", "moved", "--by", "karimi"
    )
    assert code == 0, stderr
    assert f"the seat goes to {newcomer}" in stdout

    # month 2: the unit reports the leaver's and the newcomer's hours; both paid pro rata
    ts2 = tmp_path / "ts-09.csv"
    timesheets(run, "1402/09", ts2)
    hours = {r.student_id: r.hours for r in read_timesheets(ts2).records}
    with ts2.open("a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow([newcomer, leaver.unit_code, "1402/09", "30"])
    code, stdout, stderr = invoke(*pay, "--timesheets", str(ts2), "--month", "1402/09")
    assert code == 0, stderr
    workspace = Workspace.open()
    with workspace.session() as session:
        lines = payment_lines(session, "1402/09")
        month1 = payment_lines(session, "1402/08")
    workspace.close()
    paid = {x.student_id: x for x in lines}
    assert len(paid) == len(lines)  # one payment per student and month
    assert newcomer not in {x.student_id for x in month1}
    left, came = paid[leaver.student_id], paid[newcomer]
    # the leaver: days 1–14 of Azar's 30, cap ⌊80 × 14/30 × 100⌋ / 100 = 37.33 h
    assert (left.days, left.month_days) == (14, 30)
    assert left.hours == min(hours[leaver.student_id], Decimal("37.33"))
    assert left.amount_rial == by_hand(leaver, left.hours)
    # the newcomer: days 15–30, cap 42.66 h, 30 h reported and paid
    assert (came.days, came.month_days, came.hours, came.unit_code) == (
        16,
        30,
        Decimal(30),
        leaver.unit_code,
    )
    assert all(x.days is None for x in lines if x.student_id not in (leaver.student_id, newcomer))
    transfers = {
        r["student_id"] for r in rows_of(tmp_path / "payroll" / "1402-09" / "transfers.csv")
    }
    held = {r["student_id"] for r in rows_of(tmp_path / "payroll" / "1402-09" / "held_back.csv")}
    assert {leaver.student_id, newcomer} <= transfers | held

    # term end: the units' evaluations, from the workbook written for the term as it ended
    blank = tmp_path / "evaluations.xlsx"
    code, _, stderr = invoke("evaluations", "template", "--term", "1402-1", "--out", str(blank))
    assert code == 0, stderr
    book = load_workbook(blank)
    ws = book.active
    assert ws is not None
    listed = {str(r[0]): r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert newcomer in listed and leaver.student_id not in listed
    assert listed[newcomer][1] and listed[newcomer][3] == leaver.unit_code  # named, in the unit
    unsatisfied = next(s for s in sorted(listed) if s != newcomer and not placed[s].pinned)
    for row in ws.iter_rows(min_row=2):
        if str(row[0].value) == newcomer:
            row[5].value = "راضی"
        elif str(row[0].value) == unsatisfied:
            row[5].value = "ناراضی"
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    code, stdout, stderr = invoke("evaluations", "import", str(filled), "--term", "1402-1")
    assert code == 0, stderr
    assert "1 satisfied, 1 not satisfied" in stdout

    # the next term continues from 1402-1: the newcomer continues, the leaver does not, and
    # the "not satisfied" student is not kept in that unit
    (tmp_path / "policy.toml").write_text("exclude_unsatisfied = true\n", encoding="utf-8")
    scenario = tmp_path / "next.toml"
    scenario.write_text(
        'name = "next"\nextends = "qom-1402-1403"\nterm = "1402-2"\npolicy = "policy.toml"\n',
        encoding="utf-8",
    )
    out = tmp_path / "1402-2"
    code, stdout, stderr = invoke(
        "run", str(scenario), "--out", str(out), "--continue-from", "1402-1"
    )
    assert code == 0, stderr
    assert f"{len(listed) - 1} continuing assistant(s) (A5), 1 not continuing" in stdout
    after = {r["student_id"]: r for r in rows_of(out / "assignments.csv")}
    assert after[newcomer]["unit_code"] == leaver.unit_code and after[newcomer]["pinned"] == "true"
    assert after.get(leaver.student_id, {}).get("pinned") != "true"
    assert after.get(unsatisfied, {}).get("unit_code") != placed[unsatisfied].unit_code
    pinned = {s for s, r in after.items() if r["pinned"] == "true"}
    assert pinned == set(listed) - {unsatisfied}

    # the history shows the part-term placements and the pro rata payments
    code, stdout, _ = invoke("history", newcomer)
    assert code == 0
    assert f"{leaver.unit_code} (from 1402/09/15)" in stdout
    assert any(line.startswith("1402-1  1402/09") for line in stdout.splitlines())
    code, stdout, _ = invoke("history", leaver.student_id)
    assert code == 0 and f"{leaver.unit_code} (until 1402/09/14)" in stdout
    assert f"{left.amount_rial:,}" in stdout
