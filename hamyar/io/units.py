"""The units (capacity) file (DATA.md, *units*) to :class:`hamyar.models.Unit` records.

* ``code`` absent or empty: the row number (ردیف) is the code; without a ردیف column, the
  unit's position in the table (1, 2, …).
* A per-row ``total`` (جمع) must equal ``female_seats + male_seats``; otherwise a warning, and
  the seat columns are used.
* A *total row* is not a unit: a row whose name cell (or, with no name, any cell) is جمع,
  جمع کل, مجموع, total or sum; or a row with no name whose seat cells equal the sums of the rows
  above. Its numbers are checked against the rows — female ``Σ female_seats``, male
  ``Σ male_seats``, total ``Σ (female_seats + male_seats)`` — and each mismatch is a warning
  giving both numbers; the rows win. Non-empty rows below the total row are ignored, with a
  warning.
"""

from __future__ import annotations

from pathlib import Path

from hamyar.errors import InputError
from hamyar.io.cells import CellError, cell_value, parse_int
from hamyar.io.columns import TOTAL_ROW_WORDS, UNIT_COLUMNS
from hamyar.io.rows import Parsed, ReadResult, RowReader
from hamyar.io.tables import Row, read_table
from hamyar.messages import Msg, Text
from hamyar.models import Unit
from hamyar.text import normalize_key

_TOTAL_WORDS = {normalize_key(w) for w in TOTAL_ROW_WORDS}
_SEATS = ("female_seats", "male_seats")
_NOT_FIELDS = ("row", "total")
_WORDING: dict[tuple[str, str], Text] = {
    (name, "io.cell.negative"): Msg("io.units.negative_seats") for name in (*_SEATS, "total")
}


def read_units(path: str | Path) -> ReadResult[Unit]:
    """Read a units file; :class:`InputError` lists every bad cell."""
    return parse_units(path).result()


def parse_units(path: str | Path) -> Parsed[Unit]:
    """Every unit row that parses, and every issue of the file (nothing raised)."""
    file = str(path)
    try:
        table = read_table(path, UNIT_COLUMNS, "units", lenient=True)
    except InputError as exc:
        return Parsed.failed(file, exc)
    parsed: Parsed[Unit] = Parsed.for_table(table)
    reader = RowReader(table, parsed.issues, wording=_WORDING)
    sums = {"female_seats": 0, "male_seats": 0, "total": 0}
    rows = table.rows
    for at, row in enumerate(rows):
        if at and _is_total_row(reader, row, sums):
            _check_total_row(reader, row, sums)
            _ignore_rest(reader, rows[at + 1 :])
            break
        unit = _unit(reader, row, position=at + 1)
        if unit is not None:
            parsed.records.append(unit)
            sums["female_seats"] += unit.female_seats
            sums["male_seats"] += unit.male_seats
            sums["total"] += unit.total_seats
    return parsed


def _unit(reader: RowReader, row: Row, position: int) -> Unit | None:
    data, ok = reader.fields(row)
    if not reader.table.complete:
        return None
    if "hours_per_month" in data and data["hours_per_month"] == 0:
        written = reader.written(row, "hours_per_month")
        reader.report(row, "hours_per_month", Msg("io.units.hours_zero"), written)
        ok = False
    if not ok:
        return None
    female, male = data["female_seats"], data["male_seats"]
    assert isinstance(female, int) and isinstance(male, int)
    total = data.get("total")
    if total is not None and total != female + male:
        header = reader.table.header_of
        message = Msg(
            "io.units.total_differs",
            total_header=header("total"),
            total=total,
            female_header=header("female_seats"),
            male_header=header("male_seats"),
            seats=female + male,
        )
        reader.report(row, "total", message, severity="warning")
    code = data.get("code") or data.get("row") or str(position)
    fields = {k: v for k, v in data.items() if k not in _NOT_FIELDS}
    fields["code"] = code
    fields["extra"] = reader.extra(row)
    return reader.build(Unit, row, fields)


def _is_total_row(reader: RowReader, row: Row, sums: dict[str, int]) -> bool:
    """A row carrying a total word, or a nameless row whose seats equal the sums above it."""
    name = normalize_key(reader.text(row, "name_fa"))
    if name:
        return name in _TOTAL_WORDS
    if any(normalize_key(cell_value(c)) in _TOTAL_WORDS for c in row.cells):
        return True
    seats = [_int_or_none(reader.text(row, s)) for s in _SEATS]
    return seats == [sums["female_seats"], sums["male_seats"]]


def _int_or_none(text: str) -> int | None:
    try:
        return parse_int(text) if text else None
    except CellError:
        return None


def _check_total_row(reader: RowReader, row: Row, sums: dict[str, int]) -> None:
    """Compare each number of the total row with the rows' sum; a mismatch is a warning."""
    for name in ("female_seats", "male_seats", "total"):
        if not reader.table.has(name):
            continue
        text = reader.text(row, name)
        if not text:
            continue
        given = _int_or_none(text)
        if given is None:
            reader.report(
                row,
                name,
                Msg("io.units.total_row_not_whole"),
                reader.written(row, name),
                severity="warning",
            )
        elif given != sums[name]:
            reader.report(
                row,
                name,
                Msg(
                    f"io.units.total_row_differs.{name}",
                    given=given,
                    summed=sums[name],
                ),
                severity="warning",
            )


def _ignore_rest(reader: RowReader, rest: tuple[Row, ...]) -> None:
    if rest:
        reader.report(
            rest[0],
            None,
            Msg("io.units.below_total", count=len(rest)),
            severity="warning",
        )
