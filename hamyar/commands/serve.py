"""``hamyar serve``: the web pages over the workspace, on this computer only for now."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from hamyar.commands.workspace import workspace_option
from hamyar.errors import InputError, Issue

LOOPBACK = ("127.0.0.1", "::1", "localhost")


def check_host(host: str) -> None:
    """Only a loopback address: the pages have no login yet, so another address (which
    other computers could reach) is refused."""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise InputError(
            Issue(
                "binding an address other computers reach needs accounts and a login, which "
                "this hamyar does not have yet; use 127.0.0.1",
                host,
                file="-",
                column="--host",
            )
        )


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--empty",
    is_flag=True,
    help="Start a new workspace without running the embedded default first.",
)
@workspace_option
def command(host: str, port: int, empty: bool, workspace_dir: Path | None) -> None:
    """Serve the planner's pages (Persian; ?lang=en for English) at http://HOST:PORT/."""
    check_host(host)
    try:
        import uvicorn

        from hamyar.web.app import create_app
    except ImportError:
        raise click.ClickException("the web pages need: pip install 'hamyar[web]'") from None
    from hamyar.web.default import prepare_default

    folder = workspace_dir or Path("hamyar-workspace")
    if not empty:
        made = prepare_default(folder)
        if made is not None:
            click.echo(f"hamyar: the embedded default (term 1402-1) is run {made}")
    app = create_app(folder)
    click.echo(f"hamyar: http://{host}:{port}/")
    uvicorn.run(app, host=host, port=port, log_level="warning")
