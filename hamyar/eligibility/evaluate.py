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

Each of E1–E8 runs once over the whole column set (:class:`~hamyar.eligibility.columns.Columns`)
and decides once per distinct value; a reason is a shared record whose sentences are rendered
only when something shows them, so the result holds little more than the verdicts.

``eligible`` is true when no reason has severity ``error``; warnings (an invalid Sheba) and info
notes (a non-Melli bank, an international student with an Iranian mother) do not block it. A study
start after the term is bad input: every such row is reported in one :class:`InputError`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter

from hamyar.collector import collector_paused
from hamyar.eligibility.columns import Columns, Fired
from hamyar.eligibility.e1_semesters import e1_semesters, e1_semesters_all, semesters_all
from hamyar.eligibility.e2_disciplinary import e2_disciplinary, e2_disciplinary_all
from hamyar.eligibility.e3_probation import e3_probation, e3_probation_all
from hamyar.eligibility.e4_gpa import e4_gpa, e4_gpa_all
from hamyar.eligibility.e5_international import e5_international, e5_international_all
from hamyar.eligibility.e6_accepted_rules import e6_accepted_rules, e6_accepted_rules_all
from hamyar.eligibility.e7_institution import e7_institution, e7_institution_all
from hamyar.eligibility.e8_sheba import e8_sheba, e8_sheba_all
from hamyar.eligibility.e9_unit import Requirements, no_open_unit, no_unit_asked
from hamyar.eligibility.reasons import bodies, reason, unit_named
from hamyar.messages import Msg
from hamyar.models import (
    Applicant,
    ApplicantEligibility,
    Degree,
    EligibilityResult,
    Policy,
    Problem,
    Reason,
    Term,
    Unit,
    UnitClosure,
)

ApplicantRule = Callable[[Applicant, Policy, Term], list[Reason]]
ColumnRule = Callable[[Columns, Policy, Term], Fired]

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

COLUMN_RULES: tuple[tuple[str, ColumnRule], ...] = (
    ("E1", e1_semesters_all),
    ("E2", e2_disciplinary_all),
    ("E3", e3_probation_all),
    ("E4", e4_gpa_all),
    ("E5", e5_international_all),
    ("E6", e6_accepted_rules_all),
    ("E7", e7_institution_all),
    ("E8", e8_sheba_all),
)
"""The same rules over every applicant at once (:data:`APPLICANT_RULES` is each of them on a
column set of one)."""


def applicant_reasons(applicant: Applicant, policy: Policy, term: Term) -> list[Reason]:
    """Every reason of E1–E8 for one applicant."""
    return [r for _, rule in APPLICANT_RULES for r in rule(applicant, policy, term)]


def evaluate_applicant(problem: Problem, applicant: Applicant) -> ApplicantEligibility:
    """One applicant's verdict (module docstring)."""
    return evaluate_applicants(problem, [applicant])[0]


def evaluate(problem: Problem) -> EligibilityResult:
    """The eligibility of every applicant under ``problem.policy`` for ``problem.term``.

    Raises one :class:`InputError` listing every applicant whose study start is after the term.
    """
    return EligibilityResult(term=problem.term, applicants=evaluate_applicants(problem))


def evaluate_applicants(
    problem: Problem, applicants: Sequence[Applicant] | None = None
) -> tuple[ApplicantEligibility, ...]:
    """The verdicts of ``applicants`` (by default every applicant of ``problem``), in their
    order; the cyclic garbage collector is paused while they are built
    (:func:`~hamyar.collector.collector_paused`)."""
    with collector_paused():
        return _verdicts(problem, problem.applicants if applicants is None else applicants)


def _verdicts(
    problem: Problem, applicants: Sequence[Applicant]
) -> tuple[ApplicantEligibility, ...]:
    policy, term = problem.policy, problem.term
    cols = Columns.of(applicants)
    semesters = semesters_all(cols, policy, term)  # bad input first: every row at once
    found: list[list[Reason] | None] = [None] * len(cols)
    for _, rule in COLUMN_RULES:
        for i, r in rule(cols, policy, term).items():
            got = found[i]
            if got is None:
                found[i] = [r]
            else:
                got.append(r)
    return _Pairs(problem).verdicts(applicants, found, [s.count for s in semesters])


class _Pairs:
    """E9 over the asked-for units of one problem's applicants, each unit's requirements read
    once. An applicant who asked only for units that require nothing, and whom no unit rejected
    or evaluated "not satisfied", has every asked-for unit open without a look at each."""

    def __init__(self, problem: Problem) -> None:
        self.ranks = problem.preference_ranks
        self.pins = problem.pins
        self.units = problem.unit_by_code
        self.rejected = problem.rejected_pairs
        self.excluded = problem.excluded_pairs if problem.policy.exclude_unsatisfied else {}
        self.needs = {u.code: Requirements.of(u) for u in problem.units}
        self.free = frozenset(code for code, need in self.needs.items() if need.none)
        self.touched = frozenset(sid for sid, _ in [*self.rejected, *self.excluded])
        self.by_need: dict[tuple[str, Degree, str | None], tuple[Reason, ...]] = {}
        """A unit's requirements' reasons for a degree and field, once each."""

    def verdicts(
        self,
        applicants: Sequence[Applicant],
        found: Sequence[list[Reason] | None],
        semesters: Sequence[int],
    ) -> tuple[ApplicantEligibility, ...]:
        """Every applicant's verdict from his or her E1–E8 reasons ``found`` (module
        docstring)."""
        all_ranks, pins, touched, free = self.ranks, self.pins, self.touched, self.free
        verdicts = []
        for applicant, reasons, count in zip(applicants, found, semesters, strict=True):
            sid = applicant.student_id
            ranks = all_ranks.get(sid, _NOTHING)
            pin = pins.get(sid)
            if pin is not None and pin not in ranks:
                ranks = {**ranks, pin: max(ranks.values(), default=0) + 1}
            in_order = ranks if _in_order(ranks) else sorted(ranks.items(), key=_RANK_THEN_CODE)
            closures: tuple[UnitClosure, ...] = ()
            if sid not in touched and free.issuperset(ranks):
                admissible = in_order if isinstance(in_order, dict) else dict(in_order)
            else:
                reasons = reasons or []
                admissible, closures = self.pairs(applicant, in_order, pin, reasons)
            if not ranks:
                reasons = [*(reasons or ()), no_unit_asked()]
            elif not admissible:
                reasons = [*(reasons or ()), no_open_unit(closures)]
            if reasons:
                eligible = all(r.severity != "error" for r in reasons)
                verdicts.append(
                    ApplicantEligibility(sid, eligible, tuple(reasons), admissible, closures, count)
                )
            else:
                verdicts.append(ApplicantEligibility(sid, True, (), admissible, closures, count))
        return tuple(verdicts)

    def pairs(
        self,
        applicant: Applicant,
        in_order: Iterable[tuple[str, int]] | dict[str, int],
        pin: str | None,
        reasons: list[Reason],
    ) -> tuple[dict[str, int], tuple[UnitClosure, ...]]:
        """E9 for each asked-for unit, in rank order: the open ones ``{code: rank}`` and the
        closed ones; a warning in ``reasons`` when the continuing assistant's ``pin`` is closed."""
        sid, degree, field = applicant.student_id, applicant.degree, applicant.field
        touched, free, by_need = sid in self.touched, self.free, self.by_need
        admissible: dict[str, int] = {}
        closures: list[UnitClosure] = []
        items = in_order.items() if isinstance(in_order, dict) else in_order
        for code, rank in items:
            if touched:
                pair = (sid, code)
                closed = self.needs[code].closing(
                    degree, field, pair in self.rejected, self.excluded.get(pair)
                )
            elif code in free:
                admissible[code] = rank
                continue
            else:  # the unit's requirements alone: the same for every degree and field
                key = (code, degree, field)
                closed = by_need.get(key)  # type: ignore[assignment]
                if closed is None:
                    closed = by_need[key] = self.needs[code].closing(degree, field, False, None)
            if closed:
                closures.append(UnitClosure(code, rank, closed))
            else:
                admissible[code] = rank
        if pin is not None:
            pin_closure = next((c for c in closures if c.unit_code == pin), None)
            if pin_closure is not None:
                reasons.append(_pin_closed(self.units[pin], pin_closure))
        return admissible, tuple(closures)


def _in_order(ranks: dict[str, int]) -> bool:
    """The units are already in the order E9 looks at them: strictly ascending ranks."""
    if len(ranks) < 2:
        return True
    values = list(ranks.values())
    return values == sorted(set(values))


_NOTHING: dict[str, int] = {}
_RANK_THEN_CODE = itemgetter(1, 0)
"""``(rank, code)`` of a ``(code, rank)`` item: the order E9 looks at the asked-for units in."""


def _pin_closed(kept: Unit, closure: UnitClosure) -> Reason:
    """The warning that a continuing assistant cannot be kept in his or her unit (A5, E9)."""
    return reason(
        "E9",
        Msg(
            "elig.e9.pin_closed",
            unit=unit_named(kept.code, kept.name_fa),
            reasons=bodies(closure.reasons),
        ),
        severity="warning",
        unit_code=closure.unit_code,
    )
