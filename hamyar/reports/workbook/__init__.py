"""``allocation.xlsx``: the workbook planners, unit heads and auditors open.

Sheets, in this order (names and headers in Persian, or English with ``lang="en"``):

* **Summary** — title, term, run date (Jalali; the one date cell of the workbook);
  the key figures of :class:`~hamyar.models.kpis.Kpis` (costs in rial with toman beside);
  the rank distribution (``share = students at rank r / placed``); placements per priority
  group (``share placed = placed / eligible``); the readers' warnings; and two
  native bar charts: seats asked vs filled per unit and gender (drawn from the Units sheet)
  and the rank distribution.
* **Assignments** — one row per placed student, by unit (in the order of the units table)
  then surname (Persian alphabetical order); for a student below the first choice, the last
  column says why not each better-ranked unit asked for (the optimizer's explanation, one line
  per unit).
* **Units** — per unit: female and male seats asked and filled,
  ``fill % = (filled_f + filled_m) / (asked_f + asked_m)``, planned monthly and term cost; a
  total row under the table.
* **Unassigned** — each eligible student left without a seat, highest priority score first,
  with the optimizer's explanation (one line per asked-for unit).
* **Waiting lists** — per unit (in the order of the units table) and gender, the ranked
  reserve list of :func:`~hamyar.optimizer.waitlist.waiting_lists`: position, student, the rank
  the student gave the unit, and the unit he or she holds now (empty when not placed).
* **Eligibility** — each applicant in input order: eligible or not, the rule IDs by severity,
  the units left open and closed, and every reason's message.
* **Payments** — the planned cost per student and per unit with totals
  (:class:`~hamyar.models.costs.PlannedCost`; toman = rial // 10 of each figure).
* **Technical** (solver details, for auditors) — the solver's status, the largest gap, the
  solve time and the objective stages (value, bound,
  ``gap = |bound − value| / max(1, |bound|)``, status, method, time).
* **Policy** — the term, every policy parameter as used (``policy.model_dump(mode="json")``
  flattened to dotted keys, with the rule it belongs to and assumptions marked), the sha256 of
  every input, the version and the time of each stage.

Every table sheet has a frozen header row and an auto-filter over its table (the Summary,
which holds several small tables, freezes its title lines instead). Amounts are numbers with
thousands separators; text from the input is never stored as a formula
(:mod:`hamyar.reports.xlsx_style`).

One module per sheet; the column label keys are in :mod:`hamyar.reports.workbook.columns` and
what every sheet reads (fill from ``allocation.fill``, pay from the planned cost, the unassigned
students) in :mod:`hamyar.reports.workbook.context`.
"""

from __future__ import annotations

from pathlib import Path

import jdatetime

from hamyar.models import JalaliDate
from hamyar.models.run import RunResult
from hamyar.reports.labels import label, term_label
from hamyar.reports.workbook.assignments import assignments_sheet
from hamyar.reports.workbook.columns import (
    ASSIGNMENT_COLUMNS,
    ELIGIBILITY_COLUMNS,
    PAYMENT_COLUMNS,
    PAYMENT_UNIT_COLUMNS,
    POLICY_COLUMNS,
    SHEETS,
    UNASSIGNED_COLUMNS,
    UNITS_COLUMNS,
)
from hamyar.reports.workbook.context import RunSheets, student_cells, surname_key, unit_name
from hamyar.reports.workbook.eligibility import eligibility_sheet
from hamyar.reports.workbook.payments import payments_sheet
from hamyar.reports.workbook.policy import flatten, policy_sheet
from hamyar.reports.workbook.summary import summary_sheet
from hamyar.reports.workbook.technical import technical_sheet
from hamyar.reports.workbook.unassigned import unassigned_sheet
from hamyar.reports.workbook.units import units_sheet
from hamyar.reports.workbook.waiting import waiting_sheet
from hamyar.reports.xlsx_style import Book
from hamyar.text import check_lang


def write_workbook(
    path: Path, result: RunResult, lang: str = "fa", *, run_date: JalaliDate | None = None
) -> None:
    """Write ``allocation.xlsx`` for ``result`` in ``lang`` (``"fa"`` or ``"en"``).

    ``run_date`` is the Jalali date printed on the Summary (today when not given).
    """
    language = check_lang(lang)
    if run_date is None:
        run_date = JalaliDate.parse(jdatetime.date.today())
    book = Book(path, constant_memory=True)
    rtl = language == "fa"
    names = {key: label(f"sheet.{key}", language) for key in SHEETS}
    writers = {key: book.sheet(name, rtl) for key, name in names.items()}
    report = RunSheets(result, language)
    units_sheet(report, writers["units"])
    summary_sheet(report, writers["summary"], run_date, names["units"])
    assignments_sheet(report, writers["assignments"])
    unassigned_sheet(report, writers["unassigned"])
    waiting_sheet(report, writers["waiting"])
    eligibility_sheet(report, writers["eligibility"])
    payments_sheet(report, writers["payments"])
    policy_sheet(report, writers["policy"])
    technical_sheet(report, writers["technical"])
    heading = f"{report.problem.name} — {term_label(report.problem.term, language)}"
    for key, writer in writers.items():
        writer.page_heading(f"{heading} — {names[key]}")
        writer.fit_columns()
    book.close()


__all__ = [
    "ASSIGNMENT_COLUMNS",
    "ELIGIBILITY_COLUMNS",
    "PAYMENT_COLUMNS",
    "PAYMENT_UNIT_COLUMNS",
    "POLICY_COLUMNS",
    "SHEETS",
    "UNASSIGNED_COLUMNS",
    "UNITS_COLUMNS",
    "flatten",
    "student_cells",
    "surname_key",
    "unit_name",
    "write_workbook",
]
