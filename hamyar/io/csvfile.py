"""CSV output the way Excel users in Iran need it: UTF-8 with a BOM, formulas defused.

Any text cell that starts with ``=``, ``+``, ``-`` or ``@`` is prefixed with ``'`` so that a
spreadsheet shows it as text and never runs it as a formula. Numbers are written as they are
(a negative number is a number, not a formula). Text that already starts with ``'`` before such
a character gets one more ``'``, so that :func:`undefuse` gives back exactly what was written:
``undefuse(defuse(v)) == v`` for every text (a student ID ``-1234567890`` stays that ID).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from hamyar.messages import Msg

FORMULA_STARTS = ("=", "+", "-", "@")
_FIRST = frozenset("=+-@'")
"""The first characters of a text that may need defusing (a formula start, or a quote)."""


def _needs_quote(text: str) -> bool:
    """A formula start, possibly behind quotes already (``-1``, ``'-1``, ``''=A1``)."""
    return text.lstrip("'").startswith(FORMULA_STARTS)


def defuse(value: object) -> object:
    """Text that a spreadsheet would read as a formula, prefixed with ``'``."""
    if isinstance(value, str) and value[:1] in _FIRST and _needs_quote(value):
        return "'" + value
    return value


def undefuse(text: str) -> str:
    """The text :func:`defuse` was given: one leading ``'`` before a formula start removed."""
    if text.startswith("'") and _needs_quote(text[1:]):
        return text[1:]
    return text


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write ``rows`` under ``header`` as UTF-8 with a BOM; ``None`` becomes an empty cell."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        first = _FIRST  # a text needs defuse() only when it starts with one of these
        for row in rows:
            writer.writerow(
                [
                    ("" if v is None else v)
                    if type(v) is not str or v[:1] not in first
                    else defuse(v)
                    for v in row
                ]
            )


def cannot_read(exc: OSError | UnicodeDecodeError) -> Msg:
    """Why a file could not be read: not UTF-8 text, or the system's reason."""
    if isinstance(exc, UnicodeDecodeError):
        return Msg("io.table.not_utf8")
    return Msg("io.file.cannot_read", reason=exc.strerror or str(exc))
