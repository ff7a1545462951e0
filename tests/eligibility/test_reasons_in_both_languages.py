"""Every reason E1–E9 (and A4) reads as a Persian sentence in Persian and an English one in
English: no Latin letter or digit inside the Persian sentence but the rule ID and the values a
person wrote (a Sheba, a student ID), no Persian word in the English one but those values
(a field of study as the office wrote it)."""

from __future__ import annotations

import re

from babel.messages.pofile import read_po

from hamyar.eligibility import (
    e1_semesters,
    e2_disciplinary,
    e3_probation,
    e4_gpa,
    e5_international,
    e6_accepted_rules,
    e7_institution,
    e8_sheba,
    e9_unit,
    evaluate,
)
from hamyar.messages import Msg
from hamyar.messages.catalogue import LOCALE
from hamyar.models import (
    Degree,
    InstitutionType,
    JalaliDate,
    Policy,
    Reason,
    StudentType,
    Term,
)
from hamyar.models.sheba import make_sheba

TERM = Term(year=1402, semester=1)
POLICY = Policy()
RULE_ID = re.compile(r"(?<![A-Za-z0-9])[AEP][1-9](?![0-9])")
LATIN = re.compile(r"[A-Za-z0-9]")
PERSIAN = re.compile(r"[\u0600-\u06ff]")
MELLAT = make_sheba("012", "0000000123456789012")
UNKNOWN_BANK = make_sheba("099", "0000000123456789012")
BAD_CHECK = MELLAT[:-1] + str((int(MELLAT[-1]) + 1) % 10)


def every_reason(applicant, unit, problem) -> list[Reason]:
    """At least one reason of every sentence the rules say."""
    failing = applicant(
        study_start=JalaliDate.parse("1402/07/01"),
        semesters_passed=None,
        disciplinary_record=True,
        probation_semesters=3,
        gpa=13.75,
        student_type=StudentType.international,
        accepted_rules=False,
        sheba=None,
    )
    reasons = [
        *e1_semesters(failing, POLICY, TERM),
        *e1_semesters(applicant(semesters_passed=0), POLICY, TERM),
        *e2_disciplinary(failing, POLICY, TERM),
        *e3_probation(failing, POLICY, TERM),
        *e4_gpa(failing, POLICY, TERM),
        *e4_gpa(applicant(gpa=13.999, degree=Degree.phd), POLICY, TERM),
        *e6_accepted_rules(failing, POLICY, TERM),
    ]
    for changes in ({}, {"iranian_mother": True}, {"deputy_approval": True}):
        app = applicant(student_type=StudentType.international, **changes)
        reasons += e5_international(app, POLICY, TERM)
    excluded = Policy(excluded_institution_types=list(InstitutionType))
    for kind in excluded.excluded_institution_types:
        reasons += e7_institution(applicant(institution_type=kind), excluded, TERM)
        reasons += e7_institution(
            applicant(), excluded.model_copy(update={"institution_type": kind}), TERM
        )
    for sheba in (None, MELLAT, UNKNOWN_BANK, BAD_CHECK, MELLAT[:-2], "IR12ab"):
        for policy in (POLICY, Policy(require_valid_sheba=True)):
            reasons += e8_sheba(applicant(sheba=sheba), policy, TERM)
    lab = unit("LAB", name_fa="آزمایشگاه مرکزی", allowed_fields=("شیمی", "فیزیک"))
    sci = unit(
        "SCI", name_fa="دانشکده علوم پایه", allowed_degrees=(Degree.phd, Degree.master_continuous)
    )
    strict = Policy(exclude_unsatisfied=True)
    for field in ("آمار", None):
        reasons += e9_unit(applicant(field=field), lab, strict, TERM, True, "1401-2")
    reasons += e9_unit(applicant(), sci, strict, TERM, False)
    app = applicant(preferences=("LAB", "SCI"), field="آمار", current_unit="LAB")
    nobody = applicant(student_id="4002", preferences=())
    result = evaluate(problem([app, nobody], [lab, sci], rejections=[("SCI", "4001")]))
    for item in result.applicants:
        reasons += item.reasons
    return reasons


def codes(message: Msg) -> set[str]:
    """The codes of ``message`` and of the messages among its values."""
    found = {message.code}
    for value in message.params.values():
        if isinstance(value, Msg):
            found |= codes(value)
    return found


def catalogue_codes() -> set[str]:
    with (LOCALE / "en" / "LC_MESSAGES" / "hamyar.po").open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


def written(reason: Reason, text: str) -> str:
    """``text`` without the rule IDs and what a person wrote: a Sheba, a field of study."""
    text = RULE_ID.sub("", text)
    for key in ("sheba", "field"):
        if reason.values.get(key):
            text = text.replace(reason.values[key], "")
    for value in ("آمار", "شیمی", "فیزیک", "IR"):  # fields as the office wrote them; a Sheba's IR
        text = text.replace(value, "")
    return text


def test_every_reason_in_persian_and_in_english(applicant, unit, problem) -> None:
    reasons = every_reason(applicant, unit, problem)
    said = {code for r in reasons if r.message is not None for code in codes(r.message)}
    sentences = {code for code in catalogue_codes() if code.startswith("elig.")}
    bad_input = {"elig.e1.after_term", "elig.e1.start_or_count", "elig.student", "elig.rule"}
    assert sentences - bad_input - said == set()  # every sentence of a reason is said here
    for r in reasons:
        assert r.message is not None, r
        assert r.message_fa.endswith(f"(قاعده {r.rule})."), r.message_fa
        assert r.message.render("fa") + f" (قاعده {r.rule})." == r.message_fa
        assert r.message.render("en") == r.message_en
        assert not LATIN.search(written(r, r.message_fa)), r.message_fa
        assert not PERSIAN.search(written(r, r.message_en)), r.message_en
        assert r.message_en and not RULE_ID.match(r.message_en)


def test_numbers_and_units_as_a_persian_reader_writes_them(applicant, unit, problem) -> None:
    (gpa,) = e4_gpa(applicant(gpa=13.999), POLICY, TERM)
    assert "معدل ۱۳٫۹۹۹ کمتر از حداقل ۱۴٫۰۰" in gpa.message_fa
    assert "GPA 13.999 < 14.00" in gpa.message_en
    lab = unit("LAB", name_fa="آزمایشگاه مرکزی", allowed_fields=("شیمی", "فیزیک"))
    (closed,) = e9_unit(applicant(field="آمار"), lab, POLICY, TERM, False)
    assert closed.message_fa.startswith("واحد «آزمایشگاه مرکزی» فقط دانشجویان رشته‌های شیمی، فیزیک")
    assert closed.message_en.startswith("unit LAB takes only the fields شیمی, فیزیک;")
