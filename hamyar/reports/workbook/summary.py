"""The Summary sheet: title, term, run date, the key figures in plain words, rank and priority
tables, the warnings and two bar charts (the solver's figures are on the technical sheet,
:mod:`hamyar.reports.workbook.technical`)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from hamyar.models import (
    Gender,
    JalaliDate,
    PriorityGroup,
)
from hamyar.reports.labels import (
    date_label,
    enum_label,
    labels,
    term_label,
)
from hamyar.reports.persian_text import people_text
from hamyar.reports.workbook.columns import (
    UNITS_COLUMNS,
)
from hamyar.reports.workbook.context import RunSheets, unit_name
from hamyar.reports.xlsx_style import COUNT_FORMAT, RIAL_FORMAT, SHARE_FORMAT, SheetWriter

if TYPE_CHECKING:
    from xlsxwriter.chart import Chart

_FILL_COLORS = ("F4B6C2", "C2185B", "9DC3E6", "1F4E79")
"""Female asked, female filled, male asked, male filled."""


_ROW_CM = 0.53
"""Height of a default spreadsheet row (15 pt) in centimetres, to stack the charts."""


def summary_sheet(
    report: RunSheets, w: SheetWriter, run_date: JalaliDate, units_sheet: str
) -> None:
    result, kpis, lang = report.result, report.result.kpis, report.lang
    w.title(1, f"{report.t('summary.title')} — {report.problem.name}")
    w.row(2, [report.t("summary.term"), term_label(report.problem.term, lang)], bold=False)
    w.row(3, [report.t("summary.run_date"), date_label(run_date, lang)])
    w.freeze(4)
    w.title_rows(1, 3)
    figures: list[tuple[str, Any, str | None, Any]] = [
        ("kpi.applicants", kpis.applicants, COUNT_FORMAT, None),
        ("kpi.eligible", kpis.eligible, COUNT_FORMAT, None),
        ("kpi.placed", kpis.placed, COUNT_FORMAT, None),
        ("kpi.placed_female", kpis.placed_by_gender.get(Gender.female, 0), COUNT_FORMAT, None),
        ("kpi.placed_male", kpis.placed_by_gender.get(Gender.male, 0), COUNT_FORMAT, None),
        ("kpi.seats_female", kpis.seats_by_gender.get(Gender.female, 0), COUNT_FORMAT, None),
        ("kpi.seats_male", kpis.seats_by_gender.get(Gender.male, 0), COUNT_FORMAT, None),
        (
            "kpi.left_female",
            kpis.seats_left_by_gender.get(Gender.female, 0),
            COUNT_FORMAT,
            None,
        ),
        ("kpi.left_male", kpis.seats_left_by_gender.get(Gender.male, 0), COUNT_FORMAT, None),
        ("kpi.unassigned", len(report.unassigned), COUNT_FORMAT, None),
        ("kpi.first_choice", kpis.first_choice_share, SHARE_FORMAT, None),
        ("kpi.envy", kpis.justified_envy, COUNT_FORMAT, None),
        ("kpi.min_fill_missed", kpis.min_fill_missed, COUNT_FORMAT, None),
        (
            "kpi.monthly_cost",
            result.planned.monthly_rial,
            RIAL_FORMAT,
            result.planned.monthly_toman,
        ),
        ("kpi.term_cost", result.planned.term_rial, RIAL_FORMAT, result.planned.term_toman),
        ("kpi.months", result.planned.months_per_term, COUNT_FORMAT, None),
        ("kpi.quality", report.t(f"quality.{result.allocation.status.value}"), None, None),
    ]
    top = 5
    w.header(top, labels(["summary.indicator", "summary.value", "summary.toman"], lang))
    last = top
    for key, value, fmt, tmn in figures:
        last += 1
        w.row(last, [report.t(key), value, tmn], [None, fmt, RIAL_FORMAT])

    rank_top = last + 2
    rank_rows = _rank_rows(report)
    w.put(rank_top, 1, report.t("rank.title"), bold=True)
    rank_last = w.table(
        rank_top + 1,
        labels(["rank.rank", "rank.students", "rank.share"], lang),
        rank_rows,
        [COUNT_FORMAT, COUNT_FORMAT, SHARE_FORMAT],
    )
    rank_count = sum(1 for r in rank_rows if isinstance(r[0], int))

    prio_top = rank_last + 2
    w.put(prio_top, 1, report.t("priority.title"), bold=True)
    prio_last = w.table(
        prio_top + 1,
        labels(["priority.group", "priority.eligible", "priority.placed", "priority.share"], lang),
        _priority_rows(report),
        [None, COUNT_FORMAT, COUNT_FORMAT, SHARE_FORMAT],
    )

    if result.warnings:
        warn_top = prio_last + 2
        w.put(warn_top, 1, report.t("warnings.title"), bold=True)
        for offset, issue in enumerate(result.warnings, start=1):
            w.put(warn_top + offset, 1, str(issue), fit=False)

    chart_col = 9
    fill_chart, fill_height = _fill_chart(report, w, units_sheet)
    w.ws.insert_chart(top - 1, chart_col - 1, fill_chart)
    rank_chart = _rank_chart(report, w, rank_top + 1, rank_rows[: max(rank_count, 1)])
    below = top + math.ceil(fill_height / _ROW_CM) + 2
    w.ws.insert_chart(below - 1, chart_col - 1, rank_chart)


def _rank_rows(report: RunSheets) -> list[tuple[Any, int, float]]:
    """``(rank, students, share)`` for ranks 1 … the largest placed (zeros included), and
    a row for pins outside the choices when there are any."""
    dist = report.result.allocation.rank_distribution()
    placed = report.result.allocation.placed
    rows: list[tuple[Any, int, float]] = []
    for rank in range(1, max(dist, default=1) + 1):
        count = dist.get(rank, 0)
        rows.append((rank, count, count / placed if placed else 0.0))
    outside = placed - sum(dist.values())
    if outside:
        rows.append((report.t("rank.outside"), outside, outside / placed))
    return rows


def _priority_rows(report: RunSheets) -> list[tuple[str, int, int, float | None]]:
    """Per priority group: eligible, placed, placed / eligible; then students in none."""
    kpis = report.result.kpis
    rows: list[tuple[str, int, int, float | None]] = []
    for group in PriorityGroup:
        eligible = kpis.priority_eligible.get(group.value, 0)
        placed = kpis.priority_placed.get(group.value, 0)
        if eligible or placed:
            share = placed / eligible if eligible else None
            rows.append((enum_label(group, report.lang), eligible, placed, share))
    eligible_ids = set(report.result.eligibility.eligible_ids)
    placed_ids = set(report.result.allocation.by_student)
    none = [a.student_id for a in report.problem.applicants if not a.priority_groups]
    n_eligible = sum(1 for s in none if s in eligible_ids)
    n_placed = sum(1 for s in none if s in placed_ids)
    rows.append(
        (
            report.t("priority.none"),
            n_eligible,
            n_placed,
            n_placed / n_eligible if n_eligible else None,
        )
    )
    return rows


def _px(cm: float) -> int:
    """Centimetres as screen pixels (96 per inch), the unit of a chart's size."""
    return round(cm / 2.54 * 96)


def _fill_chart(report: RunSheets, w: SheetWriter, units_sheet: str) -> tuple[Chart, float]:
    """Horizontal bars: for each unit, female and male seats asked and filled, drawn from
    the Units sheet (first unit at the top); with its height in centimetres."""
    n = len(report.problem.units)
    first = UNITS_COLUMNS.index("units.female_asked")
    name_col = UNITS_COLUMNS.index("col.unit_name")
    chart = w.book.chart({"type": "bar"})
    names = [unit_name(u, report.lang) for u in report.problem.units]
    if w.rtl:
        names = [people_text(name) for name in names]
    keys = ("units.female_asked", "units.female_filled", "units.male_asked", "units.male_filled")
    cells = {
        "units.female_asked": report.asked,
        "units.female_filled": report.filled,
        "units.male_asked": report.asked,
        "units.male_filled": report.filled,
    }
    for offset, (key, color) in enumerate(zip(keys, _FILL_COLORS, strict=True)):
        gender = Gender.female if "female" in key else Gender.male
        col = first + offset
        chart.add_series(
            {
                "name": [units_sheet, 0, col],
                "name_data": [report.t(key)],
                "categories": [units_sheet, 1, name_col, n, name_col],
                "categories_data": names,
                "values": [units_sheet, 1, col, n, col],
                "values_data": [cells[key][(u.code, gender)] for u in report.problem.units],
                "fill": {"color": "#" + color},
                "border": {"color": "#" + color},
                "gap": 60,
            }
        )
    chart.set_title({"name": report.t("chart.fill")})
    # a bar chart's x axis is the value axis: seats, numbered, crossing at the last unit
    chart.set_x_axis({"name": report.t("chart.seats"), "major_gridlines": {"visible": False}})
    chart.set_y_axis({"reverse": True, "crossing": "max"})
    chart.set_legend({"position": "bottom"})
    height = max(8.0, 0.6 * n + 3)
    chart.set_size({"width": _px(20), "height": _px(height)})
    return chart, height


def _rank_chart(
    report: RunSheets, w: SheetWriter, header_row: int, rows: list[tuple[Any, int, float]]
) -> Chart:
    """Columns: how many students got their 1st, 2nd, … choice (the Summary's table)."""
    sheet = w.ws.name
    first, last = header_row, header_row + len(rows) - 1  # 0-based rows under the header
    chart = w.book.chart({"type": "column"})
    chart.add_series(
        {
            "name": [sheet, header_row - 1, 1],
            "name_data": [report.t("rank.students")],
            "categories": [sheet, first, 0, last, 0],
            "categories_data": [r[0] for r in rows],
            "values": [sheet, first, 1, last, 1],
            "values_data": [r[1] for r in rows],
            "fill": {"color": "#2E75B6"},
        }
    )
    chart.set_title({"name": report.t("chart.rank")})
    chart.set_x_axis({"name": report.t("rank.rank")})
    chart.set_y_axis({"name": report.t("rank.students")})
    chart.set_legend({"none": True})
    chart.set_size({"width": _px(20), "height": _px(7.5)})
    return chart
