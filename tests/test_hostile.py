"""Hostile inputs and interruptions (issue 19): each row of a table is one case of the issue,
commented with its number; what must hold is a located error, an exact round trip, or a clean
exit."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hamyar.generator.default import default_problem
from hamyar.generator.timesheets import generate_timesheets, write_timesheets
from hamyar.io.allocation_dir import read_allocation_dir
from hamyar.io.csvfile import defuse, undefuse
from hamyar.io.units import read_units
from hamyar.models import JalaliMonth
from hamyar.models.problem import reference_issues
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


DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("codes", "duplicates"),
    [
        ({5: "lib"}, {5: "LIB"}),  # case 6: LIB and lib are one code
        ({5: "lib", 7: "Lib"}, {5: "LIB", 7: "LIB"}),  # case 6: every duplicate located
        ({5: "lib", 2: "pe"}, {5: "LIB"}),  # case 6: PE written pe alone is no duplicate
    ],
)
def test_unit_codes_differing_in_case_are_duplicates(
    tmp_path: Path, codes: dict[int, str], duplicates: dict[int, str]
) -> None:
    lines = (DATA / "qom-1402-1403-units.csv").read_text(encoding="utf-8").splitlines()
    for index, code in codes.items():
        cells = lines[index].split(",", 2)
        lines[index] = ",".join([cells[0], code, cells[2]])
    units_file = tmp_path / "units.csv"
    units_file.write_text("\n".join(lines) + "\n", encoding="utf-8")

    units = read_units(units_file).records
    issues = [i for i in reference_issues((), units, ()) if "duplicate unit code" in i.message]
    assert {i.row: i.column for i in issues} == {row + 1: "code" for row in duplicates}
    for issue in issues:
        assert issue.file == str(units_file)
        assert f"{duplicates[issue.row - 1]!r}, row 4" in issue.message


def _staging_appeared(folder: Path, proc: subprocess.Popen[bytes]) -> bool:
    """Wait until the run has begun writing (a hidden staging entry beside ``--out``)."""
    for _ in range(1200):
        if proc.poll() is not None:
            return False
        if list(folder.glob(".alloc.hamyar-*.tmp")):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sig", "code"),
    [
        (signal.SIGINT, 130),  # case 13: Ctrl-C mid-run: one line, exit 130
        (signal.SIGTERM, 143),  # case 13: SIGTERM mid-run: exit 143
    ],
)
def test_run_interrupted_leaves_no_traceback_nor_staging(
    tmp_path: Path, sig: signal.Signals, code: int
) -> None:
    hamyar = Path(sys.executable).with_name("hamyar")
    proc = subprocess.Popen(
        [str(hamyar), "run", "--out", "alloc"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    if not _staging_appeared(tmp_path, proc):
        proc.kill()
        pytest.fail("the run ended before it began writing")
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == code, err.decode()
    assert b"Traceback" not in err
    assert not list(tmp_path.glob(".alloc.hamyar-*.tmp")), list(tmp_path.iterdir())
    assert not (tmp_path / "alloc").exists()
