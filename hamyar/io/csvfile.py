"""CSV output the way Excel users in Iran need it: UTF-8 with a BOM, formulas defused.

Any text cell that starts with ``=``, ``+``, ``-`` or ``@`` is prefixed with ``'`` so that a
spreadsheet shows it as text and never runs it as a formula. Numbers are written as they are
(a negative number is a number, not a formula). Text that already starts with ``'`` before such
a character gets one more ``'``, so that :func:`undefuse` gives back exactly what was written:
``undefuse(defuse(v)) == v`` for every text (a student ID ``-1234567890`` stays that ID).
"""

from __future__ import annotations

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


_ROWS_PER_WRITE = 2048
_QUOTED = ('"', "\r", "\n")
"""Besides the comma, what makes the standard :mod:`csv` dialect (``excel``) quote a field."""


def _text(value: object) -> str:
    """A cell as :mod:`csv` writes it: text defused, ``None`` empty, a float by ``repr``."""
    if type(value) is str:
        return defuse(value) if value[:1] in _FIRST else value  # type: ignore[return-value]
    if value is None:
        return ""
    if isinstance(value, str):  # a str enum: its value, as csv writes it, not defused
        return str.__str__(value)
    return repr(value) if isinstance(value, float) else str(value)


def csv_line(row: Sequence[object]) -> str:
    """One row as :func:`csv.writer` (``excel`` dialect) writes it, without the line end: a
    field quoted, its quotes doubled, when it holds ``,``, ``"``, ``\\r`` or ``\\n``."""
    first = _FIRST
    texts = [v if type(v) is str and v[:1] not in first else _text(v) for v in row]
    line = ",".join(texts)
    if line.count(",") == len(texts) - 1 and not any(q in line for q in _QUOTED):
        return '""' if line == "" and len(texts) == 1 else line
    return ",".join(
        [
            '"' + t.replace('"', '""') + '"'
            if "," in t or '"' in t or "\r" in t or "\n" in t
            else t
            for t in texts
        ]
    )


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write ``rows`` under ``header`` as UTF-8 with a BOM; ``None`` becomes an empty cell.

    The bytes are those of :func:`csv.writer` with the ``excel`` dialect (:func:`csv_line`),
    written some thousand rows at a time."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        lines = [csv_line(header)]
        for row in rows:
            lines.append(csv_line(row))
            if len(lines) >= _ROWS_PER_WRITE:
                handle.write("\r\n".join(lines) + "\r\n")
                lines.clear()
        if lines:
            handle.write("\r\n".join(lines) + "\r\n")


def cannot_read(exc: OSError | UnicodeDecodeError) -> Msg:
    """Why a file could not be read: not UTF-8 text, or the system's reason."""
    if isinstance(exc, UnicodeDecodeError):
        return Msg("io.table.not_utf8")
    return Msg("io.file.cannot_read", reason=exc.strerror or str(exc))
