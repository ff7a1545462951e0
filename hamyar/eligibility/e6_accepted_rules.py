"""Rule E6: the applicant accepted the programme's rules (the form's «با قوانین گفته شده موافق
هستم»)."""

from __future__ import annotations

from functools import cache

from hamyar.eligibility.columns import Columns, Fired, one_of, per_distinct
from hamyar.eligibility.reasons import reason
from hamyar.messages import Msg
from hamyar.models import Applicant, Policy, Reason, Term


def e6_accepted_rules(applicant: Applicant, policy: Policy, term: Term) -> list[Reason]:
    """E6: fails when ``accepted_rules`` is no."""
    return one_of(e6_accepted_rules_all(Columns.of([applicant]), policy, term))


def e6_accepted_rules_all(cols: Columns, policy: Policy, term: Term) -> Fired:
    """E6 over every applicant."""
    return per_distinct(cols.accepted_rules, lambda accepted: None if accepted else _refused())


@cache
def _refused() -> Reason:
    """The E6 reason, the same for every applicant it concerns."""
    return reason("E6", Msg("elig.e6.not_accepted"), accepted_rules="no")
