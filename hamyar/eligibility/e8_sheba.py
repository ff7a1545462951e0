"""Rule E8: a valid Sheba (IBAN) in the student's own name, Bank Melli preferred.

The Sheba is checked by :func:`hamyar.models.sheba.check_sheba` (ISO 13616 mod 97), the same
function the payroll uses. A missing or invalid Sheba is a ``warning``: allocation goes on and
payment is blocked until it is fixed; with ``policy.require_valid_sheba`` it is an ``error`` and
the applicant is not eligible. A valid Sheba at another bank than Bank Melli is an ``info`` note
naming the bank. Whether the account is in the student's own name cannot be seen in the number;
the bank checks it at transfer time.
"""

from __future__ import annotations

from functools import lru_cache

from hamyar.eligibility.reasons import reason, rendered
from hamyar.messages import Bilingual, Msg
from hamyar.models import Applicant, Policy, Reason, Term
from hamyar.models.results import Severity
from hamyar.models.sheba import check_sheba


def _consequence(required: bool, missing: bool) -> Msg:
    """What follows from a missing or invalid Sheba."""
    if required:
        return Msg("elig.e8.required")
    return Msg("elig.e8.blocked_missing" if missing else "elig.e8.blocked_invalid")


@lru_cache(maxsize=2)
def _missing(required: bool) -> Reason:
    """The E8 reason of every applicant without a Sheba."""
    return reason(
        "E8",
        Msg("elig.e8.missing", then=_consequence(required, missing=True)),
        severity="error" if required else "warning",
        sheba="",
        problem="missing",
    )


@lru_cache(maxsize=256)
def _other_bank(
    code: str | None, bank_fa: str | None, bank_en: str | None
) -> tuple[Msg, tuple[str, str]]:
    """The note of an account at another bank than Bank Melli, rendered once per bank."""
    if bank_fa and bank_en:
        bank: Bilingual | Msg = Bilingual(fa=bank_fa, en=bank_en)
    else:
        bank = Msg("elig.e8.unknown_bank", code=code)
    message = Msg("elig.e8.other_bank", bank=bank, code=code)
    return message, rendered(message)


def e8_sheba(applicant: Applicant, policy: Policy, term: Term) -> list[Reason]:
    """E8: the Sheba must pass the check; a non-Melli bank is noted."""
    check = check_sheba(applicant.sheba)
    severity: Severity = "error" if policy.require_valid_sheba else "warning"
    if not check.text:
        return [_missing(policy.require_valid_sheba)]
    if not check.valid:
        then = _consequence(policy.require_valid_sheba, missing=False)
        problem = Bilingual(fa=check.problem_fa or "", en=check.problem or "")
        return [
            reason(
                "E8",
                Msg("elig.e8.invalid", sheba=check.text, problem=problem, then=then),
                severity=severity,
                sheba=check.text,
                problem=check.problem,
            )
        ]
    if check.is_melli:
        return []
    message, words = _other_bank(check.bank_code, check.bank_fa, check.bank_en)
    return [
        reason(
            "E8",
            message,
            severity="info",
            words=words,
            sheba=check.text,
            bank_code=check.bank_code,
            bank=check.bank_en,
        )
    ]
