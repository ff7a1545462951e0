"""A scenario file as written: the TOML keys, validated, before anything is resolved.

A scenario is a TOML file::

    name = "gpa-15"                       # defaults to the file name without .toml
    description = "Bachelor GPA threshold 15"
    description_fa = "حد نصاب معدل کارشناسی ۱۵"
    extends = "qom-1402-1403"             # a shipped scenario's name, or "other.toml" (relative)
    applicants = "applicants.xlsx"        # paths relative to this file, or "embedded"
    units = "units.csv"
    rejections = "rejections.csv"
    term = "1402-1"
    policy = "policy.toml"                # a policy file; the defaults of RULES.md otherwise
    closed_units = ["PROP"]               # by code or name: no seats, its pins released

    [overrides]                           # any policy value, dotted or as nested tables
    "min_gpa.bachelor_continuous" = 15

    [seats]                               # by unit code or name, per gender
    DORM = { female = "+10" }             # "+n" / "-n" (quoted) change, a bare number sets
    "کتابخانه مرکزی" = { male = 8 }

An unknown key is an error that names it and lists the allowed keys; a value of the wrong type
is an error located as ``file:key: what is wrong (value)``.

``"embedded"`` as an input names the embedded University of Qom 1402–1403 records
(:mod:`hamyar.generator.default`); the shipped default scenario uses it for all three inputs.

A ``+10`` without quotes is a TOML integer, so it *sets* the seats to 10; a relative change
must be written as a string.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from hamyar.errors import InputError, Issue
from hamyar.messages import Msg
from hamyar.models import Policy, Term
from hamyar.models.bounds import MAX_SEATS
from hamyar.models.tomlfile import read_toml_file
from hamyar.models.validation import validation_message
from hamyar.text import normalize_digits

EMBEDDED = "embedded"
"""An input given as ``"embedded"`` is the embedded default's records."""

INPUT_KEYS = ("applicants", "units", "rejections")

_RELATIVE = re.compile(r"^\s*([+-])\s*(\d+)\s*$")
_ABSOLUTE = re.compile(r"^\s*(\d+)\s*$")


class SeatValue(BaseModel):
    """One gender's seat change: ``absolute`` seats, or a ``delta`` to add (may be negative)."""

    model_config = ConfigDict(frozen=True)

    absolute: int | None = None
    delta: int = 0

    def apply(self, seats: int) -> int:
        """``absolute`` when given, else ``seats + delta``."""
        return self.absolute if self.absolute is not None else seats + self.delta

    def __str__(self) -> str:
        if self.absolute is not None:
            return str(self.absolute)
        return f"{self.delta:+d}"


def parse_seat_value(value: object) -> SeatValue:
    """``12`` or ``"12"`` sets 12 seats; ``"+3"`` adds three, ``"-2"`` removes two."""
    if isinstance(value, bool):
        raise ValueError(Msg("scen.spec.seats_form"))
    if isinstance(value, int):
        if value < 0:
            raise ValueError(Msg("scen.spec.seats_negative"))
        return SeatValue(absolute=value)
    if isinstance(value, str):
        text = normalize_digits(value)
        relative = _RELATIVE.match(text)
        if relative:
            sign = -1 if relative.group(1) == "-" else 1
            return SeatValue(delta=sign * int(relative.group(2)))
        absolute = _ABSOLUTE.match(text)
        if absolute:
            return SeatValue(absolute=int(absolute.group(1)))
    raise ValueError(Msg("scen.spec.seats_form"))


def _bounded(seat: SeatValue) -> SeatValue:
    if abs(seat.absolute or seat.delta) > MAX_SEATS:
        raise ValueError(Msg("scen.spec.seats_most", most=MAX_SEATS))
    return seat


class SeatChange(BaseModel):
    """Seat changes of one unit: female and male separately (either may be left out)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    female: SeatValue | None = None
    male: SeatValue | None = None

    @field_validator("female", "male", mode="before")
    @classmethod
    def _value(cls, value: object) -> SeatValue | None:
        if value is None or isinstance(value, SeatValue):
            return value
        return _bounded(parse_seat_value(value))


class ScenarioSpec(BaseModel):
    """The keys of one scenario file, as written (paths not yet resolved)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str | None = Field(default=None, min_length=1)
    description: str = ""
    description_fa: str = ""
    extends: str | None = Field(default=None, min_length=1)
    applicants: str | None = Field(default=None, min_length=1)
    units: str | None = Field(default=None, min_length=1)
    rejections: str | None = Field(default=None, min_length=1)
    term: str | None = None
    policy: str | None = Field(default=None, min_length=1)
    overrides: dict[str, Any] = Field(default_factory=dict)
    seats: dict[str, SeatChange] = Field(default_factory=dict)
    closed_units: tuple[str, ...] = ()

    @field_validator("term")
    @classmethod
    def _term(cls, value: str | None) -> str | None:
        if value is not None:
            Term.parse(value)
        return value

    @property
    def sets_inputs(self) -> bool:
        return any(getattr(self, key) is not None for key in INPUT_KEYS)


def flatten_overrides(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested tables to dotted keys: ``{"min_gpa": {"phd": 16}}`` → ``{"min_gpa.phd": 16}``.

    An empty table stays a value (it empties a mapping such as ``unit_budget_term_rial``).
    """
    flat: dict[str, Any] = {}
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            flat.update(flatten_overrides(value, dotted + "."))
        else:
            flat[dotted] = value
    return flat


def spec_issues(exc: ValidationError, file: str) -> list[Issue]:
    """Pydantic's errors as located issues; an unknown key lists the keys allowed where it is."""
    issues = []
    for err in exc.errors():
        loc = [str(p) for p in err["loc"]]
        key = ".".join(loc)
        if err["type"] == "extra_forbidden":
            allowed = sorted(_model_at(loc[:-1]).model_fields)
            close = difflib.get_close_matches(loc[-1], allowed, n=1)
            hint = Msg("scen.spec.did_you_mean", name=repr(close[0])) if close else ""
            unknown = Msg("scen.spec.unknown_key", key=repr(key), hint=hint, allowed=allowed)
            issues.append(Issue(unknown, file=file, column=key))
        else:
            value = err.get("input")
            issues.append(Issue(validation_message(err), _shown(value), file=file, column=key))
    return issues


def _shown(value: object) -> object:
    if isinstance(value, dict | list):
        return None
    return value


def _model_at(loc: list[str]) -> type[BaseModel]:
    """The model whose keys are allowed at ``loc`` (``seats.X`` is a :class:`SeatChange`)."""
    if len(loc) == 2 and loc[0] == "seats":
        return SeatChange
    return ScenarioSpec


def parse_spec(data: dict[str, Any], file: str) -> ScenarioSpec:
    """Validate a scenario's keys; :class:`InputError` with every located issue."""
    try:
        spec = ScenarioSpec.model_validate(data)
    except ValidationError as exc:
        raise InputError(spec_issues(exc, file) + _override_issues(data, file)) from None
    if spec.overrides:
        spec = spec.model_copy(update={"overrides": flatten_overrides(spec.overrides)})
    return spec


def _override_issues(data: dict[str, Any], file: str) -> list[Issue]:
    """The overrides' own errors (against the default policy) when other keys are wrong, so
    that a bad seat value does not hide a bad threshold: every error at once."""
    overrides = data.get("overrides")
    if not isinstance(overrides, dict) or not overrides:
        return []
    try:
        Policy().with_overrides(flatten_overrides(overrides), file=file)
    except InputError as exc:
        return [
            replace(i, column=f"overrides.{i.column}" if i.column else "overrides")
            for i in exc.issues
        ]
    except (TypeError, ValueError):
        return []
    return []


def read_toml(path: Path, what: str = "scenario") -> dict[str, Any]:
    """A TOML file as a dict; a missing or broken file is a located :class:`InputError`."""
    return read_toml_file(path, what)


def read_spec(path: Path) -> ScenarioSpec:
    """Read and validate one scenario file (its ``extends`` is not followed here)."""
    return parse_spec(read_toml(path), str(path))
