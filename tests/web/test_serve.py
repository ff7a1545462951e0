"""``hamyar serve`` refuses an address other computers reach; uploads have a size limit."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from starlette.testclient import TestClient

from hamyar.cli import cli
from hamyar.web import site
from hamyar.web.app import create_app
from hamyar.web.default import prepare_default


def test_serve_refuses_an_address_other_computers_reach(tmp_path: Path) -> None:
    done = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--workspace", str(tmp_path)])
    assert done.exit_code == 2
    assert "--host" in done.output and "127.0.0.1" in done.output


def test_an_upload_over_the_limit_is_refused(client: TestClient) -> None:
    page = client.get("/inputs").text
    csrf = page.split('name="csrf" value="')[1].split('"')[0]
    big = b"x" * (site.MAX_UPLOAD + 1)
    refused = client.post(
        "/inputs",
        data={"csrf": csrf},
        files={"applicants": ("a.csv", big), "units": ("u.csv", b"")},
    )
    assert refused.status_code == 413
    assert "بزرگ‌تر از حد مجاز" in refused.text


def test_a_new_workspace_opens_on_the_default_terms_result(tmp_path: Path) -> None:
    """``hamyar serve`` runs the embedded default before the server is up, so the first page
    already shows its result; a workspace that holds a run is left as it is."""
    workspace = tmp_path / "ws"
    assert prepare_default(workspace) == 1
    page = TestClient(create_app(workspace, secret="s")).get("/")
    assert page.status_code == 200
    result = page.text.split('id="term-result"')[1]
    assert "۲۸۰" in result and 'id="rank-chart"' in result and "<svg" in result
    assert prepare_default(workspace) is None
