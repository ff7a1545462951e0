"""Waiting lists: per unit and gender, the eligible students who asked for the unit and were not
placed there, in the order the objective would take them into one more seat.

The order is that of a re-solve which keeps everyone else where they are (``keep_previous``
first, as a re-plan does) and offers one more seat of unit ``u`` to gender ``g``. Taking
student ``s`` changes each objective term by ``gain_t(s)``::

    keep_previous  0 if s is not placed, −1 if s leaves unit v for u
    priority       score(s) if s is not placed, else 0
    coverage       1 if s is not placed, else 0
    preference     rank_maximal: +1 at rank(s, u), −1 at rank(s, v) when s moves (a vector);
                   sum: (R + 1 − rank(s, u)) − (R + 1 − rank(s, v)), the second part only when
                   s moves
    gpa            gpa(s) if s is not placed, else 0

Lexicographic mode compares ``(keep_previous, term_1, term_2, …)`` in the policy's order;
weighted mode compares ``Σ_t w_t · gain_t`` (:mod:`hamyar.optimizer.objective`). The larger
gain comes first; equal gains are listed in precedence order (:mod:`hamyar.optimizer.precedence`),
though the optimizer may then take any of the tied students. So every student not placed comes
before every student placed elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hamyar.collector import collector_paused
from hamyar.models import Allocation, EligibilityResult, Gender, PriorityGroup, Problem
from hamyar.optimizer.precedence import precedence_positions


@dataclass(frozen=True)
class WaitingEntry:
    """One place on a waiting list; ``position`` counts from 1."""

    unit_code: str
    gender: Gender
    position: int
    student_id: str
    preference_rank: int
    placed_unit: str | None


WaitingLists = dict[tuple[str, Gender], tuple[WaitingEntry, ...]]


def _gain(
    problem: Problem, rank_u: int, rank_v: int | None, score: int, gpa: float, max_rank: int
) -> tuple[object, ...]:
    """The sort key (larger first) of a student taking one more seat (module docstring)."""
    policy = problem.policy
    moves = rank_v is not None
    preference_sum = (rank_v - rank_u) if rank_v is not None else max_rank + 1 - rank_u
    numeric: dict[str, float] = {
        "keep_previous": -1 if moves else 0,
        "priority": 0 if moves else score,
        "coverage": 0 if moves else 1,
        "preference": preference_sum,
        "gpa": 0.0 if moves else gpa,
    }
    if policy.objective_mode == "weighted":
        weights = policy.objective_weights
        terms = [t for t in policy.objective if t != "keep_previous"]
        keep_weight = weights.get(
            "keep_previous", max((weights.get(t, 0) for t in terms), default=1)
        )
        total = sum(weights.get(t, 0) * numeric[t] for t in terms)
        return (total + keep_weight * numeric["keep_previous"],)
    gains: dict[str, object] = dict(numeric)
    if policy.preference_mode == "rank_maximal":
        vector = [0] * max_rank
        vector[rank_u - 1] += 1
        if rank_v is not None:
            vector[rank_v - 1] -= 1
        gains["preference"] = tuple(vector)
    return tuple(
        gains[t] for t in ["keep_previous", *(t for t in policy.objective if t != "keep_previous")]
    )


def waiting_lists(
    problem: Problem, eligibility: EligibilityResult, allocation: Allocation
) -> WaitingLists:
    """``{(unit_code, gender): entries}`` for every unit and gender of the problem (module
    docstring); a list may be empty."""
    lists = _ordered(problem, eligibility, allocation)
    with collector_paused():
        return {
            key: tuple(
                WaitingEntry(key[0], key[1], i, sid, rank, current)
                for i, (sid, rank, current) in enumerate(places, start=1)
            )
            for key, places in lists.items()
        }


def waiting_rows(
    problem: Problem, eligibility: EligibilityResult, allocation: Allocation
) -> tuple[tuple[str, str, int, str, int, str | None], ...]:
    """Every waiting place as ``(unit_code, gender, position, student_id, preference_rank,
    placed_unit)``, in unit, gender, position order: the entries of :func:`waiting_lists`
    as plain values, without building them."""
    lists = _ordered(problem, eligibility, allocation)
    rows: list[tuple[str, str, int, str, int, str | None]] = []
    with collector_paused():
        for (code, gender), places in sorted(lists.items()):
            text = str(gender)
            rows += [
                (code, text, i, sid, rank, current)
                for i, (sid, rank, current) in enumerate(places, start=1)
            ]
    return tuple(rows)


_Place = tuple[str, int, str | None]
_LAST: dict[str, Any] = {}


def waiting_places(
    problem: Problem, eligibility: EligibilityResult, allocation: Allocation
) -> dict[tuple[str, Gender], list[_Place]]:
    """Each list of :func:`waiting_lists` as ``(student_id, preference_rank, placed_unit)``
    in position order, without building the entries (not to be changed: the lists are kept)."""
    return _ordered(problem, eligibility, allocation)


def _ordered(
    problem: Problem, eligibility: EligibilityResult, allocation: Allocation
) -> dict[tuple[str, Gender], list[_Place]]:
    """Each list's ``(student_id, preference_rank, placed_unit)`` in order. The lists of the
    last (frozen) inputs are kept: a run's workbook and its record ask for the same lists."""
    last = _LAST.get("inputs")
    if last is not None and last[0] is problem and last[1] is eligibility and last[2] is allocation:
        lists: dict[tuple[str, Gender], list[_Place]] = _LAST["lists"]
        return lists
    with collector_paused():
        lists = _waiting_lists(problem, eligibility, allocation)
    _LAST["inputs"], _LAST["lists"] = (problem, eligibility, allocation), lists
    return lists


def _waiting_lists(
    problem: Problem, eligibility: EligibilityResult, allocation: Allocation
) -> dict[tuple[str, Gender], list[_Place]]:
    """The lists: one sort per list on (gain, precedence position), each distinct gain
    worked out once and numbered in descending order."""
    placed = {a.student_id: a.unit_code for a in allocation.assignments}
    admissible = {e.student_id: e.admissible_units for e in eligibility.applicants if e.eligible}
    max_rank = max((max(ranks.values()) for ranks in admissible.values() if ranks), default=1)
    policy = problem.policy
    positions = precedence_positions(problem)
    gain_ids: dict[tuple[int | None, int, float], dict[int, int]] = {}
    distinct: list[tuple[object, ...]] = []
    scores: dict[tuple[PriorityGroup, ...], int] = {}
    found: dict[Gender, dict[str, list[tuple[int, int, _Place]]]] = {
        g: {u.code: [] for u in problem.units} for g in Gender
    }
    for app in problem.applicants:
        sid = app.student_id
        ranks = admissible.get(sid)
        if not ranks:
            continue
        gpa, by_unit = app.gpa, found[app.gender]
        current = placed.get(sid)
        groups = app.priority_groups
        score = scores.get(groups)
        if score is None:
            score = scores[groups] = policy.priority_score(groups)
        position = positions[sid]
        rank_v = None if current is None else ranks.get(current, max_rank + 1)
        ids = gain_ids.setdefault((rank_v, score, gpa), {})
        for code, rank in ranks.items():
            items = by_unit.get(code)
            if code == current or items is None:
                continue
            gid = ids.get(rank)
            if gid is None:
                gid = ids[rank] = len(distinct)
                distinct.append(_gain(problem, rank, rank_v, score, gpa, max_rank + 1))
            items.append((gid, position, (sid, rank, current)))
    level = {g: i for i, g in enumerate(sorted(set(distinct), reverse=True))}
    level_of = [level[g] for g in distinct]
    width = len(positions)
    out: dict[tuple[str, Gender], list[_Place]] = {}
    for unit in problem.units:
        for gender in Gender:
            keyed = [(level_of[g] * width + p, place) for g, p, place in found[gender][unit.code]]
            keyed.sort()
            out[(unit.code, gender)] = [place for _, place in keyed]
    return out
