"""Numbers and dates as a reader of each language writes them.

In Persian, digits are ۰–۹, the thousands separator is ``٬`` (U+066C), the decimal separator
``٫`` (U+066B) and the percent sign ``٪``; dates are Jalali in both languages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from hamyar.messages.lang import Lang, current_lang

_FA = str.maketrans("0123456789,.%", "۰۱۲۳۴۵۶۷۸۹٬٫٪")
_FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def number(x: float | Decimal, lang: Lang | None = None, spec: str = "") -> str:
    """``x`` formatted by ``spec`` (Python's format mini-language; empty: thousands grouped,
    ``1,234`` / ``2.5``) in ``lang`` (the current language by default): in Persian
    ``۱٬۲۳۴`` / ``۲٫۵``. ``spec="d"`` writes an integer without grouping (a year, a row)."""
    return localized(format(x, spec or ","), lang)


def localized(text: str, lang: Lang | None = None) -> str:
    """A number already written the ASCII way (``1,234.5``, ``12%``) in ``lang``'s digits and
    separators."""
    return text.translate(_FA) if (lang or current_lang()) == "fa" else text


def digits(text: str, lang: Lang | None = None) -> str:
    """``text`` with its ASCII digits in ``lang``'s digits (a term ``1402-1``, a month
    ``1402/08``); nothing else changes."""
    return text.translate(_FA_DIGITS) if (lang or current_lang()) == "fa" else text


def jalali(day: dt.date, lang: Lang | None = None) -> str:
    """A Gregorian date (or date and time) as the Jalali ``1402/08/15`` (``14:30`` after it
    for a time), in ``lang``'s digits."""
    import jdatetime

    if isinstance(day, dt.datetime):
        text = jdatetime.datetime.fromgregorian(datetime=day).strftime("%Y/%m/%d %H:%M")
    else:
        text = jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d")
    return digits(text, lang)


def joined(items: Iterable[object], lang: Lang | None = None) -> str:
    """``items`` as a list in a sentence: ``a, b`` in English, ``a، b`` in Persian."""
    return ("، " if (lang or current_lang()) == "fa" else ", ").join(str(i) for i in items)
