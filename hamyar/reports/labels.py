"""Every word the workbooks and tables show, in Persian and English: the catalogue's ``report.*``
codes (:mod:`hamyar.messages`)
(the allocation, unit and payroll workbooks, and the comparison, sweep and batch tables of
:mod:`hamyar.scenarios`). The sentences the optimizer's explanations say are built a layer
lower, in :mod:`hamyar.sentences`.

``label("sheet.summary", "fa")`` gives ``خلاصه``; the same key with ``"en"`` gives ``Summary``.
Enumerated values (gender, degree, priority group, solver status) come through
:func:`enum_label`; terms, dates and months through :func:`term_label`, :func:`date_label` and
:func:`month_label` (Persian digits and month names in Persian).
"""

from __future__ import annotations

from enum import StrEnum

import jdatetime

from hamyar.messages import check_lang, say
from hamyar.messages.catalogue import template
from hamyar.models import JalaliDate, JalaliMonth, SolveStatus, Term, persian
from hamyar.reports.persian_text import persian_digits

PARAMETER_RULES: dict[str, str] = {
    "min_semesters_passed": "E1",
    "semester_exempt_degrees": "E1",
    "semester1_start_month": "E1",
    "semester2_start_month": "E1",
    "max_probation_semesters": "E3",
    "min_gpa": "E4",
    "institution_type": "E7",
    "excluded_institution_types": "E7",
    "require_valid_sheba": "E8",
    "exclude_unsatisfied": "E9",
    "min_fill": "A1",
    "min_fill_penalty": "A1",
    "priority_weights": "A3",
    "priority_combine": "A3",
    "preference_mode": "A4",
    "pins": "A5",
    "pin_penalty": "A5",
    "keep_previous": "A5",
    "keep_previous_mode": "A5",
    "hourly_rate_rial": "P1",
    "married_multiplier": "P2",
    "default_hours_per_month": "P3",
    "months_per_term": "P3",
    "monthly_hours_cap": "P3",
    "pro_rata": "P5",
}
"""The rule each top-level policy parameter belongs to (parameters of the solver and of the
objective as a whole name no single rule)."""


def has_label(key: str) -> bool:
    """Whether the catalogue holds the word ``report.KEY``."""
    return template(f"report.{key}", "en") is not None


def label(key: str, lang: str) -> str:
    """The word of ``key`` in ``lang``: the catalogue's ``report.KEY`` (a missing key is a
    ``KeyError``)."""
    if not has_label(key):
        raise KeyError(key)
    return say(f"report.{key}", lang=check_lang(lang))


def labels(keys: tuple[str, ...] | list[str], lang: str) -> list[str]:
    return [label(k, lang) for k in keys]


def yes_no(value: bool, lang: str) -> str:
    return label("yes" if value else "no", lang)


def enum_label(member: StrEnum, lang: str) -> str:
    """An enumerated value in words: Persian (:func:`hamyar.models.persian`) or English
    (the value with spaces for underscores); a solver status from the catalogue."""
    key = (member.__class__, member._value_, lang)
    found = _ENUM_WORDS.get(key)
    if found is None:
        if isinstance(member, SolveStatus):
            return label(f"status.{member.value}", lang)
        found = persian(member) if lang == "fa" else member.value.replace("_", " ")
        _ENUM_WORDS[key] = found
    return found


_ENUM_WORDS: dict[tuple[type, str, str], str] = {}
"""The words of :func:`enum_label` other than a solver status, by type, value and language
(the sheets ask for the same few words on every row; a member's own hash is Python code)."""


def stage_label(name: str, lang: str) -> str:
    """An objective stage's name: ``preference:2`` → ``ترجیح (۲)`` in Persian; English and
    unknown stage names are kept as the optimizer gives them."""
    base, _, suffix = name.partition(":")
    key = f"objective.{base}"
    if lang != "fa" or not has_label(key):
        return name
    word = label(key, lang)
    return f"{word} ({persian_digits(suffix)})" if suffix else word


def digits(text: str, lang: str) -> str:
    """Persian digits in Persian, ASCII digits in English."""
    return persian_digits(text) if lang == "fa" else text


def term_label(term: Term, lang: str) -> str:
    """``نیمسال اول ۱۴۰۲–۱۴۰۳`` / ``1402–1403 semester 1 (1402-1)``."""
    years = f"{term.year}–{term.year + 1}"
    semester = label(f"semester.{term.semester}", lang)
    if lang == "fa":
        return f"{semester} {persian_digits(years)}"
    return f"{years} {semester} ({term})"


def date_label(date: JalaliDate, lang: str) -> str:
    """A Jalali date as ``yyyy/mm/dd`` (Persian digits in Persian)."""
    return digits(str(date), lang)


def month_label(month: JalaliMonth, lang: str) -> str:
    """``مهر ۱۴۰۲`` / ``Mehr 1402``."""
    names = jdatetime.date.j_months_fa if lang == "fa" else jdatetime.date.j_months_en
    return digits(f"{names[month.month - 1]} {month.year}", lang)
