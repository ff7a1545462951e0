"""Side constraints on planned cost: what a budget leaves, per institution and per unit.

Kept apart from :mod:`hamyar.optimizer.cpsat` so that runs without a budget never import
CP-SAT (which brings pandas with it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from hamyar.optimizer.network import IntArray, Network


@dataclass(frozen=True)
class Budgets:
    """Side constraints on planned cost (rials), net of the fixed students' cost.

    ``arc_cost[a]`` is the planned term cost of one student on network arc ``a``
    (:func:`hamyar.models.pay.planned_term_cost_rial`); ``total`` the institution's budget
    left; ``per_unit`` each capped unit's budget left.
    """

    arc_cost: IntArray
    total: int | None
    per_unit: Mapping[str, int]

    def unit_arcs(self, network: Network) -> dict[str, IntArray]:
        """Network arcs into each capped unit's slots."""
        unit_of_slot = np.array([s.unit_code for s in network.slots], dtype=object)
        units = unit_of_slot[network.arc_slot] if network.num_arcs else np.array([], dtype=object)
        return {code: np.flatnonzero(units == code) for code in sorted(self.per_unit)}

    def satisfied(self, network: Network, x: IntArray) -> bool:
        """Whether a flow keeps every budget."""
        spent = self.arc_cost * x[: network.num_arcs]
        if self.total is not None and int(spent.sum()) > self.total:
            return False
        return all(
            int(spent[arcs].sum()) <= self.per_unit[code]
            for code, arcs in self.unit_arcs(network).items()
        )
