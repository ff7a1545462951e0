"""The pages' words, numbers, dates and terms in the page's language.

Every word a page shows is a ``web.`` code of the message catalogue (:mod:`hamyar.messages`);
numbers and dates are written as the catalogue writes them (Persian digits and separators, Jalali
dates), and a term as the workbooks name it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hamyar.messages import check_lang, digits, jalali, localized, number, say
from hamyar.models import Term
from hamyar.reports.labels import term_label


def word(code: str, lang: str, **params: object) -> str:
    """The catalogue's sentence of ``code`` in ``lang``, with ``params`` in its digits."""
    return say(code, lang=check_lang(lang), **params)


_FIGURE = re.compile(r"[+-]?[\d,]*\.?\d+%?")
"""A figure already written as text (``73.2``, ``+1,234``, ``12%``)."""


def num(value: object, lang: str, spec: str = "") -> str:
    """A number in the page's digits and separators (:func:`hamyar.messages.number`, ``spec``
    as in Python's format); a figure already written as text likewise, and any other text
    (a student ID, a date, a month) with its digits in the page's."""
    chosen = check_lang(lang)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value, chosen, spec)
    text = "" if value is None else str(value)
    if _FIGURE.fullmatch(text) and ("." in text or "," in text or "%" in text):
        return localized(text, chosen)
    return digits(text, chosen)


def when(moment: datetime, lang: str) -> str:
    """A moment the workspace recorded (in UTC; a database may hand it back without its zone)
    as the Jalali date and time of the server's clock, in the page's digits."""
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    return jalali(aware.astimezone().replace(tzinfo=None), check_lang(lang))


def term_words(term: str, lang: str) -> str:
    try:
        return term_label(Term.parse(term), lang)
    except ValueError:
        return term
