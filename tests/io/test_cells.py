"""One cell to one value: digits, GPA separators, Jalali dates, yes/no words, enumerations."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamyar.io.cells import CellError, parse_bool, parse_cell, parse_gpa, parse_int
from hamyar.io.columns import APPLICANT_COLUMNS, UNIT_COLUMNS
from hamyar.models import Degree, PriorityGroup

COLUMN = {c.name: c for c in (*APPLICANT_COLUMNS, *UNIT_COLUMNS)}
PERSIAN_DIGITS = str.maketrans("0123456789.", "۰۱۲۳۴۵۶۷۸۹٫")
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.mark.parametrize("text", ["17.5", "17/5", "۱۷٫۵", "۱۷/۵", "١٧.٥", " 17.50 "])
def test_gpa_separators(text: str) -> None:
    assert parse_gpa(text.strip()) == 17.5


@settings(max_examples=60, deadline=None)
@given(st.decimals(min_value=0, max_value=20, places=2))
def test_gpa_in_persian_digits_equals_ascii(value: Decimal) -> None:
    ascii_text = f"{value:.2f}"
    persian_text = ascii_text.translate(PERSIAN_DIGITS)
    assert parse_cell(COLUMN["gpa"], persian_text) == parse_cell(COLUMN["gpa"], ascii_text)
    assert parse_cell(COLUMN["gpa"], ascii_text.replace(".", "/")) == float(value)


@pytest.mark.parametrize("text", ["20.01", "-1", "21", "۲۵"])
def test_gpa_outside_range(text: str) -> None:
    with pytest.raises(CellError, match="GPA must be within 0-20"):
        parse_gpa(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("3", 3), ("۳", 3), ("٣", 3), ("3.0", 3), ("0", 0)],
)
def test_int(text: str, value: int) -> None:
    assert parse_int(text) == value


@pytest.mark.parametrize(
    ("text", "message"), [("-2", "must not be negative"), ("2.5", "whole"), ("x", "not a number")]
)
def test_int_errors(text: str, message: str) -> None:
    with pytest.raises(CellError, match=message):
        parse_int(text)


@pytest.mark.parametrize("word", ["yes", "Y", "TRUE", "1", "بله", "آری", "دارد", "بلی"])
def test_yes_words(word: str) -> None:
    assert parse_bool(word) is True


@pytest.mark.parametrize("word", ["no", "False", "0", "خیر", "نه", "ندارد"])
def test_no_words(word: str) -> None:
    assert parse_bool(word) is False


def test_bool_error_lists_words() -> None:
    with pytest.raises(CellError, match="not a yes/no word; accepted: yes, no,"):
        parse_bool("شاید")


@pytest.mark.parametrize(
    "text", ["1402/07/01", "1402-07-01", "۱۴۰۲/۰۷/۰۱", "١٤٠٢/٠٧/٠١", "1402/7/1"]
)
def test_jalali_date_spellings(text: str) -> None:
    assert str(parse_cell(COLUMN["study_start"], text)) == "1402/07/01"


def test_impossible_and_malformed_dates() -> None:
    with pytest.raises(CellError, match="impossible Jalali date"):
        parse_cell(COLUMN["study_start"], "1402/12/30")
    assert str(parse_cell(COLUMN["study_start"], "1403/12/30")) == "1403/12/30"  # leap year
    with pytest.raises(CellError, match="not a Jalali date"):
        parse_cell(COLUMN["study_start"], "30 Esfand")


def test_enum_words_after_normalisation() -> None:
    # Arabic ي/ك and a space instead of ZWNJ
    assert parse_cell(COLUMN["degree"], "دكتري حرفه اي") is Degree.professional_doctorate
    with pytest.raises(CellError, match="unknown degree; accepted: associate, کاردانی"):
        parse_cell(COLUMN["degree"], "diploma")


def test_lists_of_enumerations() -> None:
    groups = parse_cell(COLUMN["priority_groups"], "نمونه، کمیته امداد\nshahed")
    assert groups == (PriorityGroup.exemplary, PriorityGroup.relief_committee, PriorityGroup.shahed)
    assert parse_cell(COLUMN["allowed_degrees"], "کارشناسی ارشد;phd") == (
        Degree.master_discontinuous,
        Degree.phd,
    )
    with pytest.raises(CellError, match="unknown priority group 'vip'"):
        parse_cell(COLUMN["priority_groups"], "نمونه; vip")


def test_empty_cell_is_none() -> None:
    assert parse_cell(COLUMN["gpa"], "  ") is None
    assert parse_cell(COLUMN["gpa"], None) is None
