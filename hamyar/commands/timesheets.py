"""``hamyar timesheets``: a realistic month of timesheets for a placed allocation (for demos).

Most students report hours within the cap, some above it (P3), a few also in a second unit (P4),
and, when the allocation folder lists unplaced applicants, one of them reports hours too.
"""

from __future__ import annotations

from pathlib import Path

import click

from hamyar.commands.base import Command
from hamyar.commands.pay import parse_month
from hamyar.errors import InputError, Issue
from hamyar.generator.timesheets import generate_timesheets, write_timesheets
from hamyar.io.allocation_dir import read_allocation_dir
from hamyar.io.outdir import staged_file
from hamyar.messages import Msg, say


@click.command("timesheets", cls=Command, help="help.timesheets")
@click.option(
    "--allocation",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="help.timesheets.allocation",
)
@click.option("--month", "month_text", required=True, help="help.timesheets.month")
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="help.timesheets.out",
)
@click.option("--seed", default=0, show_default=True, type=int, help="help.timesheets.seed")
@click.option("--force", is_flag=True, help="help.timesheets.force")
def command(allocation: Path, month_text: str, out: Path, seed: int, force: bool) -> None:
    """Generate a month of timesheets for the students placed in ALLOCATION."""
    if out.exists() and not force:
        raise InputError(Issue(Msg("cli.out_file_exists"), file=str(out)))
    month = parse_month(month_text)
    record = read_allocation_dir(allocation)
    rows = generate_timesheets(record, month, seed=seed, file=str(out))
    with staged_file(out) as tmp:
        write_timesheets(tmp, rows)
    click.echo(say("timesheets.done", rows=len(rows), month=str(month), out=str(out)))
