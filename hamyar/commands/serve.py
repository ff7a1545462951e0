"""``hamyar serve``: the web pages over the workspace, on this computer only for now."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from hamyar.commands.base import Command
from hamyar.commands.workspace import workspace_option
from hamyar.errors import InputError, Issue
from hamyar.messages import Msg, say

LOOPBACK = ("127.0.0.1", "::1", "localhost")


def check_host(host: str) -> None:
    """Only a loopback address: the pages have no login yet, so another address (which
    other computers could reach) is refused."""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise InputError(Issue(Msg("serve.not_loopback"), host, file="-", column="--host"))


@click.command("serve", cls=Command, help="help.serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="help.serve.host")
@click.option("--port", default=8000, show_default=True, type=int, help="help.serve.port")
@workspace_option
def command(host: str, port: int, workspace_dir: Path | None) -> None:
    """Serve the planner's pages (Persian; ?lang=en for English) at http://HOST:PORT/."""
    check_host(host)
    try:
        import uvicorn

        from hamyar.web.app import create_app
    except ImportError:
        raise click.ClickException(say("serve.needs_web")) from None
    app = create_app(workspace_dir or Path("hamyar-workspace"))
    click.echo(say("serve.listening", url=f"http://{host}:{port}/"))
    uvicorn.run(app, host=host, port=port, log_level="warning")
