"""Rule E5: international (non-Iranian) students.

An international student whose mother is Iranian is treated as an Iranian student (an ``info``
note says so); any other international student needs the student deputy's approval
(``deputy_approval``): with it an ``info`` note, without it an ``error``. Domestic students are
not concerned.
"""

from __future__ import annotations

from hamyar.eligibility.reasons import reason
from hamyar.messages import Msg
from hamyar.models import Applicant, Policy, Reason, StudentType, Term


def e5_international(applicant: Applicant, policy: Policy, term: Term) -> list[Reason]:
    """E5: international students need an Iranian mother or the deputy's approval."""
    if applicant.student_type is not StudentType.international:
        return []
    if applicant.iranian_mother:
        return [
            reason(
                "E5",
                Msg("elig.e5.iranian_mother"),
                severity="info",
                student_type="international",
                iranian_mother="yes",
            )
        ]
    if applicant.deputy_approval:
        return [
            reason(
                "E5",
                Msg("elig.e5.approved"),
                severity="info",
                student_type="international",
                iranian_mother="no",
                deputy_approval="yes",
            )
        ]
    return [
        reason(
            "E5",
            Msg("elig.e5.not_approved"),
            student_type="international",
            iranian_mother="no",
            deputy_approval="no",
        )
    ]
