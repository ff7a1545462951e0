"""Why an eligible student was not placed, or not at the first choice, in Persian and English.

Every eligible student left without a seat, or placed below the best rank he or she asked for,
gets one :class:`Explanation`. It covers each asked-for unit of strictly better rank than the
placement (all asked-for units when unplaced, or when placed outside the list), in rank order,
then by unit code, with the first of these that holds (``g`` = the student's gender):

1. ``no_seats_of_gender`` — the unit has no seats for ``g``
   (:func:`~hamyar.optimizer.seats.no_seats`);
2. ``closed_e9`` — the eligibility result closed the unit to the student (rule E9), with its
   reasons;
3. ``other`` — the unit is not among the student's admissible units for another reason;
4. ``other`` — the student is a continuing assistant kept in his or her pinned unit (rule A5);
5. ``full_higher_precedence`` — every ``g`` seat is taken and the lowest-precedence holder ``t``
   (named in ``holder_student_id``) has higher precedence than the student. The message gives
   ``t``'s priority score and GPA (the bar the student did not reach) and which of priority
   score (A3), GPA and the seeded lottery decided;
6. ``other`` — every ``g`` seat is taken, by continuing assistants kept by rule A5 (the lowest of
   them is named) and by students of higher precedence;
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
:class:`UnitExplanation` serves every student with the same unit, rank, case and deciding
criterion: at 100,000 applicants a few tens of thousands of them are built for some 300,000
(student, unit) reasons. Precedence positions come from
:func:`~hamyar.optimizer.precedence.precedence_positions`, computed once per problem; a caller
that already has them, or the priority scores, passes them along.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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

_SEATS_EN = ("female", "male")
_SEATS_FA = ("خواهران", "برادران")

SCORE, GPA, LOTTERY = 0, 1, 2
"""Which part of the precedence order (priority score, GPA, seeded lottery) decided."""

_DECIDED_EN = (
    "the priority score (rule A3)",
    "the GPA, at an equal priority score",
    "the seeded lottery, at an equal priority score and GPA",
)
_DECIDED_FA = (
    "امتیاز اولویت (قاعده A3)",
    "معدل، با امتیاز اولویت برابر",
    "قرعه‌کشی، با امتیاز اولویت و معدل برابر",
)


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
    reasons = _Reasons(problem, holders, scores)
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

    A reason is fixed by ``(case, slot, rank, detail)``: ``detail`` is the deciding criterion
    (:data:`SCORE`, :data:`GPA` or :data:`LOTTERY`) of cases :data:`FULL` and :data:`STABILITY`,
    whether the student is placed for :data:`FREE`, else 0 (case :data:`KEPT` is fixed by the
    unit the student is kept in instead). Outside :data:`KEPT` its words depend on the case, slot
    and detail only, so all ranks share them.
    """

    def __init__(
        self, problem: Problem, holders: SeatHolders, scores: Mapping[str, int] | None = None
    ) -> None:
        self.problem = problem
        self.policy = problem.policy
        self.holders = holders
        self.scores = scores
        self._students: dict[str, _Student] = {}
        # _made[slot][rank · 32 + case · 4 + detail]; case < 8 and detail < 4 outside KEPT.
        self._made: list[dict[int, UnitExplanation]] = [{} for _ in holders.seats]
        self._kept: dict[tuple[int, int, str | None], UnitExplanation] = {}
        self._said: dict[tuple[int, int, int], _Words] = {}
        self.pools, self.seats, self.filled = holders.table.pools, holders.seats, holders.filled
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
        weakest, movables = self.weakest, self.movable
        found: list[UnitExplanation] = []
        for code, rank in better:
            slot = slot_of[code]
            seats = seats_of[slot]
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
                    detail = SCORE if low.score != score else GPA if low.gpa != gpa else LOTTERY
                else:
                    movable = movables[slot]
                    if movable is None or movable.position < mine:
                        case, detail = PINNED, 0
                    else:
                        case, t = STABILITY, movable
                        detail = SCORE if score != t.score else GPA if gpa != t.gpa else LOTTERY
            else:
                case, detail = FREE, int(placed_unit is not None)
            key = rank * 32 + case * 4 + detail
            reason = made[slot].get(key)
            if reason is None:
                words = self._said_of(case, slot, detail, code, placed_unit)
                reason = made[slot][key] = _reason(code, rank, words)
            found.append(reason)
        return tuple(found)

    def _kept_in(self, slot: int, code: str, rank: int, placed_unit: str | None) -> UnitExplanation:
        """Case :data:`KEPT`, whose words name the unit the student is kept in."""
        key = (slot, rank, placed_unit)
        reason = self._kept.get(key)
        if reason is None:
            words = self._words(KEPT, 0, code, slot, placed_unit)
            reason = self._kept[key] = _reason(code, rank, words)
        return reason

    def _said_of(
        self, case: int, slot: int, detail: int, code: str, placed_unit: str | None
    ) -> _Words:
        """The words of a reason outside case :data:`KEPT`, built once per (case, slot, detail)."""
        said = (case, slot, detail)
        words = self._said.get(said)
        if words is None:
            words = self._said[said] = self._words(case, detail, code, slot, placed_unit)
        return words

    def bar(self, sid: str) -> tuple[str, str]:
        """A holder's priority score and GPA, in English and Persian."""
        holder = self.student(sid)
        score, gpa = holder.score, holder.gpa
        return (
            f"priority score {score} and GPA {gpa:g}",
            f"امتیاز اولویت {score} و معدل {gpa:g}",
        )

    def _closed(self, code: str, rank: int, closure: UnitClosure) -> UnitExplanation:
        found = closure.reasons
        return UnitExplanation(
            unit_code=code,
            rank=rank,
            kind="closed_e9",
            message_en="closed to you by rule E9: " + "; ".join(r.message_en for r in found),
            message_fa="طبق قاعده E9 برای شما بسته است: " + "؛ ".join(r.message_fa for r in found),
        )

    def _words(
        self, case: int, detail: int, code: str, slot: int, placed_unit: str | None
    ) -> _Words:
        """``(kind, message_en, message_fa, holder_student_id)`` of one case."""
        holders = self.holders
        g = self.holders.table.pool(slot)
        g_en, g_fa = _SEATS_EN[g], _SEATS_FA[g]
        if case == NO_SEATS:
            return (
                "no_seats_of_gender",
                f"the unit has no {g_en} seats (rule A1)",
                f"این واحد ظرفیتی برای {g_fa} ندارد (قاعده A1)",
                None,
            )
        if case == NOT_ADMISSIBLE:
            return (
                "other",
                "not open to you under the eligibility rules",
                "طبق قواعد شرایط همیاری برای شما باز نیست",
                None,
            )
        if case == KEPT:
            return (
                "other",
                f"you continue in your current unit {placed_unit} as a continuing assistant "
                "(rule A5)",
                f"شما به عنوان همیار ادامه‌دهنده در واحد فعلی خود ({placed_unit}) می‌مانید "
                "(قاعده A5)",
                None,
            )
        seats, pinned = holders.seats[slot], holders.pinned[slot]
        if case == FULL:
            weakest = holders.weakest[slot]
            assert weakest is not None
            decided = detail
            bar_en, bar_fa = self.bar(weakest)
            en = (
                f"full: every {g_en} seat is held by a student of higher precedence; the last of "
                f"them, {weakest}, has {bar_en} and is ahead of you by {_DECIDED_EN[decided]}"
            )
            fa = (
                f"ظرفیت {g_fa} این واحد را دانشجویانی با اولویت بالاتر پر کرده‌اند؛ آخرین آنها، "
                f"{weakest}، با {bar_fa}، از نظر {_DECIDED_FA[decided]} از شما جلوتر است"
            )
            if pinned:
                en += f" ({pinned} of the seats are kept by continuing assistants, rule A5)"
                fa += f" ({pinned} نفر از آنها همیاران ادامه‌دهنده‌اند، قاعده A5)"
            return "full_higher_precedence", en, fa, weakest
        if case == PINNED:
            weakest = holders.weakest[slot]
            movable = holders.weakest_movable[slot]
            rest_en = " and the rest by students of higher precedence" if movable else ""
            rest_fa = " و بقیه را دانشجویانی با اولویت بالاتر از شما" if movable else ""
            return (
                "other",
                f"full: {pinned} of its {seats} {g_en} seats are kept by continuing assistants "
                f"(rule A5), among them {weakest}{rest_en}",
                f"ظرفیت {g_fa} این واحد پر است: {pinned} نفر از {seats} نفر را همیاران "
                f"ادامه‌دهنده (قاعده A5) از جمله {weakest}{rest_fa} گرفته‌اند",
                weakest,
            )
        if case == STABILITY:
            movable = holders.weakest_movable[slot]
            assert movable is not None
            decided = detail
            bar_en, bar_fa = self.bar(movable)
            cause_en, cause_fa = _objective_cause(self.policy, code)
            return (
                "stability",
                f"a {g_en} seat here went to {movable} ({bar_en}), who has lower precedence than "
                f"you by {_DECIDED_EN[decided]}; {cause_en}. This is justified envy and is "
                "counted in the envy report",
                f"یک ظرفیت {g_fa} این واحد به {movable} ({bar_fa}) رسیده که از نظر "
                f"{_DECIDED_FA[decided]} اولویتش از شما پایین‌تر است؛ {cause_fa}. این مورد "
                "«حسادت موجه» است و در گزارش آن شمرده شده است",
                movable,
            )
        if _budget_applies(self.policy, code):
            return (
                "budget",
                f"a {g_en} seat here is free, but within the budget cap the allocation did not "
                "fund one more placement here",
                f"یک ظرفیت {g_fa} این واحد خالی است، اما تخصیص در سقف بودجه "
                "همیار دیگری را در این واحد نگماشت",
                None,
            )
        causes_en, causes_fa = _free_seat_causes(self.policy, placed_unit is not None)
        return (
            "other",
            f"a {g_en} seat here is free, yet the allocation did not give it to you; "
            f"its settings decided ({causes_en}); the planner can review this case",
            f"یک ظرفیت {g_fa} این واحد خالی است، اما تخصیص آن را به شما نداد؛ "
            f"تنظیمات تخصیص ({causes_fa}) چنین کرد؛ کارشناس می‌تواند این مورد را بازبینی کند",
            None,
        )


def _reason(code: str, rank: int, words: _Words) -> UnitExplanation:
    kind, en, fa, holder = words
    return UnitExplanation(
        unit_code=code,
        rank=rank,
        kind=kind,
        message_en=en,
        message_fa=fa,
        holder_student_id=holder,
    )


def _budget_applies(policy: Policy, code: str) -> bool:
    return policy.budget_term_rial is not None or code in policy.unit_budget_term_rial


def _objective_cause(policy: Policy, code: str) -> tuple[str, str]:
    if policy.stable:
        en = "the allocation's side constraints (budget, minimum fill) or its time limit left it so"
        fa = "قیدهای جانبی تخصیص (بودجه، حداقل پرشدگی) یا محدودیت زمان آن چنین کرد"
    else:
        en = (
            "the allocation puts the policy's objective first (stable = false): this way more "
            "students, or students with a higher priority score overall, are placed"
        )
        fa = (
            "تخصیص هدف سیاست را مقدم داشته است (stable = false): این گونه دانشجویان بیشتری، "
            "یا دانشجویانی با مجموع امتیاز اولویت بالاتر، جای گرفته‌اند"
        )
    if _budget_applies(policy, code):
        en += ", within the budget cap"
        fa += "، در سقف بودجه"
    return en, fa


def _free_seat_causes(policy: Policy, placed: bool) -> tuple[str, str]:
    en: list[str] = []
    fa: list[str] = []
    if policy.keep_previous:
        en.append("keeping the previous allocation")
        fa.append("حفظ تخصیص قبلی")
    if placed and policy.min_fill > 0:
        en.append("the minimum fill of your current unit")
        fa.append("حداقل پرشدگی واحد فعلی شما")
    en.append("the solver's time limit")
    fa.append("محدودیت زمان حل")
    return ", ".join(en), "، ".join(fa)
