"""write_csv gives the bytes of the standard csv writer (excel dialect), formulas defused."""

from __future__ import annotations

import csv
import io
import random
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from hamyar.io.csvfile import csv_line, defuse, write_csv


class _Code(StrEnum):
    comma = "x,y"


_ALPHABET = ["a", ",", '"', "\r", "\n", " ", "ش", "\0", "'", "-", "=", "\t", "؛", "@", "+"]
_OTHERS: list[object] = [None, 1.5, -3, Decimal("14.00"), True, _Code.comma, 1e20, 0.1 + 0.2]


def _value(rnd: random.Random) -> object:
    if rnd.random() < 0.6:
        return "".join(rnd.choice(_ALPHABET) for _ in range(rnd.randrange(7)))
    return rnd.choice(_OTHERS)


def _stdlib(rows: list[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(["" if v is None else defuse(v) if type(v) is str else v for v in row])
    return out.getvalue()


def test_every_row_as_the_csv_module_writes_it() -> None:
    rnd = random.Random(1402)
    rows = [[_value(rnd) for _ in range(rnd.randrange(4))] for _ in range(20_000)]
    rows += [[""], [], [None], ['"'], ["a,b", 1]]
    assert "".join(csv_line(r) + "\r\n" for r in rows) == _stdlib(rows)


def test_file_bytes_across_write_batches(tmp_path: Path) -> None:
    rnd = random.Random(7)
    header = ["student_id", "explanation, fa"]
    rows = [[_value(rnd), _value(rnd)] for _ in range(5_000)]
    path = tmp_path / "out.csv"
    write_csv(path, header, rows)
    expected = _stdlib([list(header), *rows])
    assert path.read_bytes() == expected.encode("utf-8-sig")
