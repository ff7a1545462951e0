"""Building reasons: the rule ID and a catalogue message, rendered in Persian and English.

A rule's sentence is a code of the catalogue (``elig.e4.gpa``) with its values; a reason keeps
the message (:attr:`Reason.message`) and renders it in both languages when it is shown, once
per distinct rule and message (:func:`hamyar.models.results.rendered_reason`).
``message_en`` carries no rule prefix, since ``str(reason)`` puts it in front
(``E4: GPA 13.75 < 14.00 required for bachelor_continuous``); ``message_fa`` is a whole Persian
sentence that ends with the rule ID (``… (قاعده E4).``), so it can stand alone in a report.
Numbers in Persian sentences have Persian digits and the Persian decimal separator
(``۱۳٫۷۵``), and a unit is named by its Persian name; values a person wrote as codes (Sheba
numbers, student IDs) are left as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache

from hamyar.messages import Bilingual, Msg, joined, say
from hamyar.models import Degree, Reason
from hamyar.models.results import Severity

_FA_DIGITS = str.maketrans("0123456789.", "۰۱۲۳۴۵۶۷۸۹٫")


def fa_number(value: object) -> str:
    """A number (or a date such as ``1402/07/01``) in Persian digits, ``.`` as ``٫``."""
    return str(value).translate(_FA_DIGITS)


def gpa_value(value: float | Decimal) -> Decimal:
    """A GPA with two decimals, or every decimal it has when it has more (``13.999`` is not
    shown as ``14.00``); as a ``Decimal``, which a message writes with exactly these places."""
    exact = Decimal(str(value))
    two = exact.quantize(Decimal("0.01"))
    return two if two == exact else exact.normalize()


def fmt_gpa(value: float | Decimal) -> str:
    """:func:`gpa_value` as text (``13.75``, ``14.00``)."""
    return str(gpa_value(value))


def degree_word(degree: Degree) -> Msg:
    """The degree as a message: its Persian name, its key in English (``bachelor_continuous``)."""
    return Msg(f"word.degree.{degree.value}")


@lru_cache(maxsize=256)
def degree_words(degrees: tuple[Degree, ...]) -> Bilingual:
    """Degrees listed with each language's comma."""
    words = [degree_word(d) for d in degrees]
    return Bilingual(
        fa=joined((w.render("fa") for w in words), "fa"),
        en=joined((w.render("en") for w in words), "en"),
    )


def unit_named(code: str, name_fa: str) -> Bilingual:
    """A unit as a sentence names it: by its Persian name in Persian, by its code in English."""
    return Bilingual(fa=name_fa, en=code)


@lru_cache(maxsize=16)
def fa_tag(rule: str) -> str:
    """The ending of a Persian sentence: `` (قاعده E4).`` (as :class:`Reason` adds it)."""
    return " " + say("elig.rule", lang="fa", rule=rule)


def fa_body(reason: Reason) -> str:
    """A reason's Persian sentence without its rule ending, for joining several into one."""
    return reason.message_fa.removesuffix(fa_tag(reason.rule))


def bodies(reasons: Iterable[Reason]) -> Bilingual:
    """Reasons' sentences joined into one: ``a; b`` in English, ``a؛ b`` in Persian (without
    their Persian rule endings)."""
    found = list(reasons)
    return Bilingual(
        fa="؛ ".join(fa_body(r) for r in found), en="; ".join(r.message_en for r in found)
    )


def rendered(message: Msg) -> tuple[str, str]:
    """``(persian, english)`` of a message."""
    return message.render("fa"), message.render("en")


def reason(rule: str, message: Msg, severity: Severity = "error", **values: object) -> Reason:
    """A :class:`Reason` of ``rule`` saying ``message``, rendered (with the Persian rule ending)
    only when shown; the values are kept as text."""
    return Reason(
        rule,
        values={k: "" if v is None else str(v) for k, v in values.items()},
        severity=severity,
        message=message,
    )
