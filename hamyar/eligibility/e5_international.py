"""Rule E5: international (non-Iranian) students.

An international student whose mother is Iranian is treated as an Iranian student (an ``info``
note says so); any other international student needs the student deputy's approval
(``deputy_approval``): with it an ``info`` note, without it an ``error``. Domestic students are
not concerned.
"""

from __future__ import annotations

from functools import cache

from hamyar.eligibility.columns import Columns, Fired, one_of, per_distinct
from hamyar.eligibility.reasons import reason
from hamyar.messages import Msg
from hamyar.models import Applicant, Policy, Reason, StudentType, Term


def e5_international(applicant: Applicant, policy: Policy, term: Term) -> list[Reason]:
    """E5: international students need an Iranian mother or the deputy's approval."""
    return one_of(e5_international_all(Columns.of([applicant]), policy, term))


def e5_international_all(cols: Columns, policy: Policy, term: Term) -> Fired:
    """E5 over every applicant."""
    keys = zip(cols.student_type, cols.iranian_mother, cols.deputy_approval, strict=True)
    return per_distinct(keys, lambda key: _verdict(*key))


@cache
def _verdict(kind: StudentType, iranian_mother: bool, deputy_approval: bool) -> Reason | None:
    """The E5 reason, the same for every applicant of this kind, mother and approval."""
    if kind is not StudentType.international:
        return None
    if iranian_mother:
        return reason(
            "E5",
            Msg("elig.e5.iranian_mother"),
            severity="info",
            student_type="international",
            iranian_mother="yes",
        )
    if deputy_approval:
        return reason(
            "E5",
            Msg("elig.e5.approved"),
            severity="info",
            student_type="international",
            iranian_mother="no",
            deputy_approval="yes",
        )
    return reason(
        "E5",
        Msg("elig.e5.not_approved"),
        student_type="international",
        iranian_mother="no",
        deputy_approval="no",
    )
