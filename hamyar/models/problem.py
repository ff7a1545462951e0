"""The allocation problem: applicants, units, rejections, pins, policy and term, checked once.

Cross-references are checked here and nowhere else: a preference, a current unit or a rejection
naming an unknown unit is an error that names it and suggests the closest unit code or name.
Preferences are resolved to unit codes: a token is a unit code, a unit name (Persian or
English), or an area, which stands for all of its units at that rank. The Sajad form writes an
area with its description, «امور خوابگاه - ارائه خدمات مناسب خوابگاهی»: a token that names
nothing as a whole and has a dash with a space on either side stands for what the text before
the first such dash names (here the area «امور خوابگاه»); when that names nothing either and
begins with «امور» ("the affairs of"), for what the rest names (the unit «خوابگاه»).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from hamyar.errors import InputError, Issue
from hamyar.messages import Msg
from hamyar.models.calendar import Term
from hamyar.models.people import Applicant, Exclusion, Rejection, Source, Unit
from hamyar.models.policy import Policy
from hamyar.text import normalize_key

_UNKNOWN_PREFERENCE = (
    "models.problem.unknown_preference",
    "models.problem.unknown_preference_meant",
)
_UNKNOWN_CURRENT = ("models.problem.unknown_current", "models.problem.unknown_current_meant")
_UNKNOWN_UNIT = ("models.problem.unknown_unit", "models.problem.unknown_unit_meant")
_SAJAD_DASH = re.compile(r"\s[-–—]\s")
_AFFAIRS = normalize_key("امور") + " "


def sajad_head(token: str) -> str | None:
    """The area name before the dash of the Sajad form's «area - description», or ``None``."""
    parts = _SAJAD_DASH.split(token, maxsplit=1)
    head = parts[0].strip()
    return head if len(parts) == 2 and head else None


class UnitIndex:
    """Looks units up by code, Persian or English name, or area (all after normalisation)."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self.units = tuple(units)
        self.by_code = {u.code: u for u in self.units}
        self._names: dict[str, str] = {}
        self._areas: dict[str, list[str]] = {}
        self._resolved: dict[str, tuple[str, ...]] = {}
        for unit in self.units:
            for name in (unit.code, unit.name_fa, unit.name_en):
                if name:
                    self._names.setdefault(normalize_key(name), unit.code)
            if unit.area:
                self._areas.setdefault(normalize_key(unit.area), []).append(unit.code)

    def resolve(self, token: str) -> tuple[str, ...]:
        """Unit codes a preference token stands for; empty when it names nothing. Each token is
        normalised once (applicants name the same units again and again)."""
        codes = self._resolved.get(token)
        if codes is None:
            codes = self._lookup(token)
            head = sajad_head(token) if not codes else None
            if head is not None:
                codes = self._lookup(head)
                key = normalize_key(head)
                if not codes and key.startswith(_AFFAIRS):
                    codes = self._lookup(key.removeprefix(_AFFAIRS))
            self._resolved[token] = codes
        return codes

    def _lookup(self, token: str) -> tuple[str, ...]:
        key = normalize_key(token)
        return (self._names[key],) if key in self._names else tuple(self._areas.get(key, ()))

    def unit_code(self, token: str) -> str | None:
        """The unit a token names (code or name, not an area), or ``None``."""
        return self._names.get(normalize_key(token))

    def suggestion(self, token: str) -> str:
        """``; did you mean 'X'?`` for :meth:`closest`, or an empty string (English only; a
        message of the catalogue takes :meth:`closest` as a parameter)."""
        close = self.closest(token)
        return f"; did you mean {close!r}?" if close else ""

    def closest(self, token: str) -> str | None:
        """The closest code, name or area to ``token``, or ``None`` (for the Sajad form's
        «area - description», the closest to the area)."""
        token = sajad_head(token) or token
        candidates: dict[str, str] = {}
        for unit in self.units:
            for name in (unit.code, unit.name_fa, unit.name_en, unit.area):
                if name:
                    candidates[normalize_key(name)] = name
        close = difflib.get_close_matches(normalize_key(token), list(candidates), n=1, cutoff=0.5)
        return candidates[close[0]] if close else None


@dataclass(frozen=True)
class ApplicantKeys:
    """What the cross-checks need of an applicant row that did not become an
    :class:`Applicant` (a bad cell elsewhere in it): its identifiers and the units it names."""

    student_id: str
    national_id: str | None
    preferences: tuple[str, ...]
    current_unit: str | None
    source: Source


def _issue(
    record: Applicant | ApplicantKeys | Unit | Rejection, message: Msg, value: object, column: str
) -> Issue:
    return Issue(message, value, file=record.source.file, row=record.source.row, column=column)


def _row(source: Source) -> str:
    """A row number for a message (``?`` for a record not read from a file)."""
    return "?" if source.row is None else str(source.row)


def _unknown(codes: tuple[str, str], index: UnitIndex, token: str) -> Msg:
    """The first of ``codes`` (an unknown unit), or the second naming the closest unit."""
    close = index.closest(token)
    return Msg(codes[1], meant=close) if close else Msg(codes[0])


def reference_issues(
    applicants: Iterable[Applicant | ApplicantKeys],
    units: Iterable[Unit],
    rejections: Iterable[Rejection],
    units_known: bool = True,
    students_known: bool = True,
) -> list[Issue]:
    """Every broken cross-reference and duplicate key, located at the offending row.

    Duplicates are always checked. A reference to a unit is checked only when ``units_known``
    (with a bad units row, "unknown unit" would be noise), a rejection's student only when
    ``students_known``."""
    units = tuple(units)
    issues: list[Issue] = []
    seen_codes: dict[str, Unit] = {}
    seen_names: dict[str, Unit] = {}
    for unit in units:
        code_key = normalize_key(unit.code)  # LIB and lib are one code to a reader
        if code_key in seen_codes:
            earlier = seen_codes[code_key]
            also = Msg("models.problem.duplicate_code", code=earlier.code, row=_row(earlier.source))
            issues.append(_issue(unit, also, unit.code, "code"))
        seen_codes.setdefault(code_key, unit)
        key = normalize_key(unit.name_fa)
        if key in seen_names:
            issues.append(
                _issue(unit, Msg("models.problem.duplicate_name"), unit.name_fa, "name_fa")
            )
        seen_names.setdefault(key, unit)
    index = UnitIndex(units)
    ids: dict[str, Applicant | ApplicantKeys] = {}
    national: dict[str, Applicant | ApplicantKeys] = {}
    for app in applicants:
        if app.student_id and app.student_id in ids:
            first = _row(ids[app.student_id].source)
            also = Msg("models.problem.duplicate_student", row=first)
            issues.append(_issue(app, also, app.student_id, "student_id"))
        if app.student_id:
            ids.setdefault(app.student_id, app)
        if app.national_id:
            if app.national_id in national:
                first = _row(national[app.national_id].source)
                also = Msg("models.problem.duplicate_national", row=first)
                issues.append(_issue(app, also, app.national_id, "national_id"))
            national.setdefault(app.national_id, app)
        if not units_known:
            continue
        for token in app.preferences:
            if not index.resolve(token):
                message = _unknown(_UNKNOWN_PREFERENCE, index, token)
                issues.append(_issue(app, message, token, "preferences"))
        if app.current_unit and index.unit_code(app.current_unit) is None:
            message = _unknown(_UNKNOWN_CURRENT, index, app.current_unit)
            issues.append(_issue(app, message, app.current_unit, "current_unit"))
    for rej in rejections:
        if units_known and index.unit_code(rej.unit_code) is None:
            message = _unknown(_UNKNOWN_UNIT, index, rej.unit_code)
            issues.append(_issue(rej, message, rej.unit_code, "unit_code"))
        if students_known and rej.student_id not in ids:
            message = Msg("models.problem.unknown_student")
            issues.append(_issue(rej, message, rej.student_id, "student_id"))
    return issues


_CHECKED: dict[str, bool] = {"references": True}
"""The validation context of :meth:`Problem.create`, which checks the references itself."""


class Problem(BaseModel):
    """Everything one allocation needs, cross-checked. Build with :meth:`create` for located
    errors; the constructor checks the same and raises pydantic's error."""

    model_config = ConfigDict(frozen=True)

    applicants: tuple[Applicant, ...]
    units: tuple[Unit, ...]
    rejections: tuple[Rejection, ...] = ()
    exclusions: tuple[Exclusion, ...] = ()
    """Units not satisfied with a student last term (from the workspace; rule E9 applies them
    when ``policy.exclude_unsatisfied``). Not cross-checked: a unit closed or a student who did
    not apply again simply has no pair here."""
    policy: Policy = Field(default_factory=Policy)
    term: Term = Field(default_factory=lambda: Term(year=1402, semester=1))
    name: str = "problem"

    @model_validator(mode="after")
    def _references(self, info: ValidationInfo) -> Problem:
        if info.context is _CHECKED:  # create() has just checked them, and raised its issues
            return self
        issues = reference_issues(self.applicants, self.units, self.rejections)
        if issues:
            raise ValueError("\n".join(str(i) for i in issues))
        return self

    @classmethod
    def create(
        cls,
        applicants: Iterable[Applicant],
        units: Iterable[Unit],
        rejections: Iterable[Rejection] = (),
        policy: Policy | None = None,
        term: Term | None = None,
        name: str = "problem",
        exclusions: Iterable[Exclusion] = (),
    ) -> Problem:
        """Build a problem; broken references raise :class:`InputError` with every issue."""
        applicants, units, rejections = tuple(applicants), tuple(units), tuple(rejections)
        issues = reference_issues(applicants, units, rejections)
        if issues:
            raise InputError(issues)
        fields = {
            "applicants": applicants,
            "units": units,
            "rejections": rejections,
            "exclusions": tuple(exclusions),
            "policy": policy or Policy(),
            "term": term or Term(year=1402, semester=1),
            "name": name,
        }
        return cls.model_validate(fields, context=_CHECKED)

    @cached_property
    def unit_index(self) -> UnitIndex:
        return UnitIndex(self.units)

    @cached_property
    def applicant_by_id(self) -> dict[str, Applicant]:
        return {a.student_id: a for a in self.applicants}

    @cached_property
    def unit_by_code(self) -> dict[str, Unit]:
        return {u.code: u for u in self.units}

    @cached_property
    def preference_ranks(self) -> dict[str, dict[str, int]]:
        """``{student_id: {unit_code: rank}}``, rank 1 = first choice; an area gives all its units
        the same rank; a unit named twice keeps its best rank."""
        result: dict[str, dict[str, int]] = {}
        for app in self.applicants:
            ranks: dict[str, int] = {}
            for rank, token in enumerate(app.preferences, start=1):
                for code in self.unit_index.resolve(token):
                    ranks.setdefault(code, rank)
            result[app.student_id] = ranks
        return result

    @cached_property
    def pins(self) -> dict[str, str]:
        """Continuing assistants (rule A5): ``{student_id: unit_code}``."""
        pins = {}
        for app in self.applicants:
            if app.current_unit:
                code = self.unit_index.unit_code(app.current_unit)
                if code is not None:
                    pins[app.student_id] = code
        return pins

    @cached_property
    def rejected_pairs(self) -> frozenset[tuple[str, str]]:
        """``(student_id, unit_code)`` pairs closed by a unit's rejection (rule E9)."""
        pairs = set()
        for rej in self.rejections:
            code = self.unit_index.unit_code(rej.unit_code)
            if code is not None:
                pairs.add((rej.student_id, code))
        return frozenset(pairs)

    @cached_property
    def excluded_pairs(self) -> dict[tuple[str, str], str]:
        """``{(student_id, unit_code): term}``: a unit's "not satisfied" of an earlier term."""
        pairs: dict[tuple[str, str], str] = {}
        for exc in self.exclusions:
            code = self.unit_index.unit_code(exc.unit_code)
            if code is not None:
                pairs.setdefault((exc.student_id, code), exc.term)
        return pairs
