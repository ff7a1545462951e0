"""Writing one month's payroll folder: workbooks for people, CSV and JSON for machines.

Files (``--out DIR/yyyy-mm/``):

* ``payroll.xlsx`` — one row per paid student, a subtotal row after each unit, the total;
  sheets for rows not payable (P4 and unplaced students), held-back payments and skipped bad rows.
  When a placement covers only part of the month (a mid-term vacancy, rule P5) a column after
  ``capped`` shows its part, ``days/month_days``; without such lines the column is not there.
  Persian headers and right-to-left sheets by default, English with ``lang="en"``.
* ``transfers.xlsx`` and ``transfers.csv`` — the bank transfer list; the workbook ends with the
  control total row, the CSV holds only transfer rows (its control total is in ``payroll.json``).
* ``held_back.csv``, ``not_payable.csv``, ``bad_rows.csv`` — the same lists for machines.
* ``payroll.json`` — month, term, totals, control total, counts and every listed row.

CSV files are UTF-8 with a BOM and formula-defused (:func:`hamyar.io.csvfile.write_csv`);
their headers are the English names below whatever the language.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hamyar.io.csvfile import write_csv
from hamyar.models import JalaliMonth, Term, persian
from hamyar.models.pay import toman
from hamyar.payments.payroll import Payroll
from hamyar.payments.transfers import TransferList
from hamyar.reports import labels
from hamyar.reports.labels import month_label, term_label
from hamyar.reports.payroll_sheet import append, fit, heading, label, sheet, signature
from hamyar.reports.persian_text import persian_digits
from hamyar.reports.xlsx_style import Book, SheetWriter
from hamyar.text import Lang

PAYROLL_XLSX = "payroll.xlsx"
TRANSFERS_XLSX = "transfers.xlsx"
TRANSFERS_CSV = "transfers.csv"
HELD_BACK_CSV = "held_back.csv"
NOT_PAYABLE_CSV = "not_payable.csv"
BAD_ROWS_CSV = "bad_rows.csv"
PAYROLL_JSON = "payroll.json"


def _num(value: Any) -> Any:
    """A Decimal as an int when whole, else a float (a cell holds a number, not a Decimal)."""
    if value == int(value):
        return int(value)
    return float(value)


def _unit_name(name_fa: str, name_en: str | None, lang: Lang) -> str:
    return (name_en or name_fa) if lang == "en" else name_fa


PAYROLL_COLUMNS = (
    "student_id",
    "national_id",
    "first_name",
    "last_name",
    "degree",
    "marital_status",
    "unit_code",
    "unit_name",
    "reported_hours",
    "paid_hours",
    "capped",
    "hourly_rate",
    "multiplier",
    "bonus_percent",
    "amount_rial",
    "amount_toman",
    "sheba",
)

PART_COLUMN = PAYROLL_COLUMNS.index("capped") + 1
"""Where the part-month column (P5) goes when a payroll has part-month lines."""


def _payroll_columns(parts: bool) -> tuple[str, ...]:
    if not parts:
        return PAYROLL_COLUMNS
    return (*PAYROLL_COLUMNS[:PART_COLUMN], "part_of_month", *PAYROLL_COLUMNS[PART_COLUMN:])


def _append_parts(w: SheetWriter, parts: bool, values: list[object], bold: bool = False) -> None:
    """A payroll row given with its part-month cell, which is dropped when ``parts`` is off."""
    append(w, values if parts else values[:PART_COLUMN] + values[PART_COLUMN + 1 :], bold)


NOT_PAYABLE_COLUMNS = (
    "student_id",
    "unit_code",
    "month",
    "hours",
    "rule",
    "placed_unit",
    "reason",
    "file",
    "row",
)
HELD_COLUMNS = ("student_id", "full_name", "unit_code", "amount_rial", "sheba", "reason")
BAD_COLUMNS = ("file", "row", "column", "value", "message")
TRANSFER_COLUMNS = (
    "row",
    "full_name",
    "amount_rial",
    "sheba",
    "student_id",
    "national_id",
    "description",
    "bank",
    "note",
)


def write_payroll_xlsx(path: Path, payroll: Payroll, transfers: TransferList, lang: Lang) -> None:
    """The payroll workbook: paid students with unit subtotals and the total, then the lists."""
    book = Book(path, constant_memory=True)
    subject = _subject(payroll.month, payroll.term, lang)
    ws = sheet(book, "sheet_summary", lang, ())
    writers = [ws]
    append(ws, [label("summary_title", lang), subject], bold=True)
    for key, value in _summary_pairs(payroll, transfers, lang):
        append(ws, [label(key, lang), value])
    signature(ws, lang)
    heading(ws, subject)
    parts = bool(payroll.part_month)
    columns = _payroll_columns(parts)
    ws = sheet(book, "sheet_payroll", lang, columns)
    writers.append(ws)
    yes = labels.yes_no(True, lang)
    for unit in payroll.units:
        for line in (x for x in payroll.lines if x.unit_code == unit.unit_code):
            degree = persian(line.degree) if lang == "fa" else line.degree.value
            marital = persian(line.marital_status) if lang == "fa" else line.marital_status.value
            _append_parts(
                ws,
                parts,
                [
                    line.student_id,
                    line.national_id,
                    line.first_name,
                    line.last_name,
                    degree,
                    marital,
                    line.unit_code,
                    _unit_name(line.unit_name_fa, line.unit_name_en, lang),
                    _num(line.reported_hours),
                    _num(line.paid_hours),
                    yes if line.capped else "",
                    line.part or "",
                    line.hourly_rate_rial,
                    _num(line.multiplier),
                    line.bonus_percent,
                    line.amount_rial,
                    line.amount_toman,
                    line.sheba,
                ],
            )
        name = _unit_name(unit.unit_name_fa, unit.unit_name_en, lang)
        _append_parts(
            ws,
            parts,
            [
                label("unit_subtotal", lang),
                None,
                None,
                None,
                None,
                None,
                unit.unit_code,
                name,
                None,
                _num(unit.paid_hours),
                None,
                None,
                None,
                None,
                None,
                unit.amount_rial,
                toman(unit.amount_rial),
                None,
            ],
            bold=True,
        )
    total_row: list[object] = [label("total", lang), *([None] * 14)]
    total_row += [payroll.total_rial, payroll.total_toman, None]
    _append_parts(ws, parts, total_row, bold=True)
    signature(ws, lang)
    heading(ws, subject)
    ws.ws.activate()

    ws = sheet(book, "sheet_not_payable", lang, NOT_PAYABLE_COLUMNS)
    writers.append(ws)
    for item in payroll.not_payable:
        reason = item.message_en if lang == "en" else item.message_fa
        append(
            ws,
            [
                item.student_id,
                item.unit_code,
                month_label(item.month, lang),
                _num(item.hours),
                item.rule,
                item.placed_unit,
                reason,
                item.file,
                item.row,
            ],
        )
    writers.append(_write_held_sheet(book, transfers, lang))
    if payroll.bad_rows:
        ws = sheet(book, "sheet_bad", lang, BAD_COLUMNS)
        writers.append(ws)
        for bad in payroll.bad_rows:
            append(ws, [bad.file, bad.row, bad.column, bad.value, bad.message])
    for other in writers[2:]:
        heading(other, subject)
    fit(writers)
    book.close()


def _subject(month: JalaliMonth | str, term: Term | None, lang: Lang) -> str:
    """``آبان ۱۴۰۲ — نیمسال اول ۱۴۰۲–۱۴۰۳``: the month and term of a payroll, for its page
    headers and its summary."""
    text = month_label(JalaliMonth.parse(month), lang)
    if term is not None:
        text += " — " + term_label(term, lang)
    return text


def _summary_pairs(
    payroll: Payroll, transfers: TransferList, lang: Lang
) -> list[tuple[str, object]]:
    return [
        ("month", month_label(payroll.month, lang)),
        ("term", term_label(payroll.term, lang)),
        ("paid_students", len(payroll.lines)),
        ("payroll_total", payroll.total_rial),
        ("transfers", len(transfers.transfers)),
        ("control_total", transfers.control_total_rial),
        ("held_total", transfers.held_back_rial),
        ("not_payable_rows", len(payroll.not_payable)),
        ("bad_rows", len(payroll.bad_rows)),
        ("no_timesheet", len(payroll.no_timesheet)),
    ]


def _write_held_sheet(book: Book, transfers: TransferList, lang: Lang) -> SheetWriter:
    ws = sheet(book, "sheet_held", lang, HELD_COLUMNS)
    for held in transfers.held_back:
        reason = held.reason_en if lang == "en" else held.reason_fa
        append(
            ws,
            [held.student_id, held.full_name, held.unit_code, held.amount_rial, held.sheba, reason],
        )
    return ws


def write_transfers_xlsx(
    path: Path, transfers: TransferList, lang: Lang, term: Term | None = None
) -> None:
    """The transfer list: one row per transfer, then the control total (= Σ rows) and the
    signature block. The columns a bank clerk checks come first — name, amount, Sheba — so that
    one printed line is one payee (A4 landscape, fitted to the width, header on every page)."""
    book = Book(path, constant_memory=True)
    ws = sheet(book, "sheet_transfers", lang, TRANSFER_COLUMNS)
    for number, t in enumerate(transfers.transfers, start=1):
        append(
            ws,
            [
                number,
                t.full_name,
                t.amount_rial,
                t.sheba,
                t.student_id,
                t.national_id,
                t.description,
                t.bank,
                t.note,
            ],
        )
    count = f"{len(transfers.transfers)}"
    append(
        ws,
        [
            None,
            label("control_total", lang),
            transfers.control_total_rial,
            persian_digits(count) if lang == "fa" else count,
            None,
            None,
            None,
            None,
            None,
        ],
        bold=True,
    )
    signature(ws, lang)
    subject = _subject(transfers.month, term, lang)
    heading(ws, subject)
    held = _write_held_sheet(book, transfers, lang)
    heading(held, subject)
    fit([ws, held])
    book.close()


def write_transfers_csv(path: Path, transfers: TransferList) -> None:
    """The transfer list for a bank's group-payment upload: transfer rows only."""
    write_csv(
        path,
        ("row", "sheba", "full_name", "student_id", "national_id", "amount_rial", "description"),
        (
            (n, t.sheba, t.full_name, t.student_id, t.national_id, t.amount_rial, t.description)
            for n, t in enumerate(transfers.transfers, start=1)
        ),
    )


def payroll_json(payroll: Payroll, transfers: TransferList) -> dict[str, Any]:
    return {
        "month": str(payroll.month),
        "term": str(payroll.term),
        "total_rial": payroll.total_rial,
        "total_toman": payroll.total_toman,
        "control_total_rial": transfers.control_total_rial,
        "control_total_toman": transfers.control_total_toman,
        "transfers": len(transfers.transfers),
        "held_back_rial": transfers.held_back_rial,
        "paid_students": len(payroll.lines),
        "capped": [x.student_id for x in payroll.capped],
        **(
            {
                "part_month": [
                    {"student_id": x.student_id, "days": x.days, "month_days": x.month_days}
                    for x in payroll.part_month
                ]
            }
            if payroll.part_month
            else {}
        ),
        "units": [u.model_dump(mode="json") for u in payroll.units],
        "held_back": [h.model_dump(mode="json") for h in transfers.held_back],
        "not_payable": [n.model_dump(mode="json") for n in payroll.not_payable],
        "bad_rows": [b.model_dump(mode="json") for b in payroll.bad_rows],
        "no_timesheet": list(payroll.no_timesheet),
        "other_month_rows": payroll.other_month_rows,
        "policy": payroll.policy.model_dump(mode="json"),
    }


def write_payroll_folder(
    folder: Path, payroll: Payroll, transfers: TransferList, lang: Lang
) -> None:
    """Every file of one month's payroll into ``folder`` (already staged by the caller)."""
    write_payroll_xlsx(folder / PAYROLL_XLSX, payroll, transfers, lang)
    write_transfers_xlsx(folder / TRANSFERS_XLSX, transfers, lang, payroll.term)
    write_transfers_csv(folder / TRANSFERS_CSV, transfers)
    write_csv(
        folder / HELD_BACK_CSV,
        ("student_id", "full_name", "unit_code", "amount_rial", "sheba", "reason_fa", "reason_en"),
        (
            (
                h.student_id,
                h.full_name,
                h.unit_code,
                h.amount_rial,
                h.sheba,
                h.reason_fa,
                h.reason_en,
            )
            for h in transfers.held_back
        ),
    )
    write_csv(
        folder / NOT_PAYABLE_CSV,
        (
            "student_id",
            "unit_code",
            "month",
            "hours",
            "kind",
            "rule",
            "placed_unit",
            "reason_fa",
            "reason_en",
            "file",
            "row",
        ),
        (
            (
                n.student_id,
                n.unit_code,
                str(n.month),
                str(n.hours),
                n.kind,
                n.rule,
                n.placed_unit,
                n.message_fa,
                n.message_en,
                n.file,
                n.row,
            )
            for n in payroll.not_payable
        ),
    )
    if payroll.bad_rows:
        write_csv(
            folder / BAD_ROWS_CSV,
            BAD_COLUMNS,
            ((b.file, b.row, b.column, b.value, b.message) for b in payroll.bad_rows),
        )
    (folder / PAYROLL_JSON).write_text(
        json.dumps(payroll_json(payroll, transfers), ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
