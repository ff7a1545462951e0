"""The embedded default: the University of Qom 1402–1403 table and a generated applicant pool.

``default_problem()`` is what ``hamyar run`` works on when given no files: the 25 units of the
1402–1403 capacity table (154 female and 130 male seats, see :mod:`hamyar.data.qom`), 1,000
applicants generated with seed 1402 for the term 1402-1, a few rejections, and the default
policy. ``hamyar generate --applicants 1000 --units 25 --seed 1402`` writes the same pool as
files.
"""

from __future__ import annotations

from functools import cache

from hamyar.data.qom import qom_units
from hamyar.generator.applicants import DEFAULT_TERM, generate_applicants
from hamyar.generator.instance import generate_rejections
from hamyar.models import Applicant, Policy, Problem, Rejection, Unit

DEFAULT_NAME = "qom-1402-1403"
DEFAULT_SEED = 1402
DEFAULT_APPLICANTS = 1000


@cache
def default_units() -> tuple[Unit, ...]:
    """The 25 units of the Qom 1402–1403 table, with the default's requirements."""
    return qom_units()


@cache
def default_applicants(seed: int = DEFAULT_SEED) -> tuple[Applicant, ...]:
    """1,000 applicants for the Qom table, for the term 1402-1 (the same for the same seed)."""
    return generate_applicants(default_units(), DEFAULT_APPLICANTS, seed, DEFAULT_TERM)


@cache
def default_rejections() -> tuple[Rejection, ...]:
    """The units' rejections of named applicants of the default pool (rule E9)."""
    return generate_rejections(default_applicants(), default_units(), DEFAULT_SEED)


def default_problem() -> Problem:
    """The embedded default as a cross-checked problem, with the default policy."""
    return Problem.create(
        default_applicants(),
        default_units(),
        default_rejections(),
        Policy(),
        DEFAULT_TERM,
        DEFAULT_NAME,
    )


__all__ = [
    "DEFAULT_APPLICANTS",
    "DEFAULT_NAME",
    "DEFAULT_SEED",
    "DEFAULT_TERM",
    "default_applicants",
    "default_problem",
    "default_rejections",
    "default_units",
]
