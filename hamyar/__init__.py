"""hamyar: eligibility, allocation and payments for the Hamyar Daneshjoo work programme.

The names below are imported when first asked for (``hamyar.Policy``, ``hamyar.__version__``),
so that ``import hamyar.X`` costs only what ``X`` needs: a command's start is most of its time.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

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


def _installed_version() -> str:
    """The installed distribution's version, as :func:`importlib.metadata.version` says it.

    The first ``hamyar-*.dist-info`` on ``sys.path`` (where importlib.metadata looks first)
    is read directly, which spares a tenth of a second of importing ``importlib.metadata``
    and ``email``; anything else (an egg-info, no METADATA) asks importlib.metadata.
    """
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found = [n for n in names if n.lower().startswith("hamyar") and n.endswith("-info")]
        if not found:
            continue
        if len(found) == 1 and found[0].startswith("hamyar-") and found[0].endswith(".dist-info"):
            try:
                with open(os.path.join(entry or ".", found[0], "METADATA"), encoding="utf-8") as f:
                    for line in f:
                        if line.startswith("Version:"):
                            return line.partition(":")[2].strip()
                        if not line.strip():
                            break
            except OSError:
                pass
        break
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("hamyar")
    except PackageNotFoundError:  # running from a source tree that was not installed
        return "0.0.0"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        value: Any = _installed_version()
    elif name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
    else:
        raise AttributeError(f"module 'hamyar' has no attribute {name!r}")
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
