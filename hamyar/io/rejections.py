"""The rejections file (DATA.md, *rejections*): ``unit_code, student_id`` pairs for rule E9.

Whether the unit and the student exist is checked once, by
:class:`hamyar.models.Problem` (see :func:`hamyar.io.loading.load_problem`).
"""

from __future__ import annotations

from pathlib import Path

from hamyar.io.columns import REJECTION_COLUMNS
from hamyar.io.rows import Parsed, ReadResult, parse_plain_table
from hamyar.models import Rejection


def read_rejections(path: str | Path) -> ReadResult[Rejection]:
    """Read a rejections file (rule E9); :class:`~hamyar.errors.InputError` lists every bad cell."""
    return parse_rejections(path).result()


def parse_rejections(path: str | Path) -> Parsed[Rejection]:
    """Every rejection row that parses, and every issue of the file (nothing raised)."""
    return parse_plain_table(path, REJECTION_COLUMNS, "rejections", Rejection)
