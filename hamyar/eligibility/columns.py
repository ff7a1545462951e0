"""The applicants as columns, which every rule E1–E8 reads whole.

:class:`Columns` holds, for each attribute a rule looks at, one tuple with a value per applicant
in the problem's order; a rule runs over a whole column at once and decides once per distinct
value (a column of degrees or GPAs repeats a few values a hundred thousand times). A rule gives
:data:`Fired`: ``{applicant index: reason}`` for the applicants it fires for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from hamyar.models import (
    Applicant,
    Degree,
    InstitutionType,
    JalaliDate,
    Reason,
    StudentType,
)

K = TypeVar("K")

Fired = dict[int, Reason]
"""``{applicant index: reason}``: each applicant-level rule gives at most one reason each."""


@dataclass(frozen=True)
class Columns:
    """What the rules E1–E8 read of every applicant, one tuple per attribute."""

    applicants: Sequence[Applicant]
    degree: tuple[Degree, ...]
    gpa: tuple[float, ...]
    semesters_passed: tuple[int | None, ...]
    study_start: tuple[JalaliDate | None, ...]
    disciplinary_record: tuple[bool, ...]
    probation_semesters: tuple[int, ...]
    student_type: tuple[StudentType, ...]
    iranian_mother: tuple[bool, ...]
    deputy_approval: tuple[bool, ...]
    accepted_rules: tuple[bool, ...]
    institution_type: tuple[InstitutionType | None, ...]
    sheba: tuple[str | None, ...]

    @classmethod
    def of(cls, applicants: Sequence[Applicant]) -> Columns:
        """The columns of ``applicants``, in their order."""

        def column(name: str) -> tuple[object, ...]:
            return tuple([getattr(a, name) for a in applicants])

        return cls(applicants, *(column(name) for name in _NAMES))  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self.applicants)


_NAMES = (
    "degree",
    "gpa",
    "semesters_passed",
    "study_start",
    "disciplinary_record",
    "probation_semesters",
    "student_type",
    "iranian_mother",
    "deputy_approval",
    "accepted_rules",
    "institution_type",
    "sheba",
)


def per_distinct(column: Iterable[K], decide: Callable[[K], Reason | None]) -> Fired:
    """``{index: reason}`` of a rule decided once per distinct value of ``column`` (a value may
    be a tuple of several columns' values): ``decide`` gives the value's reason, ``None`` when
    the rule passes."""
    values = column if isinstance(column, Sequence) else list(column)
    verdict = {v: decide(v) for v in dict.fromkeys(values)}
    failing = {v: r for v, r in verdict.items() if r is not None}
    if not failing:
        return {}
    get = failing.get
    return {i: r for i, r in enumerate(map(get, values)) if r is not None}


def one_of(fired: Fired) -> list[Reason]:
    """The reason a rule gives a one-applicant column set, as the rule's list."""
    return list(fired.values())
