"""The assignment diff (a pure function) and the sweep's --param grammar and grid."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamyar.scenarios.diff import Change, assignment_diff
from hamyar.scenarios.sweep import SweepParam, decimal_range, grid, parse_param, show


def test_diff_of_a_hand_made_pair_is_exact() -> None:
    base = {"S1": "A", "S2": "B", "S3": "B", "S4": "C", "S9": "A"}
    other = {"S1": "A", "S2": "A", "S4": "C", "S5": "B", "S6": "C", "S9": "B"}
    diff = assignment_diff(base, other)
    assert diff.changes == (
        Change(student_id="S5", kind="gained", from_unit=None, to_unit="B"),
        Change(student_id="S6", kind="gained", from_unit=None, to_unit="C"),
        Change(student_id="S3", kind="lost", from_unit="B", to_unit=None),
        Change(student_id="S2", kind="moved", from_unit="B", to_unit="A"),
        Change(student_id="S9", kind="moved", from_unit="A", to_unit="B"),
    )
    assert diff.unchanged == 2
    assert diff.counts() == {"gained": 2, "lost": 1, "moved": 2}
    assert [c.student_id for c in diff.gained] == ["S5", "S6"]
    assert [c.student_id for c in diff.lost] == ["S3"]


def test_diff_of_equal_and_empty_placements() -> None:
    same = {"S1": "A", "S2": "B"}
    assert assignment_diff(same, dict(same)).changes == ()
    assert assignment_diff(same, same).unchanged == 2
    assert assignment_diff({}, {}).changes == ()
    assert [c.kind for c in assignment_diff({}, same).changes] == ["gained", "gained"]
    assert [c.kind for c in assignment_diff(same, {}).changes] == ["lost", "lost"]


def test_diff_is_reversible() -> None:
    a = {"S1": "A", "S2": "B", "S3": "C"}
    b = {"S1": "B", "S3": "C", "S4": "A"}
    forward, back = assignment_diff(a, b), assignment_diff(b, a)
    assert {c.student_id for c in forward.gained} == {c.student_id for c in back.lost}
    assert {(c.student_id, c.from_unit, c.to_unit) for c in forward.moved} == {
        (c.student_id, c.to_unit, c.from_unit) for c in back.moved
    }


# ---------------------------------------------------------------------------- --param


def test_range_is_inclusive_and_exact() -> None:
    p = parse_param("min_gpa.bachelor_continuous=13.5:15.5:0.5")
    assert p.key == "min_gpa.bachelor_continuous"
    assert [show(v) for v in p.values] == ["13.5", "14", "14.5", "15", "15.5"]
    assert all(isinstance(v, Decimal) for v in p.values)
    assert decimal_range(Decimal("0.1"), Decimal("0.3"), Decimal("0.1")) == [
        Decimal("0.1"),
        Decimal("0.2"),
        Decimal("0.3"),
    ]


def test_integer_ranges_and_lists() -> None:
    assert parse_param("months_per_term=3:5:1").values == (3, 4, 5)
    assert parse_param("budget_term_rial=1000,2000").values == (1000, 2000)
    assert parse_param("stable=true,false").values == (True, False)
    assert parse_param("objective_mode=lexicographic,weighted").values == (
        "lexicographic",
        "weighted",
    )
    assert parse_param(" pins = soft ").values == ("soft",)
    assert parse_param("min_fill=0.5").values == (Decimal("0.5"),)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("min_gpa.bachelor_continuous", "expected KEY=START:STOP:STEP"),
        ("=1:2:1", "not a policy key"),
        ("a b=1", "not a policy key"),
        ("min_fill=", "no values"),
        ("min_fill=1:2", "START:STOP:STEP"),
        ("min_fill=1:2:3:4", "START:STOP:STEP"),
        ("min_fill=1:x:1", "not a number"),
        ("min_fill=2:1:1", "below the start"),
        ("min_fill=1:2:0", "step must be positive"),
        ("min_fill=1:2:-1", "step must be positive"),
        ("min_fill=1,,2", "empty value"),
        ("lottery_seed=0:100000000:1", "at most"),
    ],
)
def test_bad_param_says_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(ValueError) as exc:
        parse_param(text)
    assert words in str(exc.value)


def test_grid_is_the_cartesian_product_first_key_slowest() -> None:
    points = grid([SweepParam("a", (1, 2)), SweepParam("b", ("x", "y", "z"))])
    assert points == [
        {"a": 1, "b": "x"},
        {"a": 1, "b": "y"},
        {"a": 1, "b": "z"},
        {"a": 2, "b": "x"},
        {"a": 2, "b": "y"},
        {"a": 2, "b": "z"},
    ]
    assert grid([]) == [{}]
    with pytest.raises(ValueError, match="swept twice"):
        grid([SweepParam("a", (1,)), SweepParam("a", (2,))])
    with pytest.raises(ValueError, match="at most"):
        grid([SweepParam("a", tuple(range(200))), SweepParam("b", tuple(range(200)))])


placements = st.dictionaries(
    st.sampled_from([f"S{i}" for i in range(12)]), st.sampled_from(["A", "B", "C", "D"])
)


@settings(max_examples=100, deadline=None)
@given(placements, placements)
def test_applying_the_diff_to_the_base_gives_the_other(
    base: dict[str, str], other: dict[str, str]
) -> None:
    diff = assignment_diff(base, other)
    rebuilt = dict(base)
    for change in diff.changes:
        if change.to_unit is None:
            assert rebuilt.pop(change.student_id) == change.from_unit
        else:
            assert rebuilt.get(change.student_id) == change.from_unit
            rebuilt[change.student_id] = change.to_unit
    assert rebuilt == other
    students = [c.student_id for c in diff.changes]
    assert len(students) == len(set(students))
    assert diff.unchanged + len(diff.lost) + len(diff.moved) == len(base)
    assert diff.unchanged + len(diff.gained) + len(diff.moved) == len(other)
