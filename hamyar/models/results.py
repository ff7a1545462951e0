"""What the stages hand each other: the eligibility result and the allocation.

Both are plain, frozen models: the optimizer takes an :class:`EligibilityResult`, the payments
and reports take an :class:`Allocation`. Nothing here imports a solver.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property, lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from hamyar.messages import Lang, Msg, say
from hamyar.models.calendar import Term
from hamyar.models.enums import Gender

Severity = Literal["error", "warning", "info"]


class Reason:
    """Why a rule fired: its ID, its sentence, the values that failed, and its severity.

    ``severity`` is ``error`` when it makes the applicant (or the pair) ineligible, ``warning``
    when allocation goes on but something must be fixed (an invalid Sheba blocks payment), and
    ``info`` for a note (a non-Melli bank).

    A rule gives the sentence as ``message``, a catalogue code with its values, and it is
    rendered only when something shows it (:attr:`message_fa`, :attr:`message_en`), once per
    distinct rule and message (:func:`rendered_reason`); a reason built from text keeps the
    text (``message`` is then ``None``).
    """

    __slots__ = ("_en", "_fa", "message", "rule", "severity", "values")

    rule: str
    values: dict[str, str]
    severity: Severity
    message: Msg | None
    """The sentence as its catalogue code and values, without the Persian rule ending, for a
    caller that shows it in its own language; ``None`` for a reason built from text."""

    def __init__(
        self,
        rule: str,
        message_fa: str | None = None,
        message_en: str | None = None,
        values: dict[str, str] | None = None,
        severity: Severity = "error",
        message: Msg | None = None,
    ) -> None:
        if message is None and (message_fa is None or message_en is None):
            raise ValueError("a reason needs a message or both sentences")
        self.rule = rule
        self.values = {} if values is None else values
        self.severity = severity
        self.message = message
        self._fa = message_fa
        self._en = message_en

    @property
    def message_fa(self) -> str:
        """The Persian sentence, ending with the rule (``… (قاعده E4).``)."""
        if self._fa is None:
            self._render()
        return self._fa  # type: ignore[return-value]

    @property
    def message_en(self) -> str:
        """The English sentence, without the rule (``str(reason)`` puts it in front)."""
        if self._en is None:
            self._render()
        return self._en  # type: ignore[return-value]

    def _render(self) -> None:
        assert self.message is not None
        fa, en = rendered_reason(self.rule, self.message)
        self._fa = fa if self._fa is None else self._fa
        self._en = en if self._en is None else self._en

    def _key(self) -> tuple[object, ...]:
        return (self.rule, self.severity, self.message_fa, self.message_en, self.values)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Reason):
            return NotImplemented
        return self is other or self._key() == other._key()

    def __hash__(self) -> int:
        return hash((self.rule, self.severity, self.message_en))

    def __reduce__(self) -> tuple[object, ...]:
        return (_reason, (self.rule, self._fa, self._en, self.values, self.severity, self.message))

    def __repr__(self) -> str:
        return f"Reason({self.rule!r}, {self.message_en!r}, severity={self.severity!r})"

    def __str__(self) -> str:
        return f"{self.rule}: {self.message_en}"


def _reason(*args: Any) -> Reason:
    """A :class:`Reason` again from what :meth:`Reason.__reduce__` keeps (pickling)."""
    return Reason(*args)


@lru_cache(maxsize=1 << 16)
def rendered_reason(rule: str, message: Msg) -> tuple[str, str]:
    """``(persian, english)`` of a rule's message: the Persian sentence with its rule ending
    (`` (قاعده E4).``), the English one as it is; once per distinct rule and message."""
    return (
        message.render("fa") + " " + say("elig.rule", lang="fa", rule=rule),
        message.render("en"),
    )


class UnitClosure:
    """An asked-for unit closed to one applicant by rule E9 (requirements or a rejection)."""

    __slots__ = ("rank", "reasons", "unit_code")

    def __init__(self, unit_code: str, rank: int, reasons: tuple[Reason, ...]) -> None:
        self.unit_code = unit_code
        self.rank = rank
        self.reasons = reasons

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, UnitClosure):
            return NotImplemented
        return (self.unit_code, self.rank, self.reasons) == (
            other.unit_code,
            other.rank,
            other.reasons,
        )

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[object, ...]:
        return (UnitClosure, (self.unit_code, self.rank, self.reasons))

    def __repr__(self) -> str:
        return f"UnitClosure(unit_code={self.unit_code!r}, rank={self.rank!r})"


_NO_REASONS: tuple[Reason, ...] = ()
_NO_CLOSURES: tuple[UnitClosure, ...] = ()


class ApplicantEligibility:
    """One applicant's verdict: every reason that applies, and the units still open to him/her.

    A plain record (not validated): :func:`hamyar.eligibility.evaluate` builds one per
    applicant, and the reasons are shared between applicants they concern alike."""

    __slots__ = (
        "admissible_units",
        "closed_units",
        "eligible",
        "reasons",
        "semesters_passed",
        "student_id",
    )

    student_id: str
    eligible: bool
    reasons: tuple[Reason, ...]
    admissible_units: dict[str, int]
    """``{unit_code: rank}`` of asked-for units left open after E9, in rank order (when every
    asked-for unit is open, the problem's own :attr:`~hamyar.models.Problem.preference_ranks`
    of the applicant: read it, never change it)."""
    closed_units: tuple[UnitClosure, ...]
    semesters_passed: int | None

    def __init__(
        self,
        student_id: str,
        eligible: bool,
        reasons: tuple[Reason, ...] = _NO_REASONS,
        admissible_units: dict[str, int] | None = None,
        closed_units: tuple[UnitClosure, ...] = _NO_CLOSURES,
        semesters_passed: int | None = None,
    ) -> None:
        self.student_id = student_id
        self.eligible = eligible
        self.reasons = reasons
        self.admissible_units = {} if admissible_units is None else admissible_units
        self.closed_units = closed_units
        self.semesters_passed = semesters_passed

    def _key(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ApplicantEligibility):
            return NotImplemented
        return self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[object, ...]:
        return (
            ApplicantEligibility,
            (
                self.student_id,
                self.eligible,
                self.reasons,
                self.admissible_units,
                self.closed_units,
                self.semesters_passed,
            ),
        )

    def __repr__(self) -> str:
        return f"ApplicantEligibility(student_id={self.student_id!r}, eligible={self.eligible!r})"

    @property
    def blocking(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.severity == "error")

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.rule for r in self.reasons))


class EligibilityResult(BaseModel):
    """The eligibility of every applicant of a problem for one term."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    term: Term
    applicants: tuple[ApplicantEligibility, ...]

    @cached_property
    def by_id(self) -> dict[str, ApplicantEligibility]:
        return {a.student_id: a for a in self.applicants}

    def admissible(self, student_id: str) -> dict[str, int]:
        """``{unit_code: rank}`` the optimizer may place this student in (empty if ineligible)."""
        item = self.by_id.get(student_id)
        if item is None or not item.eligible:
            return {}
        return item.admissible_units

    @property
    def eligible_ids(self) -> tuple[str, ...]:
        return tuple(a.student_id for a in self.applicants if a.eligible)

    def rule_counts(self) -> dict[str, int]:
        """How many applicants each rule fired for (any severity)."""
        counts: dict[str, int] = {}
        for item in self.applicants:
            rules = item.rules
            for rule in rules:
                counts[rule] = counts.get(rule, 0) + 1
            for closure in item.closed_units:
                for rule in dict.fromkeys(r.rule for r in closure.reasons):
                    if rule not in rules:
                        counts[rule] = counts.get(rule, 0) + 1
        return dict(sorted(counts.items()))


class SolveStatus(StrEnum):
    """The optimizer's own status, mapped explicitly from the solver's."""

    optimal = "optimal"
    feasible = "feasible"  # a solution, with a gap to the bound
    infeasible = "infeasible"
    no_solution = "no_solution"  # the time ran out before any solution


class StageResult(BaseModel):
    """One objective stage: its value, the proven bound, its status and wall time."""

    model_config = ConfigDict(frozen=True)

    name: str
    value: float
    bound: float
    status: SolveStatus
    wall_time_s: float
    method: str = "cp-sat"

    @property
    def gap(self) -> float:
        """Relative gap ``|bound − value| / max(1, |bound|)``."""
        return abs(self.bound - self.value) / max(1.0, abs(self.bound))


class Assignment(BaseModel):
    """One placed student."""

    model_config = ConfigDict(frozen=True)

    student_id: str
    unit_code: str
    gender: Gender
    preference_rank: int | None
    """Rank of the unit among the student's choices; ``None`` for a pin outside them."""
    priority_score: int
    pinned: bool = False


ExplanationKind = Literal[
    "full_higher_precedence",
    "closed_e9",
    "rejected_by_unit",
    "no_seats_of_gender",
    "budget",
    "stability",
    "other",
]


class UnitExplanation(BaseModel):
    """Why one asked-for unit did not take a student (or not at a better rank)."""

    model_config = ConfigDict(frozen=True)

    unit_code: str
    rank: int
    kind: ExplanationKind
    message_fa: str
    message_en: str
    holder_student_id: str | None = None
    """The lowest-precedence student holding a seat of the same gender, when the unit is full."""
    unit_name_fa: str = ""
    """The unit's Persian name as the office wrote it: Persian text names the unit by it."""

    def line(self, lang: Lang) -> str:
        """``CODE: why`` in English, ``«name»: why`` in Persian (the code without a name)."""
        if lang == "fa":
            name = f"«{self.unit_name_fa}»" if self.unit_name_fa else self.unit_code
            return f"{name}: {self.message_fa}"
        return f"{self.unit_code}: {self.message_en}"


class Explanation(BaseModel):
    """Why an eligible student was not placed, or not at the first choice."""

    model_config = ConfigDict(frozen=True)

    student_id: str
    placed_unit: str | None
    placed_rank: int | None
    units: tuple[UnitExplanation, ...]

    @property
    def message_en(self) -> str:
        return "; ".join(u.line("en") for u in self.units)

    @property
    def message_fa(self) -> str:
        return "؛ ".join(u.line("fa") for u in self.units)


class EnvyPair(BaseModel):
    """Justified envy: ``student_id`` prefers ``unit_code`` to where he/she is, and the unit has
    a free seat of that gender (``displaced_student_id`` is ``None``) or holds a student of that
    gender with lower precedence."""

    model_config = ConfigDict(frozen=True)

    student_id: str
    unit_code: str
    displaced_student_id: str | None


class UnitFill(BaseModel):
    """Seats asked and filled for one unit and gender."""

    model_config = ConfigDict(frozen=True)

    unit_code: str
    gender: Gender
    seats: int
    filled: int
    min_fill: int = 0

    @property
    def missed_min_fill(self) -> bool:
        return self.filled < self.min_fill


class Allocation(BaseModel):
    """The optimizer's result: status, stages, assignments, fill, explanations and envy."""

    model_config = ConfigDict(frozen=True)

    status: SolveStatus
    stages: tuple[StageResult, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    fill: tuple[UnitFill, ...] = ()
    explanations: tuple[Explanation, ...] = ()
    envy_pairs: tuple[EnvyPair, ...] = ()
    wall_time_s: float = 0.0
    message: str = ""

    @cached_property
    def by_student(self) -> dict[str, Assignment]:
        return {a.student_id: a for a in self.assignments}

    @property
    def placed(self) -> int:
        return len(self.assignments)

    def rank_distribution(self) -> dict[int, int]:
        """``{rank: number of students placed at that rank}``, pins outside preferences left out."""
        dist: dict[int, int] = {}
        for a in self.assignments:
            if a.preference_rank is not None:
                dist[a.preference_rank] = dist.get(a.preference_rank, 0) + 1
        return dict(sorted(dist.items()))

    def summary(self) -> str:
        """One line: status, placed, first-choice share, stages and time."""
        first = self.rank_distribution().get(1, 0)
        share = first / self.placed if self.placed else 0.0
        stages = ", ".join(f"{s.name}={s.value:g}" for s in self.stages)
        return (
            f"{self.status.value}: {self.placed} placed, {share:.0%} at first choice; "
            f"{stages}; {self.wall_time_s:.2f} s"
        )
