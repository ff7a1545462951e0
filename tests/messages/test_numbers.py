"""Numbers, digits, lists and dates as each language writes them."""

from __future__ import annotations

import datetime as dt

import pytest

from hamyar.messages import Msg, digits, jalali, joined, number, say, use_lang


@pytest.mark.parametrize(
    ("value", "spec", "fa", "en"),
    [
        (1234567, "", "۱٬۲۳۴٬۵۶۷", "1,234,567"),
        (17.25, "", "۱۷٫۲۵", "17.25"),
        (1402, "d", "۱۴۰۲", "1402"),
        (0.125, ".1%", "۱۲٫۵٪", "12.5%"),
        (-3, "", "-۳", "-3"),
        (12345.678, ",.2f", "۱۲٬۳۴۵٫۶۸", "12,345.68"),
    ],
)
def test_number(value: float, spec: str, fa: str, en: str) -> None:
    assert number(value, "fa", spec) == fa
    assert number(value, "en", spec) == en


def test_number_follows_the_current_language() -> None:
    with use_lang("fa"):
        assert number(2500) == "۲٬۵۰۰"
        with use_lang("en"):
            assert number(2500) == "2,500"
        assert number(2500) == "۲٬۵۰۰"


def test_digits_change_only_digits() -> None:
    assert digits("1402-1 (ترم 2)", "fa") == "۱۴۰۲-۱ (ترم ۲)"
    assert digits("1402-1", "en") == "1402-1"


def test_joined() -> None:
    assert joined(["LIB", "DORM"], "fa") == "LIB، DORM"
    assert joined(["LIB", "DORM"], "en") == "LIB, DORM"


def test_jalali() -> None:
    assert jalali(dt.date(2023, 11, 6), "fa") == "۱۴۰۲/۰۸/۱۵"
    assert jalali(dt.date(2023, 11, 6), "en") == "1402/08/15"
    assert jalali(dt.datetime(2023, 11, 6, 14, 30), "en") == "1402/08/15 14:30"


def test_parameters_are_written_in_the_language() -> None:
    """In a Persian sentence every number a parameter brings has Persian digits and
    separators; a text parameter (a file, a code a person wrote) is left as it is."""
    fa = say("check.seats", lang="fa", total=1284, units=25, female=154, male=1130)
    assert fa == "ظرفیت: ۱٬۲۸۴ نفر در ۲۵ واحد (خواهران ۱۵۴، برادران ۱٬۱۳۰)"
    assert not any(c.isascii() and c.isdigit() for c in fa)
    en = say("check.seats", lang="en", total=1284, units=25, female=154, male=1130)
    assert en == "seats: 1,284 in 25 units (female 154, male 1,130)"
    assert say("check.checked", lang="fa", files="a1402.csv") == "بررسی‌شده: a1402.csv"


def test_a_msg_parameter_is_rendered_in_the_same_language() -> None:
    what = Msg("io.table.name.units")
    assert say("io.table.not_found", lang="fa", what=what) == "پرونده واحدها پیدا نشد"
    assert say("io.table.not_found", lang="en", what=what) == "units file not found"
