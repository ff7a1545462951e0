"""What the workspace keeps of one run, as plain picklable data.

:func:`run_record` reduces a :class:`~hamyar.models.run.RunResult` to what
:func:`hamyar.store.runs.record_run` stores: term, status, policy and KPIs as JSON, the input
hashes, the assignments and the waiting lists. A sweep keeps one per point and a batch worker
sends one back, so the run can be recorded later without the whole result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from hamyar.models.run import RunResult
from hamyar.optimizer.waitlist import waiting_rows

ASSIGNMENT_COLUMNS = (
    "student_id",
    "unit_code",
    "gender",
    "preference_rank",
    "priority_score",
    "pinned",
)
"""A ``run_assignments`` row's values, in this order (``run_id`` and ``id`` aside)."""
WAITING_COLUMNS = (
    "unit_code",
    "gender",
    "position",
    "student_id",
    "preference_rank",
    "placed_unit",
)
"""A ``run_waitlists`` row's values, in this order (``run_id`` and ``id`` aside)."""

Row = tuple[Any, ...]


@dataclass(frozen=True)
class RunRecord:
    """One run as the workspace stores it; the assignments and waiting places as rows of plain
    values (:data:`ASSIGNMENT_COLUMNS`, :data:`WAITING_COLUMNS`), which a batch worker sends
    back ten times faster than the models."""

    term: str
    status: str
    policy: dict[str, Any]
    kpis: dict[str, Any]
    input_hashes: Mapping[str, str]
    assignments: tuple[Row, ...]
    waiting: tuple[Row, ...] = field(default=())


def run_record(result: RunResult) -> RunRecord:
    """The record of ``result``; waiting lists in unit, gender, position order."""
    problem = result.problem
    return RunRecord(
        term=str(problem.term),
        status=str(result.allocation.status),
        policy=problem.policy.model_dump(mode="json"),
        kpis=result.kpis.model_dump(mode="json"),
        input_hashes=dict(result.input_hashes),
        assignments=tuple(
            (
                a.student_id,
                a.unit_code,
                str(a.gender),
                a.preference_rank,
                a.priority_score,
                a.pinned,
            )
            for a in result.allocation.assignments
        ),
        waiting=waiting_rows(problem, result.eligibility, result.allocation),
    )
