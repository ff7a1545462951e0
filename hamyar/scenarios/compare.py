"""Scenarios side by side: their key figures, the fill of every unit, and the assignment diff of
each scenario against the first (the base).

:func:`compare` is a pure function of the runs; :func:`write_comparison` writes
``comparison.xlsx`` (sheets KPIs, Units, Diff) and the same tables as CSV (``kpis.csv``,
``units.csv``, ``diff.csv``); :func:`comparison_text` is the table the command prints.

Unit fill: for unit ``u`` and gender ``g`` in scenario ``s``, ``filled = |{a ∈ assignments(s) :
a.unit = u, a.gender = g}|`` against ``seats(s, u, g)`` (seat changes make the seats differ), and
``fill % = (filled_f + filled_m) / (seats_f + seats_m)``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hamyar.io.csvfile import write_csv
from hamyar.messages import Lang, Msg, current_lang, localized, say
from hamyar.models import Gender, Problem
from hamyar.models.run import RunResult
from hamyar.reports.labels import label, labels
from hamyar.reports.xlsx_style import GAP_FORMAT
from hamyar.scenarios.diff import AssignmentDiff, assignment_diff
from hamyar.scenarios.kpitable import KpiColumn, kpi_columns, row_of
from hamyar.scenarios.xlsx import SHARE_FORMAT, new_workbook, table_sheet

DIFF_COLUMNS = (
    "scenario",
    "student_id",
    "first_name",
    "last_name",
    "change",
    "base_unit",
    "base_rank",
    "scenario_unit",
    "scenario_rank",
)
"""The diff table's columns, each ``diff.KEY`` of :data:`hamyar.reports.labels.LABELS`."""

UNIT_PARTS = ("seats_female", "filled_female", "seats_male", "filled_male", "fill")
"""The units table's columns per scenario, each ``compare.KEY`` of the labels."""


@dataclass(frozen=True)
class UnitFillRow:
    """One unit in one scenario: seats and filled per gender."""

    seats_female: int
    seats_male: int
    filled_female: int
    filled_male: int

    @property
    def fill_share(self) -> float:
        seats = self.seats_female + self.seats_male
        return (self.filled_female + self.filled_male) / seats if seats else 0.0


@dataclass(frozen=True)
class Comparison:
    """Everything a comparison shows; ``diffs[i]`` is scenario ``i + 1`` against scenario 0."""

    names: tuple[str, ...]
    results: tuple[RunResult, ...]
    columns: tuple[KpiColumn, ...]
    units: tuple[tuple[str, str, str | None], ...]
    """``(code, name_fa, name_en)`` of every unit of any scenario, in table order."""
    fill: tuple[dict[str, UnitFillRow], ...]
    diffs: tuple[AssignmentDiff, ...]


def placement(result: RunResult) -> dict[str, str]:
    """``{student_id: unit_code}`` of a run."""
    return {a.student_id: a.unit_code for a in result.allocation.assignments}


def unit_fill(problem: Problem, result: RunResult) -> dict[str, UnitFillRow]:
    filled = {(u.code, g): 0 for u in problem.units for g in Gender}
    for a in result.allocation.assignments:
        filled[(a.unit_code, a.gender)] = filled.get((a.unit_code, a.gender), 0) + 1
    return {
        u.code: UnitFillRow(
            u.female_seats,
            u.male_seats,
            filled[(u.code, Gender.female)],
            filled[(u.code, Gender.male)],
        )
        for u in problem.units
    }


def unique_names(names: Sequence[str]) -> tuple[str, ...]:
    """Names made distinct: a repeated name gets ``-2``, ``-3`` …"""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        n = seen.get(name, 0) + 1
        seen[name] = n
        out.append(name if n == 1 else f"{name}-{n}")
    return tuple(out)


def safe_folder_name(name: str) -> str:
    """A scenario name usable as a folder name (letters of any script, digits, ``-_.``)."""
    cleaned = re.sub(r"[^\w.-]+", "-", name, flags=re.UNICODE).strip("-.")
    return cleaned or "scenario"


def compare(named: Sequence[tuple[str, RunResult]]) -> Comparison:
    """Compare runs; the first is the base of every diff."""
    if not named:
        raise ValueError(Msg("scen.compare.nothing"))
    names = unique_names([n for n, _ in named])
    results = tuple(r for _, r in named)
    units: dict[str, tuple[str, str, str | None]] = {}
    for r in results:
        for u in r.problem.units:
            units.setdefault(u.code, (u.code, u.name_fa, u.name_en))
    base = placement(results[0])
    return Comparison(
        names=names,
        results=results,
        columns=kpi_columns(r.kpis for r in results),
        units=tuple(units.values()),
        fill=tuple(unit_fill(r.problem, r) for r in results),
        diffs=tuple(assignment_diff(base, placement(r)) for r in results[1:]),
    )


# ---------------------------------------------------------------------------- tables


def kpi_table(c: Comparison, lang: str) -> tuple[list[str], list[list[object]]]:
    """KPIs as rows, one column per scenario."""
    header = [label("compare.kpi", lang), *c.names]
    per_run = [row_of(c.columns, r.kpis, lang) for r in c.results]
    rows: list[list[object]] = []
    for i, col in enumerate(c.columns):
        rows.append([col.label(lang), *(values[i] for values in per_run)])
    return header, rows


def units_table(c: Comparison, lang: str) -> tuple[list[str], list[list[object]]]:
    """One row per unit; per scenario: female seats/filled, male seats/filled, fill %."""
    fa = lang == "fa"
    header = labels(["compare.unit_code", "compare.unit"], lang)
    parts = labels([f"compare.{key}" for key in UNIT_PARTS], lang)
    for name in c.names:
        header.extend(f"{name}: {part}" for part in parts)
    rows: list[list[object]] = []
    for code, name_fa, name_en in c.units:
        row: list[object] = [code, name_fa if fa else (name_en or name_fa)]
        for fill in c.fill:
            f = fill.get(code)
            if f is None:
                row.extend([None] * len(parts))
            else:
                row.extend(
                    [
                        f.seats_female,
                        f.filled_female,
                        f.seats_male,
                        f.filled_male,
                        round(f.fill_share, 4),
                    ]
                )
        rows.append(row)
    return header, rows


def diff_table(c: Comparison, lang: str) -> tuple[list[str], list[list[object]]]:
    """Every change of every scenario against the base, with names and preference ranks."""
    header = labels([f"diff.{key}" for key in DIFF_COLUMNS], lang)
    base = c.results[0]
    rows: list[list[object]] = []
    for name, result, diff in zip(c.names[1:], c.results[1:], c.diffs, strict=True):
        for ch in diff.changes:
            app = result.problem.applicant_by_id.get(ch.student_id) or (
                base.problem.applicant_by_id.get(ch.student_id)
            )
            rows.append(
                [
                    name,
                    ch.student_id,
                    app.first_name if app else None,
                    app.last_name if app else None,
                    label(f"diff.{ch.kind}", lang),
                    ch.from_unit,
                    _rank(base, ch.student_id),
                    ch.to_unit,
                    _rank(result, ch.student_id),
                ]
            )
    return header, rows


def _rank(result: RunResult, sid: str) -> int | None:
    a = result.allocation.by_student.get(sid)
    return a.preference_rank if a else None


_GAIN = "#E2EFDA"
_LOSS = "#FCE4D6"


def _with_differences(
    c: Comparison, header: list[str], rows: list[list[object]], lang: str
) -> tuple[list[str], list[list[object]]]:
    """The KPI table of the workbook: after the scenarios' columns, each scenario's difference
    from the base (the first), for the numeric figures (the CSV keeps the plain table)."""
    if len(c.names) < 2:
        return header, rows
    word = label("compare.difference", lang)
    header = [*header, *(f"{word}: {name} − {c.names[0]}" for name in c.names[1:])]
    out = []
    for row in rows:
        base = row[1]
        diffs: list[object] = []
        for value in row[2 : 1 + len(c.names)]:
            numbers = all(
                isinstance(v, int | float) and not isinstance(v, bool) for v in (base, value)
            )
            diffs.append(round(value - base, 6) if numbers else None)  # type: ignore[operator]
        out.append([*row, *diffs])
    return header, out


def kpi_differences(c: Comparison, lang: str) -> tuple[list[str], list[list[object]]]:
    """The KPI table with each scenario's difference from the base, as the workbook has it."""
    header, rows = kpi_table(c, lang)
    return _with_differences(c, header, rows, lang)


def shown(value: object, fmt: str | None = None) -> str:
    """A figure as the printed table shows it (shares as percentages)."""
    return _fmt(value, fmt)


def write_comparison(folder: Path, c: Comparison, lang: str = "fa") -> None:
    """``comparison.xlsx`` and ``kpis.csv``, ``units.csv``, ``diff.csv`` (CSV in English)."""
    book = new_workbook(folder / "comparison.xlsx")
    header, rows = kpi_table(c, lang)
    header, rows = _with_differences(c, header, rows, lang)
    kpi_formats = [col.fmt or "#,##0.##" for col in c.columns]
    w = table_sheet(book, label("sheet.kpis", lang), header, rows, lang, row_formats=kpi_formats)
    if len(c.names) > 1:  # the differences from the base: gains green, losses red
        area = (1, 1 + len(c.names), len(rows), len(header) - 1)
        for criteria, color in ((">", _GAIN), ("<", _LOSS)):
            w.ws.conditional_format(
                *area,
                {
                    "type": "cell",
                    "criteria": criteria,
                    "value": 0,
                    "format": book.format(bg_color=color),
                },
            )
    header, rows = units_table(c, lang)
    fill_cols = {2 + 5 * i + 4: SHARE_FORMAT for i in range(len(c.names))}
    table_sheet(book, label("sheet.units", lang), header, rows, lang, fill_cols)
    header, rows = diff_table(c, lang)
    table_sheet(book, label("sheet.diff", lang), header, rows, lang)
    book.close()
    for name, table in (("kpis", kpi_table), ("units", units_table), ("diff", diff_table)):
        header, rows = table(c, "en")
        write_csv(folder / f"{name}.csv", header, rows)


def comparison_text(c: Comparison, lang: Lang | None = None) -> str:
    """The printed table, in ``lang`` (the current language by default): KPIs side by side,
    then the diff counts against the base."""
    lang = lang or current_lang()
    header, rows = kpi_table(c, lang)
    shown: list[list[str]] = [
        [str(row[0]), *(localized(_fmt(v, col.fmt), lang) for v in row[1:])]
        for row, col in zip(rows, c.columns, strict=True)
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(header, *shown, strict=True)]
    lines = ["  ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=True))]
    for row in shown:
        cells = [row[0].ljust(widths[0])]
        cells += [v.rjust(w) for v, w in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells))
    for name, diff in zip(c.names[1:], c.diffs, strict=True):
        n = diff.counts()
        lines.append(
            say(
                "scen.compare.counts",
                lang=lang,
                name=name,
                base=c.names[0],
                gained=n["gained"],
                lost=n["lost"],
                moved=n["moved"],
                unchanged=diff.unchanged,
            )
        )
    return "\n".join(lines)


def _fmt(value: object, fmt: str | None = None) -> str:
    if value is None:
        return ""
    if fmt in (SHARE_FORMAT, GAP_FORMAT) and isinstance(value, int | float):
        return f"{value:.1%}"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1 else f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
