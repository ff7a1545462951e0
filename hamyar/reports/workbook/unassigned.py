"""The Unassigned sheet: each eligible student left without a seat, highest priority first,
with the optimizer's explanation."""

from __future__ import annotations

from hamyar.reports.labels import (
    enum_label,
    labels,
)
from hamyar.reports.workbook.columns import (
    UNASSIGNED_COLUMNS,
)
from hamyar.reports.workbook.context import (
    RunSheets,
    explanation_text,
    rank_codes,
    student_cells,
    surname_key,
)
from hamyar.reports.xlsx_style import (
    COUNT_FORMAT,
    SheetWriter,
)


def unassigned_sheet(report: RunSheets, w: SheetWriter) -> None:
    lang = report.lang
    left = list(report.unassigned)
    policy = report.problem.policy
    left.sort(key=lambda a: (-policy.priority_score(a.priority_groups), -a.gpa, surname_key(a)))
    rows = []
    for app in left:
        ranks = report.problem.preference_ranks.get(app.student_id, {})
        text = explanation_text(report.explanations.get(app.student_id), lang)
        text = text or report.t("unassigned.none")
        rows.append(
            [
                *student_cells(app, lang),
                app.gpa,
                policy.priority_score(app.priority_groups),
                "، ".join(enum_label(g, lang) for g in app.priority_groups)
                if lang == "fa"
                else ", ".join(enum_label(g, lang) for g in app.priority_groups),
                rank_codes(ranks),
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
