"""Notices of the term's adopted allocation: one text per applicant and one letter per unit.

A notice is one of four kinds, in the order of the applicants file:

* ``placed`` — the unit, its planned hours per month (:func:`~hamyar.models.pay.planned_hours`)
  and whom to report to: the unit's responsible person, telephone and place when the units
  file has those columns (:data:`~hamyar.io.columns.NOTICE_UNIT_COLUMNS`), else the unit
  itself; when placed below the first choice, why not each unit ranked higher (the optimizer's
  explanation, said as for ``not_placed``) and the student's places on the waiting lists of the
  units ranked higher; then the warnings of the student's eligibility (a Sheba to correct,
  rule E8);
* ``not_placed`` — eligible, no seat: the optimizer's explanation per asked-for unit
  (:func:`hamyar.optimizer.explain.explain`), said without naming any other applicant
  (:mod:`hamyar.reports.notice_reasons`), and the student's places on the waiting lists;
* ``ineligible`` — the blocking reasons of rules E1–E9, each a whole sentence with its rule;
* ``left`` — a vacancy ended the placement (``hamyar vacancy``): from which day. A student who
  took a vacant seat is ``placed``, from the day the seat became his or hers.

Each notice has the paragraphs of a printed letter and ``text``, the same words as one line for
an SMS gateway or the Sajad portal. Persian notices write numbers in Persian digits; codes
(student IDs, unit codes, Sheba numbers) stay as written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from hamyar.eligibility.reasons import fa_number
from hamyar.io.columns import NOTICE_APPLICANT_COLUMNS, NOTICE_UNIT_COLUMNS, extra_value
from hamyar.messages import joined, say
from hamyar.models import (
    Applicant,
    EligibilityResult,
    Explanation,
    Problem,
    Reason,
    Term,
    Unit,
)
from hamyar.models.pay import planned_hours
from hamyar.optimizer.waitlist import WaitingEntry
from hamyar.reports.labels import term_label
from hamyar.reports.notice_reasons import private_reason
from hamyar.text import Lang

NoticeKind = Literal["placed", "not_placed", "ineligible", "left"]


@dataclass(frozen=True)
class Contact:
    """Whom a placed student reports to (each part only when the units file has it)."""

    person: str | None = None
    phone: str | None = None
    location: str | None = None

    @classmethod
    def of(cls, unit: Unit) -> Contact:
        person, phone, location = (extra_value(unit.extra, c) for c in NOTICE_UNIT_COLUMNS)
        return cls(person, phone, location)


@dataclass(frozen=True)
class StudentNotice:
    """One applicant's notice: who, how to reach him or her, and the words."""

    student_id: str
    first_name: str
    last_name: str
    mobile: str | None
    kind: NoticeKind
    unit_code: str | None
    greeting: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        """The notice as one line (the CSV's ``text``)."""
        return " ".join((self.greeting, *self.paragraphs))


@dataclass(frozen=True)
class UnitLetter:
    """The introduction letter of one unit: its placed students, in the letter's order."""

    unit: Unit
    contact: Contact
    students: tuple[tuple[Applicant, Decimal], ...]
    """Each placed student with the planned hours per month."""


def mobile_of(app: Applicant) -> str | None:
    return extra_value(app.extra, NOTICE_APPLICANT_COLUMNS[0])


def unit_name(unit: Unit, lang: Lang) -> str:
    return unit.name_fa if lang == "fa" else (unit.name_en or unit.name_fa)


def number(value: object, lang: Lang) -> str:
    """``40`` rather than ``40.0``; Persian digits in Persian."""
    text = format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)
    return fa_number(text) if lang == "fa" else text


def term_text(term: Term, lang: Lang) -> str:
    """``نیمسال اول ۱۴۰۲–۱۴۰۳`` in Persian, ``term 1402-1`` in English."""
    if lang == "fa":
        return term_label(term, lang)
    return say("report.notice.term", lang=lang, term=str(term))


def greeting(app: Applicant, lang: Lang) -> str:
    name = f"{app.first_name} {app.last_name}"
    return say(f"report.notice.greeting.{app.gender.value}", lang=lang, name=name)


def reports_to(unit: Unit, contact: Contact, lang: Lang) -> str:
    """Whom to report to, as the end of a sentence."""
    name = unit_name(unit, lang)
    parts = [contact.person or say("report.notice.in_charge", lang=lang, name=name)]
    if contact.phone:
        parts.append(say("report.notice.phone", lang=lang, phone=contact.phone))
    if contact.location:
        parts.append(contact.location)
    return joined(parts, lang)


def _list(items: Sequence[str], lang: Lang) -> str:
    """Sentences in a row: ``a؛ b`` in Persian, ``a; b`` in English."""
    return ("؛ " if lang == "fa" else "; ").join(items)


def _placed(
    problem: Problem,
    unit: Unit,
    warnings: Sequence[str],
    starts: str | None,
    higher: Sequence[WaitingEntry],
    why: Sequence[str],
    lang: Lang,
) -> tuple[str, ...]:
    hours = number(planned_hours(unit, problem.policy), lang)
    name, term = unit_name(unit, lang), term_text(problem.term, lang)
    who = reports_to(unit, Contact.of(unit), lang)
    since = say("report.notice.since", lang=lang, date=starts) if starts else ""
    first = say("report.notice.placed", lang=lang, term=term, since=since, name=name, hours=hours)
    then = say("report.notice.report_to", lang=lang, who=who)
    notes = [say("report.notice.note", lang=lang, note=w) for w in warnings]
    waits: list[str] = []
    if why:
        waits.append(say("report.notice.why_higher", lang=lang, why=_list(why, lang)))
    if higher:
        waits.append(_higher_waiting(higher, problem.unit_by_code, lang))
    return (first, then, *waits, *notes)


def _places(entries: Sequence[WaitingEntry], units: Mapping[str, Unit], lang: Lang) -> str:
    """Each entry's unit and place on its waiting list, as one list in ``lang``."""
    places = [
        (unit_name(units[e.unit_code], lang) if e.unit_code in units else e.unit_code, e.position)
        for e in entries
    ]
    return _list(
        [say("report.notice.place", lang=lang, name=n, position=p) for n, p in places], lang
    )


def _higher_waiting(entries: Sequence[WaitingEntry], units: Mapping[str, Unit], lang: Lang) -> str:
    """A placed student's places on the waiting lists of the units he or she ranked higher."""
    return say("report.notice.higher_waiting", lang=lang, listed=_places(entries, units, lang))


def _left(problem: Problem, unit: str, free_from: str, lang: Lang) -> tuple[str, ...]:
    u = problem.unit_by_code.get(unit)
    name = unit_name(u, lang) if u is not None else unit
    term = term_text(problem.term, lang)
    return (say("report.notice.left", lang=lang, term=term, name=name, date=free_from),)


def _waiting(entries: Sequence[WaitingEntry], units: Mapping[str, Unit], lang: Lang) -> str:
    if not entries:
        return say("report.notice.no_waiting", lang=lang)
    return say("report.notice.waiting", lang=lang, listed=_places(entries, units, lang))


def _why(
    problem: Problem,
    app: Applicant,
    placement: Mapping[str, str],
    explanation: Explanation | None,
    lang: Lang,
) -> list[str]:
    """Each asked-for unit of the explanation with why, naming no other applicant."""
    units = problem.unit_by_code
    why = []
    for u in explanation.units if explanation else ():
        name = unit_name(units[u.unit_code], lang) if u.unit_code in units else u.unit_code
        words = private_reason(problem, app, u, placement, lang)
        why.append(say("report.notice.unit_why", lang=lang, name=name, why=words))
    return why


def _not_placed(
    problem: Problem,
    app: Applicant,
    placement: Mapping[str, str],
    explanation: Explanation | None,
    entries: Sequence[WaitingEntry],
    lang: Lang,
) -> tuple[str, ...]:
    units = problem.unit_by_code
    term = term_text(problem.term, lang)
    why = _why(problem, app, placement, explanation, lang)
    first = say("report.notice.not_placed", lang=lang, term=term)
    reasons = say("report.notice.why_asked", lang=lang, why=_list(why, lang)) if why else ""
    return tuple(p for p in (first, reasons, _waiting(entries, units, lang)) if p)


def _ineligible(problem: Problem, blocking: Sequence[Reason], lang: Lang) -> tuple[str, ...]:
    term = term_text(problem.term, lang)
    first = say("report.notice.ineligible", lang=lang, term=term)
    if lang == "fa":
        return (first, *(r.message_fa for r in blocking))
    reasons = (
        say("report.notice.rule", lang=lang, why=r.message_en, rule=r.rule) for r in blocking
    )
    return (first, *reasons)


def student_notices(
    problem: Problem,
    eligibility: EligibilityResult,
    placement: Mapping[str, str],
    explanations: Mapping[str, Explanation],
    waiting: Mapping[str, Sequence[WaitingEntry]],
    lang: Lang = "fa",
    *,
    left: Mapping[str, tuple[str, str]] | None = None,
    starts: Mapping[str, str] | None = None,
) -> tuple[StudentNotice, ...]:
    """One notice per applicant, in the applicants file's order (module docstring).
    ``waiting`` gives each student's places on the waiting lists, best preference first;
    ``left`` the placements a vacancy ended (``unit, first free day``), ``starts`` the first day
    of the students who took a vacant seat."""
    left, starts = left or {}, starts or {}
    notices = []
    units = problem.unit_by_code
    for app in problem.applicants:
        item = eligibility.by_id.get(app.student_id)
        code = placement.get(app.student_id)
        kind: NoticeKind
        if code is not None and code in units:
            kind = "placed"
            warnings = [
                r.message_fa if lang == "fa" else r.message_en
                for r in (item.reasons if item else ())
                if r.severity == "warning"
            ]
            rank = problem.preference_ranks.get(app.student_id, {}).get(code)
            higher = [
                e
                for e in waiting.get(app.student_id, ())
                if e.unit_code != code and (rank is None or e.preference_rank < rank)
            ]
            explanation = explanations.get(app.student_id)
            if explanation is not None and explanation.placed_unit != code:
                explanation = None
            why = _why(problem, app, placement, explanation, lang)
            paragraphs = _placed(
                problem, units[code], warnings, starts.get(app.student_id), higher, why, lang
            )
        elif app.student_id in left:
            kind = "left"
            paragraphs = _left(problem, *left[app.student_id], lang)
        elif item is not None and item.eligible:
            kind = "not_placed"
            paragraphs = _not_placed(
                problem,
                app,
                placement,
                explanations.get(app.student_id),
                waiting.get(app.student_id, ()),
                lang,
            )
        else:
            kind = "ineligible"
            paragraphs = _ineligible(problem, item.blocking if item else (), lang)
        notices.append(
            StudentNotice(
                student_id=app.student_id,
                first_name=app.first_name,
                last_name=app.last_name,
                mobile=mobile_of(app),
                kind=kind,
                unit_code=code if kind == "placed" else None,
                greeting=greeting(app, lang),
                paragraphs=paragraphs,
            )
        )
    return tuple(notices)


def unit_letters(problem: Problem, placement: Mapping[str, str]) -> tuple[UnitLetter, ...]:
    """One letter per unit with placed students, in the units file's order; the students in
    the applicants file's order."""
    placed: dict[str, list[tuple[Applicant, Decimal]]] = {}
    units = problem.unit_by_code
    for app in problem.applicants:
        code = placement.get(app.student_id)
        if code in units:
            hours = planned_hours(units[code], problem.policy)
            placed.setdefault(code, []).append((app, hours))
    return tuple(
        UnitLetter(u, Contact.of(u), tuple(placed[u.code]))
        for u in problem.units
        if u.code in placed
    )
