"""Fixtures of the report tests: a run made by hand (no solver), 7 applicants (one ineligible,
one left out) on 3 units (one empty), with text that must never become a formula."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from hamyar.errors import Issue
from hamyar.models import (
    Allocation,
    Applicant,
    ApplicantEligibility,
    Assignment,
    Degree,
    EligibilityResult,
    Explanation,
    Gender,
    MaritalStatus,
    Policy,
    PriorityGroup,
    Problem,
    Reason,
    SolveStatus,
    StageResult,
    Term,
    Unit,
    UnitClosure,
    UnitExplanation,
    UnitFill,
)
from hamyar.models.kpis import compute_kpis
from hamyar.models.run import RunResult
from hamyar.payments.planned import planned_cost

HYPERLINK = '=HYPERLINK("http://x","y")'


def _applicant(
    sid: str,
    first: str,
    last: str,
    gender: Gender,
    degree: Degree = Degree.bachelor_continuous,
    prefs: tuple[str, ...] = ("EDU", "LIB"),
    gpa: float = 17.0,
    **kw: object,
) -> Applicant:
    return Applicant(
        student_id=sid,
        first_name=first,
        last_name=last,
        gender=gender,
        degree=degree,
        gpa=gpa,
        semesters_passed=3,
        preferences=prefs,
        **kw,
    )


UNITS = (
    Unit(
        code="EDU",
        name_fa="معاونت آموزشی",
        name_en="Education Office",
        female_seats=2,
        male_seats=1,
        hours_per_month=Decimal(40),
    ),
    Unit(code="LIB", name_fa="کتابخانه مرکزی", female_seats=1, male_seats=1, hours_per_month=30),
    Unit(
        code="PROP", name_fa="اداره اموال", name_en="Property Office", female_seats=1, male_seats=0
    ),
)

APPLICANTS = (
    _applicant(
        "s1",
        "مریم",
        "رضایی",
        Gender.female,
        extra={"تلفن همراه": "09121234567", "E-mail": "maryam@example.ir", "یادداشت": "—"},
    ),
    _applicant(
        "s2",
        HYPERLINK,
        "احمدی",
        Gender.female,
        Degree.master_continuous,
        marital_status=MaritalStatus.married,
        field="+98 شیمی",
        extra={"تلفن همراه": "@0912"},
    ),
    _applicant("s3", "علی", "پاکزاد", Gender.male, Degree.phd, prefs=("LIB", "EDU")),
    _applicant("s4", "رضا", "بهرامی", Gender.male, prefs=("LIB",), current_unit="EDU"),
    _applicant(
        "s5",
        "زهرا",
        "چمنی",
        Gender.female,
        declared_groups=(PriorityGroup.welfare,),
        prefs=("EDU",),
    ),
    _applicant("s6", "سارا", "کریمی", Gender.female, gpa=12.0),
    _applicant("s7", "نرگس", "ژیان", Gender.female, prefs=("LIB",)),
)


def _eligibility() -> EligibilityResult:
    e4 = Reason(
        rule="E4",
        message_fa="معدل ۱۲ کمتر از حداقل ۱۴ است (قاعده E4).",
        message_en="GPA 12 is below the minimum 14",
    )
    e8 = Reason(
        rule="E8",
        message_fa="شماره شبا ندارد (قاعده E8).",
        message_en="no Sheba number",
        severity="warning",
    )
    e9 = Reason(rule="E9", message_fa="واحد او را نپذیرفت.", message_en="the unit rejected")
    items = [
        ApplicantEligibility(
            student_id="s1", eligible=True, reasons=(e8,), admissible_units={"EDU": 1, "LIB": 2}
        ),
        ApplicantEligibility(student_id="s2", eligible=True, admissible_units={"EDU": 1, "LIB": 2}),
        ApplicantEligibility(student_id="s3", eligible=True, admissible_units={"LIB": 1, "EDU": 2}),
        ApplicantEligibility(student_id="s4", eligible=True, admissible_units={"LIB": 1}),
        ApplicantEligibility(
            student_id="s5",
            eligible=True,
            admissible_units={"EDU": 1},
            closed_units=(UnitClosure(unit_code="LIB", rank=2, reasons=(e9,)),),
        ),
        ApplicantEligibility(student_id="s6", eligible=False, reasons=(e4,)),
        ApplicantEligibility(student_id="s7", eligible=True, admissible_units={"LIB": 1}),
    ]
    return EligibilityResult(term=Term(year=1402, semester=1), applicants=tuple(items))


def _allocation() -> Allocation:
    assignments = (
        Assignment(
            student_id="s1", unit_code="EDU", gender=Gender.female, preference_rank=1,
            priority_score=0,
        ),
        Assignment(
            student_id="s2", unit_code="EDU", gender=Gender.female, preference_rank=1,
            priority_score=2,
        ),
        Assignment(
            student_id="s3", unit_code="LIB", gender=Gender.male, preference_rank=1,
            priority_score=0,
        ),
        Assignment(
            student_id="s4", unit_code="EDU", gender=Gender.male, preference_rank=None,
            priority_score=0, pinned=True,
        ),
        Assignment(
            student_id="s7", unit_code="LIB", gender=Gender.female, preference_rank=2,
            priority_score=0,
        ),
    )  # fmt: skip
    fill = tuple(
        UnitFill(
            unit_code=u.code,
            gender=g,
            seats=u.seats(g),
            filled=sum(1 for a in assignments if a.unit_code == u.code and a.gender is g),
        )
        for u in UNITS
        for g in Gender
    )
    explanation = Explanation(
        student_id="s5",
        placed_unit=None,
        placed_rank=None,
        units=(
            UnitExplanation(
                unit_code="EDU",
                rank=1,
                kind="full_higher_precedence",
                message_fa="ظرفیت خواهران پر است؛ آخرین آنها s1.",
                message_en="the female seats are taken; the last holder is s1",
                holder_student_id="s1",
            ),
        ),
    )
    return Allocation(
        status=SolveStatus.optimal,
        stages=(
            StageResult(
                name="priority", value=2, bound=2, status=SolveStatus.optimal, wall_time_s=0.01
            ),
            StageResult(
                name="preference:1",
                value=3,
                bound=4,
                status=SolveStatus.feasible,
                wall_time_s=0.02,
            ),
        ),
        assignments=assignments,
        fill=fill,
        explanations=(explanation,),
        wall_time_s=0.03,
    )


def _sample_result(policy: Policy | None = None) -> RunResult:
    """A run made by hand: 7 applicants (one ineligible, one left out), 3 units (one empty)."""
    problem = Problem.create(APPLICANTS, UNITS, policy=policy, name="sample")
    eligibility = _eligibility()
    allocation = _allocation()
    planned = planned_cost(problem, allocation)
    kpis = compute_kpis(problem, eligibility, allocation, planned.monthly_rial, planned.term_rial)
    return RunResult(
        problem=problem,
        eligibility=eligibility,
        allocation=allocation,
        planned=planned,
        kpis=kpis,
        warnings=(Issue("=cmd|' /C calc'!A0", file="applicants.csv", row=3, severity="warning"),),
        input_hashes={"applicants.csv": "a" * 64, "units.csv": "b" * 64},
        timings={"eligibility": 0.01, "allocation": 0.03},
    )


@pytest.fixture(scope="session")
def report_applicant() -> Any:
    """``report_applicant(sid, first, last, gender, degree=..., prefs=("EDU", "LIB"), gpa=17,
    **fields)``: an applicant."""
    return _applicant


@pytest.fixture(scope="session")
def sample_result() -> Any:
    """``sample_result(policy=None)``: the run made by hand, under ``policy``."""
    return _sample_result


@pytest.fixture(scope="session")
def result() -> RunResult:
    """The run made by hand under the default policy."""
    return _sample_result()


@pytest.fixture(scope="session")
def hyperlink() -> str:
    """The formula-like first name of applicant s2, which must stay text."""
    return HYPERLINK


# ------------------------------------------------------------------ the printing checker

_PERSIAN = re.compile("[\u0600-\u06ff]")
_LATIN_NUMBER = re.compile(r"(?<![A-Za-z0-9_\-])[0-9][0-9\-]*(?![A-Za-z0-9_\-])")
"""A Latin number standing alone (``1402/08``, ``15``), not a part of a code (``P3``, ``E9``,
``IR12…``, ``qom-1402``)."""
_POLICY_KEY = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+(?:\.[a-z0-9_]+)*\b")
"""An English policy key or value as code writes it: ``min_gpa.bachelor_continuous``."""


def workbook_problems(path: Path, *, technical: tuple[str, ...] = ()) -> list[str]:
    """What keeps a workbook from printing for people, one line per problem: every sheet on
    A4, fitted to one page wide (any height), header rows repeated where the sheet holds a
    table (``technical`` sheets, for auditors, are checked for paper only); on a right-to-left
    (Persian) sheet no English policy key and no Latin number inside Persian text."""
    wb = openpyxl.load_workbook(path)
    problems: list[str] = []
    for ws in wb.worksheets:
        where = f"{path.name}[{ws.title}]"
        setup = ws.page_setup
        if str(setup.paperSize) != str(ws.PAPERSIZE_A4):
            problems.append(f"{where}: paper {setup.paperSize}, not A4")
        # an absent fitToWidth or fitToHeight is 1, its default in ECMA-376 (18.3.1.63)
        fit = tuple(1 if v is None else v for v in (setup.fitToWidth, setup.fitToHeight))
        if not ws.sheet_properties.pageSetUpPr.fitToPage or fit != (1, 0):
            problems.append(f"{where}: not fitted to the width ({setup.fitToWidth})")
        if ws.max_row > 1 and not ws.print_title_rows and ws._charts == []:
            problems.append(f"{where}: no header rows repeated on each page")
        if "&P" not in (ws.oddFooter.center.text or ""):
            problems.append(f"{where}: no page number in the footer")
        if not ws.sheet_view.rightToLeft or ws.title in technical:
            continue
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if not isinstance(value, str):
                    continue
                if _PERSIAN.search(value) and _LATIN_NUMBER.search(value):
                    problems.append(f"{where}!{cell.coordinate}: Latin digits in {value!r}")
                if _POLICY_KEY.search(value):
                    problems.append(f"{where}!{cell.coordinate}: English key in {value!r}")
    return problems


@pytest.fixture(scope="session")
def print_check() -> Any:
    """:func:`workbook_problems`, for the tests of each workbook."""
    return workbook_problems
