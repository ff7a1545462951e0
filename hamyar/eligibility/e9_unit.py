"""Rule E9: the unit must judge the student suitable. It closes single (applicant, unit) pairs.

A pair is closed when the unit lists ``allowed_degrees`` and the applicant's degree is not among
them, when it lists ``allowed_fields`` and the applicant's field (compared after
:func:`hamyar.text.normalize_key`, so Arabic/Persian letter variants and ZWNJ do not matter) is
not among them or not given, when the rejections file names the pair, or — with the policy's
``exclude_unsatisfied`` — when the unit evaluated the student "not satisfied" at the end of an
earlier term (``problem.exclusions``, which the workspace provides as plain data). Every cause
is a reason of its own. The applicant stays eligible as long as one asked-for unit is open; one
left with none gets :func:`no_open_unit`, which names each closed unit and why.
"""

from __future__ import annotations

from collections.abc import Sequence

from hamyar.eligibility.reasons import degree_fa, fa_body, reason
from hamyar.models import Applicant, Policy, Reason, Term, Unit, UnitClosure
from hamyar.text import normalize_key


def e9_unit(
    applicant: Applicant,
    unit: Unit,
    policy: Policy,
    term: Term,
    rejected: bool,
    unsatisfied_in: str | None = None,
) -> list[Reason]:
    """E9 for one pair: every requirement of ``unit`` the applicant misses, the rejection, and
    (with ``policy.exclude_unsatisfied``) the unit's "not satisfied" of term ``unsatisfied_in``."""
    reasons: list[Reason] = []
    where_fa = f"واحد «{unit.name_fa}» ({unit.code})"
    degree = applicant.degree
    if unit.allowed_degrees and degree not in unit.allowed_degrees:
        allowed = unit.allowed_degrees
        reasons.append(
            reason(
                "E9",
                f"{where_fa} فقط دانشجویان مقاطع {'، '.join(degree_fa(d) for d in allowed)} را "
                f"می‌پذیرد و مقطع متقاضی {degree_fa(degree)} است",
                f"unit {unit.code} takes only {', '.join(d.value for d in allowed)}; "
                f"the applicant is {degree.value}",
                unit_code=unit.code,
                requirement="allowed_degrees",
                degree=degree.value,
            )
        )
    if unit.allowed_fields and not _field_allowed(applicant.field, unit.allowed_fields):
        fields = unit.allowed_fields
        field = applicant.field
        reasons.append(
            reason(
                "E9",
                f"{where_fa} فقط دانشجویان رشته‌های {'، '.join(fields)} را می‌پذیرد و "
                + (f"رشتهٔ متقاضی {field} است" if field else "رشتهٔ متقاضی ثبت نشده است"),
                f"unit {unit.code} takes only the fields {', '.join(fields)}; "
                + (f"the applicant's field is {field}" if field else "no field given"),
                unit_code=unit.code,
                requirement="allowed_fields",
                field=field,
            )
        )
    if rejected:
        reasons.append(
            reason(
                "E9",
                f"{where_fa} متقاضی را برای همکاری مناسب تشخیص نداده است",
                f"unit {unit.code} judged the applicant unsuitable (rejections list)",
                unit_code=unit.code,
                requirement="rejection",
            )
        )
    if unsatisfied_in is not None and policy.exclude_unsatisfied:
        reasons.append(
            reason(
                "E9",
                f"{where_fa} در ارزیابی پایان نیمسال {unsatisfied_in} از همکاری متقاضی "
                "ناراضی بوده است",
                f"unit {unit.code} was not satisfied with the student in term {unsatisfied_in} "
                "(evaluation; policy exclude_unsatisfied)",
                unit_code=unit.code,
                requirement="evaluation",
                evaluation_term=unsatisfied_in,
            )
        )
    return reasons


def _field_allowed(field: str | None, allowed: Sequence[str]) -> bool:
    if not field:
        return False
    return normalize_key(field) in {normalize_key(f) for f in allowed}


def no_open_unit(closures: Sequence[UnitClosure]) -> Reason:
    """The applicant-level E9 error: every asked-for unit is closed, each named with why."""
    return reason(
        "E9",
        "هیچ‌یک از واحدهای درخواستی متقاضی برای او باز نیست: "
        + "؛ ".join(fa_body(r) for c in closures for r in c.reasons),
        "no asked-for unit is open to the applicant: "
        + "; ".join(r.message_en for c in closures for r in c.reasons),
        closed_units=";".join(c.unit_code for c in closures),
    )


def no_unit_asked() -> Reason:
    """An applicant who asked for no unit can be placed nowhere (rule A4)."""
    return reason(
        "A4",
        "متقاضی هیچ واحدی را درخواست نکرده است و فقط در واحدهای درخواستی به کار گرفته می‌شود",
        "asked for no unit: an applicant is only placed in a unit he or she asked for",
    )
