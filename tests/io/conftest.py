"""Fixtures of the reader tests: small applicants and units tables in English headers, and
copies of them with one cell changed or one column left out (written with the ``write_csv``,
``write_xlsx`` and ``write_table`` fixtures of tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import pytest

from hamyar.models import JalaliMonth, TimesheetRow

Rows = Sequence[Sequence[object]]

UNITS_EN: list[list[object]] = [
    ["code", "name_fa", "name_en", "female_seats", "male_seats", "area"],
    ["LIB", "کتابخانه مرکزی", "Central Library", 2, 3, ""],
    ["DORM", "خوابگاه", "Dormitories", 4, 0, "dormitory"],
    ["SCI", "دانشکده علوم پایه", "Faculty of Basic Sciences", 1, 1, ""],
]

APPLICANTS_EN: list[list[object]] = [
    [
        "student_id",
        "national_id",
        "first_name",
        "last_name",
        "gender",
        "degree",
        "gpa",
        "study_start",
        "preferences",
    ],
    [
        "4001",
        "0013542419",
        "Ali",
        "Rezaei",
        "male",
        "bachelor_continuous",
        "17.5",
        "1400/07/01",
        "LIB;SCI",
    ],
    [
        "4002",
        "0023456787",
        "Zahra",
        "Karimi",
        "female",
        "master_discontinuous",
        "18",
        "1401/07/01",
        "DORM",
    ],
    ["4003", "", "Maryam", "Ahmadi", "female", "phd", "19.25", "1401/07/01", "SCI;LIB"],
]


TIMESHEET_ROWS = (
    ("4011000003", "LIB", 1402, 7, Decimal(30)),
    ("4011000003", "LIB", 1402, 8, Decimal("27.5")),
    ("4011000004", "DORM", 1402, 8, Decimal(40)),
    ("3994000002", "DORM", 1402, 12, Decimal(0)),
)


def _with_cell(rows: Rows, row: int, column: str, value: object) -> list[list[object]]:
    """A copy of ``rows`` with one cell changed (``row`` 1 = first data row)."""
    copy = [list(r) for r in rows]
    copy[row][list(copy[0]).index(column)] = value
    return copy


def _without_column(rows: Rows, column: str) -> list[list[object]]:
    index = list(rows[0]).index(column)
    return [[v for i, v in enumerate(r) if i != index] for r in rows]


@pytest.fixture
def units_en() -> list[list[object]]:
    """Header and three units: LIB (2 female, 3 male), DORM (4 female, area dormitory), SCI."""
    return [list(row) for row in UNITS_EN]


@pytest.fixture
def applicants_en() -> list[list[object]]:
    """Header and three applicants (4001-4003) asking for LIB, SCI and DORM."""
    return [list(row) for row in APPLICANTS_EN]


@pytest.fixture(scope="session")
def with_cell() -> Any:
    """``with_cell(rows, row, column, value)``: a copy with one cell changed (row 1 = the first
    data row)."""
    return _with_cell


@pytest.fixture(scope="session")
def without_column() -> Any:
    """``without_column(rows, column)``: a copy without the column."""
    return _without_column


@pytest.fixture(scope="session")
def timesheet_rows() -> tuple[TimesheetRow, ...]:
    """Four timesheet rows: two months of one student, a fractional and a zero month."""
    return tuple(
        TimesheetRow(
            student_id=sid, unit_code=unit, month=JalaliMonth(year=y, month=m), hours=hours
        )
        for sid, unit, y, m, hours in TIMESHEET_ROWS
    )
