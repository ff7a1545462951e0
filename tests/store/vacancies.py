"""Helpers of the vacancy tests: a placed student with somebody waiting for the seat."""

from __future__ import annotations

from pathlib import Path

from hamyar.eligibility import evaluate
from hamyar.io.allocation_dir import read_allocation_dir
from hamyar.io.placements import PlacedRow
from hamyar.models import Allocation, Assignment, SolveStatus
from hamyar.optimizer.waitlist import waiting_lists
from hamyar.scenarios.replan import solved_problem


def first_waiting(run: Path) -> tuple[PlacedRow, str]:
    """A placed student whose unit has an unplaced student waiting, and the first of those,
    from the run's own problem and waiting list (computed apart from the vacancy)."""
    record = read_allocation_dir(run)
    problem = solved_problem(run).problem
    allocation = Allocation(
        status=SolveStatus.optimal,
        assignments=tuple(
            Assignment(
                student_id=r.student_id,
                unit_code=r.unit_code,
                gender=r.gender,
                preference_rank=r.preference_rank,
                priority_score=r.priority_score,
                pinned=r.pinned,
            )
            for r in record.rows
        ),
    )
    lists = waiting_lists(problem, evaluate(problem), allocation)
    for row in sorted(record.rows, key=lambda r: r.student_id):
        waiting = [e for e in lists[(row.unit_code, row.gender)] if e.placed_unit is None]
        if waiting and not row.pinned:
            return row, waiting[0].student_id
    raise AssertionError("no unit with a waiting list")
