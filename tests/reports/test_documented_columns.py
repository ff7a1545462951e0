"""docs/DATA.md lists the output files and their columns as the writers write them, in order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hamyar.io.placements import ASSIGNMENT_COLUMNS
from hamyar.reports import payroll_files
from hamyar.reports.eligibility_csv import ELIGIBILITY_HEADER
from hamyar.reports.notice_files import NOTICES_HEADER
from hamyar.reports.outputs import UNASSIGNED_HEADER

DATA_MD = Path(__file__).resolve().parents[2] / "docs" / "DATA.md"


def documented(file: str) -> list[str]:
    """The column names in backticks after the colon on the row of ``file`` in an outputs
    table."""
    for line in DATA_MD.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"| `{file}` |"):
            what = line.split("|")[2].split(": ", 1)[1]
            return [c.strip() for part in re.findall(r"`([^`]+)`", what) for c in part.split(",")]
    raise AssertionError(f"{file} is not in the outputs table of docs/DATA.md")


@pytest.mark.parametrize(
    ("file", "columns"),
    [
        ("assignments.csv", ASSIGNMENT_COLUMNS),
        ("eligibility.csv", ELIGIBILITY_HEADER),
        ("unassigned.csv", UNASSIGNED_HEADER),
        ("notices.csv", NOTICES_HEADER),
    ],
)
def test_outputs_table_lists_the_written_columns(file: str, columns: tuple[str, ...]) -> None:
    names = [c for c in documented(file) if c != ";"]
    assert names == list(columns)


def test_payroll_outputs_are_documented() -> None:
    """Every payroll file name the writer uses is in docs/DATA.md."""
    text = DATA_MD.read_text(encoding="utf-8")
    names = [
        payroll_files.PAYROLL_XLSX,
        payroll_files.TRANSFERS_XLSX,
        payroll_files.TRANSFERS_CSV,
        payroll_files.HELD_BACK_CSV,
        payroll_files.NOT_PAYABLE_CSV,
        payroll_files.BAD_ROWS_CSV,
        payroll_files.PAYROLL_JSON,
    ]
    for name in names:
        assert f"| `{name}` |" in text, name
    assert documented("bad_rows.csv") == list(payroll_files.BAD_COLUMNS)
