"""A recorded run explained again: why each eligible student was not placed, or not at the
first choice, and who holds the seats he or she asked for, in precedence order.

The run's problem is rebuilt as the notices rebuild it (:mod:`hamyar.store.notices`: the stored
input files, or the run's folder and scenario, with a ``--continue-from`` history applied
again), eligibility is evaluated on it (E1–E9 are a function of it) and the stored placement is
explained by :func:`hamyar.optimizer.explain.explain` with the pins the optimizer kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from hamyar.eligibility import evaluate
from hamyar.models import EligibilityResult, Explanation, Gender, Problem
from hamyar.optimizer.explain import explain
from hamyar.optimizer.infeasible import hard_placements
from hamyar.optimizer.precedence import precedence_positions
from hamyar.store.runs import get_run


@dataclass(frozen=True)
class Holder:
    """A student holding one of a unit's seats, with what puts him or her ahead (A3, GPA)."""

    student_id: str
    name: str
    priority_score: int
    gpa: float
    rank: int | None
    pinned: bool


@dataclass(frozen=True)
class ExplainedPlacement:
    """A recorded run's problem, eligibility, placement and explanations: what a student's
    page and the notices are written from."""

    run_id: int
    problem: Problem
    eligibility: EligibilityResult
    placement: dict[str, str]
    explanations: dict[str, Explanation]


@dataclass(frozen=True)
class ExplainedRun(ExplainedPlacement):
    """A recorded run explained again, with its placements' ranks and pins."""

    ranks: dict[str, int | None]
    pinned: frozenset[str]

    def holders(self, unit: str, gender: Gender) -> list[Holder]:
        """The students of ``gender`` placed in ``unit``, the strongest claim first."""
        apps = self.problem.applicant_by_id
        position = precedence_positions(self.problem)
        held = [
            s
            for s, u in self.placement.items()
            if u == unit and s in apps and apps[s].gender is gender
        ]
        held.sort(key=lambda s: position.get(s, 0))
        policy = self.problem.policy
        return [
            Holder(
                s,
                f"{apps[s].first_name} {apps[s].last_name}",
                policy.priority_score(apps[s].priority_groups),
                apps[s].gpa,
                self.ranks.get(s),
                s in self.pinned,
            )
            for s in held
        ]


def explain_run(session: Session, run_id: int, scenario: str | None = None) -> ExplainedRun:
    """Run ``run_id`` explained again (module docstring); a run whose inputs cannot be rebuilt
    is a :class:`~hamyar.store.errors.WorkspaceError` saying why."""
    from hamyar.store.notices import continued_problem, run_problem_of

    run = get_run(session, run_id)
    problem, previous = continued_problem(session, run, run_problem_of(run, scenario))
    placement = {a.student_id: a.unit_code for a in run.assignments}
    eligibility = evaluate(problem)
    return ExplainedRun(
        run.id,
        problem,
        eligibility,
        placement,
        explained(problem, eligibility, placement, previous),
        {a.student_id: a.preference_rank for a in run.assignments},
        frozenset(a.student_id for a in run.assignments if a.pinned),
    )


def explained(
    problem: Problem,
    eligibility: EligibilityResult,
    placement: Mapping[str, str],
    previous: Mapping[str, str] | None,
) -> dict[str, Explanation]:
    """``{student_id: explanation}`` of a placement, with the pins the optimizer kept."""
    placements = hard_placements(problem, eligibility, previous)
    pins = {**placements.fixed, **placements.soft_pins}
    return {e.student_id: e for e in explain(problem, eligibility, placement, pins=pins)}
