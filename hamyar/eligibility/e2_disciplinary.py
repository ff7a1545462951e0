"""Rule E2: no disciplinary conviction in the current or any earlier degree (a hard rule)."""

from __future__ import annotations

from functools import cache

from hamyar.eligibility.columns import Columns, Fired, one_of, per_distinct
from hamyar.eligibility.reasons import reason
from hamyar.messages import Msg
from hamyar.models import Applicant, Policy, Reason, Term


def e2_disciplinary(applicant: Applicant, policy: Policy, term: Term) -> list[Reason]:
    """E2: fails when ``disciplinary_record`` is yes."""
    return one_of(e2_disciplinary_all(Columns.of([applicant]), policy, term))


def e2_disciplinary_all(cols: Columns, policy: Policy, term: Term) -> Fired:
    """E2 over every applicant."""
    return per_distinct(cols.disciplinary_record, lambda record: _conviction() if record else None)


@cache
def _conviction() -> Reason:
    """The E2 reason, the same for every applicant it concerns."""
    return reason("E2", Msg("elig.e2.conviction"), disciplinary_record="yes")
