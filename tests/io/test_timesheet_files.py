"""Timesheet files as the office has them: the template (Persian notes, an example row that is
never read as data) and the file ``hamyar timesheets`` writes (Persian headers, right to left,
like the template) both read back with hamyar's timesheet reader."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from hamyar.errors import InputError
from hamyar.generator.timesheets import write_timesheets
from hamyar.io import read_timesheets
from hamyar.io.columns import TIMESHEET_COLUMNS
from hamyar.io.template import EXAMPLE_SHEET, template_workbook, write_templates
from hamyar.models import TimesheetRow

_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.mark.parametrize("name", ["applicants", "units", "rejections", "timesheets"])
def test_header_notes_are_persian(name: str) -> None:
    sheet = template_workbook(name).worksheets[0]
    for cell in sheet[1]:
        note = cell.comment.text
        assert re.search(r"[\u0600-\u06FF]", note), note
        # the English column name is given once, as the name a CSV file may use; the rest is
        # Persian (English enumeration words are allowed after «یا»)
        first = note.splitlines()[0]
        assert "الزامی" in first or "اختیاری" in first
        assert not any(w in note for w in ("required", "optional", "a whole number", "text"))


def test_timesheet_template_has_an_example_row_that_is_not_data(tmp_path: Path) -> None:
    (path,) = [p for p in write_templates(tmp_path) if p.name == "timesheets.xlsx"]
    workbook = openpyxl.load_workbook(path)
    main, example = workbook.worksheets
    assert example.title == EXAMPLE_SHEET
    assert example.sheet_view.rightToLeft
    headers = [c.header_fa for c in TIMESHEET_COLUMNS]
    assert [c.value for c in main[1]] == headers == [c.value for c in example[1]]
    sample = [c.value for c in example[2]]
    assert all(v not in (None, "") for v in sample)
    with pytest.raises(InputError, match="no data rows below the timesheets header row"):
        read_timesheets(path)  # the example sheet is never read as data

    main.append(sample)
    main.append(["4011000003", "LIB", "۱۴۰۲/۰۸", "۲۷٫۵"])
    workbook.save(tmp_path / "filled.xlsx")
    rows = read_timesheets(tmp_path / "filled.xlsx").records
    assert [(r.student_id, r.unit_code, str(r.month), r.hours) for r in rows][1] == (
        "4011000003",
        "LIB",
        "1402/08",
        Decimal("27.5"),
    )


@pytest.mark.parametrize("ext", ["xlsx", "csv"])
def test_generated_timesheets_are_persian_and_read_back(
    tmp_path: Path, ext: str, timesheet_rows: tuple[TimesheetRow, ...]
) -> None:
    rows = list(timesheet_rows)
    path = tmp_path / f"ts.{ext}"
    write_timesheets(path, rows)
    back = read_timesheets(path).records
    assert [(r.student_id, r.unit_code, r.month, r.hours) for r in back] == [
        (r.student_id, r.unit_code, r.month, r.hours) for r in rows
    ]
    headers = [c.header_fa for c in TIMESHEET_COLUMNS]
    if ext == "xlsx":
        sheet = openpyxl.load_workbook(path).worksheets[0]
        assert sheet.sheet_view.rightToLeft
        assert [c.value for c in sheet[1]] == headers
        assert sheet.title == template_workbook("timesheets").worksheets[0].title
    else:
        first = path.read_text(encoding="utf-8-sig").splitlines()[0]
        assert first.split(",") == headers


def test_month_written_month_first_says_what_was_meant(tmp_path: Path) -> None:
    path = tmp_path / "ts.csv"
    path.write_text("شماره دانشجویی,کد واحد,ماه,ساعت\n4011000003,LIB,08/1402,40\n", "utf-8")
    with pytest.raises(InputError) as info:
        read_timesheets(path)
    assert str(info.value) == (
        f"{path}:2:ماه: a Jalali month written month first; did you mean 1402/08? (08/1402)"
    )
