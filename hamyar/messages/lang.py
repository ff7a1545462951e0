"""The language a user reads, and the current one of this context.

``Lang`` is defined here and only here. The current language lives in a context variable:
:func:`use_lang` sets it for a ``with`` block (a command sets it from ``--lang``), and without
one it is ``HAMYAR_LANG`` from the environment, else Persian.
"""

from __future__ import annotations

import os
from contextvars import ContextVar
from typing import Literal

Lang = Literal["fa", "en"]
"""A language a user reads: Persian first, English on request (``--lang fa|en``)."""

LANGS: tuple[Lang, ...] = ("fa", "en")

ENV = "HAMYAR_LANG"
"""The environment variable naming the default language."""

_current: ContextVar[Lang | None] = ContextVar("hamyar_lang", default=None)


def check_lang(lang: str) -> Lang:
    """``"fa"`` or ``"en"``; anything else is a ``ValueError`` naming the choices."""
    if lang == "fa":
        return "fa"
    if lang == "en":
        return "en"
    raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGS)}")


def default_lang() -> Lang:
    """``HAMYAR_LANG`` when it names a language, else ``"fa"``."""
    value = os.environ.get(ENV, "").strip().lower()
    return "en" if value == "en" else "fa"


def current_lang() -> Lang:
    """The language of the innermost :func:`use_lang`, else :func:`default_lang`."""
    return _current.get() or default_lang()


class use_lang:
    """Render in ``lang`` inside the block (``None`` keeps the current language).

    A class rather than a generator: a block that is entered and never left (a click context
    that is not closed after a usage error) leaves nothing to run when it is collected, so it
    cannot reset the language later in some other code; the enclosing block resets it.
    """

    def __init__(self, lang: str | None) -> None:
        self.lang = current_lang() if lang is None else check_lang(lang)

    def __enter__(self) -> Lang:
        self.token = _current.set(self.lang)
        return self.lang

    def __exit__(self, *exc: object) -> None:
        _current.reset(self.token)
