"""Workbooks of the scenario reports (compare, sweep, batch), in the style of the run's workbook
(:mod:`hamyar.reports.xlsx_style`): one table per sheet, header frozen and filtered, columns
fitted, right to left in Tahoma for ``lang="fa"``, text never stored as a formula."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from hamyar.reports.persian_text import persian_digits
from hamyar.reports.xlsx_style import RIAL_FORMAT, SHARE_FORMAT, Book, SheetWriter

__all__ = [
    "RIAL_FORMAT",
    "SHARE_FORMAT",
    "new_workbook",
    "persian_digits",
    "table_sheet",
]


def new_workbook(path: Path) -> Book:
    """An empty workbook to be written to ``path`` (on :meth:`Book.close`)."""
    return Book(path)


def table_sheet(
    book: Book,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    lang: str = "fa",
    formats: dict[int, str] | None = None,
    *,
    row_formats: Sequence[str | None] | None = None,
) -> SheetWriter:
    """A sheet holding one table: header in row 1, frozen, filtered, columns fitted.

    ``formats`` maps a 0-based column index to a number format (``#,##0`` for rials…);
    ``row_formats[i]``, when given, is the format of every number in the ``i``-th row instead.
    """
    writer = book.sheet(title, rtl=lang == "fa")
    column_formats = [(formats or {}).get(i) for i in range(len(header))]
    writer.table(
        1,
        header,
        list(rows),
        column_formats,
        freeze=True,
        auto_filter=True,
        row_formats=row_formats,
    )
    writer.fit_columns()
    return writer
