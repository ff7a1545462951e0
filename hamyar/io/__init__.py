"""Readers and writers of the data contract (DATA.md): header aliases, Persian normalisation,
Jalali dates, and errors located at ``file:row:column``."""

from hamyar.io.applicants import parse_applicants, read_applicants
from hamyar.io.columns import (
    APPLICANT_COLUMNS,
    REJECTION_COLUMNS,
    TIMESHEET_COLUMNS,
    UNIT_COLUMNS,
    Column,
)
from hamyar.io.loading import Loaded, collect_problem, load_problem, rejoin_preferences
from hamyar.io.outdir import staged_output
from hamyar.io.rejections import parse_rejections, read_rejections
from hamyar.io.rows import Parsed, ReadResult
from hamyar.io.tables import Table, read_table
from hamyar.io.timesheets import parse_timesheets, read_timesheets
from hamyar.io.units import parse_units, read_units

__all__ = [
    "APPLICANT_COLUMNS",
    "REJECTION_COLUMNS",
    "TIMESHEET_COLUMNS",
    "UNIT_COLUMNS",
    "Column",
    "Loaded",
    "Parsed",
    "ReadResult",
    "Table",
    "collect_problem",
    "load_problem",
    "parse_applicants",
    "parse_rejections",
    "parse_timesheets",
    "parse_units",
    "read_applicants",
    "read_rejections",
    "read_table",
    "read_timesheets",
    "read_units",
    "rejoin_preferences",
    "staged_output",
]
