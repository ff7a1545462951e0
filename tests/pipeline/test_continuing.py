"""The term before applied to the next term's problem (``--continue-from``), without a
database: continuing assistants (A5) from the earlier placements, pins that would break a rule
released with a warning, the units' "not satisfied" as E9 exclusions under the policy, and the
previous allocation for keep_previous."""

from __future__ import annotations

import pytest

from hamyar.eligibility import evaluate
from hamyar.errors import InputError
from hamyar.messages import render
from hamyar.models import Applicant, Gender, Policy, Problem, Source, Term, Unit
from hamyar.pipeline.continuing import History, continue_from
from hamyar.pipeline.run import run_problem

T1, T2 = Term(year=1402, semester=1), Term(year=1402, semester=2)


def _app(
    sid: str, prefs: tuple[str, ...], *, gpa: float = 17, current: str | None = None, row: int = 2
) -> Applicant:
    return Applicant(
        student_id=sid,
        first_name="مریم",
        last_name="رضایی",
        gender=Gender.female,
        degree="bachelor_continuous",
        gpa=gpa,
        semesters_passed=3,
        preferences=prefs,
        current_unit=current,
        source=Source(file="applicants.csv", row=row),
    )


UNITS = (
    Unit(code="LIB", name_fa="کتابخانه", female_seats=1, male_seats=0),
    Unit(code="LAB", name_fa="آزمایشگاه", female_seats=1, male_seats=0),
)


def _problem(apps: list[Applicant], policy: Policy | None = None) -> Problem:
    return Problem.create(apps, UNITS, policy=policy or Policy(), term=T2)


def test_continuing_assistants_come_from_the_earlier_placements() -> None:
    # S1 worked in LIB and asks for LAB first now; S2 typed a current unit the earlier term
    # never gave her; S3 worked in a unit that is gone; S9 did not apply again.
    apps = [
        _app("S1", ("LAB",), row=2),
        _app("S2", ("LIB", "LAB"), current="LAB", row=3),
        _app("S3", ("LAB",), row=4),
    ]
    history = History(T1, {"S1": "LIB", "S3": "GONE", "S9": "LAB"})
    cont = continue_from(_problem(apps), history)
    assert cont.continuing == {"S1": "LIB"}
    assert cont.problem.pins == {"S1": "LIB"}
    assert set(cont.not_continuing) == {"S3"}
    assert cont.not_applied == 1
    assert cont.previous is None
    where = sorted((w.row, w.column) for w in cont.warnings)
    assert where == [(3, "current_unit"), (4, None)]
    assert all(w.severity == "warning" and w.file == "applicants.csv" for w in cont.warnings)
    result = run_problem(cont.problem)
    placed = {a.student_id: a.unit_code for a in result.allocation.assignments}
    assert placed["S1"] == "LIB"  # kept where she was although LAB is her first choice


def test_a_typed_current_unit_is_replaced_by_the_workspace() -> None:
    cont = continue_from(
        _problem([_app("S1", ("LAB",), current="LAB")]), History(T1, {"S1": "LIB"})
    )
    assert cont.problem.pins == {"S1": "LIB"}
    (warning,) = cont.warnings
    assert warning.column == "current_unit" and "replaced" in warning.text("en")


def test_an_ineligible_continuing_assistant_is_released_not_infeasible() -> None:
    apps = [_app("S1", ("LIB",), gpa=12), _app("S2", ("LIB",))]
    cont = continue_from(_problem(apps), History(T1, {"S1": "LIB"}))
    assert cont.problem.pins == {}
    assert "not eligible" in render(cont.not_continuing["S1"], "en")
    result = run_problem(cont.problem)  # a hard pin of S1 would be infeasible
    assert [(a.student_id, a.unit_code) for a in result.allocation.assignments] == [("S2", "LIB")]


@pytest.mark.parametrize("exclude", [False, True])
def test_not_satisfied_is_an_e9_exclusion_only_under_the_policy(exclude: bool) -> None:
    apps = [_app("S1", ("LIB", "LAB"))]
    history = History(T1, {"S1": "LIB"}, unsatisfied=(("S1", "LIB"),))
    cont = continue_from(_problem(apps, Policy(exclude_unsatisfied=exclude)), history)
    verdict = evaluate(cont.problem).by_id["S1"]
    if exclude:
        assert cont.problem.pins == {} and "S1" in cont.not_continuing
        assert "LIB" not in verdict.admissible_units and "LAB" in verdict.admissible_units
        (closure,) = verdict.closed_units
        (why,) = closure.reasons
        assert why.rule == "E9" and why.values["requirement"] == "evaluation"
        assert "1402-1" in why.message_en and "ناراضی" in why.message_fa
    else:
        assert cont.problem.pins == {"S1": "LIB"}
        assert set(verdict.admissible_units) == {"LIB", "LAB"}


def test_keep_previous_keeps_the_earlier_allocation() -> None:
    # One seat each; S2 has the better GPA and would take LIB, S1 held it last term.
    apps = [_app("S1", ("LIB", "LAB"), gpa=15), _app("S2", ("LIB", "LAB"), gpa=19, row=3)]
    plain = run_problem(_problem(apps))
    assert {a.student_id: a.unit_code for a in plain.allocation.assignments}["S2"] == "LIB"
    policy = Policy(keep_previous="1402-1")
    cont = continue_from(_problem(apps, policy), History(T1, {"S1": "LIB", "S2": "LAB"}))
    assert cont.previous == {"S1": "LIB", "S2": "LAB"}
    assert cont.problem.pins == {}  # kept by the keep_previous term, not pinned as well
    kept = run_problem(cont.problem, previous=cont.previous)
    assert {a.student_id: a.unit_code for a in kept.allocation.assignments} == {
        "S1": "LIB",
        "S2": "LAB",
    }


def test_keep_previous_naming_another_term_and_a_later_term_are_refused() -> None:
    apps = [_app("S1", ("LIB",))]
    with pytest.raises(InputError, match="keep_previous names term 1401-2"):
        continue_from(_problem(apps, Policy(keep_previous="1401-2")), History(T1, {}))
    with pytest.raises(InputError, match="must come before") as caught:
        continue_from(_problem(apps), History(T2, {}))
    assert caught.value.issues[0].column == "--continue-from"


def test_continuing_assistants_beyond_the_seats_keep_the_first_in_precedence() -> None:
    # LIB has one seat this term; both worked there last term; S2 has the better GPA.
    apps = [_app("S1", ("LIB",), gpa=15), _app("S2", ("LIB",), gpa=19, row=3)]
    cont = continue_from(_problem(apps), History(T1, {"S1": "LIB", "S2": "LIB"}))
    assert cont.continuing == {"S2": "LIB"}
    assert "1 female seat(s) this term for 2 continuing assistants" in render(
        cont.not_continuing["S1"], "en"
    )
    result = run_problem(cont.problem)  # two hard pins in one seat would be infeasible
    assert [(a.student_id, a.unit_code) for a in result.allocation.assignments] == [("S2", "LIB")]
