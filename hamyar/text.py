"""Persian text normalisation shared by every reader, model and matcher.

Two levels:

* :func:`normalize_value` — what every input cell goes through before it is parsed: Persian
  (۰–۹) and Arabic-Indic (٠–٩) digits become ASCII, the Arabic decimal separator ``٫`` becomes
  ``.``, Arabic ي/ك/ة become Persian ی/ک/ه, NBSP becomes a space, control characters are removed
  (:data:`CONTROL_CHARACTERS`), surrounding spaces and ZWNJ are trimmed.
* :func:`normalize_key` — what headers, enumerated values and names are compared by: the above,
  plus every ZWNJ, NBSP and run of white space counts as one space, and case is folded.
  ``بین‌الملل`` and ``بین الملل`` give the same key, so do ``دکتری حرفه‌ای`` and ``دکتری حرفه ای``.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Lang is defined once, in hamyar.messages; these names stay importable from here.
from hamyar.messages import LANGS as LANGS
from hamyar.messages import Lang as Lang
from hamyar.messages import check_lang as check_lang

ZWNJ = "\u200c"

_BREAKS = "\x0b\x0c\x85"  # vertical tab, form feed, next line: line breaks of some exports
CONTROL_CHARACTERS: dict[str, str] = {
    chr(c): " " if chr(c) in _BREAKS else ""
    for c in (*range(0x00, 0x20), *range(0x7F, 0xA0))
    if chr(c) not in "\t\n\r"
}
"""Invisible control characters (C0 but tab and line breaks, DEL, C1): a line-break one
becomes a space, every other one is removed from every cell read (a spreadsheet cannot hold
them, and no person sees them)."""
_DIGITS = str.maketrans(
    "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩",
    "01234567890123456789",
)
_LETTERS = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ة": "ه",
        "٫": ".",
        "٬": ",",
        "\u00a0": " ",
        "\u200f": "",  # right-to-left mark
        "\u200e": "",  # left-to-right mark
        "\u0640": "",  # tatweel
        "\ufeff": "",  # byte-order mark inside a cell
        **CONTROL_CHARACTERS,
    }
)
_SPACES = re.compile(r"[\s\u200c\u200d]+")
_DIACRITICS = re.compile(r"[\u064b-\u065f\u0670]")


def normalize_digits(text: str) -> str:
    """Persian and Arabic-Indic digits to ASCII."""
    return text.translate(_DIGITS)


_BOTH: dict[int, int | str | None] = {**_DIGITS, **_LETTERS}
_TRIM = " \t\r\n" + ZWNJ
_MAPPED = re.compile("[" + re.escape("".join(map(chr, _BOTH))) + "]")
"""Any character :data:`_BOTH` maps: a text without one is translated to itself (and
``str.translate`` looks every character up, which is slow for Persian text)."""


def normalize_value(value: object) -> str:
    """Normalise one cell's text for parsing; ``None`` becomes ``""``."""
    if value is None:
        return ""
    return _normalized(value if type(value) is str else str(value))


def normalize_text(text: str) -> str:
    """:func:`normalize_value` of a text, not cached (for texts known to be distinct)."""
    if _MAPPED.search(text) is None:
        return text.strip(_TRIM)
    return text.translate(_BOTH).strip(_TRIM)


_normalized = lru_cache(maxsize=1 << 16)(normalize_text)
"""Once per distinct text (a column of genders, degrees or dates repeats a few values ten
thousand times)."""


def normalize_key(value: object) -> str:
    """Normalise text for comparison (headers, enumerated values, names)."""
    if value is None:
        return ""
    return _key(value if type(value) is str else str(value))


@lru_cache(maxsize=1 << 16)
def _key(text: str) -> str:
    """Once per distinct text: preferences name the same few units a hundred thousand times."""
    text = _DIACRITICS.sub("", _normalized(text))
    return _SPACES.sub(" ", text).strip().casefold()


_LIST_SPLIT = re.compile(r"[;,،؛\n\r]+")
_ITEM_TRIM = " " + ZWNJ


def split_list(value: object) -> list[str]:
    """Split a list cell on ``;``, ``؛`` (Arabic semicolon), ``،`` (Arabic comma), ``,`` or a line
    break; drop empty items."""
    return split_normalized(normalize_value(value))


def split_normalized(text: str) -> list[str]:
    """:func:`split_list` of a text already normalised."""
    return [item for item in map(_strip_item, _LIST_SPLIT.split(text)) if item]


def _strip_item(item: str) -> str:
    return item.strip(_ITEM_TRIM)
