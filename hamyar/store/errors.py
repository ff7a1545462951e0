"""The workspace's refusals, worded in Persian and English.

A :class:`WorkspaceError` carries both texts; :func:`in_language` turns it into the
:class:`~hamyar.errors.InputError` of the language a command was asked to speak (exit code 2).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from hamyar.errors import HamyarError, InputError, Issue


class WorkspaceError(HamyarError):
    """A command the workspace refuses; nothing has been changed."""

    def __init__(self, en: str, fa: str, *, where: str = "workspace", value: object = None):
        self.en, self.fa, self.where, self.value = en, fa, where, value
        super().__init__(str(Issue(en, value, file=where)))

    def issue(self, lang: str) -> Issue:
        return Issue(self.fa if lang == "fa" else self.en, self.value, file=self.where)


@contextmanager
def in_language(lang: str) -> Iterator[None]:
    """Re-raise a :class:`WorkspaceError` as an :class:`InputError` in ``lang``."""
    try:
        yield
    except WorkspaceError as exc:
        raise InputError(exc.issue(lang)) from None
