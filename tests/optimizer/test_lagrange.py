"""The budget's pricing: bound, start and fixing keep the optimum; the repair fits the budget."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamyar.optimizer.flow import FaceFlow, build_graph
from hamyar.optimizer.infeasible import hard_placements
from hamyar.optimizer.lagrange import price_budget, repair
from hamyar.optimizer.network import CostTable, Options, build_network
from hamyar.optimizer.placement import to_flow, to_placement

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(seed=st.integers(0, 10**6), n=st.integers(1, 6), budget=st.integers(0, 150))
def test_pricing_bound_start_and_fixing_keep_the_optimum(
    seed: int, n: int, budget: int, all_placements, network_of
) -> None:
    problem, eligibility, network = network_of(seed, n, aggregate=False)
    graph = build_graph(network)
    cost = np.zeros(graph.num_arcs, dtype=np.int64)
    cost[: network.num_arcs] = network.arc_cost
    w = graph.arc_weights(np.ones(network.num_arcs, dtype=np.int64))  # coverage
    limit = budget * 1_000_000
    face = FaceFlow(graph)
    start = face.maximise(-cost)  # the cheapest flow: nobody placed
    priced = price_budget(graph, face.lo, face.hi, w, cost, limit, start, lambda x: True)
    assert priced is not None
    flows = [to_flow(network, graph, p) for p in all_placements(problem, eligibility)]
    affordable = [x for x in flows if int(cost @ x) <= limit]
    optimum = max(int(w @ x) for x in affordable)
    assert int(cost @ priced.x) <= limit
    assert priced.value == int(w @ priced.x) <= optimum <= priced.bound
    for x in affordable:
        if int(w @ x) == optimum:
            assert ((x >= priced.lo) & (x <= priced.hi)).all()


def test_repair_fits_the_budget_and_refills(student, unit, problem_of, eligibility_of) -> None:
    apps = [
        student(f"s{i}", ["X"], degree="phd" if i % 2 else "bachelor_continuous") for i in range(4)
    ]
    problem = problem_of(apps, [unit("X", 4)])
    placements = hard_placements(problem, eligibility_of(problem), None)
    network = build_network(
        problem,
        eligibility_of(problem),
        placements,
        Options(aggregate=False, use_cost=True),
        costs=CostTable(problem),
    )
    graph = build_graph(network)
    cost = np.zeros(graph.num_arcs, dtype=np.int64)
    cost[: network.num_arcs] = network.arc_cost
    w = graph.arc_weights(np.ones(network.num_arcs, dtype=np.int64))
    everyone = FaceFlow(graph).maximise(w)
    budget = 2 * 28_800_000 + 40_000_000
    fixed = repair(graph, np.zeros_like(graph.cap), graph.cap, w, cost, budget, everyone)
    assert int(cost @ fixed) <= budget
    placed = set(to_placement(network, fixed))
    assert len(placed) == 3  # one PhD dropped (least value per rial), the rest kept
    assert {"s0", "s2"} <= placed
