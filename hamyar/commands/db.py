"""``hamyar db``: the workspace database itself (``hamyar db upgrade``)."""

from __future__ import annotations

from pathlib import Path

import click

from hamyar.commands.base import Group
from hamyar.commands.options import lang_option
from hamyar.commands.workspace import workspace_option
from hamyar.messages import say
from hamyar.store import Workspace, in_language
from hamyar.store.engine import describe
from hamyar.store.migrate import upgrade


@click.group("db", cls=Group, help="help.db")
def command() -> None:
    """The workspace database: where it is, its schema."""


@command.command("upgrade", help="help.db.upgrade")
@workspace_option
@lang_option
def upgrade_command(workspace_dir: Path | None, lang: str) -> None:
    """Bring the workspace's schema to this hamyar's newest revision."""
    with in_language(lang):
        workspace = Workspace.open(workspace_dir, migrate=False)
        before, after = upgrade(workspace.engine)
    where = describe(workspace.url)
    workspace.close()
    if before == after:
        click.echo(say("db.up_to_date", where=where, revision=after))
    else:
        was = before or say("db.empty")
        click.echo(say("db.upgraded", where=where, before=was, revision=after))
