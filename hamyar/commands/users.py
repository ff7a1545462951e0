"""``hamyar users add|list|remove|passwd``: the accounts of the web pages.

Once an account exists every page of ``hamyar serve`` needs a login, and the server may bind an
address other computers reach. The password is asked twice at the prompt (never echoed), or
read from the first line of standard input with ``--password-stdin`` (for scripts).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from hamyar.commands.base import Group
from hamyar.commands.options import lang_option
from hamyar.commands.workspace import open_workspace, workspace_option
from hamyar.messages import jalali, say
from hamyar.store import in_language
from hamyar.store.users import (
    ROLES,
    add_user,
    list_users,
    remove_user,
    require_user,
    resolve_unit,
    set_password,
)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(click.prompt(say("users.password"), hide_input=True, confirmation_prompt=True))


def _stdin_option(func: click.decorators.FC) -> click.decorators.FC:
    return click.option("--password-stdin", is_flag=True, help="help.users.password_stdin")(func)


@click.group("users", cls=Group, help="help.users")
def group() -> None:
    """Accounts of the web pages (hamyar serve): planner, unit or finance."""


@group.command("add", help="help.users.add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(ROLES), help="help.users.add.role")
@click.option("--unit", "unit", help="help.users.add.unit")
@click.option("--by", "by", help="help.users.add.by")
@_stdin_option
@workspace_option
@lang_option
def add_command(
    name: str,
    role: str,
    unit: str | None,
    by: str | None,
    password_stdin: bool,
    workspace_dir: Path | None,
    lang: str,
) -> None:
    """Add the account NAME with ROLE (a unit account also names its --unit)."""
    workspace = open_workspace(workspace_dir, lang)
    with in_language(lang):
        with workspace.session() as session:
            code = resolve_unit(session, unit) if unit is not None else None
        password = _password(password_stdin)
        with workspace.session() as session:
            row = add_user(session, name, role, password, unit_code=code, by=by)
    workspace.close()
    where = say("users.of_unit", unit=row.unit_code) if row.unit_code else ""
    click.echo(say("users.added", name=row.name, role=row.role, where=where))


@group.command("list", help="help.users.list")
@workspace_option
@lang_option
def list_command(workspace_dir: Path | None, lang: str) -> None:
    """The accounts: name, role, unit, when and by whom added."""
    workspace = open_workspace(workspace_dir, lang)
    with in_language(lang), workspace.session() as session:
        rows = list(list_users(session))
    workspace.close()
    if not rows:
        click.echo(say("users.none"))
        return
    for r in rows:
        added = say("users.added_by", when=jalali(r.created_at), by=r.created_by)
        click.echo(f"{r.name}\t{r.role}\t{r.unit_code or '-'}\t{added}")


@group.command("remove", help="help.users.remove")
@click.argument("name")
@workspace_option
@lang_option
def remove_command(name: str, workspace_dir: Path | None, lang: str) -> None:
    """Remove the account NAME (its open sessions end at their next page)."""
    workspace = open_workspace(workspace_dir, lang)
    with in_language(lang), workspace.session() as session:
        remove_user(session, name)
    workspace.close()
    click.echo(say("users.removed", name=name))


@group.command("passwd", help="help.users.passwd")
@click.argument("name")
@_stdin_option
@workspace_option
@lang_option
def passwd_command(name: str, password_stdin: bool, workspace_dir: Path | None, lang: str) -> None:
    """Set a new password for NAME (its open sessions end)."""
    workspace = open_workspace(workspace_dir, lang)
    with in_language(lang):
        with workspace.session() as session:
            require_user(session, name)
        password = _password(password_stdin)
        with workspace.session() as session:
            set_password(session, name, password)
    workspace.close()
    click.echo(say("users.password_changed", name=name))
