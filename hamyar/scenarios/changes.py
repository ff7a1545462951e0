"""Seat changes and closed units: a changed copy of a problem, the original left as it was.

For a unit ``u`` and gender ``g`` the seats after the changes are::

    s'(u, g) = 0                              if u is closed
             = apply(c_n, … apply(c_1, s(u, g)))   otherwise

where ``c_1 … c_n`` are the changes naming ``u`` in chain order and ``apply(c, s)`` is ``c``'s
absolute value, or ``s + c``'s delta. A result below zero is an error. Units are named by code,
Persian or English name (after normalisation). A closed unit keeps its place in the table (so
preferences naming it still resolve) but offers no seats, and the continuing assistants pinned
to it (rule A5) are released: a closed unit cannot keep them.
"""

from __future__ import annotations

from collections.abc import Iterable

from hamyar.errors import InputError, Issue
from hamyar.messages import Msg
from hamyar.models import Gender, Problem, Unit
from hamyar.models.bounds import MAX_SEATS
from hamyar.scenarios.resolve import ClosedUnit, SeatLayer


def apply_changes(
    problem: Problem, seats: Iterable[SeatLayer], closed: Iterable[ClosedUnit]
) -> tuple[Problem, list[Issue]]:
    """A copy of ``problem`` with the seat changes and closures applied, and its warnings.

    An unknown unit or a negative seat count is an :class:`InputError` located at the scenario
    key (``file:seats.<unit>.<gender>``).
    """
    seats, closed = tuple(seats), tuple(closed)
    if not seats and not closed:
        return problem, []
    index = problem.unit_index
    counts = {
        u.code: {Gender.female: u.female_seats, Gender.male: u.male_seats} for u in problem.units
    }
    errors: list[Issue] = []
    for layer in seats:
        code = index.unit_code(layer.unit)
        if code is None:
            errors.append(
                Issue(
                    Msg("scen.changes.unknown_unit", hint=index.suggestion(layer.unit)),
                    layer.unit,
                    file=layer.file,
                    column=f"seats.{layer.unit}",
                )
            )
            continue
        for gender in Gender:
            change = getattr(layer.change, gender.value)
            if change is None:
                continue
            after = change.apply(counts[code][gender])
            if after > MAX_SEATS:
                errors.append(
                    Issue(
                        Msg(
                            f"scen.changes.too_many.{gender.value}",
                            unit=code,
                            after=after,
                            most=MAX_SEATS,
                        ),
                        str(change),
                        file=layer.file,
                        column=f"seats.{layer.unit}.{gender.value}",
                    )
                )
                continue
            if after < 0:
                errors.append(
                    Issue(
                        Msg(
                            f"scen.changes.negative.{gender.value}",
                            unit=code,
                            after=after,
                            before=counts[code][gender],
                        ),
                        str(change),
                        file=layer.file,
                        column=f"seats.{layer.unit}.{gender.value}",
                    )
                )
                continue
            counts[code][gender] = after
    closed_codes: dict[str, ClosedUnit] = {}
    for item in closed:
        code = index.unit_code(item.unit)
        if code is None:
            errors.append(
                Issue(
                    Msg("scen.changes.unknown_unit", hint=index.suggestion(item.unit)),
                    item.unit,
                    file=item.file,
                    column="closed_units",
                )
            )
            continue
        closed_codes.setdefault(code, item)
        counts[code] = {Gender.female: 0, Gender.male: 0}
    if errors:
        raise InputError(errors)
    units = tuple(_with_seats(u, counts[u.code]) for u in problem.units)
    applicants = list(problem.applicants)
    warnings: list[Issue] = []
    if closed_codes:
        released: dict[str, int] = {}
        for i, app in enumerate(applicants):
            code = problem.pins.get(app.student_id)
            if code in closed_codes:
                applicants[i] = app.model_copy(update={"current_unit": None})
                released[code] = released.get(code, 0) + 1
        for code, n in released.items():
            item = closed_codes[code]
            warnings.append(
                Issue(
                    Msg("scen.changes.released", n=n),
                    code,
                    file=item.file,
                    column="closed_units",
                    severity="warning",
                    rule="A5",
                )
            )
    changed = Problem.create(
        applicants, units, problem.rejections, problem.policy, problem.term, problem.name
    )
    return changed, warnings


def _with_seats(unit: Unit, seats: dict[Gender, int]) -> Unit:
    female, male = seats[Gender.female], seats[Gender.male]
    if female == unit.female_seats and male == unit.male_seats:
        return unit
    return unit.model_copy(update={"female_seats": female, "male_seats": male})
