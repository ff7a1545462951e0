"""Every rule for every applicant of a problem: :func:`evaluate`.

For each applicant, in the order of the problem:

1. E1–E8 (:data:`APPLICANT_RULES`) each give their reasons; all of them are kept, not only the
   first.
2. E9 is checked for every asked-for unit (``problem.preference_ranks``, an area standing for all
   its units at the same rank). A closed unit goes to ``closed_units`` with its reasons, an open
   one to ``admissible_units`` ``{unit_code: rank}``, which is what the optimizer may use.
3. A continuing assistant's current unit (``problem.pins``, rule A5) is checked by E9 as well. When
   it is not among the units asked for, it is added as if asked for last (rank = the applicant's
   worst rank + 1), so that it stays admissible unless E9 closes it; when E9 closes it, a
   ``warning`` says the assistant cannot be kept there.
4. An applicant left with no admissible unit gets an E9 ``error`` naming every closed unit and
   why (or an A4 ``error`` when he or she asked for none).

``eligible`` is true when no reason has severity ``error``; warnings (an invalid Sheba) and info
notes (a non-Melli bank, an international student with an Iranian mother) do not block it. A study
start after the term is bad input: every such row is reported in one :class:`InputError`.
"""

from __future__ import annotations

from collections.abc import Callable

from hamyar.eligibility.e1_semesters import derive_semesters, e1_semesters
from hamyar.eligibility.e2_disciplinary import e2_disciplinary
from hamyar.eligibility.e3_probation import e3_probation
from hamyar.eligibility.e4_gpa import e4_gpa
from hamyar.eligibility.e5_international import e5_international
from hamyar.eligibility.e6_accepted_rules import e6_accepted_rules
from hamyar.eligibility.e7_institution import e7_institution
from hamyar.eligibility.e8_sheba import e8_sheba
from hamyar.eligibility.e9_unit import e9_unit, no_open_unit, no_unit_asked
from hamyar.eligibility.reasons import bodies, reason, unit_named
from hamyar.errors import InputError, Issue
from hamyar.messages import Msg
from hamyar.models import (
    Applicant,
    ApplicantEligibility,
    EligibilityResult,
    Policy,
    Problem,
    Reason,
    Term,
    UnitClosure,
)

ApplicantRule = Callable[[Applicant, Policy, Term], list[Reason]]

APPLICANT_RULES: tuple[tuple[str, ApplicantRule], ...] = (
    ("E1", e1_semesters),
    ("E2", e2_disciplinary),
    ("E3", e3_probation),
    ("E4", e4_gpa),
    ("E5", e5_international),
    ("E6", e6_accepted_rules),
    ("E7", e7_institution),
    ("E8", e8_sheba),
)
"""The applicant-level rules, in order; E9 is per (applicant, unit) pair."""


def applicant_reasons(applicant: Applicant, policy: Policy, term: Term) -> list[Reason]:
    """Every reason of E1–E8 for one applicant."""
    return [r for _, rule in APPLICANT_RULES for r in rule(applicant, policy, term)]


def evaluate_applicant(problem: Problem, applicant: Applicant) -> ApplicantEligibility:
    """One applicant's verdict (module docstring)."""
    policy, term = problem.policy, problem.term
    sid = applicant.student_id
    semesters = derive_semesters(applicant, policy, term).count
    reasons = applicant_reasons(applicant, policy, term)

    ranks = dict(problem.preference_ranks.get(sid, {}))
    pin = problem.pins.get(sid)
    if pin is not None and pin not in ranks:
        ranks[pin] = max(ranks.values(), default=0) + 1
    admissible: dict[str, int] = {}
    closures: list[UnitClosure] = []
    for code, rank in sorted(ranks.items(), key=lambda kv: (kv[1], kv[0])):
        unit = problem.unit_by_code[code]
        closed = e9_unit(
            applicant,
            unit,
            policy,
            term,
            (sid, code) in problem.rejected_pairs,
            problem.excluded_pairs.get((sid, code)),
        )
        if closed:
            closures.append(UnitClosure(unit_code=code, rank=rank, reasons=tuple(closed)))
        else:
            admissible[code] = rank

    pin_closure = next((c for c in closures if c.unit_code == pin), None)
    if pin_closure is not None:
        kept = problem.unit_by_code[pin_closure.unit_code]
        kept_in = unit_named(kept.code, kept.name_fa)
        why = bodies(pin_closure.reasons)
        reasons.append(
            reason(
                "E9",
                Msg("elig.e9.pin_closed", unit=kept_in, reasons=why),
                severity="warning",
                unit_code=pin,
            )
        )
    if not ranks:
        reasons.append(no_unit_asked())
    elif not admissible:
        reasons.append(no_open_unit(closures))

    return ApplicantEligibility(
        student_id=sid,
        eligible=not any(r.severity == "error" for r in reasons),
        reasons=tuple(reasons),
        admissible_units=admissible,
        closed_units=tuple(closures),
        semesters_passed=semesters,
    )


def evaluate(problem: Problem) -> EligibilityResult:
    """The eligibility of every applicant under ``problem.policy`` for ``problem.term``.

    Raises one :class:`InputError` listing every applicant whose study start is after the term.
    """
    items: list[ApplicantEligibility] = []
    issues: list[Issue] = []
    for applicant in problem.applicants:
        try:
            items.append(evaluate_applicant(problem, applicant))
        except InputError as exc:
            issues.extend(exc.issues)
    if issues:
        raise InputError(issues)
    return EligibilityResult(term=problem.term, applicants=tuple(items))
