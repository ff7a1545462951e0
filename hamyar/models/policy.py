"""The policy: every threshold, rate, multiplier, priority weight and limit of RULES.md.

Defaults are the rules' defaults; a policy file (TOML) changes any of them. An unknown key is an
error that names the key and lists the allowed ones. Values a source does not state are marked as
assumptions in :data:`ASSUMPTIONS` and in the policy the reports print.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from hamyar.errors import InputError, Issue
from hamyar.messages import Msg, Text
from hamyar.models.bounds import (
    MAX_HOURLY_RATE_RIAL,
    MAX_HOURS_PER_MONTH,
    MAX_RIAL,
    MAX_SEED,
    MAX_TIME_LIMIT_S,
    MAX_WEIGHT,
)
from hamyar.models.enums import Degree, InstitutionType, PriorityGroup
from hamyar.models.tomlfile import read_toml_file
from hamyar.models.validation import validation_message


def _gpa_within_range(gpa: Decimal) -> Decimal:
    """Rule E4's thresholds are GPAs: 0 to 20 (each degree's error is located at its key)."""
    if not 0 <= gpa <= 20:
        raise ValueError(Msg("models.policy.min_gpa_range"))
    return gpa


TimeLimit = Annotated[float, Field(gt=0, le=MAX_TIME_LIMIT_S, allow_inf_nan=False)]
"""Seconds a solve may take: more than 0, at most a day, a finite number."""

ObjectiveTerm = Literal["priority", "coverage", "preference", "gpa", "keep_previous"]

DEFAULT_MIN_GPA: dict[Degree, Decimal] = {
    Degree.associate: Decimal(14),
    Degree.bachelor_continuous: Decimal(14),
    Degree.bachelor_discontinuous: Decimal(14),
    Degree.master_continuous: Decimal(15),
    Degree.master_discontinuous: Decimal(15),
    Degree.professional_doctorate: Decimal(15),
    Degree.phd: Decimal(15),
}

DEFAULT_HOURLY_RATE: dict[Degree, int] = {
    Degree.associate: 180_000,  # assumption: not named by P1
    Degree.bachelor_continuous: 180_000,
    Degree.bachelor_discontinuous: 180_000,
    Degree.master_continuous: 200_000,
    Degree.master_discontinuous: 200_000,
    Degree.professional_doctorate: 250_000,  # assumption: not named by P1
    Degree.phd: 250_000,
}

DEFAULT_PRIORITY_WEIGHTS: dict[PriorityGroup, int] = {
    PriorityGroup.exemplary: 3,
    PriorityGroup.outstanding: 3,
    PriorityGroup.married: 2,
    PriorityGroup.married_with_children: 3,
    PriorityGroup.relief_committee: 3,
    PriorityGroup.welfare: 3,
    PriorityGroup.shahed: 2,
    PriorityGroup.isargar: 2,
}

DEFAULT_OBJECTIVE_WEIGHTS: dict[ObjectiveTerm, int] = {
    "priority": 1000,
    "coverage": 100,
    "preference": 10,
    "gpa": 1,
}

ASSUMED = (
    "hourly_rate_rial.associate",
    "hourly_rate_rial.professional_doctorate",
    "priority_weights",
    "default_hours_per_month",
    "months_per_term",
    "monthly_hours_cap",
    "pro_rata",
)
"""Policy keys whose defaults no source states: each is said as :func:`assumption`."""


def assumption(key: str) -> Msg:
    """Why the default of ``key`` (one of :data:`ASSUMED`) is an assumption."""
    return Msg(f"models.assumption.{key.replace('.', '_')}")


ASSUMPTIONS: dict[str, str] = {key: assumption(key).render("en") for key in ASSUMED}
"""The same in English, by key."""


class BonusRule(BaseModel):
    """An optional pay bonus: ``percent`` more for work in the named units or areas by students
    whose GPA is at least ``min_gpa``. Off unless a policy lists one."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    percent: int = Field(gt=0, le=100)
    min_gpa: Decimal = Field(default=Decimal(0), ge=0, le=20)
    areas: tuple[str, ...] = ()
    unit_codes: tuple[str, ...] = ()


class Policy(BaseModel):
    """Every rule parameter, with RULES.md's defaults.

    Frozen; a changed copy comes from :meth:`with_overrides`.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    # --- eligibility (E1–E9)
    min_semesters_passed: int = Field(default=1, ge=0, le=20)
    semester_exempt_degrees: tuple[Degree, ...] = (Degree.master_discontinuous, Degree.phd)
    semester1_start_month: int = Field(default=7, ge=1, le=12)
    semester2_start_month: int = Field(default=11, ge=1, le=12)
    max_probation_semesters: int = Field(default=1, ge=0, le=20)
    min_gpa: dict[Degree, Annotated[Decimal, AfterValidator(_gpa_within_range)]] = Field(
        default_factory=lambda: dict(DEFAULT_MIN_GPA)
    )
    institution_type: InstitutionType = InstitutionType.ministry_science
    excluded_institution_types: tuple[InstitutionType, ...] = (
        InstitutionType.azad,
        InstitutionType.health_ministry,
    )
    require_valid_sheba: bool = False
    exclude_unsatisfied: bool = False
    """E9: a unit's "not satisfied" (ناراضی) of the term before closes that unit to the student."""

    # --- allocation (A1–A5)
    priority_weights: dict[PriorityGroup, Annotated[int, Field(ge=0, le=MAX_WEIGHT)]] = Field(
        default_factory=lambda: dict(DEFAULT_PRIORITY_WEIGHTS)
    )
    priority_combine: Literal["sum", "max"] = "sum"
    objective: tuple[ObjectiveTerm, ...] = ("priority", "coverage", "preference", "gpa")
    objective_mode: Literal["lexicographic", "weighted"] = "lexicographic"
    objective_weights: dict[ObjectiveTerm, Annotated[int, Field(ge=0, le=MAX_WEIGHT)]] = Field(
        default_factory=lambda: dict(DEFAULT_OBJECTIVE_WEIGHTS)
    )
    preference_mode: Literal["rank_maximal", "sum"] = "rank_maximal"
    stable: bool = False
    pins: Literal["hard", "soft"] = "hard"
    pin_penalty: int = Field(default=1000, ge=0, le=MAX_WEIGHT)
    keep_previous: str | None = None
    keep_previous_mode: Literal["hard", "soft"] = "soft"
    budget_term_rial: int | None = Field(default=None, ge=0, le=MAX_RIAL)
    unit_budget_term_rial: dict[str, Annotated[int, Field(ge=0, le=MAX_RIAL)]] = Field(
        default_factory=dict
    )
    min_fill: Decimal = Field(default=Decimal(0), ge=0, le=1)
    min_fill_penalty: int = Field(default=100, ge=0, le=MAX_WEIGHT)
    lottery_seed: int = Field(default=1402, ge=-MAX_SEED, le=MAX_SEED)

    # --- payments (P1–P5)
    hourly_rate_rial: dict[Degree, Annotated[int, Field(ge=0, le=MAX_HOURLY_RATE_RIAL)]] = Field(
        default_factory=lambda: dict(DEFAULT_HOURLY_RATE)
    )
    married_multiplier: Decimal = Field(default=Decimal("1.5"), ge=1, le=10)
    bonus_rules: tuple[BonusRule, ...] = ()
    default_hours_per_month: Decimal = Field(default=Decimal(40), gt=0, le=MAX_HOURS_PER_MONTH)
    months_per_term: int = Field(default=4, ge=1, le=12)
    monthly_hours_cap: Decimal = Field(default=Decimal(80), gt=0, le=MAX_HOURS_PER_MONTH)
    pro_rata: Literal["cap", "amount", "none"] = "cap"
    """Rule P5: a placement that covers part of a month (a mid-term vacancy) is paid pro rata
    by the month's days: ``cap`` shrinks the month's hour cap to that part, ``amount``
    multiplies the line's amount by it, ``none`` pays it as a whole month."""

    # --- solver
    time_limit_s: TimeLimit = 60.0
    workers: int = Field(default=2, ge=1, le=64)

    # --- input limits (docs/DATA.md): a file beyond them is refused before it is read
    max_input_mb: int = Field(default=200, ge=1, le=100_000)
    """Largest input file in MB (10^6 bytes): a CSV's size, an xlsx's uncompressed size."""
    max_input_rows: int = Field(default=1_000_000, ge=1, le=100_000_000)
    """Most rows one input sheet or CSV file may hold."""

    @field_validator("min_gpa")
    @classmethod
    def _gpa_defaults(cls, value: dict[Degree, Decimal]) -> dict[Degree, Decimal]:
        return {**DEFAULT_MIN_GPA, **value}

    @field_validator("hourly_rate_rial")
    @classmethod
    def _rates(cls, value: dict[Degree, int]) -> dict[Degree, int]:
        return {**DEFAULT_HOURLY_RATE, **value}

    @field_validator("priority_weights")
    @classmethod
    def _weights(cls, value: dict[PriorityGroup, int]) -> dict[PriorityGroup, int]:
        return {**DEFAULT_PRIORITY_WEIGHTS, **value}

    @field_validator("objective")
    @classmethod
    def _objective(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(set(value)) != len(value) or not value:
            raise ValueError(Msg("models.policy.objective_distinct"))
        return value

    @model_validator(mode="after")
    def _months(self) -> Policy:
        if self.semester1_start_month == self.semester2_start_month:
            raise ValueError(Msg("models.policy.months_differ"))
        return self

    # ----------------------------------------------------------------- loading
    @classmethod
    def from_toml(cls, path: str | Path) -> Policy:
        """Read a policy file; every problem is reported as ``file: key: what is wrong``."""
        data = read_toml_file(path, "policy")
        return cls.from_mapping(data, file=str(path))

    @classmethod
    def from_mapping(cls, data: dict[str, Any], file: str = "policy") -> Policy:
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise InputError(validation_issues(exc, file, cls)) from None

    def with_overrides(self, overrides: dict[str, Any], file: str = "overrides") -> Policy:
        """A copy with dotted keys replaced: ``{"min_gpa.bachelor_continuous": 15}``."""
        data = self.model_dump(mode="python")
        for dotted, value in overrides.items():
            target = data
            parts = dotted.split(".")
            for part in parts[:-1]:
                if part not in target or not isinstance(target[part], dict):
                    target[part] = {}
                target = target[part]
            target[parts[-1]] = value
        return Policy.from_mapping(data, file=file)

    # ----------------------------------------------------------------- helpers
    def min_gpa_for(self, degree: Degree) -> Decimal:
        return self.min_gpa[degree]

    def rate_for(self, degree: Degree) -> int:
        return self.hourly_rate_rial[degree]

    def priority_score(self, groups: Iterable[PriorityGroup]) -> int:
        """Rule A3: ``Σ_g w_g`` over a student's groups (``priority_combine = "sum"``) or
        ``max_g w_g`` (``"max"``); 0 for a student in no group."""
        weights = [self.priority_weights[g] for g in groups]
        if not weights:
            return 0
        return sum(weights) if self.priority_combine == "sum" else max(weights)

    def as_toml(self) -> str:
        """The policy as a TOML document (what a planner would put in a policy file)."""
        return _to_toml(self.model_dump(mode="json", exclude_none=True))


def validation_issues(exc: ValidationError, file: str, model: type[BaseModel]) -> list[Issue]:
    """Turn pydantic's errors into located issues naming the key; unknown keys list the allowed."""
    issues = []
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"])
        if err["type"] == "extra_forbidden":
            allowed = sorted(model.model_fields)
            close = difflib.get_close_matches(str(err["loc"][-1]), allowed, n=1)
            message: Text = (
                Msg("models.policy.unknown_key_meant", key=key, meant=close[0], allowed=allowed)
                if close
                else Msg("models.policy.unknown_key", key=key, allowed=allowed)
            )
            issues.append(Issue(message, file=file, column=key))
        else:
            message = validation_message(err)
            issues.append(Issue(message, err.get("input"), file=file, column=key))
    return issues


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        try:
            float(value)
            return value if value.strip() == value else f'"{value}"'
        except ValueError:
            escaped = value.replace("\\", "\\\\").replace('"', '\\"')
            return f'"{escaped}"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    return f'"{value}"'


def _to_toml(data: dict[str, Any]) -> str:
    scalars = [(k, v) for k, v in data.items() if not isinstance(v, dict)]
    tables = [(k, v) for k, v in data.items() if isinstance(v, dict)]
    lines = [f"{k} = {_toml_value(v)}" for k, v in scalars]
    for key, table in tables:
        lines.append("")
        lines.append(f"[{key}]")
        lines.extend(f"{k} = {_toml_value(v)}" for k, v in table.items())
    return "\n".join(lines) + "\n"
