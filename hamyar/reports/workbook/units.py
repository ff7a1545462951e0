"""The Units sheet: seats asked and filled per unit and gender, fill % and planned cost, a
total row."""

from __future__ import annotations

from typing import Any

from hamyar.models import (
    Gender,
)
from hamyar.models.pay import toman
from hamyar.reports.labels import (
    labels,
)
from hamyar.reports.workbook.columns import (
    UNITS_COLUMNS,
)
from hamyar.reports.workbook.context import RunSheets, unit_name
from hamyar.reports.xlsx_style import (
    COUNT_FORMAT,
    RIAL_FORMAT,
    SHARE_FORMAT,
    SheetWriter,
)


def units_sheet(report: RunSheets, w: SheetWriter) -> None:
    rows: list[list[Any]] = []
    totals = [0] * 6
    cost_totals = [0, 0]
    for unit in report.problem.units:
        fa = report.asked[(unit.code, Gender.female)]
        ff = report.filled[(unit.code, Gender.female)]
        ma = report.asked[(unit.code, Gender.male)]
        mf = report.filled[(unit.code, Gender.male)]
        cost = report.unit_costs.get(unit.code)
        monthly = cost.monthly_rial if cost else 0
        term = cost.term_rial if cost else 0
        for i, v in enumerate((fa, ff, ma, mf, fa + ma, ff + mf)):
            totals[i] += v
        cost_totals[0] += monthly
        cost_totals[1] += term
        rows.append(
            [
                unit.code,
                unit_name(unit, report.lang),
                unit.area,
                fa,
                ff,
                ma,
                mf,
                fa + ma,
                ff + mf,
                (ff + mf) / (fa + ma) if fa + ma else None,
                monthly,
                toman(monthly),
                term,
                toman(term),
            ]
        )
    formats = [None, None, None, *[COUNT_FORMAT] * 6, SHARE_FORMAT, *[RIAL_FORMAT] * 4]
    last = w.table(
        1, labels(UNITS_COLUMNS, report.lang), rows, formats, freeze=True, auto_filter=True
    )
    asked, filled = totals[4], totals[5]
    w.row(
        last + 1,
        [
            report.t("col.total"),
            None,
            None,
            *totals,
            filled / asked if asked else None,
            cost_totals[0],
            toman(cost_totals[0]),
            cost_totals[1],
            toman(cost_totals[1]),
        ],
        formats,
        total=True,
    )
