"""Small problems for the optimizer tests: builders, a random-instance maker, an independent
objective evaluator and a brute-force solver over every allocation."""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

import numpy as np
from hypothesis import HealthCheck, assume, settings

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
from hamyar.optimizer.flow import build_graph
from hamyar.optimizer.infeasible import hard_placements
from hamyar.optimizer.network import CostTable, Options, build_network
from hamyar.optimizer.placement import complete_flow

F, M = Gender.female, Gender.male

E9 = Reason(rule="E9", message_fa="واحد این دانشجو را نپذیرفته است", message_en="rejected")


def student(
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


def unit(
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


def problem_of(
    applicants: Iterable[Applicant], units: Iterable[Unit], policy: Policy | None = None
) -> Problem:
    return Problem.create(applicants, units, policy=policy)


def eligibility_of(
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


def random_instance(
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
        unit(c, rng.randint(0, max_seats), rng.randint(0, max_seats), area_of[c]) for c in codes
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
            student(
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
    problem = problem_of(apps, unit_list, policy)
    out = [a.student_id for a in apps if rng.random() < ineligible]
    shut = {
        a.student_id: [rng.choice(list(problem.preference_ranks[a.student_id]))]
        for a in apps
        if rng.random() < closed and problem.preference_ranks[a.student_id]
    }
    return problem, eligibility_of(problem, out, shut)


# ----------------------------------------------------------------------------- checking
def check_rules(problem: Problem, eligibility: EligibilityResult, allocation: Allocation) -> None:
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


def term_vector(
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


def all_placements(problem: Problem, eligibility: EligibilityResult) -> Iterable[dict[str, str]]:
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


def within_budget(problem: Problem, placement: Mapping[str, str]) -> bool:
    policy = problem.policy
    by_id, units = problem.applicant_by_id, problem.unit_by_code
    cost = {s: planned_term_cost_rial(by_id[s], units[u], policy) for s, u in placement.items()}
    if policy.budget_term_rial is not None and sum(cost.values()) > policy.budget_term_rial:
        return False
    for code, budget in policy.unit_budget_term_rial.items():
        if sum(c for s, c in cost.items() if placement[s] == code) > budget:
            return False
    return True


def brute_force_best(
    problem: Problem,
    eligibility: EligibilityResult,
    previous: Mapping[str, str] | None = None,
) -> tuple[float, ...] | None:
    """The lexicographically best objective vector over every allocation (within the
    budgets), or ``None`` when there is none."""
    best: tuple[float, ...] | None = None
    for placement in all_placements(problem, eligibility):
        if not within_budget(problem, placement):
            continue
        vector = term_vector(problem, eligibility, placement, previous)
        if best is None or vector > best:
            best = vector
    return best


def solved_vector(allocation: Allocation) -> tuple[float, ...]:
    """The stage values of an allocation, rounded as :func:`term_vector` rounds GPA sums."""
    return tuple(round(s.value, 2) for s in allocation.stages)


def greedy_by_precedence(problem: Problem, eligibility: EligibilityResult) -> dict[str, str]:
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


def placement_of(allocation: Allocation) -> dict[str, str]:
    return {a.student_id: a.unit_code for a in allocation.assignments}


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
"""Hypothesis settings of the optimizer's property tests."""


def network_of(seed: int, n: int, *, aggregate: bool = True, pins: float = 0.0, **policy: object):  # type: ignore[no-untyped-def]
    """A random instance's problem, eligibility and network (every per-student term kept)."""
    rng = random.Random(seed)
    problem, eligibility = random_instance(
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


def stable_network(problem, eligibility):  # type: ignore[no-untyped-def]
    placements = hard_placements(problem, eligibility, None)
    network = build_network(problem, eligibility, placements, Options(aggregate=False))
    return network, build_graph(network)


def random_stable(rng: random.Random, n: int):  # type: ignore[no-untyped-def]
    """A random stable-mode instance with areas (ties), its network and graph."""
    problem, eligibility = random_instance(
        rng, n, rng.randint(4, 7), max_seats=3, policy=Policy(stable=True)
    )
    try:
        network, graph = stable_network(problem, eligibility)
    except InfeasibleError:
        assume(False)
        raise
    return problem, eligibility, network, graph


def flow_of(network, graph, placed: dict[int, int]):  # type: ignore[no-untyped-def]
    arcs = np.zeros(network.num_arcs, dtype=np.int64)
    for a in placed.values():
        arcs[a] = 1
    return complete_flow(network, graph, arcs)
