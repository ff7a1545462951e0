"""The linear relaxation of budgeted levels: a valid bound, and neighbourhoods that keep a
feasible allocation; and the time limit of the budgeted levels."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamyar.models import Problem, SolveStatus
from hamyar.optimizer.cpsat import AllocationModel, Budgets
from hamyar.optimizer.cpsearch import maximise, neighbourhood
from hamyar.optimizer.flow import FaceFlow, build_graph
from hamyar.optimizer.level import Deadline
from hamyar.optimizer.placement import to_flow
from hamyar.optimizer.relaxation import Relaxation, fractional_free, rins_free
from hamyar.optimizer.solve import solve
from hamyar.optimizer.stages import Prepared, lexicographic_cpsat

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@dataclass
class _BudgetedCase:
    """A small instance under a term budget: its coverage and rank levels, flow face,
    relaxation, and every affordable allocation (brute force)."""

    cover: np.ndarray
    rank: np.ndarray
    face: FaceFlow
    relaxation: Relaxation
    affordable: list[np.ndarray]


@pytest.fixture(scope="module")
def budgeted_case(all_placements, network_of):
    def _budgeted_case(seed: int, n: int, budget: int) -> _BudgetedCase:
        problem, eligibility, network = network_of(seed, n, aggregate=False)
        graph = build_graph(network)
        limit = budget * 1_000_000
        budgets = Budgets(arc_cost=network.arc_cost, total=limit, per_unit={})
        cost = np.zeros(graph.num_arcs, dtype=np.int64)
        cost[: network.num_arcs] = network.arc_cost
        cover = graph.arc_weights(np.ones(network.num_arcs, dtype=np.int64))
        rank = graph.arc_weights((network.max_rank + 1 - network.arc_rank).astype(np.int64))
        face = FaceFlow(graph)
        relaxation = Relaxation(network, graph, face.lo, face.hi, budgets)
        flows = [to_flow(network, graph, p) for p in all_placements(problem, eligibility)]
        affordable = [x for x in flows if int(cost @ x) <= limit]
        return _BudgetedCase(cover, rank, face, relaxation, affordable)

    return _budgeted_case


@SETTINGS
@given(seed=st.integers(0, 10**6), n=st.integers(1, 6), budget=st.integers(0, 150))
def test_relaxation_bounds_the_budgeted_optimum(
    seed: int, n: int, budget: int, budgeted_case
) -> None:
    """⌊LP⌋ ≥ the best affordable coverage (brute force), with a held level as a row."""
    case = budgeted_case(seed, n, budget)
    cover, rank, relaxation, affordable = case.cover, case.rank, case.relaxation, case.affordable
    best_cover = max(int(cover @ x) for x in affordable)
    relaxed = relaxation.solve(cover, 10.0)
    assert relaxed is not None
    assert relaxed.bound >= best_cover
    relaxation.hold(cover, best_cover)
    relaxed = relaxation.solve(rank, 10.0)
    assert relaxed is not None
    held = [x for x in affordable if int(cover @ x) >= best_cover]
    assert relaxed.bound >= max(int(rank @ x) for x in held)


@SETTINGS
@given(seed=st.integers(0, 10**6), n=st.integers(1, 6), budget=st.integers(0, 150))
def test_neighbourhoods_keep_the_current_allocation_reachable(
    seed: int, n: int, budget: int, network_of
) -> None:
    """RINS frees every arc where the relaxation and the current allocation differ, so the
    current allocation stays in its neighbourhood and the search finds at least as good."""
    _, _, network = network_of(seed, n, aggregate=False)
    graph = build_graph(network)
    budgets = Budgets(arc_cost=network.arc_cost, total=budget * 1_000_000, per_unit={})
    cost = np.zeros(graph.num_arcs, dtype=np.int64)
    cost[: network.num_arcs] = network.arc_cost
    face = FaceFlow(graph)
    current = face.maximise(-cost)  # the cheapest flow: within any budget ≥ 0
    cover = graph.arc_weights(np.ones(network.num_arcs, dtype=np.int64))
    relaxed = Relaxation(network, graph, face.lo, face.hi, budgets).solve(cover, 10.0)
    assert relaxed is not None
    frac = np.abs(relaxed.x - np.round(relaxed.x)) > 1e-6
    assert fractional_free(graph, relaxed.x)[frac].all()
    free = rins_free(graph, relaxed.x, current)
    assert free[np.abs(relaxed.x - current) > 1e-6].all()
    model = AllocationModel(network, graph, face.lo, face.hi, budgets=budgets)
    found = neighbourhood(model, cover, current, free, time_limit_s=10.0, upper_bound=relaxed.bound)
    assert found is not None
    assert int(cover @ found) >= int(cover @ current)
    assert budgets.satisfied(network, found)


def _with_budget(problem: Problem, rial: int) -> Problem:
    policy = problem.policy.with_overrides({"budget_term_rial": rial})
    return Problem.create(
        problem.applicants, problem.units, problem.rejections, policy, problem.term, problem.name
    )


def test_time_up_keeps_a_feasible_allocation(within_budget, network_of) -> None:
    """With no time left, the levels after the first binding one keep the cheapest flow,
    marked as stopped by the time limit, and the budget holds."""
    problem, eligibility, _ = network_of(7, 6, aggregate=False)
    problem = _with_budget(problem, 1)  # binds: nobody affordable
    allocation = solve(problem, eligibility, time_limit_s=1e-9)
    placement = {a.student_id: a.unit_code for a in allocation.assignments}
    assert within_budget(problem, placement)
    assert any(s.method == "time-limit" for s in allocation.stages)
    assert all(s.status in (SolveStatus.optimal, SolveStatus.feasible) for s in allocation.stages)


def test_a_preparation_that_uses_the_time_up_is_not_followed_by_a_search(network_of) -> None:
    """When a level's preparation ends after the deadline, CP-SAT is not started (its model
    load alone would overrun): the level keeps the prepared start and bound, unproven, and is
    held for the next."""
    _, _, network = network_of(11, 6, aggregate=False)
    graph = build_graph(network)
    face = FaceFlow(graph)
    cover = graph.arc_weights(np.ones(network.num_arcs, dtype=np.int64))
    start = face.maximise(-cover)  # the emptiest allocation: room to improve
    model = AllocationModel(network, graph, face.lo, face.hi)
    deadline = Deadline(0.05)
    top = int(cover @ face.maximise(cover))
    searched: list[float] = []
    model.maximise = lambda *a, **k: searched.append(1.0)  # type: ignore[method-assign]

    def prepare(k: int, x: object, values: object, proven: bool) -> Prepared:
        while not deadline.passed():
            time.sleep(0.01)
        return Prepared(start, top, 0.0, "lp")

    x, stages = lexicographic_cpsat(model, [cover], start, 1, deadline, prepare=prepare)
    assert searched == []
    assert x is start
    (stage,) = stages
    value = int(cover @ start)
    assert value < top
    assert (stage.status, stage.value, stage.bound) == (SolveStatus.feasible, value, top)


@SETTINGS
@given(seed=st.integers(0, 10**6), n=st.integers(1, 6), budget=st.integers(0, 150))
def test_reduced_cost_box_keeps_every_allocation_at_least_as_good(
    seed: int, n: int, budget: int, budgeted_case
) -> None:
    """Every affordable allocation (brute force) with ``Σ w x ≥ t`` lies in the box of ``t``,
    for every ``t`` up to the bound, at a first level and at a level held after it."""
    case = budgeted_case(seed, n, budget)
    relaxation, face, affordable = case.relaxation, case.face, case.affordable
    for w in (case.cover, case.rank):
        relaxed = relaxation.solve(w, 10.0)
        assert relaxed is not None
        values = [int(w @ x) for x in affordable]
        for t in range(min(values), relaxed.bound + 1):
            lo, hi = relaxed.box(t)
            assert (lo >= face.lo).all() and (hi <= face.hi).all()
            for x, value in zip(affordable, values, strict=True):
                if value >= t:
                    assert (lo <= x).all() and (x <= hi).all()
        best = max(values)
        relaxation.hold(w, best)
        affordable = [x for x, value in zip(affordable, values, strict=True) if value >= best]


def test_reduced_cost_box_narrows_by_the_slack(network_of) -> None:
    """Coverage without a budget: the relaxation is integral at the flow optimum. Asking for
    that optimum leaves no slack: every arc of reduced cost ≥ 1 is fixed, and something is;
    asking for far less narrows nothing."""
    _, _, network = network_of(3, 2, aggregate=False)
    graph = build_graph(network)
    face = FaceFlow(graph)
    cover = graph.arc_weights(np.ones(network.num_arcs, dtype=np.int64))
    budgets = Budgets(arc_cost=network.arc_cost, total=None, per_unit={})
    relaxed = Relaxation(network, graph, face.lo, face.hi, budgets).solve(cover, 10.0)
    assert relaxed is not None
    best = int(cover @ face.maximise(cover))
    assert relaxed.bound == best
    lo, hi = relaxed.box(best)
    free = face.hi > face.lo
    x = np.round(relaxed.x).astype(np.int64)
    assert ((lo > face.lo) | (hi < face.hi)).any()  # something is fixed at slack 0
    assert (lo <= x).all() and (x <= hi).all()
    tight = np.abs(relaxed.reduced) > 0.5
    assert ((lo == hi) | ~(free & tight)).all()  # every arc of reduced cost ≥ 1 is fixed
    lo0, hi0 = relaxed.box(best - 10**6)
    assert (lo0 == face.lo).all() and (hi0 == face.hi).all()


def test_a_search_within_better_keeps_the_start_when_nothing_better_is_there(network_of) -> None:
    """A level searched within a box holding every better allocation: what CP-SAT finds there
    that is worse than the start is dropped for the start, proven optimal; the model's domains
    are as before afterwards."""
    _, _, network = network_of(11, 6, aggregate=False)
    graph = build_graph(network)
    face = FaceFlow(graph)
    cover = graph.arc_weights(np.ones(network.num_arcs, dtype=np.int64))
    best = face.maximise(cover)
    top = int(cover @ best)
    model = AllocationModel(network, graph, face.lo, face.hi)
    domains = [list(v.domain) for v in model.model.proto.variables]
    nothing = (face.lo.copy(), face.lo.copy())  # every arc at its lower bound: worse

    def prepare(k: int, x: object, values: object, proven: bool) -> Prepared:
        return Prepared(best, top + 1, 0.0, "lp", better=nothing)

    deadline = Deadline(10.0)
    x, stages = lexicographic_cpsat(model, [cover], best, 1, deadline, prepare=prepare)
    assert x is best
    (stage,) = stages
    assert (stage.status, stage.value, stage.bound) == (SolveStatus.optimal, top, top)
    assert [list(v.domain) for v in model.model.proto.variables] == domains


def test_a_narrowed_model_keeps_the_narrowed_bounds(network_of) -> None:
    """:meth:`AllocationModel.narrow` holds from then on: an arc the optimum uses, fixed at 0,
    is 0 in what CP-SAT finds next."""
    _, _, network = network_of(11, 6, aggregate=False)
    graph = build_graph(network)
    face = FaceFlow(graph)
    cover = graph.arc_weights(np.ones(network.num_arcs, dtype=np.int64))
    best = face.maximise(cover)
    model = AllocationModel(network, graph, face.lo, face.hi)
    n = network.num_arcs
    used = int(np.flatnonzero((best[:n] > 0) & (face.lo[:n] < face.hi[:n]))[0])
    hi = face.hi.copy()
    hi[used] = 0
    model.narrow(face.lo, hi)
    outcome = maximise(model, cover, time_limit_s=10.0, workers=1)
    assert outcome.x is not None
    assert outcome.x[used] == 0


def test_budget_race_keeps_to_the_workers(monkeypatch: pytest.MonkeyPatch, network_of) -> None:
    """A budgeted level starts one search per worker (up to the portfolio), each single-worker,
    and finds the same optimum with one or two."""
    from hamyar.optimizer import cpsearch

    _, _, network = network_of(11, 6, aggregate=False)
    graph = build_graph(network)
    face = FaceFlow(graph)
    cover = graph.arc_weights(np.ones(network.num_arcs, dtype=np.int64))
    total = int(network.arc_cost.sum()) // 2
    budgets = Budgets(arc_cost=network.arc_cost, total=total, per_unit={})
    made: list[int] = []
    real = cpsearch.make_solver

    def counting(time_limit_s: float, workers: int = 1) -> object:
        made.append(workers)
        return real(time_limit_s, workers)

    monkeypatch.setattr(cpsearch, "make_solver", counting)
    values = []
    for workers in (1, 2):
        made.clear()
        model = AllocationModel(network, graph, face.lo, face.hi, budgets=budgets)
        outcome = maximise(model, cover, time_limit_s=10.0, workers=workers)
        assert made == [1] * workers
        assert outcome.status is SolveStatus.optimal
        values.append(outcome.value)
    assert values[0] == values[1]
