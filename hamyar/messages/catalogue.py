"""Messages as a code and parameters, rendered through the gettext catalogues.

The catalogues are ``hamyar/locale/<lang>/LC_MESSAGES/hamyar.mo``, compiled from the ``.po``
files beside them and read with the standard library's :mod:`gettext` (once per language).
A message's ``msgid`` is its code, its ``msgstr`` the sentence with ``{name}`` placeholders.
"""

from __future__ import annotations

import datetime as dt
import gettext
import string
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from hamyar.messages.lang import Lang, current_lang
from hamyar.messages.numbers import digits, jalali, joined, number

LOCALE = Path(__file__).resolve().parent.parent / "locale"
"""Where the catalogues are: ``LOCALE/<lang>/LC_MESSAGES/hamyar.po`` and ``.mo``."""
DOMAIN = "hamyar"


@cache
def catalogue(lang: Lang) -> gettext.NullTranslations:
    """The compiled catalogue of ``lang`` (an empty one when the ``.mo`` file is missing)."""
    try:
        return gettext.translation(DOMAIN, LOCALE, languages=[lang])
    except OSError:
        return gettext.NullTranslations()


def template(code: str, lang: Lang) -> str | None:
    """The sentence of ``code`` in ``lang``, ``None`` when the catalogue has none."""
    text = catalogue(lang).gettext(code)
    return None if text == code or not text else text


@dataclass(frozen=True, init=False)
class Msg:
    """A message a person reads: a catalogue code and its parameters, rendered when shown.

    ``Msg("io.cell.not_a_number", column="GPA")``; ``str(msg)`` renders it in the current
    language, :meth:`render` in a given one. A parameter may itself be a :class:`Msg`.
    """

    code: str
    params: Mapping[str, object]

    def __init__(self, code: str, /, **params: object) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "params", MappingProxyType(params))

    def render(self, lang: Lang | None = None) -> str:
        return say(self.code, lang=lang, **self.params)

    def __str__(self) -> str:
        return self.render()

    def __hash__(self) -> int:
        """Worked out once: a message is a key of the caches of rendered reasons."""
        try:
            return self.__dict__["_hash"]
        except KeyError:
            value = hash((self.code, tuple(sorted((k, repr(v)) for k, v in self.params.items()))))
            object.__setattr__(self, "_hash", value)
            return value

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Msg):
            return NotImplemented
        return self.code == other.code and dict(self.params) == dict(other.params)

    def __reduce__(self) -> tuple[object, ...]:
        return (_msg, (self.code, dict(self.params)))

    def __repr__(self) -> str:
        params = "".join(f", {k}={v!r}" for k, v in self.params.items())
        return f"Msg({self.code!r}{params})"


def _msg(code: str, params: dict[str, object]) -> Msg:
    """A :class:`Msg` again from what :meth:`Msg.__reduce__` keeps (pickling, copying)."""
    return Msg(code, **params)


@dataclass(frozen=True)
class Bilingual:
    """A parameter that is already words in each language, not a catalogue sentence: a
    unit's Persian name and its code, sentences the data built in both (``Msg(…,
    unit=Bilingual(fa=unit.name_fa, en=unit.code))``); it shows ``fa`` in Persian, ``en`` in
    English."""

    fa: str
    en: str

    def render(self, lang: Lang | None = None) -> str:
        return self.fa if (lang or current_lang()) == "fa" else self.en

    def __str__(self) -> str:
        return self.render()


Text = str | Msg
"""What a message field holds: a :class:`Msg`, or plain text (text a person wrote, or a
module not yet converted)."""


def render(text: Text | None, lang: Lang | None = None) -> str:
    """``text`` in ``lang``: a :class:`Msg` rendered, plain text as it is, ``None`` as ``""``."""
    if text is None:
        return ""
    return text.render(lang) if isinstance(text, Msg) else text


def field(value: object, spec: str, lang: Lang) -> str:
    """One parameter as text in ``lang``: numbers with the language's digits and separators
    (``spec`` as in Python, ``d`` for no grouping), dates Jalali, a :class:`Msg` rendered, a
    list or tuple as its items joined with the language's comma;
    ``{x:digits}`` writes a text's ASCII digits in the language's; anything else as ``str``."""
    if isinstance(value, Msg | Bilingual):
        return format(value.render(lang), spec)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):  # a Decimal keeps its places (14.00)
        return number(value, lang, spec)
    if isinstance(value, dt.date):
        return jalali(value, lang)
    if isinstance(value, list | tuple):
        return format(joined((field(v, "", lang) for v in value), lang), spec)
    if spec == "digits":
        return digits(str(value), lang)
    return format(str(value), spec)


class _Formatter(string.Formatter):
    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        return field(value, format_spec, self.lang)


@lru_cache(maxsize=2)
def _formatter(lang: Lang) -> _Formatter:
    return _Formatter(lang)


Pieces = tuple[tuple[str, str | None, str], ...]


@lru_cache(maxsize=4096)
def _pieces(text: str) -> Pieces | None:
    """``text`` cut once into (literal, parameter, spec) pieces, as :class:`string.Formatter`
    reads it; ``None`` when a field needs more than a name and a plain spec (a conversion, an
    attribute or index, a nested field), which :func:`say` leaves to the formatter."""
    pieces = []
    for literal, name, spec, conversion in string.Formatter().parse(text):
        if name is not None and (conversion or not name.isidentifier() or "{" in (spec or "")):
            return None
        pieces.append((literal, name, spec or ""))
    return tuple(pieces)


def _filled(pieces: Pieces, params: Mapping[str, object], lang: Lang) -> str:
    return "".join(
        literal if name is None else literal + field(params[name], spec, lang)
        for literal, name, spec in pieces
    )


def say(code: str, /, *, lang: Lang | None = None, **params: object) -> str:
    """The message ``code`` with ``params`` in ``lang`` (the current language by default).

    A code missing from ``lang``'s catalogue falls back to English, then to the code itself
    with its parameters, so that nothing a person is told is lost (the catalogue test fails
    on any such code).
    """
    lang = lang or current_lang()
    text = template(code, lang) or template(code, "en")
    if text is None:
        return code + "".join(f" {k}={render_value(v, lang)}" for k, v in params.items())
    pieces = _pieces(text)
    if pieces is None:
        return _formatter(lang).vformat(text, (), params)
    return _filled(pieces, params, lang)


def render_value(value: object, lang: Lang) -> str:
    """A parameter alone, as :func:`say` writes it inside a sentence."""
    return field(value, "", lang)
