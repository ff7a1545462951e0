"""``hamyar adopt RUN``: make a recorded run the term's allocation."""

from __future__ import annotations

from pathlib import Path

import click

from hamyar.commands.options import lang_option
from hamyar.commands.workspace import open_workspace, workspace_option
from hamyar.store import in_language
from hamyar.store.adoption import adopt, adoption_history


@click.command("adopt")
@click.argument("run_id", type=int)
@click.option("--note", help="Why this run (kept with the decision).")
@click.option("--by", "by", help="Who decided; the operating-system user by default.")
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
    if lang == "en":
        click.echo(f"run {run_id} adopted for term {row.term} by {row.adopted_by}")
        click.echo(f"decision {history} of this term")
    else:
        click.echo(f"اجرای {run_id} برای نیمسال {row.term} پذیرفته شد ({row.adopted_by})")
        click.echo(f"تصمیم {history} این نیمسال")
