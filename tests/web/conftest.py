"""The web pages on a real workspace (SQLite in a temporary folder) and the embedded default's
input files written as the office would have them."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

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


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(tmp_path / "ws", secret="test-secret"))
