"""The flows: the exact mixed radix of levels and the optimal face, checked by enumeration."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamyar.optimizer.flow import FaceFlow, build_graph, radices
from hamyar.optimizer.objective import build_levels, effective_terms
from hamyar.optimizer.placement import to_flow

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_radices_refuse_what_does_not_fit(network_of) -> None:
    _, _, network = network_of(1, 6)
    graph = build_graph(network)
    assert radices(graph, [3, 4], [2, 1]) == [5, 1]
    with pytest.raises(OverflowError):
        radices(graph, [2**40, 2**40], [2**20, 2**20])


@SETTINGS
@given(seed=st.integers(0, 10**6), n=st.integers(1, 6))
def test_restricted_face_is_exactly_the_optimal_set(
    seed: int, n: int, all_placements, network_of
) -> None:
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
