"""Compare, the result page's charts and envy, a student's reasons, notices and downloads: the
whole walk from uploaded files (slow), and the same pages on the session's recorded run."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest
from starlette.testclient import TestClient
from walk import follow_job, run, token, upload

from hamyar.web.app import create_app


@pytest.mark.slow
def test_compare_two_scenarios(client: TestClient, default_files: dict[str, Path]) -> None:
    upload(client, default_files)
    csrf = token(client.get("/scenarios").text)
    saved = client.post(
        "/scenarios",
        data={"csrf": csrf, "name": "gpa-15", "min_gpa.bachelor_continuous": "15", "pins": "soft"},
    )
    assert saved.status_code == 200, saved.text
    page = client.get("/compare")
    assert 'value="gpa-15"' in page.text
    too_few = client.post("/compare", data={"csrf": csrf, "scenario": ["inputs"]})
    assert too_few.status_code == 422 and 'id="compare-error"' in too_few.text
    started = client.post("/compare", data={"csrf": csrf, "scenario": ["inputs", "gpa-15", ""]})
    stages, result = follow_job(client, started)
    assert stages[-1].endswith("مقایسه") and len(stages) == 8
    # each scenario's stages name it: the base (the inputs unchanged), then gpa-15
    assert [s.split("] ")[1].split(":")[0] for s in stages[1:7]] == ["ورودی‌ها بی‌تغییر"] * 3 + [
        "gpa-15"
    ] * 3
    assert stages[4] == "[۵/۸] gpa-15: بررسی شرایط (E1–E9)"
    text = result.text
    assert result.status_code == 200 and 'id="compare-kpis"' in text
    assert 'class="loss"' in text  # fewer eligible under GPA 15, shaded as a loss
    changes = re.search(r'<table id="changes".*?</table>', text, re.S)
    assert changes
    rows = re.findall(r'<tr class="(gained|lost|moved)">(.*?)</tr>', changes.group(0), re.S)
    assert rows and {"lost"} <= {kind for kind, _ in rows}
    lost = [cells for kind, cells in rows if kind == "lost"]
    assert any("E4" in cells for cells in lost)  # lost the seat: GPA below 15 (rule E4)
    assert all(
        re.search(r'class="reason">[^<]+<', cells) for _, cells in rows
    )  # every row says why
    english = client.get(str(result.url) + "?lang=en").text
    assert "not eligible here: E4" in english
    client.get("/?lang=fa")
    book = client.get(str(result.url).split("?")[0] + "/comparison.xlsx")
    assert book.status_code == 200 and openpyxl.load_workbook(io.BytesIO(book.content)).sheetnames


@pytest.mark.slow
def test_a_run_then_its_students_reasons_adopt_notices_and_downloads(
    client: TestClient, default_files: dict[str, Path]
) -> None:
    upload(client, default_files)
    csrf = token(client.get("/runs").text)
    _, base = run(client)
    run_id = re.search(r"/runs/(\d+)$", str(base.url))
    assert run_id
    rid = run_id.group(1)
    body = base.text
    assert 'id="rank-chart"' in body and "انتخاب ۱" in body and "۲۰۵" in body  # 205 first choices
    envy = re.search(r'<section id="envy">.*?</section>', body, re.S)
    assert envy and "۱۴۳" in envy.group(0) and "اولویت کمتر" in envy.group(0)
    with_reason = re.search(
        r"/runs/\d+/students/(\d+)\">[^<]*</a></td><td>[^<]*</td>"
        r"<td>[^<]*</td><td>بدون تخصیص",
        body,
    )
    assert with_reason
    student = client.get(f"/runs/{rid}/students/{with_reason.group(1)}")
    assert student.status_code == 200 and 'id="why"' in student.text
    assert 'class="holders"' in student.text and "امتیاز اولویت" in student.text
    placed_low = re.search(r'/runs/\d+/students/(\d+)">.{0,400}?data-sort="[2-5]"', body, re.S)
    assert placed_low
    second = client.get(f"/runs/{rid}/students/{placed_low.group(1)}").text
    assert 'id="why"' in second  # placed, but not at the first choice: why, and who holds it

    adopted = client.post(f"/runs/{rid}/adopt", data={"csrf": csrf})
    assert 'id="adopted"' in adopted.text
    notices = client.post("/notices", data={"csrf": csrf})
    assert notices.status_code == 200 and 'id="notices-written"' in notices.text
    sms = client.get("/downloads/notices/notices.csv")
    assert sms.status_code == 200
    texts = list(csv.DictReader(io.StringIO(sms.content.decode("utf-8-sig"))))
    assert len(texts) == 1000 and {"placed", "not_placed", "ineligible"} <= {
        t["kind"] for t in texts
    }
    assert client.get("/downloads/notices/units/all.html").status_code == 200
    listing = client.get("/downloads").text
    for name in (
        "allocation.xlsx",
        "assignments.csv",
        "eligibility.csv",
        "unassigned.csv",
        "notices.csv",
        "letters/all.html",
        "units/all.html",
    ):
        assert name in listing, name
    workbook = client.get(f"/downloads/run/{rid}/allocation.xlsx")
    assert workbook.status_code == 200 and openpyxl.load_workbook(io.BytesIO(workbook.content))
    assert client.get(f"/downloads/run/{rid}/../../hamyar.db").status_code == 404
    assert client.get("/downloads/notices/%2e%2e/inputs/units.xlsx").status_code == 404


def test_the_pages_of_a_recorded_run(ws: Path) -> None:
    """The compare page, a student's reasons, adopting, the notices and the downloads, on the
    embedded default's run recorded once for the session (``ws``)."""
    client = TestClient(create_app(ws, secret="test-secret"))
    page = client.get("/compare")  # no files uploaded: the page says to upload them
    assert page.status_code == 200 and 'name="scenario"' not in page.text
    csrf = token(client.get("/runs/1").text)
    too_few = client.post("/compare", data={"csrf": csrf, "scenario": ["inputs"]})
    assert too_few.status_code == 422 and 'id="compare-error"' in too_few.text
    body = client.get("/runs/1").text
    assert 'id="rank-chart"' in body and "۲۰۵" in body  # 205 first choices
    unplaced = re.search(
        r"/runs/1/students/(\d+)\">[^<]*</a></td><td>[^<]*</td><td>[^<]*</td><td>بدون تخصیص",
        body,
    )
    assert unplaced
    student = client.get(f"/runs/1/students/{unplaced.group(1)}")
    assert student.status_code == 200 and 'id="why"' in student.text
    assert 'class="holders"' in student.text and "امتیاز اولویت" in student.text
    assert 'id="adopted"' in client.post("/runs/1/adopt", data={"csrf": csrf}).text
    notices = client.post("/notices", data={"csrf": csrf})
    assert notices.status_code == 200 and 'id="notices-written"' in notices.text
    sms = client.get("/downloads/notices/notices.csv")
    texts = list(csv.DictReader(io.StringIO(sms.content.decode("utf-8-sig"))))
    assert len(texts) == 1000
    assert "notices.csv" in client.get("/downloads").text
    assert client.get("/downloads/run/1/../../hamyar.db").status_code == 404
