"""The tie-break start: a serial dictatorship with look-ahead ties is stable and no worse."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamyar.optimizer.envy import justified_envy
from hamyar.optimizer.objective import build_levels, effective_terms
from hamyar.optimizer.placement import to_placement
from hamyar.optimizer.stable.tiebreak import look_ahead_start, serial_dictatorship

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(seed=st.integers(0, 10**6), n=st.integers(5, 60))
def test_look_ahead_start_is_stable_and_no_worse(seed: int, n: int, random_stable) -> None:
    rng = random.Random(seed)
    problem, eligibility, network, graph = random_stable(rng, n)
    levels = build_levels(problem.policy, network, effective_terms(problem.policy, None))
    weights = [graph.arc_weights(level.arc, level.fill_bonus) for level in levels]
    plain = serial_dictatorship(network, graph, [0] * len(network.slots))
    start = look_ahead_start(network, graph, weights, [plain])
    for x in (plain, start):
        placement = to_placement(network, x)
        assert justified_envy(problem, eligibility, placement, pins=problem.pins) == ()
    assert [int(w @ start) for w in weights] >= [int(w @ plain) for w in weights]
