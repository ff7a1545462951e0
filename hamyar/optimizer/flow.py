"""Lexicographic objectives as a sequence of exact min-cost flows.

**The graph.** Nodes: one per class ``c`` (supply ``n_c``, its number of students), one per slot
``k`` and a sink ``T`` (demand ``Σ_c n_c``). Arcs::

    c → k     capacity n_c     one per network arc: students of c placed in k (rules A2, A4)
    c → T     capacity n_c     students of c left unplaced
    k → T     capacity b_k     the first b_k = min(L_k, cap_k) seats of k (minimum fill L_k)
    k → T     capacity cap_k − b_k   the other seats of k (at most cap_k in all, seats.Slot)

A flow is an allocation and every allocation is a flow; the flow polytope has integral vertices,
so a linear objective's LP optimum is an integral allocation.

**One level.** Maximising ``Σ_a w_a x_a`` is the min-cost flow with unit cost ``−w_a``
(OR-Tools ``SimpleMinCostFlow``); its optimum is proven (bound = value).

**Several levels in one flow (exact scaling).** For levels ``1..m`` with non-negative integer
weights and value ranges ``R_j`` (an a-priori bound on how much level ``j`` can vary over the
feasible set: ``R_j ≤ Σ_c n_c · max_{a∈out(c)} w_{j,a} + Σ_{k→T} w_{j,a} · cap_a``), put::

    M_m = 1,   M_j = M_{j+1} · (R_{j+1} + 1),   W_a = Σ_j M_j · w_{j,a}

If ``x`` beats ``y`` lexicographically, the first level ``j`` where they differ has
``T_j(x) ≥ T_j(y) + 1`` (integers), so
``W(x) − W(y) ≥ M_j − Σ_{i>j} M_i R_i = M_j − (M_j − 1) > 0`` — the telescoping sum of the
mixed radix. So the maximiser of ``W`` is lexicographically optimal. Levels are grouped while
``max_a W_a · (|V| + 1) < 2⁶²`` and ``Σ_c n_c max_a W_a < 2⁶²``: the solver scales costs by
``|V| + 1`` internally and the optimal cost must fit in int64.

**From one group to the next (the optimal face).** After a group is solved, node potentials
``π`` — shortest distances in the residual graph from a virtual root joined to every node by a
zero arc; they exist because an optimal flow leaves no negative cycle — give reduced costs
``r_a = c_a + π(tail) − π(head)``. By LP complementary slackness with this dual optimum, a
feasible flow is optimal iff ``x_a = lo_a`` wherever ``r_a > 0`` and ``x_a = hi_a`` wherever
``r_a < 0``. Fixing those arcs leaves exactly the set of optimal flows (the optimal face), itself
a flow polytope with integral bounds; the next group optimises over it. Repeating this solves the
whole lexicographic objective exactly, each level proven optimal.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from hamyar.models import SolveStatus
from hamyar.optimizer.level import Stage, combine, mixed_radix
from hamyar.optimizer.network import IntArray, Network

LIMIT = 2**62


@dataclass(frozen=True)
class Graph:
    """The flow graph of a network (module docstring); arcs are laid out as
    ``[network arcs | unplaced arcs | minimum-fill arcs | other seat arcs]``."""

    num_nodes: int
    tail: IntArray
    head: IntArray
    cap: IntArray
    supply: IntArray
    num_network_arcs: int
    num_classes: int
    num_slots: int

    @property
    def num_arcs(self) -> int:
        return len(self.tail)

    def arc_weights(self, network_arcs: IntArray, fill_bonus: int = 0) -> IntArray:
        """Weights over every graph arc: ``network_arcs`` on the c → k arcs, ``fill_bonus`` on
        the minimum-fill seat arcs, 0 elsewhere."""
        w = np.zeros(self.num_arcs, dtype=np.int64)
        w[: self.num_network_arcs] = network_arcs
        start = self.num_network_arcs + self.num_classes
        w[start : start + self.num_slots] = fill_bonus
        return w


def build_graph(network: Network) -> Graph:
    """The graph of the module docstring."""
    n_cls, n_slot, n_arc = network.num_classes, len(network.slots), network.num_arcs
    sink = n_cls + n_slot
    caps = network.slot_caps()
    bonus = np.minimum(network.slot_min_fill_left(), caps)
    slots = np.arange(n_slot, dtype=np.int64)
    classes = np.arange(n_cls, dtype=np.int64)
    tail = np.concatenate([network.arc_class, classes, n_cls + slots, n_cls + slots])
    head = np.concatenate(
        [n_cls + network.arc_slot, np.full(n_cls, sink), np.full(2 * n_slot, sink)]
    ).astype(np.int64)
    cap = np.concatenate(
        [network.cls_count[network.arc_class], network.cls_count, bonus, caps - bonus]
    ).astype(np.int64)
    supply = np.zeros(sink + 1, dtype=np.int64)
    supply[:n_cls] = network.cls_count
    supply[sink] = -int(network.cls_count.sum())
    return Graph(sink + 1, tail, head, cap, supply, n_arc, n_cls, n_slot)


def value_range(graph: Graph, lo: IntArray, hi: IntArray, w: IntArray) -> int:
    """An upper bound on ``max Σ w x − min Σ w x`` over flows with ``lo ≤ x ≤ hi``
    (``w ≥ 0``): each class's free outflow times its largest free weight, plus the seat arcs."""
    free = hi - lo
    n_out = graph.num_network_arcs + graph.num_classes
    tails = graph.tail[:n_out]
    best = np.zeros(graph.num_nodes, dtype=np.int64)
    np.maximum.at(best, tails, np.where(free[:n_out] > 0, w[:n_out], 0))
    out_free = np.bincount(tails, weights=free[:n_out], minlength=graph.num_nodes)
    lo_out = np.bincount(tails, weights=lo[:n_out], minlength=graph.num_nodes)
    room = np.minimum(out_free, np.maximum(graph.supply - lo_out, 0)).astype(np.int64)
    total = sum(int(r) * int(b) for r, b in zip(room.tolist(), best.tolist(), strict=True) if b)
    seat = w[n_out:] * free[n_out:]
    return total + int(seat.sum())


def node_potentials(num_nodes: int, tail: IntArray, head: IntArray, cost: IntArray) -> IntArray:
    """Shortest distances from a virtual root (a zero arc to every node) over arcs
    ``tail → head`` with ``cost``; Bellman–Ford, each round relaxing every arc at once
    (``dist(h) ← min(dist(h), min_{a: head=h} dist(tail_a) + cost_a)``). A round that changes
    nothing ends it; more than ``num_nodes`` rounds means a negative cycle (a bug)."""
    dist = np.zeros(num_nodes, dtype=np.int64)
    if len(tail) == 0:
        return dist
    order = np.argsort(head, kind="stable")
    tail, head, cost = tail[order], head[order], cost[order]
    starts = np.flatnonzero(np.r_[True, head[1:] != head[:-1]])
    nodes = head[starts]
    for _ in range(num_nodes + 1):
        best = np.minimum.reduceat(dist[tail] + cost, starts)
        better = best < dist[nodes]
        if not better.any():
            return dist
        dist[nodes[better]] = best[better]
    raise RuntimeError("negative cycle in the residual graph: the flow is not optimal")


class CostRangeError(RuntimeError):
    """The min-cost flow refused the costs as too large for its internal scaling
    (``BAD_COST_RANGE``); a group of levels is then split and solved in smaller steps."""


class FaceFlow:
    """Min-cost flows restricted, level after level, to the optimal face (module docstring)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.lo = np.zeros(graph.num_arcs, dtype=np.int64)
        self.hi = graph.cap.copy()

    def maximise(self, w: IntArray) -> IntArray:
        """A flow in the current face maximising ``Σ w x`` (a proven optimum)."""
        g = self.graph
        free = np.flatnonzero(self.hi > self.lo)
        x = self.lo.copy()
        supply = g.supply.copy()
        supply -= np.bincount(g.tail, weights=self.lo, minlength=g.num_nodes).astype(np.int64)
        supply += np.bincount(g.head, weights=self.lo, minlength=g.num_nodes).astype(np.int64)
        if len(free) == 0:
            if supply.any():
                raise RuntimeError("the fixed arcs do not balance the supplies")
            return x
        solver = min_cost_flow.SimpleMinCostFlow()
        solver.add_arcs_with_capacity_and_unit_cost(
            g.tail[free].astype(np.int32),
            g.head[free].astype(np.int32),
            (self.hi - self.lo)[free],
            -w[free],
        )
        solver.set_nodes_supplies(np.arange(g.num_nodes, dtype=np.int32), supply)
        status = solver.solve()
        if status == solver.BAD_COST_RANGE:
            raise CostRangeError(f"min-cost flow failed with status {status}")
        if status != solver.OPTIMAL:
            raise RuntimeError(f"min-cost flow failed with status {status}")
        x[free] += np.asarray(solver.flows(np.arange(len(free), dtype=np.int32)), dtype=np.int64)
        return x

    def reduced_costs(self, w: IntArray, x: IntArray) -> tuple[IntArray, IntArray]:
        """Free arcs of the face and their reduced costs ``r_a = −w_a + π(tail) − π(head)``
        for a flow ``x`` maximising ``Σ w x`` (``π`` from :func:`node_potentials`).

        For every flow ``y`` of the face, ``Σ w x − Σ w y = Σ_a |r_a| · |y_a − x_a|``: the
        potentials telescope over the circulation ``y − x``, and optimality puts every
        ``r_a ≠ 0`` arc of ``x`` at the bound that makes its term non-negative."""
        g = self.graph
        free = np.flatnonzero(self.hi > self.lo)
        if len(free) == 0:
            return free, np.zeros(0, dtype=np.int64)
        cost = -w[free]
        t, h = g.tail[free], g.head[free]
        up = x[free] < self.hi[free]
        down = x[free] > self.lo[free]
        pot = node_potentials(
            g.num_nodes,
            np.concatenate([t[up], h[down]]),
            np.concatenate([h[up], t[down]]),
            np.concatenate([cost[up], -cost[down]]),
        )
        reduced = cost + pot[t] - pot[h]
        if ((reduced > 0) & down).any() or ((reduced < 0) & up).any():
            raise RuntimeError("reduced costs contradict the flow: it is not optimal")
        return free, reduced

    def restrict(self, w: IntArray, x: IntArray) -> None:
        """Fix every arc that has the same value in all flows of the face maximising ``Σ w x``
        (``x`` one of them): reduced cost > 0 → at its lower bound, < 0 → at its upper bound."""
        free, reduced = self.reduced_costs(w, x)
        arcs = free[reduced != 0]
        self.lo[arcs] = x[arcs]
        self.hi[arcs] = x[arcs]

    def fix_beyond(self, w: IntArray, x: IntArray, slack: int) -> int:
        """Fix every arc whose change would cost more than ``slack``: all flows ``y`` with
        ``Σ w y ≥ Σ w x − slack`` agree with ``x`` on arcs with ``|r_a| > slack``
        (:meth:`reduced_costs`). Returns the number of arcs fixed."""
        free, reduced = self.reduced_costs(w, x)
        arcs = free[np.abs(reduced) > slack]
        self.lo[arcs] = x[arcs]
        self.hi[arcs] = x[arcs]
        return len(arcs)


def radices(graph: Graph, ranges: Sequence[int], maxima: Sequence[int]) -> list[int]:
    """The mixed radix ``M_j`` of the module docstring (:func:`~hamyar.optimizer.level.
    mixed_radix` of ``R_j + 1``) for levels with value ranges ``ranges`` and largest weights
    ``maxima``, or ``OverflowError`` when ``W = Σ_j M_j w_j`` could leave 64 bits (checked on
    ``Σ_j M_j max_a w_{j,a}``, an upper bound of ``max_a W_a``, in exact Python integers)."""
    multipliers = mixed_radix([r + 1 for r in ranges])
    top = sum(m * w for m, w in zip(multipliers, maxima, strict=True))
    students = int(graph.supply[: graph.num_classes].sum())
    if top * (graph.num_nodes + 1) >= LIMIT or top * students >= LIMIT:
        raise OverflowError("scaled weights do not fit in 64 bits")
    return multipliers


def solve_levels(
    graph: Graph, levels: Sequence[IntArray], *, group: bool = True, restrict_last: bool = False
) -> tuple[IntArray, list[Stage], FaceFlow]:
    """Lexicographically maximise ``levels`` (each a weight per graph arc, ``≥ 0``).

    Consecutive levels share one flow while their scaled weights fit (``group``); after each
    group the face is restricted (after the last one too with ``restrict_last``). Returns the
    final flow, each level's optimal value and the face.
    """
    face = FaceFlow(graph)
    x = face.lo.copy()
    results: list[Stage] = []
    i = 0
    while i < len(levels):
        start = time.perf_counter()
        if not levels[i].any():
            results.append(Stage(SolveStatus.optimal, 0, 0, 0.0, "flow"))
            i += 1
            continue
        j = i + 1
        ranges = [value_range(graph, face.lo, face.hi, levels[i])]
        maxima = [int(levels[i].max())]
        multipliers = radices(graph, ranges, maxima)
        while group and j < len(levels) and levels[j].any():
            ranges.append(value_range(graph, face.lo, face.hi, levels[j]))
            maxima.append(int(levels[j].max()))
            try:
                multipliers = radices(graph, ranges, maxima)
            except OverflowError:
                break
            j += 1
        while True:
            combined = combine(levels[i:j], multipliers)
            try:
                x = face.maximise(combined)
                break
            except CostRangeError:
                # the solver's own cost check is stricter than :func:`radices`' bound:
                # drop the last level of the group (a single level always fits)
                if j - i == 1:
                    raise
                j -= 1
                multipliers = radices(graph, ranges[: j - i], maxima[: j - i])
        if j < len(levels) or restrict_last:
            face.restrict(combined, x)
        elapsed = time.perf_counter() - start
        for k in range(i, j):
            value = int(levels[k] @ x)
            wall = elapsed if k == i else 0.0
            results.append(Stage(SolveStatus.optimal, value, value, wall, "flow"))
        i = j
    return x, results, face
