"""The timesheets file (DATA.md, *timesheets*): hours per student, unit and Jalali month.

``month`` is ``yyyy/mm`` (Persian digits allowed), ``hours`` a number ≥ 0. Caps and rates are
applied by :mod:`hamyar.payments`, not here.
"""

from __future__ import annotations

from pathlib import Path

from hamyar.io.columns import TIMESHEET_COLUMNS
from hamyar.io.rows import Parsed, ReadResult, parse_plain_table
from hamyar.models import TimesheetRow


def read_timesheets(path: str | Path) -> ReadResult[TimesheetRow]:
    """Read a timesheets file; :class:`~hamyar.errors.InputError` lists every bad cell."""
    return parse_timesheets(path).result()


def parse_timesheets(path: str | Path) -> Parsed[TimesheetRow]:
    """Every timesheet row that parses, and every issue of the file (nothing raised)."""
    return parse_plain_table(path, TIMESHEET_COLUMNS, "timesheets", TimesheetRow)
