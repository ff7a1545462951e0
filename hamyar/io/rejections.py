"""The rejections file (DATA.md, *rejections*): ``unit_code, student_id`` pairs for rule E9.

Whether the unit and the student exist is checked once, by
:class:`hamyar.models.Problem` (see :func:`hamyar.io.loading.load_problem`).
"""

from __future__ import annotations

from pathlib import Path

from hamyar.errors import InputError
from hamyar.io.columns import REJECTION_COLUMNS
from hamyar.io.rows import Parsed, ReadResult, RowReader
from hamyar.io.tables import read_table
from hamyar.models import Rejection


def read_rejections(path: str | Path) -> ReadResult[Rejection]:
    """Read a rejections file (rule E9); :class:`InputError` lists every bad cell."""
    return parse_rejections(path).result()


def parse_rejections(path: str | Path) -> Parsed[Rejection]:
    """Every rejection row that parses, and every issue of the file (nothing raised)."""
    file = str(path)
    try:
        table = read_table(path, REJECTION_COLUMNS, "rejections")
    except InputError as exc:
        return Parsed.failed(file, exc)
    parsed: Parsed[Rejection] = Parsed.for_table(table)
    reader = RowReader(table, parsed.issues)
    for row in table.rows:
        data, ok = reader.fields(row)
        if ok:
            record = reader.build(Rejection, row, data)
            if record is not None:
                parsed.records.append(record)
    return parsed
