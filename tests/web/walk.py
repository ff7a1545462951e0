"""Steps the page tests share: the form token, uploading the inputs, following a run's progress,
the accounts and logging in."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from starlette.testclient import TestClient

from hamyar.cli import cli
from hamyar.store import Workspace
from hamyar.store.users import add_user

PASSWORD = "a-good-password"


def token(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def upload(client: TestClient, files: dict[str, Path], **extra: bytes) -> Any:
    csrf = token(client.get("/inputs").text)
    sent = {k: (p.name, p.read_bytes()) for k, p in files.items()}
    sent.update({k: (f"{k}.csv", v) for k, v in extra.items()})
    return client.post("/inputs", data={"csrf": csrf}, files=sent)


def follow_job(client: TestClient, started: Any) -> tuple[list[str], Any]:
    """The stages a started run streamed (server-sent events), and the page it ended on."""
    assert "/jobs/" in str(started.url), started.text
    stream = client.get(f"{started.url}/events")
    assert stream.headers["content-type"].startswith("text/event-stream")
    events = re.findall(r"event: (\w+)\ndata: (.*)\n\n", stream.text)
    stages = [data.strip('"') for kind, data in events if kind == "stage"]
    kind, data = events[-1]
    assert kind == "done", data
    return stages, client.get(data.strip('"'))


def run(client: TestClient, action: str = "/runs", **data: str) -> tuple[list[str], Any]:
    csrf = token(client.get("/runs").text)
    return follow_job(client, client.post(action, data={"csrf": csrf, **data}))


def accounts(ws: Path) -> None:
    workspace = Workspace.open(ws)
    with workspace.session() as session:
        add_user(session, "karimi", "planner", PASSWORD)
        add_user(session, "lib", "unit", PASSWORD, unit_code="LIB")
        add_user(session, "pe", "unit", PASSWORD, unit_code="PE")
        add_user(session, "ahmadi", "finance", PASSWORD)
    workspace.close()


def login(client: TestClient, name: str, password: str = PASSWORD) -> object:
    csrf = token(client.get("/login").text)
    return client.post(
        "/login", data={"csrf": csrf, "name": name, "password": password}, follow_redirects=False
    )


Client = Callable[..., TestClient]


def timesheets_for(workspace: Path, out: Path) -> Path:
    """A month of timesheets for the term's one run, as ``hamyar timesheets`` writes them."""
    (folder,) = (workspace / "web" / "1402-1" / "runs").iterdir()
    done = CliRunner().invoke(
        cli, ["timesheets", "--allocation", str(folder), "--month", "1402/08", "--out", str(out)]
    )
    assert done.exit_code == 0, done.output
    return out
