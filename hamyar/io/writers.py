"""Writers of the input files: applicants, units, rejections and timesheets, as a planner keeps
them, in ``.csv`` (UTF-8 with a byte-order mark, so Excel shows Persian) or ``.xlsx``.

Headers are the canonical English column names (``lang="en"``) or the Persian headers of
:mod:`hamyar.io.columns` (``lang="fa"``, and the sheet reads right to left). Values are what the
readers take back: dates ``yyyy/mm/dd``, months ``yyyy/mm``, lists joined with ``;``, yes/no
(بله/خیر in Persian), enumerated values in English or Persian words. Text that a spreadsheet
would take for a formula (``=``, ``+``, ``-``, ``@``) is written with a leading ``'``.

Columns are written in the order of :mod:`hamyar.io.columns`, followed by the records' own
unknown columns (``extra``) in order of first appearance.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from enum import StrEnum
from operator import attrgetter
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from hamyar.errors import InputError, Issue
from hamyar.io.columns import (
    APPLICANT_COLUMNS,
    REJECTION_COLUMNS,
    TIMESHEET_COLUMNS,
    UNIT_COLUMNS,
    Column,
)
from hamyar.io.csvfile import defuse, write_csv
from hamyar.messages import Msg
from hamyar.models import Applicant, Rejection, TimesheetRow, Unit
from hamyar.models.enums import persian
from hamyar.text import Lang, check_lang

SUFFIXES = (".csv", ".xlsx")

_FIELD_OF_COLUMN = {"priority_groups": "declared_groups"}
"""Columns whose model field has another name (the file's priority groups are the declared
ones; married and married-with-children are derived from marital status and children)."""

_SHEET_TITLES: dict[str, dict[Lang, str]] = {
    "applicants": {"en": "applicants", "fa": "متقاضیان"},
    "units": {"en": "units", "fa": "واحدها"},
    "rejections": {"en": "rejections", "fa": "موارد رد"},
    "timesheets": {"en": "timesheets", "fa": "کارکرد"},
}
_YES_NO: dict[Lang, tuple[str, str]] = {"en": ("yes", "no"), "fa": ("بله", "خیر")}


def write_applicants(applicants: Iterable[Applicant], path: Path, lang: str = "en") -> None:
    """Write an applicants file (every column of DATA.md's *applicants*)."""
    _write_records("applicants", APPLICANT_COLUMNS, list(applicants), Path(path), lang)


def write_units(units: Iterable[Unit], path: Path, lang: str = "en") -> None:
    """Write a units file (without the ``row`` and ``total`` columns, which the reader derives)."""
    columns = tuple(c for c in UNIT_COLUMNS if c.name not in ("row", "total"))
    _write_records("units", columns, list(units), Path(path), lang)


def write_rejections(rejections: Iterable[Rejection], path: Path, lang: str = "en") -> None:
    """Write a rejections file: ``unit_code, student_id`` (rule E9)."""
    _write_records("rejections", REJECTION_COLUMNS, list(rejections), Path(path), lang)


def write_timesheets(rows: Iterable[TimesheetRow], path: Path, lang: str = "en") -> None:
    """Write a timesheets file: ``student_id, unit_code, month, hours``."""
    _write_records("timesheets", TIMESHEET_COLUMNS, list(rows), Path(path), lang)


def _check(path: Path, lang: str) -> Lang:
    language = check_lang(lang)
    if path.suffix.lower() not in SUFFIXES:
        raise InputError(
            Issue(
                Msg(
                    "io.table.unsupported",
                    suffix=path.suffix or Msg("io.table.no_suffix"),
                    accepted=tuple(SUFFIXES),
                ),
                file=str(path),
            )
        )
    return language


def _write_records(
    what: str,
    columns: tuple[Column, ...],
    records: Sequence[Any],
    path: Path,
    lang: str,
) -> None:
    language = _check(path, lang)
    extra: dict[str, None] = {}
    for record in records:
        extra.update(dict.fromkeys(getattr(record, "extra", None) or {}))
    header = [c.header_fa if language == "fa" else c.name for c in columns] + list(extra)
    fields = [_FIELD_OF_COLUMN.get(c.name, c.name) for c in columns]
    excel = path.suffix.lower() == ".xlsx"
    converters = [_converter(c, language, excel) for c in columns]
    text = _excel_text if excel else _csv_text
    get = attrgetter(*fields)

    def rows() -> Iterable[list[object]]:
        for record in records:
            values = get(record)
            if len(fields) == 1:
                values = (values,)
            row = [convert(v) for convert, v in zip(converters, values, strict=True)]
            if extra:
                own = getattr(record, "extra", None) or {}
                row.extend(text(own.get(k)) for k in extra)
            yield row

    if excel:
        _write_xlsx(path, _SHEET_TITLES[what][language], header, rows(), language)
    else:
        write_csv(path, header, rows())


def _converter(column: Column, lang: Lang, excel: bool) -> Callable[[Any], object]:
    """The function that turns a record's value of ``column`` into a cell (``None`` = empty).

    Chosen once per column from its kind, so that large files are written quickly.
    """
    kind = column.kind
    if kind == "bool":
        yes, no = _YES_NO[lang]
        return lambda v: None if v is None else (yes if v else no)
    if kind.startswith("enum:"):
        if lang == "fa":
            return lambda v: None if v is None else persian(v)
        return lambda v: None if v is None else v.value
    if kind.startswith("enum_list:") or kind == "list":
        return lambda v: _join(v, lang)
    if kind in ("int", "number", "gpa"):
        return _excel_number if excel else _csv_number
    if kind in ("date", "month"):
        return lambda v: None if v is None else str(v)
    return _excel_text if excel else _csv_text


def _join(values: Sequence[object] | None, lang: Lang) -> str | None:
    """A list cell: items joined with ``;`` (enumerated items in the file's language)."""
    if not values:
        return None
    items = [
        (persian(v) if lang == "fa" else v.value) if isinstance(v, StrEnum) else str(v)
        for v in values
    ]
    return ";".join(items)


def _csv_number(value: object) -> str | None:
    """A number as text: whole numbers without ``.0``, others in their shortest exact form."""
    if value is None:
        return None
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _excel_number(value: object) -> object:
    """A number as a number cell; a whole Decimal as an int."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _csv_text(value: object) -> str | None:
    return None if value is None else str(value)


def _excel_text(value: object) -> object:
    return None if value is None else defuse(str(value))


def _write_xlsx(
    path: Path,
    title: str,
    header: list[str],
    rows: Iterable[list[object]],
    lang: Lang,
) -> None:
    """A one-sheet workbook (write-only mode, so large files stream): bold frozen header row,
    right-to-left when Persian."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    if lang == "fa":
        sheet.sheet_view.rightToLeft = True
    sheet.freeze_panes = "A2"
    for index, text in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(40, len(text) + 4))
    bold = Font(bold=True)
    cells = []
    for text in header:
        cell = WriteOnlyCell(sheet, value=defuse(text))
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
