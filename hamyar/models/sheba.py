"""Sheba (شبا), the Iranian IBAN: checksum and bank, shared by rule E8 and the payroll.

A Sheba is ``IR`` + two check digits + a 22-digit BBAN whose first three digits are the bank code
(``017`` Bank Melli). ISO 13616 / ISO 7064 mod 97-10: move the country code and check digits to
the end, write letters as numbers (A = 10 … Z = 35, so ``IR`` = ``1827``), and the Sheba is valid
when

    int(BBAN · "1827" · check digits) mod 97 = 1.

Input is forgiving of the way people type it: Persian or Arabic-Indic digits, spaces, dashes, dots,
a lowercase ``ir``, or the 24 digits without ``IR``. The bank codes are the Central Bank of Iran's
(banks since merged, such as Ansar or Ghavamin into Sepah, keep their codes in old accounts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from hamyar.messages import Msg
from hamyar.text import normalize_value

MELLI_CODE = "017"

BANKS: dict[str, tuple[str, str]] = {
    "010": ("بانک مرکزی جمهوری اسلامی ایران", "Central Bank of Iran"),
    "011": ("بانک صنعت و معدن", "Bank of Industry and Mine (Sanat-o-Madan)"),
    "012": ("بانک ملت", "Bank Mellat"),
    "013": ("بانک رفاه کارگران", "Refah Kargaran Bank"),
    "014": ("بانک مسکن", "Bank Maskan"),
    "015": ("بانک سپه", "Bank Sepah"),
    "016": ("بانک کشاورزی", "Bank Keshavarzi"),
    "017": ("بانک ملی ایران", "Bank Melli Iran"),
    "018": ("بانک تجارت", "Tejarat Bank"),
    "019": ("بانک صادرات ایران", "Bank Saderat Iran"),
    "020": ("بانک توسعه صادرات ایران", "Export Development Bank of Iran (Tose'e Saderat)"),
    "021": ("پست بانک ایران", "Post Bank of Iran"),
    "022": ("بانک توسعه تعاون", "Tose'e Ta'avon Bank"),
    "051": ("موسسه اعتباری توسعه", "Tose'e Credit Institution"),
    "052": ("بانک قوامین", "Ghavamin Bank"),
    "053": ("بانک کارآفرین", "Karafarin Bank"),
    "054": ("بانک پارسیان", "Parsian Bank"),
    "055": ("بانک اقتصاد نوین", "Eghtesad Novin Bank"),
    "056": ("بانک سامان", "Saman Bank"),
    "057": ("بانک پاسارگاد", "Bank Pasargad"),
    "058": ("بانک سرمایه", "Sarmayeh Bank"),
    "059": ("بانک سینا", "Sina Bank"),
    "060": ("بانک قرض‌الحسنه مهر ایران", "Mehr Iran Bank"),
    "061": ("بانک شهر", "Shahr Bank"),
    "062": ("بانک آینده", "Ayandeh Bank"),
    "063": ("بانک انصار", "Ansar Bank"),
    "064": ("بانک گردشگری", "Gardeshgari Bank"),
    "065": ("بانک حکمت ایرانیان", "Hekmat Iranian Bank"),
    "066": ("بانک دی", "Dey Bank"),
    "069": ("بانک ایران زمین", "Iran Zamin Bank"),
    "070": ("بانک قرض‌الحسنه رسالت", "Resalat Bank"),
    "073": ("موسسه اعتباری کوثر", "Kowsar Credit Institution"),
    "075": ("موسسه اعتباری ملل", "Melal Credit Institution"),
    "078": ("بانک خاورمیانه", "Middle East Bank"),
    "079": ("بانک مهر اقتصاد", "Mehr Eghtesad Bank"),
    "080": ("موسسه اعتباری نور", "Noor Credit Institution"),
    "095": ("بانک ایران و ونزوئلا", "Iran-Venezuela Bi-National Bank"),
}
"""``{bank code: (Persian name, English name)}``."""

_IR_AS_DIGITS = "1827"  # I = 18, R = 27
_SEPARATORS = re.compile(r"[\s\-_./\u200c\u200f\u200e]+")


@dataclass(frozen=True)
class ShebaCheck:
    """What :func:`check_sheba` found.

    ``text`` is the normalised Sheba (``IR`` + 24 digits) when the input has that shape, otherwise
    the input as typed (stripped); ``reason`` says what is wrong (``None`` when valid), a
    catalogue message, and ``problem`` and ``problem_fa`` are it in English and in Persian.
    The bank is named whenever the shape allows reading its code, even when the check fails.
    """

    text: str
    valid: bool
    bank_code: str | None = None
    bank_fa: str | None = None
    bank_en: str | None = None
    is_melli: bool = False
    problem: str | None = None
    problem_fa: str | None = None
    reason: Msg | None = None


def normalize_sheba(value: object) -> str:
    """Persian digits to ASCII, separators removed, upper case; ``IR`` added to 24 bare digits."""
    text = _SEPARATORS.sub("", normalize_value(value)).upper()
    if len(text) == 24 and text.isdigit():
        text = "IR" + text
    return text


def sheba_checksum_ok(sheba: str) -> bool:
    """``int(BBAN · 1827 · check digits) mod 97 = 1`` for ``sheba`` = ``IR`` + 24 digits."""
    return int(sheba[4:] + _IR_AS_DIGITS + sheba[2:4]) % 97 == 1


def sheba_check_digits(bban: str) -> str:
    """The two check digits of a 22-digit BBAN: ``98 − int(BBAN · 1827 · 00) mod 97``."""
    return f"{98 - int(bban + _IR_AS_DIGITS + '00') % 97:02d}"


def check_sheba(value: object) -> ShebaCheck:
    """Check a Sheba as typed (module docstring) and name its bank.

    Missing (``None`` or blank), not ``IR`` + 24 digits (wrong length, letters), or a failing
    mod-97 check each give ``valid=False`` with the reason in ``problem`` (English) and
    ``problem_fa`` (Persian), the message itself in ``reason``.
    """
    if type(value) is str and len(value) == 26 and value.isascii() and _is_plain(value):
        return _shaped(value)  # already ``IR`` + 24 ASCII digits: nothing to normalise
    raw = normalize_value(value)
    if not raw:
        return _bad("", Msg("models.sheba.missing"))
    text = normalize_sheba(raw)
    if text.isdigit():
        text = "IR" + text  # digits without IR: the length check below names the count
    if not text.startswith("IR"):
        return _bad(raw, Msg("models.sheba.no_ir"))
    digits = text[2:]
    if not digits.isdigit():
        return _bad(raw, Msg("models.sheba.not_digits"))
    if len(digits) != 24:
        return _bad(raw, Msg("models.sheba.length", count=len(digits)))
    return _shaped(text)


def plain_banks(values: Iterable[object]) -> list[str | None]:
    """For each value, the bank code of a Sheba already written as ``IR`` + 24 ASCII digits
    that passes the mod-97 check, without building its :class:`ShebaCheck`; ``None`` for any
    other value (:func:`check_sheba` says what it is). One pass over a whole column."""
    return [
        v[4:7]
        if type(v) is str
        and len(v) == 26
        and v.isascii()
        and v.startswith("IR")
        and v[2:].isdigit()
        and int(v[4:] + _IR_AS_DIGITS + v[2:4]) % 97 == 1
        else None
        for v in values
    ]


def _is_plain(text: str) -> bool:
    """``IR`` and digits only (with ASCII only, 24 of them)."""
    return text.startswith("IR") and text[2:].isdigit()


def _shaped(text: str) -> ShebaCheck:
    """The check of ``IR`` + 24 digits: the bank and the mod-97 check."""
    code = text[4:7]
    fa, en = BANKS.get(code, (None, None))
    if sheba_checksum_ok(text):
        return ShebaCheck(
            text=text,
            valid=True,
            bank_code=code,
            bank_fa=fa,
            bank_en=en,
            is_melli=code == MELLI_CODE,
        )
    reason = Msg("models.sheba.checksum")
    en_problem, fa_problem = _words(reason)
    return ShebaCheck(
        text=text,
        valid=False,
        bank_code=code,
        bank_fa=fa,
        bank_en=en,
        is_melli=code == MELLI_CODE,
        problem=en_problem,
        problem_fa=fa_problem,
        reason=reason,
    )


@lru_cache(maxsize=64)
def _words(reason: Msg) -> tuple[str, str]:
    """``(english, persian)`` of a problem, once per distinct problem."""
    return reason.render("en"), reason.render("fa")


def _bad(raw: str, reason: Msg) -> ShebaCheck:
    en, fa = _words(reason)
    return ShebaCheck(text=raw.strip(), valid=False, problem=en, problem_fa=fa, reason=reason)


def make_sheba(bank_code: str, account: str) -> str:
    """A valid Sheba for a three-digit bank code and a 19-digit account number (for tests and
    examples)."""
    bban = bank_code + account
    if len(bban) != 22 or not bban.isdigit():
        raise ValueError(f"a BBAN is 22 digits, got {bban!r}")
    return "IR" + sheba_check_digits(bban) + bban
