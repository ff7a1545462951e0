"""The pages through Starlette's test client: term, inputs, run, student, adopt, pay, CSRF."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from starlette.testclient import TestClient
from walk import run, timesheets_for


def token(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def _upload(client: TestClient, files: dict[str, Path], **extra: bytes) -> object:
    csrf = token(client.get("/inputs").text)
    sent = {k: (p.name, p.read_bytes()) for k, p in files.items()}
    sent.update({k: (f"{k}.csv", v) for k, v in extra.items()})
    return client.post("/inputs", data={"csrf": csrf}, files=sent)


def test_term_page_is_persian_and_right_to_left(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert 'dir="rtl"' in page.text and 'lang="fa"' in page.text
    assert "نیمسال اول ۱۴۰۲–۱۴۰۳" in page.text
    assert "فایل‌های متقاضیان و واحدها را بارگذاری کنید" in page.text
    english = client.get("/?lang=en")
    assert 'dir="ltr"' in english.text and "Upload the applicants and units files." in english.text


def test_a_form_without_its_token_is_refused(client: TestClient) -> None:
    client.get("/")
    refused = client.post("/term", data={"term": "1403-1", "csrf": "forged"})
    assert refused.status_code == 403
    assert "۱۴۰۳–۱۴۰۴" not in client.get("/").text
    assert client.post("/term", data={"term": "1403-1"}).status_code == 403
    good = client.post("/term", data={"term": "1403-1", "csrf": token(client.get("/").text)})
    assert good.status_code == 200 and "۱۴۰۳–۱۴۰۴" in good.text


def test_a_broken_file_is_located_and_not_stored(
    client: TestClient, small_files: dict[str, Path], tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(small_files["applicants"])
    ws = wb.active
    assert ws is not None
    headers = [c.value for c in ws[1]]
    gpa = headers.index("معدل ترم گذشته") + 1
    ws.cell(row=5, column=gpa, value="بیست")
    broken = tmp_path / "applicants-broken.xlsx"
    wb.save(broken)
    page = _upload(client, {**small_files, "applicants": broken})
    assert page.status_code == 422  # type: ignore[attr-defined]
    text = page.text  # type: ignore[attr-defined]
    assert "ذخیره نشدند" in text
    row = re.search(r'<table id="errors".*?</table>', text, re.S)
    assert row and "applicants-broken.xlsx" in row.group(0) and "۵" in row.group(0)
    assert "بیست" in row.group(0)
    assert "عدد نیست" in row.group(0)  # in the page's language, not the server's HAMYAR_LANG
    assert "stored" not in client.get("/inputs").text.split("</form>")[1][:200]
    client.get("/?lang=en")
    english = _upload(client, {**small_files, "applicants": broken}).text  # type: ignore[attr-defined]
    row = re.search(r'<table id="errors".*?</table>', english, re.S)
    assert row and "not a number" in row.group(0) and "عدد نیست" not in row.group(0)


@pytest.mark.slow
def test_a_term_from_inputs_to_payroll(
    client: TestClient, default_files: dict[str, Path], tmp_path: Path
) -> None:
    page = _upload(client, default_files)
    assert page.status_code == 200, page.text  # type: ignore[attr-defined]
    assert 'id="demand"' in page.text and "ذخیره شدند" in page.text  # type: ignore[attr-defined]
    csrf = token(client.get("/runs").text)
    stages, result = run(client)
    assert len(stages) == 5 and stages[0].startswith("[۱/۵]")
    assert result.status_code == 200 and "/runs/1" in str(result.url)
    assert "<svg" in result.text
    assert "۲۸۰" in result.text  # placed, as `hamyar allocate` on the same files
    sid = re.search(r"/runs/1/students/(\d+)", result.text)
    assert sid
    student = client.get(f"/runs/1/students/{sid.group(1)}")
    assert student.status_code == 200 and 'id="placement"' in student.text
    row = r'/runs/1/students/(\d+)">[^<]*</a>(?:</td><td[^>]*>[^<]*){2}</td><td>فاقد شرایط'
    ineligible = re.search(row, result.text)
    assert ineligible, "the default has applicants who are not eligible"
    reasons = client.get(f"/runs/1/students/{ineligible.group(1)}").text
    listed = re.search(r'<ul id="reasons">(.*?)</ul>', reasons, re.S)
    assert listed and re.search(r"E\d", listed.group(1))  # every reason, by rule
    english = client.get(f"/runs/1/students/{ineligible.group(1)}?lang=en").text
    listed = re.search(r'<ul id="reasons">(.*?)</ul>', english, re.S)
    assert listed and not re.search("[\u0600-\u06ff]", listed.group(1)), listed.group(1)
    client.get("/?lang=fa")
    # a student placed below the first choice is told why not each better-ranked unit
    lower = re.search(
        r'/runs/1/students/(\d+)">[^<]*</a>(?:</td><td[^>]*>[^<]*){4}</td><td data-sort="[2-9]"',
        result.text,
    )
    assert lower, "the default places students below their first choice"
    why = client.get(f"/runs/1/students/{lower.group(1)}")
    section = re.search(r'<section id="why">(.*?)</section>', why.text, re.S)
    assert section and "چرا نه واحدهای با اولویت بالاتر" in section.group(1)
    assert re.search(r"قاعده (A[135]|E9)", section.group(1)), section.group(1)
    adopted = client.post("/runs/1/adopt", data={"csrf": csrf, "note": "council"})
    assert 'id="adopted"' in adopted.text
    assert "پرداخت" in client.get("/").text
    sheets = timesheets_for(tmp_path / "ws", tmp_path / "ts.xlsx")
    preview = client.post(
        "/payroll/preview",
        data={"csrf": csrf, "month": "1402/08"},
        files={"timesheets": ("ts.xlsx", sheets.read_bytes())},
    )
    assert preview.status_code == 200, preview.text
    name = re.search(r'name="token" value="([^"]+)"', preview.text)
    assert name
    paid = client.post(
        "/payroll/confirm", data={"csrf": csrf, "token": name.group(1), "month": "1402/08"}
    )
    assert paid.status_code == 200 and 'id="batches"' in paid.text
    transfers = client.get("/payroll/1402-08/transfers.xlsx")
    assert transfers.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(transfers.content))
    assert book.sheetnames
    again = client.post(
        "/payroll/preview",
        data={"csrf": csrf, "month": "1402/08"},
        files={"timesheets": ("ts.xlsx", sheets.read_bytes())},
    )
    name = re.search(r'name="token" value="([^"]+)"', again.text)
    assert name
    twice = client.post(
        "/payroll/confirm", data={"csrf": csrf, "token": name.group(1), "month": "1402/08"}
    )
    assert twice.status_code == 409
