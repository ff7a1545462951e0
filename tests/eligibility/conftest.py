"""Fixtures of the eligibility tests: an applicant who passes every rule E1–E8 under the default
policy, units and problems of term 1402-1. Each returns a plain function taking the changes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from hamyar.models import Applicant, Degree, Gender, Policy, Problem, Rejection, Term, Unit
from hamyar.models.sheba import make_sheba

TERM = Term(year=1402, semester=1)
MELLI_SHEBA = make_sheba("017", "0000000123456789012")


def _applicant(**changes: Any) -> Applicant:
    """An applicant who passes every rule E1–E8 under the default policy, with ``changes``."""
    data: dict[str, Any] = {
        "student_id": "4001",
        "first_name": "Ali",
        "last_name": "Rezaei",
        "gender": Gender.male,
        "degree": Degree.bachelor_continuous,
        "gpa": 17.0,
        "semesters_passed": 3,
        "sheba": MELLI_SHEBA,
        "preferences": ("LIB",),
        "field": "فیزیک",
    }
    data.update(changes)
    return Applicant(**data)


def _unit(code: str = "LIB", **changes: Any) -> Unit:
    data: dict[str, Any] = {
        "code": code,
        "name_fa": f"واحد {code}",
        "name_en": f"Unit {code}",
        "female_seats": 2,
        "male_seats": 2,
    }
    data.update(changes)
    return Unit(**data)


def _problem(
    applicants: list[Applicant],
    units: list[Unit] | None = None,
    rejections: Sequence[tuple[str, str]] = (),
    policy: Policy | None = None,
    term: Term = TERM,
) -> Problem:
    """A problem; ``rejections`` as ``(unit_code, student_id)`` pairs."""
    return Problem.create(
        applicants,
        units or [_unit("LIB"), _unit("LAB"), _unit("SCI")],
        [Rejection(unit_code=u, student_id=s) for u, s in rejections],
        policy or Policy(),
        term,
    )


@pytest.fixture(scope="session")
def applicant() -> Any:
    """``applicant(**changes)``: student 4001, a male bachelor's student with GPA 17, three
    semesters passed, a Bank Melli Sheba, asking for LIB; eligible unless ``changes`` say no."""
    return _applicant


@pytest.fixture(scope="session")
def unit() -> Any:
    """``unit(code="LIB", **changes)``: a unit with two seats of each gender."""
    return _unit


@pytest.fixture(scope="session")
def problem() -> Any:
    """``problem(applicants, units=LIB, LAB, SCI, rejections=(), policy=None, term=1402-1)``;
    ``rejections`` as ``(unit_code, student_id)`` pairs."""
    return _problem
