"""The click command and group every ``hamyar`` command is made with.

Each one takes ``--lang fa|en`` (default ``HAMYAR_LANG``, else Persian, or the language the
root ``hamyar --lang`` chose): it is the language of the console, of the errors and of the
files written. Every help text is a catalogue code (``help.run``, ``help.run.out``) rendered
when the help is formatted, in the language named by ``--lang`` anywhere on the command line.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from hamyar.messages import LANGS, Lang, check_lang, current_lang, say, use_lang

F = TypeVar("F", bound=Callable[..., Any])

HELP_CODE = re.compile(r"help(\.[a-z0-9_-]+)+")
"""What a help text that is a catalogue code looks like."""


def help_text(text: str | None) -> str | None:
    """A help code rendered in the current language; other text as it is."""
    if text is not None and HELP_CODE.fullmatch(text):
        return say(text)
    return text


def lang_in(args: Sequence[str]) -> Lang | None:
    """The language ``--lang X`` or ``--lang=X`` in ``args`` names (the last one), if any."""
    found: Lang | None = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else None
        if arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in LANGS:
            found = check_lang(value)
    return found


def _set_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        ctx.with_resource(use_lang(value))
    return value


def lang_param(expose: bool = True) -> click.Option:
    """``--lang fa|en``: the language of this command's messages and files."""
    return click.Option(
        ["--lang"],
        type=click.Choice(LANGS),
        default=current_lang,
        callback=_set_lang,
        expose_value=expose,
        is_eager=True,
        help="help.option.lang",
    )


def lang_option(func: F) -> F:
    """``--lang`` passed to the command as ``lang`` (for commands that write files)."""
    return click.option(
        "--lang",
        type=click.Choice(LANGS),
        default=current_lang,
        callback=_set_lang,
        is_eager=True,
        help="help.option.lang",
    )(func)


@contextmanager
def _rendered(command: click.Command) -> Iterator[None]:
    """Inside the block, ``command``'s and its options' help are sentences, not codes."""
    saved = [(p, getattr(p, "help", None)) for p in command.params]
    saved_help = command.help
    command.help = help_text(command.help)
    for p, text in saved:
        if isinstance(p, click.Option):
            p.help = help_text(text)
    try:
        yield
    finally:
        command.help = saved_help
        for p, text in saved:
            if isinstance(p, click.Option):
                p.help = text


class _Lang:
    """What :class:`Command` and :class:`Group` share: ``--lang`` on each, help rendered."""

    params: list[click.Parameter]

    def _add_lang(self) -> None:
        if not any(p.name == "lang" for p in self.params):
            self.params.append(lang_param(expose=False))

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        """Run in the language ``--lang`` names anywhere on the command line (so that it
        applies before ``--help`` is handled, wherever it stands), and restore the language
        afterwards however the command ends."""
        with use_lang(lang_in(sys.argv[1:] if args is None else list(args))):
            return super().main(args, *rest, **kwargs)  # type: ignore[misc]

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        assert isinstance(self, click.Command)
        with _rendered(self):
            super().format_help(ctx, formatter)  # type: ignore[misc]

    def get_short_help_str(self, limit: int = 45) -> str:
        assert isinstance(self, click.Command)
        with _rendered(self):
            return super().get_short_help_str(limit)  # type: ignore[misc]


class Command(_Lang, click.Command):
    """A ``hamyar`` command: ``--lang`` and help from the catalogue."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._add_lang()


class Group(_Lang, click.Group):
    """A ``hamyar`` group of commands; its subcommands are :class:`Command`."""

    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._add_lang()


Group.group_class = Group
