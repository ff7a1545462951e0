"""Rule E3: fewer than two probation semesters (مشروطی), consecutive or not.

Fails when ``probation_semesters > policy.max_probation_semesters`` (1 by default, so one
probation semester passes and two fail).
"""

from __future__ import annotations

from hamyar.eligibility.reasons import fa_number, reason
from hamyar.models import Applicant, Policy, Reason, Term


def e3_probation(applicant: Applicant, policy: Policy, term: Term) -> list[Reason]:
    """E3: ``probation_semesters ≤ max_probation_semesters``."""
    n, allowed = applicant.probation_semesters, policy.max_probation_semesters
    if n <= allowed:
        return []
    return [
        reason(
            "E3",
            f"متقاضی {fa_number(n)} نیمسال مشروطی دارد و حداکثر {fa_number(allowed)} نیمسال "
            "مشروطی مجاز است",
            f"{n} probation semesters > {allowed} allowed",
            probation_semesters=n,
            allowed=allowed,
        )
    ]
