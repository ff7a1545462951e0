"""The embedded default and the seeded generator: shape, determinism, rules E1–E9 represented,
one connected market, national batches (``hamyar generate`` in tests/commands)."""

from __future__ import annotations

import statistics
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamyar.generator import (
    campus_of,
    generate_applicants,
    generate_instance,
    generate_institutions,
    generate_parts,
    generate_rejections,
    generate_units,
    make_sheba,
    national_id_check_digit,
    sheba_bank,
    sheba_valid,
)
from hamyar.generator.default import (
    default_applicants,
    default_problem,
    default_rejections,
    default_units,
)
from hamyar.generator.instance import split_sizes
from hamyar.generator.names import FIELDS
from hamyar.models import (
    Applicant,
    Degree,
    Gender,
    InstitutionType,
    MaritalStatus,
    Policy,
    PriorityGroup,
    Problem,
    StudentType,
    Term,
    national_id_valid,
)
from hamyar.text import normalize_key

TERM = Term(year=1402, semester=1)
POLICY = Policy()


def semesters_passed(app: Applicant, term: Term = TERM) -> int:
    """Semesters passed as rule E1 reads them: the count, or terms since the start date."""
    if app.semesters_passed is not None:
        return app.semesters_passed
    assert app.study_start is not None
    return term.index - Term.containing(app.study_start).index


# ----------------------------------------------------------------------------- the default


def test_default_units_are_the_qom_table() -> None:
    units = default_units()
    assert len(units) == 25
    assert sum(u.female_seats for u in units) == 154
    assert sum(u.male_seats for u in units) == 130
    assert units[0].code == "CULT" and units[-1].code == "PROP"
    assert units[8].name_fa == "خوابگاه" and units[8].female_seats == 30
    by_code = {u.code: u for u in units}
    assert by_code["SCI"].allowed_degrees == (
        Degree.master_continuous,
        Degree.master_discontinuous,
        Degree.phd,
    )
    assert by_code["LAB"].allowed_fields
    known_fields = {normalize_key(f) for f, _ in FIELDS}
    for unit in units:
        assert {normalize_key(f) for f in unit.allowed_fields} <= known_fields


def test_default_pool_shape() -> None:
    apps = default_applicants()
    assert len(apps) == 1000
    assert len({a.student_id for a in apps}) == 1000
    national = [a.national_id for a in apps if a.national_id is not None]
    assert len(national) == len(set(national)) > 900
    assert all(national_id_valid(n) for n in national)
    genders = Counter(a.gender for a in apps)
    assert genders[Gender.female] > genders[Gender.male] > 350
    degrees = Counter(a.degree for a in apps)
    bachelor = degrees[Degree.bachelor_continuous] + degrees[Degree.bachelor_discontinuous]
    master = degrees[Degree.master_continuous] + degrees[Degree.master_discontinuous]
    assert bachelor > master > degrees[Degree.phd] > 0
    assert 0 < degrees[Degree.associate] < 100 and 0 < degrees[Degree.professional_doctorate] < 100
    gpas = [a.gpa for a in apps]
    assert all(10 <= g <= 20 and round(g, 2) == g for g in gpas)
    assert 15.5 < statistics.mean(gpas) < 17.5 and 1.2 < statistics.stdev(gpas) < 2.4
    grouped = sum(1 for a in apps if a.declared_groups)
    assert 80 <= grouped <= 200
    assert {g for a in apps for g in a.declared_groups} == {
        PriorityGroup.exemplary,
        PriorityGroup.outstanding,
        PriorityGroup.relief_committee,
        PriorityGroup.welfare,
        PriorityGroup.shahed,
        PriorityGroup.isargar,
    }
    married = [a for a in apps if a.marital_status is MaritalStatus.married]
    assert any(a.children > 0 for a in married) and any(a.children == 0 for a in married)
    assert all(a.children == 0 for a in apps if a.marital_status is MaritalStatus.single)
    assert any(a.study_start is not None for a in apps)
    assert any(a.semesters_passed is not None for a in apps)
    assert all(1 <= len(a.preferences) <= 5 for a in apps)
    assert len({a.first_name for a in apps}) > 80 and len({a.last_name for a in apps}) > 80


def test_default_shebas_mostly_valid_and_melli() -> None:
    apps = default_applicants()
    shebas = [a.sheba for a in apps]
    missing = sum(1 for s in shebas if s is None)
    valid = [s for s in shebas if s is not None and sheba_valid(s)]
    invalid = len(shebas) - missing - len(valid)
    assert 0 < missing < 50 and 0 < invalid < 60
    banks = Counter(sheba_bank(s) for s in valid)
    assert banks["017"] > 0.6 * len(valid)
    assert len(banks) > 3


def test_default_international_students() -> None:
    intl = [a for a in default_applicants() if a.student_type is StudentType.international]
    assert 10 <= len(intl) <= 60
    assert all(a.national_id is None for a in intl)
    assert any(a.iranian_mother for a in intl)
    assert any(not a.iranian_mother and a.deputy_approval for a in intl)
    assert any(not a.iranian_mother and not a.deputy_approval for a in intl)


def test_every_rule_e1_to_e9_has_an_ineligible_applicant() -> None:
    problem = default_problem()
    apps = problem.applicants
    units = problem.unit_by_code
    subject_to_e1 = [a for a in apps if a.degree not in POLICY.semester_exempt_degrees]
    e1 = [a for a in subject_to_e1 if semesters_passed(a) < POLICY.min_semesters_passed]
    assert any(a.study_start is not None and str(a.study_start) == "1402/07/01" for a in e1)
    assert any(a.semesters_passed == 0 for a in e1)
    assert any(a.degree is Degree.bachelor_continuous for a in e1)
    assert any(a.disciplinary_record for a in apps)  # E2
    assert any(a.probation_semesters > POLICY.max_probation_semesters for a in apps)  # E3
    assert any(a.gpa < POLICY.min_gpa_for(a.degree) for a in apps)  # E4
    assert any(  # E5
        a.student_type is StudentType.international
        and not a.iranian_mother
        and not a.deputy_approval
        for a in apps
    )
    assert any(not a.accepted_rules for a in apps)  # E6
    guests = Counter(a.institution_type for a in apps if a.institution_type is not None)
    assert guests[InstitutionType.azad] and guests[InstitutionType.health_ministry]  # E7
    assert any(t not in POLICY.excluded_institution_types for t in guests)
    assert any(a.sheba is None for a in apps)  # E8
    assert any(a.sheba is not None and not sheba_valid(a.sheba) for a in apps)
    # E9: a unit's rejection of someone who asked for it, and requirements not met
    rejections = default_rejections()
    assert rejections
    for rej in rejections:
        assert rej.unit_code in problem.preference_ranks[rej.student_id]
    rejected = {r.student_id for r in rejections}
    assert any(len(problem.applicant_by_id[s].preferences) == 1 for s in rejected)
    asked = problem.preference_ranks
    assert any(
        "SCI" in asked[a.student_id] and a.degree not in units["SCI"].allowed_degrees for a in apps
    )
    assert any(
        "LAB" in asked[a.student_id] and a.field not in units["LAB"].allowed_fields for a in apps
    )


def test_default_preferences_name_units_every_way() -> None:
    problem = default_problem()
    units = problem.units
    codes = {u.code for u in units}
    names_fa = {u.name_fa for u in units}
    names_en = {u.name_en for u in units}
    areas = {u.area for u in units if u.area}
    tokens = Counter(
        "code"
        if t in codes
        else "fa"
        if t in names_fa
        else "en"
        if t in names_en
        else "area"
        if t in areas
        else "?"
        for a in problem.applicants
        for t in a.preferences
    )
    assert set(tokens) == {"code", "fa", "en", "area"}
    assert tokens["code"] > tokens["fa"] > tokens["en"] > 0
    # popularity: the dormitory and the faculties are asked for far more than the custodian
    demand = Counter(c for ranks in problem.preference_ranks.values() for c in ranks)
    assert demand["DORM"] > 5 * demand["PROP"]
    assert demand["SCI"] > demand["FREE-EDU"]


def test_default_dead_seats_and_non_viable_applicants() -> None:
    problem = default_problem()
    units = problem.unit_by_code
    asked_by: dict[tuple[str, Gender], int] = Counter()
    non_viable = 0
    for app in problem.applicants:
        ranks = problem.preference_ranks[app.student_id]
        for code in ranks:
            asked_by[code, app.gender] += 1
        if all(units[c].seats(app.gender) == 0 for c in ranks):
            non_viable += 1
    dead = [
        (code, g)
        for code, unit in units.items()
        for g in Gender
        if unit.seats(g) > 0 and asked_by[code, g] == 0
    ]
    assert ("FREE-EDU", Gender.female) in dead
    assert 1 <= non_viable <= 30
    # most people ask for units with seats of their gender
    own = sum(n for (c, g), n in asked_by.items() if units[c].seats(g) > 0)
    assert own > 0.9 * sum(asked_by.values())


def test_default_continuing_assistants_fit_their_seats() -> None:
    problem = default_problem()
    pins = problem.pins
    assert 5 <= len(pins) <= 60
    held = Counter((code, problem.applicant_by_id[s].gender) for s, code in pins.items())
    for (code, gender), n in held.items():
        assert n <= problem.unit_by_code[code].seats(gender)
    for sid, code in pins.items():
        app = problem.applicant_by_id[sid]
        unit = problem.unit_by_code[code]
        assert app.gpa >= POLICY.min_gpa_for(app.degree)
        assert app.sheba is not None and sheba_valid(app.sheba)
        assert not unit.allowed_degrees or app.degree in unit.allowed_degrees
        assert problem.preference_ranks[sid][code] == 1


def test_default_problem() -> None:
    problem = default_problem()
    assert problem.name == "qom-1402-1403"
    assert str(problem.term) == "1402-1"
    assert problem.policy == Policy()
    assert problem.rejections == default_rejections()
    assert all(problem.preference_ranks[a.student_id] for a in problem.applicants)


# ----------------------------------------------------------------------------- determinism


def test_same_seed_same_pool_other_seed_another() -> None:
    units = default_units()
    first = generate_applicants(units, 300, seed=11)
    again = generate_applicants(units, 300, seed=11)
    other = generate_applicants(units, 300, seed=12)
    assert first == again
    assert first != other
    assert default_applicants(1402) == generate_parts(1000, 25, 1402).applicants
    assert default_applicants(7) != default_applicants(1402)


def test_generated_units_deterministic_and_seeded() -> None:
    assert generate_units(120, 5) == generate_units(120, 5)
    assert generate_units(120, 5)[25:] != generate_units(120, 6)[25:]
    assert generate_units(120, 5)[:25] == default_units()


# ----------------------------------------------------------------------------- larger sizes


def test_generated_units_plausible() -> None:
    units = generate_units(200, seed=4, total_seats=round(0.284 * 8000))
    assert len(units) == 200
    assert len({u.code for u in units}) == 200
    names = [normalize_key(n) for u in units for n in (u.code, u.name_fa, u.name_en) if n]
    assert len(names) == len(set(names))  # every code and name names one unit only
    generated = units[25:]
    assert all(campus_of(u) is not None and u.name_en and u.total_seats > 0 for u in generated)
    assert all(campus_of(u) is None for u in units[:25])
    dorms = [u for u in generated if "Dormitory" in (u.name_en or "")]
    assert dorms and all(u.female_seats == 0 or u.male_seats == 0 for u in dorms)
    assert any(u.allowed_degrees for u in generated) and any(u.allowed_fields for u in generated)
    assert abs(sum(u.total_seats for u in units) - round(0.284 * 8000)) < 100
    assert generate_units(10, seed=4) == default_units()[:10]
    with pytest.raises(ValueError):
        generate_units(0, seed=4)


def test_large_pool_is_one_connected_market() -> None:
    """Applicants and units linked by preferences form one component: no isolated campus."""
    problem = generate_instance(3000, 150, seed=21)
    codes = [u.code for u in problem.units]
    parent = {c: c for c in codes}

    def find(c: str) -> str:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    for ranks in problem.preference_ranks.values():
        asked = list(ranks)
        for code in asked[1:]:
            parent[find(code)] = find(asked[0])
    assert len({find(c) for c in codes}) == 1
    demand = Counter(c for ranks in problem.preference_ranks.values() for c in ranks)
    assert all(demand[c] > 0 for c in codes)
    seats = sum(u.total_seats for u in problem.units)
    assert 0.2 * 3000 < seats < 0.4 * 3000


def test_rejections_name_an_asked_unit() -> None:
    inst = generate_parts(2000, 60, seed=2)
    problem = inst.problem()
    assert len(inst.rejections) == 12
    for rej in inst.rejections:
        assert rej.unit_code in problem.preference_ranks[rej.student_id]
        assert problem.applicant_by_id[rej.student_id].current_unit is None
    assert generate_rejections(inst.applicants, inst.units, seed=2) == inst.rejections
    assert generate_rejections((), inst.units, seed=2) == ()
    assert generate_rejections(inst.applicants[:50], inst.units, seed=2) == ()  # too few
    assert len(generate_rejections(inst.applicants[:100], inst.units, seed=2)) == 1


@settings(max_examples=60, deadline=None)
@given(total=st.integers(min_value=1, max_value=100_000), parts=st.integers(1, 200))
def test_split_sizes_cover_the_total(total: int, parts: int) -> None:
    import random

    if total < parts:
        with pytest.raises(ValueError):
            split_sizes(total, parts, random.Random(0))
        return
    sizes = split_sizes(total, parts, random.Random(0))
    assert len(sizes) == parts and sum(sizes) == total and min(sizes) >= 1


def test_institutions_split_applicants_and_units() -> None:
    batch = list(generate_institutions(3000, 6, seed=3, n_units=180))
    assert [i.name for i in batch] == [f"inst-00{k}" for k in range(1, 7)]
    assert sum(len(i.applicants) for i in batch) == 3000
    assert sum(len(i.units) for i in batch) == 180
    assert len({tuple(a.student_id for a in i.applicants[:5]) for i in batch}) == 6
    for inst in batch:
        assert isinstance(inst.problem(), Problem)
    again = list(generate_institutions(3000, 6, seed=3, n_units=180))
    assert [i.applicants for i in again] == [i.applicants for i in batch]


# ----------------------------------------------------------------------------- identifiers


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_national_id_check_digit_agrees_with_the_model(body: str) -> None:
    code = body + str(national_id_check_digit(body))
    assert national_id_valid(code) == (len(set(code)) > 1)


@settings(max_examples=100, deadline=None)
@given(
    bank=st.sampled_from(["017", "012", "054"]),
    account=st.text(alphabet="0123456789", min_size=19, max_size=19),
)
def test_made_shebas_are_valid_and_a_changed_digit_is_not(bank: str, account: str) -> None:
    sheba = make_sheba(bank, account)
    assert sheba_valid(sheba) and sheba_bank(sheba) == bank and len(sheba) == 26
    last = int(sheba[-1])
    assert not sheba_valid(sheba[:-1] + str((last + 1) % 10))
    assert not sheba_valid(sheba[:-1])


def test_published_sheba_examples_are_valid() -> None:
    assert sheba_valid("IR820540102680020817909002")
    assert sheba_valid("IR550570022080013447370101")
    assert not sheba_valid("IR820540102680020817909003")
