"""``hamyar template --out DIR``: empty input workbooks with Persian headers and drop-downs."""

from __future__ import annotations

from pathlib import Path

import click

from hamyar.io.outdir import staged_output
from hamyar.io.template import write_templates


@click.command("template")
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder to write the templates into.",
)
@click.option("--force", is_flag=True, help="Replace a non-empty --out folder.")
def command(out: Path, force: bool) -> None:
    """Write applicants, units, rejections and timesheets templates (.xlsx) into --out."""
    with staged_output(out, force) as folder:
        names = [p.name for p in write_templates(folder)]
    for name in names:
        click.echo(str(out / name))
