"""The decision side's sentences in both languages at once, from the catalogue.

The optimizer says why an eligible student was not placed, or not at the first choice
(:mod:`hamyar.optimizer.explain`), as a case and its values — the unit's seats by gender, the
holder's student ID, priority score and GPA, which criterion decided, how many seats continuing
assistants keep. Its sentences are the catalogue's ``explain.*`` codes; an explanation keeps
them rendered in English and in Persian (:data:`Said`), so :func:`said` renders a code in both,
a value given as a :data:`Said` pair putting its English words in the English sentence and its
Persian words in the Persian one. Numbers have each language's digits (the catalogue's number
formatting). The words of the workbooks and tables are in :mod:`hamyar.reports.labels`, a
layer higher.
"""

from __future__ import annotations

from functools import lru_cache
from string import Formatter

from hamyar.messages import Lang
from hamyar.messages.catalogue import field, template

Said = tuple[str, str]
"""``(english, persian)``."""

AHEAD: tuple[str, str, str] = ("explain.ahead.score", "explain.ahead.gpa", "explain.ahead.lottery")
"""The sentences that count the seat holders ahead by priority score, GPA and lottery."""

SEPARATORS: dict[str, Said] = {
    "reasons": ("; ", "؛ "),
    "causes": (", ", "، "),
}


def said(code: str, /, **values: object) -> Said:
    """The catalogue's ``code`` with ``values``, in English and in Persian; a value given as a
    :data:`Said` pair puts its English words in the English sentence and its Persian words in
    the Persian one. As :func:`hamyar.messages.say` renders it, with each sentence parsed once
    (an explanation says many)."""
    return _said(code, "en", 0, values), _said(code, "fa", 1, values)


def _said(code: str, lang: Lang, side: int, values: dict[str, object]) -> str:
    parts = []
    for literal, name, spec in _parsed(code, lang):
        parts.append(literal)
        if name is not None:
            value = values[name]
            parts.append(value[side] if isinstance(value, tuple) else field(value, spec, lang))
    return "".join(parts)


@lru_cache(maxsize=256)
def _parsed(code: str, lang: Lang) -> tuple[tuple[str, str | None, str], ...]:
    """The sentence of ``code`` in ``lang`` as ``(literal, placeholder, format spec)`` parts."""
    text = template(code, lang) or template(code, "en") or code
    return tuple((literal, name, spec or "") for literal, name, spec, _ in Formatter().parse(text))


@lru_cache(maxsize=64)
def fixed(code: str) -> Said:
    """A sentence without values, rendered once."""
    return said(code)


def seats_of(pool: int) -> Said:
    """The seats of pool ``pool`` (0 female, 1 male; rule A1)."""
    return fixed("explain.seats.male" if pool else "explain.seats.female")


def decided(which: int) -> Said:
    """Which part of the precedence order decided: 0 priority score, 1 GPA, 2 seeded lottery."""
    return fixed(("explain.decided.score", "explain.decided.gpa", "explain.decided.lottery")[which])


def joined(kind: str, parts: list[Said]) -> Said:
    """``parts`` joined with the separator of ``kind`` in each language (:data:`SEPARATORS`)."""
    sep_en, sep_fa = SEPARATORS[kind]
    return sep_en.join(p[0] for p in parts), sep_fa.join(p[1] for p in parts)


DECIDED: tuple[Said, Said, Said] = (decided(0), decided(1), decided(2))
""":func:`decided` of each part of the precedence order."""
