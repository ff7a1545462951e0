"""Fixtures of the optimizer tests: small problems and eligibility results, random instances
(seeded and as Hypothesis strategies), an independent objective evaluator, a brute-force solver
over every allocation, and random networks.

Each fixture returns a plain function (``student(sid, prefs, gender=F, ...)``): a test asks for
the fixture by name and calls it. ``instances`` and ``placements`` return Hypothesis strategies,
drawn inside a test with ``@given(data=st.data())`` and ``data.draw(instances())``."""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from hypothesis import assume
from hypothesis import strategies as st

from hamyar.errors import InfeasibleError
from hamyar.models import (
    Allocation,
    Applicant,
    ApplicantEligibility,
    EligibilityResult,
    Gender,
    MaritalStatus,
    Policy,
    PriorityGroup,
    Problem,
    Reason,
    Unit,
    UnitClosure,
)
from hamyar.models.pay import planned_term_cost_rial
from hamyar.optimizer import solve
from hamyar.optimizer.envy import justified_envy
from hamyar.optimizer.flow import build_graph
from hamyar.optimizer.infeasible import hard_placements, pin_conflict
from hamyar.optimizer.network import CostTable, Options, build_network
from hamyar.optimizer.placement import complete_flow
from hamyar.optimizer.seats import seat_capacity

F, M = Gender.female, Gender.male

E9 = Reason(rule="E9", message_fa="واحد این دانشجو را نپذیرفته است", message_en="rejected")


def _student(
    sid: str,
    prefs: Iterable[str],
    gender: Gender = F,
    gpa: float = 16.0,
    groups: Iterable[PriorityGroup] = (),
    current: str | None = None,
    degree: str = "bachelor_continuous",
    married: bool = False,
) -> Applicant:
    return Applicant(
        student_id=sid,
        first_name="مریم",
        last_name="رضایی",
        gender=gender,
        degree=degree,
        gpa=gpa,
        semesters_passed=3,
        preferences=tuple(prefs),
        declared_groups=tuple(groups),
        current_unit=current,
        marital_status=MaritalStatus.married if married else MaritalStatus.single,
    )


def _unit(
    code: str, female: int, male: int = 0, area: str | None = None, hours: int | None = None
) -> Unit:
    return Unit(
        code=code,
        name_fa=f"واحد {code}",
        female_seats=female,
        male_seats=male,
        area=area,
        hours_per_month=Decimal(hours) if hours is not None else None,
    )


def _problem_of(
    applicants: Iterable[Applicant], units: Iterable[Unit], policy: Policy | None = None
) -> Problem:
    return Problem.create(applicants, units, policy=policy)


def _eligibility_of(
    problem: Problem,
    ineligible: Iterable[str] = (),
    closed: Mapping[str, Iterable[str]] | None = None,
) -> EligibilityResult:
    """Everyone eligible but ``ineligible``; ``closed[sid]`` units closed by E9. As the real
    evaluation does, a continuing assistant's current unit is added (rank = worst + 1) when it
    was not asked for and is not closed."""
    closed = closed or {}
    out = set(ineligible)
    items = []
    for app in problem.applicants:
        sid = app.student_id
        ranks = dict(problem.preference_ranks[sid])
        pin = problem.pins.get(sid)
        if pin is not None and pin not in ranks:
            ranks[pin] = max(ranks.values(), default=0) + 1
        shut = set(closed.get(sid, ()))
        items.append(
            ApplicantEligibility(
                student_id=sid,
                eligible=sid not in out,
                reasons=(E9,) if sid in out else (),
                admissible_units={u: r for u, r in ranks.items() if u not in shut},
                closed_units=tuple(
                    UnitClosure(unit_code=u, rank=r, reasons=(E9,))
                    for u, r in sorted(ranks.items())
                    if u in shut
                ),
            )
        )
    return EligibilityResult(term=problem.term, applicants=tuple(items))


GROUPS = (PriorityGroup.exemplary, PriorityGroup.shahed, PriorityGroup.welfare)


def _random_instance(
    rng: random.Random,
    n: int,
    units: int,
    *,
    max_seats: int = 2,
    areas: bool = True,
    pins: float = 0.0,
    policy: Policy | None = None,
    ineligible: float = 0.1,
    closed: float = 0.1,
) -> tuple[Problem, EligibilityResult]:
    """``n`` applicants and ``units`` units with 0–``max_seats`` seats per gender, random
    ranked choices (some naming an area: a tie), groups, GPAs, pins and E9 closures."""
    codes = [f"U{i}" for i in range(units)]
    area_of = {c: (f"area{i % 2}" if areas and i < 4 else None) for i, c in enumerate(codes)}
    unit_list = [
        _unit(c, rng.randint(0, max_seats), rng.randint(0, max_seats), area_of[c]) for c in codes
    ]
    area_names = sorted({a for a in area_of.values() if a})
    apps = []
    for i in range(n):
        k = rng.randint(1, min(3, units))
        tokens = rng.sample(codes, k)
        if area_names and rng.random() < 0.3:
            tokens[0] = rng.choice(area_names)
        tokens = list(dict.fromkeys(tokens))
        groups = [g for g in GROUPS if rng.random() < 0.25]
        current = rng.choice(codes) if rng.random() < pins else None
        apps.append(
            _student(
                f"S{i:02d}",
                tokens,
                gender=rng.choice([F, M]),
                gpa=rng.choice([14.0, 15.5, 17.25, 19.0]),
                groups=groups,
                current=current,
                degree=rng.choice(["bachelor_continuous", "master_discontinuous", "phd"]),
                married=rng.random() < 0.2,
            )
        )
    problem = _problem_of(apps, unit_list, policy)
    out = [a.student_id for a in apps if rng.random() < ineligible]
    shut = {
        a.student_id: [rng.choice(list(problem.preference_ranks[a.student_id]))]
        for a in apps
        if rng.random() < closed and problem.preference_ranks[a.student_id]
    }
    return problem, _eligibility_of(problem, out, shut)


# ----------------------------------------------------------------------------- checking
def _check_rules(problem: Problem, eligibility: EligibilityResult, allocation: Allocation) -> None:
    """A1, A2, A4/E1–E9 and hard A5 on an allocation, straight from the definitions."""
    placed = [(a.student_id, a.unit_code) for a in allocation.assignments]
    sids = [s for s, _ in placed]
    assert len(sids) == len(set(sids)), "A2: a student in two units"
    count: dict[tuple[str, Gender], int] = {}
    for sid, code in placed:
        app = problem.applicant_by_id[sid]
        assert code in eligibility.admissible(sid), f"A4/E: {sid} in {code} not admissible"
        key = (code, app.gender)
        count[key] = count.get(key, 0) + 1
    for (code, gender), n in count.items():
        assert n <= problem.unit_by_code[code].seats(gender), f"A1: {code} {gender} over seats"
    if problem.policy.pins == "hard":
        placement = dict(placed)
        for sid, code in problem.pins.items():
            assert placement.get(sid) == code, f"A5: pin of {sid} not kept"


def _term_vector(
    problem: Problem,
    eligibility: EligibilityResult,
    placement: Mapping[str, str],
    previous: Mapping[str, str] | None = None,
) -> tuple[float, ...]:
    """The policy's lexicographic objective vector, written out from the formulas (not from
    the optimizer's code): penalties charged in the first term."""
    policy = problem.policy
    by_id = problem.applicant_by_id
    max_rank = max(
        (
            r
            for item in eligibility.applicants
            if item.eligible
            for r in item.admissible_units.values()
        ),
        default=0,
    )
    terms = list(policy.objective)
    if previous and policy.keep_previous_mode == "soft" and "keep_previous" not in terms:
        terms.insert(0, "keep_previous")
    if not previous:
        terms = [t for t in terms if t != "keep_previous"]
    soft = problem.pins if policy.pins == "soft" else {}
    penalty = policy.pin_penalty * sum(1 for s, u in soft.items() if placement.get(s) != u)
    if policy.min_fill > 0:
        fill: dict[tuple[str, Gender], int] = {}
        for sid, code in placement.items():
            key = (code, by_id[sid].gender)
            fill[key] = fill.get(key, 0) + 1
        for u in problem.units:
            for g in (F, M):
                if u.seats(g) > 0:
                    need = math.ceil(float(policy.min_fill) * u.seats(g) - 1e-9)
                    penalty += policy.min_fill_penalty * max(0, need - fill.get((u.code, g), 0))
    vector: list[float] = []
    for term in terms:
        if term == "priority":
            vector.append(sum(policy.priority_score(by_id[s].priority_groups) for s in placement))
        elif term == "coverage":
            vector.append(len(placement))
        elif term == "gpa":
            vector.append(round(sum(by_id[s].gpa for s in placement), 2))
        elif term == "keep_previous":
            vector.append(sum(1 for s, u in placement.items() if (previous or {}).get(s) == u))
        elif term == "preference":
            ranks = [eligibility.admissible(s).get(u) for s, u in placement.items()]
            if policy.preference_mode == "rank_maximal":
                vector.extend(sum(1 for r in ranks if r == k) for k in range(1, max_rank + 1))
            else:
                vector.append(sum(max_rank + 1 - r for r in ranks if r is not None))
    if policy.objective_mode == "weighted":
        weights = policy.objective_weights
        total = 0.0
        flat = []
        for term in terms:
            if term == "preference":
                ranks = [eligibility.admissible(s).get(u) for s, u in placement.items()]
                flat.append((term, sum(max_rank + 1 - r for r in ranks if r is not None)))
            else:
                flat.append((term, _single(problem, eligibility, placement, term, previous)))
        for term, value in flat:
            w = weights.get(term)
            if w is None:
                w = max((weights.get(t, 0) for t in terms if t != term), default=1)
            total += w * value
        return (round(total - penalty, 2),)
    if vector:
        vector[0] -= penalty
    return tuple(vector)


def _single(
    problem: Problem,
    eligibility: EligibilityResult,
    placement: Mapping[str, str],
    term: str,
    previous: Mapping[str, str] | None,
) -> float:
    by_id = problem.applicant_by_id
    if term == "priority":
        return sum(problem.policy.priority_score(by_id[s].priority_groups) for s in placement)
    if term == "coverage":
        return len(placement)
    if term == "gpa":
        return sum(by_id[s].gpa for s in placement)
    if term == "keep_previous":
        return sum(1 for s, u in placement.items() if (previous or {}).get(s) == u)
    raise ValueError(term)


def _all_placements(problem: Problem, eligibility: EligibilityResult) -> Iterable[dict[str, str]]:
    """Every allocation that keeps A1, A2, A4/E1–E9 and the hard pins."""
    policy = problem.policy
    by_id = problem.applicant_by_id
    students = [a.student_id for a in problem.applicants if eligibility.admissible(a.student_id)]
    options: list[Sequence[str | None]] = []
    for sid in students:
        pin = problem.pins.get(sid)
        if policy.pins == "hard" and pin is not None:
            options.append([pin])
            continue
        units = [
            u
            for u in sorted(eligibility.admissible(sid))
            if problem.unit_by_code[u].seats(by_id[sid].gender) > 0
        ]
        options.append([None, *units])
    left = {(u.code, g): u.seats(g) for u in problem.units for g in (F, M)}
    chosen: dict[str, str] = {}

    def walk(i: int) -> Iterable[dict[str, str]]:
        if i == len(students):
            yield dict(chosen)
            return
        sid = students[i]
        for code in options[i]:
            if code is None:
                yield from walk(i + 1)
                continue
            key = (code, by_id[sid].gender)
            if left[key] <= 0:
                continue
            left[key] -= 1
            chosen[sid] = code
            yield from walk(i + 1)
            del chosen[sid]
            left[key] += 1

    yield from walk(0)


def _within_budget(problem: Problem, placement: Mapping[str, str]) -> bool:
    policy = problem.policy
    by_id, units = problem.applicant_by_id, problem.unit_by_code
    cost = {s: planned_term_cost_rial(by_id[s], units[u], policy) for s, u in placement.items()}
    if policy.budget_term_rial is not None and sum(cost.values()) > policy.budget_term_rial:
        return False
    for code, budget in policy.unit_budget_term_rial.items():
        if sum(c for s, c in cost.items() if placement[s] == code) > budget:
            return False
    return True


def _solved_vector(allocation: Allocation) -> tuple[float, ...]:
    """The stage values of an allocation, rounded as :func:`term_vector` rounds GPA sums."""
    return tuple(round(s.value, 2) for s in allocation.stages)


def _greedy_by_precedence(problem: Problem, eligibility: EligibilityResult) -> dict[str, str]:
    """Hard pins first, then every other student, strongest claim first, takes the best-ranked
    admissible unit with a free seat of his or her gender."""
    from hamyar.optimizer.precedence import precedence_key

    by_id = problem.applicant_by_id
    left = {(u.code, g): u.seats(g) for u in problem.units for g in (F, M)}
    placement: dict[str, str] = {}
    if problem.policy.pins == "hard":
        for sid, code in problem.pins.items():
            placement[sid] = code
            left[(code, by_id[sid].gender)] -= 1
    for app in sorted(problem.applicants, key=lambda a: precedence_key(a, problem.policy)):
        sid = app.student_id
        if sid in placement:
            continue
        ranks = eligibility.admissible(sid)
        for code in sorted(ranks, key=lambda c: (ranks[c], c)):
            if left[(code, app.gender)] > 0:
                left[(code, app.gender)] -= 1
                placement[sid] = code
                break
    return placement


def _placement_of(allocation: Allocation) -> dict[str, str]:
    return {a.student_id: a.unit_code for a in allocation.assignments}


def _network_of(seed: int, n: int, *, aggregate: bool = True, pins: float = 0.0, **policy: object):  # type: ignore[no-untyped-def]
    """A random instance's problem, eligibility and network (every per-student term kept)."""
    rng = random.Random(seed)
    problem, eligibility = _random_instance(
        rng,
        n,
        rng.randint(2, 4),
        pins=pins,
        policy=Policy(**policy),  # type: ignore[arg-type]
    )
    costs = CostTable(problem)
    try:
        placements = hard_placements(problem, eligibility, None)
    except InfeasibleError:
        assume(False)
        raise
    options = Options(aggregate=aggregate, use_gpa=True, use_cost=True)
    network = build_network(problem, eligibility, placements, options, costs=costs)
    return problem, eligibility, network


def _stable_network(problem, eligibility):  # type: ignore[no-untyped-def]
    placements = hard_placements(problem, eligibility, None)
    network = build_network(problem, eligibility, placements, Options(aggregate=False))
    return network, build_graph(network)


def _random_stable(rng: random.Random, n: int):  # type: ignore[no-untyped-def]
    """A random stable-mode instance with areas (ties), its network and graph."""
    problem, eligibility = _random_instance(
        rng, n, rng.randint(4, 7), max_seats=3, policy=Policy(stable=True)
    )
    try:
        network, graph = _stable_network(problem, eligibility)
    except InfeasibleError:
        assume(False)
        raise
    return problem, eligibility, network, graph


def _flow_of(network, graph, placed: dict[int, int]):  # type: ignore[no-untyped-def]
    arcs = np.zeros(network.num_arcs, dtype=np.int64)
    for a in placed.values():
        arcs[a] = 1
    return complete_flow(network, graph, arcs)


E9_REJECTED = Reason(
    rule="E9",
    message_fa="واحد این دانشجو را نپذیرفته است",
    message_en="the unit rejected this applicant",
)


def _make_eligibility(
    problem: Problem,
    closed: Mapping[str, Iterable[str]] | None = None,
    ineligible: Iterable[str] = (),
) -> EligibilityResult:
    """Every applicant eligible except ``ineligible``; ``closed[sid]`` units closed by E9."""
    closed = closed or {}
    out = set(ineligible)
    items = []
    for app in problem.applicants:
        sid = app.student_id
        ranks = problem.preference_ranks[sid]
        shut = set(closed.get(sid, ()))
        items.append(
            ApplicantEligibility(
                student_id=sid,
                eligible=sid not in out,
                admissible_units={c: r for c, r in ranks.items() if c not in shut},
                closed_units=tuple(
                    UnitClosure(unit_code=c, rank=ranks[c], reasons=(E9_REJECTED,))
                    for c in sorted(shut)
                ),
            )
        )
    return EligibilityResult(term=problem.term, applicants=tuple(items))


STABLE_GROUPS = (PriorityGroup.exemplary, PriorityGroup.married, PriorityGroup.shahed)


@st.composite
def _instances(
    draw: st.DrawFn,
    max_students: int = 10,
    max_units: int = 4,
    ties: bool = True,
    pins: bool = True,
    closures: bool = True,
) -> tuple[Problem, EligibilityResult]:
    """A random problem (areas give tied ranks when ``ties``) and its eligibility result.

    Pins stay within each unit's seats of the pinned student's gender.
    """
    n_units = draw(st.integers(1, max_units))
    units = [
        _unit(
            f"U{i}",
            draw(st.integers(0, 3)),
            draw(st.integers(0, 3)),
            area=draw(st.sampled_from([None, "north", "south"])) if ties else None,
        )
        for i in range(n_units)
    ]
    tokens = [u.code for u in units] + sorted({u.area for u in units if u.area})
    left = {(u.code, g): u.seats(g) for u in units for g in Gender}
    apps = []
    for i in range(draw(st.integers(1, max_students))):
        gender = draw(st.sampled_from([F, M]))
        prefs = draw(st.lists(st.sampled_from(tokens), unique=True, max_size=len(tokens)))
        current = None
        if pins and draw(st.integers(0, 5)) == 0:
            code = draw(st.sampled_from([u.code for u in units]))
            if left[(code, gender)] > 0:
                left[(code, gender)] -= 1
                current = code
        apps.append(
            _student(
                f"S{i:02d}",
                prefs,
                gender=gender,
                gpa=draw(st.sampled_from([14.0, 16.5, 18.0])),
                groups=draw(st.lists(st.sampled_from(STABLE_GROUPS), unique=True, max_size=2)),
                current=current,
            )
        )
    problem = _problem_of(apps, units)
    closed: dict[str, list[str]] = {}
    ineligible: list[str] = []
    if closures:
        for app in apps:
            ranks = problem.preference_ranks[app.student_id]
            if ranks and draw(st.integers(0, 4)) == 0:
                closed[app.student_id] = [draw(st.sampled_from(sorted(ranks)))]
            if draw(st.integers(0, 7)) == 0:
                ineligible.append(app.student_id)
    return problem, _make_eligibility(problem, closed, ineligible)


@st.composite
def _placements(draw: st.DrawFn) -> tuple[Problem, EligibilityResult, dict[str, str]]:
    """A random instance and a random placement within the seats over admissible units (pins
    kept or broken at random)."""
    problem, eligibility = draw(_instances())
    left = seat_capacity(problem)
    placement: dict[str, str] = {}
    for app in problem.applicants:
        options = sorted(eligibility.admissible(app.student_id))
        if app.student_id in problem.pins and draw(st.booleans()):
            options = [problem.pins[app.student_id]]
        options = [c for c in options if left[(c, app.gender)] > 0]
        choice = draw(st.sampled_from([None, *options]))
        if choice is not None:
            placement[app.student_id] = choice
            left[(choice, app.gender)] -= 1
    return problem, eligibility, placement


def _expect_infeasible(problem: Problem, eligibility: EligibilityResult) -> bool:
    """Whether brute force finds no allocation keeping the hard rules (hard pins, budgets,
    and stability in stable mode)."""
    policy = problem.policy
    if policy.pins == "hard" and any(
        pin_conflict(problem, eligibility, s, u) for s, u in problem.pins.items()
    ):
        return True
    for placement in _all_placements(problem, eligibility):
        if not _within_budget(problem, placement):
            continue
        if policy.stable and justified_envy(problem, eligibility, placement, pins=problem.pins):
            continue
        return False
    return True


def _best_vector(problem: Problem, eligibility: EligibilityResult) -> tuple[float, ...]:
    best: tuple[float, ...] | None = None
    for placement in _all_placements(problem, eligibility):
        if not _within_budget(problem, placement):
            continue
        if problem.policy.stable and justified_envy(
            problem, eligibility, placement, pins=problem.pins
        ):
            continue
        vector = _term_vector(problem, eligibility, placement)
        if best is None or vector > best:
            best = vector
    assert best is not None
    return tuple(round(v, 2) for v in best)


def _check_against_brute_force(seed: int, overrides: dict[str, Any], n: int) -> None:
    rng = random.Random(seed)
    policy = Policy().with_overrides(overrides) if overrides else Policy()
    problem, eligibility = _random_instance(rng, n, rng.randint(2, 4), pins=0.25, policy=policy)
    try:
        alloc = solve(problem, eligibility, time_limit_s=20)
    except InfeasibleError:
        assert _expect_infeasible(problem, eligibility)
        return
    _check_rules(problem, eligibility, alloc)
    assert _within_budget(problem, _placement_of(alloc))
    if policy.stable:
        assert alloc.envy_pairs == ()
    # the lexicographic vector of stage values equals the best over every allocation
    assert _solved_vector(alloc) == _best_vector(problem, eligibility)
    assert all(s.value <= s.bound + 1e-9 for s in alloc.stages)


# ----------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def student() -> Any:
    """``student(sid, prefs, gender=F, gpa=16, groups=(), current=None, degree=...,
    married=False)``: an applicant."""
    return _student


@pytest.fixture(scope="session")
def unit() -> Any:
    """``unit(code, female, male=0, area=None, hours=None)``: a unit with its seats per gender."""
    return _unit


@pytest.fixture(scope="session")
def problem_of() -> Any:
    """``problem_of(applicants, units, policy=None)``: a problem."""
    return _problem_of


@pytest.fixture(scope="session")
def eligibility_of() -> Any:
    """``eligibility_of(problem, ineligible=(), closed=None)``: everyone eligible but
    ``ineligible``, ``closed[sid]`` closed by E9; a pin not asked for is added as the real
    evaluation adds it."""
    return _eligibility_of


@pytest.fixture(scope="session")
def make_eligibility() -> Any:
    """``make_eligibility(problem, closed=None, ineligible=())``: everyone eligible but
    ``ineligible``, ``closed[sid]`` closed by E9; exactly the ranks asked for."""
    return _make_eligibility


@pytest.fixture(scope="session")
def random_instance() -> Any:
    """``random_instance(rng, n, units, max_seats=2, areas=True, pins=0, policy=None, ...)``."""
    return _random_instance


@pytest.fixture(scope="session")
def check_rules() -> Any:
    """``check_rules(problem, eligibility, allocation)``: A1, A2, A4/E1-E9 and hard A5."""
    return _check_rules


@pytest.fixture(scope="session")
def term_vector() -> Any:
    """``term_vector(problem, eligibility, placement, previous=None)``: the objective vector from
    the formulas."""
    return _term_vector


@pytest.fixture(scope="session")
def all_placements() -> Any:
    """``all_placements(problem, eligibility)``: every allocation keeping A1, A2, A4, hard pins."""
    return _all_placements


@pytest.fixture(scope="session")
def within_budget() -> Any:
    """``within_budget(problem, placement)``: whether the term and unit budgets hold."""
    return _within_budget


@pytest.fixture(scope="session")
def solved_vector() -> Any:
    """``solved_vector(allocation)``: the stage values, rounded as ``term_vector`` rounds."""
    return _solved_vector


@pytest.fixture(scope="session")
def greedy_by_precedence() -> Any:
    """``greedy_by_precedence(problem, eligibility)``: strongest claim first takes its best unit."""
    return _greedy_by_precedence


@pytest.fixture(scope="session")
def placement_of() -> Any:
    """``placement_of(allocation)``: ``{student: unit}``."""
    return _placement_of


@pytest.fixture(scope="session")
def network_of() -> Any:
    """``network_of(seed, n, aggregate=True, pins=0, **policy)``: problem, eligibility, network."""
    return _network_of


@pytest.fixture(scope="session")
def stable_network() -> Any:
    """``stable_network(problem, eligibility)``: the per-student network and its graph."""
    return _stable_network


@pytest.fixture(scope="session")
def random_stable() -> Any:
    """``random_stable(rng, n)``: a stable-mode instance with ties, its network and graph."""
    return _random_stable


@pytest.fixture(scope="session")
def flow_of() -> Any:
    """``flow_of(network, graph, placed)``: the complete flow of ``{student index: arc}``."""
    return _flow_of


@pytest.fixture(scope="session")
def check_against_brute_force() -> Any:
    """``check_against_brute_force(seed, overrides, n)``: solve a random instance; the rules hold
    and the stage values are the best over every allocation."""
    return _check_against_brute_force


@pytest.fixture(scope="session")
def instances() -> Any:
    """``instances(max_students=10, max_units=4, ties=True, pins=True, closures=True)``: a
    Hypothesis strategy of ``(problem, eligibility)``."""
    return _instances


@pytest.fixture(scope="session")
def placements() -> Any:
    """``placements()``: a Hypothesis strategy of ``(problem, eligibility, placement)`` within the
    seats."""
    return _placements
