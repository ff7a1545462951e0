"""Stable mode (``policy.stable``): no justified envy, then the best by the policy's objective.

Each component of the pool (:func:`~hamyar.optimizer.network.split`: female and male pools
apart, and units no applicant links) is solved on its own, unless a term budget ties them
together. In a component with strict preferences (no two admissible units of one student at one
rank) and no side constraint (budget, minimum fill, soft pin), deferred acceptance gives the
only stable allocation (:mod:`hamyar.optimizer.solve` explains why), so it is optimal for every
level. Otherwise CP-SAT with stability constraints
(:func:`~hamyar.optimizer.stable.constraints.add_stability`) solves the levels, on the arcs
:func:`~hamyar.optimizer.stable.bounds.stable_bounds` leaves open, started from deferred
acceptance (a stable allocation, so feasible whenever it keeps the budgets) or, without budgets
and soft pins, from the better serial dictatorship with look-ahead ties
(:mod:`~hamyar.optimizer.stable.tiebreak`). These components are solved side by side on up to
``SolverParams.workers`` threads (CP-SAT releases the interpreter while it searches; each search
is single-threaded and deterministic, so the result does not depend on the thread count), each
given the time left in proportion to its size.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from hamyar.errors import InfeasibleError
from hamyar.models import EligibilityResult, Problem, SolveStatus
from hamyar.optimizer.cpsat import AllocationModel, Budgets
from hamyar.optimizer.cpsearch import core
from hamyar.optimizer.flow import Graph, build_graph
from hamyar.optimizer.infeasible import budget_conflict
from hamyar.optimizer.level import Deadline, Stage
from hamyar.optimizer.network import IntArray, Network, split
from hamyar.optimizer.params import SolverParams
from hamyar.optimizer.placement import complete_flow, to_flow
from hamyar.optimizer.stable.acceptance import deferred_acceptance
from hamyar.optimizer.stable.bounds import stable_bounds
from hamyar.optimizer.stable.constraints import add_stability
from hamyar.optimizer.stable.tiebreak import look_ahead_start
from hamyar.optimizer.stages import Infeasible, lexicographic_merged
from hamyar.optimizer.task import LevelTask


def solve_stable(task: LevelTask) -> tuple[IntArray | None, list[Stage]]:
    """The stable levels (module docstring)."""
    problem, eligibility, network, graph = task.problem, task.eligibility, task.network, task.graph
    levels, budgets, deadline, params = task.levels, task.budgets, task.deadline, task.params
    t0 = time.perf_counter()
    da = _deferred_acceptance(problem, eligibility, network)
    da_time = time.perf_counter() - t0
    if budgets is not None and budgets.total is not None:
        parts = [(network, np.arange(network.num_arcs))]
    else:
        parts = split(network)
    pending = [i for i, (sub, _) in enumerate(parts) if _needs_cpsat(problem, sub, budgets)]
    threads = max(1, min(params.workers, len(pending)))
    total = max(1, sum(len(parts[i][1]) for i in pending))

    def solve_part(i: int) -> tuple[IntArray | None, list[Stage]]:
        sub, ids = parts[i]
        sub_graph = build_graph(sub) if sub is not network else graph
        weights = [sub_graph.arc_weights(level.arc[ids], level.fill_bonus) for level in levels]
        da_x = to_flow(sub, sub_graph, da)
        if i not in pending:
            value = [int(w @ da_x) for w in weights]
            return da_x, [
                Stage(SolveStatus.optimal, v, v, 0.0, "deferred-acceptance") for v in value
            ]
        share = min(1.0, threads * len(ids) / total)
        sub_deadline = Deadline(
            max(0.0, deadline.end - time.perf_counter()) * share, params.first_share
        )
        sub_budgets = _restrict(budgets, sub) if budgets is not None else None
        return _cpsat(problem, sub, sub_graph, weights, sub_budgets, da_x, sub_deadline, params)

    with ThreadPoolExecutor(max_workers=threads) as pool:
        solved = list(pool.map(solve_part, range(len(parts))))
    arcs = np.zeros(network.num_arcs, dtype=np.int64)
    for (sub, ids), (x, _) in zip(parts, solved, strict=True):
        if x is None:
            return None, _combine([stages for _, stages in solved], len(levels), da_time)
        arcs[ids] = x[: sub.num_arcs]
    x_all = complete_flow(network, graph, arcs)
    return x_all, _combine([stages for _, stages in solved], len(levels), da_time)


def _deferred_acceptance(
    problem: Problem, eligibility: EligibilityResult, network: Network
) -> dict[str, str]:
    """Deferred acceptance with the fixed students and the soft pins as pins; soft pins beyond
    the seats compete like everybody else instead."""
    try:
        return deferred_acceptance(
            problem, eligibility, pins={**network.fixed, **network.soft_pins}
        )
    except InfeasibleError:
        return deferred_acceptance(problem, eligibility, pins=network.fixed)


def _needs_cpsat(problem: Problem, network: Network, budgets: Budgets | None) -> bool:
    """Ties, a budget, a minimum fill or a soft pin in this (sub-)network."""
    if budgets is not None and (budgets.total is not None or _restrict(budgets, network).per_unit):
        return True
    if problem.policy.min_fill > 0 or bool(network.arc_pin.any()):
        return True
    return _has_ties(network)


def _has_ties(network: Network) -> bool:
    """Whether some student has two usable arcs of the same rank."""
    seen: set[tuple[int, int]] = set()
    for c, r in zip(network.arc_class.tolist(), network.arc_rank.tolist(), strict=True):
        if (c, r) in seen:
            return True
        seen.add((c, r))
    return False


def _restrict(budgets: Budgets, network: Network) -> Budgets:
    """The budgets of a sub-network: its arcs' costs and its units' budgets."""
    units = {s.unit_code for s in network.slots}
    per_unit: Mapping[str, int] = {u: b for u, b in budgets.per_unit.items() if u in units}
    return Budgets(arc_cost=network.arc_cost, total=budgets.total, per_unit=per_unit)


def _cpsat(
    problem: Problem,
    network: Network,
    graph: Graph,
    weights: Sequence[IntArray],
    budgets: Budgets | None,
    da_x: IntArray,
    deadline: Deadline,
    params: SolverParams,
) -> tuple[IntArray | None, list[Stage]]:
    start = da_x
    if budgets is None and not network.soft_pins:
        start = look_ahead_start(network, graph, weights, [da_x])
    fallback = start if budgets is None or budgets.satisfied(network, start) else None
    bounds = stable_bounds(network, graph)
    lo, hi = bounds.lo, bounds.hi
    model = AllocationModel(
        network,
        graph,
        lo,
        hi,
        budgets=budgets,
        params=params,
    )
    add_stability(model, bounds.seat_left)
    try:
        return lexicographic_merged(
            model, weights, start, params.level_workers, deadline, fallback=fallback
        )
    except Infeasible:
        diagnosis = AllocationModel(
            network,
            graph,
            lo,
            hi,
            budgets=budgets,
            diagnose=True,
            params=params,
        )
        add_stability(diagnosis, bounds.seat_left)
        names = core(diagnosis, max(1.0, deadline.share(1, first=True)), params.level_workers) or []
        raise InfeasibleError(budget_conflict(problem, names, network.fixed)) from None


def _combine(parts: Sequence[Sequence[Stage]], n_levels: int, da_time: float) -> list[Stage]:
    """Per-level sums over the components: value, bound and time; optimal only if every
    component's level is; the methods used, joined."""
    stages = []
    for i in range(n_levels):
        level = [p[i] for p in parts if i < len(p)]
        statuses = {s.status for s in level}
        if SolveStatus.no_solution in statuses:
            status = SolveStatus.no_solution
        elif statuses <= {SolveStatus.optimal}:
            status = SolveStatus.optimal
        else:
            status = SolveStatus.feasible
        methods = sorted({s.method for s in level}) or ["deferred-acceptance"]
        stages.append(
            Stage(
                status,
                sum(s.value for s in level),
                sum(s.bound for s in level),
                sum(s.wall_time_s for s in level) + (da_time if i == 0 else 0.0),
                "+".join(methods),
            )
        )
    return stages
