"""``hamyar db``: the workspace database itself (``hamyar db upgrade``)."""

from __future__ import annotations

from pathlib import Path

import click

from hamyar.commands.options import lang_option
from hamyar.commands.workspace import workspace_option
from hamyar.store import Workspace, in_language
from hamyar.store.engine import describe
from hamyar.store.migrate import upgrade


@click.group("db")
def command() -> None:
    """The workspace database: where it is, its schema."""


@command.command("upgrade")
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
        click.echo(
            f"{where}: schema {after}, up to date"
            if lang == "en"
            else f"{where}: طرح {after}، به‌روز است"
        )
    else:
        click.echo(
            f"{where}: schema {before or 'empty'} → {after}"
            if lang == "en"
            else f"{where}: طرح {before or 'خالی'} ← {after}"
        )
