"""Domain models: terms, dates, policy loading and problem cross-references."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamyar.errors import InputError
from hamyar.models import (
    Applicant,
    Degree,
    Gender,
    JalaliDate,
    Policy,
    PriorityGroup,
    Problem,
    Term,
    Unit,
    national_id_valid,
    parse_enum,
)


def test_term_parse_and_start() -> None:
    assert str(Term.parse("۱۴۰۲-۱")) == "1402-1"
    assert str(Term.parse("1402-2").start()) == "1402/11/01"
    assert Term.parse("1402-2").index - Term.parse("1401-1").index == 3
    with pytest.raises(ValueError, match="unknown term"):
        Term.parse("1402-3")


@pytest.mark.parametrize(
    ("date", "term"),
    [
        ("1402/07/01", "1402-1"),
        ("1402/10/30", "1402-1"),
        ("1402/11/01", "1402-2"),
        ("1403/06/31", "1402-2"),
    ],
)
def test_term_containing(date: str, term: str) -> None:
    assert str(Term.containing(JalaliDate.parse(date))) == term


def test_impossible_jalali_date() -> None:
    with pytest.raises(ValueError):
        JalaliDate.parse("1402/12/30")  # 1402 is not a leap year
    assert str(JalaliDate.parse("۱۴۰۳/۱۲/۳۰")) == "1403/12/30"  # 1403 is


def test_national_id_check_digit() -> None:
    assert national_id_valid("0013542419")
    assert not national_id_valid("0013542418")
    assert not national_id_valid("1111111111")


def test_enum_words() -> None:
    assert parse_enum(Degree, "كارشناسي ارشد ناپيوسته") is Degree.master_discontinuous
    assert parse_enum(Degree, "دکتری حرفه ای") is Degree.professional_doctorate
    assert parse_enum(Gender, "خواهر") is Gender.female
    with pytest.raises(ValueError, match="accepted"):
        parse_enum(Degree, "diploma")


def test_policy_unknown_key_names_it(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text("min_gpaa = 3\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"unknown key 'min_gpaa'.*did you mean 'min_gpa'"):
        Policy.from_toml(path)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("[min_gpa]\nbachelor_continuous = 25\n", "within 0-20"),
        ("married_multiplier = -1.5\n", "married_multiplier"),
        ("stable = 'maybe'\n", "stable"),
    ],
)
def test_policy_bad_values(tmp_path: Path, text: str, match: str) -> None:
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=match):
        Policy.from_toml(path)


def test_policy_round_trips_through_toml(tmp_path: Path) -> None:
    policy = Policy().with_overrides({"min_gpa.bachelor_continuous": 15, "stable": True})
    path = tmp_path / "p.toml"
    path.write_text(policy.as_toml(), encoding="utf-8")
    assert Policy.from_toml(path) == policy


def _app(sid: str, prefs: tuple[str, ...], **kw: object) -> Applicant:
    base: dict[str, object] = dict(
        student_id=sid,
        first_name="علی",
        last_name="رضایی",
        gender="male",
        degree="phd",
        gpa=17,
        semesters_passed=2,
    )
    base.update(kw)
    return Applicant(preferences=prefs, **base)  # type: ignore[arg-type]


UNITS = (
    Unit(
        code="LIB",
        name_fa="کتابخانه مرکزی",
        name_en="Central Library",
        female_seats=0,
        male_seats=10,
    ),
    Unit(code="CULT", name_fa="امور فرهنگی", female_seats=0, male_seats=6, area="cultural"),
    Unit(
        code="QURAN",
        name_fa="گروه فعالیت های قرآن و عترت",
        female_seats=2,
        male_seats=3,
        area="cultural",
    ),
)


def test_preferences_resolve_codes_names_and_areas() -> None:
    problem = Problem.create([_app("1", ("كتابخانه مرکزی", "cultural", "LIB"))], UNITS)
    assert problem.preference_ranks["1"] == {"LIB": 1, "CULT": 2, "QURAN": 2}


def test_unknown_preference_suggests_closest() -> None:
    with pytest.raises(InputError, match=r"unknown unit in preferences; did you mean 'LIB'\?"):
        Problem.create([_app("1", ("LIBB",))], UNITS)


def test_married_groups_are_derived() -> None:
    app = _app("1", ("LIB",), marital_status="married", children=2, declared_groups=("shahed",))
    assert app.priority_groups == (PriorityGroup.shahed, PriorityGroup.married_with_children)
