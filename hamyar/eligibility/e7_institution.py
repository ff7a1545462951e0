"""Rule E7: students of excluded kinds of institution are outside the programme.

The institution is the applicant's own ``institution_type`` (a guest student's home
institution) when given, otherwise the dataset's, ``policy.institution_type``. It fails when that
type is in ``policy.excluded_institution_types`` (Islamic Azad University and the Ministry of
Health's universities by default), and the message names the body the student must contact
(``elig.e7.contact.<type>``: the source names the two; any other type, the home institution's
student affairs).
"""

from __future__ import annotations

from functools import lru_cache

from hamyar.eligibility.columns import Columns, Fired, one_of, per_distinct
from hamyar.eligibility.reasons import reason
from hamyar.messages import Msg
from hamyar.models import Applicant, InstitutionType, Policy, Reason, Term

CONTACTS = frozenset({InstitutionType.azad, InstitutionType.health_ministry})
"""The excluded institution types whose body to contact the source names."""


def e7_institution(applicant: Applicant, policy: Policy, term: Term) -> list[Reason]:
    """E7: the (home) institution type must not be excluded."""
    return one_of(e7_institution_all(Columns.of([applicant]), policy, term))


def e7_institution_all(cols: Columns, policy: Policy, term: Term) -> Fired:
    """E7 over every applicant, once per distinct institution type of their own."""
    excluded = frozenset(policy.excluded_institution_types)

    def decide(own: InstitutionType | None) -> Reason | None:
        kind = own or policy.institution_type
        return _excluded(kind, own is not None) if kind in excluded else None

    return per_distinct(cols.institution_type, decide)


@lru_cache(maxsize=64)
def _excluded(kind: InstitutionType, guest: bool) -> Reason:
    """The E7 reason, the same for every applicant of this type, guest or not."""
    contact = kind.value if kind in CONTACTS else "other"
    return reason(
        "E7",
        Msg(
            "elig.e7.guest" if guest else "elig.e7.student",
            institution=Msg(f"elig.e7.institution.{kind.value}"),
            contact=Msg(f"elig.e7.contact.{contact}"),
        ),
        institution_type=kind.value,
        source="applicant" if guest else "dataset",
    )
