"""The Waiting lists sheet: per unit and gender, the ranked reserve list of the allocation
(:func:`~hamyar.optimizer.waitlist.waiting_lists`, as plain places)."""

from __future__ import annotations

from hamyar.optimizer.waitlist import waiting_places
from hamyar.reports.labels import enum_label, labels
from hamyar.reports.workbook.columns import WAITING_COLUMNS
from hamyar.reports.workbook.context import RunSheets
from hamyar.reports.xlsx_style import COUNT_FORMAT, SheetWriter


def waiting_sheet(report: RunSheets, w: SheetWriter) -> None:
    result = report.result
    lists = waiting_places(report.problem, result.eligibility, result.allocation)
    people = report.problem.applicant_by_id
    rows = []
    for (code, gender), entries in sorted(
        lists.items(), key=lambda item: (report.unit_order.get(item[0][0], 0), item[0][1])
    ):
        word = enum_label(gender, report.lang)
        for position, (sid, rank, current) in enumerate(entries, start=1):
            app = people[sid]
            rows.append(
                [code, word, position, sid, app.first_name, app.last_name, rank, current or ""]
            )
    w.table(
        1,
        labels(WAITING_COLUMNS, report.lang),
        rows,
        [None, None, COUNT_FORMAT, None, None, None, COUNT_FORMAT, None],
        freeze=True,
        auto_filter=True,
    )
