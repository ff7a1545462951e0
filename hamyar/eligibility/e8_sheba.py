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

from hamyar.eligibility.columns import Columns, Fired, one_of
from hamyar.eligibility.reasons import reason
from hamyar.messages import Bilingual, Msg
from hamyar.models import Applicant, Policy, Reason, Term
from hamyar.models.results import rendered_reason
from hamyar.models.sheba import BANKS, MELLI_CODE, ShebaCheck, check_sheba, plain_banks


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
    """The note of an account at another bank than Bank Melli and its sentences, the same for
    every account at the bank: rendered once per bank."""
    if bank_fa and bank_en:
        bank: Bilingual | Msg = Bilingual(fa=bank_fa, en=bank_en)
    else:
        bank = Msg("elig.e8.unknown_bank", code=code)
    message = Msg("elig.e8.other_bank", bank=bank, code=code)
    return message, rendered_reason("E8", message)


def e8_sheba(applicant: Applicant, policy: Policy, term: Term) -> list[Reason]:
    """E8: the Sheba must pass the check; a non-Melli bank is noted."""
    return one_of(e8_sheba_all(Columns.of([applicant]), policy, term))


def e8_sheba_all(cols: Columns, policy: Policy, term: Term) -> Fired:
    """E8 over every applicant: a Sheba already written as ``IR`` + 24 digits and valid is
    seen by its bank code alone (:func:`~hamyar.models.sheba.plain_banks`), any other is
    checked whole."""
    required = policy.require_valid_sheba
    fired: Fired = {}
    for i, (sheba, code) in enumerate(zip(cols.sheba, plain_banks(cols.sheba), strict=True)):
        if code == MELLI_CODE:
            continue
        if code is None:
            found = _verdict(check_sheba(sheba), required)
        else:
            fa, en = BANKS.get(code, (None, None))
            found = _noted(sheba, code, fa, en)  # type: ignore[arg-type]
        if found is not None:
            fired[i] = found
    return fired


def _verdict(check: ShebaCheck, required: bool) -> Reason | None:
    """The E8 reason of one Sheba's check (``None``: a valid Sheba at Bank Melli)."""
    if not check.text:
        return _missing(required)
    if not check.valid:
        then = _consequence(required, missing=False)
        problem = Bilingual(fa=check.problem_fa or "", en=check.problem or "")
        return reason(
            "E8",
            Msg("elig.e8.invalid", sheba=check.text, problem=problem, then=then),
            severity="error" if required else "warning",
            sheba=check.text,
            problem=check.problem,
        )
    if check.is_melli:
        return None
    return _noted(check.text, check.bank_code, check.bank_fa, check.bank_en)


def _noted(sheba: str, code: str | None, bank_fa: str | None, bank_en: str | None) -> Reason:
    """The note of a valid Sheba at another bank than Bank Melli."""
    message, (fa, en) = _other_bank(code, bank_fa, bank_en)
    values = {"sheba": sheba, "bank_code": code or "", "bank": bank_en or ""}
    return Reason("E8", fa, en, values=values, severity="info", message=message)
