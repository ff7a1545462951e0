"""Student-proposing deferred acceptance (stable mode): hand-solved cases, pins (A5), ties,
an independent implementation (the ``matching`` library) and brute force over all matchings."""

from __future__ import annotations

import itertools
import math
import warnings
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matching.games import HospitalResident

from hamyar.errors import InfeasibleError
from hamyar.models import EligibilityResult, Gender, PriorityGroup, Problem
from hamyar.optimizer.envy import justified_envy
from hamyar.optimizer.precedence import precedence_key, precedence_positions
from hamyar.optimizer.seats import seat_capacity
from hamyar.optimizer.stable.acceptance import deferred_acceptance, strict_order

F, M = Gender.female, Gender.male

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_displacement_chain_hand_solved(student, unit, problem_of, make_eligibility) -> None:
    # Precedence: A (score 3) > B (GPA 19) > C (GPA 17) > D (GPA 15).
    # B takes X, A takes X and displaces B (X has one seat), B moves to Y and displaces C,
    # C moves to Z; D wanted Y then Z: Y holds B (stronger), Z holds C (stronger), D stays out.
    units = [unit("X", 1, 0), unit("Y", 1, 0), unit("Z", 1, 0)]
    apps = [
        student("B", ["X", "Y"], gpa=19),
        student("C", ["Y", "Z"], gpa=17),
        student("D", ["Y", "Z"], gpa=15),
        student("A", ["X"], gpa=14, groups=[PriorityGroup.exemplary]),
    ]
    problem = problem_of(apps, units)
    result = deferred_acceptance(problem, make_eligibility(problem))
    assert result == {"B": "Y", "C": "Z", "A": "X"}
    assert list(result) == ["B", "C", "A"]  # the order of problem.applicants


def test_seats_are_per_gender_rule_a1(student, unit, problem_of, make_eligibility) -> None:
    problem = problem_of(
        [student("f1", ["X"], F), student("m1", ["X"], M, gpa=20), student("m2", ["X"], M)],
        [unit("X", 1, 1)],
    )
    assert deferred_acceptance(problem, make_eligibility(problem)) == {"f1": "X", "m1": "X"}


def test_unit_without_seats_of_a_gender_is_skipped(
    student, unit, problem_of, make_eligibility
) -> None:
    problem = problem_of([student("m1", ["X", "Y"], M)], [unit("X", 2, 0), unit("Y", 0, 1)])
    assert deferred_acceptance(problem, make_eligibility(problem)) == {"m1": "Y"}


def test_ineligible_and_closed_units_are_never_used(
    student, unit, problem_of, make_eligibility
) -> None:
    problem = problem_of(
        [student("a", ["X", "Y"], gpa=20), student("b", ["X"], gpa=19)],
        [unit("X", 2, 0), unit("Y", 1, 0)],
    )
    eligibility = make_eligibility(problem, closed={"a": ["X"]}, ineligible=["b"])
    assert deferred_acceptance(problem, eligibility) == {"a": "Y"}


def test_tied_units_of_an_area_are_tried_in_unit_code_order(
    student, unit, problem_of, make_eligibility
) -> None:
    units = [unit("N2", 1, 0, area="north"), unit("N1", 1, 0, area="north")]
    problem = problem_of([student("a", ["north"], gpa=20), student("b", ["N1"])], units)
    assert problem.preference_ranks["a"] == {"N1": 1, "N2": 1}
    assert strict_order(problem.preference_ranks["a"]) == ["N1", "N2"]
    # a proposes to N1 first; b (only N1) has lower precedence and stays out. Stable: N2 is
    # not better for a than N1, so a does not envy anything.
    eligibility = make_eligibility(problem)
    result = deferred_acceptance(problem, eligibility)
    assert result == {"a": "N1"}
    assert justified_envy(problem, eligibility, result) == ()


def test_capacity_override_counts_per_unit_and_gender(
    student, unit, problem_of, make_eligibility
) -> None:
    problem = problem_of(
        [student("a", ["X", "Y"], gpa=20), student("b", ["X", "Y"], gpa=18)],
        [unit("X", 2, 0), unit("Y", 2, 0)],
    )
    result = deferred_acceptance(problem, make_eligibility(problem), {("X", F): 1})
    assert result == {"a": "X", "b": "Y"}
    with pytest.raises(ValueError, match="unknown unit"):
        seat_capacity(problem, {("NOPE", F): 1})


def test_pinned_student_keeps_seat_and_cannot_be_displaced_rule_a5(
    student, unit, problem_of, make_eligibility
) -> None:
    problem = problem_of(
        [
            student("star", ["X"], gpa=20, groups=[PriorityGroup.exemplary]),
            student("old", ["Y"], gpa=14, current="X"),
        ],
        [unit("X", 1, 0), unit("Y", 1, 0)],
    )
    eligibility = make_eligibility(problem)
    result = deferred_acceptance(problem, eligibility)
    assert result == {"old": "X"}
    # The pinned holder is not displaceable, so the star's envy is not justified.
    assert justified_envy(problem, eligibility, result) == ()
    # Without pins the continuing assistant competes like everybody else.
    assert deferred_acceptance(problem, eligibility, pins={}) == {"star": "X", "old": "Y"}


def test_pins_beyond_seats_are_infeasible_and_named(
    student, unit, problem_of, make_eligibility
) -> None:
    problem = problem_of(
        [student("p1", ["X"], current="X"), student("p2", ["X"], current="X")],
        [unit("X", 1, 3)],
    )
    with pytest.raises(
        InfeasibleError, match=r"A1/A5: unit X has 1 female seat.*p1 \(pinned\), p2 \(pinned\)"
    ):
        deferred_acceptance(problem, make_eligibility(problem))


def test_precedence_positions_belong_to_their_problem(
    student, unit, problem_of, make_eligibility
) -> None:
    units = [unit("X", 1, 0)]
    low_a = problem_of([student("a", ["X"], gpa=15), student("b", ["X"], gpa=18)], units)
    low_b = problem_of([student("a", ["X"], gpa=18), student("b", ["X"], gpa=15)], units)
    assert precedence_positions(low_a) == {"b": 0, "a": 1}
    assert precedence_positions(low_a) is precedence_positions(low_a)  # kept for the next call
    assert precedence_positions(low_b) == {"a": 0, "b": 1}
    assert deferred_acceptance(low_a, make_eligibility(low_a)) == {"b": "X"}
    assert deferred_acceptance(low_b, make_eligibility(low_b)) == {"a": "X"}


# --- the independent implementation -------------------------------------------------------


def library_matching(problem: Problem, eligibility: EligibilityResult) -> dict[str, str]:
    """Resident-optimal hospital/resident matching of the ``matching`` library: one hospital per
    (unit, gender) with the seats left after pins, residents ranking units by (rank, code),
    hospitals ranking residents by precedence."""
    pins = problem.pins
    seats = seat_capacity(problem)
    by_id = problem.applicant_by_id
    for sid, code in pins.items():
        seats[(code, by_id[sid].gender)] -= 1
    resident_prefs: dict[str, list[str]] = {}
    for app in problem.applicants:
        sid = app.student_id
        if sid in pins:
            continue
        order = strict_order(eligibility.admissible(sid))
        hospitals = [f"{c}|{app.gender.value}" for c in order if seats[(c, app.gender)] > 0]
        if hospitals:
            resident_prefs[sid] = hospitals
    applicants_of: dict[str, list[str]] = {}
    for sid, hospitals in resident_prefs.items():
        for h in hospitals:
            applicants_of.setdefault(h, []).append(sid)
    if not applicants_of:
        return dict(pins)
    policy = problem.policy
    hospital_prefs = {
        h: sorted(sids, key=lambda s: precedence_key(by_id[s], policy))
        for h, sids in applicants_of.items()
    }
    capacities = {}
    for h in hospital_prefs:
        code, gender = h.split("|")
        capacities[h] = next(v for (c, g), v in seats.items() if c == code and g.value == gender)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a malformed game would only warn
        game = HospitalResident.create_from_dictionaries(resident_prefs, hospital_prefs, capacities)
        solution = game.solve(optimal="resident")
    result = dict(pins)
    for hospital, residents in solution.items():
        for resident in residents:
            result[resident.name] = hospital.name.split("|")[0]
    return result


@pytest.mark.slow
@SETTINGS
@given(data=st.data())
def test_same_as_matching_library(data: st.DataObject, instances) -> None:
    case = data.draw(instances(max_students=12, max_units=5), label="case")
    problem, eligibility = case
    ours = deferred_acceptance(problem, eligibility)
    theirs = library_matching(problem, eligibility)
    assert set(ours) == set(theirs)  # the same students placed
    assert Counter(ours.values()) == Counter(theirs.values())  # the same count per unit
    assert ours == theirs  # strict lists: the student-optimal matching is unique
    assert justified_envy(problem, eligibility, ours) == ()


# --- brute force: every matching of a tiny instance -----------------------------------------


def blocked(
    problem: Problem, eligibility: EligibilityResult, match: dict[str, str], strict: bool = False
) -> bool:
    """Independent quadratic check: some unpinned eligible student prefers an admissible unit
    with a free seat of his/her gender or with an unpinned holder of lower precedence.

    "Prefers" compares ranks; with ``strict`` it compares (rank, unit code), the strict lists
    deferred acceptance proposes down."""
    pins, policy, by_id = problem.pins, problem.policy, problem.applicant_by_id
    seats = seat_capacity(problem)
    worst = (math.inf, "")
    for app in problem.applicants:
        s = app.student_id
        if s in pins and pins[s] == match.get(s):
            continue
        ranks = eligibility.admissible(s)

        def value(u: str | None, ranks: dict[str, int] = ranks) -> tuple[float, str]:
            if u is None or u not in ranks:
                return worst
            return (ranks[u], u if strict else "")

        mine = value(match.get(s))
        for u in ranks:
            if value(u) >= mine:
                continue
            holders = [t for t, v in match.items() if v == u and by_id[t].gender == app.gender]
            if len(holders) < seats[(u, app.gender)]:
                return True
            if any(
                pins.get(t) != u and precedence_key(by_id[t], policy) > precedence_key(app, policy)
                for t in holders
            ):
                return True
    return False


def all_matchings(problem: Problem, eligibility: EligibilityResult) -> list[dict[str, str]]:
    """Every allocation within the seats that keeps the pins and uses admissible units only."""
    seats = seat_capacity(problem)
    movers = [a for a in problem.applicants if a.student_id not in problem.pins]
    options = [[None, *eligibility.admissible(a.student_id)] for a in movers]
    found = []
    for choice in itertools.product(*options):
        match = dict(problem.pins)
        match.update({a.student_id: u for a, u in zip(movers, choice, strict=True) if u})
        used = Counter((u, problem.applicant_by_id[s].gender) for s, u in match.items())
        if all(n <= seats[slot] for slot, n in used.items()):
            found.append(match)
    return found


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_stable_and_student_optimal_by_brute_force(data: st.DataObject, instances) -> None:
    case = data.draw(instances(max_students=5, max_units=3, ties=False), label="case")
    problem, eligibility = case
    da = deferred_acceptance(problem, eligibility)
    stable = [
        m for m in all_matchings(problem, eligibility) if not blocked(problem, eligibility, m)
    ]
    assert da in stable
    for other in stable:
        for app in problem.applicants:
            s = app.student_id
            ranks = eligibility.admissible(s)
            if s in problem.pins:
                continue
            da_rank = ranks[da[s]] if s in da else math.inf
            other_rank = ranks[other[s]] if s in other else math.inf
            assert da_rank <= other_rank, (s, da, other)
    # Every unit ranks students by the same precedence order, so with strict preferences the
    # stable allocation is unique.
    assert stable == [da]


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_ties_brute_force(data: st.DataObject, instances) -> None:
    """With tied ranks, DA's result is stable for the ranks as asked, and it is the one stable
    allocation for the strict lists (ties broken by unit code)."""
    case = data.draw(instances(max_students=5, max_units=3, ties=True), label="case")
    problem, eligibility = case
    da = deferred_acceptance(problem, eligibility)
    matchings = all_matchings(problem, eligibility)
    assert not blocked(problem, eligibility, da)
    assert [m for m in matchings if not blocked(problem, eligibility, m, strict=True)] == [da]


def serial_dictatorship(problem: Problem, eligibility: EligibilityResult) -> dict[str, str]:
    """Pins first; then students in precedence order, each taking the first unit of his/her
    strict list with a seat left."""
    left = seat_capacity(problem)
    by_id, policy = problem.applicant_by_id, problem.policy
    result = dict(problem.pins)
    for sid, code in problem.pins.items():
        left[(code, by_id[sid].gender)] -= 1
    for app in sorted(problem.applicants, key=lambda a: precedence_key(a, policy)):
        if app.student_id in problem.pins:
            continue
        for code in strict_order(eligibility.admissible(app.student_id)):
            if left[(code, app.gender)] > 0:
                left[(code, app.gender)] -= 1
                result[app.student_id] = code
                break
    return result


@pytest.mark.slow
@SETTINGS
@given(data=st.data())
def test_same_as_serial_dictatorship(data: st.DataObject, instances) -> None:
    case = data.draw(instances(max_students=15, max_units=5), label="case")
    problem, eligibility = case
    assert deferred_acceptance(problem, eligibility) == serial_dictatorship(problem, eligibility)


@pytest.mark.slow
@SETTINGS
@given(data=st.data())
def test_invariants(data: st.DataObject, instances) -> None:
    case = data.draw(instances(), label="case")
    problem, eligibility = case
    result = deferred_acceptance(problem, eligibility)
    seats = seat_capacity(problem)
    by_id = problem.applicant_by_id
    used = Counter((u, by_id[s].gender) for s, u in result.items())
    assert all(n <= seats[slot] for slot, n in used.items())  # A1
    for sid, code in problem.pins.items():  # A5
        assert result[sid] == code
    for sid, code in result.items():  # A4
        if sid not in problem.pins:
            assert code in eligibility.admissible(sid)
    assert justified_envy(problem, eligibility, result) == ()
    assert deferred_acceptance(problem, eligibility) == result  # deterministic
