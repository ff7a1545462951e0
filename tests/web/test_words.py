"""The page words' number formatting: Persian digits and separators on Persian pages."""

from hamyar.web.words import num


def test_persian_numbers_use_persian_digits_and_separators() -> None:
    assert num(1234567, "fa") == "۱٬۲۳۴٬۵۶۷"
    assert num("73.2%", "fa") == "۷۳٫۲%"
    assert num(3.75, "fa") == "۳٫۷۵"
    assert num("1,234.5", "fa") == "۱٬۲۳۴٫۵"


def test_text_that_is_not_a_figure_keeps_its_points() -> None:
    assert num("1402/08/01", "fa") == "۱۴۰۲/۰۸/۰۱"
    assert num("a.b", "fa") == "a.b"


def test_english_numbers_are_left_as_written() -> None:
    assert num(1234567, "en") == "1,234,567"
    assert num("73.2%", "en") == "73.2%"
