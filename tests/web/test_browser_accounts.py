"""A unit account in a real headless Chromium (Debian's chromium and chromium-driver) against a
real uvicorn server on a free loopback port: it logs in, gets 403 on another unit's page and
sees its own students."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from hamyar.cli import cli
from hamyar.messages import say
from hamyar.store import Workspace
from hamyar.store.users import add_user
from hamyar.web.app import create_app

pytestmark = pytest.mark.slow

PASSWORD = "library-password"


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, serve: Any) -> Iterator[str]:
    """The embedded default run and adopted, a planner and the library's unit account."""
    monkeypatch.delenv("HAMYAR_DATABASE_URL", raising=False)
    ws = tmp_path / "ws"
    for args in (["run", "--out", str(tmp_path / "run")], ["adopt", "1", "--by", "karimi"]):
        done = CliRunner().invoke(cli, [*args, "--workspace", str(ws)])
        assert done.exit_code == 0, done.output
    workspace = Workspace.open(ws)
    with workspace.session() as session:
        add_user(session, "karimi", "planner", PASSWORD)
        add_user(session, "lib", "unit", PASSWORD, unit_code="LIB")
    workspace.close()
    with serve(create_app(ws)) as address:
        yield address


def test_a_unit_account_logs_in_and_is_refused_another_units_page(
    server: str, browser: object
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.remote.webdriver import WebDriver

    assert isinstance(browser, WebDriver)
    d = browser
    d.implicitly_wait(30)
    d.get(server + "/units/PE")
    assert d.current_url == server + "/login?next=/units/PE"
    d.find_element(By.ID, "login-name").send_keys("lib")
    d.find_element(By.ID, "login-password").send_keys(PASSWORD)
    d.find_element(By.ID, "login-go").click()
    refusal = d.find_element(By.ID, "refusal")
    assert d.current_url == server + "/units/PE"
    assert refusal.text == "دسترسی ندارید."
    assert "lib" in d.find_element(By.ID, "account").text
    d.get(server + "/units/LIB")
    rows = d.find_elements(By.CSS_SELECTOR, "#unit-students tr.student")
    assert rows, "the library's own students are listed"
    d.find_element(By.CSS_SELECTOR, "#unit-students tr.student input[type=checkbox]").click()
    d.find_element(By.ID, "confirm-students").click()
    confirmed = d.find_element(By.CSS_SELECTOR, "#unit-students tr.student td:last-child")
    assert confirmed.text.startswith("lib ·")
    d.find_element(By.ID, "logout").click()
    assert d.current_url == server + "/login"


def test_a_forged_form_is_refused_in_chromium(server: str, browser: object) -> None:
    """A form whose CSRF token is not the session's is refused (403) and changes nothing: the
    login with a forged token logs no one in; the same form with its own token does."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.remote.webdriver import WebDriver

    assert isinstance(browser, WebDriver)
    d = browser
    d.implicitly_wait(30)

    def log_in(forged: bool) -> None:
        d.get(server + "/login")
        if forged:
            d.execute_script("document.querySelector('input[name=csrf]').value = 'forged'")
        d.find_element(By.ID, "login-name").send_keys("karimi")
        d.find_element(By.ID, "login-password").send_keys(PASSWORD)
        d.find_element(By.ID, "login-go").click()

    log_in(forged=True)
    assert d.find_element(By.ID, "refusal").text == say("web.csrf", lang="fa")
    d.get(server + "/")
    assert d.current_url == server + "/login?next=/"
    log_in(forged=False)
    assert "karimi" in d.find_element(By.ID, "account").text
