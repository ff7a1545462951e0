"""Rule E4: minimum GPA (out of 20) by degree: ``gpa ≥ policy.min_gpa[degree]``.

The defaults are 14 for associate and bachelor, 15 for master, professional doctorate and PhD.
The comparison is exact in decimal (a GPA of 13.99 fails a threshold of 14, 14.00 passes).
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from hamyar.eligibility.columns import Columns, Fired, one_of, per_distinct
from hamyar.eligibility.reasons import degree_word, gpa_value, reason
from hamyar.messages import Msg
from hamyar.models import Applicant, Degree, Policy, Reason, Term


def e4_gpa(applicant: Applicant, policy: Policy, term: Term) -> list[Reason]:
    """E4: ``Decimal(gpa) ≥ min_gpa[degree]``."""
    return one_of(e4_gpa_all(Columns.of([applicant]), policy, term))


def e4_gpa_all(cols: Columns, policy: Policy, term: Term) -> Fired:
    """E4 over every applicant, once per distinct GPA and degree."""

    def decide(key: tuple[float, Degree]) -> Reason | None:
        gpa, degree = key
        need = policy.min_gpa_for(degree)
        return None if Decimal(str(gpa)) >= need else _too_low(gpa, need, degree)

    return per_distinct(zip(cols.gpa, cols.degree, strict=True), decide)


@lru_cache(maxsize=4096)
def _too_low(gpa: float, need: Decimal, degree: Degree) -> Reason:
    """The E4 reason, the same for every applicant with this GPA and degree."""
    shown, required = gpa_value(gpa), gpa_value(need)
    return reason(
        "E4",
        Msg("elig.e4.gpa", gpa=shown, required=required, degree=degree_word(degree)),
        gpa=shown,
        required=required,
        degree=degree.value,
    )
