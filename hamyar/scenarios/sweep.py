"""Parameter sweeps: one scenario run at every point of a grid of policy values.

``--param KEY=START:STOP:STEP`` gives ``START, START + STEP, …`` up to and including ``STOP``
(exact decimal arithmetic: ``13.5:15.5:0.5`` is five points); ``--param KEY=A,B,C`` lists the
values (numbers, ``true``/``false`` or words); several ``--param`` make the cartesian product
``P_1 × P_2 × …``, the first varying slowest. ``KEY`` is any policy key, dotted for a mapping
(``min_gpa.bachelor_continuous``, ``priority_weights.welfare``).

Each point is the scenario's problem with its policy changed by the point's values (a new copy,
the scenario left as it is). A point whose run fails is kept, with its error, so one bad point
never hides the others.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation, localcontext
from pathlib import Path
from typing import Any

from hamyar.errors import HamyarError, InputError, Issue
from hamyar.io.csvfile import write_csv
from hamyar.messages import Msg
from hamyar.models import Problem
from hamyar.models.bounds import SWEEP_DECIMALS, SWEEP_MAGNITUDE
from hamyar.models.kpis import Kpis
from hamyar.optimizer.params import SolverParams
from hamyar.pipeline import run_problem
from hamyar.pipeline.record import RunRecord, run_record
from hamyar.reports.labels import label, labels
from hamyar.reports.persian_text import people_text
from hamyar.reports.policy_words import key_label
from hamyar.scenarios.inputs import apply_overrides
from hamyar.scenarios.kpitable import formats_of, kpi_columns, row_of
from hamyar.scenarios.xlsx import new_workbook, table_sheet

MAX_POINTS = 10_000
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_\-]+)*$")
_RANGE_PARTS = 3


@dataclass(frozen=True)
class SweepParam:
    """One swept policy key and its values, in order."""

    key: str
    values: tuple[Any, ...]


@dataclass(frozen=True)
class SweepPoint:
    """The values of one grid point and its run's key figures (or the error that stopped it)."""

    values: dict[str, Any]
    kpis: Kpis | None
    error: str | None = None
    record: RunRecord | None = field(default=None, compare=False, repr=False)
    """What the workspace keeps of the point's run (``None`` for a failed point)."""

    @property
    def label(self) -> str:
        """``key=value; …``: the point as written on the command line."""
        return "; ".join(f"{k}={show(v)}" for k, v in self.values.items())

    @property
    def short_label(self) -> str:
        """``value / …``: the point on a chart's axis (the keys are in the axis title)."""
        return " / ".join(show(v) for v in self.values.values())


def show(value: Any) -> str:
    """A swept value as written: ``14`` rather than ``14.0``, ``true`` for ``True``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


class OutOfBounds(ValueError):
    """A number a sweep cannot hold (:data:`SWEEP_MAGNITUDE`, :data:`SWEEP_DECIMALS`)."""


def _number(text: str) -> Decimal:
    """A finite number within ±10¹⁵ with at most 12 decimal places, exactly as written."""
    word = text.strip()
    try:
        value = Decimal(word)
    except InvalidOperation:
        raise ValueError(Msg("scen.sweep.not_a_number", word=repr(word))) from None
    if not value.is_finite():
        raise ValueError(Msg("scen.sweep.not_finite", word=repr(word)))
    if value.adjusted() >= len(str(SWEEP_MAGNITUDE)) or abs(value) > SWEEP_MAGNITUDE:
        raise OutOfBounds(Msg("scen.sweep.beyond", word=repr(word), most=SWEEP_MAGNITUDE))
    exponent = value.as_tuple().exponent
    if value and isinstance(exponent, int) and exponent < -SWEEP_DECIMALS:
        raise OutOfBounds(Msg("scen.sweep.decimals", word=repr(word), most=SWEEP_DECIMALS))
    return value


def _scalar(text: str) -> Any:
    """``15`` → 15, ``14.5`` → Decimal, ``true``/``false`` → bool, anything else stays text."""
    word = text.strip()
    if word.lower() in ("true", "false"):
        return word.lower() == "true"
    try:
        value = _number(word)
    except OutOfBounds:
        raise
    except ValueError:
        return word
    return int(value) if value == value.to_integral_value() and "." not in word else value


def decimal_range(start: Decimal, stop: Decimal, step: Decimal) -> list[Decimal]:
    """``start, start + step, …, ≤ stop`` exactly: ``⌊(stop − start) / step⌋ + 1`` values."""
    if step <= 0:
        raise ValueError(Msg("scen.sweep.step", step=show(step)))
    if stop < start:
        raise ValueError(Msg("scen.sweep.stop", stop=show(stop), start=show(start)))
    with localcontext(prec=2 * len(str(SWEEP_MAGNITUDE)) + SWEEP_DECIMALS + 2):
        count = int((stop - start) // step) + 1
    if count > MAX_POINTS:
        raise ValueError(Msg("scen.sweep.values", count=count, most=MAX_POINTS))
    return [start + i * step for i in range(count)]


def parse_param(text: str) -> SweepParam:
    """``KEY=START:STOP:STEP``, ``KEY=A,B,C`` or ``KEY=A``; ``ValueError`` says what is wrong."""
    if "=" not in text:
        raise ValueError(Msg("scen.sweep.form", text=repr(text)))
    key, _, spec = text.partition("=")
    key = key.strip()
    if not _KEY.match(key):
        raise ValueError(Msg("scen.sweep.not_a_key", key=repr(key)))
    spec = spec.strip()
    if not spec:
        raise ValueError(Msg("scen.sweep.no_values", key=key))
    if ":" in spec:
        parts = spec.split(":")
        if len(parts) != _RANGE_PARTS:
            raise ValueError(Msg("scen.sweep.range", spec=repr(spec)))
        start, stop, step = (_number(p) for p in parts)
        values = decimal_range(start, stop, step)
        integral = all(
            v == v.to_integral_value() and "." not in p
            for v, p in zip((start, stop, step), parts, strict=True)
        )
        return SweepParam(key, tuple(int(v) if integral else v for v in values))
    items = [s for s in spec.split(",")]
    if any(not s.strip() for s in items):
        raise ValueError(Msg("scen.sweep.empty", spec=repr(spec)))
    return SweepParam(key, tuple(_scalar(s) for s in items))


def grid(params: Sequence[SweepParam]) -> list[dict[str, Any]]:
    """The cartesian product of the values, the first parameter varying slowest."""
    keys = [p.key for p in params]
    if len(set(keys)) != len(keys):
        twice = tuple(k for k in keys if keys.count(k) > 1)
        raise ValueError(Msg("scen.sweep.twice", keys=twice))
    size = 1
    for p in params:
        size *= len(p.values)
    if size > MAX_POINTS:
        raise ValueError(Msg("scen.sweep.grid", size=size, most=MAX_POINTS))
    return [
        dict(zip(keys, combo, strict=True))
        for combo in itertools.product(*(p.values for p in params))
    ]


def point_problems(problem: Problem, points: Sequence[dict[str, Any]]) -> list[Problem]:
    """The problem of every point (policy changed, a new copy each), all checked before any
    run: an unknown key or a bad value is an :class:`InputError` at ``--param:KEY``."""
    problems = []
    issues: list[Issue] = []
    for point in points:
        try:
            policy = apply_overrides(problem.policy, point, None, "--param", prefix="")
        except InputError as exc:
            for issue in exc.issues:
                if issue not in issues:
                    issues.append(issue)
            continue
        problems.append(
            Problem.create(
                problem.applicants,
                problem.units,
                problem.rejections,
                policy,
                problem.term,
                problem.name,
            )
        )
    if issues:
        raise InputError(issues)
    return problems


def run_points(
    points: Sequence[dict[str, Any]],
    problems: Sequence[Problem],
    *,
    time_limit_s: float | None = None,
    solver: SolverParams | None = None,
    input_hashes: Mapping[str, str] | None = None,
    each: Callable[[SweepPoint], None] | None = None,
) -> list[SweepPoint]:
    """Run the problem of every point, in order; a point whose run fails keeps its error.
    ``input_hashes`` are the scenario's, kept in each point's record."""
    results = []
    for values, p in zip(points, problems, strict=True):
        try:
            result = run_problem(
                p, input_hashes=input_hashes, time_limit_s=time_limit_s, solver=solver
            )
            point = SweepPoint(values, result.kpis, record=run_record(result))
        except HamyarError as exc:
            lines = str(exc).splitlines() or [type(exc).__name__]
            point = SweepPoint(values, None, " | ".join(lines[:3]))
        except Exception as exc:  # a solver failure at one point must not lose the others
            point = SweepPoint(values, None, f"{type(exc).__name__}: {exc}")
        if each is not None:
            each(point)
        results.append(point)
    return results


# ---------------------------------------------------------------------------- outputs

CHARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("chart.placements", ("eligible", "placed", "placed_female", "placed_male")),
    ("chart.first_choice", ("first_choice_share",)),
    ("chart.term_cost", ("term_cost_rial",)),
    ("chart.envy", ("justified_envy",)),
)
"""Each chart's title (a key of :data:`hamyar.reports.labels.LABELS`) and the columns it draws."""


def sweep_table(
    params: Sequence[SweepParam], points: Sequence[SweepPoint], lang: str
) -> tuple[list[str], list[list[object]], list[str]]:
    """Header, rows and column keys: point number, its values (``14 / soft``), each swept value
    in its own column, the KPIs, and the error of a failed point."""
    columns = kpi_columns(p.kpis for p in points)
    header = labels(["sweep.point", "sweep.values"], lang)
    keys = ["point", "values"]
    header += [key_label(p.key, lang) for p in params]
    keys += [f"param:{p.key}" for p in params]
    header += [c.label(lang) for c in columns]
    keys += [c.key for c in columns]
    header.append(label("sweep.error", lang))
    keys.append("error")
    rows: list[list[object]] = []
    for i, point in enumerate(points, start=1):
        swept = [_cell(point.values[p.key]) for p in params]
        rows.append([i, point.short_label, *swept, *row_of(columns, point.kpis, lang), point.error])
    return header, rows, keys


def _cell(value: Any) -> object:
    if isinstance(value, Decimal):
        return float(value)
    return value


def write_sweep(
    folder: Path, params: Sequence[SweepParam], points: Sequence[SweepPoint], lang: str = "fa"
) -> None:
    """``sweep.csv`` (English headers) and ``sweep.xlsx``: the table and native line charts of
    the KPIs against the grid points."""
    header, rows, keys = sweep_table(params, points, "en")
    write_csv(folder / "sweep.csv", header, [[_csv(v) for v in r] for r in rows])
    header, rows, keys = sweep_table(params, points, lang)
    failed = label("sweep.failed", lang)
    for row, point in zip(rows, points, strict=True):
        if point.error:  # the chart's category reads «… (ناموفق)» where the line breaks
            row[1] = f"{row[1]} ({failed})"
    columns = kpi_columns(p.kpis for p in points)
    offset = 2 + len(params)
    book = new_workbook(folder / "sweep.xlsx")
    table = table_sheet(
        book, label("sheet.sweep", lang), header, rows, lang, formats_of(columns, offset)
    )
    charts = book.sheet(label("sheet.charts", lang), rtl=lang == "fa", landscape=False)
    n = len(rows)
    axis = " / ".join(key_label(p.key, lang) for p in params)
    points_cache = [table_text(r[1], lang) for r in rows]
    for i, (title, chart_keys) in enumerate(CHARTS):
        chart = book.chart({"type": "line"})
        for key in chart_keys:
            col = keys.index(key)
            chart.add_series(
                {
                    "name": [table.ws.name, 0, col],
                    "name_data": [table_text(header[col], lang)],
                    "categories": [table.ws.name, 1, 1, max(n, 1), 1],
                    "categories_data": points_cache,
                    "values": [table.ws.name, 1, col, max(n, 1), col],
                    "values_data": [_number_or_none(r[col]) for r in rows],
                    "marker": {"type": "circle"},
                    "smooth": False,  # points joined by straight lines, not a fitted curve
                }
            )
        chart.set_title({"name": label(title, lang)})
        chart.set_x_axis({"name": axis})  # axes drawn, with their numbers
        chart.set_y_axis({"name": label(title, lang), "num_format": _axis_format(columns, key)})
        chart.show_blanks_as("gap")  # a failed point breaks the line
        chart.set_size({"width": 680, "height": 302})  # 18 × 8 cm
        charts.ws.insert_chart(16 * i, 0, chart)
    book.close()


def table_text(value: object, lang: str) -> object:
    """A value as the table's cell shows it (Persian digits inside Persian text)."""
    return people_text(value) if lang == "fa" and isinstance(value, str) else value


def _number_or_none(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def _axis_format(columns: Sequence[Any], key: str) -> str:
    """The number format of the value axis: that of the chart's (last) column."""
    for column in columns:
        if column.key == key and column.fmt:
            return str(column.fmt)
    return "General"


def _csv(value: object) -> object:
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else repr(value)
    return value
