"""keep_previous works in every mode: the flows, stable mode and the budgeted CP-SAT levels all
keep a previous allocation (soft: counted before every other term; hard: fixed), where the
plain objective would place the students otherwise."""

from __future__ import annotations

from typing import Any

import pytest

from hamyar.models import Applicant, Gender, Policy, Problem, Unit
from hamyar.pipeline.run import run_problem

TERM_COST = 40 * 180_000 * 4
"""Planned term cost of one bachelor at the default hours, rate and months."""


def _app(sid: str, gpa: float) -> Applicant:
    return Applicant(
        student_id=sid,
        first_name="مریم",
        last_name="رضایی",
        gender=Gender.female,
        degree="bachelor_continuous",
        gpa=gpa,
        semesters_passed=3,
        preferences=("AREA",),  # the three units at one rank: only GPA tells them apart
    )


UNITS = [
    Unit(code=f"U{i}", name_fa=f"واحد {i}", female_seats=1, male_seats=0, area="AREA")
    for i in (1, 2, 3)
]
APPS = [_app("A", 16), _app("B", 15), _app("C", 19)]
CANDIDATES = [{"A": "U3", "B": "U1"}, {"A": "U1", "B": "U3"}]

MODES: dict[str, dict[str, Any]] = {
    "flows": {},
    "stable": {"stable": True},
    # a budget for two of the three: the budgeted CP-SAT levels decide who is placed
    "budgeted": {"budget_term_rial": 2 * TERM_COST},
}


def _placed(policy: Policy, previous: dict[str, str] | None) -> dict[str, str]:
    result = run_problem(Problem.create(APPS, UNITS, policy=policy), previous=previous)
    return {a.student_id: a.unit_code for a in result.allocation.assignments}


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("keep", ["soft", "hard"])
def test_keep_previous_is_kept_in_every_mode(mode: str, keep: str) -> None:
    settings = MODES[mode]
    plain = _placed(Policy(**settings), None)
    if mode == "budgeted":
        assert set(plain) == {"A", "C"}  # the two best GPAs within the budget
    # a previous allocation the plain objective does not make by itself
    previous = next(p for p in CANDIDATES if plain.get("A") != p["A"])
    policy = Policy(keep_previous="1402-1", keep_previous_mode=keep, **settings)
    placed = _placed(policy, previous)
    assert {sid: placed.get(sid) for sid in previous} == previous
    if mode == "budgeted":
        assert "C" not in placed  # both kept, the budget is spent


@pytest.mark.parametrize("mode", list(MODES))
def test_keep_previous_without_a_previous_allocation_is_refused_in_every_mode(mode: str) -> None:
    from hamyar.errors import InputError

    with pytest.raises(InputError, match="refused rather than ignored"):
        _placed(Policy(keep_previous="1402-1", **MODES[mode]), None)
