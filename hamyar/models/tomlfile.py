"""Reading a TOML file (policy, scenario, solver parameters, batch manifest) into a dict.

A missing, unreadable or broken file is an :class:`hamyar.errors.InputError` naming it. Values
nested deeper than :data:`MAX_DEPTH` levels — arrays or inline tables inside one another, or
tables inside tables — are refused before they reach a recursive reader (Python's TOML parser
raises ``RecursionError`` on 100,000 nested arrays): the error names the line, or the key. A
key or text holding a control character (valid TOML as ``\\u0007``, yet no workbook can hold
it) is refused at its key, like every other bad value of the file.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from hamyar.errors import InputError, Issue
from hamyar.messages import Msg
from hamyar.text import CONTROL_CHARACTERS

MAX_DEPTH = 32
"""The deepest nesting of arrays and tables a hamyar TOML file may have (policies use 3)."""

_OPEN, _CLOSE = "[{", "]}"
_NAMES = ("policy", "scenario", "solver parameters", "manifest")
"""The files :func:`read_toml_file` names in messages; any other ``what`` is a TOML file."""
_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def _name(what: str) -> Msg:
    """The file's name in a message: ``models.toml.name.policy`` …"""
    slug = what.replace(" ", "_") if what in _NAMES else "other"
    return Msg(f"models.toml.name.{slug}")


def _not_toml(exc: tomllib.TOMLDecodeError, file: str) -> Issue:
    """A TOML syntax error at its line, with the column and the parser's own words."""
    text = str(exc)
    at = _AT.search(text)
    reason = _AT.sub("", text) or type(exc).__name__
    if at is None:
        return Issue(Msg("models.toml.invalid", reason=reason), file=file)
    message = Msg("models.toml.invalid_at", reason=reason, column=int(at[2]))
    return Issue(message, file=file, row=int(at[1]))


def read_toml_file(path: str | Path, what: str) -> dict[str, Any]:
    """The file as a dict; ``what`` names it in messages (``policy``, ``scenario``…)."""
    file = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(Issue(Msg("models.toml.not_found", what=_name(what)), file=file)) from None
    except IsADirectoryError:
        raise InputError(Issue(Msg("models.toml.folder", what=_name(what)), file=file)) from None
    except UnicodeDecodeError:
        raise InputError(Issue(Msg("models.toml.not_utf8", what=_name(what)), file=file)) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        cannot = Msg("models.toml.cannot_read", what=_name(what), reason=reason)
        raise InputError(Issue(cannot, file=file)) from None
    too_deep = Msg("models.toml.too_deep", depth=MAX_DEPTH)
    line = deep_line(text)
    if line is not None:
        raise InputError(Issue(too_deep, file=file, row=line))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(_not_toml(exc, file)) from None
    except RecursionError:
        raise InputError(Issue(too_deep, file=file)) from None
    key = deep_key(data)
    if key is not None:
        raise InputError(Issue(too_deep, file=file, column=key))
    controls = [
        Issue(Msg("models.toml.control"), text, file=file, column=key)
        for key, text in control_texts(data)
    ]
    if controls:
        raise InputError(controls)
    return data


def control_texts(data: dict[str, Any]) -> list[tuple[str, str]]:
    """``(dotted key, text)`` of every key or string value holding a control character other
    than tab and line breaks; walked without recursion."""
    found: list[tuple[str, str]] = []
    stack: list[tuple[object, tuple[str, ...]]] = [(data, ())]
    while stack:
        value, keys = stack.pop()
        if isinstance(value, dict):
            for k, v in value.items():
                if not set(str(k)).isdisjoint(CONTROL_CHARACTERS):
                    found.append((".".join((*keys, str(k))), str(k)))
                stack.append((v, (*keys, str(k))))
        elif isinstance(value, list):
            stack.extend((v, (*keys, f"[{i}]")) for i, v in enumerate(value))
        elif isinstance(value, str) and not set(value).isdisjoint(CONTROL_CHARACTERS):
            found.append((".".join(keys), value))
    return sorted(found)


def deep_line(text: str) -> int | None:
    """The line on which brackets outside strings and comments first nest deeper than
    :data:`MAX_DEPTH`, or ``None``."""
    depth, line, i, n = 0, 1, 0, len(text)
    while i < n:
        char = text[i]
        if char == "\n":
            line += 1
        elif char == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif char in "\"'":
            quote = char * 3 if text.startswith(char * 3, i) else char
            end = _string_end(text, i + len(quote), quote)
            line += text.count("\n", i, end)
            i = end
            continue
        elif char in _OPEN:
            depth += 1
            if depth > MAX_DEPTH:
                return line
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        i += 1
    return None


def _string_end(text: str, start: int, quote: str) -> int:
    """The position after the string that began before ``start`` (escapes in basic strings)."""
    i, n = start, len(text)
    while i < n:
        if text[i] == "\\" and quote[0] == '"':
            i += 2
            continue
        if text.startswith(quote, i):
            return i + len(quote)
        if text[i] == "\n" and len(quote) == 1:
            return i  # an unterminated one-line string: the parser reports it
        i += 1
    return n


def deep_key(data: dict[str, Any]) -> str | None:
    """The dotted key of a value nested deeper than :data:`MAX_DEPTH` levels, or ``None``
    (walked without recursion)."""
    stack: list[tuple[object, tuple[str, ...]]] = [(data, ())]
    while stack:
        value, keys = stack.pop()
        if len(keys) > MAX_DEPTH:
            shown = (*keys[:3], "…") if len(keys) > 3 else keys
            return ".".join(shown)
        if isinstance(value, dict):
            stack.extend((v, (*keys, str(k))) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, (*keys, f"[{i}]")) for i, v in enumerate(value))
    return None
