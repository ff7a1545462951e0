"""Sheba (Iranian IBAN): ISO 13616 mod-97 check, forgiving input, the bank from its code."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamyar.models.sheba import BANKS, check_sheba, make_sheba, normalize_sheba, plain_banks

# Published examples (the Parsian and Pasargad Sheba numbers of the persian-tools docs).
PARSIAN = "IR820540102680020817909002"
PASARGAD = "IR550570022080013447370101"
MELLI = make_sheba("017", "0000001234567890123")

FA = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
AR = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def wrong_check_digit(sheba: str) -> str:
    return sheba[:2] + str((int(sheba[2]) + 1) % 10) + sheba[3:]


ROWS = [
    # input, valid, normalised text, bank code, problem (start)
    (PARSIAN, True, PARSIAN, "054", None),
    (PASARGAD, True, PASARGAD, "057", None),
    (MELLI, True, MELLI, "017", None),
    (PARSIAN.translate(FA), True, PARSIAN, "054", None),  # Persian digits
    (PARSIAN.translate(AR), True, PARSIAN, "054", None),  # Arabic-Indic digits
    ("ir82 0540 1026 8002 0817 9090 02", True, PARSIAN, "054", None),  # spaces, lowercase
    ("IR82-0540-1026-8002-0817-9090-02", True, PARSIAN, "054", None),  # dashes
    (f"  {PARSIAN}\u200c ", True, PARSIAN, "054", None),  # surrounding space and ZWNJ
    (PARSIAN[2:], True, PARSIAN, "054", None),  # the 24 digits without IR
    (wrong_check_digit(PARSIAN), False, wrong_check_digit(PARSIAN), "054", "check digits"),
    (PARSIAN[:-1] + "3", False, PARSIAN[:-1] + "3", "054", "check digits"),  # a changed digit
    (PARSIAN[:-1], False, PARSIAN[:-1], None, "IR and 24 digits required, got 23"),
    (PARSIAN + "0", False, PARSIAN + "0", None, "IR and 24 digits required, got 25"),
    ("DE89370400440532013000", False, "DE89370400440532013000", None, "must start with IR"),
    ("IR82054010268002081790900X", False, "IR82054010268002081790900X", None, "only digits"),
    ("", False, "", None, "missing"),
    (None, False, "", None, "missing"),
]


@pytest.mark.parametrize(("value", "valid", "text", "bank", "problem"), ROWS)
def test_check_sheba(
    value: str | None, valid: bool, text: str, bank: str | None, problem: str | None
) -> None:
    check = check_sheba(value)
    assert check.valid is valid
    assert check.text == text
    assert check.bank_code == bank
    if problem is None:
        assert check.problem is None and check.problem_fa is None
    else:
        assert check.problem is not None and check.problem.startswith(problem)
        assert check.problem_fa


@pytest.mark.parametrize(
    ("code", "fa", "en"),
    [
        ("017", "بانک ملی ایران", "Bank Melli Iran"),
        ("012", "بانک ملت", "Bank Mellat"),
        ("018", "بانک تجارت", "Tejarat Bank"),
        ("019", "بانک صادرات ایران", "Bank Saderat Iran"),
        ("015", "بانک سپه", "Bank Sepah"),
        ("016", "بانک کشاورزی", "Bank Keshavarzi"),
        ("014", "بانک مسکن", "Bank Maskan"),
        ("013", "بانک رفاه کارگران", "Refah Kargaran Bank"),
        ("021", "پست بانک ایران", "Post Bank of Iran"),
        ("054", "بانک پارسیان", "Parsian Bank"),
        ("055", "بانک اقتصاد نوین", "Eghtesad Novin Bank"),
        ("056", "بانک سامان", "Saman Bank"),
        ("057", "بانک پاسارگاد", "Bank Pasargad"),
        ("062", "بانک آینده", "Ayandeh Bank"),
        ("061", "بانک شهر", "Shahr Bank"),
    ],
)
def test_major_banks_are_named(code: str, fa: str, en: str) -> None:
    check = check_sheba(make_sheba(code, "1234567890123456789"))
    assert check.valid
    assert (check.bank_code, check.bank_fa, check.bank_en) == (code, fa, en)
    assert check.is_melli is (code == "017")


def test_an_unknown_bank_code_is_valid_but_unnamed() -> None:
    check = check_sheba(make_sheba("099", "1234567890123456789"))
    assert check.valid and check.bank_code == "099"
    assert check.bank_fa is None and check.bank_en is None and not check.is_melli


def test_the_bank_is_read_even_when_the_check_fails() -> None:
    check = check_sheba(wrong_check_digit(MELLI))
    assert not check.valid and check.bank_code == "017" and check.is_melli


def test_normalize_sheba() -> None:
    assert normalize_sheba(" ir۸۲-۰۵۴۰ ۱۰۲۶ ۸۰۰۲ ۰۸۱۷ ۹۰۹۰ ۰۲") == PARSIAN


def test_every_bank_has_both_names() -> None:
    for code, (fa, en) in BANKS.items():
        assert len(code) == 3 and code.isdigit()
        assert fa.strip() and en.strip()


@settings(max_examples=100, deadline=None)
@given(
    bank=st.sampled_from(sorted(BANKS)),
    account=st.text("0123456789", min_size=19, max_size=19),
    position=st.integers(min_value=2, max_value=25),
    delta=st.integers(min_value=1, max_value=9),
)
def test_made_shebas_pass_and_any_single_changed_digit_fails(
    bank: str, account: str, position: int, delta: int
) -> None:
    sheba = make_sheba(bank, account)
    assert check_sheba(sheba).valid and check_sheba(sheba).bank_code == bank
    changed = sheba[:position] + str((int(sheba[position]) + delta) % 10) + sheba[position + 1 :]
    assert not check_sheba(changed).valid  # mod 97 catches every single-digit error


def test_make_sheba_refuses_a_short_account() -> None:
    with pytest.raises(ValueError, match="22 digits"):
        make_sheba("017", "123")


@pytest.mark.parametrize(
    "value",
    [
        MELLI,
        wrong_check_digit(MELLI),
        make_sheba("012", "0000000123456789012"),
        "ir" + MELLI[2:],  # lower case: normalised by check_sheba only
        MELLI[2:],  # digits without IR
        "IR" + "۰" * 24,  # Persian digits
        MELLI + "0",
        None,
        "",
        12,
    ],
)
def test_plain_banks_agree_with_check_sheba(value: object) -> None:
    (code,) = plain_banks([value])
    check = check_sheba(value)
    if code is not None:
        assert check.valid and check.text == value and check.bank_code == code
    else:
        assert not check.valid or check.text != value
