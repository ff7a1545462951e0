"""The files of ``hamyar notices``: the SMS/portal CSV and the printable letters.

* ``notices.csv`` — ``student_id, mobile, kind, text``: one row per applicant, the text on one
  line, ready for an SMS gateway or the Sajad portal's bulk import (UTF-8 with a BOM, formulas
  defused, :func:`hamyar.io.csvfile.write_csv`);
* ``letters/STUDENT.html`` — one printable letter per applicant, and ``letters/all.html`` with
  every letter, one per A4 page, to print in one go;
* ``units/UNIT.html`` — one introduction letter per unit listing its students, and
  ``units/all.html``.

The letters are HTML with print CSS (``@page { size: A4 }``, a page break after each letter,
``dir="rtl"`` for Persian): every office computer prints them from its browser, the browser
shapes Persian text and lays right-to-left lines out correctly with the fonts it has, and the
same file can be attached to an e-mail or uploaded to a portal. A spreadsheet page would need
its print setup per sheet and wraps long Persian sentences poorly; a PDF writer would have to
embed a Persian font and shape the text itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from pathlib import Path

from hamyar.io.csvfile import write_csv
from hamyar.messages import say
from hamyar.models import Problem
from hamyar.reports.labels import enum_label
from hamyar.reports.notices import (
    StudentNotice,
    UnitLetter,
    mobile_of,
    number,
    term_text,
    unit_name,
)
from hamyar.text import Lang

NOTICES_CSV = "notices.csv"
NOTICES_HEADER = ("student_id", "mobile", "kind", "text")
LETTERS = "letters"
UNITS = "units"
ALL = "all.html"

UNIT_LETTER_COLUMNS = (
    "row",
    "student_id",
    "first_name",
    "last_name",
    "gender",
    "degree",
    "field",
    "mobile",
    "hours",
)
_UNSAFE = re.compile(r"[^A-Za-z0-9_.\-]+")

STYLE = """
@page { size: A4; margin: 2cm; }
body { font-family: Vazirmatn, "B Nazanin", Tahoma, "Noto Naskh Arabic", sans-serif;
       font-size: 12pt; line-height: 1.9; margin: 0; }
.letter { page-break-after: always; break-after: page; max-width: 17cm; margin: 0 auto 2cm; }
.letter:last-child { page-break-after: auto; break-after: auto; }
.head { display: flex; justify-content: space-between; border-bottom: 1px solid #444;
        margin-bottom: 1.2em; font-size: 10.5pt; }
h1 { font-size: 14pt; margin: 0.4em 0; }
table { border-collapse: collapse; width: 100%; font-size: 10.5pt; }
th, td { border: 1px solid #666; padding: 0.2em 0.5em; text-align: start; }
th { background: #eee; }
.sign { margin-top: 3em; text-align: end; }
@media screen { body { background: #ddd; } .letter { background: #fff; padding: 2cm; } }
"""


def word(key: str, lang: Lang) -> str:
    """The catalogue's ``report.notice.word.KEY`` in ``lang``."""
    return say(f"report.notice.word.{key}", lang=lang)


def file_name(code: str, used: set[str]) -> str:
    """A file name for a student ID or unit code: unsafe characters as ``_``, unique."""
    base = _UNSAFE.sub("_", code).strip("._") or "_"
    name, n = base, 1
    while name.casefold() in used:
        n += 1
        name = f"{base}-{n}"
    used.add(name.casefold())
    return f"{name}.html"


def page(title: str, body: str, lang: Lang) -> str:
    direction = "rtl" if lang == "fa" else "ltr"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}" dir="{direction}">\n<head>\n'
        f'<meta charset="utf-8">\n<title>{escape(title)}</title>\n'
        f"<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )


def _head(problem: Problem, run_id: int, lang: Lang) -> str:
    term = term_text(problem.term, lang)
    return (
        f'<div class="head"><span>{escape(word("office", lang))}</span>'
        f"<span>{escape(term)} · "
        f"{escape(word('run', lang))} {escape(number(run_id, lang))}</span></div>\n"
    )


def student_letter(notice: StudentNotice, problem: Problem, run_id: int, lang: Lang) -> str:
    """One letter as an HTML ``<section>``."""
    paragraphs = "".join(f"<p>{escape(p)}</p>\n" for p in notice.paragraphs)
    return (
        f'<section class="letter" id="s-{escape(notice.student_id)}">\n'
        f"{_head(problem, run_id, lang)}"
        f"<h1>{escape(word('notice', lang))}</h1>\n"
        f"<p>{escape(word('student_id', lang))}: <bdi>{escape(notice.student_id)}</bdi></p>\n"
        f"<p>{escape(notice.greeting)}</p>\n{paragraphs}"
        f'<p class="sign">{escape(word("sign", lang))}</p>\n</section>\n'
    )


def unit_letter(letter: UnitLetter, problem: Problem, run_id: int, lang: Lang) -> str:
    """One unit's introduction letter as an HTML ``<section>``."""
    unit = letter.unit
    name = unit_name(unit, lang)
    to = letter.contact.person or word("in_charge", lang)
    cols = UNIT_LETTER_COLUMNS
    header = "".join(f"<th>{escape(word(c, lang))}</th>" for c in cols)
    rows = []
    for i, (app, hours) in enumerate(letter.students, start=1):
        cells = (
            number(i, lang),
            app.student_id,
            app.first_name,
            app.last_name,
            enum_label(app.gender, lang),
            enum_label(app.degree, lang),
            app.field or "",
            mobile_of(app) or "",
            number(hours, lang),
        )
        rows.append("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in cells) + "</tr>")
    body = "\n".join(rows)
    return (
        f'<section class="letter" id="u-{escape(unit.code)}">\n'
        f"{_head(problem, run_id, lang)}"
        f"<p>{escape(word('to', lang))}: {escape(to)} — «{escape(name)}» "
        f"(<bdi>{escape(unit.code)}</bdi>)</p>\n"
        f"<h1>{escape(word('subject', lang))}</h1>\n"
        f"<p>{escape(word('intro', lang))}</p>\n"
        f"<table><thead><tr>{header}</tr></thead><tbody>\n{body}\n</tbody></table>\n"
        f'<p class="sign">{escape(word("sign", lang))}</p>\n</section>\n'
    )


def write_notices(
    folder: Path,
    problem: Problem,
    notices: Sequence[StudentNotice],
    letters: Sequence[UnitLetter],
    run_id: int,
    lang: Lang,
) -> None:
    """Write the CSV and the letters into ``folder`` (module docstring)."""
    write_csv(
        folder / NOTICES_CSV,
        NOTICES_HEADER,
        ((n.student_id, n.mobile, n.kind, n.text) for n in notices),
    )
    students = folder / LETTERS
    students.mkdir()
    used: set[str] = {"all"}
    sections = []
    for notice in notices:
        section = student_letter(notice, problem, run_id, lang)
        sections.append(section)
        title = f"{notice.first_name} {notice.last_name}"
        path = students / file_name(notice.student_id, used)
        path.write_text(page(title, section, lang), encoding="utf-8")
    (students / ALL).write_text(
        page(word("title_letters", lang), "".join(sections), lang), encoding="utf-8"
    )
    units = folder / UNITS
    units.mkdir()
    used = {"all"}
    sections = []
    for letter in letters:
        section = unit_letter(letter, problem, run_id, lang)
        sections.append(section)
        path = units / file_name(letter.unit.code, used)
        path.write_text(page(unit_name(letter.unit, lang), section, lang), encoding="utf-8")
    (units / ALL).write_text(
        page(word("title_units", lang), "".join(sections), lang), encoding="utf-8"
    )
