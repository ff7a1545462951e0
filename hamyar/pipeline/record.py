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

from hamyar.models import Assignment
from hamyar.models.run import RunResult
from hamyar.optimizer.waitlist import WaitingEntry, waiting_lists


@dataclass(frozen=True)
class RunRecord:
    """One run as the workspace stores it."""

    term: str
    status: str
    policy: dict[str, Any]
    kpis: dict[str, Any]
    input_hashes: Mapping[str, str]
    assignments: tuple[Assignment, ...]
    waiting: tuple[WaitingEntry, ...] = field(default=())


def run_record(result: RunResult) -> RunRecord:
    """The record of ``result``; waiting lists in unit, gender, position order."""
    problem = result.problem
    lists = waiting_lists(problem, result.eligibility, result.allocation)
    return RunRecord(
        term=str(problem.term),
        status=str(result.allocation.status),
        policy=problem.policy.model_dump(mode="json"),
        kpis=result.kpis.model_dump(mode="json"),
        input_hashes=dict(result.input_hashes),
        assignments=tuple(result.allocation.assignments),
        waiting=tuple(e for _, entries in sorted(lists.items()) for e in entries),
    )
