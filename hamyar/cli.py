"""The ``hamyar`` command line: parses arguments, calls the stages, prints.

Each command lives in its own module under :mod:`hamyar.commands`. Bad input
(:class:`hamyar.errors.HamyarError`) is printed as located lines on standard error and ends the
process with exit code 2, never with a traceback.
"""

from __future__ import annotations

import signal
import sys
from types import FrameType
from typing import Any

import click

from hamyar.commands import (
    adopt,
    allocate,
    batch,
    check,
    compare,
    db,
    eligibility,
    generate,
    pay,
    replan,
    run,
    runs,
    scenarios,
    sweep,
    template,
    timesheets,
    vacancy,
)
from hamyar.errors import HamyarError
from hamyar.io.outlock import release_all

INTERRUPTED = 130
"""Exit code after Ctrl-C (128 + SIGINT)."""
TERMINATED = 143
"""Exit code after SIGTERM (128 + SIGTERM)."""


def _terminate(signum: int, frame: FrameType | None) -> None:
    """SIGTERM unwinds like an exception, so that half-written outputs are removed."""
    raise SystemExit(TERMINATED)


class HamyarGroup(click.Group):
    """A click group that reports :class:`HamyarError` as located lines and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except HamyarError as exc:
            for line in str(exc).splitlines():
                click.echo(line, err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("hamyar: interrupted, nothing written / متوقف شد، چیزی نوشته نشد", err=True)
            ctx.exit(INTERRUPTED)
        finally:
            release_all()


@click.group(cls=HamyarGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hamyar")
def cli() -> None:
    """hamyar: eligibility, allocation and payments for the Hamyar Daneshjoo programme."""


for _module in (
    check,
    template,
    generate,
    eligibility,
    allocate,
    pay,
    timesheets,
    run,
    scenarios,
    compare,
    sweep,
    replan,
    batch,
    db,
    adopt,
    runs,
    vacancy,
):
    cli.add_command(_module.command)
cli.add_command(runs.show_command)


def main() -> None:
    """Console-script entry point."""
    signal.signal(signal.SIGTERM, _terminate)
    sys.exit(cli.main(prog_name="hamyar", standalone_mode=True))
