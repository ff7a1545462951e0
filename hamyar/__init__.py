"""hamyar: eligibility, allocation and payments for the Hamyar Daneshjoo work programme.

The names below are imported when first asked for (``hamyar.Policy``, ``hamyar.__version__``),
so that ``import hamyar.X`` costs only what ``X`` needs: a command's start is most of its time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hamyar.lazy import lazy_names

if TYPE_CHECKING:
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

    __version__: str

_LAZY = {
    "HamyarError": "hamyar.errors",
    "InputError": "hamyar.errors",
    "Issue": "hamyar.errors",
    "Allocation": "hamyar.models",
    "Applicant": "hamyar.models",
    "EligibilityResult": "hamyar.models",
    "Policy": "hamyar.models",
    "Problem": "hamyar.models",
    "Term": "hamyar.models",
    "Unit": "hamyar.models",
}


_names = lazy_names(__name__, _LAZY)


def __getattr__(name: str) -> Any:
    if name != "__version__":
        return _names(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("hamyar")
    except PackageNotFoundError:  # running from a source tree that was not installed
        value = "0.0.0"
    globals()[name] = value
    return value


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
