"""Helpers for the payment tests: a small problem and allocation, an allocation folder as a run
writes it, timesheet files, and Sheba numbers built with the ISO 13616 check digits.

Imported by the test modules beside it (``from payfixtures import ...``)."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path

from hamyar.io.placements import placed_rows, write_assignments_csv
from hamyar.models import (
    Allocation,
    Applicant,
    Assignment,
    Degree,
    Gender,
    MaritalStatus,
    Policy,
    Problem,
    SolveStatus,
    Term,
    Unit,
)


def sheba(bank: str = "017", account: str = "0000000123456789001") -> str:
    """A Sheba number with correct check digits: ``IR kk bank(3) account(19)``."""
    assert len(bank) == 3 and len(account) == 19
    bban = bank + account
    rearranged = int(bban + "1827" + "00")  # I = 18, R = 27
    check = 98 - rearranged % 97
    return f"IR{check:02d}{bban}"


def wrong_check(value: str) -> str:
    """The same Sheba with its last digit changed (the mod-97 check then fails)."""
    last = value[-1]
    return value[:-1] + ("0" if last != "0" else "1")


PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


UNITS = (
    Unit(
        code="EDU",
        name_fa="معاونت آموزشی",
        name_en="Education Office",
        female_seats=3,
        male_seats=3,
        area="education",
        hours_per_month=40,
    ),
    Unit(
        code="RES",
        name_fa="معاونت پژوهشی",
        name_en="Research Office",
        female_seats=3,
        male_seats=3,
        area="research",
        hours_per_month=60,
    ),
    Unit(code="LIB", name_fa="کتابخانه مرکزی", female_seats=3, male_seats=3),
)


def applicant(
    sid: str,
    degree: Degree = Degree.bachelor_continuous,
    married: bool = False,
    gender: Gender = Gender.female,
    gpa: float = 17.0,
    sheba_value: str | None = None,
    first: str = "مریم",
    last: str = "رضایی",
) -> Applicant:
    return Applicant(
        student_id=sid,
        first_name=first,
        last_name=last,
        gender=gender,
        degree=degree,
        gpa=gpa,
        semesters_passed=3,
        marital_status=MaritalStatus.married if married else MaritalStatus.single,
        sheba=sheba_value,
        preferences=("EDU", "RES", "LIB"),
    )


def problem(applicants: Sequence[Applicant], policy: Policy | None = None) -> Problem:
    return Problem.create(applicants, UNITS, policy=policy, term=Term(year=1402, semester=1))


def allocation(pairs: dict[str, str], prob: Problem) -> Allocation:
    return Allocation(
        status=SolveStatus.optimal,
        assignments=tuple(
            Assignment(
                student_id=sid,
                unit_code=code,
                gender=prob.applicant_by_id[sid].gender,
                preference_rank=prob.preference_ranks[sid].get(code),
                priority_score=0,
            )
            for sid, code in pairs.items()
        ),
    )


def write_allocation_dir(
    folder: Path, prob: Problem, alloc: Allocation, eligibility: bool = True
) -> Path:
    """An allocation folder as a run leaves it: assignments.csv, summary.json, eligibility.csv."""
    folder.mkdir(parents=True, exist_ok=True)
    write_assignments_csv(folder / "assignments.csv", placed_rows(prob, alloc))
    summary = {
        "term": str(prob.term),
        "status": alloc.status.value,
        "counts": {"per_unit": {u.code: {} for u in prob.units}},
        "policy": prob.policy.model_dump(mode="json"),
    }
    (folder / "summary.json").write_text(json.dumps(summary, ensure_ascii=False), "utf-8")
    if eligibility:
        with (folder / "eligibility.csv").open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["student_id", "eligible", "reasons"])
            for app in prob.applicants:
                writer.writerow([app.student_id, "true", ""])
    return folder


def write_timesheet_csv(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    """A timesheets CSV with the canonical header; cells are written as given."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["student_id", "unit_code", "month", "hours"])
        writer.writerows(rows)
    return path
