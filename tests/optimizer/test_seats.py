"""Rule A1's one home: the seat numbering, the slots a solver sees, and the one check of
students who must stay beyond a unit's seats."""

from __future__ import annotations

import pytest

from hamyar.errors import InfeasibleError
from hamyar.models import Gender
from hamyar.optimizer.infeasible import hard_placements
from hamyar.optimizer.seats import SeatTable, filled_seats, network_slots
from hamyar.optimizer.stable.acceptance import deferred_acceptance

F, M = Gender.female, Gender.male


def test_one_numbering_of_seats(student, unit, problem_of) -> None:
    problem = problem_of([student("a", ["Y"])], [unit("Y", 2, 1), unit("X", 0, 3)])
    table = SeatTable(problem, {("X", F): 1})
    assert table.seats == [2, 1, 1, 3]
    for slot in range(4):
        code, gender = table.key(slot)
        assert table.slot(code, gender) == slot == table.pools[table.pool(slot)][code]
        assert table.code(slot) == code


def test_solver_slots_count_the_fixed_students(student, unit, problem_of) -> None:
    problem = problem_of(
        [student("a", ["Y"]), student("b", ["Y"], gender=M)], [unit("Y", 2, 1), unit("X", 0, 3)]
    )
    slots, index = network_slots(problem, {"a": "Y"})
    assert [(s.unit_code, s.gender, s.seats, s.cap) for s in slots] == [
        ("X", M, 3, 3),
        ("Y", F, 2, 1),
        ("Y", M, 1, 1),
    ]
    assert index == {("X", M): 0, ("Y", F): 1, ("Y", M): 2}
    assert filled_seats(problem, {"a": "Y", "b": "Y"}) == {("Y", F): 1, ("Y", M): 1}


def test_pins_beyond_seats_have_one_message_wherever_they_are_found(
    student, unit, problem_of, make_eligibility
) -> None:
    problem = problem_of(
        [student("p1", ["X"], current="X"), student("p2", ["X"], current="X")],
        [unit("X", 1, 3)],
    )
    eligibility = make_eligibility(problem)
    with pytest.raises(InfeasibleError) as before_solving:
        hard_placements(problem, eligibility, None)
    with pytest.raises(InfeasibleError) as in_deferred_acceptance:
        deferred_acceptance(problem, eligibility)
    assert str(before_solving.value) == str(in_deferred_acceptance.value)
    assert "A1/A5: unit X has 1 female seat(s) but 2 students must stay there" in str(
        before_solving.value
    )
