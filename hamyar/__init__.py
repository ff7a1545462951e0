"""hamyar: eligibility, allocation and payments for the Hamyar Daneshjoo work programme."""

from hamyar.errors import HamyarError, InputError, Issue
from hamyar.models import (
    Allocation,
    Applicant,
    EligibilityResult,
    Policy,
    Problem,
    Term,
    Unit,
)

__all__ = [
    "Allocation",
    "Applicant",
    "EligibilityResult",
    "HamyarError",
    "InputError",
    "Issue",
    "Policy",
    "Problem",
    "Term",
    "Unit",
]
