"""``hamyar serve``: the web pages over the workspace.

Without accounts the pages need no login, so only a loopback address is served; binding an
address other computers reach is refused until ``hamyar users add`` made an account, and then
every page needs a login (:mod:`hamyar.web.auth`).
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from hamyar.commands.base import Command
from hamyar.commands.workspace import open_workspace, workspace_option
from hamyar.errors import InputError, Issue
from hamyar.messages import Msg, say


def is_loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_host(host: str, accounts: bool) -> None:
    """A loopback address, or any address once accounts exist (then every page needs a login);
    another address without accounts would open the pages to other computers without one."""
    if accounts or is_loopback(host):
        return
    raise InputError(Issue(Msg("serve.not_loopback"), host, file="-", column="--host"))


@click.command("serve", cls=Command, help="help.serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="help.serve.host")
@click.option("--port", default=8000, show_default=True, type=int, help="help.serve.port")
@click.option(
    "--certfile",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="help.serve.certfile",
)
@click.option(
    "--keyfile",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="help.serve.keyfile",
)
@click.option(
    "--empty",
    is_flag=True,
    help="help.serve.empty",
)
@workspace_option
def command(
    host: str,
    port: int,
    certfile: Path | None,
    keyfile: Path | None,
    empty: bool,
    workspace_dir: Path | None,
) -> None:
    """Serve the planner's pages (Persian; ?lang=en for English) at http://HOST:PORT/."""
    if (certfile is None) != (keyfile is None):
        raise InputError(Issue(Msg("serve.tls_pair"), file="-", column="--certfile"))
    try:
        import uvicorn

        from hamyar.web.app import create_app
    except ImportError:
        raise click.ClickException(say("serve.needs_web")) from None
    from hamyar.store.users import any_users
    from hamyar.web.default import prepare_default

    folder = workspace_dir or Path("hamyar-workspace")
    workspace = open_workspace(folder)
    with workspace.session() as session:
        accounts = any_users(session)
    workspace.close()
    check_host(host, accounts)
    if not empty:
        made = prepare_default(folder)
        if made is not None:
            click.echo(say("serve.default_run", run=made))
    tls = certfile is not None
    app = create_app(folder, https_only=tls)
    login = Msg("serve.login" if accounts else "serve.no_login")
    url = f"{'https' if tls else 'http'}://{host}:{port}/"
    click.echo(say("serve.listening", url=url, login=login))
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        ssl_certfile=str(certfile) if certfile else None,
        ssl_keyfile=str(keyfile) if keyfile else None,
    )
