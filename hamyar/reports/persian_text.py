"""Persian text in the sheets: Persian digits inside Persian text, Persian alphabetical order,
characters XML cannot hold."""

from __future__ import annotations

import re
from functools import lru_cache

ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
"""Control characters that XML 1.0 cannot hold (dropped from text)."""

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

# Persian alphabetical order; Unicode code points put پ چ ژ گ out of place.
_ALPHABET = "آاأإءؤئبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
_ORDER = {ch: i for i, ch in enumerate(_ALPHABET)}
_ARABIC = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "\u200c": " "})


def persian_digits(text: str) -> str:
    """ASCII digits as Persian digits (for text such as dates; numeric cells stay numbers)."""
    return text.translate(_PERSIAN_DIGITS)


_PERSIAN_LETTER = re.compile("[\u0600-\u06ff]")
_LATIN_TOKEN = re.compile(r"[A-Za-z0-9_\-]*[0-9][A-Za-z0-9_\-]*")


_LATIN_LETTER = re.compile("[A-Za-z\u0130\u212a]")
"""A letter whose lower case is a–z (``İ`` and the Kelvin sign lower to ``i̇`` and ``k``)."""


def _token_digits(match: re.Match[str]) -> str:
    token = match.group(0)
    return token if _LATIN_LETTER.search(token) else token.translate(_PERSIAN_DIGITS)


def people_text(text: str) -> str:
    """Text for a Persian sheet: inside Persian text every number has Persian digits
    (``معدل 16.06`` → ``معدل ۱۶.۰۶``); a code that holds Latin letters (``P3``, ``E9``,
    ``qom-1402-1403``) and text without Persian letters (a Sheba, a student ID alone) are kept."""
    if not has_persian(text):
        return text
    return token_digits(text)


def has_persian(text: str) -> bool:
    """Whether ``text`` holds a Persian letter (:func:`people_text` converts only such text)."""
    return _PERSIAN_LETTER.search(text) is not None


def token_digits(text: str) -> str:
    """:func:`people_text` without its check for Persian letters: every number in Persian
    digits, codes with Latin letters kept. No number crosses a line break, so a text may be
    converted line by line."""
    return _LATIN_TOKEN.sub(_token_digits, text)


@lru_cache(maxsize=1 << 16)  # names repeat
def sort_key(text: str | None) -> tuple[tuple[int, int], ...]:
    """A sort key that puts Persian words in Persian alphabetical order (آ ا ب پ ت … ه ی)
    and Latin words after them in case-folded code-point order; ``None`` sorts first."""
    if not text:
        return ()
    key: list[tuple[int, int]] = []
    for ch in text.translate(_ARABIC).casefold():
        if ch in _ORDER:
            key.append((1, _ORDER[ch]))
        elif ch.isspace():
            key.append((0, 0))
        else:
            key.append((2, ord(ch)))
    return tuple(key)
