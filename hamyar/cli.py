"""The ``hamyar`` command line: parses arguments, calls the stages, prints.

Each command lives in its own module under :mod:`hamyar.commands`. Bad input
(:class:`hamyar.errors.HamyarError`) is printed as located lines on standard error, in the
language of ``--lang`` (on the root or on the command), and ends the process with exit code 2,
never with a traceback.
"""

from __future__ import annotations

import os

# Pydantic looks for plugins among every installed distribution's entry points when the first
# model is built (importlib.metadata, a tenth of a second of every start); hamyar uses none.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
# numpy's OpenBLAS starts a thread per core at import (a twentieth of a second of CPU); hamyar's
# arrays are integers, which never reach BLAS.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import gc
import importlib
import signal
import sys
from types import FrameType
from typing import Any

import click

from hamyar.commands.base import Group
from hamyar.errors import HamyarError
from hamyar.io.outdir import signalled
from hamyar.io.outlock import release_all
from hamyar.messages import say

INTERRUPTED = 130
"""Exit code after Ctrl-C (128 + SIGINT)."""
TERMINATED = 143
"""Exit code after SIGTERM (128 + SIGTERM)."""


def _terminate(signum: int, frame: FrameType | None) -> None:
    """SIGTERM unwinds like an exception, so that half-written outputs are removed."""
    signalled(signum)
    raise SystemExit(TERMINATED)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """Ctrl-C as Python's own handler, noted so a swallowed one still stops the output."""
    signalled(signum)
    raise KeyboardInterrupt


COMMANDS = {
    "check": ("check", "command"),
    "template": ("template", "command"),
    "generate": ("generate", "command"),
    "eligibility": ("eligibility", "command"),
    "allocate": ("allocate", "command"),
    "pay": ("pay", "command"),
    "timesheets": ("timesheets", "command"),
    "run": ("run", "command"),
    "scenarios": ("scenarios", "command"),
    "compare": ("compare", "command"),
    "sweep": ("sweep", "command"),
    "replan": ("replan", "command"),
    "batch": ("batch", "command"),
    "db": ("db", "command"),
    "adopt": ("adopt", "command"),
    "runs": ("runs", "command"),
    "show": ("runs", "show_command"),
    "vacancy": ("vacancy", "command"),
    "evaluations": ("evaluations", "group"),
    "history": ("history", "command"),
    "notices": ("notices", "command"),
    "serve": ("serve", "command"),
    "users": ("users", "group"),
}
"""Each command's module under :mod:`hamyar.commands` and the click object in it. A command's
module is imported only when that command runs (or for ``--help``), so that ``hamyar run`` never
loads what ``hamyar batch`` needs (Dask) or what only CP-SAT needs (pandas)."""


class HamyarGroup(Group):
    """A click group that reports :class:`HamyarError` as located lines and exit code 2, and
    imports a command's module when the command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        where = COMMANDS.get(cmd_name)
        if where is None:
            return None
        module = importlib.import_module(f"hamyar.commands.{where[0]}")
        command: click.Command = getattr(module, where[1])
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except HamyarError as exc:
            for line in str(exc).splitlines():
                click.echo(line, err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo(say("cli.interrupted"), err=True)
            ctx.exit(INTERRUPTED)
        finally:
            release_all()


@click.group(
    cls=HamyarGroup, help="help.hamyar", context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(package_name="hamyar", help="help.option.version")
def cli() -> None:
    """hamyar: eligibility, allocation and payments for the Hamyar Daneshjoo programme."""


def main() -> None:
    """Console-script entry point."""
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, _interrupt)
    try:
        sys.exit(cli.main(prog_name="hamyar", standalone_mode=True))
    finally:
        # The interpreter's last collections would walk every object the command left (a tenth
        # of a second after a run); reference counting still frees them.
        gc.freeze()
