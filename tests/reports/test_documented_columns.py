"""docs/DATA.md lists the output columns as the files write them, in order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hamyar.payments.placements import ASSIGNMENT_COLUMNS
from hamyar.reports.eligibility_csv import ELIGIBILITY_HEADER
from hamyar.reports.outputs import UNASSIGNED_HEADER

DATA_MD = Path(__file__).resolve().parents[2] / "docs" / "DATA.md"


def documented(file: str) -> list[str]:
    """The column names in backticks on the row of ``file`` in the outputs table."""
    for line in DATA_MD.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"| `{file}` |"):
            what = line.split("|")[2]
            return [c.strip() for part in re.findall(r"`([^`]+)`", what) for c in part.split(",")]
    raise AssertionError(f"{file} is not in the outputs table of docs/DATA.md")


@pytest.mark.parametrize(
    ("file", "columns"),
    [
        ("assignments.csv", ASSIGNMENT_COLUMNS),
        ("eligibility.csv", ELIGIBILITY_HEADER),
        ("unassigned.csv", UNASSIGNED_HEADER),
    ],
)
def test_outputs_table_lists_the_written_columns(file: str, columns: tuple[str, ...]) -> None:
    names = [c for c in documented(file) if c != ";"]
    assert names == list(columns)
