"""Rule E4: minimum GPA (out of 20) by degree: ``gpa ≥ policy.min_gpa[degree]``.

The defaults are 14 for associate and bachelor, 15 for master, professional doctorate and PhD.
The comparison is exact in decimal (a GPA of 13.99 fails a threshold of 14, 14.00 passes).
"""

from __future__ import annotations

from decimal import Decimal

from hamyar.eligibility.reasons import degree_fa, fa_number, fmt_gpa, reason
from hamyar.models import Applicant, Policy, Reason, Term


def e4_gpa(applicant: Applicant, policy: Policy, term: Term) -> list[Reason]:
    """E4: ``Decimal(gpa) ≥ min_gpa[degree]``."""
    need = policy.min_gpa_for(applicant.degree)
    if Decimal(str(applicant.gpa)) >= need:
        return []
    gpa, need_text = fmt_gpa(applicant.gpa), fmt_gpa(need)
    degree = applicant.degree
    return [
        reason(
            "E4",
            f"معدل {fa_number(gpa)} کمتر از حداقل {fa_number(need_text)} لازم برای مقطع "
            f"{degree_fa(degree)} است",
            f"GPA {gpa} < {need_text} required for {degree.value}",
            gpa=gpa,
            required=need_text,
            degree=degree.value,
        )
    ]
