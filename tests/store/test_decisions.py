"""Every decision with who and when, on SQLite and PostgreSQL: adopt, pay, replace and vacancy
through the CLI (``--by``), a unit's confirmations, and ``hamyar runs`` listing them."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from hamyar.cli import cli
from hamyar.io.placements import PlacedRow, read_assignments_csv
from hamyar.store import Workspace, WorkspaceError
from hamyar.store.decisions import term_decisions
from hamyar.store.unit_roster import UnitStudent, confirm_students, unit_students


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, "--lang", "en"])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.slow
def test_adopt_pay_replace_and_vacancy_name_who_decided(
    default_run: tuple[Path, Path],
    tmp_path: Path,
    first_waiting: Callable[[Path], tuple[PlacedRow, str]],
) -> None:
    run, timesheets = default_run
    assert invoke("adopt", "1", "--by", "karimi", "--note", "council")[0] == 0
    pay = ("pay", "--allocation", str(run), "--timesheets", str(timesheets),
           "--month", "1402/08", "--out", str(tmp_path / "payroll"))  # fmt: skip
    code, _, stderr = invoke(*pay, "--by", "ahmadi")
    assert code == 0, stderr
    code, _, stderr = invoke(*pay, "--by", "rezaei", "--replace")
    assert code == 0, stderr
    leaver, newcomer = first_waiting(run)
    code, _, stderr = invoke("vacancy", leaver.student_id, "--from", "1402/09/15", "--by", "dean")
    assert code == 0, stderr
    workspace = Workspace.open()
    with workspace.session() as session:
        found = [(d.kind, d.by) for d in term_decisions(session, "1402-1")]
    workspace.close()
    assert found == [
        ("adopt", "karimi"),
        ("pay", "ahmadi"),
        ("replace", "rezaei"),
        ("pay", "rezaei"),
        ("vacancy", "dean"),
    ]
    code, stdout, _ = invoke("runs")
    assert code == 0
    lines = stdout.split("decisions of 1402-1:")[1].splitlines()
    assert "karimi  adopt  adopted run 1 (council)" in lines[1]
    assert "ahmadi  pay  paid 1402/08: batch 1" in lines[2]
    assert "rezaei  replace  voided batch 1 of 1402/08" in lines[3]
    assert f"dean  vacancy  {leaver.student_id} leaves {leaver.unit_code}" in lines[5]
    assert f"seat to {newcomer}" in lines[5]


def test_a_unit_sees_its_students_without_national_ids_or_shebas(paid_default_run: Path) -> None:
    rows = read_assignments_csv(paid_default_run / "assignments.csv")
    lib = sorted(r.student_id for r in rows if r.unit_code == "LIB")
    other = next(r.student_id for r in rows if r.unit_code != "LIB")
    workspace = Workspace.open()
    with workspace.session() as session:
        adoption, students = unit_students(session, "1402-1", "LIB")
    assert adoption is not None and [s.student_id for s in students] == lib
    fields = {f.name for f in dataclasses.fields(UnitStudent)}
    assert not fields & {"national_id", "sheba"}
    assert all(s.first_name and s.last_name for s in students)
    with workspace.session() as session:
        assert confirm_students(session, "1402-1", "LIB", lib[:2], by="lib-office") == 2
        assert confirm_students(session, "1402-1", "LIB", lib[:3], by="lib-office") == 1
    with (
        pytest.raises(WorkspaceError, match="not students of unit LIB"),
        workspace.session() as session,
    ):
        confirm_students(session, "1402-1", "LIB", [lib[3], other], by="lib-office")
    with workspace.session() as session:
        _, students = unit_students(session, "1402-1", "LIB")
        decisions = term_decisions(session, "1402-1")
    workspace.close()
    assert [s.confirmed_by for s in students[:4]] == ["lib-office"] * 3 + [None]
    confirms = [d for d in decisions if d.kind == "confirm"]
    assert [d.en for d in confirms] == [
        "unit LIB confirmed 2 students",
        "unit LIB confirmed 1 students",
    ]
