"""``hamyar template --out DIR``: empty input workbooks with Persian headers and drop-downs."""

from __future__ import annotations

from pathlib import Path

import click

from hamyar.commands.base import Command
from hamyar.io.outdir import staged_output
from hamyar.io.template import write_templates


@click.command("template", cls=Command, help="help.template")
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="help.template.out",
)
@click.option("--force", is_flag=True, help="help.template.force")
def command(out: Path, force: bool) -> None:
    """Write applicants, units, rejections and timesheets templates (.xlsx) into --out."""
    with staged_output(out, force) as folder:
        names = [p.name for p in write_templates(folder)]
    for name in names:
        click.echo(str(out / name))
