"""What every way of solving the levels is given, and the one signature they share.

:func:`hamyar.optimizer.solve.solve` builds one :class:`LevelTask` and hands it to one
:data:`Strategy`: the lexicographic flows (``solve._solve_flows``), the budgeted levels
(:func:`hamyar.optimizer.budgeted.solve_budgeted`) or stable mode
(:func:`hamyar.optimizer.stable.search.solve_stable`). Each returns the whole graph's flow
(``None`` when nothing was found in time) and one :class:`~hamyar.optimizer.level.Stage` per
level.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hamyar.models import EligibilityResult, Problem
from hamyar.optimizer.budgets import Budgets
from hamyar.optimizer.flow import Graph
from hamyar.optimizer.level import Deadline, Stage
from hamyar.optimizer.network import IntArray, Network
from hamyar.optimizer.objective import Level
from hamyar.optimizer.params import SolverParams


@dataclass(frozen=True)
class LevelTask:
    """One problem's levels to solve: the network and its graph, the levels and their weights
    per graph arc, the budgets (``None`` without any), the solver's settings and the deadline."""

    problem: Problem
    eligibility: EligibilityResult
    network: Network
    graph: Graph
    levels: Sequence[Level]
    weights: Sequence[IntArray]
    budgets: Budgets | None
    params: SolverParams
    deadline: Deadline


Strategy = Callable[[LevelTask], tuple[IntArray | None, list[Stage]]]
"""A way of solving the levels (module docstring)."""
