"""Reading tables: header detection, file types, row numbers, file-level errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from hamyar.errors import InputError
from hamyar.io import APPLICANT_COLUMNS, UNIT_COLUMNS, read_applicants, read_table, read_units


def test_header_row_below_a_title_line(tmp_path: Path, units_en, write_xlsx) -> None:
    path = write_xlsx(tmp_path / "units.xlsx", units_en, title="جدول ظرفیت واحدها ۱۴۰۲")
    table = read_table(path, UNIT_COLUMNS, "units")
    assert table.header_row == 2
    assert [r.number for r in table.rows] == [3, 4, 5]


def test_csv_with_and_without_bom_read_alike(tmp_path: Path, units_en, write_csv) -> None:
    plain = read_units(write_csv(tmp_path / "a.csv", units_en)).records
    bom = read_units(write_csv(tmp_path / "b.csv", units_en, bom=True)).records
    assert [u.model_dump(exclude={"source"}) for u in plain] == [
        u.model_dump(exclude={"source"}) for u in bom
    ]
    assert plain[0].source.row == 2


def test_empty_rows_are_skipped_but_numbers_kept(tmp_path: Path, units_en, write_csv) -> None:
    blank: list[object] = ["", "", "", "", "", ""]
    rows = [units_en[0], units_en[1], blank, units_en[2]]
    units = read_units(write_csv(tmp_path / "u.csv", rows)).records
    assert [u.source.row for u in units] == [2, 4]


def test_first_sheet_with_a_header_row_is_used(tmp_path: Path, units_en) -> None:
    workbook = openpyxl.Workbook()
    notes = workbook.active
    assert notes is not None
    notes.title = "راهنما"
    notes.append(["این فایل ظرفیت واحدها را دارد"])
    data = workbook.create_sheet("units")
    for row in units_en:
        data.append(row)
    workbook.save(tmp_path / "u.xlsx")
    assert len(read_units(tmp_path / "u.xlsx").records) == 3


def test_excel_typed_cells(tmp_path: Path, applicants_en, write_xlsx) -> None:
    """Numbers, a dropped leading zero and a Gregorian date cell, as Excel stores them."""
    rows = [list(r) for r in applicants_en[:2]]
    rows[1][0] = 4001  # student id as a number
    rows[1][1] = 13542419  # national ID 0013542419 whose leading zeros Excel dropped
    rows[1][6] = 17.5
    rows[1][7] = dt.datetime(2021, 9, 23)  # 1400/07/01
    app = read_applicants(write_xlsx(tmp_path / "a.xlsx", rows)).records[0]
    assert app.student_id == "4001"
    assert app.national_id == "0013542419"
    assert app.gpa == 17.5
    assert str(app.study_start) == "1400/07/01"


def test_unknown_columns_are_kept(tmp_path: Path, applicants_en, write_csv) -> None:
    rows = [[*applicants_en[0], "یادداشت"]] + [[*r, "note"] for r in applicants_en[1:]]
    result = read_applicants(write_csv(tmp_path / "a.csv", rows))
    assert result.extra_columns == ("یادداشت",)
    assert result.records[0].extra == {"یادداشت": "note"}


def test_duplicate_header_is_an_error(tmp_path: Path, units_en, write_csv) -> None:
    rows = [[*units_en[0], "نام واحد"]] + [[*r, "x"] for r in units_en[1:]]
    with pytest.raises(InputError, match=r"u.csv:1:نام واحد: column name_fa appears twice"):
        read_units(write_csv(tmp_path / "u.csv", rows))


def test_no_header_row_lists_required_columns(tmp_path: Path, write_csv) -> None:
    path = write_csv(tmp_path / "a.csv", [["x", "y"], ["1", "2"]])
    with pytest.raises(InputError) as info:
        read_table(path, APPLICANT_COLUMNS, "applicants")
    text = str(info.value)
    assert text.startswith(f"{path}:1: no header row")
    assert "student_id (student_id, شماره دانشجویی)" in text


def test_damaged_workbook(tmp_path: Path) -> None:
    path = tmp_path / "u.xlsx"
    path.write_bytes(b"PK\x03\x04 a zip file cut short")
    with pytest.raises(InputError, match=r"u.xlsx: cannot read workbook"):
        read_units(path)


def test_csv_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_bytes("code,name_fa\nA,کتابخانه\n".encode("cp1256"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_units(path)


def test_old_excel_format_gets_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "u.xls"
    path.write_bytes(b"")
    with pytest.raises(InputError, match=r"unsupported file type \.xls: .*save it as \.xlsx"):
        read_units(path)
