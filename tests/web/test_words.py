"""The page words: catalogue codes in the page's language, numbers and dates as the catalogue
writes them (Persian digits and separators, Jalali dates) on Persian pages."""

from datetime import datetime

from hamyar.messages import number
from hamyar.web.words import num, when, word


def test_persian_numbers_are_the_catalogues_numbers() -> None:
    assert num(1234567, "fa") == number(1234567, "fa") == "۱٬۲۳۴٬۵۶۷"
    assert num(0.732, "fa", ".1%") == number(0.732, "fa", ".1%") == "۷۳٫۲٪"
    assert num(3.75, "fa") == "۳٫۷۵"
    assert num("73.2%", "fa") == "۷۳٫۲٪"
    assert num("1,234.5", "fa") == "۱٬۲۳۴٫۵"


def test_text_that_is_not_a_figure_keeps_its_points() -> None:
    assert num("1402/08/01", "fa") == "۱۴۰۲/۰۸/۰۱"
    assert num("4011000001", "fa") == "۴۰۱۱۰۰۰۰۰۱"
    assert num("a.b", "fa") == "a.b"
    assert num(None, "fa") == ""


def test_english_numbers_are_left_as_written() -> None:
    assert num(1234567, "en") == "1,234,567"
    assert num("73.2%", "en") == "73.2%"
    assert num(0.732, "en", ".1%") == "73.2%"


def test_moments_are_jalali_in_the_pages_digits() -> None:
    moment = datetime(2023, 11, 6, 14, 30)
    assert when(moment, "fa") == "۱۴۰۲/۰۸/۱۵ ۱۴:۳۰"
    assert when(moment, "en") == "1402/08/15 14:30"


def test_a_word_is_its_catalogue_sentence_with_the_pages_digits() -> None:
    assert word("web.nav.inputs", "fa") == "ورودی‌ها"
    assert word("web.nav.inputs", "en") == "Inputs"
    assert word("web.rank.nth", "fa", n=2) == "انتخاب ۲"
    assert word("web.envy.some", "fa", n=143).startswith("در ۱۴۳ مورد")
