"""Fast rows for constant-memory workbooks: the same XML as XlsxWriter, with less per-cell work.

XlsxWriter's constant-memory mode keeps one row in its table and writes it out when the next
row starts. Per cell it checks the bounds, builds an attribute list, works out the cell
reference and escapes the text again; at 50,000 applicants that is millions of cells.
:func:`body_row` files a whole row at once, with one bounds check: a cell whose format already
has its style index is put in the table as its finished ``<c>`` element (the escaped text of
each distinct value worked out once per sheet); any other cell as the tuple XlsxWriter's own
``_write_*`` would store. :class:`FastSheet` writes finished elements as they are and the rest
the way XlsxWriter does, when XlsxWriter itself flushes the row, so style indexes are handed out
in the same order and the file is the same byte for byte (``tests/reports/test_xlsx_rows.py``
writes the same workbooks both ways).
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from xlsxwriter.utility import _preserve_whitespace, xl_col_to_name
from xlsxwriter.worksheet import CellBlankTuple, CellNumberTuple, CellStringTuple, Worksheet

if TYPE_CHECKING:
    from hamyar.reports.xlsx_style import SheetWriter

STRING_MAX = 32767 // 2
"""Texts longer than this go through XlsxWriter's own checks (its UTF-16 length limit)."""
_NUMBERS = (int, float, Decimal)


class FastSheet(Worksheet):
    """A worksheet whose table may hold finished ``<c>`` elements (module docstring)."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: dict[str, tuple[str, bool, int, str | None]] = {}
        """Per value: the cell's text, quote prefix, width and escaped tail (``None``: rich)."""
        self.columns: dict[int, str] = {}
        """Per 0-based column: ``<c r="`` and its letters."""

    def text(self, sw: SheetWriter, value: str) -> tuple[str, bool, int, str | None]:
        """:meth:`Book.text` of ``value`` and everything after ``<c r=".." s=".."`` of its cell."""
        text, quote, width = sw.book.text(value, sw.rtl)
        escaped = self._escape_control_characters(text)
        tail: str | None = None
        if not (escaped.startswith("<r>") and escaped.endswith("</r>")):
            space = ' xml:space="preserve"' if _preserve_whitespace(escaped) else ""
            tail = f' t="inlineStr"><is><t{space}>{self._escape_data(escaped)}</t></is></c>'
        if len(self.texts) >= _CACHE:
            self.texts.clear()
        found = self.texts[value] = (text, quote, width, tail)
        return found

    def column(self, col: int) -> str:
        found = self.columns[col] = '<c r="' + xl_col_to_name(col)
        return found

    def _write_single_row(self, current_row_num: int = 0) -> None:
        row_num: int = self.previous_row  # type: ignore[has-type]
        cells = self.table.get(row_num)
        if not cells or row_num in self.comments:
            super()._write_single_row(current_row_num)
            return
        self.previous_row = current_row_num
        self._write_row(row_num, None, self.row_info.get(row_num))
        parts: list[str] = []
        for col_num in sorted(cells):
            cell = cells[col_num]
            if cell.__class__ is str:
                parts.append(cell)
                continue
            self.fh.write("".join(parts))
            parts.clear()
            self._write_cell(row_num, col_num, cell)
        parts.append("</row>")
        self.fh.write("".join(parts))
        self.table.clear()


def body_row(
    sw: SheetWriter,
    row: int,
    values: Any,
    formats: Any,
    first_col: int,
    bold: bool,
    kind: Any,
) -> bool:
    """``SheetWriter.row`` on a :class:`FastSheet`: the same cells, styles and widths as
    ``put`` cell by cell. ``False`` (nothing written) where a cell needs XlsxWriter's own path:
    a boolean, a number that is not finite, a very long text, a row already passed."""
    from hamyar.reports.xlsx_style import cell_value, shown_width

    ws: Any = sw.ws
    r = row - 1
    if r < ws.previous_row:
        return False
    number = str(row)
    rtl, widths, wrap_cap, style = sw.rtl, sw.widths, sw.wrap_cap, sw._format
    texts, columns = ws.texts, ws.columns
    n_formats = len(formats) if formats else 0
    cells: dict[int, Any] = {}
    c = first_col - 2
    for value in values:
        c += 1
        if isinstance(value, str) and value:
            found = texts.get(value)
            if found is None:
                found = ws.text(sw, value)
            text, quote, width, tail = found
            if len(text) > STRING_MAX:
                return False
            fmt = style(kind, bold, None, rtl, c + 1 in wrap_cap, quote)
            xf = fmt.xf_index
            if xf is None or tail is None:
                cells[c] = CellStringTuple(text, fmt)
            else:
                cells[c] = f'{columns.get(c) or ws.column(c)}{number}" s="{xf}"{tail}'
        elif value is None or value == "":
            if kind is not None:
                cells[c] = CellBlankTuple(style(kind, bold, None, False, False, False))
            continue
        elif value.__class__ is bool or not isinstance(value, _NUMBERS):
            return False
        else:
            stored = cell_value(value)
            if stored.__class__ is float and not math.isfinite(stored):
                return False
            offset = c + 1 - first_col
            number_format = formats[offset] if offset < n_formats else None
            fmt = style(kind, bold, number_format, False, False, False)
            xf = fmt.xf_index
            if xf is None:
                cells[c] = CellNumberTuple(stored, fmt)
            else:
                column = columns.get(c) or ws.column(c)
                cells[c] = f'{column}{number}" s="{xf}"><v>{stored:.16G}</v></c>'
            width = shown_width(stored, number_format)
        if width > widths.get(c + 1, 0):
            widths[c + 1] = width
    if row > sw.last_row:
        sw.last_row = row
    if cells:
        first, last = min(cells), max(cells)
        if ws._check_dimensions(r, first) or ws._check_dimensions(r, last):
            return True
        if r > ws.previous_row:
            ws._write_single_row(r)
        ws.table[r].update(cells)
    return True


_CACHE = 1 << 17
