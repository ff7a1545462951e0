"""The Payments sheet: the planned cost per student and per unit with totals."""

from __future__ import annotations

from hamyar.reports.labels import (
    enum_label,
    labels,
)
from hamyar.reports.workbook.columns import (
    PAYMENT_COLUMNS,
    PAYMENT_UNIT_COLUMNS,
)
from hamyar.reports.workbook.context import RunSheets, unit_name
from hamyar.reports.xlsx_style import (
    COUNT_FORMAT,
    DECIMAL_FORMAT,
    RIAL_FORMAT,
    SheetWriter,
)


def payments_sheet(report: RunSheets, w: SheetWriter) -> None:
    lang, planned = report.lang, report.result.planned
    rows = []
    for a in report.assignments:
        cost = report.costs.get(a.student_id)
        if cost is None:
            continue
        app = report.app(a.student_id)
        rows.append(
            [
                app.student_id,
                app.first_name,
                app.last_name,
                cost.unit_code,
                enum_label(app.degree, lang),
                cost.hours_per_month,
                cost.hourly_rate_rial,
                cost.multiplier,
                cost.monthly_rial,
                cost.monthly_toman,
                cost.term_rial,
                cost.term_toman,
            ]
        )
    formats = [None] * 5 + [DECIMAL_FORMAT, RIAL_FORMAT, DECIMAL_FORMAT, *[RIAL_FORMAT] * 4]
    last = w.table(1, labels(PAYMENT_COLUMNS, lang), rows, formats, freeze=True, auto_filter=True)
    money = [planned.monthly_rial, planned.monthly_toman, planned.term_rial, planned.term_toman]
    w.row(last + 1, [report.t("col.total"), *[None] * 7, *money], formats, total=True)

    top = last + 3
    w.put(top, 1, report.t("pay.per_unit"), bold=True)
    unit_rows = []
    for ucost in planned.units:
        unit = report.problem.unit_by_code.get(ucost.unit_code)
        name = unit_name(unit, lang) if unit else ucost.unit_name_fa
        unit_rows.append(
            [
                ucost.unit_code,
                name,
                ucost.students,
                ucost.monthly_rial,
                ucost.monthly_toman,
                ucost.term_rial,
                ucost.term_toman,
            ]
        )
    unit_formats = [None, None, COUNT_FORMAT, *[RIAL_FORMAT] * 4]
    unit_last = w.table(top + 1, labels(PAYMENT_UNIT_COLUMNS, lang), unit_rows, unit_formats)
    w.row(
        unit_last + 1,
        [report.t("col.total"), None, len(planned.students), *money],
        unit_formats,
        total=True,
    )
    months = report.term_months()
    w.put(unit_last + 3, 1, report.t("pay.months"), bold=True)
    w.put(unit_last + 3, 2, months, fit=False)
