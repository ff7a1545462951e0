"""Justified envy: who was passed over for a seat he or she had the better claim to.

Student s *justifiably envies* unit u in a placement when

* s is eligible, u is admissible for s (asked for, open after E1–E9), and s is not a pinned
  student kept in his or her pinned unit (rule A5: a kept pin does not move, so it envies no one);
* s is unplaced, or placed at a unit of strictly worse rank than u (a unit of the same rank, e.g.
  another unit of the same area, is not better), or placed outside his or her admissible list;
* u's seats of s's gender (:mod:`hamyar.optimizer.seats`) include a free one
  (``displaced_student_id = None``), or are all taken and the lowest-precedence holder who is
  not a kept pin has lower precedence than s (``displaced_student_id`` = that holder). Kept pins
  cannot be displaced, so envy towards them is not justified.

Precedence is :func:`hamyar.optimizer.precedence.precedence_key` (priority score, GPA, seeded
lottery), numbered once per problem by :func:`hamyar.optimizer.precedence.precedence_positions`
(a caller that has the positions, or the priority scores, passes them along). Seats are the
declared seats unless ``capacity`` overrides them, exactly as in
:func:`hamyar.optimizer.stable.acceptance.deferred_acceptance`, whose result has no justified envy.

One pass over the placement builds :class:`SeatHolders` (fill, weakest holder and weakest movable
holder per unit and gender). Each (unit, gender) then has one *bar*: ``+∞`` when a seat is free,
the position of the weakest movable holder when all seats are taken, ``−∞`` when there are no
seats or only kept pins; s justifiably envies u exactly when ``bar(u, g(s)) > position(s)`` and
u ranks strictly better than s's placement. Each student's admissible list is read once, and
only the pairs found are sorted: ``O(n log n + L)`` for ``n`` applicants and ``L`` admissible
pairs.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from hamyar.collector import collector_paused
from hamyar.models import EligibilityResult, EnvyPair, Gender, Problem
from hamyar.optimizer.precedence import precedence_positions
from hamyar.optimizer.seats import SeatKey, SeatTable
from hamyar.optimizer.stable.acceptance import by_rank_then_code, resolve_pins


@dataclass(frozen=True)
class SeatHolders:
    """Who holds the seats of each (unit, gender) of one placement, by slot of ``table``.

    ``position`` ranks every applicant by precedence (0 the strongest), ``fixed`` holds the
    pinned students kept in their pinned unit; ``weakest[slot]`` is the holder with the highest
    position and ``weakest_movable[slot]`` the same among holders not in ``fixed`` (``None``
    when there is none).
    """

    table: SeatTable
    filled: list[int]
    pinned: list[int]
    weakest: list[str | None]
    weakest_movable: list[str | None]
    fixed: frozenset[str]
    position: Mapping[str, int]

    @property
    def seats(self) -> list[int]:
        return self.table.seats

    def slot(self, code: str, gender: Gender) -> int:
        return self.table.slot(code, gender)

    def free(self, slot: int) -> int:
        """Free seats: ``max(0, seats − filled)``."""
        return max(0, self.table.seats[slot] - self.filled[slot])


def seat_holders(
    problem: Problem,
    placement: Mapping[str, str],
    capacity: Mapping[SeatKey, int] | None = None,
    pins: Mapping[str, str] | None = None,
    *,
    position: Mapping[str, int] | None = None,
    scores: Mapping[str, int] | None = None,
) -> SeatHolders:
    """Index a placement by (unit, gender); unknown students or units raise ``ValueError``.

    ``position`` is :func:`~hamyar.optimizer.precedence.precedence_positions` of ``problem`` when
    the caller has it; otherwise it is computed (from ``scores``, the priority scores, if given).
    """
    table = SeatTable(problem, capacity)
    by_id = problem.applicant_by_id
    chosen_pins = resolve_pins(problem, pins)
    fixed = frozenset(sid for sid, code in chosen_pins.items() if placement.get(sid) == code)
    if position is None:
        position = precedence_positions(problem, scores)
    n = len(table.seats)
    filled, pinned = [0] * n, [0] * n
    weakest: list[str | None] = [None] * n
    movable: list[str | None] = [None] * n
    for sid, code in placement.items():
        app = by_id.get(sid)
        if app is None:
            raise ValueError(f"placement names an unknown student: {sid!r}")
        slot = table.pools[app.gender is Gender.male].get(code)
        if slot is None:
            raise ValueError(f"placement of {sid} names an unknown unit: {code!r}")
        filled[slot] += 1
        mine = position[sid]
        low = weakest[slot]
        if low is None or mine > position[low]:
            weakest[slot] = sid
        if sid in fixed:
            pinned[slot] += 1
            continue
        low = movable[slot]
        if low is None or mine > position[low]:
            movable[slot] = sid
    return SeatHolders(table, filled, pinned, weakest, movable, fixed, position)


_NOT_ASKED: Mapping[str, int] = {}


def placed_rank(
    admissible: Mapping[str, int], asked: Mapping[str, int], unit: str | None
) -> int | None:
    """Rank of the unit a student is placed in: its rank in ``admissible``, else in ``asked``
    (his or her preference ranks); ``None`` when unplaced or outside the list."""
    if unit is None:
        return None
    found = admissible.get(unit)
    return asked.get(unit) if found is None else found


def bars(holders: SeatHolders) -> tuple[dict[str, tuple[float, str | None]], ...]:
    """``(female, male)``: ``{unit_code: (bar, displaced_student_id)}`` per gender (module
    docstring): ``(+∞, None)`` with a free seat, ``(position(t), t)`` when every seat is taken
    and ``t`` is the weakest movable holder, ``(−∞, None)`` when no seat can be claimed."""
    seats, filled, movable = holders.table.seats, holders.filled, holders.weakest_movable
    position = holders.position
    found: tuple[dict[str, tuple[float, str | None]], ...] = ({}, {})
    table = holders.table
    for slot, low in enumerate(movable):
        if seats[slot] <= 0:
            bar: tuple[float, str | None] = (-math.inf, None)
        elif filled[slot] < seats[slot]:
            bar = (math.inf, None)
        elif low is None:
            bar = (-math.inf, None)
        else:
            bar = (position[low], low)
        found[table.pool(slot)][table.code(slot)] = bar
    return found


def justified_envy(
    problem: Problem,
    eligibility: EligibilityResult,
    placement: Mapping[str, str],
    capacity: Mapping[SeatKey, int] | None = None,
    *,
    pins: Mapping[str, str] | None = None,
    position: Mapping[str, int] | None = None,
    scores: Mapping[str, int] | None = None,
) -> tuple[EnvyPair, ...]:
    """Every justified-envy pair of ``placement`` (see the module docstring).

    Pairs come in the order of ``problem.applicants``, each student's units by rank and then
    unit code. ``pins`` defaults to ``problem.pins``; pass the same value given to
    :func:`~hamyar.optimizer.stable.acceptance.deferred_acceptance`. ``position`` (the precedence
    positions of ``problem``) and ``scores`` (its priority scores) only spare recomputing them: see
    :func:`seat_holders`.
    """
    holders = seat_holders(problem, placement, capacity, pins, position=position, scores=scores)
    position, fixed = holders.position, holders.fixed
    by_gender = bars(holders)
    items = eligibility.by_id
    ranks = problem.preference_ranks
    pairs: list[EnvyPair] = []
    with collector_paused():
        for app in problem.applicants:
            sid = app.student_id
            item = items.get(sid)
            if sid in fixed or item is None or not item.eligible:
                continue
            admissible = item.admissible_units
            unit = placement.get(sid)
            current = placed_rank(admissible, ranks.get(sid, _NOT_ASKED), unit)
            limit = math.inf if current is None else current
            claims = by_gender[app.gender is Gender.male]
            mine = position[sid]
            found: list[tuple[str, int, str | None]] = []
            for code, rank in admissible.items():
                if rank < limit:
                    bar, low = claims[code]
                    if bar > mine:
                        found.append((code, rank, low))
            if not found:
                continue
            if len(found) > 1:
                found.sort(key=by_rank_then_code)
            pairs.extend(
                EnvyPair(student_id=sid, unit_code=code, displaced_student_id=low)
                for code, _, low in found
            )
    return tuple(pairs)
