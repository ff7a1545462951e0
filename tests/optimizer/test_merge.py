"""Merged levels (stable mode): one objective whose maximum is the lexicographic maximum of
its members, and members' bounds recovered from the merged bound."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from hamyar.optimizer.level import merge_levels

LEVELS = st.lists(st.lists(st.integers(-3, 5), min_size=4, max_size=4), min_size=1, max_size=4)


def _box(lo: np.ndarray, hi: np.ndarray) -> list[np.ndarray]:
    return [
        np.array(p)
        for p in itertools.product(*(range(a, b + 1) for a, b in zip(lo, hi, strict=True)))
    ]


@settings(max_examples=60, deadline=None)
@given(levels=LEVELS, seed=st.integers(0, 10**6))
def test_merged_order_is_the_lexicographic_order(levels: list[list[int]], seed: int) -> None:
    rng = np.random.default_rng(seed)
    lo = rng.integers(0, 2, 4)
    hi = lo + rng.integers(0, 3, 4)
    weights = [np.array(w, dtype=np.int64) for w in levels]
    groups = merge_levels(weights, lo, hi, limit=10**9)
    assert [j for g in groups for j in g.members] == list(range(len(weights)))
    points = _box(lo, hi)
    for x, y in itertools.product(points, points):
        for g in groups:
            lex = np.sign(
                next(
                    (
                        int(weights[j] @ x - weights[j] @ y)
                        for j in g.members
                        if weights[j] @ x != weights[j] @ y
                    ),
                    0,
                )
            )
            assert np.sign(int(g.weights @ x - g.weights @ y)) == lex


def test_levels_merge_while_the_product_of_ranges_is_small() -> None:
    lo = np.zeros(3, dtype=np.int64)
    hi = np.ones(3, dtype=np.int64)
    small = [np.array([1, 1, 1]), np.array([1, 0, 0]), np.array([0, 5, 0])]
    big = [*small, np.array([10**6, 0, 0])]  # range 10**6 + 1: too big to join
    assert [g.members for g in merge_levels(small, lo, hi, limit=100)] == [[0, 1, 2]]
    assert [g.members for g in merge_levels(big, lo, hi, limit=100)] == [[0, 1, 2], [3]]
    assert [g.members for g in merge_levels(small, lo, hi, limit=1)] == [[0], [1], [2]]


def test_member_bounds_from_the_merged_bound() -> None:
    """Levels ``a = x0 + x1`` (range 0–2) then ``b = x2`` (range 0–1): merged ``2a + b``."""
    lo = np.zeros(3, dtype=np.int64)
    hi = np.ones(3, dtype=np.int64)
    levels = [np.array([1, 1, 0]), np.array([0, 0, 1])]
    (group,) = merge_levels(levels, lo, hi)
    assert group.radix == [2, 1]
    x = np.array([1, 0, 1])  # a = 1, b = 1: merged 3
    assert group.bounds(x, 3, levels) == [1, 1]  # proven: both at their bound
    assert group.bounds(x, 4, levels) == [2, 1]  # a could be 2; b's box bound after that
    y = np.array([1, 1, 0])  # a = 2, b = 0: merged 4, bound 4 → a proven, b ≤ 0
    assert group.bounds(y, 4, levels) == [2, 0]
