"""Fixtures of the scenario tests: a small hand-made instance and scenario files around it.

Units (female / male seats): A «کتابخانه» Library 1/1, B «خوابگاه» Dormitory 2/0,
C «آزمایشگاه» Laboratory 0/1. Applicants, all bachelor's students in their fourth term:

====  ======  ====  ===========
id    gender  GPA   preferences
====  ======  ====  ===========
S1    female  19    A
S2    female  18    A, B
S3    female  17    B
S4    female  16    B
S5    male    19    A
S6    male    17    C, A
S7    male    15    C
====  ======  ====  ===========

``base.toml`` runs it as it is; ``changed.toml`` extends it: one more female seat in the
Library (by its Persian name), one fewer in the Dormitory (by code), two male seats in the
Library (absolute, by code) and the Laboratory closed (by its English name).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hamyar.io.writers import write_applicants, write_rejections, write_units
from hamyar.models import Applicant, Degree, Gender, Rejection, Unit

UNITS = (
    Unit(code="A", name_fa="کتابخانه", name_en="Library", female_seats=1, male_seats=1),
    Unit(code="B", name_fa="خوابگاه", name_en="Dormitory", female_seats=2, male_seats=0),
    Unit(code="C", name_fa="آزمایشگاه", name_en="Laboratory", female_seats=0, male_seats=1),
)

PEOPLE = (
    ("S1", "Sara", "Ahmadi", Gender.female, 19.0, ("A",)),
    ("S2", "Zahra", "Karimi", Gender.female, 18.0, ("A", "B")),
    ("S3", "Maryam", "Rezaei", Gender.female, 17.0, ("B",)),
    ("S4", "Fatemeh", "Moradi", Gender.female, 16.0, ("B",)),
    ("S5", "Ali", "Hosseini", Gender.male, 19.0, ("A",)),
    ("S6", "Reza", "Jafari", Gender.male, 17.0, ("C", "A")),
    ("S7", "Hasan", "Kazemi", Gender.male, 15.0, ("C",)),
)


def _applicants() -> tuple[Applicant, ...]:
    return tuple(
        Applicant(
            student_id=sid,
            first_name=first,
            last_name=last,
            gender=gender,
            degree=Degree.bachelor_continuous,
            gpa=gpa,
            semesters_passed=3,
            preferences=prefs,
        )
        for sid, first, last, gender, gpa, prefs in PEOPLE
    )


BASE_TOML = """\
name = "base"
description = "the small instance as it is"
applicants = "data/applicants.csv"
units = "data/units.csv"
term = "1402-1"

[overrides]
time_limit_s = 20
"""

CHANGED_TOML = """\
name = "changed"
description = "seats moved, the laboratory closed"
extends = "base.toml"
closed_units = ["Laboratory"]

[seats]
"کتابخانه" = { female = "+1" }
B = { female = "-1" }
A = { male = 2 }
"""


def _write_instance(folder: Path, rejections: tuple[Rejection, ...] = ()) -> Path:
    """The instance's files in ``folder/data`` and the two scenarios in ``folder``; returns
    ``folder``."""
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    write_units(UNITS, data / "units.csv")
    write_applicants(_applicants(), data / "applicants.csv")
    if rejections:
        write_rejections(rejections, data / "rejections.csv")
    (folder / "base.toml").write_text(BASE_TOML, encoding="utf-8")
    (folder / "changed.toml").write_text(CHANGED_TOML, encoding="utf-8")
    return folder


def _write_rejections_file(path: Path, pairs: list[tuple[str, str]]) -> Path:
    """A rejections file of ``(unit_code, student_id)`` pairs."""
    write_rejections([Rejection(unit_code=u, student_id=s) for u, s in pairs], path)
    return path


@pytest.fixture(scope="session")
def scenario_units() -> tuple[Unit, ...]:
    """The three units A (Library), B (Dormitory), C (Laboratory)."""
    return UNITS


@pytest.fixture(scope="session")
def scenario_applicants() -> Any:
    """``scenario_applicants()``: the seven applicants S1-S7."""
    return _applicants


@pytest.fixture(scope="session")
def write_instance() -> Any:
    """``write_instance(folder, rejections=())``: the instance's files in ``folder/data`` and
    ``base.toml``, ``changed.toml`` in ``folder``; returns ``folder``."""
    return _write_instance


@pytest.fixture(scope="session")
def write_rejections_file() -> Any:
    """``write_rejections_file(path, pairs)``: a rejections file of ``(unit_code, student_id)``."""
    return _write_rejections_file


@pytest.fixture
def instance(tmp_path: Path) -> Path:
    """The small hand-made instance with ``base.toml`` and ``changed.toml``."""
    return _write_instance(tmp_path / "case")
