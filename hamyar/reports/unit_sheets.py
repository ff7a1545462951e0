"""One small workbook per unit, listing its assistants for the unit head to accept.

``units/<CODE>.xlsx`` for every unit with at least one placed student: a title line naming the
unit and the term, then one row per assistant (by surname, Persian alphabetical order) —
student ID, names, gender, degree, field, the contact columns the applicants file had, the
planned hours per month — and an empty *accepted* column, with a line for the unit head's
signature under the table.

Contact columns are the applicants' unknown columns (``Applicant.extra``) whose header names a
phone, mobile, e-mail or contact (:func:`is_contact_column`), in the order they first appear;
every unit's workbook has the same columns.

File names are made safe for every system by :func:`safe_file_stem`: letters and digits of any
script, ``-``, ``_`` and ``.`` are kept, anything else becomes ``_``; names Windows reserves
(``CON``, ``NUL``, ``COM1`` …) get a trailing ``_``, and two codes that end up with the same
name (``A/B`` and ``A:B``) get ``-2``, ``-3`` … in the order of the units table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path

from hamyar.models import Applicant, Unit
from hamyar.models.pay import planned_hours
from hamyar.models.run import RunResult
from hamyar.reports.labels import label, labels, term_label
from hamyar.reports.workbook import student_cells, surname_key, unit_name
from hamyar.reports.workbook.columns import STUDENT_COLUMNS
from hamyar.reports.xlsx_style import DECIMAL_FORMAT, Book
from hamyar.text import check_lang, normalize_key

CONTACT_WORDS: tuple[str, ...] = (
    "phone",
    "mobile",
    "mail",
    "contact",
    "تلفن",
    "موبایل",
    "همراه",
    "ایمیل",
    "پست الکترونیک",
    "رایانامه",
    "تماس",
)
"""Words (after :func:`hamyar.text.normalize_key`) that make a header a contact column;
``tel`` counts as a word on its own (``Tel.``, ``tel no``), not inside another word."""
_TEL = re.compile(r"(?<![a-z])tel(?![a-z])")

UNIT_COLUMNS: tuple[str, ...] = (
    "col.row",
    *STUDENT_COLUMNS,
)
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(10)}
_MAX_STEM = 100
HEADER_ROW = 3
"""Row of the table's header (a title line, then an empty row, above it)."""


def is_contact_column(header: str) -> bool:
    """Whether an input column's header names contact information (phone, mobile, e-mail)."""
    key = normalize_key(header)
    return any(word in key for word in CONTACT_WORDS) or bool(_TEL.search(key))


def contact_columns(applicants: Iterable[Applicant]) -> list[str]:
    """Headers of the contact columns the applicants carry, in order of first appearance."""
    seen: dict[str, None] = {}
    for app in applicants:
        for header in app.extra:
            if header not in seen and is_contact_column(header):
                seen[header] = None
    return list(seen)


def safe_file_stem(code: str) -> str:
    """A file name stem made of ``code`` that every system accepts (see the module text)."""
    stem = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in code)
    stem = stem.strip(" .")[:_MAX_STEM] or "unit"
    if stem.split(".")[0].casefold() in _RESERVED:
        stem += "_"
    return stem


def write_unit_workbooks(folder: Path, result: RunResult, lang: str = "fa") -> list[Path]:
    """Write one workbook per unit with assistants into ``folder``; returns their paths in the
    order of the units table."""
    language = check_lang(lang)
    problem = result.problem
    by_unit: dict[str, list[Applicant]] = {}
    for a in result.allocation.assignments:
        by_unit.setdefault(a.unit_code, []).append(problem.applicant_by_id[a.student_id])
    contacts = contact_columns(problem.applicants)
    hours = {c.student_id: c.hours_per_month for c in result.planned.students}
    paths: list[Path] = []
    used: set[str] = set()
    for unit in problem.units:
        students = by_unit.get(unit.code)
        if not students:
            continue
        stem = safe_file_stem(unit.code)
        candidate, n = stem, 1
        while candidate.casefold() in used:
            n += 1
            candidate = f"{stem}-{n}"
        used.add(candidate.casefold())
        path = Path(folder) / f"{candidate}.xlsx"
        _write_unit(path, result, unit, students, contacts, hours, language)
        paths.append(path)
    return paths


def _write_unit(
    path: Path,
    result: RunResult,
    unit: Unit,
    students: list[Applicant],
    contacts: list[str],
    hours: Mapping[str, Decimal],
    lang: str,
) -> None:
    book = Book(path)
    w = book.sheet(label("sheet.unit", lang), lang == "fa")
    name = unit_name(unit, lang)
    term = term_label(result.problem.term, lang)
    w.title(1, f"{label('unit.title', lang)} {name} ({unit.code}) — {term}")
    w.page_heading(f"{name} — {term}")
    header = [
        *labels(UNIT_COLUMNS, lang),
        *contacts,
        label("col.hours", lang),
        label("unit.accept", lang),
    ]
    default_hours = planned_hours(unit, result.problem.policy)
    rows = []
    for number, app in enumerate(sorted(students, key=surname_key), start=1):
        rows.append(
            [
                number,
                *student_cells(app, lang),
                *(app.extra.get(c) or None for c in contacts),
                hours.get(app.student_id, default_hours),
                None,
            ]
        )
    formats: list[str | None] = [*[None] * (len(header) - 2), DECIMAL_FORMAT, None]
    last = w.table(HEADER_ROW, header, rows, formats, freeze=True, auto_filter=True)
    w.put(last + 3, 1, label("unit.signature", lang), bold=True, fit=False)
    w.fit_columns()
    book.close()
