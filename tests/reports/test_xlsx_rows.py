"""The fast rows of constant-memory workbooks write the same bytes as XlsxWriter's own path."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from pathlib import Path

import pytest
from xlsxwriter.worksheet import Worksheet

from hamyar.generator.default import default_problem
from hamyar.models import JalaliDate
from hamyar.pipeline.run import run_problem
from hamyar.reports import xlsx_rows
from hamyar.reports.workbook import write_workbook
from hamyar.reports.xlsx_style import Book

RUN_DATE = JalaliDate.parse("1402/07/01")


class _Kind(StrEnum):
    A = "=a"


def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every cell through XlsxWriter's ``_write_*`` and its own row writer."""
    monkeypatch.setattr(xlsx_rows, "FastSheet", Worksheet)
    monkeypatch.setattr(xlsx_rows, "body_row", lambda *args: False)


@pytest.fixture(scope="module")
def default_result():
    return run_problem(default_problem())


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_allocation_workbook_same_bytes(tmp_path, monkeypatch, default_result, result, lang):
    for name, run in (("default", default_result), ("hand", result)):
        fast = tmp_path / f"{name}-fast.xlsx"
        write_workbook(fast, run, lang, run_date=RUN_DATE)
        with monkeypatch.context() as m:
            _plain(m)
            plain = tmp_path / f"{name}-plain.xlsx"
            write_workbook(plain, run, lang, run_date=RUN_DATE)
        assert fast.read_bytes() == plain.read_bytes(), name


def _odd_cells(path: Path) -> None:
    book = Book(path, constant_memory=True)
    sw = book.sheet("odd", rtl=True)
    sw.wrap_cap[3] = 20
    sw.header(1, ["a", "b", "c", "d"])
    rows = [
        [" lead", "trail ", "a\nb", "<&>"],
        ["_x0041_ kept", True, Decimal("1.50"), Decimal("7")],
        [None, "", 1e-20, -3],
        ["=1+1", "@x", "-2", "+3"],
        ["x" * 20000, "long", 0.1, 10**15],
        ["<r>rich-looking</r>", "کد P3 و ۱۲", 3.25, False],
    ]
    for i, values in enumerate(rows, start=2):
        sw.row(i, values, [None, None, "0.0%", "#,##0"])
    sw.row(len(rows) + 2, ["total", 1, None, 2], total=True)
    sw.put(len(rows) + 2, 6, "after the row")
    top = len(rows) + 3
    for i in range(4):  # the same values again, from the columns' memory
        sw.row(top + i, [None, 12345, 12345.0, Decimal("12345"), "", "کد P3 و ۱۲"], ["0.0%"])
        sw.row(top + i, ["again"], first_col=8)  # a second row call into the same row
    sw.row(top + 4, [12345, 12345.0, Decimal("1.50"), 1.5, _Kind.A], first_col=12)
    sw.row(top + 5, [12345.0, 12345, 1.5, Decimal("1.5"), "x"], first_col=12)  # other widths
    sw.row(top + 6, ["block", "b", "c", "d"])
    sw.put(top + 6, 2, "into the block")  # a later cell inside the row's span wins
    sw.put(top + 6, 1, "first cell")
    for i in range(top + 7, top + 10):
        sw.row(i, ["total", None, 3], total=True)
    lines = [  # texts of several lines, worked out line by line
        ["code 12\nواحد ۳ و 45", " lead\n_x0041_ & <b>", "=1\nb\n", "a\u2028longer line\nb"],
        ["<r>x\ny</r>", "\nq 1", "P3 12\nE9 7", "code 12\nواحد ۳ و 45"],
        ["12\n13", "\x01bad\n\x02", "trail \n", "x" * 20000 + "\n" + "y" * 20000],
    ]
    for i, values in enumerate(lines * 2, start=top + 10):
        sw.row(i, values, first_col=20)
    sw.row(3, ["too late"])  # a row already passed is dropped, as XlsxWriter drops it
    sw.fit_columns()
    book.close()


def test_odd_cells_same_bytes(tmp_path, monkeypatch):
    fast = tmp_path / "fast.xlsx"
    _odd_cells(fast)
    with monkeypatch.context() as m:
        _plain(m)
        plain = tmp_path / "plain.xlsx"
        _odd_cells(plain)
    assert fast.read_bytes() == plain.read_bytes()


def _odd_table(path: Path) -> None:
    book = Book(path, constant_memory=True)
    sw = book.sheet("table", rtl=True)
    sw.wrap_cap[4] = 20
    sw.title(1, "title")
    repeated = [["a", 1, 2.5, "x\nواحد 3"], ["b", 2, 2.5, "y"]] * 3
    rows = [
        *repeated,
        [],  # no cell: the row is left out
        [None, "", None],
        ["short"],
        [True, 1, 1.0, "bool first"],  # XlsxWriter's own path, then rows of finished cells
        *repeated,
        ["a", Decimal("1.50"), 12345678, "=1+1"],
        [None, 7, None, "gaps"],
        ["x" * 20000, 3, 0.5, "long text"],
        *repeated,
        ["<r>rich</r>", 4, 4.0, "کد P3 و ۱۲"],
        ["last", 5, 5.5, "the last row stays in the row table"],
    ]
    last = sw.table(3, ["a", "b", "c", "d"], rows, [None, "#,##0", "0.0%"], auto_filter=True)
    sw.put(last, 6, "into the last row")
    sw.table(last + 2, ["e"], [["one"], ["two"]])
    sw.table(last + 6, ["f", "g"], [[i, f"row {i % 7}"] for i in range(5000)], first_col=3)
    gaps = [[None, i, "" if i % 3 else "x", None if i % 2 else "y", None] for i in range(3000)]
    sw.table(last + 5010, ["h"], gaps, first_col=3)  # cells in columns D to F only
    sw.fit_columns()
    book.close()


def test_table_rows_same_bytes(tmp_path, monkeypatch):
    fast = tmp_path / "fast.xlsx"
    _odd_table(fast)
    with monkeypatch.context() as m:
        _plain(m)
        plain = tmp_path / "plain.xlsx"
        _odd_table(plain)
    assert fast.read_bytes() == plain.read_bytes()


def test_large_workbook_deflated_less_same_parts(tmp_path, monkeypatch, default_result):
    import zipfile

    import xlsxwriter.workbook

    light = tmp_path / "light.xlsx"
    write_workbook(light, default_result, run_date=RUN_DATE)
    assert xlsxwriter.workbook.ZipFile is zipfile.ZipFile  # given back after the close
    monkeypatch.setattr(xlsx_rows, "close", lambda wb: wb.close())
    usual = tmp_path / "usual.xlsx"
    write_workbook(usual, default_result, run_date=RUN_DATE)
    with zipfile.ZipFile(light) as a, zipfile.ZipFile(usual) as b:
        assert [i.filename for i in a.infolist()] == [i.filename for i in b.infolist()]
        for info in a.infolist():
            assert a.read(info) == b.read(info.filename), info.filename
    assert light.read_bytes() != usual.read_bytes()
