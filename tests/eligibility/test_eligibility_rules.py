"""Rules E1–E8, one table per rule, with passing and failing rows at the boundaries."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hamyar.eligibility import (
    e1_semesters,
    e2_disciplinary,
    e3_probation,
    e4_gpa,
    e5_international,
    e6_accepted_rules,
    e7_institution,
    e8_sheba,
    semesters_passed,
)
from hamyar.errors import InputError
from hamyar.models import (
    Degree,
    InstitutionType,
    JalaliDate,
    Policy,
    Reason,
    Source,
    StudentType,
    Term,
)
from hamyar.models.sheba import make_sheba

TERM = Term(year=1402, semester=1)
MELLI_SHEBA = make_sheba("017", "0000000123456789012")
MELLAT_SHEBA = make_sheba("012", "0000000123456789012")

POLICY = Policy()
D = Degree


def severities(reasons: list[Reason]) -> list[str]:
    return [r.severity for r in reasons]


# ---------------------------------------------------------------- E1 semesters passed
E1_ROWS = [
    # degree, semesters_passed, study_start, term, fails
    (D.bachelor_continuous, 0, None, "1402-1", True),  # first semester: fails
    (D.bachelor_continuous, 1, None, "1402-1", False),  # one passed: passes
    (D.bachelor_discontinuous, 0, None, "1402-1", True),
    (D.associate, 0, None, "1402-1", True),
    (D.master_continuous, 0, None, "1402-1", True),
    (D.professional_doctorate, 0, None, "1402-1", True),
    (D.master_discontinuous, 0, None, "1402-1", False),  # exempt in the first semester
    (D.phd, 0, None, "1402-1", False),  # exempt in the first semester
    (D.bachelor_continuous, None, "1402/07/01", "1402-1", True),  # started this term
    (D.bachelor_continuous, None, "1402/07/25", "1402-1", True),  # after the first day
    (D.bachelor_continuous, None, "1402/07/01", "1402-2", False),  # one semester later
    (D.bachelor_continuous, None, "1402/06/31", "1402-1", False),  # Shahrivar: 1401-2
    (D.bachelor_continuous, None, "1402/11/01", "1402-2", True),  # started in Bahman
    (D.bachelor_continuous, None, "1402/10/30", "1402-2", False),  # last day of 1402-1
    (D.master_discontinuous, None, "1402/07/01", "1402-1", False),
    (D.phd, None, "1402/11/01", "1402-2", False),
]


@pytest.mark.parametrize(("degree", "passed", "start", "term", "fails"), E1_ROWS)
def test_e1_semesters(
    degree: Degree, passed: int | None, start: str | None, term: str, fails: bool, applicant
) -> None:
    app = applicant(
        degree=degree,
        semesters_passed=passed,
        study_start=JalaliDate.parse(start) if start else None,
    )
    reasons = e1_semesters(app, POLICY, Term.parse(term))
    assert bool(reasons) == fails
    if fails:
        (r,) = reasons
        assert r.rule == "E1" and r.severity == "error"
        assert degree.value in r.message_en and "E1" in r.message_fa


@pytest.mark.parametrize(
    ("start", "term", "expected"),
    [
        ("1402/07/01", "1402-1", 0),
        ("1402/07/01", "1402-2", 1),
        ("1402/07/01", "1403-1", 2),
        ("1400/07/15", "1402-1", 4),
        ("1401/11/20", "1402-1", 1),  # started in 1401-2
        ("1402/03/10", "1402-1", 1),  # Khordad 1402 belongs to 1401-2
    ],
)
def test_semesters_passed_derivation(start: str, term: str, expected: int, applicant) -> None:
    app = applicant(semesters_passed=None, study_start=JalaliDate.parse(start))
    n, derivation = semesters_passed(app, POLICY, Term.parse(term))
    assert n == expected
    assert derivation == f"started {start}, term {term}: {expected} semesters passed"


def test_e1_message_shows_the_derivation(applicant) -> None:
    app = applicant(semesters_passed=None, study_start=JalaliDate.parse("1402/07/01"))
    (r,) = e1_semesters(app, POLICY, TERM)
    assert str(r) == (
        "E1: started 1402/07/01, term 1402-1: 0 semesters passed < 1 required for "
        "bachelor_continuous"
    )
    assert "۱۴۰۲/۰۷/۰۱" in r.message_fa and r.message_fa.endswith("(قاعده E1).")
    assert r.values["semesters_passed"] == "0" and r.values["required"] == "1"


def test_semesters_passed_given_wins_over_start(applicant) -> None:
    app = applicant(semesters_passed=5, study_start=JalaliDate.parse("1402/07/01"))
    assert semesters_passed(app, POLICY, TERM) == (5, "5 semesters passed (as given)")


def test_semester_months_come_from_the_policy(applicant) -> None:
    # With semester 1 starting in Shahrivar (6), a start on 1402/06/15 is in 1402-1.
    policy = Policy(semester1_start_month=6)
    app = applicant(semesters_passed=None, study_start=JalaliDate.parse("1402/06/15"))
    assert semesters_passed(app, policy, TERM)[0] == 0
    assert semesters_passed(app, POLICY, TERM)[0] == 1


def test_min_semesters_and_exempt_degrees_are_policy_values(applicant) -> None:
    app = applicant(semesters_passed=1)
    assert e1_semesters(app, Policy(min_semesters_passed=2), TERM)
    phd = applicant(degree=D.phd, semesters_passed=0)
    assert e1_semesters(phd, Policy(semester_exempt_degrees=()), TERM)


def test_study_start_after_the_term_is_located_bad_input(applicant) -> None:
    app = applicant(
        semesters_passed=None,
        study_start=JalaliDate.parse("1402/11/01"),
        source=Source(file="apps.xlsx", row=7),
    )
    with pytest.raises(InputError) as exc:
        semesters_passed(app, POLICY, TERM)
    (issue,) = exc.value.issues
    assert (issue.file, issue.row, issue.column) == ("apps.xlsx", 7, "study_start")
    assert str(issue).startswith("apps.xlsx:7:study_start: E1: study start is after the term")
    assert "(1402/11/01)" in str(issue)


# ---------------------------------------------------------------- E2 disciplinary record
@pytest.mark.parametrize(("record", "fails"), [(False, False), (True, True)])
def test_e2_disciplinary(record: bool, fails: bool, applicant) -> None:
    reasons = e2_disciplinary(applicant(disciplinary_record=record), POLICY, TERM)
    assert severities(reasons) == (["error"] if fails else [])
    assert all(r.rule == "E2" for r in reasons)


# ---------------------------------------------------------------- E3 probation semesters
@pytest.mark.parametrize(
    ("probation", "max_allowed", "fails"),
    [
        (0, 1, False),
        (1, 1, False),  # one probation semester passes
        (2, 1, True),  # two fail, consecutive or not
        (3, 1, True),
        (2, 2, False),  # a policy may allow more
        (1, 0, True),
    ],
)
def test_e3_probation(probation: int, max_allowed: int, fails: bool, applicant) -> None:
    policy = Policy(max_probation_semesters=max_allowed)
    reasons = e3_probation(applicant(probation_semesters=probation), policy, TERM)
    assert severities(reasons) == (["error"] if fails else [])
    if fails:
        assert str(reasons[0]) == f"E3: {probation} probation semesters > {max_allowed} allowed"


# ---------------------------------------------------------------- E4 minimum GPA
E4_ROWS = [
    (D.bachelor_continuous, 13.99, True),
    (D.bachelor_continuous, 14.00, False),
    (D.bachelor_discontinuous, 13.99, True),
    (D.bachelor_discontinuous, 14.0, False),
    (D.associate, 13.99, True),
    (D.associate, 14.0, False),
    (D.master_discontinuous, 14.99, True),
    (D.master_discontinuous, 15.00, False),
    (D.master_continuous, 14.99, True),
    (D.master_continuous, 15.0, False),
    (D.professional_doctorate, 14.99, True),
    (D.professional_doctorate, 15.0, False),
    (D.phd, 14.99, True),
    (D.phd, 15.0, False),
    (D.phd, 20.0, False),
    (D.bachelor_continuous, 0.0, True),
]


@pytest.mark.parametrize(("degree", "gpa", "fails"), E4_ROWS)
def test_e4_gpa(degree: Degree, gpa: float, fails: bool, applicant) -> None:
    reasons = e4_gpa(applicant(degree=degree, gpa=gpa), POLICY, TERM)
    assert severities(reasons) == (["error"] if fails else [])


def test_e4_message_names_the_values(applicant) -> None:
    (r,) = e4_gpa(applicant(gpa=13.75), POLICY, TERM)
    assert str(r) == "E4: GPA 13.75 < 14.00 required for bachelor_continuous"
    assert r.values == {"gpa": "13.75", "required": "14.00", "degree": "bachelor_continuous"}
    assert r.message_fa == (
        "معدل ۱۳٫۷۵ کمتر از حداقل ۱۴٫۰۰ لازم برای مقطع کارشناسی پیوسته است (قاعده E4)."
    )


def test_e4_does_not_round_a_gpa_up_to_the_threshold(applicant) -> None:
    (r,) = e4_gpa(applicant(gpa=13.999), POLICY, TERM)
    assert "GPA 13.999 < 14.00" in str(r)


def test_e4_threshold_is_a_policy_value(applicant) -> None:
    policy = Policy(min_gpa={D.bachelor_continuous: Decimal("15.5")})
    assert e4_gpa(applicant(gpa=15.49), policy, TERM)
    assert not e4_gpa(applicant(gpa=15.5), policy, TERM)
    assert not e4_gpa(applicant(degree=D.phd, gpa=15.0), policy, TERM)  # others keep defaults


# ---------------------------------------------------------------- E5 international students
E5_ROWS = [
    # student_type, iranian_mother, deputy_approval, expected severities
    (StudentType.domestic, False, False, []),
    (StudentType.international, True, False, ["info"]),  # treated as Iranian
    (StudentType.international, True, True, ["info"]),
    (StudentType.international, False, True, ["info"]),  # approved by the deputy
    (StudentType.international, False, False, ["error"]),  # neither: ineligible
]


@pytest.mark.parametrize(("kind", "mother", "approval", "expected"), E5_ROWS)
def test_e5_international(
    kind: StudentType, mother: bool, approval: bool, expected: list[str], applicant
) -> None:
    app = applicant(student_type=kind, iranian_mother=mother, deputy_approval=approval)
    reasons = e5_international(app, POLICY, TERM)
    assert severities(reasons) == expected
    assert all(r.rule == "E5" for r in reasons)


def test_e5_messages(applicant) -> None:
    app = applicant(student_type=StudentType.international, iranian_mother=True)
    assert "treated as an Iranian student" in e5_international(app, POLICY, TERM)[0].message_en
    app = applicant(student_type=StudentType.international)
    (r,) = e5_international(app, POLICY, TERM)
    assert "deputy's approval" in r.message_en and "تأیید معاونت" in r.message_fa


# ---------------------------------------------------------------- E6 rules accepted
@pytest.mark.parametrize(("accepted", "fails"), [(True, False), (False, True)])
def test_e6_accepted_rules(accepted: bool, fails: bool, applicant) -> None:
    reasons = e6_accepted_rules(applicant(accepted_rules=accepted), POLICY, TERM)
    assert severities(reasons) == (["error"] if fails else [])


# ---------------------------------------------------------------- E7 institution type
I = InstitutionType  # noqa: E741

E7_ROWS = [
    # applicant's own (guest) type, dataset's type, fails, body named in the message
    (None, I.ministry_science, False, None),
    (None, I.payame_noor, False, None),
    (I.azad, I.ministry_science, True, "central office of Islamic Azad University"),
    (I.health_ministry, I.ministry_science, True, "Ministry of Health"),
    (None, I.azad, True, "central office of Islamic Azad University"),
    (None, I.health_ministry, True, "Ministry of Health"),
    (I.ministry_science, I.azad, False, None),  # a guest from a state university at Azad
    (I.technical_vocational, I.ministry_science, False, None),
]


@pytest.mark.parametrize(("own", "dataset", "fails", "body"), E7_ROWS)
def test_e7_institution(
    own: InstitutionType | None, dataset: InstitutionType, fails: bool, body: str | None, applicant
) -> None:
    policy = Policy(institution_type=dataset)
    reasons = e7_institution(applicant(institution_type=own), policy, TERM)
    assert severities(reasons) == (["error"] if fails else [])
    if body is not None:
        assert body in reasons[0].message_en
        assert "پیگیری از" in reasons[0].message_fa


def test_e7_excluded_types_are_a_policy_value(applicant) -> None:
    policy = Policy(excluded_institution_types=(I.payame_noor,))
    assert e7_institution(applicant(institution_type=I.payame_noor), policy, TERM)
    assert not e7_institution(applicant(institution_type=I.azad), policy, TERM)


# ---------------------------------------------------------------- E8 Sheba
BAD_CHECK = MELLI_SHEBA[:-1] + str((int(MELLI_SHEBA[-1]) + 1) % 10)
PERSIAN = MELLI_SHEBA.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))

E8_ROWS = [
    # sheba, require_valid_sheba, expected severities
    (MELLI_SHEBA, False, []),  # valid, Bank Melli: nothing to say
    (PERSIAN, False, []),  # Persian digits are read
    (" ".join(MELLI_SHEBA[i : i + 4] for i in range(0, 26, 4)), False, []),  # spaces
    (MELLAT_SHEBA, False, ["info"]),  # valid, another bank: a note
    (BAD_CHECK, False, ["warning"]),  # wrong check digit: payment blocked
    (BAD_CHECK, True, ["error"]),  # ... or ineligible when the policy requires it
    (MELLI_SHEBA[:-1], False, ["warning"]),  # wrong length
    (None, False, ["warning"]),  # missing
    (None, True, ["error"]),
]


@pytest.mark.parametrize(("sheba", "required", "expected"), E8_ROWS)
def test_e8_sheba(sheba: str | None, required: bool, expected: list[str], applicant) -> None:
    policy = Policy(require_valid_sheba=required)
    reasons = e8_sheba(applicant(sheba=sheba), policy, TERM)
    assert severities(reasons) == expected
    assert all(r.rule == "E8" for r in reasons)


def test_e8_messages_name_the_bank_and_the_problem(applicant) -> None:
    (note,) = e8_sheba(applicant(sheba=MELLAT_SHEBA), POLICY, TERM)
    assert "Bank Mellat" in note.message_en and "بانک ملت" in note.message_fa
    (bad,) = e8_sheba(applicant(sheba=BAD_CHECK), POLICY, TERM)
    assert "check digits" in bad.message_en and "payment is blocked" in bad.message_en
    (missing,) = e8_sheba(applicant(sheba=None), POLICY, TERM)
    assert str(missing) == "E8: no Sheba on record: payment is blocked until one is given"


def test_every_persian_message_is_a_persian_sentence_with_its_rule(applicant) -> None:
    app = applicant(
        semesters_passed=0,
        disciplinary_record=True,
        probation_semesters=2,
        gpa=10.0,
        student_type=StudentType.international,
        accepted_rules=False,
        institution_type=I.azad,
        sheba=None,
    )
    rules = [
        e1_semesters,
        e2_disciplinary,
        e3_probation,
        e4_gpa,
        e5_international,
        e6_accepted_rules,
        e7_institution,
        e8_sheba,
    ]
    for n, rule in enumerate(rules, start=1):
        (r,) = rule(app, POLICY, TERM)
        assert r.rule == f"E{n}"
        assert r.message_fa.endswith(f"(قاعده E{n}).")
        persian_letters = sum(1 for ch in r.message_fa if "\u0600" <= ch <= "\u06ff")
        assert persian_letters > 15, r.message_fa
        assert r.message_en and not r.message_en.startswith("E")
