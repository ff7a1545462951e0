"""A realistic month of timesheets for a placed allocation (demos and end-to-end tests).

For each placed student, with a seeded random generator:

* about 85 % report hours near the unit's planned hours (±30 %, in half hours, within the cap);
* about 8 % report more than the monthly cap (cut to the cap by the payroll, rule P3);
* about 5 % report nothing this month (no row);
* a few (about 3 %, at least one when ten or more are placed and a second unit exists) also
  report hours in a second unit (never paid, rule P4);
* when the allocation folder knows applicants who were not placed, one of them reports hours
  (listed as not payable).

Every row is a good row: known student and unit, a month of the term, no duplicates; so the
payroll of a generated month runs without ``--skip-bad-rows``.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from hamyar.io.allocation_dir import AllocationRecord
from hamyar.io.writers import write_timesheets as write_file
from hamyar.models import JalaliMonth, Source, TimesheetRow
from hamyar.payments.payroll import check_month


def _half_hours(value: float) -> Decimal:
    return Decimal(round(value * 2)) / 2


def generate_timesheets(
    record: AllocationRecord, month: JalaliMonth, seed: int = 0, file: str = "generated"
) -> tuple[TimesheetRow, ...]:
    """A month of timesheets for the allocation (see module doc); the same seed gives the same
    rows. ``month`` must be a payroll month of the allocation's term."""
    policy = record.policy
    check_month(month, record.term, policy)
    rng = random.Random(f"{seed}:{month}")
    cap = policy.monthly_hours_cap
    rows: list[tuple[str, str, Decimal]] = []
    placed = sorted(record.rows, key=lambda r: r.student_id)
    units = sorted(record.known_units)
    second_unit_count = 0
    for person in placed:
        draw = rng.random()
        if draw < 0.05:
            continue
        if draw < 0.13:
            hours = cap + _half_hours(rng.uniform(1, 20))
        else:
            planned = float(person.hours_per_month)
            hours = _half_hours(rng.uniform(0.7 * planned, 1.3 * planned))
            hours = max(Decimal(1), min(hours, cap))
        rows.append((person.student_id, person.unit_code, hours))
        others = [u for u in units if u != person.unit_code]
        if others and rng.random() < 0.03:
            rows.append((person.student_id, rng.choice(others), _half_hours(rng.uniform(4, 20))))
            second_unit_count += 1
    if second_unit_count == 0 and len(placed) >= 10:
        candidates = [p for p in placed if any(u != p.unit_code for u in units)]
        if candidates:
            person = rng.choice(candidates)
            other = rng.choice([u for u in units if u != person.unit_code])
            rows.append((person.student_id, other, _half_hours(rng.uniform(4, 20))))
    unplaced = sorted(record.known_students - {r.student_id for r in placed})
    if unplaced and units:
        rows.append((rng.choice(unplaced), rng.choice(units), _half_hours(rng.uniform(8, 30))))
    return tuple(
        TimesheetRow(
            student_id=sid,
            unit_code=unit,
            month=month,
            hours=hours,
            source=Source(file=file, row=number),
        )
        for number, (sid, unit, hours) in enumerate(rows, start=2)
    )


def write_timesheets(path: str | Path, rows: Iterable[TimesheetRow], lang: str = "fa") -> None:
    """Write timesheets as the template lays them out: ``.xlsx`` (Persian headers, right to
    left, the template's sheet title) or, for any other suffix, CSV (UTF-8 with BOM, Persian
    headers); ``lang="en"`` writes the canonical English headers instead
    (:func:`hamyar.io.writers.write_timesheets`, which the timesheet reader reads back)."""
    path = Path(path)
    target = path if path.suffix.lower() in (".xlsx", ".csv") else path.with_suffix(".csv")
    write_file(list(rows), target, lang)
    if target != path:
        target.replace(path)
