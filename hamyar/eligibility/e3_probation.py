"""Rule E3: fewer than two probation semesters (مشروطی), consecutive or not.

Fails when ``probation_semesters > policy.max_probation_semesters`` (1 by default, so one
probation semester passes and two fail).
"""

from __future__ import annotations

from hamyar.eligibility.reasons import reason
from hamyar.messages import Msg
from hamyar.models import Applicant, Policy, Reason, Term


def e3_probation(applicant: Applicant, policy: Policy, term: Term) -> list[Reason]:
    """E3: ``probation_semesters ≤ max_probation_semesters``."""
    n, allowed = applicant.probation_semesters, policy.max_probation_semesters
    if n <= allowed:
        return []
    return [
        reason(
            "E3",
            Msg("elig.e3.probation", count=n, allowed=allowed),
            probation_semesters=n,
            allowed=allowed,
        )
    ]
