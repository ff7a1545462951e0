"""Small applicants, units and problems for the eligibility tests.

Imported by the test modules beside it (``from eligfixtures import ...``)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl

from hamyar.models import Applicant, Degree, Gender, Policy, Problem, Rejection, Term, Unit
from hamyar.models.sheba import make_sheba

TERM = Term(year=1402, semester=1)
MELLI_SHEBA = make_sheba("017", "0000000123456789012")
MELLAT_SHEBA = make_sheba("012", "0000000123456789012")


def applicant(**changes: Any) -> Applicant:
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


def unit(code: str = "LIB", **changes: Any) -> Unit:
    data: dict[str, Any] = {
        "code": code,
        "name_fa": f"واحد {code}",
        "name_en": f"Unit {code}",
        "female_seats": 2,
        "male_seats": 2,
    }
    data.update(changes)
    return Unit(**data)


def problem(
    applicants: list[Applicant],
    units: list[Unit] | None = None,
    rejections: Sequence[tuple[str, str]] = (),
    policy: Policy | None = None,
    term: Term = TERM,
) -> Problem:
    """A problem; ``rejections`` as ``(unit_code, student_id)`` pairs."""
    return Problem.create(
        applicants,
        units or [unit("LIB"), unit("LAB"), unit("SCI")],
        [Rejection(unit_code=u, student_id=s) for u, s in rejections],
        policy or Policy(),
        term,
    )


def write_xlsx(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    """A one-sheet workbook holding ``rows`` (the first is the header)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path
