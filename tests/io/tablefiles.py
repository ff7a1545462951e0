"""Helpers for the reader tests: small applicants and units tables written as CSV or xlsx.

Imported by the test modules beside it (``from tablefiles import ...``)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import openpyxl

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


def write_csv(path: Path, rows: Rows, bom: bool = False) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        csv.writer(handle).writerows([["" if v is None else v for v in row] for row in rows])
    return path


def write_xlsx(path: Path, rows: Rows, title: str | None = None) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    if title is not None:
        sheet.append([title])
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def write_table(path: Path, rows: Rows) -> Path:
    """CSV or xlsx by the path's suffix."""
    return write_xlsx(path, rows) if path.suffix == ".xlsx" else write_csv(path, rows)


def with_cell(rows: Rows, row: int, column: str, value: object) -> list[list[object]]:
    """A copy of ``rows`` with one cell changed (``row`` 1 = first data row)."""
    copy = [list(r) for r in rows]
    copy[row][list(copy[0]).index(column)] = value
    return copy


def without_column(rows: Rows, column: str) -> list[list[object]]:
    index = list(rows[0]).index(column)
    return [[v for i, v in enumerate(r) if i != index] for r in rows]
