"""Levels solved one after another by CP-SAT, each held at its value before the next.

A level may first be *prepared* (the relaxation or the Lagrangian pricing of
:mod:`hamyar.optimizer.budgeted`): a better feasible start, a proven bound and arc bounds from
reduced costs. When the start already reaches the bound the level is proven without CP-SAT.
The time limit is shared: an equal share of what is left per level, and at least two thirds of
it for the first level searched (earlier levels weigh more: a level's gap is the one reported
first). Once the time is up, the levels left keep the allocation found so far, unsearched, with
the trivial bound ``Σ_a max(w_a, 0) · hi_a``.

Consecutive levels can also be *merged* into one (:func:`~hamyar.optimizer.level.merge_levels`,
used by stable mode): fewer CP-SAT searches for the same lexicographic optimum.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hamyar.models import SolveStatus
from hamyar.optimizer.cpsat import AllocationModel
from hamyar.optimizer.cpsearch import StopAt, maximise
from hamyar.optimizer.level import Deadline, Stage, box_bound, kept, merge_levels, time_up
from hamyar.optimizer.network import IntArray

Box = tuple[IntArray, IntArray]
"""Bounds ``(lo, hi)`` on every graph arc."""


@dataclass(frozen=True)
class Prepared:
    """What a preparation found for a level: a feasible solution at least as good as the
    current one (``None`` if none), a proven bound, and two boxes of arc bounds. ``narrow``
    holds for every allocation still to be chosen (reduced-cost fixings valid at every later
    level): the model keeps it from now on. ``better`` holds for every allocation better than
    the level's start (``x``, or the current solution; feasible either way): the level's search
    is kept within it, what that search finds is kept only when at least as good as the start,
    and a search proven there proves the level."""

    x: IntArray | None
    bound: int | None
    wall_time_s: float
    method: str
    narrow: Box | None = None
    better: Box | None = None


Prepare = Callable[[int, IntArray | None, Sequence[int], bool], Prepared | None]
"""``prepare(level, current solution, values held so far, all of them proven)``."""


def lexicographic_merged(
    model: AllocationModel,
    weights: Sequence[IntArray],
    hint: IntArray | None,
    workers: int,
    deadline: Deadline,
    *,
    fallback: IntArray | None = None,
) -> tuple[IntArray | None, list[Stage]]:
    """:func:`lexicographic_cpsat` over merged levels (:func:`merge_levels`), each level's stage
    recovered from its group's: the group's time and method on its first level, the others
    marked as solved with it."""
    groups = merge_levels(weights, model.lo, model.hi, model.params.merge_limit)
    x, solved = lexicographic_cpsat(
        model,
        [g.weights for g in groups],
        hint,
        workers,
        deadline,
        fallback=fallback,
        held=[[weights[j] for j in g.members] for g in groups],
    )
    stages: list[Stage] = []
    for group, stage in zip(groups, solved, strict=True):
        tops = group.bounds(x, stage.bound, weights) if x is not None else None
        for i, j in enumerate(group.members):
            time_s = stage.wall_time_s if i == 0 else 0.0
            method = stage.method if i == 0 else f"{stage.method} (merged)"
            if x is None or tops is None:
                stages.append(Stage(stage.status, 0, 0, time_s, method))
                continue
            value = int(weights[j] @ x)
            status = SolveStatus.optimal if value >= tops[i] else stage.status
            stages.append(Stage(status, value, max(value, tops[i]), time_s, method))
    return x, stages


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
    held: Sequence[Sequence[IntArray]] | None = None,
    first_level_share: bool = False,
    gap: float = 0.0,
) -> tuple[IntArray | None, list[Stage]]:
    """Maximise each level in turn and hold it (``Σ w x ≥ value``). ``fallback`` is a solution
    known to be feasible, used when the first level finds none in time; raises
    :class:`Infeasible` when CP-SAT proves there is none. ``held[k]``, when given, are the
    objectives held at their values after level ``k`` instead of the level's own (the members
    of a merged level: one constraint each, small coefficients, propagates better than the
    merged sum). With ``prepare``, a search that ends below the level's start (a feasible
    allocation) leaves the start. ``first_level_share``: the larger share of the time
    (:meth:`Deadline.share`) goes to the first level only, when it is searched, not to the
    first level searched; the later levels share the time left equally. ``gap``: the search of every
    level after the first, once it has an allocation within that relative gap of its bound
    (:func:`goal`), ends after ``level_gap_share`` of its time
    (:class:`~hamyar.optimizer.cpsearch.StopAt`)."""

    def hold(k: int, w: IntArray, x: IntArray) -> None:
        for v in held[k] if held is not None else [w]:
            model.hold(v, int(v @ x))

    stages: list[Stage] = []
    values: list[int] = []
    proven = True
    searched = False
    x = hint
    for k, w in enumerate(weights):
        t0 = time.perf_counter()
        if x is not None and deadline.passed():
            stages.append(time_up(w, x, model.hi, 0.0))
            continue
        bound: int | None = None
        better: Box | None = None
        method = "cp-sat"
        if prepare is not None:
            prepared = prepare(k, x, values, proven)
            if prepared is not None:
                if prepared.narrow is not None:
                    model.narrow(*prepared.narrow)
                if prepared.x is not None:
                    x = prepared.x
                bound = prepared.bound
                better = prepared.better
                method = prepared.method
        spent = time.perf_counter() - t0 + (extra_time_s if k == 0 else 0.0)
        if bound is not None and x is not None and int(w @ x) >= bound:
            value = int(w @ x)
            stages.append(Stage(SolveStatus.optimal, value, value, spent, method))
            values.append(value)
            hold(k, w, x)
            continue
        if x is not None and deadline.passed():  # the preparation used the time up
            top = box_bound(w, model.hi) if bound is None else bound
            stages.append(kept(w, x, top, spent, method))
            values.append(stages[-1].value)
            hold(k, w, x)
            continue
        limit = deadline.share(
            len(weights) - k, first=k == 0 if first_level_share else not searched
        )
        early = None
        if k > 0 and gap > 0 and bound is not None:
            early = StopAt(goal(bound, gap), limit * model.params.level_gap_share)
        outcome = maximise(
            model,
            w,
            time_limit_s=limit,
            workers=workers,
            hint=x,
            upper_bound=bound,
            within=better,
            stop_at=early,
        )
        searched = True
        if (better is not None or prepare is not None) and x is not None:
            outcome = _at_least_start(outcome, w, x)
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
        hold(k, w, outcome.x)
    return x, stages


def goal(bound: int, gap: float) -> int:
    """The least value within the relative ``gap`` of ``bound``: ``bound − ⌊gap · |bound|⌋``."""
    return bound - math.floor(gap * abs(bound))


def _at_least_start(outcome: Stage, w: IntArray, start: IntArray) -> Stage:
    """A search kept within the bounds of every better allocation (:class:`Prepared`): none
    there (infeasible), or only worse ones, leave the start; proven there, it proves the level."""
    value = int(w @ start)
    if outcome.x is not None and outcome.value >= value:
        return outcome
    proven = outcome.status in (SolveStatus.optimal, SolveStatus.infeasible)
    status = SolveStatus.optimal if proven else SolveStatus.feasible
    bound = value if proven else max(value, outcome.bound)
    return Stage(status, value, bound, outcome.wall_time_s, outcome.method, start)


def _with_fallback(
    outcome: Stage, w: IntArray, fallback: IntArray | None, bound: int | None
) -> Stage:
    """A level with no solution in time falls back on a known feasible solution."""
    if outcome.x is not None or fallback is None or outcome.status is SolveStatus.infeasible:
        return outcome
    top = outcome.bound if bound is None else min(bound, outcome.bound)
    return kept(w, fallback, top, outcome.wall_time_s, outcome.method, solution=True)
