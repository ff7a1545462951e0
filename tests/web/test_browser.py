"""A planner's term in a real headless Chromium (Debian's chromium and chromium-driver) against
a real uvicorn server on a free loopback port."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from walk import timesheets_for

from hamyar.io.placements import read_assignments_csv
from hamyar.web.app import create_app

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def server(tmp_path: Path, serve: Any) -> Iterator[str]:
    with serve(create_app(tmp_path / "ws")) as address:
        yield address


def test_a_planners_term_in_chromium(
    server: str, browser: object, default_files: dict[str, Path], tmp_path: Path
) -> None:
    """Upload the embedded default's files, see a broken file located, fix it, run, open a
    student, make a scenario on the form and compare it with the inputs, adopt, pay a month,
    download the transfer list and read it back with openpyxl, record a student leaving."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.support.ui import Select

    assert isinstance(browser, WebDriver)
    d = browser
    d.implicitly_wait(90)
    broken = tmp_path / "applicants-broken.xlsx"
    book = openpyxl.load_workbook(default_files["applicants"])
    sheet = book.active
    assert sheet is not None
    gpa = [c.value for c in sheet[1]].index("معدل ترم گذشته") + 1
    sheet.cell(row=5, column=gpa, value="بیست")
    book.save(broken)

    d.get(server + "/inputs")
    assert d.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"
    for kind, path in {**default_files, "applicants": broken}.items():
        d.find_element(By.NAME, kind).send_keys(str(path))
    d.find_element(By.ID, "check").click()
    assert "ذخیره نشدند" in d.find_element(By.ID, "verdict").text
    located = d.find_element(By.CSS_SELECTOR, "#errors tbody tr").text
    assert "applicants-broken.xlsx" in located and "۵" in located and "بیست" in located
    for kind, path in default_files.items():
        d.find_element(By.NAME, kind).send_keys(str(path))
    d.find_element(By.ID, "check").click()
    assert "ذخیره شدند" in d.find_element(By.ID, "verdict").text

    d.get(server + "/runs")
    d.find_element(By.ID, "run").click()
    assert "[۱/۵]" in d.find_element(By.CSS_SELECTOR, "#progress li").text  # streamed stages
    assert "۲۸۰" in d.find_element(By.ID, "kpi-placed").text
    assert d.find_element(By.ID, "rank-chart").is_displayed()
    search = d.find_element(By.ID, "students-search")
    first = d.find_element(By.CSS_SELECTOR, "#students tbody tr td a")
    sid_text = first.text
    search.send_keys((first.get_attribute("href") or "").rsplit("/", 1)[1][:10])
    visible = [
        r for r in d.find_elements(By.CSS_SELECTOR, "#students tbody tr") if r.is_displayed()
    ]
    assert len(visible) == 1
    visible[0].find_element(By.TAG_NAME, "a").click()
    assert sid_text in d.find_element(By.TAG_NAME, "h1").text
    assert d.find_element(By.ID, "waiting").is_displayed()

    d.get(server + "/scenarios")
    d.find_element(By.NAME, "name").send_keys("gpa-15")
    for key in ("min_gpa.bachelor_continuous", "min_gpa.bachelor_discontinuous"):
        field = d.find_element(By.NAME, key)
        field.clear()
        field.send_keys("۱۵")
    d.find_element(By.CSS_SELECTOR, 'input[name="pins"][value="soft"]').click()
    d.find_element(By.NAME, "seats.DORM.female").send_keys("+10")
    d.find_element(By.ID, "save-scenario").click()
    assert "gpa-15" in d.find_element(By.ID, "scenario-saved").text
    d.get(server + "/compare")
    Select(d.find_element(By.ID, "scenario-2")).select_by_value("gpa-15")
    d.find_element(By.ID, "compare").click()
    kpis = d.find_element(By.ID, "compare-kpis")
    assert kpis.find_elements(By.CSS_SELECTOR, "td.loss, td.gain")
    reasons = d.find_elements(By.CSS_SELECTOR, "#changes td.reason")
    assert reasons and all(r.text for r in reasons[:20])

    d.get(server + "/runs/1")
    d.find_element(By.ID, "adopt").click()
    assert d.find_element(By.ID, "adopted").is_displayed()
    sheets = timesheets_for(tmp_path / "ws", tmp_path / "ts.xlsx")
    d.get(server + "/payroll")
    d.find_element(By.NAME, "timesheets").send_keys(str(sheets))
    d.find_element(By.NAME, "month").send_keys("1402/08")
    d.find_element(By.ID, "preview").click()
    total = d.find_element(By.ID, "preview-total").text
    d.find_element(By.ID, "confirm").click()
    link = d.find_element(By.CSS_SELECTOR, "#batches a.transfers")
    link.click()
    downloaded = tmp_path / "downloads" / "transfers.xlsx"
    for _ in range(200):
        if downloaded.is_file() and downloaded.stat().st_size:
            break
        time.sleep(0.1)
    transfers = openpyxl.load_workbook(downloaded)
    cells = [str(c) for ws in transfers for row in ws.iter_rows(values_only=True) for c in row]
    assert any(c.startswith("IR") for c in cells)  # the payees' Shebas
    assert total  # the month previewed before it was paid

    d.get(server + "/vacancy")  # a student leaves: the seat goes down the waiting list
    (folder,) = (tmp_path / "ws" / "web" / "1402-1" / "runs").iterdir()
    leaver = read_assignments_csv(folder / "assignments.csv")[0].student_id
    d.find_element(By.NAME, "student").send_keys(leaver)
    d.find_element(By.NAME, "from").send_keys("۱۴۰۲/۰۹/۱۵")
    d.find_element(By.ID, "record-vacancy").click()
    assert leaver in d.find_element(By.ID, "vacancy-done").text
    row = d.find_element(By.CSS_SELECTOR, f'#vacancies tr[data-student="{leaver}"]').text
    assert "planner@localhost" in row and "۱۴۰۲/۰۹/۱۵" in row

    d.get(server + "/")
    d.execute_script("window.scrollTo(0, 0)")
    d.save_screenshot(str(ROOT / "docs" / "web-term.png"))
    assert "پرداخت" in d.find_element(By.ID, "next").text
