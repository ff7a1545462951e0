"""``hamyar users add|list|remove|passwd``: the accounts of the web pages.

Once an account exists every page of ``hamyar serve`` needs a login, and the server may bind an
address other computers reach. The password is asked twice at the prompt (never echoed), or
read from the first line of standard input with ``--password-stdin`` (for scripts).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from hamyar.commands.options import lang_option
from hamyar.commands.workspace import open_workspace, workspace_option
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
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


def _say(lang: str, en: str, fa: str) -> None:
    click.echo(en if lang == "en" else fa)


def _stdin_option(func: click.decorators.FC) -> click.decorators.FC:
    return click.option(
        "--password-stdin", is_flag=True, help="Read the password from the first line of stdin."
    )(func)


@click.group("users")
def group() -> None:
    """Accounts of the web pages (hamyar serve): planner, unit or finance."""


@group.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(ROLES), help="What the account may do.")
@click.option("--unit", "unit", help="A unit account's unit: its code or name.")
@click.option("--by", "by", help="Who adds it; the operating-system user by default.")
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
    where = f" of unit {row.unit_code}" if row.unit_code else ""
    where_fa = f" واحد {row.unit_code}" if row.unit_code else ""
    _say(
        lang,
        f"account {row.name} added: {row.role}{where}",
        f"حساب {row.name} افزوده شد: {row.role}{where_fa}",
    )


@group.command("list")
@workspace_option
@lang_option
def list_command(workspace_dir: Path | None, lang: str) -> None:
    """The accounts: name, role, unit, when and by whom added."""
    workspace = open_workspace(workspace_dir, lang)
    with in_language(lang), workspace.session() as session:
        rows = list(list_users(session))
    workspace.close()
    if not rows:
        _say(
            lang,
            "no accounts: hamyar serve binds 127.0.0.1 only and needs no login",
            "حسابی نیست: hamyar serve فقط روی 127.0.0.1 و بی ورود کار می‌کند",
        )
        return
    for r in rows:
        click.echo(
            f"{r.name}\t{r.role}\t{r.unit_code or '-'}\t"
            f"{r.created_at:%Y-%m-%d %H:%M} by {r.created_by}"
        )


@group.command("remove")
@click.argument("name")
@workspace_option
@lang_option
def remove_command(name: str, workspace_dir: Path | None, lang: str) -> None:
    """Remove the account NAME (its open sessions end at their next page)."""
    workspace = open_workspace(workspace_dir, lang)
    with in_language(lang), workspace.session() as session:
        remove_user(session, name)
    workspace.close()
    _say(lang, f"account {name} removed", f"حساب {name} حذف شد")


@group.command("passwd")
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
    _say(lang, f"password of {name} changed", f"گذرواژه‌ی {name} عوض شد")
