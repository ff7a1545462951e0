"""Justified-envy pairs of a placement: free seats, lower-precedence holders, pins (A5), ties."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamyar.models import EligibilityResult, EnvyPair, Gender, PriorityGroup, Problem
from hamyar.optimizer.envy import justified_envy, seat_holders
from hamyar.optimizer.precedence import precedence_key
from hamyar.optimizer.seats import seat_capacity

F, M = Gender.female, Gender.male


@pytest.fixture(scope="module")
def three_units(unit):
    """X and Y with two female and one male seat, Z with one of each."""
    return [unit("X", 2, 1), unit("Y", 2, 1), unit("Z", 1, 1)]


def pair(s: str, u: str, t: str | None = None) -> EnvyPair:
    return EnvyPair(student_id=s, unit_code=u, displaced_student_id=t)


def test_free_seat_is_envied_by_unplaced_and_worse_placed(
    student, problem_of, make_eligibility, three_units
) -> None:
    problem = problem_of(
        [student("a", ["X", "Y"]), student("b", ["X", "Y"]), student("c", ["Y"])], three_units
    )
    eligibility = make_eligibility(problem)
    # X has two female seats, one free: a (at Y, rank 2) and c... c never asked for X.
    assert justified_envy(problem, eligibility, {"a": "Y", "b": "X", "c": "Y"}) == (pair("a", "X"),)
    # Unplaced c envies Y's free seat.
    assert justified_envy(problem, eligibility, {"a": "X", "b": "X"}) == (pair("c", "Y"),)


def test_lower_precedence_holder_names_the_lowest(
    student, problem_of, make_eligibility, three_units
) -> None:
    problem = problem_of(
        [
            student("top", ["X"], gpa=19, groups=[PriorityGroup.exemplary]),
            student("mid", ["X"], gpa=18),
            student("low", ["X"], gpa=15),
            student("out", ["X"], gpa=17),
        ],
        three_units,
    )
    eligibility = make_eligibility(problem)
    # X's two female seats hold mid and low: top and out (17) both outrank low (15), the
    # lowest holder, who is the one named.
    assert justified_envy(problem, eligibility, {"mid": "X", "low": "X"}) == (
        pair("top", "X", "low"),
        pair("out", "X", "low"),
    )
    # With out in place of low, only top outranks the lowest holder (out).
    assert justified_envy(problem, eligibility, {"mid": "X", "out": "X"}) == (
        pair("top", "X", "out"),
    )
    assert justified_envy(problem, eligibility, {"top": "X", "mid": "X"}) == ()


def test_gpa_and_lottery_break_equal_scores(
    student, problem_of, make_eligibility, three_units
) -> None:
    problem = problem_of([student("a", ["Z"], gpa=17), student("b", ["Z"], gpa=17)], three_units)
    eligibility = make_eligibility(problem)
    policy = problem.policy
    first, second = sorted(problem.applicants, key=lambda x: precedence_key(x, policy))
    envy = justified_envy(problem, eligibility, {second.student_id: "Z"})
    assert envy == (pair(first.student_id, "Z", second.student_id),)
    assert justified_envy(problem, eligibility, {first.student_id: "Z"}) == ()


def test_pinned_holder_is_not_displaceable_rule_a5(
    student, problem_of, make_eligibility, three_units
) -> None:
    apps = [
        student("old", ["Y"], gpa=14, current="Z"),
        student("new", ["Z", "Y"], gpa=20),
    ]
    problem = problem_of(apps, three_units)
    eligibility = make_eligibility(problem)
    assert justified_envy(problem, eligibility, {"old": "Z", "new": "Y"}) == ()
    # Without pins the same holder can be displaced, and old, placed outside his/her list,
    # envies Y's free seat.
    assert justified_envy(problem, eligibility, {"old": "Z", "new": "Y"}, pins={}) == (
        pair("old", "Y"),
        pair("new", "Z", "old"),
    )


def test_pinned_and_movable_holders_envy_names_the_movable(
    student, problem_of, make_eligibility, three_units
) -> None:
    apps = [
        student("old", ["Y"], gpa=14, current="X"),
        student("mover", ["X"], gpa=15),
        student("me", ["X"], gpa=18),
    ]
    problem = problem_of(apps, three_units)
    eligibility = make_eligibility(problem)
    assert justified_envy(problem, eligibility, {"old": "X", "mover": "X"}) == (
        pair("me", "X", "mover"),
    )


def test_kept_pin_envies_nobody_but_a_moved_pin_does(
    student, problem_of, make_eligibility, three_units
) -> None:
    problem = problem_of([student("old", ["X", "Y"], current="Y")], three_units)
    eligibility = make_eligibility(problem)
    assert justified_envy(problem, eligibility, {"old": "Y"}) == ()
    assert justified_envy(problem, eligibility, {}) == (pair("old", "X"), pair("old", "Y"))


def test_same_rank_is_not_better(student, unit, problem_of, make_eligibility) -> None:
    units = [unit("N1", 1, 0, area="north"), unit("N2", 1, 0, area="north")]
    problem = problem_of([student("a", ["north"], gpa=20), student("b", ["N2"])], units)
    eligibility = make_eligibility(problem)
    # a sits in N2, rank 1 like N1, so N1's free seat is not better for a; b asked for N2 only,
    # which a holds with higher precedence: nobody has justified envy.
    assert justified_envy(problem, eligibility, {"a": "N2"}) == ()


def test_other_gender_closed_and_ineligible_do_not_envy(
    student, unit, problem_of, make_eligibility
) -> None:
    problem = problem_of(
        [
            student("m", ["Z"], M, gpa=20),
            student("f", ["Z"], F, gpa=14),
            student("shut", ["X"], gpa=20),
            student("gone", ["X"], gpa=20),
        ],
        [unit("X", 1, 0), unit("Z", 1, 0)],
    )
    eligibility = make_eligibility(problem, closed={"shut": ["X"]}, ineligible=["gone"])
    assert justified_envy(problem, eligibility, {"f": "Z"}) == ()
    assert justified_envy(problem, eligibility, {}) == (pair("f", "Z"),)


def test_capacity_override_and_unknown_names(
    student, problem_of, make_eligibility, three_units
) -> None:
    problem = problem_of([student("a", ["X"]), student("b", ["X"], gpa=14)], three_units)
    eligibility = make_eligibility(problem)
    assert justified_envy(problem, eligibility, {"b": "X"}) == (pair("a", "X"),)
    # With X reduced to one female seat, the free seat is gone and a still outranks b.
    assert justified_envy(problem, eligibility, {"b": "X"}, {("X", F): 1}) == (pair("a", "X", "b"),)
    with pytest.raises(ValueError, match="unknown student"):
        justified_envy(problem, eligibility, {"ghost": "X"})
    with pytest.raises(ValueError, match="unknown unit"):
        justified_envy(problem, eligibility, {"a": "NOPE"})


def test_seat_holders_index(student, problem_of, three_units) -> None:
    apps = [
        student("old", ["X"], gpa=12, current="X"),
        student("a", ["X"], gpa=18),
        student("b", ["X"], gpa=15),
    ]
    problem = problem_of(apps, three_units)
    holders = seat_holders(problem, {"old": "X", "a": "X", "b": "Y"})
    x, y = holders.slot("X", F), holders.slot("Y", F)
    assert holders.seats[x] == 2 and holders.seats[holders.slot("Z", M)] == 1
    assert (holders.filled[x], holders.filled[y], sum(holders.filled)) == (2, 1, 3)
    assert (holders.pinned[x], sum(holders.pinned)) == (1, 1)
    assert holders.weakest[x] == "old"
    assert holders.weakest_movable[x] == "a"
    assert holders.weakest[y] == holders.weakest_movable[y] == "b"
    assert holders.free(x) == 0 and holders.free(y) == 1
    assert holders.fixed == frozenset({"old"})


# --- against the definition, written out naively -----------------------------------------


def naive_envy(
    problem: Problem, eligibility: EligibilityResult, placement: dict[str, str]
) -> list[EnvyPair]:
    pins, policy, by_id = problem.pins, problem.policy, problem.applicant_by_id
    seats = seat_capacity(problem)
    out = []
    for app in problem.applicants:
        s = app.student_id
        if s in pins and placement.get(s) == pins[s]:
            continue
        ranks = eligibility.admissible(s)
        mine = ranks.get(placement[s], math.inf) if s in placement else math.inf
        for u in sorted(ranks, key=lambda c: (ranks[c], c)):
            if ranks[u] >= mine:
                continue
            holders = [t for t, v in placement.items() if v == u and by_id[t].gender == app.gender]
            if len(holders) < seats[(u, app.gender)]:
                out.append(pair(s, u))
                continue
            movable = [t for t in holders if pins.get(t) != u]
            if not movable:
                continue
            low = max(movable, key=lambda t: precedence_key(by_id[t], policy))
            if precedence_key(by_id[low], policy) > precedence_key(app, policy):
                out.append(pair(s, u, low))
    return out


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_matches_the_definition(data: st.DataObject, placements) -> None:
    case = data.draw(placements(), label="case")
    problem, eligibility, placement = case
    got = justified_envy(problem, eligibility, placement)
    assert list(got) == naive_envy(problem, eligibility, placement)
    assert len({(p.student_id, p.unit_code) for p in got}) == len(got)
