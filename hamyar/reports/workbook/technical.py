"""The technical sheet (solver details, for auditors): the solver's status, the largest gap of
its stages, the solve time, and the objective stages one per row (value, bound, gap, status,
method, time). The Summary says the same in plain words."""

from __future__ import annotations

from typing import Any

from hamyar.reports.labels import enum_label, labels, stage_label
from hamyar.reports.workbook.context import RunSheets
from hamyar.reports.xlsx_style import DECIMAL_FORMAT, GAP_FORMAT, SECONDS_FORMAT, SheetWriter

STAGE_COLUMNS: tuple[str, ...] = (
    "stage.name",
    "stage.value",
    "stage.bound",
    "stage.gap",
    "stage.status",
    "stage.method",
    "stage.time",
)


def technical_sheet(report: RunSheets, w: SheetWriter) -> None:
    result, lang = report.result, report.lang
    kpis = result.kpis
    gap = max((s.gap for s in result.allocation.stages), default=kpis.gap)
    figures: list[tuple[Any, ...]] = [
        (report.t("kpi.status"), enum_label(result.allocation.status, lang)),
        (report.t("kpi.gap"), gap),
        (report.t("kpi.solve_time"), kpis.solve_time_s),
    ]
    last = w.table(
        1,
        labels(["summary.indicator", "summary.value"], lang),
        figures,
        row_formats=[None, GAP_FORMAT, SECONDS_FORMAT],
        freeze=True,
    )
    stage_top = last + 2
    w.put(stage_top, 1, report.t("stage.title"), bold=True)
    rows = [
        (
            stage_label(s.name, lang),
            s.value,
            s.bound,
            s.gap,
            enum_label(s.status, lang),
            s.method,
            s.wall_time_s,
        )
        for s in result.allocation.stages
    ]
    w.table(
        stage_top + 1,
        labels(STAGE_COLUMNS, lang),
        rows,
        [None, DECIMAL_FORMAT, DECIMAL_FORMAT, GAP_FORMAT, None, None, SECONDS_FORMAT],
    )
