"""``hamyar scenarios``: the shipped scenarios (the embedded default and the examples)."""

from __future__ import annotations

import click

from hamyar.commands.base import Command, lang_option
from hamyar.messages import say


@click.command("scenarios", cls=Command, help="help.scenarios")
@lang_option
@click.option("--paths", is_flag=True, help="help.scenarios.paths")
def command(lang: str, paths: bool) -> None:
    """List the shipped scenarios: give a name to run, compare, sweep or extend it."""
    from hamyar.scenarios.resolve import scenario_summary, shipped_paths

    rows = []
    for stem, path in shipped_paths().items():
        name, description, description_fa = scenario_summary(path)
        text = description_fa if lang == "fa" and description_fa else description
        rows.append((stem if name == stem else f"{stem} ({name})", text, str(path)))
    if not rows:
        click.echo(say("scenarios.none"), err=True)
        return
    width = max(len(r[0]) for r in rows)
    for name, text, where in rows:
        click.echo(f"{name.ljust(width)}  {text}")
        if paths:
            click.echo(f"{' ' * width}  {where}")
