"""The explanations of the embedded default in Persian and English: a Persian explanation has
no Latin letter or digit but rule IDs and student IDs (numbers with Persian digits, units by
their Persian names), an English one no Persian word but what the office wrote (fields)."""

from __future__ import annotations

import re

import pytest

from hamyar.eligibility import evaluate
from hamyar.generator.default import default_problem
from hamyar.models import Allocation, Problem
from hamyar.optimizer import solve

RULE_ID = re.compile(r"(?<![A-Za-z0-9])[AEP][1-9](?![0-9])")
LATIN = re.compile(r"[A-Za-z0-9]")
PERSIAN = re.compile(r"[\u0600-\u06ff]")


@pytest.fixture(scope="module")
def solved() -> tuple[Problem, Allocation]:
    problem = default_problem()
    return problem, solve(problem, evaluate(problem))


def test_every_explanation_in_persian_and_in_english(solved: tuple[Problem, Allocation]) -> None:
    problem, allocation = solved
    ids = sorted(problem.applicant_by_id, key=len, reverse=True)
    written = sorted(
        {f for u in problem.units for f in u.allowed_fields}
        | {a.field for a in problem.applicants if a.field},
        key=len,
        reverse=True,
    )
    kinds = set()
    assert len(allocation.explanations) > 50
    for explanation in allocation.explanations:
        fa, en = RULE_ID.sub("", explanation.message_fa), explanation.message_en
        for sid in ids:
            if sid in fa:
                fa = fa.replace(sid, "")
        assert not LATIN.search(fa), explanation.message_fa
        for text in written:
            en = en.replace(text, "")
        assert not PERSIAN.search(en), explanation.message_en
        for u in explanation.units:
            kinds.add(u.kind)
            name = problem.unit_by_code[u.unit_code].name_fa
            assert u.line("fa") == f"«{name}»: {u.message_fa}"
            assert u.line("en") == f"{u.unit_code}: {u.message_en}"
    assert {
        "full_higher_precedence",
        "closed_e9",
        "rejected_by_unit",
        "no_seats_of_gender",
    } <= kinds


def test_numbers_in_persian_explanations_have_persian_digits(
    solved: tuple[Problem, Allocation],
) -> None:
    _, allocation = solved
    full = [
        u for e in allocation.explanations for u in e.units if u.kind == "full_higher_precedence"
    ]
    assert full
    for u in full:
        assert re.search(r"ظرفیت [۰-۹]+ نفرهٔ|تنها ظرفیت", u.message_fa), u.message_fa
        assert re.search(r"امتیاز اولویت [۰-۹]+ و معدل [۰-۹]+(٫[۰-۹]+)?", u.message_fa)
