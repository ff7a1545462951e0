"""Every workbook hamyar writes, read back for printing (issue 16): A4, fitted to the page
width, header rows on every page, page numbers, and on the Persian sheets no English policy key
and no Latin number inside Persian text (``print_check``, tests/reports/conftest.py). The
workbooks come from the commands, on the embedded default."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from hamyar.cli import cli
from hamyar.messages import say
from hamyar.text import normalize_digits


def _ok(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The workbooks of run (per unit), pay, compare and sweep; the sweep has failed points."""
    d = tmp_path_factory.mktemp("print")
    fa = ("--lang", "fa")
    out = _ok("run", "--out", str(d / "run"), "--per-unit", *fa)
    run_id = re.search(r"اجرای ([۰-۹]+) در فضای کار", out)
    assert run_id is not None
    _ok("adopt", normalize_digits(run_id.group(1)))
    month = ("--month", "1402/08")
    _ok("timesheets", "--allocation", str(d / "run"), *month, "--out", str(d / "ts.xlsx"))
    ts = str(d / "ts.xlsx")
    pay = ("--allocation", str(d / "run"), "--timesheets", ts, *month, "--out", str(d / "pay"))
    _ok("pay", *pay, *fa)
    _ok("compare", "qom-1402-1403", "gpa-15", "--out", str(d / "cmp"), *fa)
    sweep = ("--param", "min_gpa.bachelor_continuous=14,15", "--out", str(d / "sw"), *fa)
    out = _ok("sweep", *sweep, code=3)
    assert say("sweep.partial", lang="fa", failed=1, points=2) in out
    manifest = d / "manifest.toml"
    manifest.write_text(
        '[[scenarios]]\nname = "base"\nscenario = "qom-1402-1403"\n'
        '[[scenarios]]\nname = "gpa-15"\nscenario = "gpa-15"\n',
        encoding="utf-8",
    )
    _ok("batch", str(manifest), "--out", str(d / "batch"), "--workers", "1", *fa)
    return {
        "allocation": d / "run" / "allocation.xlsx",
        "unit": d / "run" / "units" / "EDU-SIS.xlsx",
        "payroll": d / "pay" / "1402-08" / "payroll.xlsx",
        "transfers": d / "pay" / "1402-08" / "transfers.xlsx",
        "comparison": d / "cmp" / "comparison.xlsx",
        "sweep": d / "sw" / "sweep.xlsx",
        "batch": d / "batch" / "batch.xlsx",
    }


@pytest.mark.parametrize(
    "name", ["allocation", "unit", "payroll", "transfers", "comparison", "sweep", "batch"]
)
@pytest.mark.slow
def test_the_workbook_prints_on_a4_for_people(
    books: dict[str, Path], name: str, print_check: Any
) -> None:
    technical = (say("report.sheet.technical", lang="fa"),)
    assert print_check(books[name], technical=technical) == []
    wb = openpyxl.load_workbook(books[name])
    for ws in wb.worksheets:  # solver words label nothing outside the technical sheet
        if ws.title in technical:
            continue
        labels = [c.value for c in ws[1]] + [c.value for c in ws["A"]]
        text = " ".join(c for c in labels if isinstance(c, str))
        assert "حسادت" not in text and "کران" not in text, ws.title
    if name == "allocation":
        assert wb.sheetnames[-1] == technical[0]


def test_the_checker_finds_what_it_looks_for(tmp_path: Path, print_check: Any) -> None:
    """A sheet as the workbooks were before: Letter, shrunk to one page, no title rows, an
    English key and a Latin month inside Persian text."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.sheet_view.rightToLeft = True
    ws.append(["پارامتر", "مقدار"])
    ws.append(["min_gpa.bachelor_continuous", 14])
    ws.append(["ماه 1402/08", "کد P3 و E9 درست است"])
    ws.page_setup.fitToHeight = 1
    wb.save(tmp_path / "old.xlsx")
    problems = print_check(tmp_path / "old.xlsx")
    assert any("not A4" in p for p in problems)
    assert any("not fitted" in p for p in problems)
    assert any("no header rows" in p for p in problems)
    assert any("no page number" in p for p in problems)
    assert any("English key" in p and "A2" in p for p in problems)
    assert any("Latin digits" in p and "A3" in p for p in problems)
    assert not any("B3" in p for p in problems)  # rule codes are codes


@pytest.mark.slow
def test_payroll_summary_first_month_named_signed(books: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(books["payroll"])
    assert wb.sheetnames[:2] == ["خلاصه", "لیست پرداخت"]
    summary = [c for row in wb["خلاصه"].iter_rows(values_only=True) for c in row if c]
    assert "آبان ۱۴۰۲" in summary
    assert {"تهیه‌کننده", "بررسی‌کننده", "تأییدکننده"} <= set(summary)
    for ws in wb.worksheets:
        assert "آبان ۱۴۰۲" in ws.oddHeader.center.text


@pytest.mark.slow
def test_transfer_list_puts_name_amount_and_sheba_together(books: dict[str, Path]) -> None:
    ws = openpyxl.load_workbook(books["transfers"]).worksheets[0]
    header = next(ws.iter_rows(values_only=True))
    assert header[1:4] == ("نام و نام خانوادگی", "مبلغ (ریال)", "شماره شبا")
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape"


@pytest.mark.slow
def test_sweep_charts_have_axes_and_marked_failures(books: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(books["sweep"])
    assert wb.sheetnames == ["بررسی پارامتر", "نمودارها"]
    points = [r[1] for r in wb["بررسی پارامتر"].iter_rows(min_row=2, values_only=True)]
    assert points[1].endswith("(ناموفق)") and not points[0].endswith("(ناموفق)")
    header = next(wb["بررسی پارامتر"].iter_rows(values_only=True))
    assert "حداقل معدل — کارشناسی پیوسته" in header


@pytest.mark.slow
def test_comparison_shows_the_difference_from_the_base(books: dict[str, Path]) -> None:
    ws = openpyxl.load_workbook(books["comparison"]).worksheets[0]
    header = next(ws.iter_rows(values_only=True))
    assert header[3] == "تفاوت با پایه: gpa-15 − qom-1402-1403"
    for row in ws.iter_rows(min_row=2):
        base, other, diff = row[1].value, row[2].value, row[3].value
        if isinstance(base, int | float) and isinstance(other, int | float):
            assert diff == pytest.approx(other - base)
            assert "#,##0" in row[3].number_format or "%" in row[3].number_format
    assert len(ws.conditional_formatting) == 1  # gains and losses highlighted
