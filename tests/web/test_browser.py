"""A planner's term in a real headless Chromium (Debian's chromium and chromium-driver) against
a real uvicorn server on a free loopback port."""

from __future__ import annotations

import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from hamyar.web.app import create_app

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
CHROMEDRIVER = "/usr/bin/chromedriver"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(tmp_path / "ws"), host="127.0.0.1", port=port)
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    while not srv.started:
        thread.join(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
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
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def test_a_planner_uploads_runs_and_opens_a_student(
    server: str, browser: object, default_files: dict[str, Path]
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.remote.webdriver import WebDriver

    assert isinstance(browser, WebDriver)
    d = browser
    d.implicitly_wait(60)
    d.get(server + "/inputs")
    assert d.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"
    for kind, path in default_files.items():
        d.find_element(By.NAME, kind).send_keys(str(path))
    d.find_element(By.ID, "check").click()
    assert "ذخیره شدند" in d.find_element(By.ID, "verdict").text
    d.get(server + "/runs")
    d.find_element(By.ID, "run").click()
    assert "۲۸۰" in d.find_element(By.ID, "kpi-placed").text
    search = d.find_element(By.ID, "students-search")
    first = d.find_element(By.CSS_SELECTOR, "#students tbody tr td a")
    sid_text = first.text
    search.send_keys(first.get_attribute("href").rsplit("/", 1)[1][:10])
    visible = [
        r for r in d.find_elements(By.CSS_SELECTOR, "#students tbody tr") if r.is_displayed()
    ]
    assert len(visible) == 1
    visible[0].find_element(By.TAG_NAME, "a").click()
    assert sid_text in d.find_element(By.TAG_NAME, "h1").text
    d.get(server + "/runs/1")
    d.find_element(By.ID, "adopt").click()
    assert d.find_element(By.ID, "adopted").is_displayed()
    d.get(server + "/")
    d.save_screenshot(str(ROOT / "docs" / "web-term.png"))
    assert "پرداخت" in d.find_element(By.ID, "next").text
