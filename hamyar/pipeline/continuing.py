"""The term before, as plain data, applied to the next term's problem: ``--continue-from TERM``.

The workspace (:mod:`hamyar.store.history`) hands over a :class:`History`: the placements in
force at the end of the earlier term (its adopted allocation, with any vacancy's leaver out and
newcomer in) and the (student, unit) pairs its units evaluated "not satisfied".
:func:`continue_from` turns it into the next term's problem:

1. **Continuing assistants (rule A5).** An applicant of this term placed in unit ``U`` at the end
   of the earlier term gets ``current_unit = U`` (a pin), whatever the applicants file says; a
   ``current_unit`` typed for a student the earlier allocation did not place is dropped. Each
   disagreement is a warning at the applicant's row.
2. **No pin that breaks a rule.** A continuing assistant who is no longer eligible (E1–E8), whose
   unit is now closed to him or her (E9, e.g. by the unit's "not satisfied" with
   ``exclude_unsatisfied``), or whose unit is gone or has no seat of the gender, is not pinned
   (a warning says why) and competes like anyone else: a hard pin of that kind would make the
   whole allocation infeasible. So are those beyond a unit's seats of this term (fewer seats
   than continuing assistants of a gender): the first in precedence order are kept.
3. **E9 exclusions.** The "not satisfied" pairs become ``problem.exclusions``; eligibility applies
   them when the policy's ``exclude_unsatisfied`` is true (:func:`hamyar.eligibility.e9_unit`).
4. **keep_previous.** With ``keep_previous`` in the policy, the continuing assistants of 1.–2.
   are not pinned but are the previous allocation the optimizer keeps (``keep_previous_mode``:
   ``soft`` keeps as many as it can, counted before every other term; ``hard`` fixes them); a
   ``keep_previous`` naming another term than ``TERM`` is refused. Without it they are pins
   (the policy's ``pins``, hard by default).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from hamyar.eligibility.evaluate import evaluate_applicants
from hamyar.errors import InputError, Issue
from hamyar.messages import Msg, Text
from hamyar.models import Applicant, EligibilityResult, Exclusion, Gender, Problem, Term
from hamyar.optimizer.infeasible import pin_conflict
from hamyar.optimizer.network import priority_scores
from hamyar.optimizer.precedence import precedence_positions

OPTION = "--continue-from"


@dataclass(frozen=True)
class History:
    """What the workspace knows of an earlier term."""

    term: Term
    placements: Mapping[str, str]
    """``{student_id: unit_code}`` in force at the end of the term."""
    unsatisfied: tuple[tuple[str, str], ...] = ()
    """``(student_id, unit_code)`` pairs the units evaluated "not satisfied"."""


@dataclass(frozen=True)
class Continued:
    """The next term's problem with the history applied, and what happened on the way."""

    problem: Problem
    previous: dict[str, str] | None
    """The allocation ``keep_previous`` keeps (``None`` when the policy does not ask)."""
    continuing: dict[str, str]
    """``{student_id: unit_code}`` of the continuing assistants (pinned, or with keep_previous
    the previous allocation)."""
    not_continuing: dict[str, Text]
    """Applicants placed in the earlier term who are not pinned, with why."""
    not_applied: int
    """Students placed in the earlier term who did not apply this term."""
    warnings: tuple[Issue, ...] = field(default=())


def _refuse(message: Msg, value: object) -> InputError:
    return InputError([Issue(message, value, file="-", column=OPTION)])


def check_order(problem: Problem, term: Term) -> None:
    """Refuse continuing from a term that is not before the problem's term."""
    if term.index >= problem.term.index:
        raise _refuse(Msg("pipeline.continue.order", term=str(problem.term)), str(term))


def _check(problem: Problem, history: History) -> None:
    check_order(problem, history.term)
    named = problem.policy.keep_previous
    if named:
        try:
            term = Term.parse(named)
        except ValueError:
            return  # a label, not a term: it keeps the allocation continued from
        if term != history.term:
            raise InputError(
                [
                    Issue(
                        Msg(
                            "pipeline.continue.keep_other_term",
                            named=str(term),
                            term=str(history.term),
                        ),
                        named,
                        file="policy",
                        column="keep_previous",
                    )
                ]
            )


def _warn(app: Applicant, message: Msg, value: object, column: str | None = None) -> Issue:
    return Issue(
        message,
        value,
        file=app.source.file,
        row=app.source.row,
        column=column,
        severity="warning",
        rule="A5",
    )


def _release(
    applicants: list[Applicant],
    reasons: Mapping[str, Text],
    not_continuing: dict[str, Text],
    warnings: list[Issue],
    label: str,
) -> None:
    """The students of ``reasons`` not kept in their unit: no current unit in ``applicants``,
    the reason recorded in ``not_continuing`` and warned of."""
    for i, app in enumerate(applicants):
        reason = reasons.get(app.student_id)
        if reason is not None:
            applicants[i] = app.model_copy(update={"current_unit": None})
            not_continuing[app.student_id] = reason
            message = Msg("pipeline.continue.not_kept", unit=app.current_unit, reason=reason)
            warnings.append(_warn(app, message, label))


def _rebuild(
    problem: Problem, applicants: list[Applicant], exclusions: tuple[Exclusion, ...]
) -> Problem:
    return Problem.create(
        applicants,
        problem.units,
        problem.rejections,
        policy=problem.policy,
        term=problem.term,
        name=problem.name,
        exclusions=exclusions,
    )


def _beyond_seats(problem: Problem) -> dict[str, Text]:
    """Continuing assistants beyond their unit's seats of this term, with why: each unit and
    gender keeps the first of them in precedence order (A3, then GPA, then the lottery)."""
    position = precedence_positions(problem, priority_scores(problem))
    groups: dict[tuple[str, Gender], list[str]] = {}
    for sid, code in problem.pins.items():
        groups.setdefault((code, problem.applicant_by_id[sid].gender), []).append(sid)
    over: dict[str, Text] = {}
    for (code, gender), sids in groups.items():
        seats = problem.unit_by_code[code].seats(gender)
        if len(sids) > seats:
            ranked = sorted(sids, key=position.__getitem__)
            why = Msg(
                f"pipeline.continue.beyond_seats.{gender.value}",
                unit=code,
                seats=seats,
                continuing=len(sids),
            )
            over.update((sid, why) for sid in ranked[seats:])
    return over


def continue_from(problem: Problem, history: History) -> Continued:
    """``problem`` with the earlier term's continuing assistants, exclusions and previous
    allocation (module docstring)."""
    _check(problem, history)
    label = str(history.term)
    index = problem.unit_index
    warnings: list[Issue] = []
    not_continuing: dict[str, Text] = {}
    applicants: list[Applicant] = []
    for app in problem.applicants:
        before = history.placements.get(app.student_id)
        typed = index.unit_code(app.current_unit) if app.current_unit else None
        unit: str | None = None
        if before is not None:
            unit = index.unit_code(before)
            if unit is None:
                gone = Msg("pipeline.continue.no_seats", unit=before, term=label)
                not_continuing[app.student_id] = gone
                warnings.append(_warn(app, Msg("pipeline.continue.gone", why=gone), before))
            elif app.current_unit and typed != unit:
                warnings.append(
                    _warn(
                        app,
                        Msg("pipeline.continue.replaced", term=label, unit=unit),
                        app.current_unit,
                        "current_unit",
                    )
                )
        elif app.current_unit:
            warnings.append(
                _warn(
                    app,
                    Msg("pipeline.continue.ignored", term=label),
                    app.current_unit,
                    "current_unit",
                )
            )
        applicants.append(app.model_copy(update={"current_unit": unit}))

    exclusions = tuple(
        Exclusion(student_id=sid, unit_code=code, term=label) for sid, code in history.unsatisfied
    )
    candidate = _rebuild(problem, applicants, exclusions)
    by_id = candidate.applicant_by_id
    verdicts = evaluate_applicants(candidate, [by_id[sid] for sid in candidate.pins])
    eligibility = EligibilityResult(term=candidate.term, applicants=verdicts)
    released: dict[str, Text] = {}
    for sid, code in candidate.pins.items():
        conflict = pin_conflict(candidate, eligibility, sid, code)
        if conflict is not None:
            released[sid] = conflict
    if released:
        _release(applicants, released, not_continuing, warnings, label)
        candidate = _rebuild(problem, applicants, exclusions)

    over = _beyond_seats(candidate)
    if over:
        _release(applicants, over, not_continuing, warnings, label)
        candidate = _rebuild(problem, applicants, exclusions)

    applied = set(problem.applicant_by_id)
    continuing = dict(candidate.pins)
    previous = None
    if problem.policy.keep_previous:
        # The policy says how the earlier allocation is kept (keep_previous_mode), so the
        # continuing assistants are that previous allocation rather than pins as well: a pin
        # would take precedence and leave keep_previous nothing to do.
        previous = continuing
        unpinned = [app.model_copy(update={"current_unit": None}) for app in applicants]
        candidate = _rebuild(problem, unpinned, exclusions)
    return Continued(
        problem=candidate,
        previous=previous,
        continuing=continuing,
        not_continuing=not_continuing,
        not_applied=sum(1 for sid in history.placements if sid not in applied),
        warnings=tuple(warnings),
    )
