"""The assignment diff of two allocations: who gained a seat, who lost one, who moved.

For placements ``a`` (the base) and ``b`` (the other), each ``{student_id: unit_code}``::

    gained = {s ∈ b ∖ a}                  (no seat in a, a seat in b)
    lost   = {s ∈ a ∖ b}                  (a seat in a, none in b)
    moved  = {s ∈ a ∩ b : a[s] ≠ b[s]}    (from a[s] to b[s])

A pure function of the two mappings; changes come sorted by kind (gained, lost, moved), then
student ID.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict

ChangeKind = Literal["gained", "lost", "moved"]
KINDS: tuple[ChangeKind, ...] = ("gained", "lost", "moved")


class Change(BaseModel):
    """One student whose placement differs: ``from_unit`` is ``None`` for a gained seat,
    ``to_unit`` is ``None`` for a lost one."""

    model_config = ConfigDict(frozen=True)

    student_id: str
    kind: ChangeKind
    from_unit: str | None
    to_unit: str | None


class AssignmentDiff(BaseModel):
    """Every change between two placements, and how many students stayed where they were."""

    model_config = ConfigDict(frozen=True)

    changes: tuple[Change, ...]
    unchanged: int

    def of_kind(self, kind: ChangeKind) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.kind == kind)

    @property
    def gained(self) -> tuple[Change, ...]:
        return self.of_kind("gained")

    @property
    def lost(self) -> tuple[Change, ...]:
        return self.of_kind("lost")

    @property
    def moved(self) -> tuple[Change, ...]:
        return self.of_kind("moved")

    def counts(self) -> dict[ChangeKind, int]:
        return {k: len(self.of_kind(k)) for k in KINDS}


def assignment_diff(base: Mapping[str, str], other: Mapping[str, str]) -> AssignmentDiff:
    """The changes from ``base`` to ``other`` (both ``{student_id: unit_code}``)."""
    changes: list[Change] = []
    for sid in sorted(other.keys() - base.keys()):
        changes.append(Change(student_id=sid, kind="gained", from_unit=None, to_unit=other[sid]))
    for sid in sorted(base.keys() - other.keys()):
        changes.append(Change(student_id=sid, kind="lost", from_unit=base[sid], to_unit=None))
    unchanged = 0
    for sid in sorted(base.keys() & other.keys()):
        if base[sid] == other[sid]:
            unchanged += 1
        else:
            changes.append(
                Change(student_id=sid, kind="moved", from_unit=base[sid], to_unit=other[sid])
            )
    return AssignmentDiff(changes=tuple(changes), unchanged=unchanged)
