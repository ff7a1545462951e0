"""A stable start for the stable CP-SAT levels: the serial dictatorship with look-ahead ties.

Every stable allocation is a serial dictatorship (:mod:`hamyar.optimizer.stable.bounds`): students
in precedence order, each taking a unit of his or her best rank that still has a seat of his or
her gender; with ties, the tied unit taken is a choice. Deferred acceptance makes those choices
blindly. Here a tied student takes, among the tied slots with a seat left, the one taken last
(or never filled) in the previous pass: the slot whose seat the weakest student would have had,
so the seat goes where it displaces least. A few passes, each from the last one's fill order;
the lexicographically best of them (and of the starts given) is the start.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from hamyar.optimizer.flow import Graph
from hamyar.optimizer.network import IntArray, Network
from hamyar.optimizer.placement import complete_flow

PASSES = 3
"""Look-ahead passes after the first."""


def serial_dictatorship(network: Network, graph: Graph, prefer: Sequence[int]) -> IntArray:
    """The graph flow of the serial dictatorship (every class one student), ties broken by the
    highest ``prefer[k]`` of the tied slots with a seat left, then the lowest slot index."""
    cap = network.slot_caps().tolist()
    fill = [0] * len(cap)
    slots = network.arc_slot.tolist()
    ranks = network.arc_rank.tolist()
    arcs_of: list[list[int]] = [[] for _ in range(network.num_classes)]
    for a, c in enumerate(network.arc_class.tolist()):
        arcs_of[c].append(a)
    order = sorted(
        range(network.num_classes), key=lambda c: network.position[network.members[c][0]]
    )
    taken = np.zeros(network.num_arcs, dtype=np.int64)
    for c in order:
        for a in sorted(arcs_of[c], key=lambda a: (ranks[a], -prefer[slots[a]], slots[a])):
            k = slots[a]
            if fill[k] < cap[k]:
                fill[k] += 1
                taken[a] = 1
                break
    return complete_flow(network, graph, taken)


def last_taken(network: Network, x: IntArray) -> list[int]:
    """Per slot, the precedence position of the last student placed in it, or a position after
    everyone's when it has a seat left: the slot taken last is the least contested."""
    cap = network.slot_caps().tolist()
    position = network.position
    after = len(position) + 1
    fill = np.bincount(
        network.arc_slot, weights=x[: network.num_arcs], minlength=len(network.slots)
    ).tolist()
    last = [after if fill[k] < cap[k] else -1 for k in range(len(cap))]
    for a in np.flatnonzero(x[: network.num_arcs]).tolist():
        k = int(network.arc_slot[a])
        if last[k] != after:
            member = network.members[int(network.arc_class[a])][0]
            last[k] = max(last[k], position[member])
    return last


def look_ahead_start(
    network: Network, graph: Graph, weights: Sequence[IntArray], starts: Sequence[IntArray]
) -> IntArray:
    """The lexicographically best of ``starts`` and of the look-ahead passes (module
    docstring), each pass breaking ties by the previous pass's :func:`last_taken`."""
    candidates = list(starts)
    x = starts[0] if starts else serial_dictatorship(network, graph, [0] * len(network.slots))
    for _ in range(PASSES):
        x = serial_dictatorship(network, graph, last_taken(network, x))
        candidates.append(x)
    return max(candidates, key=lambda y: tuple(int(w @ y) for w in weights))
