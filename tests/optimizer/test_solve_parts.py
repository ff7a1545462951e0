"""The parts behind ``solve``: the network and its classes and components, the exact scaling
of levels, the optimal face, the budget's pricing and the stable bounds, each checked against
enumeration on small instances."""

from __future__ import annotations

import random
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from optfixtures import all_placements, eligibility_of, problem_of, random_instance, student, unit

from hamyar.errors import InfeasibleError
from hamyar.models import Gender, Policy
from hamyar.models.pay import planned_term_cost_rial
from hamyar.optimizer.envy import justified_envy
from hamyar.optimizer.flow import FaceFlow, build_graph, radices
from hamyar.optimizer.infeasible import hard_placements
from hamyar.optimizer.lagrange import price_budget, repair
from hamyar.optimizer.network import CostTable, Options, build_network, components, split
from hamyar.optimizer.objective import build_levels, effective_terms
from hamyar.optimizer.placement import complete_flow, to_flow, to_placement
from hamyar.optimizer.stable.bounds import DEPENDS, NO_SEAT_LEFT, SEAT_LEFT, stable_bounds
from hamyar.optimizer.stable.tiebreak import look_ahead_start, serial_dictatorship

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
    bounds = stable_bounds(network, graph)
    lo, hi = bounds.lo, bounds.hi
    for p in all_placements(problem, eligibility):
        if justified_envy(problem, eligibility, p, pins=problem.pins):
            continue
        x = to_flow(network, graph, p)
        assert ((x >= lo) & (x <= hi)).all()


def _stable_network(problem, eligibility):  # type: ignore[no-untyped-def]
    placements = hard_placements(problem, eligibility, None)
    network = build_network(problem, eligibility, placements, Options(aggregate=False))
    return network, build_graph(network)


def test_a_slot_an_uncertain_student_reaches_first_is_full_after_him() -> None:
    """s1 (area of U0 and U1, one seat each) leaves U0 free or not; s2 asks U0 first, so U0 is
    full after s2 either way (s1 or s2 holds it): s3 has no claim on U0."""
    apps = [
        student("s1", ["A"], gpa=19.0),
        student("s2", ["U0", "U2"], gpa=18.0),
        student("s3", ["U0", "U2", "U3"], gpa=17.0),
    ]
    units = [unit("U0", 1, area="A"), unit("U1", 1, area="A"), unit("U2", 1), unit("U3", 1)]
    problem = problem_of(apps, units, Policy(stable=True))
    network, graph = _stable_network(problem, eligibility_of(problem))
    bounds = stable_bounds(network, graph)
    (s3,) = [c for c, m in enumerate(network.members) if m == ("s3",)]
    arcs = {
        network.slots[int(network.arc_slot[a])].unit_code: a
        for a in range(network.num_arcs)
        if network.arc_class[a] == s3
    }
    assert bounds.hi[arcs["U0"]] == 0
    assert bounds.seat_left[arcs["U0"]] == NO_SEAT_LEFT
    assert bounds.seat_left[arcs["U3"]] == SEAT_LEFT  # nobody before s3 can take U3
    assert bounds.hi[arcs["U2"]] == 1 and bounds.hi[arcs["U3"]] == 1  # s3: U2 or U3


def _serial_dictatorship(network, rng: random.Random) -> tuple[dict[int, int], dict[int, bool]]:  # type: ignore[no-untyped-def]
    """Students in precedence order, each taking a free slot of his or her best rank with one
    (a tie broken at random): the placement (class → arc) and, per arc, whether a seat of its
    slot was left when its student's turn came."""
    cap = network.slot_caps().tolist()
    fill = [0] * len(cap)
    arcs_of: dict[int, list[int]] = {}
    for a, c in enumerate(network.arc_class.tolist()):
        arcs_of.setdefault(c, []).append(a)
    placed: dict[int, int] = {}
    left: dict[int, bool] = {}
    order = sorted(arcs_of, key=lambda c: network.position[network.members[c][0]])
    for c in order:
        for a in arcs_of[c]:
            left[a] = fill[int(network.arc_slot[a])] < cap[int(network.arc_slot[a])]
        for rank in sorted({int(network.arc_rank[a]) for a in arcs_of[c]}):
            free = [a for a in arcs_of[c] if network.arc_rank[a] == rank and left[a]]
            if free:
                a = rng.choice(free)
                placed[c] = a
                fill[int(network.arc_slot[a])] += 1
                break
    return placed, left


def _random_stable(rng: random.Random, n: int):  # type: ignore[no-untyped-def]
    """A random stable-mode instance with areas (ties), its network and graph."""
    problem, eligibility = random_instance(
        rng, n, rng.randint(4, 7), max_seats=3, policy=Policy(stable=True)
    )
    try:
        network, graph = _stable_network(problem, eligibility)
    except InfeasibleError:
        assume(False)
        raise
    return problem, eligibility, network, graph


@SETTINGS
@given(seed=st.integers(0, 10**6), n=st.integers(5, 60))
def test_stable_bounds_keep_sampled_stable_allocations(seed: int, n: int) -> None:
    """Beyond enumeration: random tie-breaks of the serial dictatorship (each one stable, as
    the envy count confirms) stay within the bounds and agree with every known cut-off."""
    rng = random.Random(seed)
    problem, eligibility, network, graph = _random_stable(rng, n)
    bounds = stable_bounds(network, graph)
    for _ in range(10):
        placed, left = _serial_dictatorship(network, rng)
        placement = to_placement(network, _flow_of(network, graph, placed))
        assert justified_envy(problem, eligibility, placement, pins=problem.pins) == ()
        x = to_flow(network, graph, placement)
        assert ((x >= bounds.lo) & (x <= bounds.hi)).all()
        for a, seat in left.items():
            if bounds.seat_left[a] != DEPENDS:
                assert bounds.seat_left[a] == (SEAT_LEFT if seat else NO_SEAT_LEFT)


def _flow_of(network, graph, placed: dict[int, int]):  # type: ignore[no-untyped-def]
    arcs = np.zeros(network.num_arcs, dtype=np.int64)
    for a in placed.values():
        arcs[a] = 1
    return complete_flow(network, graph, arcs)


@SETTINGS
@given(seed=st.integers(0, 10**6), n=st.integers(5, 60))
def test_look_ahead_start_is_stable_and_no_worse(seed: int, n: int) -> None:
    rng = random.Random(seed)
    problem, eligibility, network, graph = _random_stable(rng, n)
    levels = build_levels(problem.policy, network, effective_terms(problem.policy, None))
    weights = [graph.arc_weights(level.arc, level.fill_bonus) for level in levels]
    plain = serial_dictatorship(network, graph, [0] * len(network.slots))
    start = look_ahead_start(network, graph, weights, [plain])
    for x in (plain, start):
        placement = to_placement(network, x)
        assert justified_envy(problem, eligibility, placement, pins=problem.pins) == ()
    assert [int(w @ start) for w in weights] >= [int(w @ plain) for w in weights]


def test_cost_table_agrees_with_the_cost_function() -> None:
    """The table's shared values (one per degree, marital status, planned hours and bonus)
    equal :func:`planned_term_cost_rial` for every applicant and unit, bonus rules on or off."""
    rng = random.Random(3)
    problem, _ = random_instance(rng, 40, 6, max_seats=3)
    units = list(problem.units)
    units[0] = units[0].model_copy(update={"hours_per_month": Decimal(25)})
    units[1] = units[1].model_copy(update={"hours_per_month": Decimal("12.5"), "area": "lab"})
    bonus = {"name": "lab", "percent": 10, "areas": ["lab"], "min_gpa": "17"}
    for extra in ({}, {"bonus_rules": [bonus]}):
        policy = problem.policy.with_overrides(extra)
        case = problem.model_copy(update={"units": tuple(units), "policy": policy})
        table = CostTable(case)
        for app in case.applicants:
            for place in case.units:
                assert table(app, place) == planned_term_cost_rial(app, place, policy)
