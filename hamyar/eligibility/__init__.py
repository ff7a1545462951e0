"""Eligibility (rules E1–E9): who may apply, and which asked-for units are open to whom.

One function per rule, each ``(applicant, policy, term) -> list[Reason]`` (E9 also takes the
unit and whether the unit rejected the applicant); :func:`evaluate` runs them all over a
:class:`~hamyar.models.Problem` and returns the :class:`~hamyar.models.EligibilityResult` the
optimizer and the reports take.
"""

from hamyar.eligibility.e1_semesters import (
    Semesters,
    derive_semesters,
    e1_semesters,
    semesters_passed,
)
from hamyar.eligibility.e2_disciplinary import e2_disciplinary
from hamyar.eligibility.e3_probation import e3_probation
from hamyar.eligibility.e4_gpa import e4_gpa
from hamyar.eligibility.e5_international import e5_international
from hamyar.eligibility.e6_accepted_rules import e6_accepted_rules
from hamyar.eligibility.e7_institution import e7_institution
from hamyar.eligibility.e8_sheba import e8_sheba
from hamyar.eligibility.e9_unit import e9_unit, no_open_unit, no_unit_asked
from hamyar.eligibility.evaluate import (
    APPLICANT_RULES,
    applicant_reasons,
    evaluate,
    evaluate_applicant,
)

__all__ = [
    "APPLICANT_RULES",
    "Semesters",
    "applicant_reasons",
    "derive_semesters",
    "e1_semesters",
    "e2_disciplinary",
    "e3_probation",
    "e4_gpa",
    "e5_international",
    "e6_accepted_rules",
    "e7_institution",
    "e8_sheba",
    "e9_unit",
    "evaluate",
    "evaluate_applicant",
    "no_open_unit",
    "no_unit_asked",
    "semesters_passed",
]
