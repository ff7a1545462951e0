"""Per-unit workbooks: one per unit with assistants, the right students, contact columns, safe
file names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from hamyar.models import (
    Allocation,
    ApplicantEligibility,
    Assignment,
    EligibilityResult,
    Gender,
    JalaliDate,
    Problem,
    SolveStatus,
    Term,
    Unit,
)
from hamyar.models.kpis import compute_kpis
from hamyar.models.run import RunResult
from hamyar.payments.planned import planned_cost
from hamyar.reports.labels import label, labels
from hamyar.reports.unit_sheets import (
    HEADER_ROW,
    UNIT_COLUMNS,
    contact_columns,
    is_contact_column,
    safe_file_stem,
    write_unit_workbooks,
)
from hamyar.reports.workbook import write_workbook

RUN_DATE = JalaliDate(year=1402, month=7, day=15)


def read_table(path, lang):
    ws = load_workbook(path).active
    header = [c.value for c in ws[HEADER_ROW] if c.value is not None]
    rows = []
    for values in ws.iter_rows(min_row=HEADER_ROW + 1, max_col=len(header), values_only=True):
        if values[0] is None:
            break
        rows.append(dict(zip(header, values, strict=True)))
    return ws, header, rows


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_one_workbook_per_unit_with_assistants(tmp_path, result, lang):
    paths = write_unit_workbooks(tmp_path, result, lang=lang)
    # PROP has nobody placed: no file
    assert [p.name for p in paths] == ["EDU.xlsx", "LIB.xlsx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["EDU.xlsx", "LIB.xlsx"]
    sid = label("col.student_id", lang)
    for path, expected in zip(paths, (["s2", "s4", "s1"], ["s3", "s7"]), strict=True):
        ws, header, rows = read_table(path, lang)
        assert [r[sid] for r in rows] == expected  # by surname, Persian order
        assert bool(ws.sheet_view.rightToLeft) is (lang == "fa")  # absent: left to right
        assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
        assert ws.auto_filter.ref.startswith(f"A{HEADER_ROW}:")
        assert header[: len(UNIT_COLUMNS)] == labels(UNIT_COLUMNS, lang)
        assert header[-2:] == [label("col.hours", lang), label("unit.accept", lang)]


def test_title_names_the_unit_and_the_term(tmp_path, result):
    (tmp_path / "fa").mkdir()
    (tmp_path / "en").mkdir()
    fa = write_unit_workbooks(tmp_path / "fa", result, lang="fa")
    en = write_unit_workbooks(tmp_path / "en", result, lang="en")
    title_fa = load_workbook(fa[0]).active["A1"].value
    assert "معاونت آموزشی" in title_fa and "(EDU)" in title_fa
    assert "نیمسال اول ۱۴۰۲–۱۴۰۳" in title_fa
    title_en = load_workbook(en[0]).active["A1"].value
    assert "Education Office" in title_en and "1402-1" in title_en
    # the library has no English name: its Persian name stands in
    assert "کتابخانه مرکزی" in load_workbook(en[1]).active["A1"].value
    ws = load_workbook(fa[0]).active
    assert any(c.value == label("unit.signature", "fa") for c in ws["A"])


def test_contact_columns_and_hours(tmp_path, result):
    paths = write_unit_workbooks(tmp_path, result, lang="fa")
    _, header, rows = read_table(paths[0], "fa")
    # contact columns of the input, in order; the note column is not contact information
    assert "تلفن همراه" in header and "E-mail" in header and "یادداشت" not in header
    assert header.index("تلفن همراه") < header.index("E-mail")
    sid = label("col.student_id", "fa")
    by_id = {r[sid]: r for r in rows}
    assert by_id["s1"]["تلفن همراه"] == "09121234567"
    assert by_id["s1"]["E-mail"] == "maryam@example.ir"
    assert by_id["s4"]["تلفن همراه"] is None
    hours = label("col.hours", "fa")
    assert {r[hours] for r in rows} == {40}
    _, _, lib = read_table(paths[1], "fa")
    assert {r[hours] for r in lib} == {30}


def test_formula_like_text_stays_text_in_unit_workbooks(tmp_path, result, hyperlink):
    paths = write_unit_workbooks(tmp_path, result, lang="fa")
    ws = load_workbook(paths[0]).active
    cells = [c for row in ws.iter_rows() for c in row if c.value in (hyperlink, "@0912")]
    assert len(cells) == 2
    assert all(c.data_type == "s" for c in cells)


def test_contact_headers_are_recognised(report_applicant):
    for header in ("Mobile", "E-mail", "email", "Phone number", "Tel.", "شماره تلفن", "موبایل"):
        assert is_contact_column(header), header
    for header in ("پست الکترونیک", "شماره همراه", "ایمیل", "شماره تماس", "رایانامه"):
        assert is_contact_column(header), header
    for header in ("Hotel", "address", "یادداشت", "نشانی", "Telegraph office"):
        assert not is_contact_column(header), header
    apps = [
        report_applicant("a", "الف", "ب", Gender.female, extra={"x": "1", "Mobile": "0912"}),
        report_applicant("b", "الف", "ب", Gender.female, extra={"Email": "e", "Mobile": "0935"}),
    ]
    assert contact_columns(apps) == ["Mobile", "Email"]


def test_safe_file_stems():
    assert safe_file_stem("EDU") == "EDU"
    assert safe_file_stem("EDU-SIS") == "EDU-SIS"
    assert safe_file_stem("A/B") == "A_B"
    assert safe_file_stem('a:b*c?"<>|') == "a_b_c_____"
    assert safe_file_stem("CON") == "CON_"
    assert safe_file_stem("com1.x") == "com1.x_"
    assert safe_file_stem("...") == "unit"
    assert safe_file_stem("کتابخانه") == "کتابخانه"
    assert len(safe_file_stem("x" * 500)) == 100


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_code_gives_a_portable_stem(code):
    stem = safe_file_stem(code)
    assert stem and len(stem) <= 100
    assert not any(ch in stem for ch in '<>:"/\\|?*\x00')
    assert all(ch.isalnum() or ch in "-_." for ch in stem)
    assert not stem.endswith((".", " "))
    assert stem.split(".")[0].casefold() not in {"con", "prn", "aux", "nul", "com1", "lpt1"}


def test_codes_that_clash_get_distinct_files(tmp_path, report_applicant):
    units = (
        Unit(code="A/B", name_fa="واحد یک", female_seats=1, male_seats=0),
        Unit(code="A:B", name_fa="واحد دو", female_seats=1, male_seats=0),
    )
    apps = (
        report_applicant("x1", "مینا", "نوری", Gender.female, prefs=("A/B",)),
        report_applicant("x2", "لیلا", "نادری", Gender.female, prefs=("A:B",)),
    )
    problem = Problem.create(apps, units)
    allocation = Allocation(
        status=SolveStatus.optimal,
        assignments=(
            Assignment(
                student_id="x1", unit_code="A/B", gender=Gender.female, preference_rank=1,
                priority_score=0,
            ),
            Assignment(
                student_id="x2", unit_code="A:B", gender=Gender.female, preference_rank=1,
                priority_score=0,
            ),
        ),
    )  # fmt: skip
    eligibility = EligibilityResult(
        term=Term(year=1402, semester=1),
        applicants=tuple(
            ApplicantEligibility(student_id=a.student_id, eligible=True) for a in apps
        ),
    )
    planned = planned_cost(problem, allocation)
    result = RunResult(
        problem=problem,
        eligibility=eligibility,
        allocation=allocation,
        planned=planned,
        kpis=compute_kpis(problem, eligibility, allocation, planned.monthly_rial, 0),
    )
    paths = write_unit_workbooks(tmp_path, result, lang="en")
    assert [p.name for p in paths] == ["A_B.xlsx", "A_B-2.xlsx"]
    names = [load_workbook(p).active["A1"].value for p in paths]
    assert "(A/B)" in names[0] and "(A:B)" in names[1]
    # the whole workbook handles this run too (no English names, no stages, no explanations)
    write_workbook(tmp_path / "allocation.xlsx", result, lang="en", run_date=RUN_DATE)
    assert load_workbook(tmp_path / "allocation.xlsx").sheetnames[0] == "Summary"


def test_unit_workbooks_are_the_same_bytes_each_time(tmp_path, result):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = write_unit_workbooks(tmp_path / "a", result, lang="fa")
    second = write_unit_workbooks(tmp_path / "b", result, lang="fa")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
