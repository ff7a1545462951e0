"""The web pages on a real workspace (SQLite in a temporary folder), the embedded default's
input files written as the office would have them, and a workspace where ``hamyar run``
recorded the embedded default (``ws``, with ``client_of(name)`` logged in as an account)."""

from __future__ import annotations

import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from click.testing import CliRunner
from starlette.applications import Starlette
from starlette.testclient import TestClient
from walk import Client, login

from hamyar.cli import cli
from hamyar.generator.default import default_applicants, default_rejections, default_units
from hamyar.io.writers import write_applicants, write_rejections, write_units
from hamyar.web.app import create_app


@pytest.fixture(scope="session")
def default_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("default-inputs")
    files = {k: folder / f"{k}.xlsx" for k in ("applicants", "units", "rejections")}
    write_applicants(default_applicants(), files["applicants"], "fa")
    write_units(default_units(), files["units"], "fa")
    write_rejections(default_rejections(), files["rejections"], "fa")
    return files


@pytest.fixture(scope="session")
def small_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Input files as :func:`default_files` writes them, of 40 of the embedded default's
    applicants (the first 35 and five its units rejected), its units and those rejections, for
    the tests of what the pages record about a run or say about a broken file rather than of
    what a run of the whole default finds."""
    folder = tmp_path_factory.mktemp("small-inputs")
    files = {k: folder / f"{k}.xlsx" for k in ("applicants", "units", "rejections")}
    rejections = default_rejections()[:5]
    rejected = {r.student_id for r in rejections}
    everyone = default_applicants()
    applicants = [a for i, a in enumerate(everyone) if i < 35 or a.student_id in rejected]
    write_applicants(applicants, files["applicants"], "fa")
    write_units(default_units(), files["units"], "fa")
    write_rejections(rejections, files["rejections"], "fa")
    return files


@pytest.fixture(scope="session")
def adopted_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace folder where ``hamyar run`` recorded the embedded default (run 1, not yet
    adopted): ``ws`` (the workspace) and ``run`` (the run's folder). Read it; ``ws`` copies it."""
    folder = tmp_path_factory.mktemp("adopted")
    done = CliRunner().invoke(
        cli, ["run", "--out", str(folder / "run"), "--workspace", str(folder / "ws")]
    )
    assert done.exit_code == 0, done.output
    return folder


@pytest.fixture
def ws(adopted_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the workspace of ``adopted_workspace`` for this test."""
    monkeypatch.delenv("HAMYAR_DATABASE_URL", raising=False)
    shutil.copytree(adopted_workspace / "ws", tmp_path / "ws")
    return tmp_path / "ws"


@pytest.fixture
def client(migrated_workspace: Path, tmp_path: Path) -> TestClient:
    """The pages on ``tmp_path/ws``, a workspace of this test that holds nothing yet."""
    shutil.copytree(migrated_workspace, tmp_path / "ws")
    return TestClient(create_app(tmp_path / "ws", secret="test-secret"))


@pytest.fixture
def client_of(ws: Path) -> Client:
    def make(name: str | None = None, address: str = "testclient") -> TestClient:
        client = TestClient(create_app(ws), client=(address, 50000))
        if name is not None:
            done = login(client, name)
            assert done.status_code == 303, done.text  # type: ignore[attr-defined]
        return client

    return make


CHROMEDRIVER = "/usr/bin/chromedriver"


@contextmanager
def _serving(app: Starlette) -> Iterator[str]:
    """``app`` served by a real uvicorn on a free loopback port; yields its address."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    while not srv.started:
        thread.join(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join()


@pytest.fixture(scope="session")
def serve() -> object:
    """``with serve(app) as address``: ``app`` served by a real uvicorn on a free loopback port."""
    return _serving


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    """Debian's headless Chromium by its chromedriver; downloads go to ``tmp_path/downloads``."""
    if not (shutil.which("chromium") and Path(CHROMEDRIVER).exists()):
        pytest.skip("Debian's chromium and chromium-driver are not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or ""
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'chrome'}",
        "--window-size=1200,900",
    ):
        options.add_argument(arg)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()
