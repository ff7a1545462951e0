"""Units: the Qom 1402–1403 table first, then plausible units of further campuses.

A generated campus ``c`` has a central library and some other campus-wide offices, sisters' and
brothers' dormitory blocks, and three to five faculties, each with an education office, a
library and, some of them, a laboratory, problem-solving classes, a research office or a
computer site. Every generated unit carries the campus as its area (``campus-03``), so a
preference for the area stands for the whole campus, and its names say the campus
(``کتابخانه دانشکده مهندسی پردیس 3`` / ``Engineering Faculty Library (Campus 3)``; digits
are ASCII, as the readers normalise them).

Seats: dormitory blocks have seats of one gender only; other units draw female and male seats
from the kind's range, one of them sometimes zero. With ``total_seats`` the generated units'
seats are scaled by ``f = (total_seats − S_core) / S_drawn`` and rounded, every unit keeping at
least one seat; the Qom units keep theirs.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from decimal import Decimal

from hamyar.data.qom import NO_DEMAND, POPULARITY, qom_units
from hamyar.generator.names import (
    CAMPUS_KINDS,
    DORM_KIND_F,
    DORM_KIND_M,
    FACULTIES,
    FACULTY_KINDS,
    Faculty,
    UnitKind,
)
from hamyar.models import Degree, Gender, Unit

CAMPUS_AREA_PREFIX = "campus-"
GRADUATE_DEGREES = (Degree.master_continuous, Degree.master_discontinuous, Degree.phd)
_GENERATED_CODE = re.compile(r"^C\d+-([A-Z]+)")
_KIND_POPULARITY = {k.code: k.popularity for k in (*FACULTY_KINDS, *CAMPUS_KINDS)} | {
    DORM_KIND_F.code: DORM_KIND_F.popularity,
    DORM_KIND_M.code: DORM_KIND_M.popularity,
}
_KEYWORD_POPULARITY = (
    ("dormitor", 9.0),
    ("library", 7.0),
    ("faculty", 5.0),
    ("laborator", 4.0),
    ("خوابگاه", 9.0),
    ("کتابخانه", 7.0),
    ("دانشکده", 5.0),
    ("آزمایشگاه", 4.0),
)


@dataclass
class _Draft:
    campus: int
    kind: UnitKind
    faculty: Faculty | None
    block: int
    female: int
    male: int
    allowed_degrees: tuple[Degree, ...] = ()
    allowed_fields: tuple[str, ...] = field(default_factory=tuple)


def campus_area(campus: int, width: int = 2) -> str:
    """The area name of a generated campus: ``campus-03``."""
    return f"{CAMPUS_AREA_PREFIX}{campus:0{width}d}"


def campus_of(unit: Unit) -> str | None:
    """The campus area of a generated unit, ``None`` for any other unit."""
    if unit.area and unit.area.startswith(CAMPUS_AREA_PREFIX):
        return unit.area
    return None


def popularity(unit: Unit, gender: Gender | None = None) -> float:
    """How often applicants ask for a unit, relative to others (0 = never, for that gender).

    The Qom table has its own figures; a generated unit takes its kind's; any other unit is
    judged by words of its name (dormitory, library, faculty, laboratory), else 2.
    """
    if gender is not None and (unit.code, gender.value) in NO_DEMAND:
        return 0.0
    if unit.code in POPULARITY:
        return POPULARITY[unit.code]
    match = _GENERATED_CODE.match(unit.code)
    if match and match.group(1) in _KIND_POPULARITY:
        return _KIND_POPULARITY[match.group(1)]
    names = f"{unit.name_en or ''} {unit.name_fa}".casefold()
    for word, weight in _KEYWORD_POPULARITY:
        if word in names:
            return weight
    return 2.0


def generate_units(n: int, seed: int, total_seats: int | None = None) -> tuple[Unit, ...]:
    """``n`` units: the Qom table's 25 (or its first ``n``), then generated campuses' units.

    The same ``n``, ``seed`` and ``total_seats`` give the same units. ``total_seats`` scales the
    generated units' seats so that all units together have about that many (module docstring).
    """
    if n < 1:
        raise ValueError(f"the number of units must be at least 1, got {n}")
    core = qom_units()
    if n <= len(core):
        return core[:n]
    rng = random.Random(f"hamyar-units:{seed}")
    drafts: list[_Draft] = []
    campus = 0
    while len(drafts) < n - len(core):
        campus += 1
        drafts.extend(_campus(rng, campus))
    drafts = drafts[: n - len(core)]
    if total_seats is not None:
        core_seats = sum(u.total_seats for u in core)
        _scale(drafts, total_seats - core_seats)
    width = max(2, len(str(campus)))
    return core + tuple(_unit(d, width) for d in drafts)


def _campus(rng: random.Random, campus: int) -> list[_Draft]:
    """The units of one campus, campus-wide offices and dormitories first."""
    drafts: list[_Draft] = []
    central_library, *others = CAMPUS_KINDS
    for kind in (central_library, *sorted(rng.sample(others, rng.randint(4, 8)), key=_order)):
        drafts.append(_draft(rng, campus, kind, None, 0))
    for block in range(1, rng.randint(1, 3) + 1):
        drafts.append(_draft(rng, campus, DORM_KIND_F, None, block, only=Gender.female))
    for block in range(1, rng.randint(1, 3) + 1):
        drafts.append(_draft(rng, campus, DORM_KIND_M, None, block, only=Gender.male))
    faculties = sorted(rng.sample(FACULTIES, rng.randint(3, 5)), key=FACULTIES.index)
    for faculty in faculties:
        for kind in FACULTY_KINDS:
            if not _faculty_has(rng, faculty, kind):
                continue
            draft = _draft(rng, campus, kind, faculty, 0)
            if kind.code == "TUT":
                draft.allowed_degrees = GRADUATE_DEGREES
            elif kind.code == "LAB" and rng.random() < 0.7:
                draft.allowed_fields = faculty.fields
            drafts.append(draft)
    return drafts


def _order(kind: UnitKind) -> int:
    return CAMPUS_KINDS.index(kind)


def _faculty_has(rng: random.Random, faculty: Faculty, kind: UnitKind) -> bool:
    if kind.code in ("EDU", "LIB"):
        return True
    if kind.code == "LAB":
        return faculty.has_lab and rng.random() < 0.8
    if kind.code == "TUT":
        return faculty.has_tutoring and rng.random() < 0.8
    return rng.random() < 0.5


def _draft(
    rng: random.Random,
    campus: int,
    kind: UnitKind,
    faculty: Faculty | None,
    block: int,
    only: Gender | None = None,
) -> _Draft:
    low, high = kind.seats
    female, male = rng.randint(low, high), rng.randint(low, high)
    if only is Gender.female:
        male = 0
    elif only is Gender.male:
        female = 0
    else:
        r = rng.random()
        if r < 0.12:
            female = 0
        elif r < 0.24:
            male = 0
    return _Draft(campus, kind, faculty, block, female, male)


def _scale(drafts: list[_Draft], seats: int) -> None:
    """Scale the drafts' seats to about ``seats`` in all, at least one per unit."""
    drawn = sum(d.female + d.male for d in drafts)
    factor = max(seats, 0) / drawn if drawn else 0.0
    for d in drafts:
        female, male = round(d.female * factor), round(d.male * factor)
        if female + male == 0:
            if d.female >= d.male:
                female = 1
            else:
                male = 1
        d.female, d.male = female, male


def _unit(d: _Draft, width: int) -> Unit:
    faculty_fa = d.faculty.name_fa if d.faculty else ""
    faculty_en = d.faculty.name_en if d.faculty else ""
    name_fa = d.kind.name_fa.format(f=faculty_fa, n=d.block)
    name_en = d.kind.name_en.format(f=faculty_en, n=d.block)
    code = f"C{d.campus:0{width}d}-{d.kind.code}"
    if d.faculty:
        code += f"-{d.faculty.code}"
    if d.block:
        code += str(d.block)
    hours = d.kind.hours_per_month
    return Unit(
        code=code,
        name_fa=f"{name_fa} پردیس {d.campus}",
        name_en=f"{name_en} (Campus {d.campus})",
        female_seats=d.female,
        male_seats=d.male,
        area=campus_area(d.campus, width),
        activity_fa=d.kind.activity_fa,
        activity_en=d.kind.activity_en,
        hours_per_month=Decimal(hours) if hours is not None else None,
        allowed_degrees=d.allowed_degrees,
        allowed_fields=d.allowed_fields,
    )
