"""Rule E8: a valid Sheba (IBAN) in the student's own name, Bank Melli preferred.

The Sheba is checked by :func:`hamyar.models.sheba.check_sheba` (ISO 13616 mod 97), the same
function the payroll uses. A missing or invalid Sheba is a ``warning``: allocation goes on and
payment is blocked until it is fixed; with ``policy.require_valid_sheba`` it is an ``error`` and
the applicant is not eligible. A valid Sheba at another bank than Bank Melli is an ``info`` note
naming the bank. Whether the account is in the student's own name cannot be seen in the number;
the bank checks it at transfer time.
"""

from __future__ import annotations

from hamyar.eligibility.reasons import reason
from hamyar.models import Applicant, Policy, Reason, Term
from hamyar.models.results import Severity
from hamyar.models.sheba import check_sheba


def _consequence(required: bool, missing: bool) -> tuple[str, str]:
    """What follows from a missing or invalid Sheba, in Persian and English."""
    if required:
        return "شبای معتبر برای تخصیص الزامی است", "a valid Sheba is required for allocation"
    if missing:
        return "تا ثبت آن پرداخت انجام نمی‌شود", "payment is blocked until one is given"
    return "تا اصلاح آن پرداخت انجام نمی‌شود", "payment is blocked until it is corrected"


def e8_sheba(applicant: Applicant, policy: Policy, term: Term) -> list[Reason]:
    """E8: the Sheba must pass the check; a non-Melli bank is noted."""
    check = check_sheba(applicant.sheba)
    severity: Severity = "error" if policy.require_valid_sheba else "warning"
    if not check.text:
        fa, en = _consequence(policy.require_valid_sheba, missing=True)
        return [
            reason(
                "E8",
                f"شماره شبا ثبت نشده است؛ {fa}",
                f"no Sheba on record: {en}",
                severity=severity,
                sheba="",
                problem="missing",
            )
        ]
    if not check.valid:
        fa, en = _consequence(policy.require_valid_sheba, missing=False)
        return [
            reason(
                "E8",
                f"شماره شبای {check.text} نامعتبر است ({check.problem_fa})؛ {fa}",
                f"invalid Sheba {check.text} ({check.problem}): {en}",
                severity=severity,
                sheba=check.text,
                problem=check.problem,
            )
        ]
    if check.is_melli:
        return []
    bank_fa = check.bank_fa or f"بانکی با کد ناشناختهٔ {check.bank_code}"
    bank_en = check.bank_en or f"an unknown bank (code {check.bank_code})"
    return [
        reason(
            "E8",
            f"حساب متقاضی در {bank_fa} (کد {check.bank_code}) است، نه بانک ملی که ترجیح دارد",
            f"account at {bank_en} (code {check.bank_code}), not Bank Melli (preferred)",
            severity="info",
            sheba=check.text,
            bank_code=check.bank_code,
            bank=check.bank_en,
        )
    ]
