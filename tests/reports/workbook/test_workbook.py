"""allocation.xlsx: sheets, direction, headers, charts, totals, frozen headers, filters, and text
that must never become a formula. Built from a small run made by hand (no solver)."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import zipfile

import pytest
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.chart import BarChart
from openpyxl.worksheet.worksheet import Worksheet

from hamyar.io.placements import placed_rows, write_assignments_csv
from hamyar.messages.catalogue import LOCALE
from hamyar.models import (
    ASSUMPTIONS,
    Allocation,
    Gender,
    JalaliDate,
    SolveStatus,
)
from hamyar.models.kpis import compute_kpis
from hamyar.models.run import RunResult
from hamyar.optimizer.waitlist import waiting_lists
from hamyar.payments.planned import planned_cost
from hamyar.reports.labels import label, labels
from hamyar.reports.persian_text import sort_key
from hamyar.reports.policy_words import key_label
from hamyar.reports.workbook import (
    ASSIGNMENT_COLUMNS,
    ELIGIBILITY_COLUMNS,
    PAYMENT_COLUMNS,
    POLICY_COLUMNS,
    SHEETS,
    UNASSIGNED_COLUMNS,
    UNITS_COLUMNS,
    flatten,
    write_workbook,
)
from hamyar.reports.workbook.columns import WAITING_COLUMNS
from hamyar.reports.xlsx_style import RIAL_FORMAT, Book

RUN_DATE = JalaliDate(year=1402, month=7, day=15)


@pytest.fixture(scope="module", params=["fa", "en"])
def book(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, result):
    lang = request.param
    path = tmp_path_factory.mktemp(f"wb-{lang}") / "allocation.xlsx"
    write_workbook(path, result, lang=lang, run_date=RUN_DATE)
    return lang, path, load_workbook(path)


def sheet(wb: Workbook, key: str, lang: str) -> Worksheet:
    return wb[label(f"sheet.{key}", lang)]


def header(ws: Worksheet, row: int = 1) -> list[object]:
    return [c.value for c in ws[row] if c.value is not None]


def table(ws: Worksheet, columns: tuple[str, ...], lang: str, top: int = 1) -> list[dict]:
    """Rows under the header at ``top`` until the first empty first cell, as dicts by key."""
    rows = []
    for values in ws.iter_rows(min_row=top + 1, max_col=len(columns), values_only=True):
        if values[0] is None:
            break
        rows.append(dict(zip(columns, values, strict=True)))
    assert header(ws, top)[: len(columns)] == labels(columns, lang)
    return rows


def summary_value(ws: Worksheet, key: str, lang: str, column: int = 2) -> object:
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
        if row[0].value == label(key, lang):
            return row[column - 1].value
    raise AssertionError(f"{key} not on the Summary")


# ---------------------------------------------------------------------------- structure


def test_sheets_in_order_and_direction(book):
    lang, _, wb = book
    assert wb.sheetnames == [label(f"sheet.{k}", lang) for k in SHEETS]
    for ws in wb.worksheets:
        assert bool(ws.sheet_view.rightToLeft) is (lang == "fa")  # absent: left to right, ws.title


def test_persian_and_english_headers(book):
    lang, _, wb = book
    expected = {
        "assignments": ASSIGNMENT_COLUMNS,
        "units": UNITS_COLUMNS,
        "unassigned": UNASSIGNED_COLUMNS,
        "eligibility": ELIGIBILITY_COLUMNS,
        "payments": PAYMENT_COLUMNS,
        "policy": POLICY_COLUMNS,
    }
    for key, columns in expected.items():
        assert header(sheet(wb, key, lang)) == labels(columns, lang)
    first = header(sheet(wb, "assignments", lang))[2]
    assert first == ("شماره دانشجویی" if lang == "fa" else "Student ID")


def _catalogue(lang: str) -> dict[str, str]:
    with (LOCALE / lang / "LC_MESSAGES" / "hamyar.po").open("rb") as handle:
        return {m.id: m.string for m in read_po(handle, locale=lang) if m.id}


def test_every_report_word_has_both_languages():
    words = {lang: _catalogue(lang) for lang in ("fa", "en")}
    codes = [code for code in words["en"] if code.startswith("report.")]
    assert len(codes) > 300
    for code in codes:
        assert words["fa"][code] and words["en"][code], code
        letters = [ch for ch in re.sub(r"\{[^}]*\}", "", words["fa"][code]) if ch.isalpha()]
        assert not letters or any("\u0600" <= ch <= "\u06ff" for ch in letters), code


def test_table_sheets_have_frozen_header_and_filter(book):
    lang, _, wb = book
    widths = {}
    for key in ("assignments", "units", "unassigned", "eligibility", "payments", "policy"):
        ws = sheet(wb, key, lang)
        assert ws.freeze_panes == "A2", key
        assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:"), key
        widths[key] = ws.column_dimensions["A"].width
    assert sheet(wb, "summary", lang).freeze_panes == "A4"
    # the Unassigned explanation column is wider than the default and capped
    ws = sheet(wb, "unassigned", lang)
    letter = chr(ord("A") + len(UNASSIGNED_COLUMNS) - 1)
    assert 20 < ws.column_dimensions[letter].width <= 90


def test_fonts_follow_the_language(book):
    lang, _, wb = book
    ws = sheet(wb, "assignments", lang)
    assert ws["A1"].font.name == ("Tahoma" if lang == "fa" else "Calibri")
    assert ws["A1"].font.bold
    assert ws["C2"].font.name == ("Tahoma" if lang == "fa" else "Calibri")


def test_summary_has_two_native_bar_charts(book):
    lang, _, wb = book
    ws = sheet(wb, "summary", lang)
    charts = ws._charts
    assert len(charts) == 2
    assert all(isinstance(c, BarChart) for c in charts)
    fill, rank = charts
    assert fill.type == "bar" and len(fill.series) == 4
    units_title = label("sheet.units", lang)
    refs = [s.val.numRef.f for s in fill.series]
    assert all(units_title in ref for ref in refs)
    assert rank.type == "col" and len(rank.series) == 1
    assert label("sheet.summary", lang) in rank.series[0].val.numRef.f


def test_run_date_and_term_are_jalali(book):
    lang, _, wb = book
    ws = sheet(wb, "summary", lang)
    date = summary_value(ws, "summary.run_date", lang)
    term = summary_value(ws, "summary.term", lang)
    if lang == "fa":
        assert date == "۱۴۰۲/۰۷/۱۵"
        assert term == "نیمسال اول ۱۴۰۲–۱۴۰۳"
    else:
        assert date == "1402/07/15"
        assert "1402-1" in str(term)


def test_unknown_language_is_refused(tmp_path, result):
    with pytest.raises(ValueError, match="unknown language"):
        write_workbook(tmp_path / "x.xlsx", result, lang="de")
    assert not (tmp_path / "x.xlsx").exists()


# ---------------------------------------------------------------------------- figures


def test_summary_figures_match_the_run(book, result):
    lang, _, wb = book
    ws = sheet(wb, "summary", lang)
    assert summary_value(ws, "kpi.applicants", lang) == 7
    assert summary_value(ws, "kpi.eligible", lang) == 6
    assert summary_value(ws, "kpi.placed", lang) == result.allocation.placed == 5
    assert summary_value(ws, "kpi.placed_female", lang) == 3
    assert summary_value(ws, "kpi.placed_male", lang) == 2
    assert summary_value(ws, "kpi.left_female", lang) == 4 - 3
    assert summary_value(ws, "kpi.left_male", lang) == 2 - 2
    assert summary_value(ws, "kpi.unassigned", lang) == 1
    assert summary_value(ws, "kpi.first_choice", lang) == pytest.approx(3 / 5)
    assert summary_value(ws, "kpi.monthly_cost", lang) == result.planned.monthly_rial
    assert summary_value(ws, "kpi.monthly_cost", lang, 3) == result.planned.monthly_rial // 10
    assert summary_value(ws, "kpi.term_cost", lang) == result.planned.term_rial
    assert summary_value(ws, "kpi.term_cost", lang, 3) == result.planned.term_toman
    assert summary_value(ws, "kpi.quality", lang) == label("quality.optimal", lang)
    technical = sheet(wb, "technical", lang)  # the solver's words are for auditors
    assert summary_value(technical, "kpi.gap", lang) == pytest.approx(0.25)
    status = summary_value(technical, "kpi.status", lang)
    assert status == ("بهینه" if lang == "fa" else "optimal")
    stages = [r for r in technical.iter_rows(values_only=True) if r[0] == label("stage.name", lang)]
    assert len(stages) == 1
    # rank distribution: 3 at the 1st choice, 1 at the 2nd, 1 pinned outside the choices
    top = next(r for r in range(1, ws.max_row) if ws.cell(r, 1).value == label("rank.rank", lang))
    ranks = [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in range(top + 1, top + 4)]
    assert ranks == [(1, 3), (2, 1), (label("rank.outside", lang), 1)]
    money = [c for c in ws["B"] if c.value == result.planned.term_rial]
    assert money and money[0].number_format == RIAL_FORMAT


def test_the_persian_summary_speaks_plain_persian(book):
    """No solver word on the Summary: the justified-envy count, the status and the stages
    are said in words there, the solver's terms are on the technical sheet."""
    lang, _, wb = book
    if lang != "fa":
        return
    cells = [c for row in sheet(wb, "summary", lang).iter_rows(values_only=True) for c in row]
    text = " ".join(c for c in cells if isinstance(c, str))
    for word in ("حسادت", "کران", "مراحل هدف", "حل‌کننده", "flow"):
        assert word not in text, word
    assert "دانشجویی با اولویت کمتر" in text  # the justified-envy count, in words


def test_priority_groups_on_the_summary(book):
    lang, _, wb = book
    ws = sheet(wb, "summary", lang)
    welfare = "بهزیستی" if lang == "fa" else "welfare"
    married = "متأهل" if lang == "fa" else "married"
    rows = {ws.cell(r, 1).value: (ws.cell(r, 2).value, ws.cell(r, 3).value) for r in range(1, 80)}
    assert rows[welfare] == (1, 0)
    assert rows[married] == (1, 1)
    assert rows[label("priority.none", lang)] == (4, 4)


def test_assignments_sorted_by_unit_then_surname(book, result):
    lang, _, wb = book
    rows = table(sheet(wb, "assignments", lang), ASSIGNMENT_COLUMNS, lang)
    assert len(rows) == result.allocation.placed
    ids = [r["col.student_id"] for r in rows]
    # EDU first (units-table order); in EDU: احمدی, بهرامی, رضایی (Persian order); then LIB:
    # پاکزاد before ژیان (پ and ژ sort by the Persian alphabet, not by code point)
    assert ids == ["s2", "s4", "s1", "s3", "s7"]
    by_id = {r["col.student_id"]: r for r in rows}
    costs = result.planned.by_student()
    for sid, row in by_id.items():
        assert row["col.monthly_rial"] == costs[sid].monthly_rial
        assert row["col.monthly_toman"] == costs[sid].monthly_rial // 10
        assert row["col.hours"] == int(costs[sid].hours_per_month)
    assert by_id["s4"]["col.rank"] is None
    assert by_id["s4"]["col.pinned"] == label("yes", lang)
    assert by_id["s2"]["col.multiplier"] == 1.5


def test_assignments_agree_with_assignments_csv(book, result, tmp_path):
    lang, _, wb = book
    path = tmp_path / "assignments.csv"
    write_assignments_csv(path, placed_rows(result.problem, result.allocation))
    with path.open(encoding="utf-8-sig") as handle:
        pays = {r["student_id"]: int(r["planned_monthly_pay"]) for r in csv.DictReader(handle)}
    rows = table(sheet(wb, "assignments", lang), ASSIGNMENT_COLUMNS, lang)
    assert {r["col.student_id"]: r["col.monthly_rial"] for r in rows} == pays
    payments = sheet(wb, "payments", lang)
    total_row = next(
        r for r in payments.iter_rows(values_only=True) if r[0] == label("col.total", lang)
    )
    assert total_row[PAYMENT_COLUMNS.index("col.monthly_rial")] == sum(pays.values())


def test_units_sheet_counts_and_costs(book, result):
    lang, _, wb = book
    ws = sheet(wb, "units", lang)
    rows = {r["col.unit_code"]: r for r in table(ws, UNITS_COLUMNS, lang)}
    assert list(rows)[:3] == ["EDU", "LIB", "PROP"]
    for f in result.allocation.fill:
        key = "female" if f.gender is Gender.female else "male"
        row = rows[f.unit_code]
        assert row[f"units.{key}_asked"] == f.seats
        assert row[f"units.{key}_filled"] == f.filled
    assert rows["EDU"]["units.fill"] == pytest.approx(3 / 3)
    assert rows["PROP"]["units.fill"] == 0
    unit_costs = result.planned.by_unit()
    for code, row in rows.items():
        if code == label("col.total", lang):
            continue
        assert row["units.cost_monthly"] == unit_costs[code].monthly_rial
        assert row["units.cost_term"] == unit_costs[code].term_rial
        assert row["units.cost_term_toman"] == unit_costs[code].term_toman
    total = rows[label("col.total", lang)]
    assert total["units.total_filled"] == result.allocation.placed
    assert total["units.cost_term"] == result.planned.term_rial
    assert ws[f"K{2}"].number_format == RIAL_FORMAT
    # the total row stays outside the filter, so sorting never moves it
    assert ws.auto_filter.ref.endswith(str(1 + len(result.problem.units)))


def test_payments_totals_equal_the_planned_cost(book, result):
    lang, _, wb = book
    ws = sheet(wb, "payments", lang)
    rows = table(ws, PAYMENT_COLUMNS, lang)
    students = [r for r in rows if r["col.student_id"] != label("col.total", lang)]
    assert len(students) == len(result.planned.students)
    assert sum(r["col.term_rial"] for r in students) == result.planned.term_rial
    total = rows[-1]
    assert total["col.student_id"] == label("col.total", lang)
    assert total["col.monthly_rial"] == result.planned.monthly_rial
    assert total["col.monthly_toman"] == result.planned.monthly_toman
    assert total["col.term_rial"] == result.planned.term_rial
    assert total["col.term_toman"] == result.planned.term_toman
    # the per-unit table under it
    values = list(ws.iter_rows(values_only=True))
    top = next(i for i, r in enumerate(values) if r[0] == label("pay.per_unit", lang))
    per_unit = {r[0]: r for r in values[top + 2 : top + 2 + len(result.planned.units)]}
    for cost in result.planned.units:
        assert per_unit[cost.unit_code][2] == cost.students
        assert per_unit[cost.unit_code][5] == cost.term_rial
    unit_total = values[top + 2 + len(result.planned.units)]
    assert unit_total[0] == label("col.total", lang)
    assert unit_total[5] == result.planned.term_rial


def test_unassigned_lists_the_eligible_left_out(book):
    lang, _, wb = book
    rows = table(sheet(wb, "unassigned", lang), UNASSIGNED_COLUMNS, lang)
    assert [r["col.student_id"] for r in rows] == ["s5"]
    text = rows[0]["unassigned.explanation"]
    assert text.startswith("EDU: ")
    assert ("ظرفیت خواهران" if lang == "fa" else "female seats are taken") in text
    assert rows[0]["col.priority_score"] == 3
    assert rows[0]["unassigned.choices"] == "EDU:1"


def test_waiting_sheet_holds_the_waiting_lists(book, result):
    lang, _, wb = book
    rows = table(sheet(wb, "waiting", lang), WAITING_COLUMNS, lang)
    lists = waiting_lists(result.problem, result.eligibility, result.allocation)
    expected = [
        (code, e.position, e.student_id, e.preference_rank, e.placed_unit or None)
        for (code, _), entries in lists.items()
        for e in entries
    ]
    got = [
        (
            r["col.unit_code"],
            r["waiting.position"],
            r["col.student_id"],
            r["col.rank"],
            r["waiting.placed_unit"],
        )
        for r in rows
    ]
    assert sorted(got) == sorted(expected) and got
    assert ("s5", "EDU") in {(r["col.student_id"], r["col.unit_code"]) for r in rows}


def test_eligibility_lists_every_applicant_and_reason(book, result):
    lang, _, wb = book
    rows = {
        r["col.student_id"]: r
        for r in table(sheet(wb, "eligibility", lang), ELIGIBILITY_COLUMNS, lang)
    }
    assert list(rows) == [a.student_id for a in result.problem.applicants]
    assert rows["s6"]["elig.eligible"] == label("no", lang)
    assert rows["s6"]["elig.blocking"] == "E4"
    assert "E4" in rows["s6"]["elig.messages"]
    assert rows["s1"]["elig.eligible"] == label("yes", lang)
    assert rows["s1"]["elig.warnings"] == "E8"
    assert rows["s5"]["elig.closed_units"] == "LIB:2"
    lib = "«" + result.problem.unit_by_code["LIB"].name_fa + "»" if lang == "fa" else "LIB"
    assert lib in rows["s5"]["elig.messages"] and "E9" in rows["s5"]["elig.messages"]
    assert rows["s1"]["elig.open_units"] == "EDU:1; LIB:2"


def test_policy_sheet_holds_every_parameter_term_and_hash(book, result):
    lang, _, wb = book
    rows = table(sheet(wb, "policy", lang), POLICY_COLUMNS, lang)
    params = {r["policy.parameter"]: r for r in rows}
    keys = [key for key, _ in flatten(result.problem.policy.model_dump(mode="json"))]
    for key in keys:
        assert key_label(key, lang) in params, key
    gpa = params[key_label("min_gpa.bachelor_continuous", lang)]
    assert gpa["policy.value"] == 14 and gpa["policy.rule"] == "E4"
    if lang == "fa":
        assert key_label("min_gpa.bachelor_continuous", lang) == "حداقل معدل — کارشناسی پیوسته"
        assert params["مقطع‌های معاف از شرط نیمسال"]["policy.value"] == (
            "کارشناسی ارشد ناپیوسته، دکتری تخصصی"
        )
    assert params[key_label("married_multiplier", lang)]["policy.value"] == 1.5
    for key in ASSUMPTIONS:
        matches = [params[key_label(k, lang)] for k in keys if k == key or k.startswith(key + ".")]
        assert matches and all(r["policy.note"] for r in matches), key
    assert params[key_label("min_fill", lang)]["policy.note"] is None
    assert params["applicants.csv"]["policy.value"] == "a" * 64
    assert params["units.csv"]["policy.value"] == "b" * 64
    months = params[label("term.months", lang)]["policy.value"]
    assert ("مهر ۱۴۰۲" if lang == "fa" else "Mehr 1402") in months


def test_flatten_nested_policy_values():
    data = {"a": {"b": 1, "c": {}}, "l": [1, 2], "r": [{"x": 1}], "e": []}
    assert flatten(data) == [("a.b", 1), ("a.c", None), ("l", "1, 2"), ("r[0].x", 1), ("e", None)]


# ---------------------------------------------------------------------------- formulas


def test_formula_like_input_comes_out_as_text(book, hyperlink):
    lang, path, wb = book
    ws = sheet(wb, "assignments", lang)
    name_col = ASSIGNMENT_COLUMNS.index("col.first_name") + 1
    cells = next(iter(ws.iter_cols(min_col=name_col, max_col=name_col)))
    link = [c for c in cells if c.value == hyperlink]
    assert len(link) == 1
    assert link[0].data_type == "s"
    assert link[0].quotePrefix
    shown = "+۹۸ شیمی" if lang == "fa" else "+98 شیمی"  # Persian digits in Persian text
    field = [c for row in ws.iter_rows() for c in row if c.value == shown]
    assert field and field[0].data_type == "s"
    elig = sheet(wb, "eligibility", lang)
    assert any(c.value == hyperlink and c.data_type == "s" for row in elig.iter_rows() for c in row)
    warning = [c for c in sheet(wb, "summary", lang)["A"] if "calc" in str(c.value)]
    assert warning and warning[0].data_type == "s"
    # nothing anywhere in the file is a formula
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in archive.read(name), name


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=30), st.booleans())
def test_any_text_round_trips_as_text(tmp_path_factory, text, constant_memory):
    path = tmp_path_factory.mktemp("rt") / "t.xlsx"
    book = Book(path, constant_memory=constant_memory)
    w = book.sheet("t", rtl=False)
    w.put(1, 1, text)
    w.put(2, 1, "=" + text)
    book.close()
    back = load_workbook(path).active
    for cell, original in ((back["A1"], text), (back["A2"], "=" + text)):
        if cell.value is None:  # an empty string is an empty cell
            continue
        assert cell.data_type == "s"
        # XML 1.0 cannot hold control characters (they are dropped) and reads every line
        # break as "\n"; the rest is kept as it was
        kept = "".join(ch for ch in original if ch >= " " or ch in "\t\n\r")
        assert cell.value == kept.replace("\r\n", "\n").replace("\r", "\n")
    assert back["A2"].quotePrefix


def test_escape_like_text_is_kept(tmp_path):
    """Text that looks like an XML escape of a spreadsheet (``_x0041_``) is kept as written
    (escaped in the file; openpyxl decodes that in shared strings, not in inline ones)."""
    path = tmp_path / "t.xlsx"
    book = Book(path)
    book.sheet("t", rtl=False).put(1, 1, "a_x0041_b")
    book.close()
    assert load_workbook(path).active["A1"].value == "a_x0041_b"


def test_persian_sort_key_follows_the_alphabet():
    words = ["ژیان", "پاکزاد", "بهرامی", "گودرزی", "کریمی", "چمنی", "احمدی", "Zed", "آرین"]
    assert sorted(words, key=sort_key) == [
        "آرین",
        "احمدی",
        "بهرامی",
        "پاکزاد",
        "چمنی",
        "ژیان",
        "کریمی",
        "گودرزی",
        "Zed",
    ]


# ---------------------------------------------------------------------------- LibreOffice

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice (soffice) is not installed"
)
def test_libreoffice_opens_and_converts_the_workbook(tmp_path, result):
    path = tmp_path / "allocation.xlsx"
    write_workbook(path, result, run_date=RUN_DATE)
    profile = (tmp_path / "lo-profile").as_uri()
    done = subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = tmp_path / "allocation.pdf"
    assert done.returncode == 0, done.stderr
    assert pdf.is_file(), done.stdout + done.stderr
    assert pdf.read_bytes().startswith(b"%PDF")


def test_a_run_with_nobody_placed_still_gives_the_workbook(tmp_path, sample_result):
    base = sample_result()
    allocation = Allocation(status=SolveStatus.no_solution, message="time limit")
    planned = planned_cost(base.problem, allocation)
    kpis = compute_kpis(base.problem, base.eligibility, allocation, 0, 0)
    empty = RunResult(
        problem=base.problem,
        eligibility=base.eligibility,
        allocation=allocation,
        planned=planned,
        kpis=kpis,
    )
    path = tmp_path / "allocation.xlsx"
    write_workbook(path, empty, lang="en", run_date=RUN_DATE)
    wb = load_workbook(path)
    summary = sheet(wb, "summary", "en")
    assert summary_value(summary, "kpi.placed", "en") == 0
    assert summary_value(sheet(wb, "technical", "en"), "kpi.status", "en") == "no solution"
    assert summary_value(summary, "kpi.quality", "en") == "no answer in the time given"
    assert len(summary._charts) == 2
    assert table(sheet(wb, "assignments", "en"), ASSIGNMENT_COLUMNS, "en") == []
    unassigned = table(sheet(wb, "unassigned", "en"), UNASSIGNED_COLUMNS, "en")
    assert len(unassigned) == 6
    # this allocation carries no explanations: each row says so
    assert {r["unassigned.explanation"] for r in unassigned} == {label("unassigned.none", "en")}


def test_the_same_run_gives_the_same_bytes(tmp_path, result):
    """No date of writing in the file (the run date is given): the same bytes twice."""
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_workbook(first, result, lang="fa", run_date=RUN_DATE)
    write_workbook(second, result, lang="fa", run_date=RUN_DATE)
    assert first.read_bytes() == second.read_bytes()
