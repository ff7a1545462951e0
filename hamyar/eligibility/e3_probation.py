"""Rule E3: fewer than two probation semesters (مشروطی), consecutive or not.

Fails when ``probation_semesters > policy.max_probation_semesters`` (1 by default, so one
probation semester passes and two fail).
"""

from __future__ import annotations

from functools import lru_cache

from hamyar.eligibility.columns import Columns, Fired, one_of, per_distinct
from hamyar.eligibility.reasons import reason
from hamyar.messages import Msg
from hamyar.models import Applicant, Policy, Reason, Term


def e3_probation(applicant: Applicant, policy: Policy, term: Term) -> list[Reason]:
    """E3: ``probation_semesters ≤ max_probation_semesters``."""
    return one_of(e3_probation_all(Columns.of([applicant]), policy, term))


def e3_probation_all(cols: Columns, policy: Policy, term: Term) -> Fired:
    """E3 over every applicant, once per distinct count."""
    allowed = policy.max_probation_semesters
    return per_distinct(
        cols.probation_semesters, lambda n: None if n <= allowed else _too_many(n, allowed)
    )


@lru_cache(maxsize=256)
def _too_many(n: int, allowed: int) -> Reason:
    """The E3 reason, the same for every applicant with this count."""
    return reason(
        "E3",
        Msg("elig.e3.probation", count=n, allowed=allowed),
        probation_semesters=n,
        allowed=allowed,
    )
