"""``hamyar adopt RUN``: make a recorded run the term's allocation."""

from __future__ import annotations

from pathlib import Path

import click

from hamyar.commands.base import Command
from hamyar.commands.options import lang_option
from hamyar.commands.workspace import open_workspace, workspace_option
from hamyar.messages import say
from hamyar.store import in_language
from hamyar.store.adoption import adopt, adoption_history


@click.command("adopt", cls=Command, help="help.adopt")
@click.argument("run_id", type=int)
@click.option("--note", help="help.adopt.note")
@click.option("--by", "by", help="help.adopt.by")
@workspace_option
@lang_option
def command(
    run_id: int, note: str | None, by: str | None, workspace_dir: Path | None, lang: str
) -> None:
    """Adopt RUN as its term's allocation; earlier decisions stay in the history."""
    workspace = open_workspace(workspace_dir, lang)
    with in_language(lang), workspace.session() as session:
        row = adopt(session, run_id, by=by, note=note)
        history = len(adoption_history(session, row.term))
    workspace.close()
    click.echo(say("adopt.done", run=run_id, term=row.term, by=row.adopted_by))
    click.echo(say("adopt.decision", count=history))
