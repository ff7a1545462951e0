"""Readers and writers of the data contract (DATA.md): header aliases, Persian normalisation,
Jalali dates, and errors located at ``file:row:column``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hamyar.lazy import lazy_names

if TYPE_CHECKING:
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

_LAZY = {
    "parse_applicants": "hamyar.io.applicants",
    "read_applicants": "hamyar.io.applicants",
    "APPLICANT_COLUMNS": "hamyar.io.columns",
    "REJECTION_COLUMNS": "hamyar.io.columns",
    "TIMESHEET_COLUMNS": "hamyar.io.columns",
    "UNIT_COLUMNS": "hamyar.io.columns",
    "Column": "hamyar.io.columns",
    "Loaded": "hamyar.io.loading",
    "collect_problem": "hamyar.io.loading",
    "load_problem": "hamyar.io.loading",
    "rejoin_preferences": "hamyar.io.loading",
    "staged_output": "hamyar.io.outdir",
    "parse_rejections": "hamyar.io.rejections",
    "read_rejections": "hamyar.io.rejections",
    "Parsed": "hamyar.io.rows",
    "ReadResult": "hamyar.io.rows",
    "Table": "hamyar.io.tables",
    "read_table": "hamyar.io.tables",
    "parse_timesheets": "hamyar.io.timesheets",
    "read_timesheets": "hamyar.io.timesheets",
    "parse_units": "hamyar.io.units",
    "read_units": "hamyar.io.units",
}
"""Where each name lives: imported when first asked for, so that importing one
module of the package does not import all of them."""


__getattr__ = lazy_names(__name__, _LAZY)


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
