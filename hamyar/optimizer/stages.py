"""Levels solved one after another by CP-SAT, each held at its value before the next.

A level may first be *prepared* (the Lagrangian pricing of :mod:`hamyar.optimizer.budgeted`): a
better feasible start, a proven bound and arcs fixed by reduced costs. When the start already
reaches the bound the level is proven without CP-SAT. The time limit is shared: an equal share
of what is left per level, and at least half of it for the first. Once the time is up, the
levels left keep the allocation found so far, unsearched, with the trivial bound
``Σ_a max(w_a, 0) · hi_a``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from hamyar.models import SolveStatus
from hamyar.optimizer.cpsat import AllocationModel, LevelOutcome
from hamyar.optimizer.network import IntArray


@dataclass(frozen=True)
class Stage:
    """One level as solved: status, value and bound in solved units, time and method."""

    status: SolveStatus
    value: int
    bound: int
    wall_time_s: float
    method: str


class Deadline:
    """The time limit, shared by the CP-SAT levels."""

    def __init__(self, seconds: float) -> None:
        self.end = time.perf_counter() + seconds

    def passed(self) -> bool:
        """Whether the time is up."""
        return time.perf_counter() >= self.end

    def share(self, levels_left: int, first: bool) -> float:
        """Seconds for the next level: an equal share of what is left, at least half of it for
        the first."""
        left = max(0.0, self.end - time.perf_counter())
        share = left / max(1, levels_left)
        return max(share, left / 2) if first else share


@dataclass(frozen=True)
class Prepared:
    """What a preparation found for a level: a feasible solution at least as good as the
    current one (``None`` if none), a proven bound, arcs to fix with their values."""

    x: IntArray | None
    bound: int | None
    fix_arcs: IntArray | None
    fix_values: IntArray | None
    wall_time_s: float
    method: str


Prepare = Callable[[int, IntArray | None, Sequence[int], bool], Prepared | None]
"""``prepare(level, current solution, values held so far, all of them proven)``."""


class Infeasible(Exception):
    """CP-SAT proved the model infeasible (explained by the caller)."""


def lexicographic_cpsat(
    model: AllocationModel,
    weights: Sequence[IntArray],
    hint: IntArray | None,
    workers: int,
    deadline: Deadline,
    *,
    prepare: Prepare | None = None,
    fallback: IntArray | None = None,
    extra_time_s: float = 0.0,
) -> tuple[IntArray | None, list[Stage]]:
    """Maximise each level in turn and hold it (``Σ w x ≥ value``). ``fallback`` is a solution
    known to be feasible, used when the first level finds none in time; raises
    :class:`Infeasible` when CP-SAT proves there is none."""
    stages: list[Stage] = []
    values: list[int] = []
    proven = True
    x = hint
    for k, w in enumerate(weights):
        t0 = time.perf_counter()
        if x is not None and deadline.passed():
            value = int(w @ x)
            top = max(value, int(np.maximum(w, 0) @ model.hi))  # Σ_a max(w_a, 0) · hi_a
            status = SolveStatus.optimal if value >= top else SolveStatus.feasible
            stages.append(Stage(status, value, top, 0.0, "time-limit"))
            continue
        bound: int | None = None
        method = "cp-sat"
        if prepare is not None:
            prepared = prepare(k, x, values, proven)
            if prepared is not None:
                if prepared.fix_arcs is not None and prepared.fix_values is not None:
                    model.fix(prepared.fix_arcs, prepared.fix_values)
                if prepared.x is not None:
                    x = prepared.x
                bound = prepared.bound
                method = prepared.method
        spent = time.perf_counter() - t0 + (extra_time_s if k == 0 else 0.0)
        if bound is not None and x is not None and int(w @ x) >= bound:
            value = int(w @ x)
            stages.append(Stage(SolveStatus.optimal, value, value, spent, method))
            values.append(value)
            model.hold(w, value)
            continue
        outcome = model.maximise(
            w,
            time_limit_s=deadline.share(len(weights) - k, first=k == 0),
            workers=workers,
            hint=x,
            upper_bound=bound,
        )
        outcome = _with_fallback(outcome, w, fallback if k == 0 else x, bound)
        if outcome.x is None:
            if outcome.status is SolveStatus.infeasible:
                raise Infeasible()
            stages.append(Stage(outcome.status, 0, 0, outcome.wall_time_s + spent, method))
            missing = [
                Stage(SolveStatus.no_solution, 0, 0, 0.0, "cp-sat") for _ in weights[k + 1 :]
            ]
            return None, stages + missing
        top = outcome.bound if bound is None else min(bound, outcome.bound)
        status = SolveStatus.optimal if outcome.value >= top else outcome.status
        proven = proven and status is SolveStatus.optimal
        method = method if method.endswith("cp-sat") else f"{method}+cp-sat"
        stages.append(
            Stage(
                status, outcome.value, max(top, outcome.value), outcome.wall_time_s + spent, method
            )
        )
        x = outcome.x
        values.append(outcome.value)
        model.hold(w, outcome.value)
    return x, stages


def _with_fallback(
    outcome: LevelOutcome, w: IntArray, fallback: IntArray | None, bound: int | None
) -> LevelOutcome:
    """A level with no solution in time falls back on a known feasible solution."""
    if outcome.x is not None or fallback is None or outcome.status is SolveStatus.infeasible:
        return outcome
    value = int(w @ fallback)
    top = outcome.bound if bound is None else min(bound, outcome.bound)
    status = SolveStatus.optimal if value >= top else SolveStatus.feasible
    return LevelOutcome(status, fallback, value, max(top, value), outcome.wall_time_s)
