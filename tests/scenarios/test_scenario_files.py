"""Scenario files: keys validated, overrides and extends applied, seat changes and closures."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from hamyar.errors import InputError
from hamyar.messages import use_lang
from hamyar.models import Degree, PriorityGroup, Problem
from hamyar.scenarios import (
    DEFAULT_SCENARIO,
    EMBEDDED,
    apply_changes,
    build_inputs,
    load_scenario_inputs,
    resolve_file,
    shipped_paths,
)
from hamyar.scenarios.resolve import ClosedUnit, SeatLayer
from hamyar.scenarios.spec import SeatChange, parse_seat_value


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def messages(exc: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [str(i) for i in exc.value.issues]


# ---------------------------------------------------------------------------- overrides, extends


def test_overrides_dotted_and_nested_tables_are_applied(instance: Path) -> None:
    path = write(
        instance / "gpa.toml",
        'extends = "base.toml"\n'
        "[overrides]\n"
        '"min_gpa.bachelor_continuous" = 15\n'
        "stable = true\n"
        "[overrides.priority_weights]\n"
        "welfare = 7\n",
    )
    policy = load_scenario_inputs(path).problem.policy
    assert policy.min_gpa[Degree.bachelor_continuous] == Decimal(15)
    assert policy.min_gpa[Degree.master_continuous] == Decimal(15)  # untouched default
    assert policy.min_gpa[Degree.bachelor_discontinuous] == Decimal(14)
    assert policy.stable is True
    assert policy.priority_weights[PriorityGroup.welfare] == 7
    assert policy.priority_weights[PriorityGroup.relief_committee] == 3
    assert policy.time_limit_s == 20  # the parent's override is kept


def test_extends_child_overrides_win_and_inputs_are_relative_to_the_parent(
    instance: Path,
) -> None:
    write(
        instance / "sub" / "child.toml",
        'extends = "../base.toml"\nterm = "1402-2"\n[overrides]\ntime_limit_s = 5\n',
    )
    resolved = resolve_file(instance / "sub" / "child.toml")
    assert resolved.name == "child"  # names are not inherited
    assert resolved.applicants == str((instance / "data" / "applicants.csv").resolve())
    assert resolved.term == "1402-2"
    assert resolved.overrides == {"time_limit_s": 5}
    assert resolved.override_origin["time_limit_s"] == str(instance / "sub" / "child.toml")
    problem = build_inputs(resolved).problem
    assert str(problem.term) == "1402-2"
    assert problem.policy.time_limit_s == 5
    assert problem.name == "child"
    assert len(problem.applicants) == 7


def test_extends_three_levels_merges_overrides_in_chain_order(instance: Path) -> None:
    write(
        instance / "mid.toml",
        'extends = "base.toml"\n[overrides]\nstable = true\nlottery_seed = 1\n',
    )
    write(instance / "leaf.toml", 'extends = "mid.toml"\n[overrides]\nlottery_seed = 2\n')
    policy = load_scenario_inputs(instance / "leaf.toml").problem.policy
    assert (policy.stable, policy.lottery_seed, policy.time_limit_s) == (True, 2, 20)
    assert resolve_file(instance / "leaf.toml").chain == tuple(
        str((instance / n).resolve()) for n in ("leaf.toml", "mid.toml", "base.toml")
    )


def test_a_child_naming_its_own_inputs_drops_the_parents_rejections(instance: Path) -> None:
    write(instance / "p.toml", 'applicants = "a.csv"\nunits = "u.csv"\nrejections = "r.csv"\n')
    write(instance / "c.toml", 'extends = "p.toml"\napplicants = "other.csv"\nunits = "u2.csv"\n')
    resolved = resolve_file(instance / "c.toml")
    assert resolved.rejections is None
    assert resolved.applicants is not None and resolved.applicants.endswith("other.csv")


def test_extends_a_shipped_scenario_by_name(tmp_path: Path) -> None:
    path = write(
        tmp_path / "dorm.toml", 'extends = "qom-1402-1403"\n[seats]\nDORM = { female = "+5" }\n'
    )
    inputs = load_scenario_inputs(path)
    dorm = inputs.problem.unit_by_code["DORM"]
    assert (dorm.female_seats, dorm.male_seats) == (35, 12)
    assert len(inputs.problem.applicants) == 1000
    assert inputs.scenario is not None and inputs.scenario.embedded


def test_extends_cycle_is_an_error_naming_the_files(tmp_path: Path) -> None:
    write(tmp_path / "a.toml", 'extends = "b.toml"\n')
    write(tmp_path / "b.toml", 'extends = "a.toml"\n')
    with pytest.raises(InputError) as exc:
        resolve_file(tmp_path / "a.toml")
    (line,) = messages(exc)
    assert "extends makes a cycle" in line and "a.toml" in line and "b.toml" in line


def test_extends_unknown_scenario_lists_the_shipped_ones(tmp_path: Path) -> None:
    path = write(tmp_path / "x.toml", 'extends = "no-such-scenario"\n')
    with pytest.raises(InputError) as exc:
        resolve_file(path)
    (line,) = messages(exc)
    assert line.startswith(f"{path}:extends:")
    assert "qom-1402-1403" in line


# ---------------------------------------------------------------------------- bad keys and values


def test_unknown_key_is_named_and_the_allowed_keys_listed(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.toml", 'name = "x"\nbudget = 5\n')
    with pytest.raises(InputError) as exc:
        resolve_file(path)
    (line,) = messages(exc)
    assert line.startswith(f"{path}:budget: unknown key 'budget'")
    for key in ("applicants", "closed_units", "extends", "overrides", "policy", "seats", "term"):
        assert key in line


def test_unknown_key_in_a_seat_table_lists_female_and_male(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.toml", "[seats]\nA = { women = 3 }\n")
    with pytest.raises(InputError) as exc:
        resolve_file(path)
    (line,) = messages(exc)
    assert line.startswith(f"{path}:seats.A.women: unknown key")
    assert line.endswith("allowed keys: female, male")


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("term = 1402\n", "term", "valid string (1402)"),  # a number, not "1402-1"
        ('term = "1402/1"\n', "term", "expected YEAR-SEMESTER"),
        ('name = ["a"]\n', "name", "valid string"),
        ('closed_units = "A"\n', "closed_units", "valid list"),  # a list is needed
        ('[seats]\nA = { female = "ten" }\n', "seats.A.female", "'+n' / '-n'"),
        ("[seats]\nA = { female = -2 }\n", "seats.A.female", "cannot be negative"),
        ("[seats]\nA = { male = 1.5 }\n", "seats.A.male", "whole number"),
        ("[seats]\nA = 3\n", "seats.A", "valid dictionary"),
    ],
)
def test_wrong_type_is_a_located_error(tmp_path: Path, text: str, where: str, words: str) -> None:
    path = write(tmp_path / "bad.toml", text)
    with pytest.raises(InputError) as exc:
        resolve_file(path)
    (line,) = messages(exc)
    assert line.startswith(f"{path}:{where}: ")
    assert words in line


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("term = 1402\n", "باید متن باشد («1402»)"),
        ('closed_units = "A"\n', "باید فهرست باشد («A»)"),
        ("[seats]\nA = 3\n", "باید جدولی از کلیدها و مقدارها باشد («3»)"),
    ],
)
def test_pydantics_errors_read_in_persian(tmp_path: Path, text: str, words: str) -> None:
    path = write(tmp_path / "bad.toml", text)
    with use_lang("fa"):
        with pytest.raises(InputError) as exc:
            resolve_file(path)
        (line,) = messages(exc)
    assert line.endswith(words)
    assert "Input should" not in line


def test_override_of_an_unknown_policy_key_is_located_in_the_file_that_sets_it(
    instance: Path,
) -> None:
    write(instance / "mid.toml", 'extends = "base.toml"\n[overrides]\nstabel = true\n')
    leaf = write(instance / "leaf.toml", 'extends = "mid.toml"\n')
    with pytest.raises(InputError) as exc:
        load_scenario_inputs(leaf)
    (line,) = messages(exc)
    assert line.startswith(f"{(instance / 'mid.toml').resolve()}:overrides.stabel: unknown key")
    assert "did you mean 'stable'" in line and "min_gpa" in line


def test_override_of_a_wrong_type_is_located(instance: Path) -> None:
    path = write(
        instance / "x.toml",
        'extends = "base.toml"\n[overrides]\n"min_gpa.bachelor_continuous" = 25\n',
    )
    with pytest.raises(InputError) as exc:
        load_scenario_inputs(path)
    (line,) = messages(exc)
    assert line.startswith(f"{path.resolve()}:overrides.min_gpa")
    assert "0-20" in line


def test_broken_toml_and_missing_file(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.toml", "name = \n")
    with pytest.raises(InputError, match="not valid TOML"):
        resolve_file(path)
    with pytest.raises(InputError, match="scenario file not found"):
        resolve_file(tmp_path / "nothing.toml")


def test_a_scenario_without_inputs_says_what_to_name(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.toml", 'name = "empty"\n')
    with pytest.raises(InputError) as exc:
        load_scenario_inputs(path)
    assert "no applicants and no units input" in messages(exc)[0]
    assert EMBEDDED in messages(exc)[0]


# ---------------------------------------------------------------------------- seats, closed units


def seats(**values: object) -> SeatChange:
    return SeatChange.model_validate(values)


@pytest.fixture(scope="module")
def problem(scenario_units, scenario_applicants):
    def problem() -> Problem:
        return Problem.create(scenario_applicants(), scenario_units)

    return problem


def test_seat_values() -> None:
    assert parse_seat_value(4).apply(9) == 4
    assert parse_seat_value("4").apply(9) == 4
    assert parse_seat_value("+3").apply(9) == 12
    assert parse_seat_value("-2").apply(9) == 7
    assert parse_seat_value("+۳").apply(1) == 4  # Persian digits
    for bad in (True, -1, "3+", "+", 2.5, "ten"):
        with pytest.raises(ValueError):
            parse_seat_value(bad)


def test_seat_changes_by_code_and_by_persian_and_english_name(scenario_units, problem) -> None:
    before = problem()
    layers = [
        SeatLayer(file="s.toml", unit="A", change=seats(female="+2")),
        SeatLayer(file="s.toml", unit="خوابگاه", change=seats(female="-1", male=3)),
        SeatLayer(file="s.toml", unit="laboratory", change=seats(male="+4")),
        SeatLayer(file="t.toml", unit="library", change=seats(female="+1")),
    ]
    after, warnings = apply_changes(before, layers, [])
    counts = {u.code: (u.female_seats, u.male_seats) for u in after.units}
    assert counts == {"A": (4, 1), "B": (1, 3), "C": (0, 5)}
    assert warnings == []
    # the inputs are untouched: a changed copy, never a change in place
    assert {u.code: (u.female_seats, u.male_seats) for u in before.units} == {
        "A": (1, 1),
        "B": (2, 0),
        "C": (0, 1),
    }
    assert scenario_units[0].female_seats == 1


def test_seat_change_errors_are_located(problem) -> None:
    layers = [
        SeatLayer(file="s.toml", unit="Libary", change=seats(female="+1")),
        SeatLayer(file="s.toml", unit="B", change=seats(female="-5")),
    ]
    with pytest.raises(InputError) as exc:
        apply_changes(problem(), layers, [ClosedUnit(file="s.toml", unit="Gym")])
    assert messages(exc) == [
        "s.toml:seats.Libary: unknown unit; did you mean 'Library'? (Libary)",
        "s.toml:seats.B.female: would leave -3 female seats in B (from 2) (-5)",
        "s.toml:closed_units: unknown unit (Gym)",
    ]


def test_closed_unit_has_no_seats_and_releases_its_pins(
    scenario_units, scenario_applicants
) -> None:
    apps = list(scenario_applicants())
    apps[5] = apps[5].model_copy(update={"current_unit": "C"})  # S6 continues in C
    before = Problem.create(apps, scenario_units)
    after, warnings = apply_changes(before, [], [ClosedUnit(file="s.toml", unit="Laboratory")])
    assert after.unit_by_code["C"].total_seats == 0
    assert "S6" not in after.pins and before.pins["S6"] == "C"
    assert [(w.rule, w.severity, w.value) for w in warnings] == [("A5", "warning", "C")]
    # a closed unit stays in the table, so preferences naming it still resolve
    assert after.preference_ranks["S6"] == {"C": 1, "A": 2}


def test_changed_scenario_file_applies_everything(instance: Path) -> None:
    base = load_scenario_inputs(instance / "base.toml")
    changed = load_scenario_inputs(instance / "changed.toml")
    counts = {u.code: (u.female_seats, u.male_seats) for u in changed.problem.units}
    assert counts == {"A": (2, 2), "B": (1, 0), "C": (0, 0)}
    assert {u.code: (u.female_seats, u.male_seats) for u in base.problem.units} == {
        "A": (1, 1),
        "B": (2, 0),
        "C": (0, 1),
    }
    assert changed.hashes["applicants"] == base.hashes["applicants"]
    assert changed.hashes["problem"] != base.hashes["problem"]
    assert set(changed.hashes) >= {"scenario", "extends:base.toml", "applicants", "units"}


# ---------------------------------------------------------------------------- shipped scenarios


def test_shipped_scenarios_load_and_are_named_after_their_files() -> None:
    shipped = shipped_paths()
    assert {
        DEFAULT_SCENARIO,
        "gpa-15",
        "budget-cut-20",
        "dorm-sisters-plus-10",
        "stable",
        "welfare-first",
    } <= set(shipped)
    for name, path in shipped.items():
        resolved = resolve_file(path)
        assert resolved.name == name
        assert resolved.description


def test_the_default_scenario_is_the_embedded_default() -> None:
    from hamyar.generator.default import default_problem

    inputs = load_scenario_inputs(None)
    default = default_problem()
    assert inputs.problem.name == DEFAULT_SCENARIO == default.name
    assert inputs.problem.applicants == default.applicants
    assert inputs.problem.units == default.units
    assert inputs.problem.rejections == default.rejections
    assert inputs.problem.term == default.term
    assert inputs.problem.policy == default.policy
    assert set(inputs.hashes) == {"scenario", "embedded", "problem"}


def test_shipped_examples_change_what_they_say() -> None:
    gpa = load_scenario_inputs("gpa-15").problem.policy
    assert (
        gpa.min_gpa[Degree.bachelor_continuous] == gpa.min_gpa[Degree.bachelor_discontinuous] == 15
    )
    dorm = load_scenario_inputs("dorm-sisters-plus-10").problem.unit_by_code["DORM"]
    assert (dorm.female_seats, dorm.male_seats) == (40, 12)
    assert load_scenario_inputs("stable").problem.policy.stable is True
    welfare = load_scenario_inputs("welfare-first").problem.policy.priority_weights
    assert welfare[PriorityGroup.welfare] == welfare[PriorityGroup.relief_committee] == 6
    budget = load_scenario_inputs("budget-cut-20").problem.policy.budget_term_rial
    assert budget is not None and budget > 0


def test_scenarios_command_lists_names_and_descriptions() -> None:
    from click.testing import CliRunner

    from hamyar.cli import cli

    result = CliRunner().invoke(cli, ["scenarios"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("gpa-15") and "GPA" in line for line in lines)
    assert any(line.startswith(DEFAULT_SCENARIO) for line in lines)
    fa = CliRunner().invoke(cli, ["scenarios", "--lang", "fa"])
    assert "خوابگاه" in fa.output


def test_every_error_of_a_scenario_at_once_policy_and_unknown_unit(instance: Path) -> None:
    path = write(
        instance / "x.toml",
        'extends = "base.toml"\n[overrides]\n"min_gpa.phd" = 30\n"priority_weights.welfare" = -5\n'
        "[seats.NOPE]\nfemale = 3\n",
    )
    with pytest.raises(InputError) as exc:
        load_scenario_inputs(path)
    lines = messages(exc)
    where = str(path.resolve())
    assert f"{where}:overrides.min_gpa.phd: a minimum GPA must be within 0-20 (30)" in lines
    assert any(line.startswith(f"{where}:overrides.priority_weights.welfare:") for line in lines)
    assert any(line.startswith(f"{where}:seats.NOPE: unknown unit") for line in lines)
    assert len(lines) == 3


def test_a_bad_seat_value_does_not_hide_a_bad_override(instance: Path) -> None:
    path = write(
        instance / "x.toml",
        'extends = "base.toml"\n[overrides]\n"min_gpa.phd" = 30\n[seats.A]\nfemale = "x"\n',
    )
    with pytest.raises(InputError) as exc:
        load_scenario_inputs(path)
    lines = messages(exc)
    where = str(path.resolve())
    assert any(line.startswith(f"{where}:seats.A.female: seats: a whole number") for line in lines)
    assert f"{where}:overrides.min_gpa.phd: a minimum GPA must be within 0-20 (30)" in lines
