"""``hamyar serve`` refuses an address other computers reach; uploads have a size limit."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from starlette.testclient import TestClient

from hamyar.cli import cli
from hamyar.web import site


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
