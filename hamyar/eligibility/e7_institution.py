"""Rule E7: students of excluded kinds of institution are outside the programme.

The institution is the applicant's own ``institution_type`` (a guest student's home
institution) when given, otherwise the dataset's, ``policy.institution_type``. It fails when that
type is in ``policy.excluded_institution_types`` (Islamic Azad University and the Ministry of
Health's universities by default), and the message names the body the student must contact.
"""

from __future__ import annotations

from hamyar.eligibility.reasons import reason
from hamyar.models import Applicant, InstitutionType, Policy, Reason, Term, persian

CONTACT: dict[InstitutionType, tuple[str, str]] = {
    InstitutionType.azad: (
        "دفتر مرکزی دانشگاه آزاد اسلامی",
        "the central office of Islamic Azad University",
    ),
    InstitutionType.health_ministry: (
        "وزارت بهداشت، درمان و آموزش پزشکی",
        "the Ministry of Health and Medical Education",
    ),
}
"""The body to contact for each excluded institution type (the source names these two)."""

_NAMES_EN: dict[InstitutionType, str] = {
    InstitutionType.azad: "Islamic Azad University",
    InstitutionType.health_ministry: "the Ministry of Health's universities",
}


def e7_institution(applicant: Applicant, policy: Policy, term: Term) -> list[Reason]:
    """E7: the (home) institution type must not be excluded."""
    kind = applicant.institution_type or policy.institution_type
    if kind not in policy.excluded_institution_types:
        return []
    guest = applicant.institution_type is not None
    contact_fa, contact_en = CONTACT.get(
        kind, ("امور دانشجویی مؤسسهٔ خود", "the student affairs office of the home institution")
    )
    name_en = _NAMES_EN.get(kind, f"{kind.value} institutions")
    who_fa = "دانشجوی میهمان از" if guest else "دانشجوی"
    who_en = "guest student from" if guest else "student of"
    return [
        reason(
            "E7",
            f"{who_fa} {persian(kind)} است و دانشجویان آن مشمول این طرح نیستند؛ "
            f"پیگیری از {contact_fa}",
            f"{who_en} {name_en}, outside this programme: contact {contact_en}",
            institution_type=kind.value,
            source="applicant" if guest else "dataset",
        )
    ]
