"""Workbooks of the scenario reports (compare, sweep, batch), in the style of the run's workbook
(:mod:`hamyar.reports.xlsx_style`): one table per sheet, header frozen and filtered, columns
fitted, right to left in Tahoma for ``lang="fa"``, text never stored as a formula."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from hamyar.reports.xlsx_style import (
    RIAL_FORMAT,
    SHARE_FORMAT,
    SheetWriter,
    persian_digits,
)

__all__ = [
    "RIAL_FORMAT",
    "SHARE_FORMAT",
    "new_workbook",
    "persian_digits",
    "table_sheet",
]


def new_workbook() -> Workbook:
    """An empty workbook (its default sheet removed)."""
    wb = Workbook()
    if wb.active is not None:
        wb.remove(wb.active)
    return wb


def table_sheet(
    wb: Workbook,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    lang: str = "fa",
    formats: dict[int, str] | None = None,
) -> Worksheet:
    """A sheet holding one table: header in row 1, frozen, filtered, columns fitted.

    ``formats`` maps a 0-based column index to a number format (``#,##0`` for rials…).
    """
    ws = wb.create_sheet(title=title[:31])
    writer = SheetWriter(ws, rtl=lang == "fa")
    column_formats = [(formats or {}).get(i) for i in range(len(header))]
    writer.table(1, header, list(rows), column_formats, freeze=True, auto_filter=True)
    writer.fit_columns()
    return ws
