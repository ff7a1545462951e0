"""Precedence positions computed once per problem, and justified envy and explanations fed with
positions or priority scores the caller already has: the same results as computing them."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamyar.models import (
    EnvyPair,
    MaritalStatus,
    PriorityGroup,
    Problem,
)
from hamyar.optimizer import precedence
from hamyar.optimizer.envy import justified_envy
from hamyar.optimizer.explain import explain
from hamyar.optimizer.network import priority_scores
from hamyar.optimizer.precedence import precedence_key, precedence_positions


def by_key(problem: Problem) -> dict[str, int]:
    """The definition: applicants sorted by :func:`precedence_key`, numbered from 0."""
    ranked = sorted(problem.applicants, key=lambda a: precedence_key(a, problem.policy))
    return {a.student_id: i for i, a in enumerate(ranked)}


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_positions_follow_the_precedence_key(data: st.DataObject, instances) -> None:
    case = data.draw(instances(max_students=12), label="case")
    problem, _ = case
    expected = by_key(problem)
    assert precedence_positions(problem) == expected
    # An equal problem that is another object is computed anew, here from given scores.
    other = problem.model_copy()
    assert precedence_positions(other, priority_scores(other)) == expected


def test_positions_are_computed_once_per_problem(student, unit, problem_of) -> None:
    apps = [student("a", ["X"], gpa=15), student("b", ["X"], gpa=18)]
    first = problem_of(apps, [unit("X", 1, 0)])
    positions = precedence_positions(first)
    assert positions == {"b": 0, "a": 1}
    assert precedence_positions(first) is positions
    second = problem_of([student("a", ["X"], gpa=19), apps[1]], [unit("X", 1, 0)])
    assert precedence_positions(second) == {"a": 0, "b": 1}


def test_equal_lottery_numbers_fall_back_to_the_student_id(
    monkeypatch: pytest.MonkeyPatch,
    student,
    unit,
    problem_of,
) -> None:
    monkeypatch.setattr(precedence, "lottery_number", lambda student_id, seed: 7)
    problem = problem_of(
        [
            student("s3", ["X"], gpa=17),
            student("s1", ["X"], gpa=17),
            student("s4", ["X"], gpa=19),
            student("s2", ["X"], gpa=17, groups=[PriorityGroup.shahed]),
            student("s0", ["X"], gpa=17),
        ],
        [unit("X", 1, 0)],
    )
    positions = precedence_positions(problem)
    assert positions == by_key(problem)
    assert positions == {"s2": 0, "s4": 1, "s0": 2, "s1": 3, "s3": 4}


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_precomputed_positions_and_scores_give_the_same_results(
    data: st.DataObject, placements
) -> None:
    case = data.draw(placements(), label="case")
    problem, eligibility, placement = case
    envy = justified_envy(problem, eligibility, placement)
    explanations = explain(problem, eligibility, placement)
    scores = priority_scores(problem)
    for given_values in ({"scores": scores}, {"position": by_key(problem), "scores": scores}):
        assert justified_envy(problem, eligibility, placement, **given_values) == envy
        assert explain(problem, eligibility, placement, **given_values) == explanations


def test_given_positions_are_the_ones_used(student, unit, problem_of, make_eligibility) -> None:
    # Equal scores and GPAs: only the positions say who has the better claim to X's seat.
    problem = problem_of(
        [student("holder", ["X"], gpa=16), student("out", ["X"], gpa=16)], [unit("X", 1, 0)]
    )
    eligibility = make_eligibility(problem)
    placement = {"holder": "X"}
    holder_first = {"holder": 0, "out": 1}
    out_first = {"holder": 1, "out": 0}
    assert justified_envy(problem, eligibility, placement, position=holder_first) == ()
    assert justified_envy(problem, eligibility, placement, position=out_first) == (
        EnvyPair(student_id="out", unit_code="X", displaced_student_id="holder"),
    )
    (kept_out,) = explain(problem, eligibility, placement, position=holder_first)
    assert kept_out.units[0].kind == "full_higher_precedence"
    (passed_over,) = explain(problem, eligibility, placement, position=out_first)
    assert passed_over.units[0].kind == "stability"
    assert passed_over.units[0].holder_student_id == "holder"


def test_priority_groups_follow_a_changed_copy(student) -> None:
    single = student("a", ["X"], groups=[PriorityGroup.shahed])
    assert single.priority_groups == (PriorityGroup.shahed,)
    married = single.model_copy(update={"marital_status": MaritalStatus.married})
    assert married.priority_groups == (PriorityGroup.shahed, PriorityGroup.married)
    parent = married.model_copy(update={"children": 2})
    assert parent.priority_groups == (PriorityGroup.shahed, PriorityGroup.married_with_children)
    assert single.priority_groups == (PriorityGroup.shahed,)
