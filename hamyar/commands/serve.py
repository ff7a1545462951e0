"""``hamyar serve``: the web pages over the workspace.

Without accounts the pages need no login, so only a loopback address is served; binding an
address other computers reach is refused until ``hamyar users add`` made an account, and then
every page needs a login (:mod:`hamyar.web.auth`).
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from hamyar.commands.workspace import open_workspace, workspace_option
from hamyar.errors import InputError, Issue


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
    raise InputError(
        Issue(
            "binding an address other computers reach needs accounts, and there are none; "
            "add one with hamyar users add NAME --role planner, or use 127.0.0.1",
            host,
            file="-",
            column="--host",
        )
    )


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--certfile",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="TLS certificate (PEM): serve https, the session cookie marked Secure.",
)
@click.option(
    "--keyfile",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="The certificate's private key (PEM).",
)
@click.option(
    "--empty",
    is_flag=True,
    help="Start a new workspace without running the embedded default first.",
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
        raise InputError(
            Issue("--certfile and --keyfile go together", file="-", column="--certfile")
        )
    try:
        import uvicorn

        from hamyar.web.app import create_app
    except ImportError:
        raise click.ClickException("the web pages need: pip install 'hamyar[web]'") from None
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
            click.echo(f"hamyar: the embedded default (term 1402-1) is run {made}")
    tls = certfile is not None
    app = create_app(folder, https_only=tls)
    login = "a login on every page" if accounts else "no login (this computer only)"
    click.echo(f"hamyar: {'https' if tls else 'http'}://{host}:{port}/ ({login})")
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        ssl_certfile=str(certfile) if certfile else None,
        ssl_keyfile=str(keyfile) if keyfile else None,
    )
