"""The units' end-of-term evaluation workbook (DATA.md, *evaluations*): reading and the blank one.

One row per student a unit had: ``student_id``, names, ``unit_code``, unit name, ``evaluation``
(راضی / ناراضی, satisfied / not satisfied; a drop-down in the blank workbook) and a free
``note``. An empty evaluation cell means "not evaluated" and is skipped. Whether the unit and
the student belong to the term's adopted allocation is the workspace's check
(:mod:`hamyar.store.evaluations`); here only the cells are parsed, every bad one reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import BaseModel, ConfigDict, Field

from hamyar.errors import InputError
from hamyar.io.columns import Column
from hamyar.io.rows import Parsed, RowReader
from hamyar.io.tables import read_table
from hamyar.messages import say
from hamyar.models import Satisfaction, Source, persian

EVALUATION_COLUMNS: tuple[Column, ...] = (
    Column("student_id", ("شماره دانشجویی",), required=True),
    Column("first_name", ("نام",)),
    Column("last_name", ("نام خانوادگی",)),
    Column("unit_code", ("کد واحد", "واحد"), required=True),
    Column("unit_name", ("نام واحد",)),
    Column("evaluation", ("ارزیابی", "ارزیابی واحد", "رضایت"), kind="enum:Satisfaction"),
    Column("note", ("توضیحات", "یادداشت")),
)
_FIELDS = ("student_id", "unit_code", "evaluation", "note")
SHEET_TITLE = "ارزیابی"
VALIDATED_ROWS = 5000
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")


class EvaluationEntry(BaseModel):
    """One filled row: a unit's evaluation of one student (``None``: not evaluated)."""

    model_config = ConfigDict(frozen=True)

    student_id: str
    unit_code: str
    evaluation: Satisfaction | None = None
    note: str | None = None
    source: Source = Field(default_factory=Source)


@dataclass(frozen=True)
class RosterRow:
    """One student of the adopted allocation, a row of the blank workbook."""

    student_id: str
    unit_code: str
    first_name: str = ""
    last_name: str = ""
    unit_name: str = ""


def parse_evaluations(path: str | Path) -> Parsed[EvaluationEntry]:
    """Every row that parses and every issue of the file (nothing raised)."""
    try:
        table = read_table(path, EVALUATION_COLUMNS, "evaluations")
    except InputError as exc:
        return Parsed.failed(str(path), exc)
    parsed: Parsed[EvaluationEntry] = Parsed.for_table(table)
    reader = RowReader(table, parsed.issues)
    for row in table.rows:
        data, ok = reader.fields(row)
        if ok:
            fields = {k: v for k, v in data.items() if k in _FIELDS}
            record = reader.build(EvaluationEntry, row, fields)
            if record is not None:
                parsed.records.append(record)
    return parsed


def evaluation_workbook(rows: Iterable[RosterRow], term: str) -> Workbook:
    """The blank workbook: Persian headers, right to left, a drop-down راضی / ناراضی."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = SHEET_TITLE
    sheet.sheet_view.rightToLeft = True
    sheet.freeze_panes = "A2"
    for position, column in enumerate(EVALUATION_COLUMNS, start=1):
        cell = sheet.cell(row=1, column=position, value=column.header_fa)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = 24 if column.name.endswith("name") else 16
        if column.name in ("student_id", "unit_code"):
            sheet.column_dimensions[letter].number_format = "@"
    count = 0
    for count, roster in enumerate(rows, start=1):
        values = (
            roster.student_id,
            roster.first_name,
            roster.last_name,
            roster.unit_code,
            roster.unit_name,
            None,
            None,
        )
        for position, value in enumerate(values, start=1):
            cell = sheet.cell(row=count + 1, column=position, value=value)
            if position in (1, 4):
                cell.number_format = "@"
    words = [persian(member) for member in Satisfaction]
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(words) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="ارزیابی",
        error="راضی یا ناراضی را انتخاب کنید",
    )
    sheet.add_data_validation(validation)
    letter = get_column_letter(1 + [c.name for c in EVALUATION_COLUMNS].index("evaluation"))
    validation.add(f"{letter}2:{letter}{max(count, VALIDATED_ROWS) + 1}")
    workbook.properties.title = say("io.evaluations.title", lang="fa", term=term)
    return workbook
