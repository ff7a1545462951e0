"""Pricing the budget: a near-optimal allocation within the term budget, a proven bound, and
the arcs that no good allocation can change.

One level ``max Σ_a w_a x_a`` over the flows ``F`` of the current face, with the budget
``Σ_a c_a x_a ≤ B``, has the Lagrangian function, for a price ``λ ≥ 0`` (objective units per
rial)::

    L(λ) = max_{x ∈ F} Σ_a (w_a − λ c_a) x_a + λ B   ≥   OPT

(every budget-feasible ``x`` has ``λ (B − Σ c x) ≥ 0``), and each ``L(λ)`` is one min-cost flow.
Prices are rationals ``λ = p / Q`` with a fixed ``Q = 2^q`` so the flow's weights
``Q w_a − p c_a`` are exact integers; then ``Q L(λ) = max_x Σ (Q w − p c) x + p B`` exactly and
``⌊min_λ L(λ)⌋`` is a valid bound for the integer objective. The flow's cost ``Σ c x`` falls as
``p`` rises; the search on ``p`` brackets the budget between an affordable flow and one just over
it, each next price where the two flows' Lagrangian lines cross (the cutting-plane step of a
one-dimensional dual: a few flows where bisection takes some twenty). Many students share a
cost, so whole groups switch at one price and the affordable flow can
leave much of the budget unused: :func:`repair` takes the flow just over the budget, drops the
placements of least value per rial until it fits, then adds the placements of most value per
rial that still fit.

**Fixing arcs (reduced-cost fixing).** Let ``x_λ`` be the flow of price ``λ`` and ``r_a`` its
reduced costs for the priced weights. Any flow ``y`` of the face loses
``Σ_a |r_a| · |y_a − x_{λ,a}|`` of priced weight against ``x_λ``
(:meth:`~hamyar.optimizer.flow.FaceFlow.reduced_costs`); a budget-feasible ``y`` with
``Σ w y ≥ LB`` (LB the best allocation found) has priced weight ``≥ Q·LB − p B``. So every such
``y`` equals ``x_λ`` on each arc with ``|r_a| > Q L(λ) − Q·LB``, and fixing those arcs keeps
every allocation at least as good as the best found — in particular every optimal one, for this
level and for the later levels that hold it. CP-SAT then works on the arcs left.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from hamyar.optimizer.flow import LIMIT, FaceFlow, Graph
from hamyar.optimizer.level import Deadline
from hamyar.optimizer.network import IntArray
from hamyar.optimizer.params import DEFAULT_PARAMS


@dataclass(frozen=True)
class Priced:
    """The best budget-feasible flow found, its value, the Lagrangian bound ``⌊min L(λ)⌋``,
    the face's bounds with the reduced-cost fixings, and the number of flows solved."""

    x: IntArray
    value: int
    bound: int
    lo: IntArray
    hi: IntArray
    flows: int
    fixed: int


def price_budget(
    graph: Graph,
    lo: IntArray,
    hi: IntArray,
    w: IntArray,
    cost: IntArray,
    budget: int,
    start: IntArray,
    feasible: Callable[[IntArray], bool],
    deadline: Deadline | None = None,
    steps: int = DEFAULT_PARAMS.pricing_steps,
) -> Priced | None:
    """Bisection on the budget's price, repair and fixing (module docstring). ``cost`` per
    graph arc (``≥ 0``); ``start`` is a flow of the face that ``feasible`` accepts, and a flow
    is only taken as an allocation (and as the best-found for the fixing) when ``feasible``
    accepts it: the caller's check of every budget and of every level held. The bisection
    stops after ``steps`` flows at most, or early at ``deadline`` (the bound of the prices tried
    so far stays valid). ``None`` when the priced weights cannot be exact in 64 bits."""
    face = FaceFlow(graph)
    face.lo, face.hi = lo.copy(), hi.copy()
    top_w = int(np.abs(w).max(initial=0))
    positive = cost[cost > 0]
    best_x, best_value = start, int(w @ start)
    if len(positive) == 0 or top_w == 0:
        x = face.maximise(w)
        value = int(w @ x)
        if value > best_value and feasible(x):
            best_x, best_value = x, value
        return Priced(best_x, best_value, value, lo, hi, 1, 0)
    students = int(graph.supply[: graph.num_classes].sum())
    room = LIMIT // (4 * max(graph.num_nodes + 1, students, 1))
    top_c, min_c = int(positive.max()), int(positive.min())
    if 2 * top_w * (top_c // min_c + 2) >= room:
        return None
    q = 1
    while 2 * q * top_w * (top_c // min_c + 2) < room and q < 2**40:
        q *= 2
    p_low, p_high = 0, q * top_w // min_c + 1
    flows = 0
    best_bound: tuple[int, int, IntArray] | None = None  # (Q·L, p, x)
    x_over: IntArray | None = None

    def evaluate(p: int) -> IntArray:
        nonlocal flows, best_bound
        x = face.maximise(q * w - p * cost)
        flows += 1
        scaled = int((q * w - p * cost) @ x) + p * budget
        if best_bound is None or scaled < best_bound[0]:
            best_bound = (scaled, p, x)
        return x

    def consider(x: IntArray) -> None:
        nonlocal best_x, best_value
        value = int(w @ x)
        if value > best_value and int(cost @ x) <= budget and feasible(x):
            best_x, best_value = x, value

    x = evaluate(p_low)
    if int(cost @ x) <= budget:
        consider(x)
    else:
        x_over = x
        x_under = evaluate(p_high)
        consider(x_under)
        for _ in range(steps):
            if p_high - p_low <= 1 or (deadline is not None and deadline.passed()):
                break
            p = _crossing(q, w, cost, x_over, x_under, p_low, p_high)
            x = evaluate(p)
            if int(cost @ x) <= budget:
                p_high, x_under = p, x
                consider(x)
            else:
                p_low, x_over = p, x
        if x_over is not None:
            consider(repair(graph, face.lo, face.hi, w, cost, budget, x_over))
    assert best_bound is not None
    scaled, p, x_best_bound = best_bound
    bound = scaled // q
    fixed = 0
    if best_value < bound:
        slack = scaled - q * best_value
        fixed = face.fix_beyond(q * w - p * cost, x_best_bound, slack)
    return Priced(best_x, best_value, max(bound, best_value), face.lo, face.hi, flows, fixed)


def _crossing(
    q: int, w: IntArray, cost: IntArray, over: IntArray, under: IntArray, p_low: int, p_high: int
) -> int:
    """The next price tried: where the Lagrangian lines of the flow over the budget and the
    affordable one cross, ``λ = (Σ w x_o − Σ w x_u) / (Σ c x_o − Σ c x_u)`` (both are optimal
    there when ``L`` has one kink between them: the search ends in two more flows), kept
    strictly inside ``(p_low, p_high)``; the midpoint when the lines do not cross."""
    dw = int(w @ over) - int(w @ under)
    dc = int(cost @ over) - int(cost @ under)
    p = (q * dw) // dc if dc > 0 and dw >= 0 else (p_low + p_high) // 2
    return min(max(p, p_low + 1), p_high - 1)


def repair(
    graph: Graph,
    lo: IntArray,
    hi: IntArray,
    w: IntArray,
    cost: IntArray,
    budget: int,
    x: IntArray,
) -> IntArray:
    """A flow within the budget from one over it (module docstring): drop placements of least
    ``w_a / c_a`` until ``Σ c x ≤ B``, then add placements of most ``w_a / c_a`` that fit in the
    rest of the budget, each move keeping every arc within ``[lo, hi]``."""
    x = x.copy()
    n_arc, n_cls, n_slot = graph.num_network_arcs, graph.num_classes, graph.num_slots
    seat = n_arc + n_cls
    spent = int(cost @ x)

    def move(a: int, step: int) -> bool:
        c = int(graph.tail[a])
        k = int(graph.head[a]) - n_cls
        unplaced = n_arc + c
        if (
            not lo[a] <= x[a] + step <= hi[a]
            or not lo[unplaced] <= x[unplaced] - step <= hi[unplaced]
        ):
            return False
        order = (seat + k, seat + n_slot + k) if step > 0 else (seat + n_slot + k, seat + k)
        for s in order:
            if lo[s] <= x[s] + step <= hi[s]:
                x[a] += step
                x[unplaced] -= step
                x[s] += step
                return True
        return False

    arcs = np.flatnonzero((x[:n_arc] > lo[:n_arc]) & (cost[:n_arc] > 0))
    ratio = w[arcs] / cost[arcs]
    for a in arcs[np.lexsort((-cost[arcs], ratio))].tolist():
        while spent > budget and move(a, -1):
            spent -= int(cost[a])
        if spent <= budget:
            break
    if spent > budget:
        return x  # cannot fit (the caller checks the budget)
    arcs = np.flatnonzero((x[:n_arc] < hi[:n_arc]) & (w[:n_arc] > 0))
    safe = np.maximum(cost[arcs], 1)
    ratio = w[arcs] / safe
    for a in arcs[np.lexsort((cost[arcs], -ratio))].tolist():
        while spent + int(cost[a]) <= budget and move(a, 1):
            spent += int(cost[a])
    return x
