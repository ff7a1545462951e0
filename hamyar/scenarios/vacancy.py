"""A mid-term vacancy: a placed student leaves, the seat is offered down the waiting list, and
nobody else moves.

Given the problem the term's adopted run solved, the term's effective placement (the adopted
run's, with earlier vacancies applied), the leaver and every student who left before::

    problem' = the problem without the students who left (this one too), its policy with
               keep_previous_mode = "hard", every unit's seats of each gender set to the
               placement's fill there (so the leaver's seat is the only free one)
    kept     = the placement without the leaver
    result   = solve(problem', previous = kept)              (what hamyar replan does)

Everyone in ``kept`` stays where he or she is (a hard constraint), so the only change the solver
may make is to give the free seat to a student not placed: the first of the unit's waiting list
(:mod:`hamyar.optimizer.waitlist`) that the objective prefers, or nobody when no eligible student
who asked for the unit is left.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from hamyar.errors import InputError, Issue
from hamyar.io.placements import PlacedRow, placed_rows
from hamyar.messages import Msg
from hamyar.models import Allocation, Gender, Problem
from hamyar.models.run import RunResult
from hamyar.optimizer.params import SolverParams
from hamyar.optimizer.waitlist import waiting_lists
from hamyar.pipeline import run_problem


@dataclass(frozen=True)
class VacancyFill:
    """Who left which seat, and who (if anyone) took it."""

    leaver: str
    unit_code: str
    gender: Gender
    newcomer: PlacedRow | None
    position: int | None
    """The newcomer's place on the unit's waiting list before the seat was filled."""
    result: RunResult


def vacancy_problem(
    problem: Problem, placement: Mapping[str, str], gone: Collection[str]
) -> Problem:
    """``problem'`` of the module docstring: without ``gone``, hard keep-previous, every seat
    count frozen at the placement's fill (the leavers' seats counted)."""
    gender = {a.student_id: a.gender for a in problem.applicants}
    fill = Counter((unit, gender[s]) for s, unit in placement.items() if s in gender)
    units = [
        u.model_copy(
            update={
                "female_seats": fill[(u.code, Gender.female)],
                "male_seats": fill[(u.code, Gender.male)],
            }
        )
        for u in problem.units
    ]
    policy = problem.policy.with_overrides({"keep_previous_mode": "hard"}, file="vacancy")
    return Problem.create(
        [a for a in problem.applicants if a.student_id not in gone],
        units,
        [r for r in problem.rejections if r.student_id not in gone],
        policy,
        problem.term,
        problem.name,
    )


def fill_vacancy(
    problem: Problem,
    placement: Mapping[str, str],
    leaver: str,
    gone: Collection[str] = (),
    *,
    time_limit_s: float | None = None,
    solver: SolverParams | None = None,
) -> VacancyFill:
    """End ``leaver``'s placement and offer the seat down the waiting list (module docstring).

    ``placement`` is ``{student_id: unit_code}`` of the term as it stands (the leaver in it);
    ``gone`` the students who left before.
    """
    unit_code = placement[leaver]
    gender = problem.applicant_by_id[leaver].gender
    changed = vacancy_problem(problem, placement, {*gone, leaver})
    kept = {s: u for s, u in placement.items() if s != leaver and s not in gone}
    result = run_problem(changed, previous=kept, time_limit_s=time_limit_s, solver=solver)
    allocation = result.allocation
    if allocation.status.value not in ("optimal", "feasible"):
        raise InputError(
            Issue(
                Msg(
                    "scen.vacancy.unsolved",
                    status=Msg(f"word.status.{allocation.status.value}"),
                    why=allocation.message,
                ),
                leaver,
                column="STUDENT",
            )
        )
    now = {a.student_id: a.unit_code for a in allocation.assignments}
    moved = sorted(s for s, u in kept.items() if now.get(s) != u)
    new = sorted(s for s in now if s not in kept)
    if moved or any(now[s] != unit_code for s in new) or len(new) > 1:
        raise AssertionError(f"a vacancy changed more than its seat: {moved} {new}")
    if not new:
        return VacancyFill(leaver, unit_code, gender, None, None, result)
    (newcomer,) = new
    row = next(r for r in placed_rows(changed, allocation) if r.student_id == newcomer)
    before = Allocation(
        status=allocation.status,
        assignments=tuple(a for a in allocation.assignments if a.student_id != newcomer),
    )
    entries = waiting_lists(changed, result.eligibility, before)[(unit_code, gender)]
    position = next((e.position for e in entries if e.student_id == newcomer), None)
    return VacancyFill(leaver, unit_code, gender, row, position, result)
