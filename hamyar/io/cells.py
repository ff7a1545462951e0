"""One cell's text to one typed value, by the kind of its column (DATA.md).

Every value is normalised first (:func:`hamyar.text.normalize_value`: Persian and Arabic-Indic
digits, ``٫``, Arabic ي/ك, ZWNJ). A bad value raises :class:`CellError` whose message says what
is wrong; the reader adds ``file:row:column`` and the value as written.

======================  =====================================================================
kind                    accepts
======================  =====================================================================
``text``                any text; the ``'`` that hamyar's writers put before text a
                        spreadsheet would read as a formula is taken off again
                        (:func:`hamyar.io.csvfile.undefuse`: ``'+123`` is ``+123``)
``int``                 a whole number ≥ 0 (``3`` or ``3.0``)
``number``              a decimal number ≥ 0
``gpa``                 a number within 0–20; ``/`` and ``٫`` count as the decimal point
                        (``17/5`` = 17.5)
``date``                a Jalali date ``yyyy/mm/dd`` or ``yyyy-mm-dd``; an Excel date cell is
                        Gregorian and is converted
``month``               a Jalali month ``yyyy/mm``
``bool``                yes/no, true/false, 1/0, بله/خیر, آری/نه, دارد/ندارد
``enum:<Enum>``         the English or Persian words of the enumeration
``list``                items separated by ``;``, ``،``, ``,`` or a line break
``enum_list:<Enum>``    a list whose items are words of the enumeration
======================  =====================================================================
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache

import jdatetime

from hamyar.io.columns import Column
from hamyar.io.csvfile import undefuse
from hamyar.io.tables import cell_text
from hamyar.messages import Msg
from hamyar.models import (
    Degree,
    Gender,
    InstitutionType,
    JalaliDate,
    JalaliMonth,
    MaritalStatus,
    PriorityGroup,
    Satisfaction,
    StudentType,
    parse_enum,
)
from hamyar.models.calendar import JALALI_YEARS
from hamyar.models.enums import unknown_word
from hamyar.text import normalize_key, normalize_text, normalize_value, split_normalized

ENUMS: dict[str, type[StrEnum]] = {
    e.__name__: e
    for e in (
        Gender,
        Degree,
        StudentType,
        MaritalStatus,
        PriorityGroup,
        InstitutionType,
        Satisfaction,
    )
}

YES_NO_WORDS = (
    ("yes", "no"),
    ("y", "n"),
    ("true", "false"),
    ("1", "0"),
    ("بله", "خیر"),
    ("بلی", "خیر"),
    ("آری", "نه"),
    ("آره", "نه"),
    ("دارد", "ندارد"),
    ("هست", "نیست"),
)
YES_WORDS = tuple(dict.fromkeys(yes for yes, _ in YES_NO_WORDS))
NO_WORDS = tuple(dict.fromkeys(no for _, no in YES_NO_WORDS))
_YES = {normalize_key(w) for w in YES_WORDS}
_NO = {normalize_key(w) for w in NO_WORDS}


class CellError(ValueError):
    """A cell whose value cannot be parsed; the message (a :class:`~hamyar.messages.Msg`, or
    text) says what is wrong."""


def enum_of(column: Column) -> type[StrEnum] | None:
    """The enumeration of an ``enum:`` or ``enum_list:`` column."""
    _, _, name = column.kind.partition(":")
    return ENUMS.get(name) if name else None


def cell_value(raw: object) -> str:
    """A cell's normalised text (``""`` for an empty cell)."""
    return normalize_value(cell_text(raw))


def parse_cell(column: Column, raw: object) -> object:
    """The typed value of one cell, or ``None`` for an empty cell.

    Raises :class:`CellError` for a value the column's kind does not accept.
    """
    return parse_text(column, raw, cell_value(raw))


def cell_values(raws: Iterable[object]) -> list[str]:
    """:func:`cell_value` of each raw cell."""
    return [normalize_text(r) if r.__class__ is str else cell_value(r) for r in raws]


def parse_text(column: Column, raw: object, text: str) -> object:
    """:func:`parse_cell` of a raw cell whose :func:`cell_value` is ``text``."""
    if text == "":
        return None
    kind = column.kind
    if kind == "text":
        return undefuse(text) if text[0] == "'" else text
    if kind == "int":
        return parse_int(text)
    if kind == "number":
        return parse_number(text)
    if kind == "gpa":
        return parse_gpa(text)
    if kind == "date":
        return parse_date(raw, text)
    if kind == "month":
        return parse_month(raw, text)
    if kind == "bool":
        return parse_bool(text)
    if kind == "list":
        return tuple(split_normalized(text))
    enum = enum_of(column)
    if enum is not None and kind.startswith("enum:"):
        return parse_word(enum, text)
    if enum is not None and kind.startswith("enum_list:"):
        return tuple(parse_word(enum, item, in_list=True) for item in split_normalized(text))
    raise CellError(f"column {column.name} has an unknown kind {kind!r}")


def _decimal(text: str) -> Decimal:
    try:
        value = Decimal(normalize_value(text).replace(" ", ""))
    except InvalidOperation:
        raise CellError(Msg("io.cell.not_a_number")) from None
    if not value.is_finite():
        raise CellError(Msg("io.cell.not_a_number"))
    return value


def parse_int(text: str) -> int:
    """A whole number ≥ 0."""
    value = _decimal(text)
    if value != value.to_integral_value():
        raise CellError(Msg("io.cell.not_whole"))
    if value < 0:
        raise CellError(Msg("io.cell.negative"))
    return int(value)


def parse_number(text: str) -> Decimal:
    """A decimal number ≥ 0."""
    value = _decimal(text)
    if value < 0:
        raise CellError(Msg("io.cell.negative"))
    return value


def parse_gpa(text: str) -> float:
    """A GPA within 0–20; ``17/5`` and ``17٫5`` are 17.5."""
    value = _decimal(text.replace("/", "."))
    if not 0 <= value <= 20:
        raise CellError(Msg("io.cell.gpa_range"))
    return float(value)


def _excel_day(raw: dt.date) -> str:
    """An Excel date cell as Jalali ``yyyy/mm/dd`` text: converted from Gregorian, except a
    Jalali date Excel took for a Gregorian one (``1402/07/01`` typed into a date cell), which is
    read as written."""
    day = raw.date() if isinstance(raw, dt.datetime) else raw
    if JALALI_YEARS[0] <= day.year <= JALALI_YEARS[1]:
        return f"{day.year:04d}/{day.month:02d}/{day.day:02d}"
    j = jdatetime.date.fromgregorian(date=day)
    return f"{j.year:04d}/{j.month:02d}/{j.day:02d}"


def parse_date(raw: object, text: str) -> JalaliDate:
    """A Jalali date; an Excel date cell holds a Gregorian date and is converted."""
    if isinstance(raw, dt.datetime | dt.date):
        return _jalali_date(_excel_day(raw))
    return _jalali_date(text)


_PASSED_ON = frozenset(
    {
        "models.date.gregorian",
        "models.date.day_first",
        "models.date.year_range",
        "models.month.month_first",
        "models.month.gregorian",
    }
)
"""Messages of the calendar that say more than "not a Jalali date" (issue 19, case 9)."""


def _calendar_reason(exc: ValueError) -> Msg | None:
    """The calendar's message when it is one of :data:`_PASSED_ON`."""
    reason = exc.args[0] if exc.args else None
    return reason if isinstance(reason, Msg) and reason.code in _PASSED_ON else None


@lru_cache(maxsize=4096)
def _jalali_date(text: str) -> JalaliDate:
    """Cached: a column of study starts repeats a few dates (JalaliDate is frozen)."""
    try:
        return JalaliDate.parse(text)
    except ValueError as exc:
        reason = exc.args[0] if exc.args else None
        if isinstance(reason, Msg) and reason.code == "models.date.no_such":
            raise CellError(Msg("io.cell.no_such_date")) from None
        raise CellError(_calendar_reason(exc) or Msg("models.date.not_a_date")) from None


def parse_month(raw: object, text: str) -> JalaliMonth:
    """A Jalali month ``yyyy/mm``; an Excel date cell is converted from Gregorian."""
    if isinstance(raw, dt.datetime | dt.date):
        text = _excel_day(raw).rsplit("/", 1)[0]
    try:
        return JalaliMonth.parse(text)
    except ValueError as exc:
        raise CellError(_calendar_reason(exc) or Msg("models.month.not_a_month")) from None


def parse_bool(text: str) -> bool:
    """Yes/no words in English and Persian."""
    key = normalize_key(text)
    if key in _YES:
        return True
    if key in _NO:
        return False
    words = tuple(dict.fromkeys(w for pair in YES_NO_WORDS for w in pair))
    raise CellError(Msg("io.cell.not_yes_no", words=words))


def parse_word(enum: type[StrEnum], text: str, in_list: bool = False) -> StrEnum:
    """A word of an enumeration, English or Persian; in a list the message names the item."""
    try:
        return parse_enum(enum, text)
    except ValueError:
        raise CellError(unknown_word(enum, text if in_list else None)) from None
