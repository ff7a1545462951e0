"""Hostile inputs and interruptions (issue 19): each row of a table is one case of the issue,
commented with its number; what must hold is a located error, an exact round trip, or a clean
exit."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamyar.generator.default import default_problem
from hamyar.generator.timesheets import generate_timesheets, write_timesheets
from hamyar.io.allocation_dir import read_allocation_dir
from hamyar.io.csvfile import defuse, undefuse
from hamyar.models import JalaliMonth
from hamyar.pipeline import run_problem
from hamyar.pipeline.month import pay_month
from hamyar.reports.outputs import write_machine_outputs

FORMULA_IDS = [
    "-1234567890",  # case 4: an ID a spreadsheet reads as a negative number
    "+1234567890",  # case 4: a leading plus
    "=1234567890",  # case 4: a leading equals sign
    "@1234567890",  # case 4: a leading at sign
    "'-1234567890",  # case 4: already quoted text keeps its quote
    "''=12345678",  # case 4: two quotes kept
]


@pytest.mark.parametrize("text", FORMULA_IDS)
def test_defusing_reads_back_exactly(text: str) -> None:
    defused = defuse(text)
    assert isinstance(defused, str) and defused.startswith("'")
    assert undefuse(defused) == text


def test_formula_like_ids_are_paid_after_a_run(tmp_path: Path) -> None:
    """case 4: students whose IDs start with ``- + = @`` are placed, read back and paid."""
    problem = default_problem()
    renamed = {a.student_id: FORMULA_IDS[i % 4] + str(i) for i, a in enumerate(problem.applicants)}
    applicants = [
        a.model_copy(update={"student_id": renamed[a.student_id]}) for a in problem.applicants
    ]
    rejections = [
        r.model_copy(update={"student_id": renamed.get(r.student_id, r.student_id)})
        for r in problem.rejections
    ]
    problem = problem.model_copy(
        update={"applicants": tuple(applicants), "rejections": tuple(rejections)}
    )
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    result = run_problem(problem)
    write_machine_outputs(run_dir, result)
    placed = {a.student_id for a in result.allocation.assignments}
    assert placed and all(sid[0] in "-+=@" for sid in placed)

    record = read_allocation_dir(run_dir)
    assert {r.student_id for r in record.rows} == placed
    month = JalaliMonth(year=1402, month=8)
    sheets = generate_timesheets(record, month, seed=3)
    write_timesheets(tmp_path / "ts.xlsx", sheets)
    paid = pay_month(run_dir, tmp_path / "ts.xlsx", month, tmp_path / "payroll")
    lines = {line.student_id for line in paid.payroll.lines}
    assert lines and lines <= placed
    units = {r.student_id: r.unit_code for r in record.rows}
    assert lines == {r.student_id for r in sheets if r.unit_code == units.get(r.student_id)}
