"""The Eligibility sheet: each applicant in input order, the rule IDs by severity, the units
left open and closed, every reason."""

from __future__ import annotations

from collections.abc import Iterable

from hamyar.models import (
    Reason,
)
from hamyar.reports.labels import (
    labels,
    yes_no,
)
from hamyar.reports.workbook.columns import (
    ELIGIBILITY_COLUMNS,
)
from hamyar.reports.workbook.context import RunSheets, rank_codes, student_cells
from hamyar.reports.xlsx_style import (
    COUNT_FORMAT,
    SheetWriter,
)


def _reason_text(reason: Reason, lang: str) -> str:
    """``E4: message``; a Persian message that already names its rule is kept as it is."""
    message = reason.message_fa if lang == "fa" else reason.message_en
    if lang == "fa" and reason.rule in message:
        return message
    return f"{reason.rule}: {message}"


def _rules(reasons: Iterable[Reason], severity: str) -> str:
    return ";".join(dict.fromkeys(r.rule for r in reasons if r.severity == severity))


def eligibility_sheet(report: RunSheets, w: SheetWriter) -> None:
    lang = report.lang
    by_id = report.result.eligibility.by_id
    words = {True: yes_no(True, lang), False: yes_no(False, lang)}
    rows = []
    for app in report.problem.applicants:
        item = by_id.get(app.student_id)
        if item is None:
            rows.append(
                [
                    *student_cells(app, lang),
                    app.gpa,
                ]
            )
            continue
        closed_reasons = [r for c in item.closed_units for r in c.reasons]
        every = [*item.reasons, *closed_reasons]
        messages = [_reason_text(r, lang) for r in item.reasons]
        for closure in item.closed_units:
            texts = "؛ ".join(_reason_text(r, lang) for r in closure.reasons)
            code = closure.unit_code
            unit = report.problem.unit_by_code.get(code)
            named = f"«{unit.name_fa}»" if lang == "fa" and unit is not None else code
            messages.append(f"{report.t('elig.unit')} {named}: {texts}")
        rows.append(
            [
                *student_cells(app, lang),
                app.gpa,
                item.semesters_passed,
                words[bool(item.eligible)],
                _rules(item.reasons, "error"),
                _rules(every, "warning"),
                _rules(every, "info"),
                rank_codes(item.admissible_units),
                rank_codes({c.unit_code: c.rank for c in item.closed_units}),
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
