"""Planned cost of an allocation, and the assignments.csv / allocation folder contract."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

from hamyar.errors import InputError
from hamyar.io.allocation_dir import read_allocation_dir
from hamyar.io.placements import (
    ASSIGNMENT_COLUMNS,
    placed_rows,
    write_assignments_csv,
)
from hamyar.models import Degree, Gender, Policy, Term
from hamyar.models.sheba import make_sheba
from hamyar.payments.planned import planned_cost


@pytest.fixture
def case(pay_applicant, pay_problem, allocation) -> tuple:  # type: ignore[type-arg]
    """Four applicants, three of them placed."""
    apps = [
        pay_applicant(
            "s1", Degree.phd, married=True, sheba_value=make_sheba("017", "0000000123456789001")
        ),
        pay_applicant(
            "s2", Degree.bachelor_continuous, gender=Gender.male, first="علی", last="کریمی"
        ),
        pay_applicant("s3", Degree.master_discontinuous),
        pay_applicant("s4", Degree.associate),  # not placed
    ]
    prob = pay_problem(apps)
    alloc = allocation({"s1": "RES", "s2": "EDU", "s3": "LIB"}, prob)
    return prob, alloc


def test_planned_cost_per_student_unit_and_total(case) -> None:
    prob, alloc = case
    cost = planned_cost(prob, alloc)
    s1, s2, s3 = (cost.by_student()[s] for s in ("s1", "s2", "s3"))
    assert s1.monthly_rial == 60 * 250_000 * 3 // 2  # RES plans 60 h; PhD; married
    assert s2.monthly_rial == 40 * 180_000  # EDU plans 40 h
    assert s3.monthly_rial == 40 * 200_000  # LIB: the policy default, 40 h
    assert s3.hours_per_month == Decimal(40)
    assert s1.term_rial == 4 * s1.monthly_rial
    assert s1.monthly_toman == s1.monthly_rial // 10
    units = cost.by_unit()
    assert units["RES"].students == 1 and units["RES"].monthly_rial == s1.monthly_rial
    assert units["EDU"].term_rial == 4 * s2.monthly_rial
    assert cost.monthly_rial == s1.monthly_rial + s2.monthly_rial + s3.monthly_rial
    assert cost.monthly_rial == sum(u.monthly_rial for u in cost.units)
    assert cost.term_rial == 4 * cost.monthly_rial
    assert cost.term_toman == cost.term_rial // 10
    dumped = cost.model_dump(mode="json")
    assert dumped["monthly_toman"] == cost.monthly_rial // 10


def test_planned_cost_follows_the_policy(pay_applicant, pay_problem, allocation) -> None:
    apps = [pay_applicant("s1", Degree.phd, married=True)]
    policy = Policy(months_per_term=5, married_multiplier=Decimal(2), default_hours_per_month=30)
    prob = pay_problem(apps, policy)
    cost = planned_cost(prob, allocation({"s1": "LIB"}, prob))
    assert cost.monthly_rial == 30 * 250_000 * 2
    assert cost.term_rial == 5 * cost.monthly_rial


def test_assignments_csv_round_trip(tmp_path: Path, write_allocation_dir, case) -> None:
    prob, alloc = case
    folder = write_allocation_dir(tmp_path / "run", prob, alloc)
    with (folder / "assignments.csv").open(encoding="utf-8") as fh:
        assert fh.read(1) == "\ufeff"  # UTF-8 with BOM for Excel
    with (folder / "assignments.csv").open(encoding="utf-8-sig") as fh:
        header = next(csv.reader(fh))
    assert tuple(header) == ASSIGNMENT_COLUMNS
    record = read_allocation_dir(folder)
    assert record.term == Term(year=1402, semester=1)
    assert record.policy == prob.policy
    written = placed_rows(prob, alloc)
    assert [r.model_dump(exclude={"row"}) for r in record.rows] == [
        r.model_dump(exclude={"row"}) for r in written
    ]
    by_id = record.by_student()
    assert by_id["s1"].planned_monthly_pay == 60 * 250_000 * 3 // 2
    assert by_id["s1"].multiplier == Decimal("1.5")
    assert by_id["s1"].unit_area == "research"
    assert record.known_students == {"s1", "s2", "s3", "s4"}  # s4 from eligibility.csv
    assert record.known_units == {"EDU", "RES", "LIB"}


def test_formula_like_text_is_defused(
    tmp_path: Path, pay_applicant, pay_problem, allocation
) -> None:
    prob = pay_problem([pay_applicant("s1", first="=HYPERLINK(1)")])
    path = tmp_path / "assignments.csv"
    write_assignments_csv(path, placed_rows(prob, allocation({"s1": "EDU"}, prob)))
    assert "'=HYPERLINK(1)" in path.read_text(encoding="utf-8-sig")


def _write_summary(folder: Path, text: str) -> None:
    (folder / "summary.json").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        # no folder at all
        (lambda f: f.rename(f.with_name("gone")), "allocation folder not found"),
        # summary.json missing
        (lambda f: (f / "summary.json").unlink(), "summary.json: file not found"),
        # assignments.csv missing
        (lambda f: (f / "assignments.csv").unlink(), "assignments.csv: file not found"),
        # garbled JSON: located at line and column
        (lambda f: _write_summary(f, '{"term": '), "summary.json:1:10: not valid JSON"),
        # no term key
        (lambda f: _write_summary(f, '{"policy": {}}'), "summary.json:term: missing key 'term'"),
        # a term that is not one
        (
            lambda f: _write_summary(f, '{"term": "1402-5", "policy": {}}'),
            "summary.json:term: unknown term",
        ),
        # a policy with a bad value
        (
            lambda f: _write_summary(f, '{"term": "1402-1", "policy": {"months_per_term": 0}}'),
            "summary.json:policy:months_per_term",
        ),
    ],
)
def test_garbled_allocation_folder_is_a_located_error(
    tmp_path: Path, damage: object, expected: str, write_allocation_dir, case
) -> None:
    prob, alloc = case
    folder = write_allocation_dir(tmp_path / "run", prob, alloc)
    damage(folder)  # type: ignore[operator]
    with pytest.raises(InputError) as info:
        read_allocation_dir(folder)
    assert expected in str(info.value)


def test_bad_assignment_cells_are_located(tmp_path: Path, write_allocation_dir, case) -> None:
    prob, alloc = case
    folder = write_allocation_dir(tmp_path / "run", prob, alloc)
    path = folder / "assignments.csv"
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    header = rows[0]
    rows[1][header.index("gender")] = "x"
    rows[2][header.index("hours_per_month")] = "forty"
    rows[3][header.index("student_id")] = rows[1][header.index("student_id")]
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    with pytest.raises(InputError) as info:
        read_allocation_dir(folder)
    text = str(info.value)
    assert f"{path}:2:gender: unknown gender" in text
    assert f"{path}:3:hours_per_month: number expected (forty)" in text
    assert f"{path}:4:student_id: duplicate student_id (also row 2)" in text


def test_summary_written_by_a_run_keeps_policy_and_term(
    tmp_path: Path, write_allocation_dir, case
) -> None:
    prob, alloc = case
    folder = write_allocation_dir(tmp_path / "run", prob, alloc, eligibility=False)
    data = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    data["policy"]["monthly_hours_cap"] = "60"
    (folder / "summary.json").write_text(json.dumps(data), encoding="utf-8")
    record = read_allocation_dir(folder)
    assert record.policy.monthly_hours_cap == Decimal(60)
    assert record.known_students == {"s1", "s2", "s3"}  # no eligibility.csv: placed only
