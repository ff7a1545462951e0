"""Rule E2: no disciplinary conviction in the current or any earlier degree (a hard rule)."""

from __future__ import annotations

from hamyar.eligibility.reasons import reason
from hamyar.models import Applicant, Policy, Reason, Term


def e2_disciplinary(applicant: Applicant, policy: Policy, term: Term) -> list[Reason]:
    """E2: fails when ``disciplinary_record`` is yes."""
    if not applicant.disciplinary_record:
        return []
    return [
        reason(
            "E2",
            "متقاضی در مقطع فعلی یا مقاطع قبلی سابقهٔ محکومیت انضباطی دارد",
            "disciplinary conviction on record (current or an earlier degree)",
            disciplinary_record="yes",
        )
    ]
