"""The transfer list as LibreOffice prints it (issue 16): 300 payees on A4, each payee's line —
name, amount, Sheba — on one page. Rendered with headless Calc (``soffice``), read back with
``pdftotext -layout`` (poppler-utils); both are installed by ``.ci/run``."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from hamyar.models import Term
from hamyar.payments.transfers import Transfer, TransferList
from hamyar.reports.payroll_files import write_transfers_xlsx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
FIRST = [
    "زهرا",
    "علی",
    "مریم",
    "حسین",
    "فاطمه",
    "محمد",
    "سارا",
    "رضا",
    "نرگس",
    "مهدی",
    "الهام",
    "امیر",
    "لیلا",
    "حمید",
    "سمیه",
]
LAST = [
    "احمدی",
    "رضایی",
    "محمدی",
    "حسینی",
    "کریمی",
    "موسوی",
    "نوری",
    "جعفری",
    "صادقی",
    "رحیمی",
    "قاسمی",
    "هاشمی",
    "باقری",
    "اکبری",
]
LAST += ["یزدانی", "طاهری", "نجفی", "سلیمانی", "عباسی", "زارعی"]


def _same(text: str) -> str:
    """Text as pdftotext gives it back: the lam-alef ligature (لا) comes out as «ال»."""
    return text.replace("لا", "ال")


def _transfers(n: int) -> TransferList:
    """``n`` payees, each with a name and an amount no other payee has."""
    rows = tuple(
        Transfer(
            sheba=f"IR{i:024d}",
            full_name=f"{FIRST[i % len(FIRST)]} {LAST[i // len(FIRST)]}",
            student_id=f"40{i:08d}",
            national_id=f"{i:010d}",
            amount_rial=10_000_000 + 1000 * i,
            description="حق‌الزحمه همیار دانشجو 1402/08 - معاونت آموزشی",
            bank="ملت",
        )
        for i in range(n)
    )
    total = sum(t.amount_rial for t in rows)
    return TransferList(
        month="1402/08",
        transfers=rows,
        held_back=(),
        control_total_rial=total,
        payroll_total_rial=total,
    )


@pytest.mark.slow
@pytest.mark.skipif(
    (SOFFICE is None or PDFTOTEXT is None) and not os.environ.get("CI"),
    reason="LibreOffice (soffice) or poppler-utils (pdftotext) is not installed",
)
def test_each_payee_prints_on_one_page(tmp_path: Path) -> None:
    transfers = _transfers(300)
    path = tmp_path / "transfers.xlsx"
    write_transfers_xlsx(path, transfers, "fa", Term.parse("1402-1"))
    done = subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    pdf = tmp_path / "transfers.pdf"
    assert done.returncode == 0 and pdf.is_file(), done.stdout + done.stderr
    text = subprocess.run(
        [str(PDFTOTEXT), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) > 2  # 300 lines run on to several pages
    for t in transfers.transfers:
        amount = f"{t.amount_rial:,}"
        lines = [line for page in pages for line in page.splitlines() if t.sheba in line]
        assert len(lines) == 1, t.sheba  # the payee's line is printed once, whole
        assert _same(t.full_name) in _same(lines[0]) and amount in lines[0], lines[0]
    for page in pages:
        if "IR0" in page:  # every page of the list has its header row
            assert "شماره شبا" in page and "نام و نام خانوادگی" in page
