"""Welfare first with budgets: flows while the budgets do not bind, then bounded CP-SAT levels.

After each level's flow (:mod:`hamyar.optimizer.flow`), the cheapest flow of the level's optimal
face is computed. While it keeps every budget (the term's and each unit's), the budget does not
bind: the level's flow optimum is its optimum within the budgets (the relaxation's optimum is
feasible), proven. From the first level ``i`` where it does not, CP-SAT solves levels ``i..K``
over the face of the levels before ``i``, started from that face's cheapest flow (which keeps the
budgets: it did at level ``i − 1``); if the time is already up, that flow is the allocation —
and once the time is up before a level's flows, that level's flows are not computed either.

The first of these levels, with a term budget, is first priced (:mod:`hamyar.optimizer.lagrange`:
the Lagrangian of the budget over the exact flows of the face, a few min-cost flows): its bound
(with the flow optimum) and its repaired flow, a start that keeps the budgets. When the start
reaches the bound the level is proven there, neither relaxation nor search needed; the
reduced-cost fixings of the pricing are kept either way. Measured on generated 10,000 × 120
instances with the budget at 90 %, the pricing reached its bound on coverage on seeds 1402 (in
7 flows) and 1, and came within one student of it on seed 2 (8 flows).

Each CP-SAT level ``k`` is then prepared by its linear relaxation
(:mod:`hamyar.optimizer.relaxation`): the flow polytope with the budgets and every level held
so far as rows, solved by GLOP. ``⌊LP⌋`` is the level's proven bound (with the flow optimum of
the first level, when lower), and the relaxation's optimum, a vertex with few fractional arcs,
is rounded by a small CP-SAT search over the arcs at its fractional nodes — or, when that finds
nothing, over the arcs where it and the current allocation disagree (RINS). A start that
reaches the bound proves the level without any further search; otherwise CP-SAT searches from
the best start with the bound as a constraint, for the level's share of the time limit, within
the relaxation's reduced-cost box for one more than the start's value
(:meth:`hamyar.optimizer.relaxation.Relaxed.box`): every better allocation is in it, and most
arcs are fixed there. Once a level is held at its value ``v``, the box of ``v`` holds for every
allocation still to be chosen: the model and the relaxation keep it for the levels after.

The first of these levels is the one whose optimum matters most (priority or coverage, for
the default objective, must be proven): a search there gets the larger share of the time
(:attr:`~hamyar.optimizer.params.SolverParams.first_share`); the later levels share the time left
equally, so that each gets its relaxation, its rounding and a search before the time is up.
Measured on the generated 10,000 × 120 instance of seed 2 with the budget at 90 % and a 25 s
limit on a loaded machine (one-minute load 8, the solve at about a third of a CPU): preference
ranks 2–5 and GPA ended 0.19, 1.0, 6.5, 0 and 54 % from their bounds, against 0.96, 8.0, 54, 60
and 56 % with the larger share for the first level searched (preference rank 2).

Every level after the first ends once it is within ``level_gap`` of its bound
(:attr:`~hamyar.optimizer.params.SolverParams.level_gap`): no second rounding after a first
within it, and its search after a share of its time (a small instance's proof comes first), so
that the proof of a level's last student or two does not take the time of every level after
it. A rounding search runs to its neighbourhood's optimum: stopped at the first allocation
within the gap (on the 10,000 × 120 instance of seed 3, 1,698 of 1,700 first preferences where
the rounding reaches 1,700), the later levels were held looser and their roundings failed.

Should GLOP not finish within half the time left, the level and every later one are searched by
CP-SAT without it, from the best allocation so far. (A later level is not priced: its weights would
be the held levels' exact mixed radix ``W_k = Σ_{j=i..k} M_j w_j`` (:mod:`hamyar.optimizer.flow`),
and the bound ``w_k ≤ ⌊(U − Σ_{j<k} M_j v_j) / M_k⌋`` it gives is only as tight as the earlier
levels' relaxations are integral; measured on the 10,000 × 120 instances at 90 %, it was above 10⁵
for a first-preference level of about 1,500, in as many flows as the first level's pricing.)
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np

from hamyar.models import SolveStatus
from hamyar.optimizer.cpsat import AllocationModel
from hamyar.optimizer.cpsearch import neighbourhood
from hamyar.optimizer.flow import FaceFlow
from hamyar.optimizer.lagrange import price_budget
from hamyar.optimizer.level import Deadline, Stage, time_up
from hamyar.optimizer.network import IntArray
from hamyar.optimizer.relaxation import Relaxation, Relaxed, fractional_free, rins_free
from hamyar.optimizer.stages import Box, Prepared, goal, lexicographic_cpsat
from hamyar.optimizer.task import LevelTask


def solve_budgeted(task: LevelTask) -> tuple[IntArray | None, list[Stage]]:
    """The levels within the budgets (module docstring)."""
    network, graph, weights = task.network, task.graph, task.weights
    params, deadline = task.params, task.deadline
    budgets = task.budgets
    assert budgets is not None
    cost = np.zeros(graph.num_arcs, dtype=np.int64)
    cost[: network.num_arcs] = budgets.arc_cost
    face = FaceFlow(graph)
    cheapest = face.maximise(-cost)
    stages: list[Stage] = []
    for i, w in enumerate(weights):
        t0 = time.perf_counter()
        lo, hi = face.lo.copy(), face.hi.copy()
        if i > 0 and deadline.passed():  # no time for this level's flows either
            return cheapest, stages + _time_up(weights[i:], cheapest, hi, 0.0)
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
        if deadline.passed():
            return cheapest, stages + _time_up(weights[i:], cheapest, hi, time.perf_counter() - t0)
        model = AllocationModel(network, graph, lo, hi, budgets=budgets, params=params)
        pricer = _Pricer(
            model,
            weights[i:],
            cost,
            int(w @ best),
            deadline,
        )
        x, rest = lexicographic_cpsat(
            model,
            weights[i:],
            cheapest,
            params.workers,
            deadline,
            prepare=pricer,
            fallback=cheapest,
            extra_time_s=time.perf_counter() - t0,
            first_level_share=True,
            gap=params.level_gap,
        )
        return x, stages + rest
    return cheapest, stages


def _time_up(
    weights: Sequence[IntArray], cheapest: IntArray, hi: IntArray, wall: float
) -> list[Stage]:
    """The levels left when the time is up: the cheapest flow kept (it keeps the budgets)."""
    return [time_up(v, cheapest, hi, wall if j == 0 else 0.0) for j, v in enumerate(weights)]


class _Pricer:
    """The preparation of each CP-SAT level by pricing (module docstring)."""

    def __init__(
        self,
        model: AllocationModel,
        weights: Sequence[IntArray],
        cost: IntArray,
        flow_bound: int,
        deadline: Deadline,
    ) -> None:
        self.model = model
        self.network = model.network
        self.graph = model.graph
        self.lo = model.lo.copy()
        self.hi = model.hi.copy()
        self.weights = weights
        assert model.budgets is not None
        self.budgets = model.budgets
        self.cost = cost
        self.flow_bound = flow_bound
        self.relaxation: Relaxation | None = None
        self.deadline = deadline
        self.held = 0
        self.last: tuple[int, Relaxed] | None = None
        self.too_slow = False

    def __call__(
        self, k: int, x: IntArray | None, values: Sequence[int], proven: bool
    ) -> Prepared | None:
        t0 = time.perf_counter()
        bound = self.flow_bound if k == 0 else None
        methods: list[str] = ["flow"] if k == 0 else []
        start: IntArray | None = None
        better: Box | None = None
        narrowed = self._narrow_by_last(values)
        if k == 0 and x is not None and self.budgets.total is not None:
            found = self._price(x)
            if found is not None:
                start, bound = found
                bound = min(self.flow_bound, bound)
                methods, narrowed = ["flow", "lagrangian"], True
                x = x if start is None else start
                if int(self.weights[k] @ x) >= bound or self.deadline.passed():
                    return Prepared(
                        start,
                        bound,
                        time.perf_counter() - t0,
                        "+".join(methods),
                        narrow=(self.lo, self.hi),
                    )
        relaxed = self._relax(k, values)
        if relaxed is not None:
            self.last = (k, relaxed)
            bound = relaxed.bound if bound is None else min(bound, relaxed.bound)
            methods.append("lp")
            if x is not None and int(self.weights[k] @ x) < bound:
                rounded = self._round(k, relaxed, x, bound)
                start = rounded if rounded is not None else start
                reached = int(self.weights[k] @ (x if rounded is None else rounded))
                better = relaxed.box(reached + 1)
        if bound is None:
            return None
        return Prepared(
            start,
            bound,
            time.perf_counter() - t0,
            "+".join(methods),
            narrow=(self.lo, self.hi) if narrowed else None,
            better=better,
        )

    def _narrow_by_last(self, values: Sequence[int]) -> bool:
        """Narrow the arc bounds by the reduced costs of the last level's relaxation at the
        value it is held at (:meth:`Relaxed.box`): every allocation still to be chosen holds
        that level at that value. Whether any bound changed."""
        if self.last is None or self.last[0] >= len(values):
            return False
        level, relaxed = self.last
        self.last = None
        lo, hi = relaxed.box(values[level])
        lo, hi = np.maximum(self.lo, lo), np.minimum(self.hi, hi)
        if np.array_equal(lo, self.lo) and np.array_equal(hi, self.hi):
            return False
        self._narrow(lo, hi)
        return True

    def _narrow(self, lo: IntArray, hi: IntArray) -> None:
        """Keep the arc bounds ``lo``, ``hi`` (tighter than before) here and in the relaxation."""
        self.lo, self.hi = lo, hi
        if self.relaxation is not None:
            self.relaxation.narrow(lo, hi)

    def _relax(self, k: int, values: Sequence[int]) -> Relaxed | None:
        """The level's linear relaxation, with every level solved so far held; built on first
        use, and given at most half the time left. Once it has not finished in time it is not
        tried again: the later levels would each lose half the time left to it."""
        limit = max(0.0, self.deadline.end - time.perf_counter()) / 2
        if limit <= 0 or self.too_slow:
            return None
        if self.relaxation is None:
            self.relaxation = Relaxation(self.network, self.graph, self.lo, self.hi, self.budgets)
            self.held = 0
        for w, v in zip(self.weights[self.held : len(values)], values[self.held :], strict=True):
            self.relaxation.hold(w, v)
        self.held = len(values)
        relaxed = self.relaxation.solve(self.weights[k], limit)
        self.too_slow = relaxed is None
        return relaxed

    def _round(self, k: int, relaxed: Relaxed, current: IntArray, bound: int) -> IntArray | None:
        """A better allocation near the relaxation: one equal to it away from its fractional
        nodes, then, unless that reaches the bound, one equal to the best so far wherever that
        agrees with the relaxation (RINS). ``None`` when neither improves on ``current``."""
        w = self.weights[k]
        guide = np.round(relaxed.x).astype(np.int64)
        best, found_any = current, False
        enough = goal(bound, self.model.params.level_gap if k > 0 else 0.0)
        for use_guide in (True, False):
            limit = self.deadline.share(len(self.weights) - k, first=False) / 2
            if limit < self.model.params.min_search_s or int(w @ best) >= enough:
                break
            if use_guide:
                start, free = guide, fractional_free(self.graph, relaxed.x)
            else:
                start, free = best, rins_free(self.graph, relaxed.x, best)
            found = neighbourhood(self.model, w, start, free, time_limit_s=limit, upper_bound=bound)
            if found is not None and int(w @ found) > int(w @ best):
                best, found_any = found, True
        return best if found_any else None

    def _price(self, x: IntArray) -> tuple[IntArray | None, int] | None:
        """The Lagrangian pricing of the term budget at the first level, from the allocation
        ``x``: a better start (or ``None``) and the level's bound; the arc bounds its reduced
        costs fix are kept in ``self.lo``/``self.hi``. ``None`` when the priced weights cannot
        be exact in 64 bits."""
        assert self.budgets.total is not None
        w = self.weights[0]
        priced = price_budget(
            self.graph,
            self.lo,
            self.hi,
            w,
            self.cost,
            self.budgets.total,
            x,
            lambda y: self.budgets.satisfied(self.network, y),
            self.deadline,
            self.model.params.pricing_steps,
        )
        if priced is None:
            return None
        better = self.budgets.satisfied(self.network, priced.x) and int(w @ priced.x) > int(w @ x)
        self._narrow(priced.lo, priced.hi)
        return (priced.x if better else None), priced.bound
