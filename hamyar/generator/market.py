"""The units as generated applicants see them: weighted pickers, campus groups and their
neighbourhoods, the names that can stand in a preference list, and priority-group sets.

A :class:`Picker` draws ``items[bisect(cum, u × total)]`` with one uniform number ``u``; unit
weights are ``popularity(u) × √seats_g(u)`` (see :mod:`hamyar.generator.applicants`).
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hamyar.generator.units import campus_of, popularity
from hamyar.models import Gender, PriorityGroup, Unit
from hamyar.text import normalize_key, split_list


class Picker:
    """Weighted draws from a fixed list: ``items[bisect(cum, u × total)]``."""

    __slots__ = ("cum", "items", "total")

    def __init__(self, items: Sequence[Any], weights: Sequence[float]) -> None:
        pairs = [(i, w) for i, w in zip(items, weights, strict=True) if w > 0]
        self.items = [i for i, _ in pairs]
        self.cum: list[float] = []
        running = 0.0
        for _, w in pairs:
            running += w
            self.cum.append(running)
        self.total = running

    def __bool__(self) -> bool:
        return bool(self.items)

    def pick(self, rng: random.Random) -> Any:
        index = bisect_right(self.cum, rng.random() * self.total)
        return self.items[min(index, len(self.items) - 1)]


def one_of(rng: random.Random, items: Sequence[str]) -> str:
    """``items[⌊u × n⌋]``: one uniform draw (cheaper than ``rng.choice`` in the inner loop)."""
    return items[int(rng.random() * len(items))]


def index_of_share(u: float, shares: Sequence[float]) -> int:
    """The index ``k`` with ``Σ_{j<k} s_j ≤ u < Σ_{j≤k} s_j`` (the last when ``u`` is beyond)."""
    running = 0.0
    for k, share in enumerate(shares):
        running += share
        if u < running:
            return k
    return len(shares) - 1


@dataclass(frozen=True)
class Neighbourhood:
    """Where an applicant of one gender with one home group draws units from: the home group,
    the next and previous groups, group 0, and the home group's units without seats of that
    gender (each falls back to the home group's when empty)."""

    home: Picker
    next: Picker
    previous: Picker
    core: Picker
    wrong: Picker | None


@dataclass
class Market:
    """The units as applicants see them: groups, weighted pickers, and the tokens naming them."""

    units: tuple[Unit, ...]
    group_of: list[int]
    hoods: dict[tuple[int, Gender], Neighbourhood]
    homes: dict[Gender, Picker]
    tokens: list[tuple[str, str | None, str | None, str | None]]
    area_units: dict[str, list[int]]


def build_market(units: Sequence[Unit]) -> Market:
    units = tuple(units)
    campuses = sorted({c for u in units if (c := campus_of(u)) is not None})
    group_index = {c: i + 1 for i, c in enumerate(campuses)}
    group_of = [group_index.get(campus_of(u) or "", 0) for u in units]
    groups = list(range(0 if 0 in group_of else 1, len(campuses) + 1))
    members: dict[int, list[int]] = {g: [] for g in groups}
    for i, g in enumerate(group_of):
        members[g].append(i)
    everyone = list(range(len(units)))
    hoods: dict[tuple[int, Gender], Neighbourhood] = {}
    homes: dict[Gender, Picker] = {}
    for gender in Gender:
        own = {
            g: Picker(
                members[g],
                [
                    popularity(units[i], gender) * math.sqrt(units[i].seats(gender))
                    for i in members[g]
                ],
            )
            for g in groups
        }
        wrong = {
            g: Picker(
                members[g],
                [popularity(units[i]) if units[i].seats(gender) == 0 else 0.0 for i in members[g]],
            )
            for g in groups
        }
        anywhere = Picker(everyone, [popularity(u) for u in units])
        for k, g in enumerate(groups):
            home = own[g] or wrong[g] or anywhere
            hoods[g, gender] = Neighbourhood(
                home=home,
                next=own[groups[(k + 1) % len(groups)]] or home,
                previous=own[groups[k - 1]] or home,
                core=own[groups[0]] or home,
                wrong=wrong[g] or None,
            )
        homes[gender] = Picker(
            groups, [float(sum(units[i].seats(gender) for i in members[g])) for g in groups]
        )
    names: dict[str, int] = {}
    for u in units:
        for name in (u.code, u.name_fa, u.name_en):
            if name:
                key = normalize_key(name)
                names[key] = names.get(key, 0) + 1
    area_units: dict[str, list[int]] = {}
    for i, u in enumerate(units):
        if u.area:
            area_units.setdefault(u.area, []).append(i)
    tokens = [
        (u.code, usable_name(u.name_fa, names), usable_name(u.name_en, names), u.area)
        for u in units
    ]
    return Market(units, group_of, hoods, homes, tokens, area_units)


def usable_name(name: str | None, names: dict[str, int]) -> str | None:
    """A name that can stand in a preference list: unique and free of list separators."""
    if not name or names.get(normalize_key(name), 0) != 1 or split_list(name) != [name]:
        return None
    return name


def priority_sets(shares: Sequence[tuple[PriorityGroup, float]]) -> Picker:
    """Every set of priority groups with its probability ``Π_{g∈S} p_g × Π_{g∉S} (1 − p_g)``:
    independent memberships drawn with one uniform number."""
    sets: list[tuple[PriorityGroup, ...]] = []
    weights: list[float] = []
    for mask in range(1 << len(shares)):
        members = tuple(g for k, (g, _) in enumerate(shares) if mask >> k & 1)
        weight = 1.0
        for k, (_, p) in enumerate(shares):
            weight *= p if mask >> k & 1 else 1.0 - p
        sets.append(members)
        weights.append(weight)
    return Picker(sets, weights)
