"""The Assignments sheet: one row per placed student, by unit then surname, with the planned
cost's hours, rate, multiplier and pay, and for a student below the first choice why not each
better-ranked unit asked for (the optimizer's explanation)."""

from __future__ import annotations

from hamyar.reports.labels import (
    labels,
    yes_no,
)
from hamyar.reports.workbook.columns import (
    ASSIGNMENT_COLUMNS,
)
from hamyar.reports.workbook.context import (
    RunSheets,
    explanation_text,
    student_cells,
    unit_name,
)
from hamyar.reports.xlsx_style import (
    DECIMAL_FORMAT,
    RIAL_FORMAT,
    SheetWriter,
)


def assignments_sheet(report: RunSheets, w: SheetWriter) -> None:
    lang = report.lang
    words = {True: yes_no(True, lang), False: yes_no(False, lang)}
    rows = []
    for a in report.assignments:
        app = report.app(a.student_id)
        unit = report.problem.unit_by_code[a.unit_code]
        cost = report.costs[a.student_id]
        rows.append(
            [
                unit.code,
                unit_name(unit, lang),
                *student_cells(app, lang),
                a.preference_rank,
                a.priority_score,
                words[bool(a.pinned)],
                cost.hours_per_month,
                cost.hourly_rate_rial,
                cost.multiplier,
                cost.monthly_rial,
                cost.monthly_toman,
                _why_not_higher(report, a.student_id, a.unit_code),
            ]
        )
    formats = [None] * 11 + [DECIMAL_FORMAT, RIAL_FORMAT, DECIMAL_FORMAT, *[RIAL_FORMAT] * 2]
    w.wrap_cap[len(ASSIGNMENT_COLUMNS)] = 90
    w.table(1, labels(ASSIGNMENT_COLUMNS, lang), rows, formats, freeze=True, auto_filter=True)


def _why_not_higher(report: RunSheets, student_id: str, unit_code: str) -> str:
    """The explanation of a student placed below the first choice; ``""`` at the first."""
    explanation = report.explanations.get(student_id)
    if explanation is None or explanation.placed_unit != unit_code:
        return ""
    return explanation_text(explanation, report.lang)
