"""Between flows and placements: which student of a class takes which seat, and back.

A class's flow says how many of its students go to each of its slots; the students themselves
are interchangeable for the objective and the constraints, so the choice is free. It is made to
favour precedence (:mod:`hamyar.optimizer.precedence`): the class's students, strongest first,
take its placements in the order (kept pin first, then rank, then unit code), the unplaced last.
Within a class this leaves no justified envy, and it is deterministic.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from hamyar.optimizer.flow import Graph
from hamyar.optimizer.network import IntArray, Network


def to_placement(network: Network, x: IntArray) -> dict[str, str]:
    """``{student_id: unit_code}`` of the fixed students and of flow ``x`` (module docstring)."""
    placement = dict(network.fixed)
    flows = x[: network.num_arcs]
    by_class: dict[int, list[int]] = {}
    for a in np.flatnonzero(flows).tolist():
        by_class.setdefault(int(network.arc_class[a]), []).append(a)
    for c, arcs in by_class.items():
        arcs.sort(
            key=lambda a: (
                not network.arc_pin[a],
                int(network.arc_rank[a]),
                network.slots[int(network.arc_slot[a])].unit_code,
            )
        )
        members = iter(network.members[c])
        for a in arcs:
            code = network.slots[int(network.arc_slot[a])].unit_code
            for _ in range(int(flows[a])):
                placement[next(members)] = code
    return placement


def to_flow(network: Network, graph: Graph, placement: Mapping[str, str]) -> IntArray:
    """The flow of a placement (students outside the network are ignored)."""
    x = np.zeros(network.num_arcs, dtype=np.int64)
    class_of = {sid: c for c, members in enumerate(network.members) for sid in members}
    arc_of: dict[tuple[int, str], int] = {}
    for a in range(network.num_arcs):
        code = network.slots[int(network.arc_slot[a])].unit_code
        arc_of[(int(network.arc_class[a]), code)] = a
    for sid, code in placement.items():
        c = class_of.get(sid)
        if c is None:
            continue
        arc = arc_of.get((c, code))
        if arc is not None:
            x[arc] += 1
    return complete_flow(network, graph, x)


def complete_flow(network: Network, graph: Graph, arcs: IntArray) -> IntArray:
    """The whole graph's flow from the class → slot arc counts: the unplaced rest of each class,
    and each slot's fill split into its minimum-fill and other seat arcs."""
    x = np.zeros(graph.num_arcs, dtype=np.int64)
    x[: network.num_arcs] = arcs
    placed = np.bincount(network.arc_class, weights=arcs, minlength=graph.num_classes)
    start = network.num_arcs
    x[start : start + graph.num_classes] = network.cls_count - placed.astype(np.int64)
    fill = np.bincount(network.arc_slot, weights=arcs, minlength=graph.num_slots).astype(np.int64)
    seat = start + graph.num_classes
    bonus = np.minimum(fill, graph.cap[seat : seat + graph.num_slots])
    x[seat : seat + graph.num_slots] = bonus
    x[seat + graph.num_slots : seat + 2 * graph.num_slots] = fill - bonus
    return x
