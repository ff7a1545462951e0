"""One level of the lexicographic objective, as solved, whichever way: the record, the bound
every level has, the stage of a level kept at a known allocation (the time left no room for a
search, or the search found none), the mixed radix that combines levels into one objective,
levels merged by it, and the deadline they share.

Flows (:func:`hamyar.optimizer.flow.solve_levels`), CP-SAT (:mod:`hamyar.optimizer.stages`,
:mod:`hamyar.optimizer.cpsearch`), the budgeted levels (:mod:`hamyar.optimizer.budgeted`) and
stable mode (:mod:`hamyar.optimizer.stable.search`) all report a level as a :class:`Stage`; the
level itself (its name, weights and reported units) is :class:`hamyar.optimizer.objective.Level`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from hamyar.models import SolveStatus
from hamyar.optimizer.network import IntArray
from hamyar.optimizer.params import DEFAULT_PARAMS


@dataclass(frozen=True)
class Stage:
    """One level as solved: status, value and bound in solved units, time and method, and the
    solution (graph arc values) when the solver that made it returns one."""

    status: SolveStatus
    value: int
    bound: int
    wall_time_s: float
    method: str
    x: IntArray | None = field(default=None, compare=False, repr=False)


def box_bound(w: IntArray, hi: IntArray) -> int:
    """The bound every level has within arc bounds ``hi``: ``Σ_a max(w_a, 0) · hi_a``."""
    return int(np.maximum(w, 0) @ hi)


def kept(
    w: IntArray,
    x: IntArray,
    bound: int,
    wall_time_s: float,
    method: str,
    *,
    solution: bool = False,
) -> Stage:
    """A level left at a known feasible allocation ``x`` with a proven ``bound``: its value on
    ``x``, optimal only when the two meet (``x`` kept as the stage's solution with
    ``solution``)."""
    value = int(w @ x)
    top = max(value, bound)
    status = SolveStatus.optimal if value >= top else SolveStatus.feasible
    return Stage(status, value, top, wall_time_s, method, x if solution else None)


def time_up(w: IntArray, x: IntArray, hi: IntArray, wall_time_s: float) -> Stage:
    """A level left unsearched when the time is up: :func:`kept` at ``x`` with the box bound."""
    return kept(w, x, box_bound(w, hi), wall_time_s, "time-limit")


def mixed_radix(spans: Sequence[int]) -> list[int]:
    """The multipliers ``P_j = Π_{i > j} S_i`` of levels whose values each take at most
    ``S_j`` consecutive integers: ``Σ_j P_j · (L_j − m_j)`` orders allocations as the levels do
    lexicographically (the difference at the first level that differs, ``≥ P_j``, outweighs
    ``Σ_{i > j} (S_i − 1) P_i = P_j − 1``)."""
    radix = [1] * len(spans)
    for i in range(len(spans) - 2, -1, -1):
        radix[i] = radix[i + 1] * spans[i + 1]
    return radix


def combine(levels: Sequence[IntArray], multipliers: Sequence[int]) -> IntArray:
    """``W = Σ_j P_j w_j`` (int64; the caller checked that it fits)."""
    combined = np.zeros_like(levels[0])
    for w, m in zip(levels, multipliers, strict=True):
        combined += w * np.int64(m)
    return combined


@dataclass(frozen=True)
class MergedLevel:
    """Levels ``members`` solved as one: ``Σ_j P_j · (L_j(x) − m_j)``, where ``L_j(x) = Σ_a
    w_{j,a} x_a`` ranges over ``[m_j, m_j + R_j − 1]`` on the box ``lo ≤ x ≤ hi`` (``m_j = Σ_a
    min(w_{j,a} lo_a, w_{j,a} hi_a)``) and ``P_j`` is their :func:`mixed_radix`: maximising it
    maximises the levels lexicographically."""

    members: list[int]
    low: list[int]
    span: list[int]
    radix: list[int]
    weights: IntArray

    @property
    def offset(self) -> int:
        """``Σ_j P_j m_j``: the merged objective is ``weights · x − offset``."""
        return sum(p * m for p, m in zip(self.radix, self.low, strict=True))

    def bounds(self, x: IntArray, bound: int, levels: Sequence[IntArray]) -> list[int]:
        """Each member's proven bound from the merged one: level ``j`` holds at most ``m_j +
        ⌊rest / P_j⌋`` (``rest`` the merged bound less the earlier levels' part), and only while
        every earlier level reached its bound; after one that did not, the box bound."""
        rest = bound - self.offset
        out: list[int] = []
        reached = True
        for j, m, span, radix in zip(self.members, self.low, self.span, self.radix, strict=True):
            value = int(levels[j] @ x)
            top = m + span - 1
            if reached:
                top = min(top, m + rest // radix)
                rest -= (value - m) * radix
                reached = value >= top
            out.append(max(top, value))
        return out


def merge_levels(
    weights: Sequence[IntArray], lo: IntArray, hi: IntArray, limit: int = DEFAULT_PARAMS.merge_limit
) -> list[MergedLevel]:
    """Consecutive levels grouped while the product of their ranges ``Π R_j`` stays within
    ``limit`` (:class:`MergedLevel`)."""
    groups: list[list[int]] = []
    product = 0
    spans = []
    lows = []
    for w in weights:
        ends = (w * lo, w * hi)
        low = int(np.minimum(*ends).sum())
        lows.append(low)
        spans.append(int(np.maximum(*ends).sum()) - low + 1)
    for j, span in enumerate(spans):
        if groups and product * span <= limit:
            groups[-1].append(j)
            product *= span
        else:
            groups.append([j])
            product = span
    merged = []
    for members in groups:
        radix = mixed_radix([spans[j] for j in members])
        total = combine([weights[j] for j in members], radix)
        merged.append(
            MergedLevel(
                members, [lows[j] for j in members], [spans[j] for j in members], radix, total
            )
        )
    return merged


class Deadline:
    """The time limit, shared by the CP-SAT levels."""

    def __init__(self, seconds: float, first_share: float = DEFAULT_PARAMS.first_share) -> None:
        self.end = time.perf_counter() + seconds
        self.first_share = first_share

    def passed(self) -> bool:
        """Whether the time is up."""
        return time.perf_counter() >= self.end

    def share(self, levels_left: int, first: bool) -> float:
        """Seconds for the next level: an equal share of what is left, at least
        ``first_share`` of it for the first (:attr:`SolverParams.first_share`)."""
        left = max(0.0, self.end - time.perf_counter())
        share = left / max(1, levels_left)
        return max(share, left * self.first_share) if first else share
