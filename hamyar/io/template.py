"""Empty workbooks a planner fills in: Persian headers, right-to-left, drop-down lists.

Each template has one sheet whose first row holds the Persian header of every column
(:attr:`hamyar.io.columns.Column.header_fa`), frozen, with a Persian note saying whether the
column is required and what it accepts (and the English column name a CSV file may use). The
timesheets template has a second sheet, «نمونه» (:data:`EXAMPLE_SHEET`), with the same headers
and one filled example row; the readers read the first sheet, so the example is never data.
Enumerated and yes/no columns get a drop-down list of their Persian words; whole-number
columns accept only whole numbers ≥ 0. Identifier, date and GPA columns are formatted as
text, so a spreadsheet keeps leading zeros and does not turn ``17/5`` or ``1402/07/01`` into a
date. The readers accept a filled template unchanged.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from hamyar.io.cells import enum_of
from hamyar.io.columns import (
    APPLICANT_COLUMNS,
    REJECTION_COLUMNS,
    TIMESHEET_COLUMNS,
    UNIT_COLUMNS,
    Column,
)
from hamyar.messages import Lang, Msg, render, say
from hamyar.models import persian
from hamyar.models.enums import accepted_words

VALIDATED_ROWS = 5000
"""Rows 2…VALIDATED_ROWS+1 carry the drop-down lists and number checks."""

_TEXT_COLUMNS = {
    "student_id",
    "national_id",
    "sheba",
    "code",
    "unit_code",
    "current_unit",
    "gpa",
    "study_start",
    "month",
}
_YES, _NO = "بله", "خیر"  # words of hamyar.io.cells.YES_NO_WORDS
_KINDS = ("text", "int", "number", "gpa", "date", "month", "bool", "list")
"""Kinds of column whose note says what they accept (``io.template.kind.<kind>``)."""
LANG: Lang = "fa"
"""The language of the templates: Persian headers, right to left, Persian notes."""
EXAMPLE_SHEET = "نمونه"
"""The sheet of a template that shows one filled row (never read as data)."""
EXAMPLES: dict[str, dict[str, object]] = {
    "timesheets": {"student_id": "4011000003", "unit_code": "LIB", "month": "1402/08", "hours": 40},
}
"""The example row of a template, by column name."""
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")

TEMPLATES: dict[str, tuple[Column, ...]] = {
    "applicants": APPLICANT_COLUMNS,
    "units": tuple(c for c in UNIT_COLUMNS if c.name not in ("row", "total")),
    "rejections": REJECTION_COLUMNS,
    "timesheets": TIMESHEET_COLUMNS,
}
SHEET_TITLES = {
    "applicants": "متقاضیان",
    "units": "واحدها",
    "rejections": "عدم پذیرش",
    "timesheets": "کارکرد",
}


def write_templates(folder: str | Path) -> list[Path]:
    """Write ``applicants.xlsx``, ``units.xlsx``, ``rejections.xlsx`` and ``timesheets.xlsx``
    into ``folder`` (which must exist); returns the paths written."""
    folder = Path(folder)
    written = []
    for name in TEMPLATES:
        path = folder / f"{name}.xlsx"
        template_workbook(name).save(path)
        written.append(path)
    return written


def template_workbook(name: str) -> Workbook:
    """The empty workbook of template ``name`` (a key of :data:`TEMPLATES`), with its example
    sheet when it has one (:data:`EXAMPLES`)."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    _layout(sheet, name, SHEET_TITLES[name])
    example = EXAMPLES.get(name)
    if example is not None:
        shown = workbook.create_sheet(EXAMPLE_SHEET)
        _layout(shown, name, EXAMPLE_SHEET)
        shown.append([example.get(c.name) for c in TEMPLATES[name]])
        shown.sheet_properties.tabColor = "A6A6A6"
    return workbook


def _layout(sheet: Worksheet, name: str, title: str) -> None:
    """Title, right-to-left, the frozen header row with its notes, widths, formats, checks."""
    columns = TEMPLATES[name]
    sheet.title = title
    sheet.sheet_view.rightToLeft = True
    sheet.freeze_panes = "A2"
    for position, column in enumerate(columns, start=1):
        letter = get_column_letter(position)
        cell = sheet.cell(row=1, column=position, value=column.header_fa)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.comment = Comment(_note(column), "hamyar", width=320, height=140)
        dimension = sheet.column_dimensions[letter]
        dimension.width = max(14, min(40, len(column.header_fa) + 6))
        if column.name in _TEXT_COLUMNS:
            dimension.number_format = "@"
        validation = _validation(column)
        if validation is not None:
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{VALIDATED_ROWS + 1}")


def choices(column: Column) -> list[str] | None:
    """The Persian words a drop-down offers for ``column``, or ``None`` (no drop-down)."""
    if column.kind == "bool":
        return [_YES, _NO]
    enum = enum_of(column)
    if enum is not None and column.kind.startswith("enum:"):
        return [persian(member) for member in enum]
    return None


def _validation(column: Column) -> DataValidation | None:
    words = choices(column)
    if words is not None:
        formula = '"' + ",".join(words) + '"'
        if len(formula) > 255:  # Excel's limit for an inline list
            return None
        return DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=column.header_fa,
            error=say("io.template.choose", lang=LANG),
        )
    if column.kind == "int":
        return DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=column.header_fa,
            error=say("io.template.whole", lang=LANG),
        )
    return None


def _note(column: Column) -> str:
    """The header's note, in Persian: required or not (with the English column name a CSV
    file may use instead of the header), and what is accepted."""
    code = "io.template.required" if column.required else "io.template.optional"
    enum = enum_of(column)
    accepts: Msg | str = column.kind
    if enum is not None:
        words = accepted_words(enum)
        accepts = Msg("io.template.one_of", words=words)
        if column.kind.startswith("enum_list:"):
            accepts = Msg("io.template.list_of", words=words)
    elif column.kind == "bool":
        accepts = Msg("io.template.kind.bool", yes=_YES, no=_NO)
    elif column.kind in _KINDS:
        accepts = Msg(f"io.template.kind.{column.kind}")
    return say(code, lang=LANG, column=column.name) + "\n" + render(accepts, LANG)
