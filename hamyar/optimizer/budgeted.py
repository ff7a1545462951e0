"""Welfare first with budgets: flows while the budgets do not bind, then priced CP-SAT levels.

After each level's flow (:mod:`hamyar.optimizer.flow`), the cheapest flow of the level's optimal
face is computed. While it keeps every budget (the term's and each unit's), the budget does not
bind: the level's flow optimum is its optimum within the budgets (the relaxation's optimum is
feasible), proven. From the first level ``i`` where it does not, CP-SAT solves levels ``i..K``
over the face of the levels before ``i``, started from that face's cheapest flow (which keeps the
budgets: it did at level ``i − 1``).

With a term budget, each CP-SAT level ``k`` is first prepared by pricing
(:mod:`hamyar.optimizer.lagrange`) while all the levels before it are proven: the weights priced
are ``W_k = Σ_{j=i..k} M_j w_j`` (the exact mixed radix of :mod:`hamyar.optimizer.flow`), so a
priced flow favours the held levels first. The levels ``i..k−1`` are at their optimum ``v_j`` on
every allocation CP-SAT may still choose, so ``W_k ≤ U`` gives
``w_k ≤ ⌊(U − Σ_{j<k} M_j v_j) / M_k⌋``; a priced allocation that keeps the budgets and every
held level is a start; and the reduced-cost fixings keep every allocation lexicographically at
least as good as the best found, hence every optimal one.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np

from hamyar.models import SolveStatus
from hamyar.optimizer.cpsat import AllocationModel, Budgets
from hamyar.optimizer.flow import FaceFlow, Graph, radices, value_range
from hamyar.optimizer.lagrange import price_budget
from hamyar.optimizer.network import IntArray, Network
from hamyar.optimizer.stages import Deadline, Prepared, Stage, lexicographic_cpsat


def solve_budgeted(
    network: Network,
    graph: Graph,
    weights: Sequence[IntArray],
    budgets: Budgets,
    workers: int,
    deadline: Deadline,
) -> tuple[IntArray | None, list[Stage]]:
    """The levels within the budgets (module docstring)."""
    cost = np.zeros(graph.num_arcs, dtype=np.int64)
    cost[: network.num_arcs] = budgets.arc_cost
    face = FaceFlow(graph)
    cheapest = face.maximise(-cost)
    stages: list[Stage] = []
    for i, w in enumerate(weights):
        t0 = time.perf_counter()
        lo, hi = face.lo.copy(), face.hi.copy()
        best = cheapest
        candidate = cheapest
        if w.any():
            best = face.maximise(w)
            face.restrict(w, best)
            candidate = face.maximise(-cost)
        if budgets.satisfied(network, candidate):
            cheapest = candidate
            value = int(w @ candidate)
            wall = time.perf_counter() - t0
            stages.append(Stage(SolveStatus.optimal, value, value, wall, "flow"))
            continue
        model = AllocationModel(network, graph, lo, hi, budgets=budgets)
        pricer = _Pricer(network, graph, lo, hi, weights[i:], budgets, cost, int(w @ best))
        x, rest = lexicographic_cpsat(
            model,
            weights[i:],
            cheapest,
            workers,
            deadline,
            prepare=pricer,
            fallback=cheapest,
            extra_time_s=time.perf_counter() - t0,
        )
        return x, stages + rest
    return cheapest, stages


class _Pricer:
    """The preparation of each CP-SAT level by pricing (module docstring)."""

    def __init__(
        self,
        network: Network,
        graph: Graph,
        lo: IntArray,
        hi: IntArray,
        weights: Sequence[IntArray],
        budgets: Budgets,
        cost: IntArray,
        flow_bound: int,
    ) -> None:
        self.network = network
        self.graph = graph
        self.lo = lo.copy()
        self.hi = hi.copy()
        self.weights = weights
        self.budgets = budgets
        self.cost = cost
        self.flow_bound = flow_bound

    def __call__(
        self, k: int, x: IntArray | None, values: Sequence[int], proven: bool
    ) -> Prepared | None:
        t0 = time.perf_counter()
        bound = self.flow_bound if k == 0 else None
        if self.budgets.total is None or not proven or x is None:
            if bound is None:
                return None
            return Prepared(None, bound, None, None, time.perf_counter() - t0, "flow")
        levels = self.weights[: k + 1]
        try:
            ranges = [value_range(self.graph, self.lo, self.hi, w) for w in levels]
            multipliers = radices(self.graph, ranges, [int(w.max(initial=0)) for w in levels])
        except OverflowError:
            return None
        combined = np.zeros(self.graph.num_arcs, dtype=np.int64)
        for w, m in zip(levels, multipliers, strict=True):
            combined += w * np.int64(m)
        priced = price_budget(
            self.graph,
            self.lo,
            self.hi,
            combined,
            self.cost,
            self.budgets.total,
            x,
            lambda y: self._keeps(y, values),
        )
        if priced is None:
            return None
        held = sum(m * v for m, v in zip(multipliers, values, strict=False))
        level_bound = (priced.bound - held) // multipliers[k]
        if bound is not None:
            level_bound = min(level_bound, bound)
        start = None
        if self._keeps(priced.x, values) and int(self.weights[k] @ priced.x) > int(
            self.weights[k] @ x
        ):
            start = priced.x
        changed = np.flatnonzero((priced.lo != self.lo) | (priced.hi != self.hi))
        self.lo, self.hi = priced.lo, priced.hi
        return Prepared(
            start,
            level_bound,
            changed,
            priced.lo[changed],
            time.perf_counter() - t0,
            "lagrangian",
        )

    def _keeps(self, x: IntArray, values: Sequence[int]) -> bool:
        """Whether ``x`` keeps the budgets and every held level."""
        if not self.budgets.satisfied(self.network, x):
            return False
        return all(int(w @ x) >= v for w, v in zip(self.weights, values, strict=False))
