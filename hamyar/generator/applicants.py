"""A seeded applicant pool that a planner would recognise.

The shape of the pool is :class:`PoolShape`: the share of women, the degree mix, GPAs drawn from
``N(μ, σ)`` clipped to 10–20 and rounded to two decimals, priority groups, married students with
and without children, international and guest students, and a few applicants who fail each of
the eligibility rules E1–E8 (E9 comes from the units' requirements and the rejections). Every
draw comes from one ``random.Random`` seeded by the call, in a fixed order, so the same seed gives
the same pool on every machine.

Preferences (1–5, ranked) are drawn unit by unit with weight ``popularity(u) × √seats_g(u)`` among
the units with seats of the applicant's gender ``g``; a few picks, and a few whole applicants, go
to units without seats of their gender, which makes dead seats and non-viable applicants
visible. A unit is named by its code, its Persian or English name, or its area.

Generated campuses (units whose area is ``campus-NN``) form groups with the rest of the units as
group 0: an applicant has a home group (drawn by the seats of their gender) and draws most picks
there, some from the next or previous group and some from group 0, so the whole pool is one
connected market. A unit nobody asked for is added to the list of an applicant of its group, so
no unit stands alone.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from hamyar.collector import collector_paused
from hamyar.generator.ids import (
    BANK_MELLI,
    OTHER_BANKS,
    make_national_id,
    make_sheba,
    sheba_valid,
)
from hamyar.generator.market import Picker, build_market, index_of_share, one_of, priority_sets
from hamyar.generator.names import (
    FEMALE_FIRST_NAMES,
    FIELDS,
    INTERNATIONAL_LAST_NAMES,
    LAST_NAMES,
    MALE_FIRST_NAMES,
    PROFESSIONAL_DOCTORATE_FIELDS,
)
from hamyar.generator.units import popularity
from hamyar.models import (
    Applicant,
    Degree,
    Gender,
    InstitutionType,
    JalaliDate,
    MaritalStatus,
    Policy,
    PriorityGroup,
    StudentType,
    Term,
    Unit,
)

DEFAULT_TERM = Term(year=1402, semester=1)


@dataclass(frozen=True)
class PoolShape:
    """The shares that shape a generated pool (each a probability per applicant)."""

    female: float = 0.56
    degrees: tuple[tuple[Degree, float], ...] = (
        (Degree.associate, 0.03),
        (Degree.bachelor_continuous, 0.54),
        (Degree.bachelor_discontinuous, 0.04),
        (Degree.master_continuous, 0.02),
        (Degree.master_discontinuous, 0.24),
        (Degree.professional_doctorate, 0.02),
        (Degree.phd, 0.11),
    )
    gpa_mean_undergraduate: float = 16.0
    gpa_mean_graduate: float = 16.8
    gpa_sd: float = 1.8
    first_semester: float = 0.07
    """E1: share of applicants (of the degrees E1 applies to) in their first semester."""
    study_start_date: float = 0.5
    """Share that give a study start date rather than a count of semesters passed."""
    disciplinary: float = 0.015
    probation: tuple[float, ...] = (0.90, 0.07, 0.023, 0.007)
    """Shares with 0, 1, 2, 3 probation semesters (E3 fails from 2)."""
    international: float = 0.03
    iranian_mother: float = 0.4
    deputy_approval: float = 0.5
    guest: float = 0.04
    guest_institutions: tuple[tuple[InstitutionType, float], ...] = (
        (InstitutionType.azad, 0.35),
        (InstitutionType.health_ministry, 0.2),
        (InstitutionType.payame_noor, 0.25),
        (InstitutionType.technical_vocational, 0.1),
        (InstitutionType.ministry_science, 0.1),
    )
    declined_rules: float = 0.01
    married: tuple[tuple[Degree, float], ...] = (
        (Degree.associate, 0.08),
        (Degree.bachelor_continuous, 0.06),
        (Degree.bachelor_discontinuous, 0.15),
        (Degree.master_continuous, 0.12),
        (Degree.master_discontinuous, 0.25),
        (Degree.professional_doctorate, 0.15),
        (Degree.phd, 0.45),
    )
    with_children: float = 0.45
    groups: tuple[tuple[PriorityGroup, float], ...] = (
        (PriorityGroup.exemplary, 0.02),
        (PriorityGroup.outstanding, 0.03),
        (PriorityGroup.relief_committee, 0.03),
        (PriorityGroup.welfare, 0.02),
        (PriorityGroup.shahed, 0.02),
        (PriorityGroup.isargar, 0.03),
    )
    sheba_missing: float = 0.015
    sheba_invalid: float = 0.025
    sheba_melli: float = 0.78
    preference_counts: tuple[float, ...] = (0.12, 0.18, 0.30, 0.18, 0.22)
    """Shares asking for 1, 2, 3, 4, 5 units."""
    by_code: float = 0.55
    by_persian_name: float = 0.30
    by_english_name: float = 0.08
    """The rest name an area (when the unit has one; a large area less often)."""
    wrong_gender_pick: float = 0.015
    misdirected: float = 0.006
    """Share whose every pick is a unit without seats of their gender (non-viable)."""
    home_group: float = 0.82
    next_group: float = 0.12
    """The rest of the picks go to group 0 (the Qom units)."""
    continuing: float = 0.025
    """Share that are continuing assistants (rule A5), placed where seats allow."""


_DEGREE_DIGIT = {
    Degree.associate: "0",
    Degree.bachelor_continuous: "1",
    Degree.bachelor_discontinuous: "1",
    Degree.master_continuous: "2",
    Degree.master_discontinuous: "2",
    Degree.professional_doctorate: "3",
    Degree.phd: "4",
}
_MAX_SEMESTERS = {
    Degree.associate: 4,
    Degree.bachelor_continuous: 8,
    Degree.bachelor_discontinuous: 4,
    Degree.master_continuous: 10,
    Degree.master_discontinuous: 4,
    Degree.professional_doctorate: 11,
    Degree.phd: 8,
}
_GRADUATE = frozenset(
    {Degree.master_continuous, Degree.master_discontinuous, Degree.phd}
    | {Degree.professional_doctorate}
)


class _Draw:
    """The per-pool state of a generation: random source, shape, market and term."""

    def __init__(
        self,
        units: Sequence[Unit],
        seed: int,
        term: Term,
        policy: Policy,
        shape: PoolShape,
    ) -> None:
        self.rng = random.Random(f"hamyar-applicants:{seed}")
        self.shape = shape
        self.term = term
        self.policy = policy
        self.market = build_market(units)
        self.degrees = Picker([d for d, _ in shape.degrees], [w for _, w in shape.degrees])
        self.married = dict(shape.married)
        self.fields = Picker([f for f, _ in FIELDS], [w for _, w in FIELDS])
        self.guests = Picker(
            [t for t, _ in shape.guest_institutions], [w for _, w in shape.guest_institutions]
        )
        self.banks = Picker([b for b, _ in OTHER_BANKS], [w for _, w in OTHER_BANKS])
        self.pref_counts = Picker(
            list(range(1, len(shape.preference_counts) + 1)), shape.preference_counts
        )
        self.group_sets = priority_sets(shape.groups)
        self.national_ids: set[str] = set()
        self.dates: dict[int, JalaliDate] = {}
        self.pins: dict[tuple[int, Gender], int] = {}

    def start_date(self, start_index: int) -> JalaliDate:
        """The first day of the term with index ``start_index`` (cached: few distinct dates)."""
        date = self.dates.get(start_index)
        if date is None:
            term = Term(year=start_index // 2, semester=start_index % 2 + 1)
            date = term.start(self.policy.semester1_start_month, self.policy.semester2_start_month)
            self.dates[start_index] = date
        return date


def generate_applicants(
    units: Sequence[Unit],
    n: int,
    seed: int,
    term: Term = DEFAULT_TERM,
    policy: Policy | None = None,
    shape: PoolShape | None = None,
) -> tuple[Applicant, ...]:
    """``n`` applicants asking for ``units``; the same arguments give the same applicants.

    ``policy`` supplies the thresholds a continuing assistant must meet (they are all eligible)
    and the months semesters begin in; ``term`` is the term applied for, from which study start
    dates and semesters passed are counted.
    """
    if n < 0:
        raise ValueError(f"the number of applicants must not be negative, got {n}")
    if not units:
        raise ValueError("applicants need at least one unit to ask for")
    draw = _Draw(units, seed, term, policy or Policy(), shape or PoolShape())
    width = max(6, len(str(n)))
    with collector_paused():
        rows = [_applicant(draw, i, width) for i in range(n)]
        _cover_every_unit(draw, rows)
        return tuple(Applicant(**row) for row in rows)


def _applicant(draw: _Draw, i: int, width: int) -> dict[str, Any]:
    rng, shape = draw.rng, draw.shape
    gender = Gender.female if rng.random() < shape.female else Gender.male
    degree: Degree = draw.degrees.pick(rng)
    exempt = degree in draw.policy.semester_exempt_degrees
    if rng.random() < shape.first_semester:
        passed = 0
    else:
        low = 0 if exempt else 1
        passed = low + int(rng.random() * (_MAX_SEMESTERS[degree] - low + 1))
    start_index = draw.term.index - passed
    row: dict[str, Any] = {
        "student_id": f"{start_index // 2 % 1000:03d}{_DEGREE_DIGIT[degree]}{i + 1:0{width}d}",
        "gender": gender,
        "degree": degree,
    }
    if rng.random() < shape.study_start_date:
        row["study_start"] = draw.start_date(start_index)
    else:
        row["semesters_passed"] = passed

    mean = shape.gpa_mean_graduate if degree in _GRADUATE else shape.gpa_mean_undergraduate
    gpa = min(20.0, max(10.0, rng.gauss(mean, shape.gpa_sd)))
    groups: tuple[PriorityGroup, ...] = draw.group_sets.pick(rng)
    if PriorityGroup.outstanding in groups or PriorityGroup.exemplary in groups:
        gpa = max(gpa, rng.uniform(17.5, 19.8))
    row["gpa"] = round(gpa, 2)
    row["declared_groups"] = groups

    international = rng.random() < shape.international
    first = FEMALE_FIRST_NAMES if gender is Gender.female else MALE_FIRST_NAMES
    row["first_name"] = one_of(rng, first)
    if international:
        row["student_type"] = StudentType.international
        row["iranian_mother"] = rng.random() < shape.iranian_mother
        row["deputy_approval"] = rng.random() < shape.deputy_approval
        names = INTERNATIONAL_LAST_NAMES if rng.random() < 0.5 else LAST_NAMES
        row["last_name"] = one_of(rng, names)
    else:
        row["last_name"] = one_of(rng, LAST_NAMES)
        row["national_id"] = make_national_id(rng, draw.national_ids)
    row["field"] = (
        one_of(rng, PROFESSIONAL_DOCTORATE_FIELDS)
        if degree is Degree.professional_doctorate
        else draw.fields.pick(rng)
    )
    if rng.random() < shape.guest:
        row["institution_type"] = draw.guests.pick(rng)
    row["disciplinary_record"] = rng.random() < shape.disciplinary
    row["probation_semesters"] = index_of_share(rng.random(), shape.probation)
    row["accepted_rules"] = rng.random() >= shape.declined_rules
    if rng.random() < draw.married[degree]:
        row["marital_status"] = MaritalStatus.married
        if rng.random() < shape.with_children:
            row["children"] = index_of_share(rng.random(), (0.6, 0.3, 0.1)) + 1
    row["sheba"] = _sheba(draw)
    chosen, tokens = _preferences(draw, gender)
    row["preferences"] = tuple(tokens)
    row["_gender"] = gender
    row["_chosen"] = chosen
    row["_home"] = draw.market.group_of[chosen[0]] if chosen else 0
    if chosen and rng.random() < shape.continuing:
        _maybe_continuing(draw, row, tokens[0], passed)
    return row


def _sheba(draw: _Draw) -> str | None:
    rng, shape = draw.rng, draw.shape
    r = rng.random()
    if r < shape.sheba_missing:
        return None
    bank = BANK_MELLI if rng.random() < shape.sheba_melli else draw.banks.pick(rng)
    sheba = make_sheba(bank, "0" + f"{int(rng.random() * 1e18):018d}")
    if r < shape.sheba_missing + shape.sheba_invalid:
        if rng.random() < 0.5:
            return sheba[:-1]  # a digit lost in copying
        last = int(sheba[-1])
        for step in range(1, 10):  # a mistyped last digit
            wrong = sheba[:-1] + str((last + step) % 10)
            if not sheba_valid(wrong):
                return wrong
    return sheba


def _preferences(draw: _Draw, gender: Gender) -> tuple[list[int], list[str]]:
    """Ranked unit indexes and the tokens naming them (a token may be an area).

    One uniform ``r`` per pick decides where it comes from: below ``w`` (the wrong-gender
    share, 1 for a misdirected applicant) a unit without seats of the applicant's gender;
    otherwise, rescaled to ``r' = (r − w) / (1 − w)``, the home group below ``h``, the next or
    previous group below ``h + x``, group 0 above.
    """
    rng, shape, market = draw.rng, draw.shape, draw.market
    want = draw.pref_counts.pick(rng)
    home = market.homes[gender].pick(rng) if market.homes[gender] else market.group_of[0]
    hood = market.hoods[home, gender]
    w = 0.0
    if hood.wrong is not None:
        w = 1.0 if rng.random() < shape.misdirected else shape.wrong_gender_pick
    h, x = shape.home_group, shape.home_group + shape.next_group
    chosen: list[int] = []
    taken: set[int] = set()
    tokens: list[str] = []
    for _ in range(want * 6):
        r = rng.random()
        if r < w and hood.wrong is not None:
            picker = hood.wrong
        else:
            r = (r - w) / (1.0 - w)
            if r < h:
                picker = hood.home
            elif r < x:
                picker = hood.next if r < (h + x) / 2 else hood.previous
            else:
                picker = hood.core
        unit = picker.pick(rng)
        if unit in taken:
            continue
        token, covered = _token(draw, unit)
        if len(covered) > 1 and not taken.isdisjoint(covered):
            token, covered = market.tokens[unit][0], [unit]
        taken.update(covered)
        chosen.extend(covered)
        tokens.append(token)
        if len(tokens) >= want:
            break
    return chosen, tokens


def _token(draw: _Draw, unit: int) -> tuple[str, list[int]]:
    """How the applicant names a unit: code, Persian name, English name or area."""
    rng, shape, market = draw.rng, draw.shape, draw.market
    code, name_fa, name_en, area = market.tokens[unit]
    r = rng.random()
    if r < shape.by_code:
        return code, [unit]
    if r < shape.by_code + shape.by_persian_name:
        return name_fa or code, [unit]
    if r < shape.by_code + shape.by_persian_name + shape.by_english_name:
        return name_en or code, [unit]
    if area is None:
        return code, [unit]
    members = market.area_units[area]
    if len(members) > 3 and rng.random() < 0.7:
        return code, [unit]
    return area, members


def _maybe_continuing(draw: _Draw, row: dict[str, Any], first: str, passed: int) -> None:
    """Make the applicant a continuing assistant of their first choice, when that unit has a
    free seat of their gender for one (at most a third of its seats are held this way) and the
    applicant meets every rule E1–E9 there."""
    market, policy = draw.market, draw.policy
    chosen: list[int] = row["_chosen"]
    gender: Gender = row["_gender"]
    unit_index = chosen[0]
    unit = market.units[unit_index]
    if first != unit.code and first not in (unit.name_fa, unit.name_en):
        return  # an area: not one unit
    degree: Degree = row["degree"]
    if passed < policy.min_semesters_passed and degree not in policy.semester_exempt_degrees:
        return
    excluded = row.get("institution_type") in policy.excluded_institution_types
    if (
        row["disciplinary_record"]
        or row["probation_semesters"] > policy.max_probation_semesters
        or Decimal(str(row["gpa"])) < policy.min_gpa_for(degree)
        or not row["accepted_rules"]
        or excluded
        or row.get("student_type") is StudentType.international
        or not (row["sheba"] and sheba_valid(row["sheba"]))
        or (unit.allowed_degrees and degree not in unit.allowed_degrees)
        or (unit.allowed_fields and row["field"] not in unit.allowed_fields)
    ):
        return
    held = draw.pins.get((unit_index, gender), 0)
    if held + 1 > unit.seats(gender) // 3:
        return
    draw.pins[unit_index, gender] = held + 1
    row["current_unit"] = unit.code


def _cover_every_unit(draw: _Draw, rows: list[dict[str, Any]]) -> None:
    """Add each unit nobody asked for to the list of an applicant of its group who has room,
    then drop the generator's working keys."""
    market, rng = draw.market, draw.rng
    demand = [0] * len(market.units)
    by_group: dict[int, list[int]] = {}
    for r, row in enumerate(rows):
        for u in row["_chosen"]:
            demand[u] += 1
        by_group.setdefault(row["_home"], []).append(r)
    everyone = list(range(len(rows)))
    for u, unit in enumerate(market.units):
        if demand[u] or not rows:
            continue
        genders = {g for g in Gender if unit.seats(g) > 0 and popularity(unit, g) > 0}
        if not genders:
            continue
        for pool in (by_group.get(market.group_of[u], []), everyone):
            found = _room(rng, rows, pool, genders)
            if found is not None:
                found["preferences"] = (*found["preferences"], unit.code)
                demand[u] += 1
                break
    for row in rows:
        for key in ("_gender", "_chosen", "_home"):
            del row[key]


def _room(
    rng: random.Random, rows: list[dict[str, Any]], pool: list[int], genders: set[Gender]
) -> dict[str, Any] | None:
    """A random applicant of ``pool`` with one of ``genders`` and fewer than five choices."""
    if not pool:
        return None
    for _ in range(50):
        row = rows[pool[rng.randrange(len(pool))]]
        if row["_gender"] in genders and len(row["preferences"]) < 5:
            return row
    return None
