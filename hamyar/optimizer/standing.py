"""How many seat holders of a unit come before a student, and why, for the explanations.

Rule A3 orders students by priority score, then GPA, then the seeded lottery. For a student
``s`` and the holders of one (unit, gender) slot who all come before ``s``, :meth:`Standings.ahead`
counts them by the part of that order that puts each one first: a higher priority score, the
same score and a higher GPA, or both equal and the lottery. Each slot's holders are sorted once,
on first use, and counted with two binary searches.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping

from hamyar.models import Applicant, Gender, Problem
from hamyar.optimizer.envy import SeatHolders

Ahead = tuple[int, int, int]
"""``(by_score, by_gpa, by_lottery)``: holders ahead by each part of the rule A3 order."""


class Standings:
    """The holders of each slot of a placement as ``(−score, −gpa)``, in precedence order."""

    def __init__(
        self,
        problem: Problem,
        holders: SeatHolders,
        placement: Mapping[str, str],
        score: Callable[[Applicant], int],
    ) -> None:
        self._problem, self._holders, self._score = problem, holders, score
        self._placement = placement
        self._by_slot: dict[int, list[str]] | None = None
        self._keys: dict[tuple[int, bool], list[tuple[int, float]]] = {}

    def _slots(self) -> dict[int, list[str]]:
        if self._by_slot is None:
            pools, by_id = self._holders.table.pools, self._problem.applicant_by_id
            by_slot: dict[int, list[str]] = {}
            for sid, code in self._placement.items():
                slot = pools[by_id[sid].gender is Gender.male][code]
                by_slot.setdefault(slot, []).append(sid)
            self._by_slot = by_slot
        return self._by_slot

    def keys(self, slot: int, movable_only: bool) -> list[tuple[int, float]]:
        """``(−score, −gpa)`` of the slot's holders (without the fixed continuing assistants
        when ``movable_only``), ascending: the strongest claim first."""
        found = self._keys.get((slot, movable_only))
        if found is None:
            by_id, fixed = self._problem.applicant_by_id, self._holders.fixed
            sids = self._slots().get(slot, [])
            if movable_only:
                sids = [s for s in sids if s not in fixed]
            apps = [by_id[s] for s in sids]
            found = sorted((-self._score(a), -a.gpa) for a in apps)
            self._keys[(slot, movable_only)] = found
        return found

    def ahead(self, slot: int, score: int, gpa: float, movable_only: bool = False) -> Ahead:
        """The holders of ``slot`` — every one of them ahead of a student with ``score`` and
        ``gpa`` — counted by why each comes first (module docstring)."""
        keys = self._keys.get((slot, movable_only)) or self.keys(slot, movable_only)
        if keys and keys[-1][0] < -score:  # the weakest holder has the higher score
            return len(keys), 0, 0
        by_score = bisect_left(keys, (-score, float("-inf")))
        by_gpa = bisect_left(keys, (-score, -gpa)) - by_score
        return by_score, by_gpa, len(keys) - by_score - by_gpa
