"""``allocation.xlsx``: the workbook planners, unit heads and auditors open.

Sheets, in this order (names and headers in Persian, or English with ``lang="en"``):

* **Summary** — title, term, run date (Jalali; the one date cell of the workbook);
  the key figures of :class:`~hamyar.models.kpis.Kpis` (costs in rial with toman beside);
  the rank distribution (``share = students at rank r / placed``); placements per priority
  group (``share placed = placed / eligible``); the objective stages (value, bound,
  ``gap = |bound − value| / max(1, |bound|)``, status, time); the readers' warnings; and two
  native bar charts: seats asked vs filled per unit and gender (drawn from the Units sheet)
  and the rank distribution.
* **Assignments** — one row per placed student, by unit (in the order of the units table)
  then surname (Persian alphabetical order).
* **Units** — per unit: female and male seats asked and filled,
  ``fill % = (filled_f + filled_m) / (asked_f + asked_m)``, planned monthly and term cost; a
  total row under the table.
* **Unassigned** — each eligible student left without a seat, highest priority score first,
  with the optimizer's explanation (one line per asked-for unit).
* **Eligibility** — each applicant in input order: eligible or not, the rule IDs by severity,
  the units left open and closed, and every reason's message.
* **Payments** — the planned cost per student and per unit with totals
  (:class:`~hamyar.payments.planned.PlannedCost`; toman = rial // 10 of each figure).
* **Policy** — the term, every policy parameter as used (``policy.model_dump(mode="json")``
  flattened to dotted keys, with the rule it belongs to and assumptions marked), the sha256 of
  every input, the version and the time of each stage.

Every table sheet has a frozen header row and an auto-filter over its table (the Summary,
which holds several small tables, freezes its title lines instead). Amounts are numbers with
thousands separators; text from the input is never stored as a formula
(:mod:`hamyar.reports.xlsx_style`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import jdatetime
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.worksheet.worksheet import Worksheet

from hamyar import __version__
from hamyar.models import (
    ASSUMPTIONS,
    Applicant,
    Assignment,
    Gender,
    JalaliDate,
    PriorityGroup,
    Problem,
    Reason,
    Unit,
)
from hamyar.models.pay import multiplier, planned_hours, planned_monthly_pay_rial, toman
from hamyar.models.run import RunResult
from hamyar.reports.labels import (
    ASSUMPTIONS_FA,
    PARAMETER_RULES,
    date_label,
    enum_label,
    label,
    labels,
    month_label,
    stage_label,
    term_label,
    yes_no,
)
from hamyar.reports.xlsx_style import (
    COUNT_FORMAT,
    DECIMAL_FORMAT,
    GAP_FORMAT,
    RIAL_FORMAT,
    SECONDS_FORMAT,
    SHARE_FORMAT,
    SheetWriter,
    sort_key,
)
from hamyar.text import Lang, check_lang

SHEETS: tuple[str, ...] = (
    "summary",
    "assignments",
    "units",
    "unassigned",
    "eligibility",
    "payments",
    "policy",
)
"""Sheet keys in workbook order; ``label(f"sheet.{key}", lang)`` is the sheet's name."""

UNITS_COLUMNS: tuple[str, ...] = (
    "col.unit_code",
    "col.unit_name",
    "col.area",
    "units.female_asked",
    "units.female_filled",
    "units.male_asked",
    "units.male_filled",
    "units.total_asked",
    "units.total_filled",
    "units.fill",
    "units.cost_monthly",
    "units.cost_monthly_toman",
    "units.cost_term",
    "units.cost_term_toman",
)
ASSIGNMENT_COLUMNS: tuple[str, ...] = (
    "col.unit_code",
    "col.unit_name",
    "col.student_id",
    "col.first_name",
    "col.last_name",
    "col.gender",
    "col.degree",
    "col.field",
    "col.rank",
    "col.priority_score",
    "col.pinned",
    "col.hours",
    "col.rate",
    "col.multiplier",
    "col.monthly_rial",
    "col.monthly_toman",
)
UNASSIGNED_COLUMNS: tuple[str, ...] = (
    "col.student_id",
    "col.first_name",
    "col.last_name",
    "col.gender",
    "col.degree",
    "col.field",
    "col.gpa",
    "col.priority_score",
    "col.priority_groups",
    "unassigned.choices",
    "unassigned.explanation",
)
ELIGIBILITY_COLUMNS: tuple[str, ...] = (
    "col.student_id",
    "col.first_name",
    "col.last_name",
    "col.gender",
    "col.degree",
    "col.field",
    "col.gpa",
    "elig.semesters",
    "elig.eligible",
    "elig.blocking",
    "elig.warnings",
    "elig.notes",
    "elig.open_units",
    "elig.closed_units",
    "elig.messages",
)
PAYMENT_COLUMNS: tuple[str, ...] = (
    "col.student_id",
    "col.first_name",
    "col.last_name",
    "col.unit_code",
    "col.degree",
    "col.hours",
    "col.rate",
    "col.multiplier",
    "col.monthly_rial",
    "col.monthly_toman",
    "col.term_rial",
    "col.term_toman",
)
PAYMENT_UNIT_COLUMNS: tuple[str, ...] = (
    "col.unit_code",
    "col.unit_name",
    "col.students",
    "col.monthly_rial",
    "col.monthly_toman",
    "col.term_rial",
    "col.term_toman",
)
POLICY_COLUMNS: tuple[str, ...] = (
    "policy.section",
    "policy.parameter",
    "policy.value",
    "policy.rule",
    "policy.note",
)

_FILL_COLORS = ("F4B6C2", "C2185B", "9DC3E6", "1F4E79")
"""Female asked, female filled, male asked, male filled."""
_ROW_CM = 0.53
"""Height of a default spreadsheet row (15 pt) in centimetres, to stack the charts."""


def write_workbook(
    path: Path, result: RunResult, lang: str = "fa", *, run_date: JalaliDate | None = None
) -> None:
    """Write ``allocation.xlsx`` for ``result`` in ``lang`` (``"fa"`` or ``"en"``).

    ``run_date`` is the Jalali date printed on the Summary (today when not given).
    """
    language = check_lang(lang)
    if run_date is None:
        run_date = JalaliDate.parse(jdatetime.date.today())
    wb = Workbook()
    if wb.active is not None:
        wb.remove(wb.active)
    sheets = {key: wb.create_sheet(label(f"sheet.{key}", language)) for key in SHEETS}
    rtl = language == "fa"
    writers = {key: SheetWriter(ws, rtl) for key, ws in sheets.items()}
    report = _Report(result, language)
    report.units_sheet(writers["units"])
    report.summary_sheet(writers["summary"], run_date, sheets["units"])
    report.assignments_sheet(writers["assignments"])
    report.unassigned_sheet(writers["unassigned"])
    report.eligibility_sheet(writers["eligibility"])
    report.payments_sheet(writers["payments"])
    report.policy_sheet(writers["policy"])
    for writer in writers.values():
        writer.fit_columns()
    wb.active = 0
    wb.save(path)


def unit_name(unit: Unit, lang: str) -> str:
    """The unit's Persian name in Persian, its English name (or the Persian) in English."""
    return unit.name_fa if lang == "fa" else unit.display_name


def surname_key(app: Applicant) -> tuple[Any, ...]:
    """Order of students within a unit: surname, first name (Persian order), student ID."""
    return (sort_key(app.last_name), sort_key(app.first_name), app.student_id)


def flatten(data: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """``{"a": {"b": 1}, "c": [1, 2]}`` → ``[("a.b", 1), ("c", "1, 2")]``: nested mappings
    become dotted keys, a list of plain values one comma-joined value, a list of mappings
    ``key[i].field`` rows; an empty mapping or list is one empty value."""
    if isinstance(data, dict):
        if not data:
            return [(prefix, None)]
        rows: list[tuple[str, Any]] = []
        for key, value in data.items():
            rows.extend(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return rows
    if isinstance(data, list | tuple):
        if not data:
            return [(prefix, None)]
        if all(not isinstance(v, dict | list | tuple) for v in data):
            return [(prefix, ", ".join(str(v) for v in data))]
        rows = []
        for index, value in enumerate(data):
            rows.extend(flatten(value, f"{prefix}[{index}]"))
        return rows
    return [(prefix, data)]


def _policy_value(value: Any, lang: str) -> Any:
    """A policy value for its cell: booleans in words, decimal strings as numbers."""
    if value is None:
        return None
    if isinstance(value, bool):
        return yes_no(value, lang)
    if isinstance(value, str):
        try:
            number = Decimal(value)
        except ArithmeticError:
            return value
        if number.is_finite() and value.strip() == value:
            return int(number) if number == number.to_integral_value() else float(number)
    return value


def _reason_text(reason: Reason, lang: str) -> str:
    """``E4: message``; a Persian message that already names its rule is kept as it is."""
    message = reason.message_fa if lang == "fa" else reason.message_en
    if lang == "fa" and reason.rule in message:
        return message
    return f"{reason.rule}: {message}"


def _rules(reasons: Iterable[Reason], severity: str) -> str:
    return ";".join(dict.fromkeys(r.rule for r in reasons if r.severity == severity))


def _codes(ranks: dict[str, int]) -> str:
    """``{code: rank}`` as ``code:rank`` items in rank order."""
    return "; ".join(f"{c}:{r}" for c, r in sorted(ranks.items(), key=lambda cr: (cr[1], cr[0])))


class _Report:
    """The sheets of one run in one language."""

    def __init__(self, result: RunResult, lang: Lang) -> None:
        self.result = result
        self.lang = lang
        self.problem: Problem = result.problem
        self.unit_order = {u.code: i for i, u in enumerate(self.problem.units)}
        self.costs = result.planned.by_student()
        self.unit_costs = result.planned.by_unit()
        self.assignments = sorted(
            result.allocation.assignments,
            key=lambda a: (
                self.unit_order.get(a.unit_code, len(self.unit_order)),
                a.unit_code,
                surname_key(self.problem.applicant_by_id[a.student_id]),
            ),
        )
        self.filled = {(u.code, g): 0 for u in self.problem.units for g in Gender}
        for a in result.allocation.assignments:
            self.filled[(a.unit_code, a.gender)] = self.filled.get((a.unit_code, a.gender), 0) + 1
        self.asked = {(u.code, g): u.seats(g) for u in self.problem.units for g in Gender}
        for f in result.allocation.fill:
            self.asked[(f.unit_code, f.gender)] = f.seats

    def t(self, key: str) -> str:
        return label(key, self.lang)

    def app(self, sid: str) -> Applicant:
        return self.problem.applicant_by_id[sid]

    # ------------------------------------------------------------------ Summary
    def summary_sheet(self, w: SheetWriter, run_date: JalaliDate, units_ws: Worksheet) -> None:
        result, kpis, lang = self.result, self.result.kpis, self.lang
        w.title(1, f"{self.t('summary.title')} — {self.problem.name}")
        w.row(2, [self.t("summary.term"), term_label(self.problem.term, lang)], bold=False)
        w.row(3, [self.t("summary.run_date"), date_label(run_date, lang)])
        w.ws.freeze_panes = "A4"
        eligible = set(result.eligibility.eligible_ids)
        unassigned = len(eligible - set(result.allocation.by_student))
        gap = max((s.gap for s in result.allocation.stages), default=kpis.gap)
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
            ("kpi.unassigned", unassigned, COUNT_FORMAT, None),
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
            ("kpi.status", enum_label(result.allocation.status, lang), None, None),
            ("kpi.gap", gap, GAP_FORMAT, None),
            ("kpi.solve_time", kpis.solve_time_s, SECONDS_FORMAT, None),
        ]
        top = 5
        w.header(top, labels(["summary.indicator", "summary.value", "summary.toman"], lang))
        last = top
        for key, value, fmt, tmn in figures:
            last += 1
            w.row(last, [self.t(key), value, tmn], [None, fmt, RIAL_FORMAT])

        rank_top = last + 2
        rank_rows = self._rank_rows()
        w.put(rank_top, 1, self.t("rank.title"), bold=True)
        rank_last = w.table(
            rank_top + 1,
            labels(["rank.rank", "rank.students", "rank.share"], lang),
            rank_rows,
            [COUNT_FORMAT, COUNT_FORMAT, SHARE_FORMAT],
        )
        rank_count = sum(1 for r in rank_rows if isinstance(r[0], int))

        prio_top = rank_last + 2
        w.put(prio_top, 1, self.t("priority.title"), bold=True)
        prio_last = w.table(
            prio_top + 1,
            labels(
                ["priority.group", "priority.eligible", "priority.placed", "priority.share"], lang
            ),
            self._priority_rows(),
            [None, COUNT_FORMAT, COUNT_FORMAT, SHARE_FORMAT],
        )

        stage_top = prio_last + 2
        w.put(stage_top, 1, self.t("stage.title"), bold=True)
        stage_rows = [
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
        stage_last = w.table(
            stage_top + 1,
            labels(
                [
                    "stage.name",
                    "stage.value",
                    "stage.bound",
                    "stage.gap",
                    "stage.status",
                    "stage.method",
                    "stage.time",
                ],
                lang,
            ),
            stage_rows,
            [None, DECIMAL_FORMAT, DECIMAL_FORMAT, GAP_FORMAT, None, None, SECONDS_FORMAT],
        )
        if result.warnings:
            warn_top = stage_last + 2
            w.put(warn_top, 1, self.t("warnings.title"), bold=True)
            for offset, issue in enumerate(result.warnings, start=1):
                w.put(warn_top + offset, 1, str(issue), fit=False)

        chart_col = 9
        fill_chart = self._fill_chart(units_ws)
        anchor = w.ws.cell(row=top, column=chart_col).coordinate
        w.ws.add_chart(fill_chart, anchor)
        rank_chart = self._rank_chart(w.ws, rank_top + 1, rank_count)
        below = top + math.ceil(float(fill_chart.height) / _ROW_CM) + 2
        w.ws.add_chart(rank_chart, w.ws.cell(row=below, column=chart_col).coordinate)

    def _rank_rows(self) -> list[tuple[Any, int, float]]:
        """``(rank, students, share)`` for ranks 1 … the largest placed (zeros included), and
        a row for pins outside the choices when there are any."""
        dist = self.result.allocation.rank_distribution()
        placed = self.result.allocation.placed
        rows: list[tuple[Any, int, float]] = []
        for rank in range(1, max(dist, default=1) + 1):
            count = dist.get(rank, 0)
            rows.append((rank, count, count / placed if placed else 0.0))
        outside = placed - sum(dist.values())
        if outside:
            rows.append((self.t("rank.outside"), outside, outside / placed))
        return rows

    def _priority_rows(self) -> list[tuple[str, int, int, float | None]]:
        """Per priority group: eligible, placed, placed / eligible; then students in none."""
        kpis = self.result.kpis
        rows: list[tuple[str, int, int, float | None]] = []
        for group in PriorityGroup:
            eligible = kpis.priority_eligible.get(group.value, 0)
            placed = kpis.priority_placed.get(group.value, 0)
            if eligible or placed:
                share = placed / eligible if eligible else None
                rows.append((enum_label(group, self.lang), eligible, placed, share))
        eligible_ids = set(self.result.eligibility.eligible_ids)
        placed_ids = set(self.result.allocation.by_student)
        none = [a.student_id for a in self.problem.applicants if not a.priority_groups]
        n_eligible = sum(1 for s in none if s in eligible_ids)
        n_placed = sum(1 for s in none if s in placed_ids)
        rows.append(
            (
                self.t("priority.none"),
                n_eligible,
                n_placed,
                n_placed / n_eligible if n_eligible else None,
            )
        )
        return rows

    def _fill_chart(self, units_ws: Worksheet) -> BarChart:
        """Horizontal bars: for each unit, female and male seats asked and filled, drawn from
        the Units sheet (first unit at the top)."""
        n = len(self.problem.units)
        first = UNITS_COLUMNS.index("units.female_asked") + 1
        chart = BarChart()
        chart.type = "bar"
        chart.grouping = "clustered"
        chart.title = self.t("chart.fill")
        chart.y_axis.title = self.t("chart.seats")
        data = Reference(units_ws, min_col=first, max_col=first + 3, min_row=1, max_row=1 + n)
        chart.add_data(data, titles_from_data=True)
        name_col = UNITS_COLUMNS.index("col.unit_name") + 1
        chart.set_categories(Reference(units_ws, min_col=name_col, min_row=2, max_row=1 + n))
        for series, color in zip(chart.series, _FILL_COLORS, strict=False):
            series.graphicalProperties.solidFill = color
            series.graphicalProperties.line.solidFill = color
        chart.x_axis.scaling.orientation = "maxMin"
        chart.y_axis.crosses = "max"
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.y_axis.majorGridlines = None
        chart.gapWidth = 60
        chart.width = 20
        chart.height = max(8.0, 0.6 * n + 3)
        chart.legend.position = "b"
        return chart

    def _rank_chart(self, ws: Worksheet, header_row: int, count: int) -> BarChart:
        """Columns: how many students got their 1st, 2nd, … choice (the Summary's table)."""
        chart = BarChart()
        chart.type = "col"
        chart.title = self.t("chart.rank")
        chart.x_axis.title = self.t("rank.rank")
        chart.y_axis.title = self.t("rank.students")
        data = Reference(ws, min_col=2, min_row=header_row, max_row=header_row + max(count, 1))
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(
            Reference(ws, min_col=1, min_row=header_row + 1, max_row=header_row + max(count, 1))
        )
        chart.series[0].graphicalProperties.solidFill = "2E75B6"
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.legend = None
        chart.width = 20
        chart.height = 7.5
        return chart

    # ------------------------------------------------------------------ Units
    def units_sheet(self, w: SheetWriter) -> None:
        rows: list[list[Any]] = []
        totals = [0] * 6
        cost_totals = [0, 0]
        for unit in self.problem.units:
            fa = self.asked[(unit.code, Gender.female)]
            ff = self.filled[(unit.code, Gender.female)]
            ma = self.asked[(unit.code, Gender.male)]
            mf = self.filled[(unit.code, Gender.male)]
            cost = self.unit_costs.get(unit.code)
            monthly = cost.monthly_rial if cost else 0
            term = cost.term_rial if cost else 0
            for i, v in enumerate((fa, ff, ma, mf, fa + ma, ff + mf)):
                totals[i] += v
            cost_totals[0] += monthly
            cost_totals[1] += term
            rows.append(
                [
                    unit.code,
                    unit_name(unit, self.lang),
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
            1, labels(UNITS_COLUMNS, self.lang), rows, formats, freeze=True, auto_filter=True
        )
        asked, filled = totals[4], totals[5]
        w.row(
            last + 1,
            [
                self.t("col.total"),
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

    # ------------------------------------------------------------------ Assignments
    def assignments_sheet(self, w: SheetWriter) -> None:
        lang = self.lang
        rows = []
        for a in self.assignments:
            app = self.app(a.student_id)
            unit = self.problem.unit_by_code[a.unit_code]
            hours, rate, mult, monthly = self._pay(a, app, unit)
            rows.append(
                [
                    unit.code,
                    unit_name(unit, lang),
                    app.student_id,
                    app.first_name,
                    app.last_name,
                    enum_label(app.gender, lang),
                    enum_label(app.degree, lang),
                    app.field,
                    a.preference_rank,
                    a.priority_score,
                    yes_no(a.pinned, lang),
                    hours,
                    rate,
                    mult,
                    monthly,
                    toman(monthly),
                ]
            )
        formats = [None] * 11 + [DECIMAL_FORMAT, RIAL_FORMAT, DECIMAL_FORMAT, *[RIAL_FORMAT] * 2]
        w.table(1, labels(ASSIGNMENT_COLUMNS, lang), rows, formats, freeze=True, auto_filter=True)

    def _pay(self, a: Assignment, app: Applicant, unit: Unit) -> tuple[Decimal, int, Decimal, int]:
        """Hours, hourly rate, multiplier and monthly pay of a placed student (the planned
        cost's figures; the policy's when the planned cost does not list the student)."""
        cost = self.costs.get(a.student_id)
        if cost is not None:
            return cost.hours_per_month, cost.hourly_rate_rial, cost.multiplier, cost.monthly_rial
        policy = self.problem.policy
        return (
            planned_hours(unit, policy),
            policy.rate_for(app.degree),
            multiplier(app.married, policy),
            planned_monthly_pay_rial(app, unit, policy),
        )

    # ------------------------------------------------------------------ Unassigned
    def unassigned_sheet(self, w: SheetWriter) -> None:
        lang = self.lang
        placed = self.result.allocation.by_student
        explanations = {e.student_id: e for e in self.result.allocation.explanations}
        left = [
            self.app(sid)
            for sid in self.result.eligibility.eligible_ids
            if sid not in placed and sid in self.problem.applicant_by_id
        ]
        policy = self.problem.policy
        left.sort(key=lambda a: (-policy.priority_score(a.priority_groups), -a.gpa, surname_key(a)))
        rows = []
        for app in left:
            ranks = self.problem.preference_ranks.get(app.student_id, {})
            exp = explanations.get(app.student_id)
            if exp is not None and exp.units:
                text = "\n".join(
                    f"{u.unit_code}: {u.message_fa if lang == 'fa' else u.message_en}"
                    for u in exp.units
                )
            else:
                text = self.t("unassigned.none")
            rows.append(
                [
                    app.student_id,
                    app.first_name,
                    app.last_name,
                    enum_label(app.gender, lang),
                    enum_label(app.degree, lang),
                    app.field,
                    app.gpa,
                    policy.priority_score(app.priority_groups),
                    "، ".join(enum_label(g, lang) for g in app.priority_groups)
                    if lang == "fa"
                    else ", ".join(enum_label(g, lang) for g in app.priority_groups),
                    _codes(ranks),
                    text,
                ]
            )
        w.wrap_cap[len(UNASSIGNED_COLUMNS)] = 90
        w.table(
            1,
            labels(UNASSIGNED_COLUMNS, lang),
            rows,
            [None] * 6 + ["0.00", COUNT_FORMAT],
            freeze=True,
            auto_filter=True,
        )

    # ------------------------------------------------------------------ Eligibility
    def eligibility_sheet(self, w: SheetWriter) -> None:
        lang = self.lang
        by_id = self.result.eligibility.by_id
        rows = []
        for app in self.problem.applicants:
            item = by_id.get(app.student_id)
            if item is None:
                rows.append(
                    [
                        app.student_id,
                        app.first_name,
                        app.last_name,
                        enum_label(app.gender, lang),
                        enum_label(app.degree, lang),
                        app.field,
                        app.gpa,
                    ]
                )
                continue
            closed_reasons = [r for c in item.closed_units for r in c.reasons]
            every = [*item.reasons, *closed_reasons]
            messages = [_reason_text(r, lang) for r in item.reasons]
            for closure in item.closed_units:
                texts = "؛ ".join(_reason_text(r, lang) for r in closure.reasons)
                messages.append(f"{self.t('elig.unit')} {closure.unit_code}: {texts}")
            rows.append(
                [
                    app.student_id,
                    app.first_name,
                    app.last_name,
                    enum_label(app.gender, lang),
                    enum_label(app.degree, lang),
                    app.field,
                    app.gpa,
                    item.semesters_passed,
                    yes_no(item.eligible, lang),
                    _rules(item.reasons, "error"),
                    _rules(every, "warning"),
                    _rules(every, "info"),
                    _codes(item.admissible_units),
                    _codes({c.unit_code: c.rank for c in item.closed_units}),
                    "\n".join(messages),
                ]
            )
        w.wrap_cap[len(ELIGIBILITY_COLUMNS)] = 90
        w.table(
            1,
            labels(ELIGIBILITY_COLUMNS, lang),
            rows,
            [None] * 6 + ["0.00", COUNT_FORMAT],
            freeze=True,
            auto_filter=True,
        )

    # ------------------------------------------------------------------ Payments
    def payments_sheet(self, w: SheetWriter) -> None:
        lang, planned = self.lang, self.result.planned
        rows = []
        for a in self.assignments:
            cost = self.costs.get(a.student_id)
            if cost is None:
                continue
            app = self.app(a.student_id)
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
        last = w.table(
            1, labels(PAYMENT_COLUMNS, lang), rows, formats, freeze=True, auto_filter=True
        )
        money = [planned.monthly_rial, planned.monthly_toman, planned.term_rial, planned.term_toman]
        w.row(last + 1, [self.t("col.total"), *[None] * 7, *money], formats, total=True)

        top = last + 3
        w.put(top, 1, self.t("pay.per_unit"), bold=True)
        unit_rows = []
        for ucost in planned.units:
            unit = self.problem.unit_by_code.get(ucost.unit_code)
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
            [self.t("col.total"), None, len(planned.students), *money],
            unit_formats,
            total=True,
        )
        months = self._term_months()
        w.put(unit_last + 3, 1, self.t("pay.months"), bold=True)
        w.put(unit_last + 3, 2, months, fit=False)

    def _term_months(self) -> str:
        policy = self.problem.policy
        months = self.problem.term.months(
            policy.months_per_term, policy.semester1_start_month, policy.semester2_start_month
        )
        separator = "، " if self.lang == "fa" else ", "
        return separator.join(month_label(m, self.lang) for m in months)

    # ------------------------------------------------------------------ Policy
    def policy_sheet(self, w: SheetWriter) -> None:
        lang, problem = self.lang, self.problem
        policy = problem.policy
        rows: list[Sequence[Any]] = []
        term = self.t("section.term")
        start = problem.term.start(policy.semester1_start_month, policy.semester2_start_month)
        rows.append((term, self.t("term.term"), term_label(problem.term, lang), None, None))
        rows.append((term, self.t("term.start"), date_label(start, lang), "E1", None))
        rows.append((term, self.t("term.months"), self._term_months(), "P3", None))
        section = self.t("section.policy")
        for key, value in flatten(policy.model_dump(mode="json")):
            top = key.split(".")[0].split("[")[0]
            rows.append(
                (
                    section,
                    key,
                    _policy_value(value, lang),
                    PARAMETER_RULES.get(top),
                    self._note(key),
                )
            )
        section = self.t("section.input")
        for name, digest in self.result.input_hashes.items():
            rows.append((section, name, digest, None, None))
        section = self.t("section.run")
        rows.append((section, self.t("run.version"), __version__, None, None))
        rows.append((section, self.t("run.name"), problem.name, None, None))
        for stage, seconds in self.result.timings.items():
            rows.append(
                (section, f"{self.t('run.timing')}: {stage}", round(seconds, 4), None, None)
            )
        w.wrap_cap[len(POLICY_COLUMNS)] = 70
        w.table(1, labels(POLICY_COLUMNS, lang), rows, freeze=True, auto_filter=True)

    def _note(self, key: str) -> str | None:
        """``Assumption: …`` when the parameter is one of :data:`hamyar.models.ASSUMPTIONS`."""
        for name, text in ASSUMPTIONS.items():
            if key == name or key.startswith(name + "."):
                words = ASSUMPTIONS_FA.get(name, text) if self.lang == "fa" else text
                return f"{self.t('policy.assumption')}: {words}"
        return None
