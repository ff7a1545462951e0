"""``hamyar history STUDENT``: one student's terms, units, hours, payments and evaluations.

From the workspace: each term's adopted allocation, the payroll ledger's lines not voided, and
the units' evaluations in force; and the terms the student applied to without a placement, with
the reason (:mod:`hamyar.store.applied`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import click

from hamyar.commands.options import lang_option
from hamyar.commands.workspace import open_workspace, workspace_option
from hamyar.errors import InputError, Issue
from hamyar.store import in_language
from hamyar.store.applied import with_applications
from hamyar.store.history import TermRecord, student_history

WORDS = {
    "title": ("سابقه‌ی دانشجو", "history of student"),
    "none": ("در فضای کار سابقه‌ای از این دانشجو نیست", "the workspace has no record of"),
    "term": ("نیمسال", "term"),
    "unit": ("واحد", "unit"),
    "not_placed": ("بدون واحد", "not placed"),
    "continuing": ("ادامه‌دهنده", "continuing"),
    "hours": ("ساعت", "hours"),
    "paid": ("پرداخت (ریال)", "paid (rial)"),
    "evaluation": ("ارزیابی", "evaluation"),
    "satisfied": ("راضی", "satisfied"),
    "unsatisfied": ("ناراضی", "not satisfied"),
    "month": ("ماه", "month"),
    "batch": ("دسته", "batch"),
    "total": ("جمع", "total"),
    "run": ("اجرا", "run"),
    "since": ("از", "from"),
    "until": ("تا", "until"),
    "applied": ("درخواست داده بود، جای نگرفت", "applied, not placed"),
    "ineligible": ("درخواست داده بود، واجد شرایط نبود", "applied, not eligible"),
    "why": ("علت", "why"),
    "choice": ("انتخاب", "choice"),
    "why_not": ("چرا نه", "why not"),
    "waiting": ("فهرست انتظار", "waiting list"),
}


def word(key: str, lang: str) -> str:
    fa, en = WORDS[key]
    return fa if lang == "fa" else en


def _number(value: object) -> str:
    text = f"{value:,}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _evaluation(record: TermRecord, lang: str) -> str:
    return "; ".join(
        f"{e.unit_code}: {word('satisfied' if e.satisfied else 'unsatisfied', lang)}"
        + (f" ({e.note})" if e.note else "")
        for e in record.evaluations
    )


def _table(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]


def unit_of(record: TermRecord, lang: str) -> str:
    """How a term without a placement is named: applied and not placed, or not eligible."""
    if record.unplaced is None:
        return word("not_placed", lang)
    return word("applied" if record.unplaced.eligible else "ineligible", lang)


def render(student_id: str, records: Sequence[TermRecord], lang: str) -> str:
    """The history as text in ``lang``."""
    w = lambda key: word(key, lang)  # noqa: E731
    lines = [f"{w('title')} {student_id}"]
    header = (w("term"), w("unit"), w("run"), w("hours"), w("paid"), w("evaluation"))
    rows = [header]
    for r in records:
        unit = r.unit_code or w("not_placed")
        if r.unplaced is not None:
            unit = unit_of(r, lang)
        if r.pinned:
            unit += f" ({w('continuing')})"
        if r.since:
            unit += f" ({w('since')} {r.since})"
        if r.until:
            unit += f" ({w('until')} {r.until})"
        rows.append(
            (
                r.term,
                unit,
                str(r.run_id) if r.run_id is not None else "-",
                _number(r.hours),
                _number(r.paid_rial),
                _evaluation(r, lang) or "-",
            )
        )
    total_hours = sum((r.hours for r in records), start=Decimal(0))
    rows.append(
        (w("total"), "", "", _number(total_hours), _number(sum(r.paid_rial for r in records)), "")
    )
    lines += _table(rows)
    for r in records:
        if r.better:
            rank = f" ({w('choice')} {r.preference_rank})" if r.preference_rank else ""
            lines.append("")
            lines.append(f"{w('term')} {r.term}: {r.unit_code}{rank}")
            for en, fa in r.better:
                lines.append(f"  {w('why_not')} {fa if lang == 'fa' else en}")
        if r.unplaced is None:
            continue
        lines.append("")
        lines.append(f"{w('term')} {r.term}: {unit_of(r, lang)}")
        for en, fa in r.unplaced.reasons:
            lines.append(f"  {w('why')}: {fa if lang == 'fa' else en}")
        if r.unplaced.waiting:
            sep = "؛ " if lang == "fa" else "; "
            places = sep.join(f"{unit} #{position}" for unit, position in r.unplaced.waiting)
            lines.append(f"  {w('waiting')}: {places}")
    payments = [(r.term, p) for r in records for p in r.payments]
    if payments:
        lines.append("")
        pay_rows = [(w("term"), w("month"), w("unit"), w("hours"), w("paid"), w("batch"))]
        for term, p in payments:
            pay_rows.append(
                (
                    term,
                    p.month,
                    p.unit_code,
                    _number(p.hours),
                    _number(p.amount_rial),
                    str(p.batch_id),
                )
            )
        lines += _table(pay_rows)
    return "\n".join(lines)


@click.command("history")
@click.argument("student_id")
@workspace_option
@lang_option
def command(student_id: str, workspace_dir: Path | None, lang: str) -> None:
    """A student's terms, units, hours, payments and evaluations from the workspace."""
    workspace = open_workspace(workspace_dir, lang)
    try:
        with in_language(lang), workspace.session() as session:
            found = student_history(session, student_id.strip())
            records = with_applications(session, student_id.strip(), found)
    finally:
        workspace.close()
    if not records:
        raise InputError(Issue(word("none", lang), student_id, file="-", column="STUDENT"))
    click.echo(render(student_id.strip(), records, lang))
