"""hamyar: eligibility, allocation and payments for the Hamyar Daneshjoo work programme."""

from importlib.metadata import PackageNotFoundError, version

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

try:
    __version__ = version("hamyar")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"

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
