"""Student-proposing deferred acceptance: the stable allocation best for every student at once.

Each (unit, gender) pair is one queue of seats (:mod:`hamyar.optimizer.seats`), each
student proposes down his or her own list of admissible units (A4, E1–E9 already applied by the
eligibility result), and a full queue keeps the students of highest precedence
(:mod:`hamyar.optimizer.precedence`: priority score (A3), then GPA, then the seeded lottery —
a strict order). A student is held by at most one queue (A2).

Every queue ranks students by the same precedence order, so for strict lists the stable
allocation is unique, and it is the one serial dictatorship gives (students in precedence order,
each taking the first unit of his or her list with a seat left); deferred acceptance reaches it
without sorting proposals by precedence, and the tests check both against each other.

Decisions this module makes, shared with :mod:`hamyar.optimizer.envy` and
:mod:`hamyar.optimizer.explain`:

* **Ties between units.** An area stands for several units at the same rank. Deferred
  acceptance needs a strict list, so units of the same rank are tried in unit-code order:
  ``order(s) = sorted(admissible(s), key=(rank, unit_code))``. The result is stable for the
  ranks as asked (no student envies a unit of a strictly better rank, which is how justified
  envy is defined) and the only stable allocation for that strict list. With ties there can be
  other allocations stable for the ranks as asked, some placing more students (finding the
  largest is NP-hard, and none need be best for every student): choosing among them is the
  CP-SAT model's business, not this one's.
* **Pins (rule A5).** A continuing assistant in ``pins`` keeps his or her seat before anybody
  proposes: the seats of that unit and gender shrink by one, the student does not propose, and
  nobody can displace him or her. Pins are applied as given (the caller checks them against
  the rules); pins beyond a unit's seats of one gender raise :class:`InfeasibleError` naming the
  unit and the students. Consistently, envy towards a pinned holder is not justified, and a
  pinned student kept in his or her pinned unit envies nobody.
* **Capacity.** ``capacity[(unit_code, gender)]`` overrides the unit's declared seats
  (``Unit.female_seats`` / ``Unit.male_seats``); pairs not in the mapping keep the declared
  seats. Pinned seats count against it.

The runtime is ``O(n log n + L log c)`` for ``n`` applicants, ``L`` admissible (student, unit)
pairs and ``c`` the largest queue: the precedence order is sorted once, every student proposes to
each unit of his or her list at most once, and a heap per queue keeps the weakest holder on top.
Queues are flat lists indexed by seat slot (:class:`~hamyar.optimizer.seats.SeatTable`), so the
inner loop does no hashing of unit codes.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Mapping
from operator import itemgetter

from hamyar.collector import collector_paused
from hamyar.errors import InfeasibleError
from hamyar.models import EligibilityResult, Gender, Problem
from hamyar.optimizer.precedence import precedence_positions
from hamyar.optimizer.seats import SeatKey, SeatTable, beyond_seats, conflicts

by_rank_then_code = itemgetter(1, 0)
"""Sort key of ``(unit_code, rank)`` items: by rank, units of equal rank by unit code."""


def strict_order(admissible: Mapping[str, int]) -> list[str]:
    """Admissible units as one strict list: by rank, units of equal rank by unit code."""
    return [code for code, _ in sorted(admissible.items(), key=by_rank_then_code)]


def resolve_pins(problem: Problem, pins: Mapping[str, str] | None) -> dict[str, str]:
    """The pins to honour: ``problem.pins`` (rule A5) unless the caller passes its own."""
    chosen = dict(problem.pins if pins is None else pins)
    for sid, code in chosen.items():
        if sid not in problem.applicant_by_id:
            raise ValueError(f"pin names an unknown student: {sid!r}")
        if code not in problem.unit_by_code:
            raise ValueError(f"pin of {sid} names an unknown unit: {code!r}")
    return chosen


def deferred_acceptance(
    problem: Problem,
    eligibility: EligibilityResult,
    capacity: Mapping[SeatKey, int] | None = None,
    *,
    pins: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The student-optimal stable allocation ``{student_id: unit_code}``, pins included.

    ``pins`` defaults to ``problem.pins`` (pass ``{}`` to let continuing assistants compete like
    everybody else). Students are listed in the order of ``problem.applicants``.

    Stability: for every eligible, unpinned student s and every unit u in s's admissible list
    with ``rank(u) < rank(placement(s))`` (any u when s is unplaced), the seats of u for s's
    gender are all taken, by pinned students or by students of higher precedence than s.
    """
    chosen_pins = resolve_pins(problem, pins)
    table = SeatTable(problem, capacity)
    free = list(table.seats)
    by_id = problem.applicant_by_id
    for sid, code in chosen_pins.items():
        free[table.slot(code, by_id[sid].gender)] -= 1
    if min(free, default=0) < 0:
        over = beyond_seats(problem, chosen_pins, chosen_pins, table)
        raise InfeasibleError(conflicts(over, ("; ", "؛ ")))

    with collector_paused():
        # open_slots[g][code]: the slot of a unit with seats left for gender g.
        open_slots: tuple[dict[str, int], dict[str, int]] = ({}, {})
        for slot, left in enumerate(free):
            if left > 0:
                open_slots[table.pool(slot)][table.code(slot)] = slot
        position = precedence_positions(problem)
        items = eligibility.by_id
        proposers: list[str] = []
        rank_of: list[int] = []
        lists: list[list[int]] = []
        for app in problem.applicants:
            sid = app.student_id
            item = items.get(sid)
            if sid in chosen_pins or item is None or not item.eligible or not item.admissible_units:
                continue
            opened = open_slots[app.gender is Gender.male]
            order = []
            for code, _ in sorted(item.admissible_units.items(), key=by_rank_then_code):
                found = opened.get(code)
                if found is not None:
                    order.append(found)
                elif code not in table.index:
                    raise ValueError(f"admissible unit of {sid} is unknown: {code!r}")
            proposers.append(sid)
            rank_of.append(position[sid])
            lists.append(order)

        # heaps[slot] holds (−position, proposer index): the weakest holder is on top.
        heaps: list[list[tuple[int, int]]] = [[] for _ in free]
        next_choice = [0] * len(proposers)
        queue = deque(range(len(proposers)))
        while queue:
            i = queue.popleft()
            choices = lists[i]
            mine = rank_of[i]
            while next_choice[i] < len(choices):
                slot = choices[next_choice[i]]
                next_choice[i] += 1
                heap = heaps[slot]
                if len(heap) < free[slot]:
                    heapq.heappush(heap, (-mine, i))
                    break
                if -heap[0][0] > mine:
                    _, out = heapq.heapreplace(heap, (-mine, i))
                    queue.append(out)
                    break

    held: dict[str, str] = {}
    for slot, heap in enumerate(heaps):
        code = table.code(slot)
        for _, i in heap:
            held[proposers[i]] = code
    result: dict[str, str] = {}
    for app in problem.applicants:
        sid = app.student_id
        if sid in chosen_pins:
            result[sid] = chosen_pins[sid]
        elif sid in held:
            result[sid] = held[sid]
    return result
