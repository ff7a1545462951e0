"""``hamyar serve --certfile --keyfile`` as a real process: https on a loopback port, the
session cookie marked Secure; a login on every page once an account exists."""

from __future__ import annotations

import os
import shutil
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from hamyar.cli import cli

pytestmark = pytest.mark.slow


def _certificate(folder: Path) -> tuple[Path, Path]:
    if not shutil.which("openssl"):
        pytest.skip("openssl is not installed")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def test_serve_over_tls_marks_the_session_cookie_secure(tmp_path: Path) -> None:
    cert, key = _certificate(tmp_path)
    ws = tmp_path / "ws"
    env = {k: v for k, v in os.environ.items() if k != "HAMYAR_DATABASE_URL"}
    added = CliRunner().invoke(
        cli,
        ["users", "add", "karimi", "--role", "planner", "--password-stdin", "--workspace", str(ws)],
        input="a-good-password\n",
        env={"HAMYAR_DATABASE_URL": None},
    )
    assert added.exit_code == 0, added.output
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "hamyar", "serve", "--port", str(port), "--workspace", str(ws),
         "--certfile", str(cert), "--keyfile", str(key)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        trusted = ssl.create_default_context(cafile=str(cert))
        with httpx.Client(verify=trusted, base_url=f"https://127.0.0.1:{port}") as client:
            for _ in range(600):
                try:
                    page = client.get("/", follow_redirects=False)
                    break
                except httpx.ConnectError:
                    time.sleep(0.1)
            else:
                raise AssertionError("the server did not come up")
            assert page.status_code == 303 and page.headers["location"] == "/login?next=/"
            login = client.get("/login")
            assert login.status_code == 200
            cookie = login.headers["set-cookie"].lower()
            assert (
                "hamyar_session=" in cookie and "secure" in cookie and "samesite=strict" in cookie
            )
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=30)
    assert f"https://127.0.0.1:{port}/ (a login on every page)" in out
