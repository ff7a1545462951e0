"""Rule E6: the applicant accepted the programme's rules (the form's «با قوانین گفته شده موافق
هستم»)."""

from __future__ import annotations

from hamyar.eligibility.reasons import reason
from hamyar.messages import Msg
from hamyar.models import Applicant, Policy, Reason, Term


def e6_accepted_rules(applicant: Applicant, policy: Policy, term: Term) -> list[Reason]:
    """E6: fails when ``accepted_rules`` is no."""
    if applicant.accepted_rules:
        return []
    return [
        reason(
            "E6",
            Msg("elig.e6.not_accepted"),
            accepted_rules="no",
        )
    ]
