"""A table's body rows at once on a constant-memory sheet (:func:`body_rows`).

:func:`~hamyar.reports.xlsx_rows.body_row` files one row in XlsxWriter's row table, which writes
it out when the next row starts. Between the first and the last row of a table nothing else can
write into a row already passed, so :func:`body_rows` writes those rows into the sheet's row
file itself, many at a time: per row one look-up per cell (the columns' finished elements of
:mod:`.xlsx_rows`), one join and one replace, with no row table, no dimension check per row and
no write per row. Rows are taken 2,048 at a time column by column: each column's values looked
up in one pass (a column holds values of one type, and a row shorter than the others is as if it
ended in empty cells). A row with a value not seen before in its column has it finished first; a
row that needs XlsxWriter's own path (a format without its style index yet, a boolean…) and the
table's last row go through ``SheetWriter.row`` as before, after the rows written so far, so the
file is the same byte for byte (``tests/reports/test_xlsx_rows.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from itertools import zip_longest
from typing import TYPE_CHECKING, Any

from hamyar.reports.xlsx_rows import _ROW, _Column, _finish, _plan

if TYPE_CHECKING:
    from hamyar.reports.xlsx_style import SheetWriter

_CHUNK = 2048
"""Rows looked up column by column and joined into one write."""
_TEXTS = {str, type(None)}
_KNOWN = {
    int: lambda col: col.ints,
    float: lambda col: col.floats,
    Decimal: lambda col: col.decimals,
}
"""A number column's finished elements, by the type of its values."""


class _Rows:
    """The state of one :func:`body_rows` call."""

    def __init__(
        self,
        sw: SheetWriter,
        first: int,
        rows: Sequence[Sequence[Any]],
        formats: Any,
        first_col: int,
        plan: list[_Column],
    ) -> None:
        self.sw, self.ws, self.first, self.rows = sw, sw.ws, first, rows
        self.formats, self.first_col, self.plan = formats, first_col, plan
        self.start = first_col - 1
        self.out: list[str] = []
        self.pending = True
        """Whether XlsxWriter's row table may hold a row not yet written."""
        self.low = self.high = -1
        """The first and last row written here since the last hand-over (0-based)."""
        self.col_min, self.col_max = 1 << 30, -1

    def hand_over(self) -> None:
        """Write the rows gathered; tell XlsxWriter where the sheet stands."""
        ws = self.ws
        if self.out:
            ws.fh.write("".join(self.out))
            self.out.clear()
        if self.low >= 0:
            ws._check_dimensions(self.low, self.col_min)
            ws._check_dimensions(self.high, self.col_max)
            ws.previous_row = self.high
            self.low, self.col_min, self.col_max = -1, 1 << 30, -1

    def written(self, r: int, left: int, right: int) -> None:
        """Row ``r`` (0-based) is about to be gathered, its cells from ``left`` to ``right``."""
        if self.pending:
            self.hand_over()
            self.ws._write_single_row(r)
            self.pending = False
        if self.low < 0:
            self.low = r
        self.high = r
        if left < self.col_min:
            self.col_min = left
        if right > self.col_max:
            self.col_max = right

    def gather(self, row: int, pieces: Sequence[str]) -> None:
        """Row ``row`` (1-based) of finished ``pieces`` (``""``: no cell)."""
        start = self.start
        if "" in pieces:
            used = [j for j, piece in enumerate(pieces) if piece]
            if not used:
                return
            left, right = start + used[0], start + used[-1]
        elif pieces:
            left, right = start, start + len(pieces) - 1
        else:
            return
        self.written(row - 1, left, right)
        number = str(row)
        self.out.append(f'<row r="{number}">{"".join(pieces).replace(_ROW, number)}</row>')

    def one(self, i: int) -> None:
        """Row ``i`` of the table by itself."""
        sw, values, row = self.sw, self.rows[i], self.first + i
        pieces: list[str] = []
        append = pieces.append
        for value, col in zip(values, self.plan, strict=False):
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
                break
            if piece is None:
                piece = _finish(sw, col, value, False, None)
                if piece is None:
                    break
            append(piece)
        if len(pieces) < len(values):
            self.hand_over()
            sw.row(row, values, self.formats, first_col=self.first_col)
            self.pending = True
            return
        if row > sw.last_row:
            sw.last_row = row
        self.gather(row, pieces)

    def chunk(self, i: int, j: int) -> bool:
        """Rows ``i`` to ``j - 1`` column by column; ``False`` (nothing written) where a column
        mixes types or a cell needs XlsxWriter's own path."""
        part = self.rows[i:j]
        found = []
        for col, values in zip(self.plan, zip_longest(*part), strict=False):
            looked = _looked(self.sw, col, values)
            if looked is None:
                return False
            found.append(looked)
        sw, first = self.sw, self.first
        if first + j - 1 > sw.last_row:
            sw.last_row = first + j - 1
        if not found:
            return True
        if all("" in looked for looked in found):  # a row may have no cell
            for row, pieces in zip(
                range(first + i, first + j), zip(*found, strict=True), strict=True
            ):
                self.gather(row, pieces)
            return True
        # every row has a cell; the sheet's columns run from the first that has one to the last
        used = [k for k, looked in enumerate(found) if any(looked)]
        self.written(first + i - 1, self.start + used[0], self.start + used[-1])
        self.written(first + j - 2, self.start + used[0], self.start + used[-1])
        append = self.out.append
        for row, pieces in zip(range(first + i, first + j), zip(*found, strict=True), strict=True):
            number = str(row)
            append(f'<row r="{number}">{"".join(pieces).replace(_ROW, number)}</row>')
        return True


def _looked(sw: SheetWriter, col: _Column, values: tuple[Any, ...]) -> list[str] | None:
    """The finished element of each of a column's ``values`` (``None``: :meth:`_Rows.chunk`
    cannot take them)."""
    kinds = set(map(type, values))
    known: dict[Any, str] | None
    if kinds <= _TEXTS:
        known = col.texts
    elif len(kinds) == 1:
        kind = kinds.pop()
        known = _KNOWN[kind](col) if kind in _KNOWN else None
        if known is None:
            return None
    else:
        return None
    looked = list(map(known.get, values))
    if None in looked:
        for k, piece in enumerate(looked):
            if piece is None:
                value = values[k]
                piece = known.get(value) or _finish(sw, col, value, False, None)
                if piece is None:
                    return None
                looked[k] = piece
    return looked


def body_rows(
    sw: SheetWriter,
    first: int,
    rows: Sequence[Sequence[Any]],
    formats: Sequence[str | None] | None,
    first_col: int,
) -> None:
    """``sw.row(first + i, rows[i], formats, first_col=first_col)`` for every row, in order."""
    ws: Any = sw.ws
    n = len(rows)
    widest = max((len(values) for values in rows), default=0)
    if (
        n < 3
        or getattr(ws, "plans", None) is None
        or ws.comments
        or ws.row_info
        or ws.default_row_height != ws.original_row_height
        or first - 1 <= ws.previous_row
        or first + n > ws.xls_rowmax
        or first_col < 1
        or first_col - 1 + widest > ws.xls_colmax
    ):
        for i, values in enumerate(rows):
            sw.row(first + i, values, formats, first_col=first_col)
        return
    key = (first_col, False, None, tuple(formats) if formats else None, tuple(sw.wrap_cap))
    plan: list[_Column] = ws.plans.get(key) or _plan(sw, key, first_col, formats)
    while len(plan) < widest:
        c = first_col - 1 + len(plan)
        plan.append(_Column(c, None, c + 1 in sw.wrap_cap))
    state = _Rows(sw, first, rows, formats, first_col, plan)
    for i in range(0, n - 1, _CHUNK):
        j = min(i + _CHUNK, n - 1)
        if not state.chunk(i, j):
            for k in range(i, j):
                state.one(k)
        if len(state.out) >= _CHUNK:
            state.hand_over()
    state.hand_over()
    sw.row(first + n - 1, rows[n - 1], formats, first_col=first_col)
