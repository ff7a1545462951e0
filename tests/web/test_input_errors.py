"""The inputs page shows the located errors of a broken upload in the page's language: on the
Persian page every sentence is Persian (numbers in Persian digits, the values as the file has
them), on ``?lang=en`` the English sentences of the same errors."""

from __future__ import annotations

import html
import re
from pathlib import Path

import openpyxl
from starlette.testclient import TestClient
from test_pages import token

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
CELLS = {
    (3, "معدل ترم گذشته"): "۲۵",
    (4, "جنسیت"): "نامعلوم",
    (5, "کد ملی"): "0013542418",
    (6, "زمینه های مورد درخواست"): "کتابخانه مرکزیی",
    (7, "تعداد نیمسال گذرانده"): "-1",
}
"""Row of the sheet and header → the broken cell written there."""


def _broken(source: Path, target: Path) -> Path:
    workbook = openpyxl.load_workbook(source)
    sheet = workbook.active
    assert sheet is not None
    headers = [c.value for c in sheet[1]]
    for (row, header), value in CELLS.items():
        sheet.cell(row=row, column=headers.index(header) + 1, value=value)
    sheet.cell(row=8, column=1, value=sheet.cell(row=2, column=1).value)  # a duplicate ID
    workbook.save(target)
    return target


def _errors(client: TestClient, files: dict[str, Path], query: str = "") -> list[list[str]]:
    """The cells of each row of the page's table of errors, as a person reads them."""
    csrf = token(client.get(f"/inputs{query}").text)
    sent = {k: (p.name, p.read_bytes()) for k, p in files.items()}
    page = client.post(f"/inputs{query}", data={"csrf": csrf}, files=sent)
    assert page.status_code == 422, page.text
    table = re.search(r'<table id="errors".*?</table>', page.text, re.S)
    assert table, page.text
    body = table.group(0).split("<tbody>", 1)[1]
    return [
        [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in cells]
        for cells in (
            re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
        )
    ]


def test_a_broken_applicants_file_on_the_persian_and_the_english_page(
    client: TestClient, small_files: dict[str, Path], tmp_path: Path
) -> None:
    broken = _broken(small_files["applicants"], tmp_path / "متقاضیان.xlsx")
    files = {**small_files, "applicants": broken}
    persian = _errors(client, files)
    assert [(row, column) for _, row, column, _, _ in persian] == [
        ("۳", "معدل ترم گذشته"),
        ("۴", "جنسیت"),
        ("۵", "کد ملی"),
        ("۷", "تعداد نیمسال گذرانده"),
        ("۶", "زمینه های مورد درخواست"),
        ("۸", "شماره دانشجویی"),
    ]
    assert {file for file, *_ in persian} == {"متقاضیان.xlsx"}
    messages = {column: message for _, _, column, message, _ in persian}
    assert messages["معدل ترم گذشته"] == "معدل باید بین ۰ و ۲۰ باشد"
    assert messages["کد ملی"] == "رقم کنترل کد ملی درست نیست"
    assert messages["تعداد نیمسال گذرانده"] == "نباید منفی باشد"
    assert messages["شماره دانشجویی"] == "شماره دانشجویی تکراری است (همچنین ردیف ۲)"
    assert messages["زمینه های مورد درخواست"] == (
        "واحدِ درخواست‌شده ناشناخته است؛ منظورتان «کتابخانه مرکزی» بود؟"
    )
    assert messages["جنسیت"].startswith("جنسیت ناشناخته است؛ پذیرفته: female، ")
    for *_, message, _ in persian:
        words = message.split("پذیرفته:")[0]  # the accepted words are the file's own words
        assert not LATIN_WORD.search(words), message
    assert [value for *_, value in persian][:4] == ["۲۵", "نامعلوم", "0013542418", "-1"]

    english = _errors(client, files, "?lang=en")
    assert [(row, column) for _, row, column, _, _ in english] == [
        ("3", "معدل ترم گذشته"),
        ("4", "جنسیت"),
        ("5", "کد ملی"),
        ("7", "تعداد نیمسال گذرانده"),
        ("6", "زمینه های مورد درخواست"),
        ("8", "شماره دانشجویی"),
    ]
    assert [message for _, _, _, message, _ in english] == [
        "GPA must be within 0-20",
        english[1][3],
        "national ID has a wrong check digit",
        "must not be negative",
        "unknown unit in preferences; did you mean 'کتابخانه مرکزی'?",
        "duplicate student_id (also row 2)",
    ]
    assert english[1][3].startswith("unknown gender; accepted: female, ")
