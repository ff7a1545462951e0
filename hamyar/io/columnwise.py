"""A table's known columns parsed column by column, once per distinct raw cell.

:class:`hamyar.io.rows.RowReader` takes the values of a row from here when every known cell of
it parsed and its required cells are filled; it parses any other row again cell by cell, so
that its issues are recorded where and in the order they always were. Parsing is
:func:`hamyar.io.cells.parse_text`, the same function either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter

from hamyar.io.cells import CellError, cell_values, parse_text
from hamyar.io.columns import Column
from hamyar.io.tables import Table

_TEXT = {str}
_BAD = object()
"""The value of a cell :func:`parse_cell` refused."""


@dataclass(frozen=True)
class ParsedColumns:
    """Each known column's parsed values in row order, and the rows that are clean."""

    columns: tuple[tuple[str, list[object]], ...]
    """``(column name, [value of each row])``; ``None`` for an empty cell."""
    clean: dict[int, int]
    """``{id(row): its position}`` for every row whose known cells all parsed and whose
    required cells are filled."""


def parse_columns(table: Table, known: Sequence[tuple[int, Column]]) -> ParsedColumns:
    """Parse the known columns ``(position in the row, column)`` of every row of ``table``."""
    rows = table.rows
    width = max((index for index, _ in known), default=-1) + 1
    cells = [
        r.cells if len(r.cells) >= width else r.cells + (None,) * (width - len(r.cells))
        for r in rows
    ]
    dirty: set[int] = set()
    columns = []
    for index, column in known:
        raw = list(map(itemgetter(index), cells))
        # a raw cell is its own key when it is text; others carry their type (1, 1.0 and True
        # are equal keys of a dict, yet not the same cell)
        if set(map(type, raw)) <= _TEXT:
            keys: list[object] = raw
        else:
            keys = [v if v.__class__ is str else (v.__class__, v) for v in raw]
        values: dict[object, object] = dict.fromkeys(keys)
        raws = [key if key.__class__ is str else key[1] for key in values]  # type: ignore[index]
        bad = set()
        for key, raw_cell, text in zip(values, raws, cell_values(raws), strict=True):
            try:
                value = parse_text(column, raw_cell, text)
            except CellError:
                value = _BAD
            if value is _BAD or (value is None and column.required):
                bad.add(key)
            values[key] = value
        if column.kind == "list":  # the same few unit names, once each
            pieces: dict[str, str] = {}
            for key, value in values.items():
                if value.__class__ is tuple:
                    values[key] = tuple([pieces.setdefault(p, p) for p in value])
        if bad:
            dirty.update(at for at, key in enumerate(keys) if key in bad)
        columns.append((column.name, list(map(values.__getitem__, keys))))
    clean = {id(row): at for at, row in enumerate(rows) if at not in dirty}
    return ParsedColumns(tuple(columns), clean)
