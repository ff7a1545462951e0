"""Identifiers with check digits: Iranian national IDs and Sheba numbers (Iranian IBANs).

* National ID (کد ملی): nine digits and a check digit ``c``; with
  ``s = Σ_{i=0..8} d_i × (10 − i) mod 11``, ``c = s`` when ``s < 2``, else ``c = 11 − s``
  (the rule :func:`hamyar.models.national_id_valid` checks).
* Sheba (ISO 13616): ``IR`` + two check digits + a 22-digit BBAN, whose first three digits are
  the bank code (``017`` Bank Melli). The check digits are ``98 − (N mod 97)``, where ``N`` is the
  BBAN followed by ``IR00`` with letters as numbers (I = 18, R = 27); a valid Sheba has
  ``(BBAN · "1827" · check digits) mod 97 = 1``.
"""

from __future__ import annotations

import random

_IR = "1827"  # "IR" with A = 10 … Z = 35

BANK_MELLI = "017"
OTHER_BANKS: tuple[tuple[str, float], ...] = (
    ("012", 5),  # Mellat
    ("019", 4),  # Saderat
    ("018", 4),  # Tejarat
    ("015", 3),  # Sepah
    ("016", 2),  # Keshavarzi
    ("014", 2),  # Maskan
    ("013", 2),  # Refah
    ("057", 2),  # Pasargad
    ("056", 1),  # Saman
    ("054", 1),  # Parsian
    ("062", 1),  # Ayandeh
)

# Area codes (first three digits) of national IDs issued in Qom and in a few other provinces.
NATIONAL_ID_PREFIXES: tuple[str, ...] = (
    "037", "038", "038", "037", "001", "002", "003", "004", "005", "007", "008", "010",
    "011", "012", "013", "014", "015", "016", "017", "018", "019", "020", "021", "022",
    "025", "026", "027", "028", "029", "030", "031", "032", "033", "034", "035", "036",
    "042", "043", "044", "045", "046", "047", "048", "049", "050", "051", "052", "053",
    "055", "056", "057", "058", "059", "060", "061", "062", "063", "064", "065", "066",
    "067", "068", "069", "070", "071", "072", "073", "074", "075", "076", "077", "078",
    "079", "080", "081", "082", "083", "084", "085", "086", "087", "088", "089", "090",
    "091", "092", "093", "094", "095", "096", "097", "098", "099",
)  # fmt: skip


def national_id_check_digit(first_nine: str) -> int:
    """The check digit of a national ID's first nine digits (module docstring)."""
    d = [int(c) for c in first_nine]
    s = (
        d[0] * 10
        + d[1] * 9
        + d[2] * 8
        + d[3] * 7
        + d[4] * 6
        + d[5] * 5
        + d[6] * 4
        + d[7] * 3
        + d[8] * 2
    ) % 11
    return s if s < 2 else 11 - s


def make_national_id(rng: random.Random, used: set[str]) -> str:
    """A valid national ID not in ``used`` (and added to it)."""
    n_prefixes = len(NATIONAL_ID_PREFIXES)
    while True:
        prefix, serial = divmod(int(rng.random() * n_prefixes * 1_000_000), 1_000_000)
        body = f"{NATIONAL_ID_PREFIXES[prefix]}{serial:06d}"
        code = body + str(national_id_check_digit(body))
        if code not in used and code != code[0] * 10:
            used.add(code)
            return code


def sheba_check_digits(bban: str) -> str:
    """``98 − (BBAN · 1827 · 00 mod 97)``, two digits (module docstring)."""
    return f"{98 - int(bban + _IR + '00') % 97:02d}"


def make_sheba(bank: str, account: str) -> str:
    """A valid Sheba for a bank code (3 digits) and an account (19 digits)."""
    bban = bank + account
    if len(bban) != 22 or not bban.isdigit():
        raise ValueError(f"a BBAN is 22 digits, got {bban!r}")
    return "IR" + sheba_check_digits(bban) + bban


def sheba_valid(sheba: str) -> bool:
    """``IR`` + 24 digits whose ISO 13616 check holds."""
    if len(sheba) != 26 or not sheba.startswith("IR") or not sheba[2:].isdigit():
        return False
    return int(sheba[4:] + _IR + sheba[2:4]) % 97 == 1


def sheba_bank(sheba: str) -> str:
    """The bank code of a Sheba (its 5th to 7th characters)."""
    return sheba[4:7]
