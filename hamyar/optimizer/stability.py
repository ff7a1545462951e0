"""Which placements a stable allocation can make: fixing what every stable allocation decides.

Every unit ranks students by the same precedence order, so an allocation is stable (no
justified envy) exactly when each student, in precedence order, holds a unit of the best rank
that still had a free seat of his or her gender after the students before him or her took
theirs (serial dictatorship; with ties — an area naming several units at one rank — any of the
tied units that was free). Ties make several stable allocations.

Walking the students in precedence order, keep for each slot ``k`` an interval
``[lo_k, hi_k]`` that holds, in every stable allocation, the number of seats of ``k`` taken by
the students already walked. For the next student ``s`` and each rank group of his or her
units, best first:

* a unit with ``lo_k ≥ cap_k`` is full in every stable allocation; one with ``hi_k < cap_k`` is
  free in every one;
* if the group has a unit free in every stable allocation, ``s`` is placed at this rank or a
  better one, always: the possible placements are the group's units not always full, plus those
  of the better groups; otherwise ``s`` may also fall to the next group (or stay unplaced).

If only one placement is possible, every stable allocation makes it (``lo`` and ``hi`` of its
slot both grow); otherwise each possible slot's ``hi`` grows. The intervals stay valid by
induction, so fixing the impossible arcs to 0 and the certain ones to 1 removes no stable
allocation — an exact reduction of the CP-SAT model, which then decides only the students the
ties really leave open. Soft pins (kept pins hold seats regardless of precedence) turn it off.
"""

from __future__ import annotations

import numpy as np

from hamyar.optimizer.flow import Graph
from hamyar.optimizer.network import IntArray, Network


def stable_bounds(network: Network, graph: Graph) -> tuple[IntArray, IntArray]:
    """Arc bounds ``(lo, hi)`` of the graph that keep every stable allocation (module
    docstring); every class is one student, the classes in precedence order."""
    lo = np.zeros(graph.num_arcs, dtype=np.int64)
    hi = graph.cap.copy()
    if network.soft_pins:
        return lo, hi
    cap = network.slot_caps()
    fill_lo = np.zeros(len(network.slots), dtype=np.int64)
    fill_hi = np.zeros(len(network.slots), dtype=np.int64)
    arcs_of: list[list[int]] = [[] for _ in range(network.num_classes)]
    for a, c in enumerate(network.arc_class.tolist()):
        arcs_of[c].append(a)
    ranks = network.arc_rank.tolist()
    slots = network.arc_slot.tolist()
    unplaced = graph.num_network_arcs
    order = sorted(
        range(network.num_classes), key=lambda c: network.position[network.members[c][0]]
    )
    for c in order:
        arcs = sorted(arcs_of[c], key=lambda a: ranks[a])
        possible: list[int] = []
        surely_placed = False
        i = 0
        while i < len(arcs):
            j = i
            while j < len(arcs) and ranks[arcs[j]] == ranks[arcs[i]]:
                j += 1
            group = arcs[i:j]
            possible.extend(a for a in group if fill_lo[slots[a]] < cap[slots[a]])
            if any(fill_hi[slots[a]] < cap[slots[a]] for a in group):
                surely_placed = True
                break
            i = j
        for a in arcs:
            if a not in possible:
                hi[a] = 0
        if surely_placed:
            hi[unplaced + c] = 0
        if surely_placed and len(possible) == 1:
            a = possible[0]
            lo[a] = 1
            fill_lo[slots[a]] += 1
            fill_hi[slots[a]] += 1
        else:
            for a in possible:
                fill_hi[slots[a]] += 1
        if not possible:
            lo[unplaced + c] = 1
    return lo, hi
