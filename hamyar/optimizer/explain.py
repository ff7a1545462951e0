"""Why an eligible student was not placed, or not at the first choice, in Persian and English.

Every eligible student left without a seat, or placed below the best rank he or she asked for,
gets one :class:`Explanation`. It covers each asked-for unit of strictly better rank than the
placement (all asked-for units when unplaced, or when placed outside the list), in rank order,
then by unit code, with the first of these that holds (``g`` = the student's gender):

1. ``no_seats_of_gender`` — the unit has no seats for ``g``
   (:func:`~hamyar.optimizer.seats.no_seats`);
2. ``rejected_by_unit`` — the unit turned the student down (the rejections file, rule E9), with
   any other E9 reasons; ``closed_e9`` — the eligibility result closed the unit to the student
   (rule E9) for other reasons, with them;
3. ``other`` — the unit is not among the student's admissible units for another reason;
4. ``other`` — the student is a continuing assistant kept in his or her pinned unit (rule A5);
5. ``full_higher_precedence`` — every ``g`` seat is taken and the lowest-precedence holder ``t``
   (named in ``holder_student_id``) has higher precedence than the student. The message says how
   many students hold the seats and how many of them come first by each part of the rule A3
   order (priority score, GPA, seeded lottery; :class:`~hamyar.optimizer.standing.Standings`),
   then ``t``'s priority score and GPA (the bar the student did not reach) and which part
   decided against ``t``;
6. ``other`` — every ``g`` seat is taken, by continuing assistants kept by rule A5 (the lowest of
   them is named) and by students of higher precedence, counted as in case 5;
7. ``stability`` — a movable holder ``t`` of lower precedence holds a ``g`` seat (justified envy;
   ``holder_student_id`` is the same student :func:`~hamyar.optimizer.envy.justified_envy` names):
   the allocation put the policy's objective (students placed, their priority scores) first;
8. ``budget`` — a ``g`` seat is free and a budget cap applies (the term's or the unit's);
9. ``other`` — a ``g`` seat is free and no budget cap applies: the message names the settings that
   can keep a student out of a free seat (a previous allocation kept, a minimum fill, the time
   limit).

A result of :func:`~hamyar.optimizer.stable.acceptance.deferred_acceptance` only ever gives kinds
1–6.
Ineligible applicants are not explained here: their eligibility reasons say why.

Messages name the unit's holder, never the student's own values, so one frozen
:class:`UnitExplanation` serves every student with the same unit, rank, case, deciding
criterion and counts of holders ahead: at 100,000 applicants a few tens of thousands of them
are built for some 300,000 (student, unit) reasons. Precedence positions come from
:func:`~hamyar.optimizer.precedence.precedence_positions`, computed once per problem; a caller
that already has them, or the priority scores, passes them along.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import NamedTuple

from hamyar.collector import collector_paused
from hamyar.models import (
    Applicant,
    EligibilityResult,
    Explanation,
    Gender,
    Policy,
    Problem,
    UnitClosure,
    UnitExplanation,
)
from hamyar.models.results import ExplanationKind
from hamyar.optimizer.envy import SeatHolders, placed_rank, seat_holders
from hamyar.optimizer.seats import SeatKey
from hamyar.optimizer.stable.acceptance import by_rank_then_code
from hamyar.optimizer.standing import Ahead, Standings
from hamyar.sentences import AHEAD, Said, decided, fixed, joined, said, seats_of

SCORE, GPA, LOTTERY = 0, 1, 2
"""Which part of the precedence order (priority score, GPA, seeded lottery) decided
(:func:`hamyar.sentences.decided`)."""


def explain(
    problem: Problem,
    eligibility: EligibilityResult,
    placement: Mapping[str, str],
    capacity: Mapping[SeatKey, int] | None = None,
    *,
    pins: Mapping[str, str] | None = None,
    position: Mapping[str, int] | None = None,
    scores: Mapping[str, int] | None = None,
) -> tuple[Explanation, ...]:
    """One explanation per eligible student not placed at his or her best asked-for rank.

    Explanations come in the order of ``problem.applicants``. ``capacity``, ``pins``,
    ``position`` and ``scores`` mean what they mean in
    :func:`~hamyar.optimizer.envy.justified_envy` (defaults: declared seats, ``problem.pins``,
    positions and scores computed from ``problem``).
    """
    holders = seat_holders(problem, placement, capacity, pins, position=position, scores=scores)
    reasons = _Reasons(problem, holders, placement, scores)
    items = eligibility.by_id
    ranks = problem.preference_ranks
    explanations: list[Explanation] = []
    with collector_paused():
        for app in problem.applicants:
            sid = app.student_id
            item = items.get(sid)
            if item is None or not item.eligible:
                continue
            admissible = item.admissible_units
            closed = item.closed_units
            closures = {c.unit_code: c for c in closed} if closed else {}
            prefs = asked = ranks.get(sid, {})
            if closures or not admissible.keys() <= asked.keys():
                asked = {**asked, **{code: c.rank for code, c in closures.items()}, **admissible}
            unit = placement.get(sid)
            current = placed_rank(admissible, prefs, unit)
            if current is None:
                better = list(asked.items())
            elif current <= min(asked.values(), default=current):
                continue
            else:
                better = [kv for kv in asked.items() if kv[1] < current]
            if len(better) > 1:
                better.sort(key=by_rank_then_code)
            units = reasons.units(app, better, admissible, closures, unit)
            explanations.append(
                Explanation(student_id=sid, placed_unit=unit, placed_rank=current, units=units)
            )
    return tuple(explanations)


NO_SEATS, NOT_ADMISSIBLE, KEPT, FULL, PINNED, STABILITY, FREE = range(7)
"""The cases 1, 3, 4, 5, 6, 7 and 8–9 of the module docstring (case 2, ``closed_e9``, carries
the student's own E9 reasons and is built for each student)."""

_Words = tuple[ExplanationKind, str, str, str | None]
"""``(kind, message_en, message_fa, holder_student_id)``: what a reason says."""


class _Student(NamedTuple):
    """A seat holder as the reasons need him or her."""

    sid: str
    position: int  # in precedence order, 0 the strongest
    score: int  # priority score (rule A3)
    gpa: float


class _Reasons:
    """The reason of each (student, asked-for unit), each distinct one built once.

    A reason is fixed by ``(case, slot, rank, detail, ahead)``: ``detail`` is the deciding
    criterion (:data:`SCORE`, :data:`GPA` or :data:`LOTTERY`) of cases :data:`FULL` and
    :data:`STABILITY`, whether the student is placed for :data:`FREE`, else 0; ``ahead`` the
    holders ahead of the student by each criterion (:data:`~hamyar.optimizer.standing.Ahead`) in
    cases :data:`FULL` and :data:`PINNED` (case :data:`KEPT` is fixed by the unit the student is
    kept in instead). When the weakest holder concerned has a higher priority score than the
    student, every holder is ahead by the score: ``ahead`` is implied by the slot and is
    ``None``, and the common case costs no count. Outside :data:`KEPT` the words depend on the
    case, slot, detail and ahead only, so all ranks share them.
    """

    def __init__(
        self,
        problem: Problem,
        holders: SeatHolders,
        placement: Mapping[str, str],
        scores: Mapping[str, int] | None = None,
    ) -> None:
        self.problem = problem
        self.policy = problem.policy
        self.holders = holders
        self.scores = scores
        self.standings = Standings(problem, holders, placement, self.score)
        self._students: dict[str, _Student] = {}
        # _made[slot][rank · 32 + case · 4 + detail], or that with ``ahead`` when it is not
        # implied (``_Reasons.units``); case < 8 and detail < 4 outside KEPT.
        self._made: list[dict[int | tuple[int, Ahead], UnitExplanation]] = [
            {} for _ in holders.seats
        ]
        self._kept: dict[tuple[int, int, str | None], UnitExplanation] = {}
        self._said: dict[tuple[int, int, int, Ahead | None], _Words] = {}
        self.pools, self.seats, self.filled = holders.table.pools, holders.seats, holders.filled
        self.names = {u.code: u.name_fa for u in problem.units}
        self.weakest = [self.student(t) if t else None for t in holders.weakest]
        self.movable = [self.student(t) if t else None for t in holders.weakest_movable]

    def score(self, app: Applicant) -> int:
        """The priority score of a student (rule A3)."""
        if self.scores is None:
            return self.policy.priority_score(app.priority_groups)
        return self.scores[app.student_id]

    def student(self, sid: str) -> _Student:
        """A holder's standing, computed once."""
        found = self._students.get(sid)
        if found is None:
            app = self.problem.applicant_by_id[sid]
            found = self._students[sid] = _Student(
                sid, self.holders.position[sid], self.score(app), app.gpa
            )
        return found

    def units(
        self,
        app: Applicant,
        better: Iterable[tuple[str, int]],
        admissible: Mapping[str, int],
        closures: Mapping[str, UnitClosure],
        placed_unit: str | None,
    ) -> tuple[UnitExplanation, ...]:
        """For each asked-for unit of ``better`` (``(unit_code, rank)``, in order), the first of
        the cases 1–9 (module docstring) that holds for the student ``app``.

        The deciding criterion between a stronger student ``a`` and a weaker ``b`` is the first
        that differs: :data:`SCORE` if ``score(a) ≠ score(b)``, else :data:`GPA` if
        ``gpa(a) ≠ gpa(b)``, else :data:`LOTTERY`.
        """
        sid = app.student_id
        g = int(app.gender is Gender.male)
        mine, score, gpa = self.holders.position[sid], self.score(app), app.gpa
        kept = sid in self.holders.fixed
        slot_of, seats_of, filled, made = self.pools[g], self.seats, self.filled, self._made
        weakest, movables, standings = self.weakest, self.movable, self.standings
        found: list[UnitExplanation] = []
        for code, rank in better:
            slot = slot_of[code]
            seats = seats_of[slot]
            ahead: Ahead | None = None  # None: implied by the slot, case and detail
            if seats <= 0:
                case, detail = NO_SEATS, 0
            elif code in closures:
                found.append(self._closed(code, rank, closures[code]))
                continue
            elif code not in admissible:
                case, detail = NOT_ADMISSIBLE, 0
            elif kept:
                found.append(self._kept_in(slot, code, rank, placed_unit))
                continue
            elif filled[slot] >= seats:
                low = weakest[slot]
                assert low is not None  # a full slot with seats has holders
                if low.position < mine:
                    case = FULL
                    if low.score != score:  # the weakest holder's score is the lowest
                        detail = SCORE
                    else:
                        detail = GPA if low.gpa != gpa else LOTTERY
                        ahead = standings.ahead(slot, score, gpa)
                else:
                    movable = movables[slot]
                    if movable is None or movable.position < mine:
                        case, detail = PINNED, 0
                        if movable is not None and movable.score == score:
                            ahead = standings.ahead(slot, score, gpa, movable_only=True)
                    else:
                        case, t = STABILITY, movable
                        detail = SCORE if score != t.score else GPA if gpa != t.gpa else LOTTERY
            else:
                case, detail = FREE, int(placed_unit is not None)
            base = rank * 32 + case * 4 + detail
            key = base if ahead is None else (base, ahead)
            reason = made[slot].get(key)
            if reason is None:
                words = self._said_of(case, slot, detail, ahead, code, placed_unit)
                reason = made[slot][key] = self._reason(code, rank, words)
            found.append(reason)
        return tuple(found)

    def _kept_in(self, slot: int, code: str, rank: int, placed_unit: str | None) -> UnitExplanation:
        """Case :data:`KEPT`, whose words name the unit the student is kept in."""
        key = (slot, rank, placed_unit)
        reason = self._kept.get(key)
        if reason is None:
            words = self._words(KEPT, 0, None, code, slot, placed_unit)
            reason = self._kept[key] = self._reason(code, rank, words)
        return reason

    def _said_of(
        self,
        case: int,
        slot: int,
        detail: int,
        ahead: Ahead | None,
        code: str,
        placed_unit: str | None,
    ) -> _Words:
        """The words of a reason outside case :data:`KEPT`, built once per (case, slot, detail,
        ahead)."""
        said = (case, slot, detail, ahead)
        words = self._said.get(said)
        if words is None:
            words = self._said[said] = self._words(case, detail, ahead, code, slot, placed_unit)
        return words

    def bar(self, sid: str) -> Said:
        """A holder's priority score and GPA, in English and Persian."""
        holder = self.student(sid)
        return said("explain.bar", score=holder.score, gpa=holder.gpa)

    def _closed(self, code: str, rank: int, closure: UnitClosure) -> UnitExplanation:
        """Case 2: the unit's rejection (rejections file) first, then its other E9 reasons."""
        rejected = any(r.values.get("requirement") == "rejection" for r in closure.reasons)
        others = tuple(
            (r.message_en, r.message_fa)
            for r in closure.reasons
            if r.values.get("requirement") != "rejection"
        )
        kind: ExplanationKind = "rejected_by_unit" if rejected else "closed_e9"
        return self._reason(code, rank, (kind, *_closed_words(rejected, others), None))

    def _words(
        self,
        case: int,
        detail: int,
        ahead: Ahead | None,
        code: str,
        slot: int,
        placed_unit: str | None,
    ) -> _Words:
        """``(kind, message_en, message_fa, holder_student_id)`` of one case; the sentences are
        the catalogue's ``explain.*``."""
        holders = self.holders
        seats = seats_of(self.holders.table.pool(slot))
        if case == NO_SEATS:
            return ("no_seats_of_gender", *said("explain.no_seats", seats=seats), None)
        if case == NOT_ADMISSIBLE:
            return ("other", *fixed("explain.not_admissible"), None)
        if case == KEPT:
            kept_in = self._named(placed_unit)
            return ("other", *said("explain.kept", unit=kept_in), None)
        count, pinned = holders.seats[slot], holders.pinned[slot]
        if case == FULL:
            weakest = holders.weakest[slot]
            assert weakest is not None
            bar, by = self.bar(weakest), decided(detail)
            ahead = ahead or (holders.filled[slot], 0, 0)
            held, why = sum(ahead), _why_ahead(ahead)
            en, fa = said(
                "explain.full.one" if held == count == 1 else "explain.full",
                count=count,
                seats=seats,
                held=held,
                why=why,
                holder=weakest,
                bar=bar,
                decided=by,
            )
            if pinned:
                more_en, more_fa = said("explain.full.pinned", pinned=pinned)
                en, fa = en + more_en, fa + more_fa
            return "full_higher_precedence", en, fa, weakest
        if case == PINNED:
            weakest = holders.weakest[slot]
            rest: Said = ("", "")
            if holders.weakest_movable[slot]:
                ahead = ahead or (holders.filled[slot] - pinned, 0, 0)
                rest = said("explain.pinned.rest", held=sum(ahead), why=_why_ahead(ahead))
            words = said(
                "explain.pinned", pinned=pinned, count=count, seats=seats, holder=weakest, rest=rest
            )
            return ("other", *words, weakest)
        if case == STABILITY:
            movable = holders.weakest_movable[slot]
            assert movable is not None
            bar, by = self.bar(movable), decided(detail)
            cause = _objective_cause(self.policy, code)
            words = said(
                "explain.stability", seats=seats, holder=movable, bar=bar, decided=by, cause=cause
            )
            return ("stability", *words, movable)
        if _budget_applies(self.policy, code):
            return ("budget", *said("explain.budget", seats=seats), None)
        causes = _free_seat_causes(self.policy, placed_unit is not None)
        return ("other", *said("explain.free", seats=seats, causes=causes), None)

    def _named(self, code: str | None) -> Said:
        """A unit as a sentence names it: its code in English, its Persian name in Persian."""
        return (code or "", self.names.get(code or "", code or ""))

    def _reason(self, code: str, rank: int, words: _Words) -> UnitExplanation:
        kind, en, fa, holder = words
        return UnitExplanation(
            unit_code=code,
            rank=rank,
            kind=kind,
            message_en=en,
            message_fa=fa,
            holder_student_id=holder,
            unit_name_fa=self.names[code],
        )


@lru_cache(maxsize=4096)
def _closed_words(rejected: bool, others: tuple[Said, ...]) -> Said:
    """The words of case 2, built once per distinct set of E9 reasons."""
    if not rejected:
        return said("explain.closed_e9", reasons=joined("reasons", list(others)))
    en, fa = fixed("explain.rejected")
    if others:
        more_en, more_fa = said("explain.rejected.more", reasons=joined("reasons", list(others)))
        en, fa = en + more_en, fa + more_fa
    return en, fa


def _why_ahead(ahead: Ahead) -> Said:
    """``3 by a higher priority score (rule A3), 1 by a higher GPA …``: the non-zero counts."""
    parts = [said(which, n=n) for which, n in zip(AHEAD, ahead, strict=True) if n]
    return joined("causes", parts)


def _budget_applies(policy: Policy, code: str) -> bool:
    return policy.budget_term_rial is not None or code in policy.unit_budget_term_rial


def _objective_cause(policy: Policy, code: str) -> Said:
    en, fa = fixed("explain.stability.stable" if policy.stable else "explain.stability.objective")
    if _budget_applies(policy, code):
        more_en, more_fa = fixed("explain.stability.budget")
        en, fa = en + more_en, fa + more_fa
    return en, fa


def _free_seat_causes(policy: Policy, placed: bool) -> Said:
    causes: list[Said] = []
    if policy.keep_previous:
        causes.append(fixed("explain.free.keep_previous"))
    if placed and policy.min_fill > 0:
        causes.append(fixed("explain.free.min_fill"))
    causes.append(fixed("explain.free.time_limit"))
    return joined("causes", causes)
