"""The workspace's refusals, worded by the message catalogue.

A :class:`WorkspaceError` carries a :class:`~hamyar.messages.Msg` (or, until its call site is
converted, an English and a Persian text); :func:`in_language` turns it into the
:class:`~hamyar.errors.InputError` of the language a command was asked to speak (exit code 2).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from hamyar.errors import HamyarError, InputError, Issue
from hamyar.messages import Lang, Text, check_lang, current_lang, render, say


class WorkspaceError(HamyarError):
    """A command the workspace refuses; nothing has been changed.

    ``WorkspaceError(Msg("store.run.not_found", run=7), value=7)``; the older form
    ``WorkspaceError(english, persian)`` still works while call sites are converted.
    """

    def __init__(
        self,
        message: Text,
        fa: str | None = None,
        *,
        where: str | None = None,
        value: object = None,
    ):
        self.persian, self.where, self.value = fa, where, value
        super().__init__(message)

    @property
    def en(self) -> str:
        return render(self.text("en"), "en")

    @property
    def fa(self) -> str:
        return render(self.text("fa"), "fa")

    def text(self, lang: Lang) -> Text:
        if self.persian is not None and lang == "fa":
            return self.persian
        return self.message

    def issue(self, lang: str | None = None) -> Issue:
        chosen = current_lang() if lang is None else check_lang(lang)
        where = self.where if self.where is not None else say("store.where", lang=chosen)
        return Issue(self.text(chosen), self.value, file=where)

    def __str__(self) -> str:
        return str(self.issue())

    def __reduce__(self) -> tuple[object, ...]:
        return (_restore, (self.message, self.persian, self.where, self.value))


def _restore(message: Text, fa: str | None, where: str | None, value: object) -> WorkspaceError:
    return WorkspaceError(message, fa, where=where, value=value)


@contextmanager
def in_language(lang: str | None = None) -> Iterator[None]:
    """Re-raise a :class:`WorkspaceError` as an :class:`InputError` in ``lang`` (the current
    language by default)."""
    try:
        yield
    except WorkspaceError as exc:
        raise InputError(exc.issue(lang)) from None
