"""Cells parsed column by column give every row the values, and every bad row the issues in
the order, that parsing it cell by cell gives; equal cells of different types (``1``, ``1.0``,
``True``, ``"1"``) keep their own values."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from hamyar.errors import Issue
from hamyar.io.columns import APPLICANT_COLUMNS
from hamyar.io.rows import RowReader
from hamyar.io.tables import read_table

HEADER = ["student_id", "first_name", "last_name", "gender", "degree", "gpa", "children"]
HEADER += ["iranian_mother", "semesters_passed", "preferences", "national_id"]
ROWS: list[list[object]] = [
    ["4001", "Ali", "Rezaei", "male", "phd", 17.5, 1, True, 2, "LIB;SCI", "0013542419"],
    ["4002", "Zahra", "Karimi", "female", "phd", "18", 1.0, 1, "3", "DORM", ""],
    ["4003", "", "Ahmadi", "female", "phd", "بیست", "1", "1", 2.5, "LIB", "12"],
    ["4004", "Reza", "Moradi", "male", "bachelor", 21, True, "maybe", -1, "SCI", None],
    ["4005", "Sara", "Jafari", "female", "phd", "17/5", 0, False, 4, "LIB", "0013542419"],
    [4006, "Mina", "Kazemi", "femme", "phd", "19", "", "no", "", "", ""],
]


def _cell_by_cell(path: Path) -> list[tuple[dict[str, object], bool, list[Issue]]]:
    table = read_table(path, APPLICANT_COLUMNS, "applicants", lenient=True)
    out = []
    for row in table.rows:
        issues: list[Issue] = []
        values, ok = RowReader(table, issues)._cell_by_cell(row)
        out.append((values, ok, issues))
    return out


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_columns_agree_with_cells(
    tmp_path: Path, write_table: Callable[[Path, list[list[object]]], Path], suffix: str
) -> None:
    path = write_table(tmp_path / f"applicants{suffix}", [HEADER, *ROWS])
    table = read_table(path, APPLICANT_COLUMNS, "applicants", lenient=True)
    issues: list[Issue] = []
    reader = RowReader(table, issues)
    seen = []
    for row in table.rows:
        before = len(issues)
        values, ok = reader.fields(row)
        seen.append((values, ok, issues[before:]))
    expected = _cell_by_cell(path)
    assert [s[:2] for s in seen] == [e[:2] for e in expected]
    assert [[str(i) for i in s[2]] for s in seen] == [[str(i) for i in e[2]] for e in expected]
    assert [ok for _, ok, _ in seen] == [True, True, False, False, True, False]
    if suffix == ".xlsx":  # typed cells: 1.0 is 1, and 1 is yes
        first, second = seen[0][0], seen[1][0]
        assert first["children"] == 1 and second["children"] == 1
        assert first["iranian_mother"] is True and second["iranian_mother"] is True
    assert [i.column for i in seen[3][2]] == [
        "gpa",
        "children",
        "iranian_mother",
        "semesters_passed",
    ]


def test_records_share_their_fields_set(
    tmp_path: Path, write_table: Callable[[Path, list[list[object]]], Path]
) -> None:
    """Records of the same fields hold one set of their names, equal to what pydantic gives
    each, and copying one with a change still works."""
    from hamyar.io.applicants import parse_applicants
    from hamyar.models import Applicant

    path = write_table(tmp_path / "applicants.csv", [HEADER, ROWS[0], ROWS[4]])
    first, second = parse_applicants(path).records
    assert first.model_fields_set is second.model_fields_set
    given = Applicant.model_validate(first.model_dump(exclude_unset=True)).model_fields_set
    assert first.model_fields_set == given
    assert first.source.model_fields_set is second.source.model_fields_set
    copied = first.model_copy(update={"preferences": ("DORM",)})
    assert copied.preferences == ("DORM",) and first.preferences == ("LIB", "SCI")
    assert first.model_fields_set == given
