"""evaluate(): every reason for every applicant, bad input, the CSV, and a GPA property."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamyar.eligibility import evaluate, evaluate_applicant
from hamyar.errors import InputError
from hamyar.models import Degree, InstitutionType, JalaliDate, Policy, Source, StudentType, Term
from hamyar.models.sheba import make_sheba
from hamyar.reports.eligibility_csv import ELIGIBILITY_HEADER, write_eligibility_csv

TERM = Term(year=1402, semester=1)
MELLAT_SHEBA = make_sheba("012", "0000000123456789012")


def test_every_reason_not_only_the_first(applicant, unit, problem) -> None:
    app = applicant(
        semesters_passed=0,
        disciplinary_record=True,
        probation_semesters=2,
        gpa=12.5,
        student_type=StudentType.international,
        accepted_rules=False,
        institution_type=InstitutionType.health_ministry,
        sheba=MELLAT_SHEBA,
        preferences=("LAB",),
    )
    units = [unit("LAB", allowed_fields=("شیمی",))]
    item = evaluate(problem([app], units)).by_id["4001"]
    assert not item.eligible
    assert item.rules == ("E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9")
    assert [r.rule for r in item.blocking] == ["E1", "E2", "E3", "E4", "E5", "E6", "E7", "E9"]
    assert item.semesters_passed == 0


def test_warnings_and_notes_do_not_block(applicant, problem) -> None:
    apps = [
        applicant(student_id="1", sheba=None),
        applicant(student_id="2", sheba=MELLAT_SHEBA),
        applicant(student_id="3", student_type=StudentType.international, iranian_mother=True),
    ]
    result = evaluate(problem(apps))
    assert result.eligible_ids == ("1", "2", "3")
    assert [r.severity for r in result.by_id["1"].reasons] == ["warning"]
    assert result.rule_counts() == {"E5": 1, "E8": 2}


def test_require_valid_sheba_makes_a_missing_sheba_block(applicant, problem) -> None:
    result = evaluate(problem([applicant(sheba=None)], policy=Policy(require_valid_sheba=True)))
    assert result.eligible_ids == ()


def test_every_bad_study_start_is_reported_at_its_row(applicant, problem) -> None:
    late = JalaliDate.parse("1403/01/15")
    apps = [
        applicant(student_id="1", source=Source(file="a.csv", row=2)),
        applicant(
            student_id="2",
            semesters_passed=None,
            study_start=late,
            source=Source(file="a.csv", row=3),
        ),
        applicant(
            student_id="3",
            semesters_passed=None,
            study_start=late,
            source=Source(file="a.csv", row=4),
        ),
    ]
    with pytest.raises(InputError) as exc:
        evaluate(problem(apps))
    assert [(i.row, i.column) for i in exc.value.issues] == [(3, "study_start"), (4, "study_start")]
    assert all(str(i).startswith(f"a.csv:{i.row}:study_start: E1:") for i in exc.value.issues)


def test_the_term_changes_the_verdict(applicant, problem) -> None:
    app = applicant(semesters_passed=None, study_start=JalaliDate.parse("1402/07/01"))
    assert evaluate(problem([app])).eligible_ids == ()
    later = problem([app], term=TERM.model_copy(update={"semester": 2}))
    assert evaluate(later).eligible_ids == ("4001",)


def test_eligibility_csv(tmp_path: Path, applicant, unit, problem) -> None:
    apps = [
        applicant(student_id="1", gpa=13.5, sheba=MELLAT_SHEBA, preferences=("LIB", "LAB")),
        applicant(student_id="2", preferences=("LAB", "LIB"), first_name="=cmd"),
    ]
    units = [unit("LIB"), unit("LAB", allowed_degrees=(Degree.phd,))]
    prob = problem(apps, units)
    path = tmp_path / "eligibility.csv"
    write_eligibility_csv(path, prob, evaluate(prob))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == ELIGIBILITY_HEADER
    first, second = rows
    assert (first["eligible"], first["reasons"], first["notes"]) == ("no", "E4", "E8")
    assert first["admissible_units"] == "LIB:1" and first["closed_units"] == "LAB:2"
    assert first["messages_en"].split(" | ") == [
        "E4: GPA 13.50 < 14.00 required for bachelor_continuous",
        "E8: account at Bank Mellat (code 012), not Bank Melli (preferred)",
        "E9: unit LAB takes only phd; the applicant is bachelor_continuous",
    ]
    assert first["messages_fa"].count("(قاعده") == 3
    assert first["semesters_passed"] == "3"
    assert (second["eligible"], second["reasons"], second["warnings"]) == ("yes", "", "")
    assert second["first_name"] == "'=cmd"  # formulas defused
    assert second["admissible_units"] == "LIB:2"


# ---------------------------------------------------------------- property
@st.composite
def applicants(draw: st.DrawFn) -> dict[str, object]:
    start = draw(st.none() | st.sampled_from(["1398/07/01", "1401/11/10", "1402/07/01"]))
    return {
        "degree": draw(st.sampled_from(list(Degree))),
        "gpa": draw(st.integers(min_value=0, max_value=2000)) / 100,
        "semesters_passed": draw(st.integers(0, 3)) if start is None else None,
        "study_start": JalaliDate.parse(start) if start else None,
        "probation_semesters": draw(st.integers(0, 2)),
        "disciplinary_record": draw(st.booleans()),
        "student_type": draw(st.sampled_from(list(StudentType))),
        "iranian_mother": draw(st.booleans()),
        "deputy_approval": draw(st.booleans()),
        "accepted_rules": draw(st.booleans()),
        "institution_type": draw(st.none() | st.sampled_from(list(InstitutionType))),
        "sheba": draw(st.none() | st.just(MELLAT_SHEBA)),
        "preferences": tuple(draw(st.lists(st.sampled_from(["LIB", "LAB", "SCI"]), max_size=3))),
    }


@settings(max_examples=100, deadline=None)
@given(
    fields=applicants(),
    raise_by=st.integers(min_value=1, max_value=2000),
    require_sheba=st.booleans(),
)
def test_raising_the_gpa_never_makes_an_eligible_applicant_ineligible(
    fields: dict[str, object], raise_by: int, require_sheba: bool, applicant, unit, problem
) -> None:
    units = [unit("LIB"), unit("LAB", allowed_fields=("شیمی",)), unit("SCI")]
    policy = Policy(require_valid_sheba=require_sheba)
    before = applicant(**fields)
    after = before.model_copy(update={"gpa": min(20.0, (round(before.gpa * 100) + raise_by) / 100)})
    was = evaluate(problem([before], units, policy=policy)).by_id["4001"]
    now = evaluate(problem([after], units, policy=policy)).by_id["4001"]
    if was.eligible:
        assert now.eligible
        assert now.admissible_units == was.admissible_units
    assert {r.rule for r in now.reasons} <= {r.rule for r in was.reasons}


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(applicants(), min_size=1, max_size=8),
    rejected=st.sets(st.tuples(st.sampled_from(["LIB", "LAB", "SCI"]), st.integers(0, 7))),
    require_sheba=st.booleans(),
)
def test_all_applicants_at_once_decide_as_each_alone(
    rows: list[dict[str, object]],
    rejected: set[tuple[str, int]],
    require_sheba: bool,
    applicant,
    unit,
    problem,
) -> None:
    """E1–E9 over the whole column set, deciding once per distinct value, give every applicant
    the verdict he or she gets on a column set of one."""
    units = [
        unit("LIB"),
        unit("LAB", allowed_fields=("شیمی",)),
        unit("SCI", allowed_degrees=(Degree.phd, Degree.master_continuous)),
    ]
    apps = [applicant(student_id=str(4000 + i), **row) for i, row in enumerate(rows)]
    pairs = [(u, str(4000 + i)) for u, i in sorted(rejected) if i < len(apps)]
    prob = problem(apps, units, rejections=pairs, policy=Policy(require_valid_sheba=require_sheba))
    together = evaluate(prob)
    for app, item in zip(apps, together.applicants, strict=True):
        alone = evaluate_applicant(prob, app)
        assert item == alone
        assert [str(r) for r in item.reasons] == [str(r) for r in alone.reasons]
