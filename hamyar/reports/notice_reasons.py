"""Why a unit did not take a student, as the student's own notice says it: without anyone else.

The optimizer's explanations (:mod:`hamyar.optimizer.explain`) are written for the planner: a
full unit names its last seat holder with his or her priority score and GPA. A notice goes to
the student by SMS or the Sajad portal, so it never names another applicant nor gives anyone
else's personal data. Here the cases that name a holder are said again with counts only:

* ``full_higher_precedence`` — the unit's seats of the student's gender, how many applicants of
  higher precedence hold them, and which part of the precedence order decided (priority score,
  GPA, seeded lottery), from the student's own standing against the holder's;
* ``other`` with a holder — the seats kept by continuing assistants (rule A5), how many, and
  whether applicants of higher precedence hold the rest;
* ``stability`` — a seat went to an applicant of lower precedence because the allocation put
  the policy's objective first; the office can review the case.

Every other case names nobody and keeps the optimizer's words.
"""

from __future__ import annotations

from collections.abc import Mapping

from hamyar.messages import say
from hamyar.models import Applicant, Gender, Problem, UnitExplanation
from hamyar.sentences import DECIDED
from hamyar.text import Lang


def _standing(problem: Problem, app: Applicant) -> tuple[int, float]:
    return problem.policy.priority_score(app.priority_groups), app.gpa


def _decided(problem: Problem, one: Applicant, other: Applicant, lang: Lang) -> str:
    """Which part of the precedence order tells ``one`` and ``other`` apart."""
    (score_a, gpa_a), (score_b, gpa_b) = _standing(problem, one), _standing(problem, other)
    which = 0 if score_a != score_b else 1 if gpa_a != gpa_b else 2
    en, fa = DECIDED[which]
    return fa if lang == "fa" else en


def _holders(
    problem: Problem, placement: Mapping[str, str], unit: str, gender: Gender
) -> list[str]:
    """The students of ``gender`` placed in ``unit``."""
    apps = problem.applicant_by_id
    return [s for s, u in placement.items() if u == unit and s in apps and apps[s].gender is gender]


def private_reason(
    problem: Problem,
    app: Applicant,
    reason: UnitExplanation,
    placement: Mapping[str, str],
    lang: Lang,
) -> str:
    """The words of ``reason`` (why unit ``reason.unit_code`` did not take ``app``) that name no
    other applicant (module docstring)."""
    holder_id = reason.holder_student_id
    holder = problem.applicant_by_id.get(holder_id) if holder_id else None
    if holder is None:
        return reason.message_fa if lang == "fa" else reason.message_en
    gender = app.gender.value
    held = _holders(problem, placement, reason.unit_code, app.gender)
    n = len(held)
    if reason.kind == "full_higher_precedence":
        decided = _decided(problem, holder, app, lang)
        return say(f"report.notice.reason.full.{gender}", lang=lang, n=n, decided=decided)
    if reason.kind == "stability":
        decided = _decided(problem, app, holder, lang)
        return say(f"report.notice.reason.stability.{gender}", lang=lang, decided=decided)
    pins = problem.pins
    kept = sum(pins.get(s) == reason.unit_code for s in held)
    rest = n - kept
    text = say(f"report.notice.reason.kept.{gender}", lang=lang, kept=kept, n=n)
    return text + (say("report.notice.reason.rest", lang=lang) if rest else "")
