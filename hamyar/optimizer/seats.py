"""Rule A1, in one place: a unit's seats of one gender, and who may take them.

A unit declares ``female_seats`` and ``male_seats``; a student takes only a seat of his or her
gender, so the two pools never mix. Every part of the optimizer reads seats from this module:

* :class:`SeatTable` — seats per (unit, gender) as one flat list, the one numbering of seats by
  problem: seat slot ``2·i + g`` for the ``i``-th unit of ``problem.units``, ``g = 0`` female,
  ``g = 1`` male (:meth:`SeatTable.slot`, :meth:`SeatTable.key`, :attr:`SeatTable.pools`).
  Deferred acceptance, the justified-envy bars and the explanations index their per-slot lists
  by it.
* :class:`Slot` and :func:`network_slots` — the slots a solver sees: the (unit, gender) pairs
  with seats, in (unit code, gender) order, each with the students fixed there before solving,
  ``cap = seats − fixed`` (the seat constraint of the flow, of CP-SAT, of the stable bounds and
  of the tie-break start: ``Σ x ≤ cap``) and the minimum fill ``L = ⌈policy.min_fill × seats⌉``
  (:func:`min_fill_seats`).
* :func:`filled_seats` — the seats a placement takes per (unit, gender), the recount behind the
  fill report and the minimum-fill penalty.
* :func:`beyond_seats` — students who must stay (pins, kept previous placements) beyond a
  unit's seats of one gender: the one check, with one message, that makes a model infeasible;
  :func:`no_seats` — why a unit cannot seat a student of one gender at all.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from hamyar.errors import place
from hamyar.messages import Bilingual, Msg, Text, render
from hamyar.models import Gender, Problem, Unit

SeatKey = tuple[str, Gender]
"""One unit's seats of one gender: ``(unit_code, gender)``."""

GENDERS = (Gender.female, Gender.male)
"""The two seat pools of a unit, in slot order (``g = 0`` female, ``g = 1`` male)."""


def min_fill_seats(seats: int, fraction: Decimal) -> int:
    """Seats a slot should fill: ``⌈fraction × seats⌉`` (``policy.min_fill``), exact in Decimal."""
    return int((fraction * seats).to_integral_value(rounding=ROUND_CEILING))


def declared_seats(problem: Problem) -> Iterator[tuple[Unit, Gender, int]]:
    """``(unit, gender, seats)`` for every unit in unit-code order, female before male."""
    for unit in sorted(problem.units, key=lambda u: u.code):
        for gender in GENDERS:
            yield unit, gender, unit.seats(gender)


def no_seats(problem: Problem, code: str, gender: Gender) -> Msg | None:
    """Why unit ``code`` cannot seat a student of ``gender``, or ``None`` when it has seats."""
    unit = problem.unit_by_code[code]
    if unit.seats(gender) <= 0:
        return Msg(f"opt.no_seats.{gender.value}", unit=named(unit))
    return None


def named(unit: Unit) -> Bilingual:
    """A unit as a sentence names it: by its Persian name in Persian, by its code in English."""
    return Bilingual(fa=unit.name_fa, en=unit.code)


def located(file: str | None, row: int | None, column: str | None) -> Bilingual:
    """A place in the input as each language writes it (``a.xlsx:4:current_unit``)."""
    return Bilingual(fa=place(file, row, column, "fa"), en=place(file, row, column, "en"))


def lines(items: Iterable[Text], sep: tuple[str, str] = ("\n", "\n")) -> Bilingual:
    """Messages joined into one text in each language, with ``sep`` (English, Persian)."""
    found = list(items)
    return Bilingual(
        fa=sep[1].join(render(m, "fa") for m in found),
        en=sep[0].join(render(m, "en") for m in found),
    )


def conflicts(errors: Sequence[Msg], sep: tuple[str, str] = ("\n", "\n")) -> Msg:
    """What makes a model infeasible, one message (several joined with ``sep``)."""
    if len(errors) == 1:
        return errors[0]
    return Msg("opt.conflicts", conflicts=lines(errors, sep))


class SeatTable:
    """Seats per (unit, gender) as one flat list (module docstring: slot ``2·i + g``).

    ``seats[slot]`` is the unit's declared seats of that gender, or ``capacity[(code, gender)]``
    where the caller overrides it.
    """

    def __init__(self, problem: Problem, capacity: Mapping[SeatKey, int] | None = None) -> None:
        self.codes = tuple(u.code for u in problem.units)
        self.index = {code: i for i, code in enumerate(self.codes)}
        self.pools = (
            {code: 2 * i for i, code in enumerate(self.codes)},
            {code: 2 * i + 1 for i, code in enumerate(self.codes)},
        )
        """``pools[g][unit_code]``: the slot of a unit's seats of pool ``g``."""
        self.seats = [0] * (2 * len(self.codes))
        for i, unit in enumerate(problem.units):
            self.seats[2 * i] = unit.female_seats
            self.seats[2 * i + 1] = unit.male_seats
        for (code, gender), value in (capacity or {}).items():
            if code not in self.index:
                raise ValueError(f"capacity names an unknown unit: {code!r}")
            if value < 0:
                raise ValueError(f"negative capacity for {code} ({gender.value}): {value}")
            self.seats[self.slot(code, gender)] = value

    def slot(self, code: str, gender: Gender) -> int:
        return self.pools[gender is Gender.male][code]

    def key(self, slot: int) -> SeatKey:
        return self.codes[slot // 2], GENDERS[slot % 2]

    def code(self, slot: int) -> str:
        """The unit code of a slot."""
        return self.codes[slot // 2]

    @staticmethod
    def pool(slot: int) -> int:
        """``g`` of a slot: ``0`` female, ``1`` male."""
        return slot % 2


def seat_capacity(
    problem: Problem, capacity: Mapping[SeatKey, int] | None = None
) -> dict[SeatKey, int]:
    """Seats per (unit, gender): the declared seats, overridden by ``capacity`` where given."""
    table = SeatTable(problem, capacity)
    return {table.key(slot): seats for slot, seats in enumerate(table.seats)}


@dataclass(frozen=True)
class Slot:
    """One unit's seats of one gender, as a solver sees them."""

    unit_code: str
    gender: Gender
    seats: int
    fixed: int
    """Students fixed here before solving (hard pins, hard previous placements)."""
    min_fill: int
    """``⌈policy.min_fill × seats⌉``."""

    @property
    def cap(self) -> int:
        """Seats left for the classes: ``seats − fixed``."""
        return self.seats - self.fixed

    @property
    def min_fill_left(self) -> int:
        """Minimum fill still to reach with the classes: ``max(0, min_fill − fixed)``."""
        return max(0, min(self.min_fill, self.seats) - self.fixed)


def network_slots(
    problem: Problem, fixed: Mapping[str, str]
) -> tuple[list[Slot], dict[SeatKey, int]]:
    """The slots with seats, in (unit code, gender) order, and each one's index in that list."""
    fixed_here = filled_seats(problem, fixed)
    slots: list[Slot] = []
    index: dict[SeatKey, int] = {}
    for unit, gender, seats in declared_seats(problem):
        if seats <= 0:
            continue
        index[(unit.code, gender)] = len(slots)
        slots.append(
            Slot(
                unit_code=unit.code,
                gender=gender,
                seats=seats,
                fixed=fixed_here.get((unit.code, gender), 0),
                min_fill=min_fill_seats(seats, problem.policy.min_fill),
            )
        )
    return slots, index


def filled_seats(problem: Problem, placement: Mapping[str, str]) -> dict[SeatKey, int]:
    """Seats a placement ``{student_id: unit_code}`` takes per (unit, gender)."""
    by_id = problem.applicant_by_id
    filled: dict[SeatKey, int] = {}
    for sid, code in placement.items():
        key = (code, by_id[sid].gender)
        filled[key] = filled.get(key, 0) + 1
    return filled


def row_of(problem: Problem | None, sid: str, column: str | None = None) -> Bilingual | None:
    """``file:row`` (``:column``) of an applicant read from a file (where its pin,
    ``current_unit``, is), in each language."""
    app = problem.applicant_by_id.get(sid) if problem is not None else None
    if app is None or app.source.row is None:
        return None
    return located(app.source.file or "-", app.source.row, column)


def who_must_stay(
    pins: Collection[str], sids: Iterable[str], problem: Problem | None = None
) -> Bilingual:
    """``"s1 (pinned at a.xlsx:4), s2 (previous allocation)"``: students who must stay, why, and
    where a pin is written when ``problem`` knows its row."""

    def why(sid: str) -> Msg:
        if sid not in pins:
            return Msg("opt.stay.previous", student=sid)
        where = row_of(problem, sid)
        if where is None:
            return Msg("opt.stay.pinned", student=sid)
        return Msg("opt.stay.pinned_at", student=sid, where=where)

    return lines((why(sid) for sid in sorted(sids)), (", ", "، "))


def beyond_seats(
    problem: Problem,
    fixed: Mapping[str, str],
    pins: Collection[str],
    table: SeatTable | None = None,
) -> list[Msg]:
    """One message per (unit, gender) where more students must stay (``fixed``, of whom
    ``pins`` are pinned, rule A5) than it has seats (``table``, the declared seats by default)."""
    table = table if table is not None else SeatTable(problem)
    by_id = problem.applicant_by_id
    groups: dict[int, list[str]] = {}
    for sid, code in fixed.items():
        groups.setdefault(table.slot(code, by_id[sid].gender), []).append(sid)
    errors = []
    for slot, sids in sorted(groups.items(), key=lambda item: table.key(item[0])):
        seats = table.seats[slot]
        if len(sids) > seats:
            code, gender = table.key(slot)
            unit = problem.unit_by_code.get(code)
            source = unit.source if unit is not None else None
            at = (
                located(source.file or "-", source.row, f"{gender.value}_seats")
                if source and source.row
                else None
            )
            error = Msg(
                f"opt.beyond_seats.{gender.value}",
                unit=named(unit) if unit is not None else Bilingual(fa=code, en=code),
                seats=seats,
                count=len(sids),
                who=who_must_stay(pins, sids, problem),
            )
            errors.append(error if at is None else Msg("opt.at", at=at, message=error))
    return errors
