"""The parts behind ``solve``: the network and its classes and components, the exact scaling
of levels, the optimal face, the budget's pricing and the stable bounds, each checked against
enumeration on small instances."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from optfixtures import all_placements, eligibility_of, problem_of, random_instance, student, unit

from hamyar.errors import InfeasibleError
from hamyar.models import Gender, Policy
from hamyar.optimizer.envy import justified_envy
from hamyar.optimizer.flow import FaceFlow, build_graph, radices
from hamyar.optimizer.infeasible import hard_placements
from hamyar.optimizer.lagrange import price_budget, repair
from hamyar.optimizer.network import CostTable, Options, build_network, components, split
from hamyar.optimizer.objective import build_levels, effective_terms
from hamyar.optimizer.placement import to_flow, to_placement
from hamyar.optimizer.stability import stable_bounds

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def network_of(seed: int, n: int, *, aggregate: bool = True, pins: float = 0.0, **policy: object):
    rng = random.Random(seed)
    problem, eligibility = random_instance(
        rng,
        n,
        rng.randint(2, 4),
        pins=pins,
        policy=Policy(**policy),  # type: ignore[arg-type]
    )
    costs = CostTable(problem)
    try:
        placements = hard_placements(problem, eligibility, None)
    except InfeasibleError:
        assume(False)
        raise
    options = Options(aggregate=aggregate, use_gpa=True, use_cost=True)
    network = build_network(problem, eligibility, placements, options, costs=costs)
    return problem, eligibility, network


def test_classes_group_interchangeable_students() -> None:
    apps = [student(f"s{i}", ["X", "Y"]) for i in range(5)] + [student("m", ["X"], Gender.male)]
    problem = problem_of(apps, [unit("X", 2, 1), unit("Y", 2)])
    placements = hard_placements(problem, eligibility_of(problem), None)
    network = build_network(problem, eligibility_of(problem), placements, Options())
    assert sorted(len(m) for m in network.members) == [1, 5]
    assert network.num_arcs == 3  # the class of five has two arcs, the man one
    alone = build_network(problem, eligibility_of(problem), placements, Options(aggregate=False))
    assert len(alone.members) == 6


def test_components_split_genders_and_unlinked_units() -> None:
    apps = [student("f", ["X"]), student("m", ["X"], Gender.male), student("g", ["Z"])]
    problem = problem_of(apps, [unit("X", 1, 1), unit("Z", 1)])
    placements = hard_placements(problem, eligibility_of(problem), None)
    network = build_network(problem, eligibility_of(problem), placements, Options())
    assert len(set(components(network).tolist())) == 3
    parts = split(network)
    assert sorted(len(ids) for _, ids in parts) == [1, 1, 1]
    assert sorted(int(i) for _, ids in parts for i in ids) == list(range(network.num_arcs))


def test_radices_refuse_what_does_not_fit() -> None:
    _, _, network = network_of(1, 6)
    graph = build_graph(network)
    assert radices(graph, [3, 4], [2, 1]) == [5, 1]
    with pytest.raises(OverflowError):
        radices(graph, [2**40, 2**40], [2**20, 2**20])


@SETTINGS
@given(seed=st.integers(0, 10**6), n=st.integers(1, 6))
def test_restricted_face_is_exactly_the_optimal_set(seed: int, n: int) -> None:
    problem, eligibility, network = network_of(seed, n, aggregate=False)
    graph = build_graph(network)
    levels = build_levels(problem.policy, network, effective_terms(problem.policy, None))
    w = graph.arc_weights(levels[0].arc, levels[0].fill_bonus)
    face = FaceFlow(graph)
    best = face.maximise(w)
    face.restrict(w, best)
    worst = face.maximise(-w)  # the worst flow left in the face is still optimal
    assert int(w @ worst) == int(w @ best)
    optimum = max(int(w @ to_flow(network, graph, p)) for p in all_placements(problem, eligibility))
    assert int(w @ best) == optimum
    # every optimal allocation stays in the face
    for p in all_placements(problem, eligibility):
        x = to_flow(network, graph, p)
        if int(w @ x) == optimum:
            assert ((x >= face.lo) & (x <= face.hi)).all()


@SETTINGS
@given(seed=st.integers(0, 10**6), n=st.integers(1, 6), budget=st.integers(0, 150))
def test_pricing_bound_start_and_fixing_keep_the_optimum(seed: int, n: int, budget: int) -> None:
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


def test_repair_fits_the_budget_and_refills() -> None:
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


@SETTINGS
@given(seed=st.integers(0, 10**6), n=st.integers(1, 7))
def test_stable_bounds_keep_every_stable_allocation(seed: int, n: int) -> None:
    problem, eligibility, network = network_of(seed, n, aggregate=False, pins=0.2)
    graph = build_graph(network)
    lo, hi = stable_bounds(network, graph)
    for p in all_placements(problem, eligibility):
        if justified_envy(problem, eligibility, p, pins=problem.pins):
            continue
        x = to_flow(network, graph, p)
        assert ((x >= lo) & (x <= hi)).all()
