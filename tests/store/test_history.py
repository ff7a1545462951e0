"""History across terms on SQLite and PostgreSQL, through the CLI: the next term's continuing
assistants come from the adopted allocation of the term before (``--continue-from``), the units'
evaluations are imported from the workbook ``evaluations template`` writes (bad rows located,
all at once, nothing stored), a "not satisfied" closes the unit next term under the policy's
``exclude_unsatisfied`` (E9), and ``hamyar history`` shows a student's terms, hours and pay."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from sqlalchemy import inspect

from hamyar.cli import cli
from hamyar.io.placements import PlacedRow
from hamyar.store import Workspace
from hamyar.store.evaluations import live_evaluations
from hamyar.store.runs import list_runs

MONTH = "1402/08"


def invoke(*args: str, lang: str = "en") -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, "--lang", lang])
    return result.exit_code, result.stdout, result.stderr


def next_term(folder: Path, policy: str | None = None) -> Path:
    """A scenario of term 1402-2 over the embedded default's applicants and units."""
    lines = ['name = "next"', 'extends = "qom-1402-1403"', 'term = "1402-2"']
    if policy is not None:
        (folder / "policy.toml").write_text(policy, encoding="utf-8")
        lines.append('policy = "policy.toml"')
    path = folder / "next.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def assignments(folder: Path) -> dict[str, tuple[str, str]]:
    with (folder / "assignments.csv").open(encoding="utf-8-sig") as fh:
        return {r["student_id"]: (r["unit_code"], r["pinned"]) for r in csv.DictReader(fh)}


@pytest.fixture
def adopted_term(paid_default_run: Path) -> Path:
    """The embedded default (term 1402-1) run, adopted, and its month 1402/08 paid."""
    return paid_default_run


def test_continue_from_needs_an_adopted_allocation(workspace_env: str, tmp_path: Path) -> None:
    scenario = next_term(tmp_path)
    out = tmp_path / "next"
    code, _, stderr = invoke("run", str(scenario), "--out", str(out), "--continue-from", "1402-1")
    assert code == 2 and "no allocation of term 1402-1 has been adopted" in stderr
    assert "Traceback" not in stderr and not out.exists()
    code, _, stderr = invoke(
        "run", str(scenario), "--out", str(out), "--continue-from", "1402-1", lang="fa"
    )
    assert code == 2 and "پذیرفته نشده" in stderr
    code, _, stderr = invoke("run", str(scenario), "--out", str(out), "--continue-from", "1403-1")
    assert code == 2 and "-:--continue-from: the term continued from must come before" in stderr
    code, _, stderr = invoke("run", str(scenario), "--out", str(out), "--continue-from", "soon")
    assert code == 2 and "unknown term" in stderr
    workspace = Workspace.open()
    with workspace.session() as session:
        assert list_runs(session) == []
    workspace.close()


def test_allocate_continue_from_needs_a_term(workspace_env: str, tmp_path: Path) -> None:
    made = CliRunner().invoke(
        cli, ["generate", "--applicants", "40", "--units", "4", "--seed", "2", "--out",
              str(tmp_path / "gen")],
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    gen = tmp_path / "gen"
    args = ["allocate", str(gen / "applicants.csv"), str(gen / "units.csv")]
    result = CliRunner().invoke(
        cli, [*args, "--out", str(tmp_path / "a"), "--continue-from", "1402-1"]
    )
    assert result.exit_code == 2 and "--continue-from needs the run's --term" in result.stderr
    result = CliRunner().invoke(
        cli, [*args, "--term", "1402-2", "--out", str(tmp_path / "a"), "--continue-from", "1402-1"]
    )
    assert result.exit_code == 2 and "no allocation of term 1402-1" in result.stderr

    # the earlier term allocated and adopted: the next one pins its students (A5)
    first = CliRunner().invoke(cli, [*args, "--term", "1402-1", "--out", str(tmp_path / "t1")])
    assert first.exit_code == 0, first.output
    assert invoke("adopt", "1")[0] == 0
    result = CliRunner().invoke(
        cli, [*args, "--term", "1402-2", "--out", str(tmp_path / "t2"), "--continue-from", "1402-1"]
    )
    assert result.exit_code == 0, result.output
    before, after = assignments(tmp_path / "t1"), assignments(tmp_path / "t2")
    assert f"continuing from 1402-1: {len(before)} continuing assistant(s)" in result.stdout
    assert {sid: unit for sid, (unit, _) in before.items()} == {
        sid: unit for sid, (unit, pinned) in after.items() if pinned == "true"
    }


@pytest.mark.slow
def test_term_walk_with_evaluations_and_history(adopted_term: Path, tmp_path: Path) -> None:
    before = assignments(adopted_term)

    # the blank workbook: Persian headers, every student of the adopted allocation, a drop-down
    blank = tmp_path / "evaluations.xlsx"
    code, stdout, stderr = invoke(
        "evaluations", "template", "--term", "1402-1", "--out", str(blank)
    )
    assert code == 0, stderr
    assert f"{len(before)} students in 25 unit(s)" in stdout
    book = load_workbook(blank)
    sheet = book.active
    assert sheet is not None and sheet.sheet_view.rightToLeft
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["شماره دانشجویی", "نام", "نام خانوادگی", "کد واحد", "نام واحد", "ارزیابی"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert {(r[0], r[3]) for r in rows} == {(sid, u) for sid, (u, _) in before.items()}
    assert all(r[1] and r[4] for r in rows)  # names from the run's assignments.csv
    (validation,) = sheet.data_validations.dataValidation
    assert validation.formula1 == '"راضی,ناراضی"' and "F2" in str(validation.sqref)
    one_unit = tmp_path / "one.xlsx"
    unit = rows[0][3]
    assert (
        invoke(
            "evaluations", "template", "--term", "1402-1", "--out", str(one_unit), "--unit", unit
        )[0]
        == 0
    )
    unit_rows = list(load_workbook(one_unit).active.iter_rows(min_row=2, values_only=True))
    assert unit_rows and {r[3] for r in unit_rows} == {unit}

    # (row 2 = the first student) not satisfied, row 3 satisfied
    leaver, kept = str(rows[0][0]), str(rows[1][0])
    sheet["F2"], sheet["G2"] = "ناراضی", "غیبت مکرر"
    sheet["F3"] = "راضی"
    good = tmp_path / "filled.xlsx"
    book.save(good)

    # a bad workbook: a value not in the list, a unit nobody works in, a student the unit never
    # had, one pair twice — all reported, nothing stored
    sheet["F4"] = "خوب"
    sheet["D5"], sheet["F5"] = "NOPE", "راضی"
    other = next(sid for sid, (u, _) in before.items() if u != rows[5][3])
    sheet["A6"], sheet["F6"] = other, "راضی"
    sheet.append([leaver, None, None, rows[0][3], None, "راضی"])
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    code, _, stderr = invoke("evaluations", "import", str(bad), "--term", "1402-1")
    assert code == 2, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 4
    assert lines[0].startswith(f"{bad}:4:ارزیابی: unknown evaluation")
    assert lines[1].startswith(f"{bad}:5:کد واحد: unknown unit")
    assert lines[2].startswith(f"{bad}:6:شماره دانشجویی: unit {rows[5][3]} never had this")
    assert lines[3].startswith(
        f"{bad}:{len(rows) + 2}:شماره دانشجویی: evaluated twice (also row 2)"
    )
    assert invoke("evaluations", "import", str(bad), "--term", "1401-2")[0] == 2
    workspace = Workspace.open()
    with workspace.session() as session:
        assert live_evaluations(session) == []
    workspace.close()

    code, stdout, stderr = invoke(
        "evaluations", "import", str(good), "--term", "1402-1", "--by", "unit-head"
    )
    assert code == 0, stderr
    assert "2 evaluation(s) of 1402-1 stored: 1 satisfied, 1 not satisfied" in stdout
    workspace = Workspace.open()
    with workspace.session() as session:
        stored = {(e.student_id, e.satisfied, e.imported_by) for e in live_evaluations(session)}
    workspace.close()
    assert stored == {(leaver, False, "unit-head"), (kept, True, "unit-head")}
    code, stdout, _ = invoke("evaluations", "import", str(good), "--term", "1402-1")
    assert code == 0 and "2 earlier evaluation(s) superseded" in stdout
    workspace = Workspace.open()
    with workspace.session() as session:
        assert len(live_evaluations(session)) == 2
    assert inspect(workspace.engine).has_table("evaluations")
    workspace.close()

    # next term: continuing assistants from 1402-1, the "not satisfied" closes the unit
    scenario = next_term(tmp_path, "exclude_unsatisfied = true\n")
    out = tmp_path / "1402-2"
    code, stdout, stderr = invoke(
        "run", str(scenario), "--out", str(out), "--continue-from", "1402-1"
    )
    assert code == 0, stderr
    n = len(before)
    assert (
        f"continuing from 1402-1: {n - 1} continuing assistant(s) (A5), 1 not continuing" in stdout
    )
    assert f"not kept in unit {rows[0][3]}" in stderr
    after = assignments(out)
    assert after[kept] == (before[kept][0], "true")
    assert after.get(leaver, ("-",))[0] != before[leaver][0]
    pinned = {sid for sid, (_, p) in after.items() if p == "true"}
    assert pinned == set(before) - {leaver}
    with (out / "eligibility.csv").open(encoding="utf-8-sig") as fh:
        row = next(r for r in csv.DictReader(fh) if r["student_id"] == leaver)
    assert "was not satisfied with the student in term 1402-1" in str(row)

    # the next term adopted: the kept student's history has both terms
    assert invoke("adopt", "2")[0] == 0
    code, stdout, _ = invoke("history", kept)
    assert code == 0
    terms = [line.split()[:2] for line in stdout.splitlines()[2:4]]
    assert terms == [["1402-1", before[kept][0]], ["1402-2", before[kept][0]]]
    assert "(continuing)" in stdout.splitlines()[3]

    code, stdout, _ = invoke("history", leaver)
    assert code == 0
    lines = stdout.splitlines()
    assert lines[0] == f"history of student {leaver}"
    assert lines[2].split()[:3] == ["1402-1", before[leaver][0], "1"]
    assert f"{before[leaver][0]}: not satisfied (غیبت مکرر)" in lines[2]
    assert any(line.startswith("1402-1  1402/08") for line in lines)
    code, stdout, _ = invoke("history", leaver, lang="fa")
    assert code == 0 and "سابقه‌ی دانشجو" in stdout and "ناراضی" in stdout
    code, stdout, stderr = invoke("history", "0000")
    assert code == 2 and "no record" in stderr


def test_keep_previous_with_continue_from(adopted_term: Path, tmp_path: Path) -> None:
    scenario = next_term(tmp_path, 'keep_previous = "1402-1"\nkeep_previous_mode = "hard"\n')
    out = tmp_path / "kept"
    code, stdout, stderr = invoke(
        "run", str(scenario), "--out", str(out), "--continue-from", "1402-1"
    )
    assert code == 0, stderr
    assert "kept as the previous allocation (keep_previous)" in stdout
    before, after = assignments(adopted_term), assignments(out)
    assert {sid: u for sid, (u, _) in after.items()} == {sid: u for sid, (u, _) in before.items()}
    other = next_term(tmp_path, 'keep_previous = "1401-2"\n')
    code, _, stderr = invoke(
        "run", str(other), "--out", str(out / "x"), "--continue-from", "1402-1"
    )
    assert code == 2 and "keep_previous names term 1401-2" in stderr
    code, _, stderr = invoke("run", str(other), "--out", str(out / "x"))
    assert code == 2 and "refused rather than ignored" in stderr


def test_a_unit_evaluates_the_student_who_left_it_mid_term(
    default_run: tuple[Path, Path],
    tmp_path: Path,
    first_waiting: Callable[[Path], tuple[PlacedRow, str]],
) -> None:
    run = default_run[0]
    assert invoke("adopt", "1")[0] == 0
    leaver, newcomer = first_waiting(run)
    code, _, stderr = invoke("vacancy", leaver.student_id, "--from", "1402/09/15")
    assert code == 0, stderr
    filled = tmp_path / "filled.csv"
    rows = [
        (leaver.student_id, leaver.unit_code, "ناراضی"),  # left the unit, still evaluated
        (newcomer, leaver.unit_code, "راضی"),  # came through the vacancy
    ]
    filled.write_text(
        "شماره دانشجویی,کد واحد,ارزیابی\n" + "".join(",".join(r) + "\n" for r in rows),
        encoding="utf-8",
    )
    code, stdout, stderr = invoke("evaluations", "import", str(filled), "--term", "1402-1")
    assert code == 0, stderr
    assert "1 satisfied, 1 not satisfied" in stdout
    workspace = Workspace.open()
    with workspace.session() as session:
        stored = {(e.student_id, e.unit_code, e.satisfied) for e in live_evaluations(session)}
    workspace.close()
    assert stored == {
        (leaver.student_id, leaver.unit_code, False),
        (newcomer, leaver.unit_code, True),
    }
