"""Applicants, units, rejections and timesheet rows: the validated records of the data contract.

Readers in :mod:`hamyar.io` turn cells into these; the models check what one record can check
on its own (ranges, the national-ID check digit). Cross-references between records are checked
once, by :class:`hamyar.models.problem.Problem`.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from operator import mul
from typing import Protocol

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from hamyar.messages import Msg
from hamyar.models.bounds import (
    MAX_CHILDREN,
    MAX_HOURS_PER_MONTH,
    MAX_SEATS,
    MAX_SEMESTERS,
    MONTH_HOURS,
)
from hamyar.models.calendar import JalaliDate, JalaliMonth
from hamyar.models.enums import (
    Degree,
    Gender,
    InstitutionType,
    MaritalStatus,
    PriorityGroup,
    StudentType,
)

_WEIGHTS = range(10, 1, -1)


def national_id_valid(code: str) -> bool:
    """Iranian national ID (کد ملی): 10 digits, the last a check digit.

    ``s = Σ_{i=0..8} d_i × (10 − i) mod 11``; the check digit is ``s`` when ``s < 2``,
    otherwise ``11 − s``. Ten equal digits are refused.
    """
    if len(code) != 10 or not code.isdigit() or code == code[0] * 10:
        return False
    s = sum(map(mul, map(int, code[:9]), _WEIGHTS)) % 11
    check = s if s < 2 else 11 - s
    return int(code[9]) == check


class Source(BaseModel):
    """Where a record came from, for located messages (``file:row``)."""

    model_config = ConfigDict(frozen=True)

    file: str = "-"
    row: int | None = None


class _HasNames(Protocol):
    @property
    def first_name(self) -> str: ...
    @property
    def last_name(self) -> str: ...
    @property
    def marital_status(self) -> MaritalStatus: ...


class Named:
    """``full_name`` and ``married`` of a record with ``first_name``, ``last_name`` and
    ``marital_status`` (an applicant, a row of ``assignments.csv``); no fields of its own."""

    @property
    def full_name(self: _HasNames) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def married(self: _HasNames) -> bool:
        return self.marital_status is MaritalStatus.married


ROW_CHECKED: dict[str, tuple[str, ...]] = {"checked": ("national_id", "start_or_semesters")}
"""The validation context of an applicant row whose reader has checked its national ID and
that it has a study start or semesters (:mod:`hamyar.io.applicants`, with located messages):
the two checks below are not made again."""


class Applicant(Named, BaseModel):
    """One applicant row (DATA.md, *applicants*)."""

    model_config = ConfigDict(frozen=True)

    student_id: str = Field(min_length=1)
    first_name: str = Field(min_length=1)
    last_name: str = Field(min_length=1)
    gender: Gender
    degree: Degree
    gpa: float = Field(ge=0, le=20)
    national_id: str | None = None
    field: str | None = None
    study_start: JalaliDate | None = None
    semesters_passed: int | None = Field(default=None, ge=0, le=MAX_SEMESTERS)
    student_type: StudentType = StudentType.domestic
    iranian_mother: bool = False
    deputy_approval: bool = False
    disciplinary_record: bool = False
    probation_semesters: int = Field(default=0, ge=0, le=MAX_SEMESTERS)
    marital_status: MaritalStatus = MaritalStatus.single
    children: int = Field(default=0, ge=0, le=MAX_CHILDREN)
    declared_groups: tuple[PriorityGroup, ...] = ()
    sheba: str | None = None
    preferences: tuple[str, ...] = ()
    accepted_rules: bool = True
    current_unit: str | None = None
    institution_type: InstitutionType | None = None
    """Home institution of a guest student (میهمان), when it differs from the dataset's (E7)."""
    extra: dict[str, str] = Field(default_factory=dict)
    source: Source = Field(default_factory=Source)

    @field_validator("national_id")
    @classmethod
    def _national_id(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.context is ROW_CHECKED:
            return value
        if value is not None and not national_id_valid(value):
            raise ValueError(Msg("models.applicant.national_id"))
        return value

    @model_validator(mode="after")
    def _start_or_semesters(self, info: ValidationInfo) -> Applicant:
        if info.context is ROW_CHECKED:
            return self
        if self.study_start is None and self.semesters_passed is None:
            raise ValueError(Msg("models.applicant.start_or_semesters"))
        return self

    @property
    def priority_groups(self) -> tuple[PriorityGroup, ...]:
        """Declared groups plus the derived one: ``married_with_children`` for a married student
        with children, else ``married`` for a married student (rule A3)."""
        return _priority_groups(self.declared_groups, self.married, self.children > 0)


_DERIVED = (PriorityGroup.married, PriorityGroup.married_with_children)


@cache
def _priority_groups(
    declared: tuple[PriorityGroup, ...], married: bool, children: bool
) -> tuple[PriorityGroup, ...]:
    """:attr:`Applicant.priority_groups` of these values, computed once per combination: there
    are as many as combinations of groups, however many applicants share them."""
    groups = [g for g in declared if g not in _DERIVED]
    if married:
        groups.append(PriorityGroup.married_with_children if children else PriorityGroup.married)
    return tuple(dict.fromkeys(groups))


class Unit(BaseModel):
    """One unit of the capacity table (DATA.md, *units*)."""

    model_config = ConfigDict(frozen=True)

    code: str = Field(min_length=1)
    name_fa: str = Field(min_length=1)
    name_en: str | None = None
    female_seats: int = Field(ge=0, le=MAX_SEATS)
    male_seats: int = Field(ge=0, le=MAX_SEATS)
    area: str | None = None
    activity_fa: str | None = None
    activity_en: str | None = None
    hours_per_month: Decimal | None = Field(default=None, gt=0, le=MAX_HOURS_PER_MONTH)
    allowed_degrees: tuple[Degree, ...] = ()
    allowed_fields: tuple[str, ...] = ()
    extra: dict[str, str] = Field(default_factory=dict)
    source: Source = Field(default_factory=Source)

    def seats(self, gender: Gender) -> int:
        return self.female_seats if gender is Gender.female else self.male_seats

    @property
    def total_seats(self) -> int:
        return self.female_seats + self.male_seats

    @property
    def display_name(self) -> str:
        return self.name_en or self.name_fa


class Rejection(BaseModel):
    """A unit judged an applicant unsuitable for it (rule E9)."""

    model_config = ConfigDict(frozen=True)

    unit_code: str
    student_id: str
    source: Source = Field(default_factory=Source)


class Exclusion(BaseModel):
    """A unit not satisfied with a student in an earlier term (rule E9 with the policy's
    ``exclude_unsatisfied``): plain data the workspace hands to eligibility, like a rejection."""

    model_config = ConfigDict(frozen=True)

    unit_code: str
    student_id: str
    term: str
    """The term of the evaluation, e.g. ``1402-1``."""


class TimesheetRow(BaseModel):
    """Hours one student worked in one unit in one Jalali month."""

    model_config = ConfigDict(frozen=True)

    student_id: str
    unit_code: str
    month: JalaliMonth
    hours: Decimal = Field(ge=0, le=MONTH_HOURS)
    source: Source = Field(default_factory=Source)
