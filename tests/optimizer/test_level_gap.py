"""A budgeted level after the first stops within ``level_gap`` of its bound
(:class:`~hamyar.optimizer.cpsearch.StopAt`): only once a solution within the gap is found and
its share of the time has passed, so that small instances still reach the exact optimum."""

from __future__ import annotations

import time

import numpy as np
import pytest

from hamyar.models import SolveStatus
from hamyar.optimizer import stages as stages_module
from hamyar.optimizer.cpsat import AllocationModel, Budgets
from hamyar.optimizer.cpsearch import StopAt, _Early, maximise
from hamyar.optimizer.flow import FaceFlow, build_graph
from hamyar.optimizer.level import Deadline
from hamyar.optimizer.params import SolverParams
from hamyar.optimizer.stages import Prepared, goal, lexicographic_cpsat


def test_goal_is_the_least_value_within_the_gap() -> None:
    assert goal(1000, 0.0025) == 998
    assert goal(399, 0.0025) == 399  # less than one unit: the bound itself
    assert goal(-1000, 0.0025) == -1002
    assert goal(57, 0.0) == 57


def test_an_early_end_waits_for_a_solution_within_the_gap_and_for_its_time() -> None:
    stopped: list[float] = []
    early = _Early(StopAt(10, after_s=0.3), lambda: stopped.append(time.perf_counter()))
    with early.running():
        early.seen(9)  # below the goal
        early.seen(10)  # within it, too early
        assert stopped == []
        time.sleep(0.6)  # the timer ends it
    assert len(stopped) == 1
    at_once: list[int] = []
    now = _Early(StopAt(10), lambda: at_once.append(1))
    with now.running():
        now.seen(9)
        assert at_once == []
        now.seen(11)
        assert at_once == [1]
    never: list[int] = []
    low = _Early(StopAt(10, after_s=0.05), lambda: never.append(1))
    with low.running():
        low.seen(3)
        time.sleep(0.2)
    assert never == []


@pytest.mark.parametrize("budgeted", [False, True])
def test_a_search_ended_early_keeps_a_feasible_allocation(network_of, budgeted: bool) -> None:
    """Ended at its first solution, a search gives a feasible allocation no better than the
    optimum; with the end after a long time, a small search proves the optimum first."""
    _, _, network = network_of(11, 6, aggregate=False)
    graph = build_graph(network)
    face = FaceFlow(graph)
    cover = graph.arc_weights(np.ones(network.num_arcs, dtype=np.int64))
    total = int(network.arc_cost.sum()) // 2
    budgets = Budgets(arc_cost=network.arc_cost, total=total, per_unit={}) if budgeted else None

    def search(stop_at: StopAt | None) -> tuple[SolveStatus, int, np.ndarray]:
        model = AllocationModel(network, graph, face.lo, face.hi, budgets=budgets)
        outcome = maximise(model, cover, time_limit_s=10.0, workers=2, stop_at=stop_at)
        assert outcome.x is not None
        return outcome.status, outcome.value, outcome.x

    status, best, _ = search(None)
    assert status is SolveStatus.optimal
    status, value, x = search(StopAt(0))
    assert status in (SolveStatus.optimal, SolveStatus.feasible)
    assert value <= best
    if budgets is not None:
        assert budgets.satisfied(network, x)
    assert search(StopAt(0, after_s=60.0))[:2] == (SolveStatus.optimal, best)


def test_only_the_levels_after_the_first_end_within_the_gap(
    monkeypatch: pytest.MonkeyPatch, network_of
) -> None:
    """``lexicographic_cpsat`` with a gap: the first level's search has no early end, each
    later one ends at the goal of its prepared bound after ``level_gap_share`` of its time."""
    _, _, network = network_of(11, 6, aggregate=False)
    graph = build_graph(network)
    face = FaceFlow(graph)
    cover = graph.arc_weights(np.ones(network.num_arcs, dtype=np.int64))
    rank = graph.arc_weights((network.max_rank + 1 - network.arc_rank).astype(np.int64))
    params = SolverParams(level_gap=0.25, level_gap_share=0.5)
    model = AllocationModel(network, graph, face.lo, face.hi, params=params)
    empty = face.maximise(-cover)
    seen: list[StopAt | None] = []
    real = stages_module.maximise

    def recording(*args: object, **kwargs: object) -> object:
        stop_at = kwargs["stop_at"]
        assert stop_at is None or isinstance(stop_at, StopAt)
        seen.append(stop_at)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stages_module, "maximise", recording)
    bounds = [int(cover @ face.maximise(cover)) + 1, int(rank @ face.maximise(rank)) + 8]

    def prepare(k: int, x: object, values: object, proven: bool) -> Prepared:
        return Prepared(None, bounds[k], 0.0, "lp")

    x, solved = lexicographic_cpsat(
        model, [cover, rank], empty, 1, Deadline(20.0), prepare=prepare, gap=0.25
    )
    assert x is not None
    assert seen[0] is None
    later = seen[1]
    assert later is not None
    assert later.value == goal(bounds[1], 0.25)
    assert 0 < later.after_s <= 10.0
    assert [s.status for s in solved] == [SolveStatus.optimal, SolveStatus.optimal]
