"""One tiny instance where each rule is slack and one where it binds (or cannot hold): A1 seats
per gender, A2 one unit, A4/E1–E9 admissible pairs, A5 pins hard and soft, the term and unit
budgets, the minimum fill and keeping a previous allocation."""

from __future__ import annotations

import pytest

from hamyar.errors import InfeasibleError
from hamyar.models import Gender, Policy, PriorityGroup, SolveStatus
from hamyar.models.pay import planned_term_cost_rial
from hamyar.optimizer import solve

F, M = Gender.female, Gender.male

BACHELOR_TERM = 28_800_000  # 40 h × 180,000 rial × 4 months
PHD_TERM = 40_000_000  # 40 h × 250,000 rial × 4 months


@pytest.fixture(scope="module")
def run(problem_of, eligibility_of):
    def run(apps, units, policy=None, **kwargs):  # type: ignore[no-untyped-def]
        problem = problem_of(apps, units, policy)
        eligibility = eligibility_of(problem, **kwargs)
        return problem, eligibility, solve(problem, eligibility)

    return run


# ----------------------------------------------------------------------- A1 seats per gender
def test_a1_seats_slack(student, unit, placement_of, run) -> None:
    _, _, alloc = run([student("a", ["X"]), student("b", ["X"])], [unit("X", 2)])
    assert placement_of(alloc) == {"a": "X", "b": "X"}
    assert alloc.fill[0].filled == 2


def test_a1_seats_bind_and_gender_never_mixes(student, unit, placement_of, run) -> None:
    apps = [student("a", ["X"], gpa=19), student("b", ["X"]), student("m", ["X"], M, gpa=20)]
    problem, _, alloc = run(apps, [unit("X", 1, 0)])
    assert placement_of(alloc) == {"a": "X"}  # one female seat; the male applicant has none
    assert [(f.gender, f.seats, f.filled) for f in alloc.fill] == [(F, 1, 1)]
    why = {e.student_id: e for e in alloc.explanations}
    assert why["m"].units[0].kind == "no_seats_of_gender"
    assert why["b"].units[0].kind == "full_higher_precedence"
    assert problem.unit_by_code["X"].male_seats == 0


# ----------------------------------------------------------------------- A2 one unit
def test_a2_one_unit_even_with_free_seats_everywhere(student, unit, placement_of, run) -> None:
    _, _, alloc = run([student("a", ["X", "Y"])], [unit("X", 3), unit("Y", 3)])
    assert placement_of(alloc) == {"a": "X"}
    assert alloc.placed == 1


def test_a2_one_unit_when_two_units_want_the_same_student(student, unit, placement_of, run) -> None:
    apps = [student("a", ["X", "Y"]), student("b", ["X"])]
    _, _, alloc = run(apps, [unit("X", 1), unit("Y", 1)])
    assert placement_of(alloc) == {"a": "Y", "b": "X"}  # coverage moves a, never doubles her


# ----------------------------------------------------------------------- A4 / E1–E9
def test_a4_only_asked_for_units(student, unit, run) -> None:
    _, _, alloc = run([student("a", ["X"])], [unit("X", 0), unit("Y", 5)])
    assert alloc.placed == 0  # Y has seats but a never asked for it


def test_e9_closed_unit_and_ineligible_student_stay_out(student, unit, placement_of, run) -> None:
    apps = [student("a", ["X", "Y"]), student("b", ["X"]), student("c", ["Y"])]
    _, _, alloc = run(apps, [unit("X", 5), unit("Y", 5)], ineligible=["b"], closed={"a": ["X"]})
    assert placement_of(alloc) == {"a": "Y", "c": "Y"}
    kinds = {u.unit_code: u.kind for e in alloc.explanations for u in e.units}
    assert kinds == {"X": "closed_e9"}


def test_area_stands_for_its_units_at_one_rank(student, unit, placement_of, run) -> None:
    apps = [student("a", ["north"]), student("b", ["north"])]
    units = [unit("X", 1, area="north"), unit("Y", 1, area="north")]
    _, _, alloc = run(apps, units)
    assert sorted(placement_of(alloc).values()) == ["X", "Y"]
    assert {a.preference_rank for a in alloc.assignments} == {1}


# ----------------------------------------------------------------------- A5 pins
def test_hard_pin_kept_against_a_stronger_claim(student, unit, placement_of, run) -> None:
    apps = [
        student("a", ["X"], current="X"),
        student("b", ["X"], gpa=20, groups=[PriorityGroup.exemplary]),
    ]
    _, _, alloc = run(apps, [unit("X", 1)])
    assert placement_of(alloc) == {"a": "X"}
    assert alloc.assignments[0].pinned


def test_hard_pins_beyond_the_seats_name_the_unit_and_students(
    student, unit, problem_of, eligibility_of
) -> None:
    apps = [student("a", ["X"], current="X"), student("b", ["X"], current="X")]
    problem = problem_of(apps, [unit("X", 1)])
    with pytest.raises(InfeasibleError, match=r"unit X has 1 female seat.*a \(pinned\), b"):
        solve(problem, eligibility_of(problem))


def test_hard_pin_that_breaks_a_rule_is_named(student, unit, problem_of, eligibility_of) -> None:
    apps = [student("a", ["X"], current="X"), student("b", ["Y"], current="Y")]
    problem = problem_of(apps, [unit("X", 1), unit("Y", 1)])
    eligibility = eligibility_of(problem, ineligible=["b"], closed={"a": ["X"]})
    with pytest.raises(InfeasibleError) as caught:
        solve(problem, eligibility)
    text = str(caught.value)
    assert "hard pin of a to unit X" in text and "E9" in text
    assert "hard pin of b to unit Y" in text and "not eligible" in text


def test_soft_pin_kept_when_it_can_be(student, unit, placement_of, run) -> None:
    policy = Policy(pins="soft", pin_penalty=5)
    apps = [student("a", ["Y", "X"], current="X"), student("b", ["X"])]
    _, _, alloc = run(apps, [unit("X", 1), unit("Y", 1)], policy)
    assert placement_of(alloc) == {"a": "X"}  # worth 5 > b's coverage
    assert alloc.message == ""


def test_soft_pins_beyond_the_seats_pay_the_penalty(student, unit, placement_of, run) -> None:
    policy = Policy(pins="soft", pin_penalty=7, objective=("coverage", "gpa"))
    apps = [student("a", ["X"], current="X", gpa=15), student("b", ["X"], current="X", gpa=18)]
    _, _, alloc = run(apps, [unit("X", 1)], policy)
    assert placement_of(alloc) == {"b": "X"}  # GPA breaks the tie
    assert alloc.stages[0].value == 1 - 7  # coverage 1, one soft pin broken
    assert "soft pin of a to unit X was not kept" in alloc.message


def test_soft_pin_that_breaks_a_rule_is_reported_not_fatal(
    student, unit, placement_of, run
) -> None:
    policy = Policy(pins="soft")
    apps = [student("a", ["X"], current="X"), student("b", ["X"])]
    _, _, alloc = run(apps, [unit("X", 1)], policy, ineligible=["a"])
    assert placement_of(alloc) == {"b": "X"}
    assert "soft pin of a cannot be kept" in alloc.message


# ----------------------------------------------------------------------- budgets
def test_term_budget_slack_changes_nothing(student, unit, run) -> None:
    apps = [student("a", ["X"]), student("b", ["X"])]
    policy = Policy(budget_term_rial=2 * BACHELOR_TERM)
    _, _, alloc = run(apps, [unit("X", 2)], policy)
    assert alloc.placed == 2
    assert [s.method for s in alloc.stages] == ["flow"] * len(alloc.stages)


def test_term_budget_binds(student, unit, placement_of, run) -> None:
    apps = [
        student("a", ["X"], degree="phd", gpa=19),
        student("b", ["X"]),
        student("c", ["Y"]),
    ]
    policy = Policy(budget_term_rial=2 * BACHELOR_TERM + 1)
    problem, _, alloc = run(apps, [unit("X", 2), unit("Y", 1)], policy)
    placed = placement_of(alloc)
    assert placed == {"b": "X", "c": "Y"}  # two cheap students beat one PhD and one more
    cost = sum(
        planned_term_cost_rial(problem.applicant_by_id[s], problem.unit_by_code[u], policy)
        for s, u in placed.items()
    )
    assert cost <= policy.budget_term_rial
    assert alloc.status is SolveStatus.optimal


def test_budget_below_the_pinned_cost_names_the_pins(
    student, unit, problem_of, eligibility_of
) -> None:
    apps = [student("a", ["X"], current="X", degree="phd")]
    problem = problem_of(apps, [unit("X", 1)], Policy(budget_term_rial=PHD_TERM - 1))
    with pytest.raises(InfeasibleError, match=r"above the term budget.*a \(pinned\)"):
        solve(problem, eligibility_of(problem))


def test_unit_budget_binds_only_its_unit(student, unit, run) -> None:
    apps = [student("a", ["X"]), student("b", ["X"]), student("c", ["Y"]), student("d", ["Y"])]
    policy = Policy(unit_budget_term_rial={"X": BACHELOR_TERM})
    _, _, alloc = run(apps, [unit("X", 2), unit("Y", 2)], policy)
    fill = {f.unit_code: f.filled for f in alloc.fill}
    assert fill == {"X": 1, "Y": 2}


def test_unit_budget_below_its_pins_names_the_unit(
    student, unit, problem_of, eligibility_of
) -> None:
    apps = [student("a", ["X"], current="X")]
    problem = problem_of(apps, [unit("X", 1)], Policy(unit_budget_term_rial={"X": 1}))
    with pytest.raises(InfeasibleError, match="unit X cost"):
        solve(problem, eligibility_of(problem))


def test_stable_mode_budget_conflict_is_explained(
    student, unit, problem_of, eligibility_of
) -> None:
    # Stability forces both students in (free seats they asked for); the budget holds one.
    apps = [student("a", ["X"]), student("b", ["Y"])]
    policy = Policy(stable=True, budget_term_rial=BACHELOR_TERM)
    problem = problem_of(apps, [unit("X", 1), unit("Y", 1)], policy)
    with pytest.raises(InfeasibleError, match="stable = true and the term budget"):
        solve(problem, eligibility_of(problem))


# ----------------------------------------------------------------------- minimum fill
def test_min_fill_met_when_a_student_can_move(student, unit, run) -> None:
    apps = [student("a", ["X", "Y"]), student("b", ["X", "Y"])]
    policy = Policy(min_fill="0.5", min_fill_penalty=5)  # X needs 1 of 2, Y 1 of 1
    _, _, alloc = run(apps, [unit("X", 2), unit("Y", 1)], policy)
    fill = {f.unit_code: (f.filled, f.min_fill, f.missed_min_fill) for f in alloc.fill}
    assert fill == {"X": (1, 1, False), "Y": (1, 1, False)}
    assert alloc.stages[0].value == 0  # priority 0, no shortfall


def test_min_fill_penalty_counts_in_the_first_stage(student, unit, placement_of, run) -> None:
    apps = [student("a", ["X", "Y"]), student("b", ["X", "Y"])]
    policy = Policy(min_fill="1", min_fill_penalty=5)  # 3 seats to fill, 2 students
    _, _, alloc = run(apps, [unit("X", 2), unit("Y", 1)], policy)
    assert alloc.stages[0].value == 0 - 5  # one seat short whatever happens
    assert placement_of(alloc) == {"a": "X", "b": "X"}  # then the first choices win


def test_min_fill_off_leaves_students_at_their_first_choice(
    student, unit, placement_of, run
) -> None:
    apps = [student("a", ["X", "Y"]), student("b", ["X", "Y"])]
    _, _, alloc = run(apps, [unit("X", 2), unit("Y", 1)])
    assert placement_of(alloc) == {"a": "X", "b": "X"}


def test_min_fill_missed_is_reported(student, unit, run) -> None:
    policy = Policy(min_fill="0.5")
    _, _, alloc = run([student("a", ["X"])], [unit("X", 1), unit("Y", 4)], policy)
    assert "minimum fill missed in Y (female 0/2)" in alloc.message


# ----------------------------------------------------------------------- keep previous
def test_keep_previous_soft_refills_only_the_freed_seat(
    student, unit, problem_of, eligibility_of, placement_of
) -> None:
    apps = [
        student("a", ["X", "Y"], gpa=15),
        student("b", ["Y", "X"], gpa=16),
        student("c", ["X"], gpa=20),
        student("d", ["Y", "X"], gpa=19),
    ]
    problem = problem_of(apps, [unit("X", 1), unit("Y", 1)])
    # Y rejected b after the first run: b's seat is free, a stays at X.
    eligibility = eligibility_of(problem, closed={"b": ["Y"]})
    alloc = solve(problem, eligibility, previous={"a": "X", "b": "Y"})
    assert placement_of(alloc) == {"a": "X", "d": "Y"}
    assert alloc.stages[0].name == "keep_previous"


def test_keep_previous_hard_over_the_seats_is_infeasible(
    student, unit, problem_of, eligibility_of
) -> None:
    apps = [student("a", ["X"]), student("b", ["X"])]
    policy = Policy(keep_previous_mode="hard")
    problem = problem_of(apps, [unit("X", 1)], policy)
    with pytest.raises(InfeasibleError, match=r"a \(previous allocation\), b \(previous"):
        solve(problem, eligibility_of(problem), previous={"a": "X", "b": "X"})
