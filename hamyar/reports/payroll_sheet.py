"""How a sheet of the payroll workbooks is written for people: the language's font, the
header row repeated on every printed A4 page with the month and term in the page header
(:func:`hamyar.reports.xlsx_style.print_setup`), digits inside Persian text in Persian, amounts
with thousands separators, and the signature block under a list (prepared by, checked by,
approved by)."""

from __future__ import annotations

from collections.abc import Sequence

from hamyar.io.csvfile import defuse
from hamyar.reports import labels
from hamyar.reports.xlsx_style import RIAL_FORMAT, Book, SheetWriter
from hamyar.text import Lang


def label(key: str, lang: Lang) -> str:
    """The word for ``key`` in the payroll files: ``payroll.KEY`` of :data:`labels.LABELS`."""
    return labels.label(f"payroll.{key}", lang)


def sheet(book: Book, key: str, lang: Lang, headers: Sequence[str]) -> SheetWriter:
    """A new sheet named by ``key``; with ``headers``, a bold header row, frozen and repeated
    on every printed page."""
    w = book.sheet(label(key, lang), lang == "fa")
    if headers:
        append(w, [label(h, lang) for h in headers], bold=True)
        w.freeze(2)
        w.title_rows(1, 1)
    return w


def append(w: SheetWriter, values: Sequence[object], bold: bool = False) -> None:
    """One row under the last: whole numbers as rials with thousands separators; text that a
    spreadsheet would read as a formula is prefixed with ``'``; digits inside Persian text are
    Persian (``آبان 1402`` → ``آبان ۱۴۰۲``), codes, Sheba numbers and numbers stay as they are."""
    row = w.last_row + 1
    for col, value in enumerate(values, start=1):
        value = defuse(value)
        rial = isinstance(value, int) and not isinstance(value, bool)
        w.put(row, col, value, RIAL_FORMAT if rial else None, bold=bold)
    w.last_row = row


def signature(w: SheetWriter, lang: Lang) -> None:
    """The signature block under a list: prepared by, checked by, approved by (name, date,
    signature), on the same printed page as the list's last lines."""
    row = w.last_row + 3
    for offset, key in enumerate(("prepared_by", "checked_by", "approved_by")):
        col = 2 + 3 * offset
        w.put(row, col, label(key, lang), bold=True)
    for offset in range(3):
        w.put(row + 1, 2 + 3 * offset, label("name_date_signature", lang))


def heading(w: SheetWriter, text: str) -> None:
    """``text`` (the month and term) in the header of every printed page, under which the
    first row is repeated."""
    w.page_heading(text)
    w.title_rows(1, 1)


def fit(writers: Sequence[SheetWriter]) -> None:
    """Column widths from the longest cell (between 8 and 50 characters)."""
    for w in writers:
        for col, width in sorted(w.widths.items()):
            w.ws.set_column(col - 1, col - 1, min(50, max(8, width + 2)))
