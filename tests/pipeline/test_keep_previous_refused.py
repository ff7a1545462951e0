"""A policy's keep_previous is never silently ignored: a run without a previous allocation
refuses it with a located error, and nothing is solved."""

from __future__ import annotations

import pytest

from hamyar.errors import InputError
from hamyar.models import Applicant, Gender, Policy, Problem, Unit
from hamyar.pipeline.run import run_problem


def _problem(policy: Policy) -> Problem:
    app = Applicant(
        student_id="S1",
        first_name="مریم",
        last_name="رضایی",
        gender=Gender.female,
        degree="bachelor_continuous",
        gpa=17,
        semesters_passed=3,
        preferences=("U1",),
    )
    unit = Unit(code="U1", name_fa="واحد یک", female_seats=1, male_seats=0)
    return Problem.create([app], [unit], policy=policy)


def test_keep_previous_without_a_previous_allocation_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        run_problem(_problem(Policy(keep_previous="runs/1402-1")))
    issue = caught.value.issues[0]
    assert issue.column == "keep_previous" and issue.value == "runs/1402-1"
    assert "refused" in str(caught.value)


def test_keep_previous_with_a_previous_allocation_is_kept() -> None:
    result = run_problem(_problem(Policy(keep_previous="runs/1402-1")), previous={"S1": "U1"})
    assert [(a.student_id, a.unit_code) for a in result.allocation.assignments] == [("S1", "U1")]
