"""The sentences filled piece by piece equal what :class:`string.Formatter` writes."""

from __future__ import annotations

import datetime as dt
import string

import pytest

from hamyar.messages.catalogue import _filled, _formatter, _pieces, catalogue


def _sample(spec: str) -> object:
    """A value each spec of the catalogues takes: a number for a number spec."""
    if spec == "digits":
        return "1402/08"
    return 1234.5 if spec and spec[-1] in "fdeg%," else "متن"


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_every_sentence_fills_as_the_formatter_fills_it(lang: str) -> None:
    sentences = [t for t in catalogue(lang)._catalog.values() if isinstance(t, str) and t]  # type: ignore[attr-defined]
    assert len(sentences) > 1000
    for text in sentences:
        pieces = _pieces(text)
        assert pieces is not None, text
        params = {
            name: (1402 if spec == "d" else _sample(spec))
            for _, name, spec, _ in string.Formatter().parse(text)
            if name is not None
        }
        assert _filled(pieces, params, lang) == _formatter(lang).vformat(text, (), params)


def test_a_field_beyond_a_name_goes_to_the_formatter() -> None:
    assert _pieces("{a.b} {0}") is None
    assert _pieces("{a!r}") is None
    assert _pieces("{{x}} {a:,} {when}") == (
        ("{", None, ""),
        ("x}", None, ""),
        (" ", "a", ","),
        (" ", "when", ""),
    )


def test_dates_and_messages_as_parameters() -> None:
    text = "{when} / {n:,} / {items}"
    params = {"when": dt.date(2023, 11, 6), "n": 12345, "items": ["a", "b"]}
    pieces = _pieces(text)
    assert pieces is not None
    for lang in ("fa", "en"):
        assert _filled(pieces, params, lang) == _formatter(lang).vformat(text, (), params)  # type: ignore[arg-type]
