"""A table's body rows at once on a constant-memory sheet (:func:`body_rows`).

:func:`~hamyar.reports.xlsx_rows.body_row` files one row in XlsxWriter's row table, which writes
it out when the next row starts. Between the first and the last row of a table nothing else
can write into a row already passed, so :func:`body_rows` writes those rows into the sheet's
row file itself, many at a time: per row one look-up per cell (the columns' finished elements
of :mod:`.xlsx_rows`), one join and one replace, with no row table, no dimension check per
row and no write per row. A row with a value not seen before in its column has it finished
first; a row that needs XlsxWriter's own path (a format without its style index yet, a
boolean…) and the table's last row go through ``SheetWriter.row`` as before, after the rows
written so far, so the file is the same byte for byte (``tests/reports/test_xlsx_rows.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hamyar.reports.xlsx_rows import _ROW, _Column, _finish, _plan

if TYPE_CHECKING:
    from hamyar.reports.xlsx_style import SheetWriter

_BATCH = 2048
"""Rows joined into one write."""


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
    start = first_col - 1
    out: list[str] = []
    fh = ws.fh
    pending = True
    """Whether XlsxWriter's row table may hold a row not yet written."""
    low = high = -1
    """The first and last row written here since the last hand-over (0-based)."""
    col_min, col_max = 1 << 30, -1

    def hand_over() -> None:
        """Write the rows gathered; tell XlsxWriter where the sheet stands."""
        nonlocal low, col_min, col_max
        if out:
            fh.write("".join(out))
            out.clear()
        if low >= 0:
            ws._check_dimensions(low, col_min)
            ws._check_dimensions(high, col_max)
            ws.previous_row = high
            low, col_min, col_max = -1, 1 << 30, -1

    for i in range(n - 1):
        values = rows[i]
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
                break
            if piece is None:
                piece = _finish(sw, col, value, False, None)
                if piece is None:
                    break
            append(piece)
        row = first + i
        if len(pieces) < len(values):
            hand_over()
            sw.row(row, values, formats, first_col=first_col)
            pending = True
            continue
        if row > sw.last_row:
            sw.last_row = row
        if "" in pieces:
            used = [j for j, piece in enumerate(pieces) if piece]
            if not used:
                continue
            left, right = start + used[0], start + used[-1]
        elif pieces:
            left, right = start, start + len(pieces) - 1
        else:
            continue
        r = row - 1
        if pending:
            hand_over()
            ws._write_single_row(r)
            pending = False
        number = str(row)
        out.append(f'<row r="{number}">{"".join(pieces).replace(_ROW, number)}</row>')
        if low < 0:
            low = r
        high = r
        if left < col_min:
            col_min = left
        if right > col_max:
            col_max = right
        if len(out) >= _BATCH:
            fh.write("".join(out))
            out.clear()
    hand_over()
    sw.row(first + n - 1, rows[n - 1], formats, first_col=first_col)
