"""Domain models: frozen pydantic records, validated on construction, with no solver import."""

from hamyar.models.calendar import JalaliDate, JalaliMonth, Term
from hamyar.models.enums import (
    Degree,
    Gender,
    InstitutionType,
    MaritalStatus,
    PriorityGroup,
    StudentType,
    parse_enum,
    persian,
)
from hamyar.models.people import (
    Applicant,
    Rejection,
    Source,
    TimesheetRow,
    Unit,
    national_id_valid,
)
from hamyar.models.policy import ASSUMPTIONS, BonusRule, Policy
from hamyar.models.problem import Problem, UnitIndex
from hamyar.models.results import (
    Allocation,
    ApplicantEligibility,
    Assignment,
    EligibilityResult,
    EnvyPair,
    Explanation,
    Reason,
    SolveStatus,
    StageResult,
    UnitClosure,
    UnitExplanation,
    UnitFill,
)

__all__ = [
    "ASSUMPTIONS",
    "Allocation",
    "Applicant",
    "ApplicantEligibility",
    "Assignment",
    "BonusRule",
    "Degree",
    "EligibilityResult",
    "EnvyPair",
    "Explanation",
    "Gender",
    "InstitutionType",
    "JalaliDate",
    "JalaliMonth",
    "MaritalStatus",
    "Policy",
    "PriorityGroup",
    "Problem",
    "Reason",
    "Rejection",
    "SolveStatus",
    "Source",
    "StageResult",
    "StudentType",
    "Term",
    "TimesheetRow",
    "Unit",
    "UnitClosure",
    "UnitExplanation",
    "UnitFill",
    "UnitIndex",
    "national_id_valid",
    "parse_enum",
    "persian",
]
