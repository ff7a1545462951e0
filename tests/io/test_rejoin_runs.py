"""Joining split preference pieces by growing runs gives what trying every run gives."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from hamyar.io.loading import _rejoin
from hamyar.text import normalize_key

_LOOSE = re.compile(r"[\s،,;؛]+")
NAMES = [
    "کتابخانه، مرکزی",
    "آزمایشگاه, شیمی آلی",
    "Library, Main",
    "امور فرهنگی - اردو، مراسم",
    "ك ي",
]
PIECES = [
    "کتابخانه",
    "مرکزی",
    " مرکزی ",
    "آزمایشگاه",
    "شیمی آلی",
    "شیمی",
    "آلی",
    "Library",
    "MAIN",
    "main ",
    "امور فرهنگی - اردو",
    "مراسم",
    "ک",
    "ی",
    "ي",
    "x",
]


def _every_run(tokens: tuple[str, ...], names: dict[str, str]) -> tuple[str, ...]:
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for j in range(len(tokens), i + 1, -1):
            name = names.get(_LOOSE.sub("", normalize_key("".join(tokens[i:j]))))
            if name is not None:
                out.append(name)
                i = j
                break
        else:
            out.append(tokens[i])
            i += 1
    return tuple(out)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8))
def test_growing_runs_match_every_run(pieces):
    names = {_LOOSE.sub("", normalize_key(n)): n for n in NAMES}
    prefixes = {key[:n] for key in names for n in range(len(key) + 1)}
    tokens = tuple(pieces)
    assert _rejoin(tokens, names, prefixes) == _every_run(tokens, names)
