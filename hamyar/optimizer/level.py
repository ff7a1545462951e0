"""One level of the lexicographic objective, as solved, whichever way: the record, the bound
every level has, the stage of a level the time left no room for, and the deadline they share.

Flows (:func:`hamyar.optimizer.flow.solve_levels`), CP-SAT (:mod:`hamyar.optimizer.stages`,
:mod:`hamyar.optimizer.cpsearch`), the budgeted levels (:mod:`hamyar.optimizer.budgeted`) and
stable mode (:mod:`hamyar.optimizer.stable.search`) all report a level as a :class:`Stage`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from hamyar.models import SolveStatus
from hamyar.optimizer.network import IntArray
from hamyar.optimizer.params import DEFAULT_PARAMS


@dataclass(frozen=True)
class Stage:
    """One level as solved: status, value and bound in solved units, time and method, and the
    solution (graph arc values) when the solver that made it returns one."""

    status: SolveStatus
    value: int
    bound: int
    wall_time_s: float
    method: str
    x: IntArray | None = field(default=None, compare=False, repr=False)


def box_bound(w: IntArray, hi: IntArray) -> int:
    """The bound every level has within arc bounds ``hi``: ``Σ_a max(w_a, 0) · hi_a``."""
    return int(np.maximum(w, 0) @ hi)


def time_up(w: IntArray, x: IntArray, hi: IntArray, wall_time_s: float) -> Stage:
    """A level left unsearched when the time is up: its value on the allocation ``x`` kept, the
    box bound, optimal only when the two meet."""
    value = int(w @ x)
    top = max(value, box_bound(w, hi))
    status = SolveStatus.optimal if value >= top else SolveStatus.feasible
    return Stage(status, value, top, wall_time_s, "time-limit")


class Deadline:
    """The time limit, shared by the CP-SAT levels."""

    def __init__(self, seconds: float, first_share: float = DEFAULT_PARAMS.first_share) -> None:
        self.end = time.perf_counter() + seconds
        self.first_share = first_share

    def passed(self) -> bool:
        """Whether the time is up."""
        return time.perf_counter() >= self.end

    def share(self, levels_left: int, first: bool) -> float:
        """Seconds for the next level: an equal share of what is left, at least
        ``first_share`` of it for the first (:attr:`SolverParams.first_share`)."""
        left = max(0.0, self.end - time.perf_counter())
        share = left / max(1, levels_left)
        return max(share, left * self.first_share) if first else share
