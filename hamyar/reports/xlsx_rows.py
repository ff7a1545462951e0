"""Fast rows for constant-memory workbooks: the same XML as XlsxWriter, with less per-cell work.

XlsxWriter's constant-memory mode keeps one row in its table and writes it out when the next
row starts. Per cell it checks the bounds, builds an attribute list, works out the cell
reference and escapes the text again; at 50,000 applicants that is millions of cells.
:func:`body_row` files a whole row at once. Per kind of row (first column, bold, kind, number
formats, wrapped columns) each column keeps the finished ``<c>`` element of every distinct value
it has held, with the style index fixed and a marker where the row number goes; a row is then one
dictionary look-up per cell, one join and one replace, filed in the table as one :class:`Block`.
Widths are counted when a value is first seen (a column's width is the widest of its values).

A cell whose format has no style index yet (the first cell of each style), a boolean, a number
that is not finite, a very long text, a rich-looking text or a value of another type sends the
row through :func:`_cells_row`: finished elements for what can be finished, and the tuple
XlsxWriter's own ``_write_*`` would store for the rest. :class:`FastSheet` writes blocks and
finished elements as they are and the rest the way XlsxWriter does, when XlsxWriter itself
flushes the row, so style indexes are handed out in the same order and the file is the same
byte for byte (``tests/reports/test_xlsx_rows.py`` writes the same workbooks both ways).
"""

from __future__ import annotations

import math
import os
import shutil
import threading
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any

from xlsxwriter.utility import _preserve_whitespace, xl_col_to_name
from xlsxwriter.worksheet import CellBlankTuple, CellNumberTuple, CellStringTuple, Worksheet

from hamyar.io.csvfile import FORMULA_STARTS
from hamyar.reports.persian_text import ILLEGAL_CHARACTERS_RE, has_persian, token_digits

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook

    from hamyar.reports.xlsx_style import SheetWriter

STRING_MAX = 32767 // 2
"""Texts longer than this go through XlsxWriter's own checks (its UTF-16 length limit)."""
_NUMBERS = (int, float, Decimal)
_ROW = "\x00"
"""Where the row number goes in a finished element (no cell text holds it: control characters
are dropped or escaped)."""
_CACHE = 1 << 17
"""Distinct values a column remembers (then it starts again)."""


class Block(str):
    """A row's finished cells, joined, filed under a column number no cell has (``-1 - first``);
    ``pieces`` (from column ``start``, ``""``: no cell) and ``number`` give the same cells one by
    one, for a row that later gets another cell."""

    start: int
    number: str
    pieces: list[str]


class _Column:
    """One column of one kind of row: its ``<c r="`` and letters, number format, whether its
    text wraps, and the finished element of each value seen (``""``: no cell)."""

    __slots__ = ("c", "decimals", "floats", "ints", "number_format", "pre", "texts", "wrap")

    def __init__(self, c: int, number_format: str | None, wrap: bool) -> None:
        self.c = c
        self.pre = '<c r="' + xl_col_to_name(c)
        self.number_format = number_format
        self.wrap = wrap
        self.texts: dict[str | None, str] = {}
        self.ints: dict[int, str] = {}
        self.floats: dict[float, str] = {}
        self.decimals: dict[Decimal, str] = {}


class FastSheet(Worksheet):
    """A worksheet whose table may hold finished ``<c>`` elements and :class:`Block` rows."""

    def __init__(self) -> None:
        super().__init__()
        self.plans: dict[tuple[Any, ...], list[_Column]] = {}
        """Per kind of row: its columns, from the first."""
        self.lines: tuple[dict[str, Any], dict[str, Any]] = ({}, {})
        """Per line of a text of several lines (:func:`_lines`), as it is and with Persian
        digits."""

    def _write_single_row(self, current_row_num: int = 0) -> None:
        row_num: int = self.previous_row  # type: ignore[has-type]
        cells = self.table.get(row_num)
        if not cells or row_num in self.comments:
            super()._write_single_row(current_row_num)
            return
        self.previous_row = current_row_num
        info = self.row_info.get(row_num)
        if info is None and self.default_row_height == self.original_row_height:
            start = f'<row r="{row_num + 1}">'
        else:
            self._write_row(row_num, None, info)
            start = ""
        if len(cells) == 1:
            (cell,) = cells.values()
            if cell.__class__ is Block or cell.__class__ is str:
                self.fh.write(f"{start}{cell}</row>")
                self.table.clear()
                return
        cells = _unpack(cells)
        parts: list[str] = [start]
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

    def _write_optimized_sheet_data(self) -> None:
        """XlsxWriter's, with the rows copied into the sheet's file as bytes (they were written
        as UTF-8 and hold no carriage return, so decoding and encoding them again changes
        nothing)."""
        target = getattr(self.fh, "buffer", None)
        if self.dim_rowmin is None or target is None:
            super()._write_optimized_sheet_data()
            return
        self._xml_start_tag("sheetData")
        self.row_data_fh.flush()
        self.fh.flush()
        with open(self.row_data_filename, "rb") as rows:
            shutil.copyfileobj(rows, target, 1 << 20)
        self.row_data_fh.close()
        os.unlink(self.row_data_filename)
        self._xml_end_tag("sheetData")


def _unpack(cells: dict[int, Any]) -> dict[int, Any]:
    """A row's cells by column, its :class:`Block` (the row's first cells) opened; a cell
    written later into the same column wins, as it does in XlsxWriter's table."""
    blocks = [col for col in cells if col < 0]
    if not blocks:
        return cells
    block = cells[blocks[0]]
    out = {
        block.start + i: piece.replace(_ROW, block.number)
        for i, piece in enumerate(block.pieces)
        if piece
    }
    out.update((col, cell) for col, cell in cells.items() if col >= 0)
    return out


def _plan(sw: SheetWriter, key: tuple[Any, ...], first_col: int, formats: Any) -> list[_Column]:
    n_formats = len(formats) if formats else 0
    wrap_cap = sw.wrap_cap
    plan = [
        _Column(
            c,
            formats[c + 1 - first_col] if c + 1 - first_col < n_formats else None,
            c + 1 in wrap_cap,
        )
        for c in range(first_col - 1, first_col - 1 + max(n_formats, 32))
    ]
    sw.ws.plans[key] = plan
    return plan


def _finish(sw: SheetWriter, col: _Column, value: Any, bold: bool, kind: Any) -> str | None:
    """The finished element of ``value`` in ``col`` (``""``: no cell), remembered; ``None``
    where the cell needs XlsxWriter's own path."""
    c = col.c
    if value is None or value == "":
        if kind is None:
            piece = ""
        else:
            xf = sw._format(kind, bold, None, False, False, False).xf_index
            if xf is None:
                return None
            piece = f'{col.pre}{_ROW}" s="{xf}"/>'
        width = 0
    elif value.__class__ is str:
        if value.isascii() and value.isalnum():  # a student ID, a code: nothing to change
            found: tuple[int, bool, int, str] | None = (len(value), False, len(value), value)
        elif "\n" in value and "\r" not in value:
            found = _lines(sw, value)
        else:
            found = _whole(sw, value)
        if found is None:
            return None
        length, quote, width, data = found
        if length > STRING_MAX:
            return None
        xf = sw._format(kind, bold, None, sw.rtl, col.wrap, quote).xf_index
        if xf is None:
            return None
        # XlsxWriter's _preserve_whitespace: \s at the start or the end (the same characters)
        space = ' xml:space="preserve"' if data[:1].isspace() or data[-1:].isspace() else ""
        piece = f'{col.pre}{_ROW}" s="{xf}" t="inlineStr"><is><t{space}>{data}</t></is></c>'
    elif value.__class__ in _NUMBERS:
        from hamyar.reports.xlsx_style import cell_value, shown_width

        stored = cell_value(value)
        if stored.__class__ is float and not math.isfinite(stored):
            return None
        xf = sw._format(kind, bold, col.number_format, False, False, False).xf_index
        if xf is None:
            return None
        piece = f'{col.pre}{_ROW}" s="{xf}"><v>{stored:.16G}</v></c>'
        width = shown_width(stored, col.number_format)
    else:
        return None
    if width > sw.widths.get(c + 1, 0):
        sw.widths[c + 1] = width
    known: dict[Any, str]
    if value is None or value.__class__ is str:
        known = col.texts
    elif value.__class__ is int:
        known = col.ints
    elif value.__class__ is float:
        known = col.floats
    else:
        known = col.decimals
    if len(known) >= _CACHE:
        known.clear()
    known[value] = piece
    return piece


def _whole(sw: SheetWriter, value: str) -> tuple[int, bool, int, str] | None:
    """The length, quote prefix, width and escaped XML of a text's cell (:meth:`Book.text`,
    then XlsxWriter's escaping); ``None`` for a rich-looking text."""
    text, quote, width = sw.book.text(value, sw.rtl)
    escaped = Worksheet._escape_control_characters(text)
    if escaped.startswith("<r>") and escaped.endswith("</r>"):
        return None
    return len(text), quote, width, sw.ws._escape_data(escaped)


def _lines(sw: SheetWriter, value: str) -> tuple[int, bool, int, str] | None:
    """:func:`_whole` of a text of several lines, worked out line by line: each step of
    :meth:`Book.text` and of the escaping acts within a line, and the sheet remembers every
    distinct line (reasons and explanations repeat, the texts they make up do not)."""
    convert = sw.rtl and has_persian(value)
    known = sw.ws.lines[convert]
    parts = []
    for line in value.split("\n"):
        found = known.get(line)
        if found is None:
            found = _line(sw, line, convert, known)
        parts.append(found)
    if parts[0][1].startswith("<r>") and parts[-1][1].endswith("</r>"):
        return None
    length = sum(len(part[0]) for part in parts) + len(parts) - 1
    width = max(part[2] for part in parts)
    quote = parts[0][0].startswith(FORMULA_STARTS)
    return length, quote, width, "\n".join(part[3] for part in parts)


def _line(
    sw: SheetWriter, line: str, convert: bool, known: dict[str, tuple[str, str, int, str]]
) -> tuple[str, str, int, str]:
    """One line of :func:`_lines`: its text, control characters escaped, width, escaped XML."""
    text = ILLEGAL_CHARACTERS_RE.sub("", token_digits(line) if convert else line)
    escaped = Worksheet._escape_control_characters(text)
    width = max((len(part) for part in text.splitlines()), default=0)
    if len(known) >= _CACHE:
        known.clear()
    found = known[line] = (text, escaped, width, sw.ws._escape_data(escaped))
    return found


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
    ``put`` cell by cell. ``False`` (nothing written) where a cell needs XlsxWriter's own path
    for its value (a boolean, a number that is not finite, a very long text) or the row has
    already been written."""
    ws: Any = sw.ws
    r = row - 1
    if r < ws.previous_row or ws.comments:
        return False
    key = (first_col, bold, kind, tuple(formats) if formats else None, tuple(sw.wrap_cap))
    plan = ws.plans.get(key) or _plan(sw, key, first_col, formats)
    while len(plan) < len(values):
        c = first_col - 1 + len(plan)
        plan.append(_Column(c, None, c + 1 in sw.wrap_cap))
    pieces: list[str] = []
    append = pieces.append
    for value, col in zip(values, plan, strict=False):
        cls = value.__class__
        if cls is str or value is None:
            piece = col.texts.get(value)
        elif cls is int:
            piece = col.ints.get(value)
        elif cls is float:
            piece = col.floats.get(value)
        elif cls is Decimal:
            piece = col.decimals.get(value)
        else:
            piece = None
        if piece is None:
            piece = _finish(sw, col, value, bold, kind)
            if piece is None:
                return _cells_row(sw, row, values, formats, first_col, bold, kind)
        append(piece)
    if row > sw.last_row:
        sw.last_row = row
    start = first_col - 1
    if "" in pieces:
        used = [i for i, piece in enumerate(pieces) if piece]
        if not used:
            return True
        first, last = start + used[0], start + used[-1]
    else:
        if not pieces:
            return True
        first, last = start, start + len(pieces) - 1
    if ws._check_dimensions(r, first) or ws._check_dimensions(r, last):
        return True
    if r > ws.previous_row:
        ws._write_single_row(r)
    number = str(row)
    cells = ws.table[r]
    if cells:
        for i, piece in enumerate(pieces):
            if piece:
                cells[start + i] = piece.replace(_ROW, number)
        return True
    block = Block("".join(pieces).replace(_ROW, number))
    block.start, block.number, block.pieces = start, number, pieces
    cells[-1 - first] = block
    return True


def _cells_row(
    sw: SheetWriter,
    row: int,
    values: Any,
    formats: Any,
    first_col: int,
    bold: bool,
    kind: Any,
) -> bool:
    """:func:`body_row` cell by cell: a finished element where the format has its style index,
    XlsxWriter's own tuple where it has none yet. ``False`` as :func:`body_row`."""
    from hamyar.reports.xlsx_style import cell_value, shown_width

    ws: Any = sw.ws
    r = row - 1
    number = str(row)
    rtl, widths, wrap_cap, style = sw.rtl, sw.widths, sw.wrap_cap, sw._format
    n_formats = len(formats) if formats else 0
    cells: dict[int, Any] = {}
    c = first_col - 2
    for value in values:
        c += 1
        column = '<c r="' + xl_col_to_name(c)
        if isinstance(value, str) and value:
            text, quote, width = sw.book.text(value, rtl)
            if len(text) > STRING_MAX:
                return False
            fmt = style(kind, bold, None, rtl, c + 1 in wrap_cap, quote)
            xf = fmt.xf_index
            escaped = Worksheet._escape_control_characters(text)
            if xf is None or (escaped.startswith("<r>") and escaped.endswith("</r>")):
                cells[c] = CellStringTuple(text, fmt)
            else:
                space = ' xml:space="preserve"' if _preserve_whitespace(escaped) else ""
                tail = f' t="inlineStr"><is><t{space}>{ws._escape_data(escaped)}</t></is></c>'
                cells[c] = f'{column}{number}" s="{xf}"{tail}'
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


ZIP_LEVEL = 3
"""How hard the parts of a constant-memory workbook are deflated. zipfile's default (6), which
XlsxWriter uses, took 3.5 s of CPU for the 183 MB of XML of the 50,000-applicant workbook
(17.3 MB); level 3 takes 1.4 s for 20.8 MB. The parts are the same bytes either way."""
_ZIP_LOCK = threading.Lock()


def close(wb: Workbook) -> None:
    """``wb.close()`` with its parts deflated at :data:`ZIP_LEVEL` (XlsxWriter names no level:
    its zip is made with the module's ``ZipFile``, given the level while this book closes)."""
    import xlsxwriter.workbook as module

    with _ZIP_LOCK:
        plain = module.ZipFile
        module.ZipFile = partial(plain, compresslevel=ZIP_LEVEL)
        try:
            wb.close()
        finally:
            module.ZipFile = plain
