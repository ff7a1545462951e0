"""Rule E2: no disciplinary conviction in the current or any earlier degree (a hard rule)."""

from __future__ import annotations

from hamyar.eligibility.reasons import reason
from hamyar.messages import Msg
from hamyar.models import Applicant, Policy, Reason, Term


def e2_disciplinary(applicant: Applicant, policy: Policy, term: Term) -> list[Reason]:
    """E2: fails when ``disciplinary_record`` is yes."""
    if not applicant.disciplinary_record:
        return []
    return [
        reason(
            "E2",
            Msg("elig.e2.conviction"),
            disciplinary_record="yes",
        )
    ]
