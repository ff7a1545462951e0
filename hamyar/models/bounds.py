"""Bounds on every number a person writes (issue 19, case 12), in one place: inputs, the policy,
scenario seat changes, sweeps and ``--time-limit`` refuse a value beyond them with a located
error, before it reaches arithmetic that would overflow (10^29 seats), turn into ``inf`` or
``nan`` (``hours_per_month = 1e400``) or run forever. DATA.md lists them.
"""

from __future__ import annotations

MAX_SEATS = 10_000
"""Seats of one gender in one unit (the largest published unit has 30)."""
MAX_HOURS_PER_MONTH = 400
"""Planned hours a month of one unit, the policy's default and its monthly cap."""
MONTH_HOURS = 744
"""Hours worked in one month on one timesheet row: a 31-day month has no more."""
MAX_SEMESTERS = 40
"""Semesters passed, semesters on probation."""
MAX_CHILDREN = 30
MAX_RIAL = 10**15
"""Any amount of rial: a budget, a unit's budget (a thousand times a university's yearly one)."""
MAX_HOURLY_RATE_RIAL = 10**9
MAX_WEIGHT = 10**9
"""A priority or objective weight, a penalty: far inside the solvers' 64-bit integers."""
MAX_SEED = 2**63 - 1
MAX_TIME_LIMIT_S = 86_400.0
"""A solver time limit (seconds): a day. NaN and infinity are refused."""
SWEEP_MAGNITUDE = 10**15
"""The largest number a sweep's range or list may hold."""
SWEEP_DECIMALS = 12
"""The most decimal places a sweep's number may have (a step of 1e-999999999 is refused)."""
