"""The Policy sheet: the term, every policy parameter as used (flattened to dotted keys, with
its rule and assumptions marked), the input hashes, the version and stage times."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from hamyar import __version__
from hamyar.messages import say
from hamyar.models import (
    ASSUMPTIONS,
)
from hamyar.reports.labels import (
    PARAMETER_RULES,
    date_label,
    labels,
    term_label,
    yes_no,
)
from hamyar.reports.policy_words import key_label, value_label
from hamyar.reports.workbook.columns import (
    POLICY_COLUMNS,
)
from hamyar.reports.workbook.context import RunSheets
from hamyar.reports.xlsx_style import (
    SheetWriter,
)


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
            return value_label(value, lang)
        if number.is_finite() and value.strip() == value:
            return int(number) if number == number.to_integral_value() else float(number)
        return value_label(value, lang)
    return value


def policy_sheet(report: RunSheets, w: SheetWriter) -> None:
    lang, problem = report.lang, report.problem
    policy = problem.policy
    rows: list[Sequence[Any]] = []
    term = report.t("section.term")
    start = problem.term.start(policy.semester1_start_month, policy.semester2_start_month)
    rows.append((term, report.t("term.term"), term_label(problem.term, lang), None, None))
    rows.append((term, report.t("term.start"), date_label(start, lang), "E1", None))
    rows.append((term, report.t("term.months"), report.term_months(), "P3", None))
    section = report.t("section.policy")
    for key, value in flatten(policy.model_dump(mode="json")):
        top = key.split(".")[0].split("[")[0]
        rows.append(
            (
                section,
                key_label(key, lang),
                _policy_value(value, lang),
                PARAMETER_RULES.get(top),
                _note(report, key),
            )
        )
    section = report.t("section.input")
    for name, digest in report.result.input_hashes.items():
        rows.append((section, name, digest, None, None))
    section = report.t("section.run")
    rows.append((section, report.t("run.version"), __version__, None, None))
    rows.append((section, report.t("run.name"), problem.name, None, None))
    for stage, seconds in report.result.timings.items():
        rows.append((section, f"{report.t('run.timing')}: {stage}", round(seconds, 4), None, None))
    w.wrap_cap[len(POLICY_COLUMNS)] = 70
    w.table(1, labels(POLICY_COLUMNS, lang), rows, freeze=True, auto_filter=True)


def _note(report: RunSheets, key: str) -> str | None:
    """``Assumption: …`` when the parameter is one of :data:`hamyar.models.ASSUMPTIONS`."""
    for name in ASSUMPTIONS:
        if key == name or key.startswith(name + "."):
            words = say(f"report.assumption.{name}", lang=report.lang)
            return f"{report.t('policy.assumption')}: {words}"
    return None
