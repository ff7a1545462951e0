"""The stable bounds: every stable allocation, enumerated or sampled, stays within them."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamyar.models import Policy
from hamyar.optimizer.envy import justified_envy
from hamyar.optimizer.flow import build_graph
from hamyar.optimizer.placement import to_flow, to_placement
from hamyar.optimizer.stable.bounds import DEPENDS, NO_SEAT_LEFT, SEAT_LEFT, stable_bounds

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(seed=st.integers(0, 10**6), n=st.integers(1, 7))
def test_stable_bounds_keep_every_stable_allocation(
    seed: int, n: int, all_placements, network_of
) -> None:
    problem, eligibility, network = network_of(seed, n, aggregate=False, pins=0.2)
    graph = build_graph(network)
    bounds = stable_bounds(network, graph)
    lo, hi = bounds.lo, bounds.hi
    for p in all_placements(problem, eligibility):
        if justified_envy(problem, eligibility, p, pins=problem.pins):
            continue
        x = to_flow(network, graph, p)
        assert ((x >= lo) & (x <= hi)).all()


def test_a_slot_an_uncertain_student_reaches_first_is_full_after_him(
    student, unit, problem_of, eligibility_of, stable_network
) -> None:
    """s1 (area of U0 and U1, one seat each) leaves U0 free or not; s2 asks U0 first, so U0 is
    full after s2 either way (s1 or s2 holds it): s3 has no claim on U0."""
    apps = [
        student("s1", ["A"], gpa=19.0),
        student("s2", ["U0", "U2"], gpa=18.0),
        student("s3", ["U0", "U2", "U3"], gpa=17.0),
    ]
    units = [unit("U0", 1, area="A"), unit("U1", 1, area="A"), unit("U2", 1), unit("U3", 1)]
    problem = problem_of(apps, units, Policy(stable=True))
    network, graph = stable_network(problem, eligibility_of(problem))
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


@SETTINGS
@given(seed=st.integers(0, 10**6), n=st.integers(5, 60))
def test_stable_bounds_keep_sampled_stable_allocations(
    seed: int, n: int, random_stable, flow_of
) -> None:
    """Beyond enumeration: random tie-breaks of the serial dictatorship (each one stable, as
    the envy count confirms) stay within the bounds and agree with every known cut-off."""
    rng = random.Random(seed)
    problem, eligibility, network, graph = random_stable(rng, n)
    bounds = stable_bounds(network, graph)
    for _ in range(10):
        placed, left = _serial_dictatorship(network, rng)
        placement = to_placement(network, flow_of(network, graph, placed))
        assert justified_envy(problem, eligibility, placement, pins=problem.pins) == ()
        x = to_flow(network, graph, placement)
        assert ((x >= bounds.lo) & (x <= bounds.hi)).all()
        for a, seat in left.items():
            if bounds.seat_left[a] != DEPENDS:
                assert bounds.seat_left[a] == (SEAT_LEFT if seat else NO_SEAT_LEFT)
