"""The contenders of the benchmark, each run in its own process by ``benchmarks/run.py``.

Usage (one process per call; ``run.py`` does this for you)::

    python benchmarks/contenders.py prepare N UNITS SEED PICKLE
    python benchmarks/contenders.py solve PICKLE CONTENDER LIMIT_S RESULT_JSON
    python benchmarks/contenders.py read APPLICANTS_FILE RESULT_JSON
    python benchmarks/contenders.py floor APPLICANTS UNITS REJECTIONS RESULT_JSON

``prepare`` builds the problem with the generator of ``hamyar generate``
(``generate_instance(N, UNITS, SEED)``, the same units, applicants and rejections the command
writes), decides eligibility, solves it once with the default policy to get the unconstrained
planned cost ``C = Σ planned_term_cost_rial(s, unit(s))``, and pickles
``(problem, eligibility, C)``. ``solve`` loads that pickle (not timed), runs one contender
(timed: ``time.perf_counter`` around the contender alone) and measures its placement the same way
for everybody:

* ``placed`` = |S|, ``placed_priority`` = |{s ∈ S : priority_score(s) > 0}|;
* ``ranks`` = ``{r: |{s ∈ S : admissible rank of s's unit = r}|}``;
* ``envy`` = ``len(justified_envy(problem, eligibility, placement))``;
* ``valid``: every placed pair is admissible and no unit holds more students of a gender than
  it has seats of that gender.

Contenders (``CONTENDERS``):

* ``hamyar`` — :func:`hamyar.optimizer.solve`, default lexicographic policy.
* ``hamyar-stable`` — the same with ``stable = true``.
* ``hamyar-budget`` — ``budget_term_rial = ⌊0.9 · C⌋``, solved with a 10 s limit.
* ``hamyar-budget-at-limit`` — the same budget, solved with the limit ``LIMIT_S`` given
  (``benchmarks/seeds.py``: 60 s at 100,000 applicants).
* ``greedy`` — serial dictatorship: hard pins first, then students in ``precedence_key`` order,
  each taking the best-ranked admissible unit with a free seat of his/her gender.
* ``deferred-acceptance`` — ``matching.games.HospitalResident`` per gender, resident-optimal;
  every unit ranks its applicants by precedence, ties in a student's list broken by unit code.
* ``cpsat-plain`` — one Boolean ``x[s,u]`` per admissible pair, ``Σ_u x[s,u] ≤ 1``,
  ``Σ_{s of gender g} x[s,u] ≤ seats(u,g)``, hard pins fixed, and every stage in one objective
  with the policy's weights ``w`` (hamyar's weighted mode, ×100 so the GPA is in hundredths)::

      max Σ x[s,u] · (100 · (w_pri · score(s) + w_cov + w_pref · (R + 1 − rank(s,u)))
                      + w_gpa · gpa_centi(s))

* ``flow`` — the first stage alone as a min-cost flow (OR-Tools ``SimpleMinCostFlow``): each
  student a supply of 1, an arc student → (unit, gender) of cost ``−score(s)`` per admissible
  pair, an arc student → sink of cost 0 (not placed; none for a pinned student, whose only arc
  is to the pinned unit), an arc (unit, gender) → sink with the seats as capacity.
"""

from __future__ import annotations

import json
import pickle
import resource
import sys
import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from hamyar.eligibility import evaluate
from hamyar.generator import generate_instance
from hamyar.models import EligibilityResult, Gender, Policy, Problem
from hamyar.models.pay import planned_term_cost_rial
from hamyar.optimizer import solve
from hamyar.optimizer.envy import justified_envy
from hamyar.optimizer.precedence import precedence_key

BUDGET_SHARE = 0.9
"""The budget cap of ``hamyar-budget``: this share of the unconstrained planned cost."""
BUDGET_TIME_LIMIT_S = 10.0
"""The target of the optimizer issue: a budget gap below 0.1 % within 10 s."""


@dataclass
class Outcome:
    """What a contender returns: its placement, status, relative gap and a note."""

    placement: dict[str, str]
    status: str
    gap: float | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _slots(problem: Problem) -> dict[tuple[str, bool], int]:
    """Seats per ``(unit_code, is_male)``."""
    seats: dict[tuple[str, bool], int] = {}
    for unit in problem.units:
        seats[(unit.code, False)] = unit.seats(Gender.female)
        seats[(unit.code, True)] = unit.seats(Gender.male)
    return seats


def _hard_pins(problem: Problem, eligibility: EligibilityResult) -> dict[str, str]:
    """Hard pins of eligible students at a unit they may be placed in."""
    if problem.policy.pins != "hard":
        return {}
    pins: dict[str, str] = {}
    for sid, code in problem.pins.items():
        item = eligibility.by_id.get(sid)
        if item is not None and item.eligible and code in item.admissible_units:
            pins[sid] = code
    return pins


def _with_policy(problem: Problem, overrides: dict[str, Any]) -> Problem:
    policy = problem.policy.with_overrides(overrides)
    return Problem.create(
        problem.applicants, problem.units, problem.rejections, policy, problem.term, problem.name
    )


def _allocation_outcome(problem: Problem, eligibility: EligibilityResult, limit: float) -> Outcome:
    allocation = solve(problem, eligibility, time_limit_s=limit)
    gap = max((s.gap for s in allocation.stages), default=0.0)
    methods = sorted({s.method for s in allocation.stages})
    return Outcome(
        {a.student_id: a.unit_code for a in allocation.assignments},
        allocation.status.value,
        gap,
        "stages by " + "+".join(methods),
        {
            "stages": [
                [s.name, s.value, s.bound, s.status.value, s.wall_time_s, s.method]
                for s in allocation.stages
            ]
        },
    )


def run_hamyar(problem: Problem, eligibility: EligibilityResult, limit: float) -> Outcome:
    return _allocation_outcome(problem, eligibility, limit)


def run_greedy(problem: Problem, eligibility: EligibilityResult, limit: float) -> Outcome:
    seats = _slots(problem)
    placement: dict[str, str] = {}
    for sid, code in _hard_pins(problem, eligibility).items():
        male = problem.applicant_by_id[sid].gender is Gender.male
        if seats[(code, male)] > 0:
            seats[(code, male)] -= 1
            placement[sid] = code
    policy = problem.policy
    order = sorted(problem.applicants, key=lambda a: precedence_key(a, policy))
    items = eligibility.by_id
    for app in order:
        item = items.get(app.student_id)
        if item is None or not item.eligible or app.student_id in placement:
            continue
        male = app.gender is Gender.male
        for code, _ in sorted(item.admissible_units.items(), key=lambda kv: (kv[1], kv[0])):
            if seats[(code, male)] > 0:
                seats[(code, male)] -= 1
                placement[app.student_id] = code
                break
    return Outcome(placement, "heuristic")


def run_deferred_acceptance(
    problem: Problem, eligibility: EligibilityResult, limit: float
) -> Outcome:
    from matching.games import HospitalResident

    seats = _slots(problem)
    placement: dict[str, str] = {}
    for sid, code in _hard_pins(problem, eligibility).items():
        male = problem.applicant_by_id[sid].gender is Gender.male
        if seats[(code, male)] > 0:
            seats[(code, male)] -= 1
            placement[sid] = code
    policy = problem.policy
    order = sorted(problem.applicants, key=lambda a: precedence_key(a, policy))
    for male in (False, True):
        resident_prefs: dict[str, list[str]] = {}
        hospital_prefs: dict[str, list[str]] = {}
        for app in order:
            item = eligibility.by_id.get(app.student_id)
            if (
                item is None
                or not item.eligible
                or app.student_id in placement
                or (app.gender is Gender.male) != male
            ):
                continue
            units = [
                code
                for code, _ in sorted(item.admissible_units.items(), key=lambda kv: (kv[1], kv[0]))
                if seats[(code, male)] > 0
            ]
            if not units:
                continue
            resident_prefs[app.student_id] = units
            for code in units:
                hospital_prefs.setdefault(code, []).append(app.student_id)
        if not resident_prefs:
            continue
        capacities = {code: seats[(code, male)] for code in hospital_prefs}
        game = HospitalResident.create_from_dictionaries(resident_prefs, hospital_prefs, capacities)
        matched = game.solve(optimal="resident")
        for hospital, residents in matched.items():
            for resident in residents:
                placement[str(resident.name)] = str(hospital.name)
    return Outcome(placement, "stable (library)")


def _score(problem: Problem, sid: str) -> int:
    return problem.policy.priority_score(problem.applicant_by_id[sid].priority_groups)


def _pairs(
    problem: Problem, eligibility: EligibilityResult
) -> tuple[list[str], list[tuple[int, str, bool, int]]]:
    """Eligible students and their ``(student index, unit, is_male, rank)`` pairs with seats."""
    seats = _slots(problem)
    students: list[str] = []
    pairs: list[tuple[int, str, bool, int]] = []
    for app in problem.applicants:
        item = eligibility.by_id.get(app.student_id)
        if item is None or not item.eligible:
            continue
        male = app.gender is Gender.male
        i = len(students)
        students.append(app.student_id)
        for code, rank in item.admissible_units.items():
            if seats[(code, male)] > 0:
                pairs.append((i, code, male, rank))
    return students, pairs


def run_cpsat_plain(problem: Problem, eligibility: EligibilityResult, limit: float) -> Outcome:
    from ortools.sat.python import cp_model

    policy = problem.policy
    weights: dict[str, int] = {"priority": 1000, "coverage": 100, "preference": 10, "gpa": 1}
    weights.update({str(k): v for k, v in policy.objective_weights.items()})
    seats = _slots(problem)
    pins = _hard_pins(problem, eligibility)
    students, pairs = _pairs(problem, eligibility)
    top = max((rank for *_, rank in pairs), default=1)
    model = cp_model.CpModel()
    by_student: list[list[Any]] = [[] for _ in students]
    by_slot: dict[tuple[str, bool], list[Any]] = {}
    terms: list[Any] = []
    coeffs: list[int] = []
    xs: list[tuple[Any, int, str]] = []
    for i, code, male, rank in pairs:
        sid = students[i]
        if sid in pins and pins[sid] != code:
            continue
        x = model.new_bool_var("")
        if pins.get(sid) == code:
            model.add(x == 1)
        by_student[i].append(x)
        by_slot.setdefault((code, male), []).append(x)
        app = problem.applicant_by_id[sid]
        w = 100 * (
            weights["priority"] * policy.priority_score(app.priority_groups)
            + weights["coverage"]
            + weights["preference"] * (top + 1 - rank)
        ) + weights["gpa"] * round(app.gpa * 100)
        terms.append(x)
        coeffs.append(w)
        xs.append((x, i, code))
    for group in by_student:
        if len(group) > 1:
            model.add_at_most_one(group)
    for slot, group in by_slot.items():
        if len(group) > seats[slot]:
            model.add(sum(group) <= seats[slot])
    model.maximize(cp_model.LinearExpr.weighted_sum(terms, coeffs))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = 2
    code_ = solver.solve(model)
    status = solver.status_name(code_).lower()
    placement: dict[str, str] = {}
    gap = None
    if code_ in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        for x, i, code in xs:
            if solver.boolean_value(x):
                placement[students[i]] = code
        obj, bound = solver.objective_value, solver.best_objective_bound
        gap = abs(bound - obj) / max(1.0, abs(bound))
    return Outcome(placement, status, gap, f"{len(xs):,} Booleans", {"variables": len(xs)})


def run_flow(problem: Problem, eligibility: EligibilityResult, limit: float) -> Outcome:
    from ortools.graph.python import min_cost_flow

    seats = _slots(problem)
    pins = _hard_pins(problem, eligibility)
    students, pairs = _pairs(problem, eligibility)
    n = len(students)
    slot_ids = {slot: n + k for k, slot in enumerate(seats)}
    sink = n + len(slot_ids)
    tails: list[int] = []
    heads: list[int] = []
    caps: list[int] = []
    costs: list[int] = []
    scores = [_score(problem, sid) for sid in students]
    for i, code, male, _ in pairs:
        sid = students[i]
        if sid in pins and pins[sid] != code:
            continue
        tails.append(i)
        heads.append(slot_ids[(code, male)])
        caps.append(1)
        costs.append(-scores[i])
    n_pairs = len(tails)
    for i, sid in enumerate(students):
        if sid not in pins:
            tails.append(i)
            heads.append(sink)
            caps.append(1)
            costs.append(0)
    for slot, node in slot_ids.items():
        tails.append(node)
        heads.append(sink)
        caps.append(seats[slot])
        costs.append(0)
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(
        np.asarray(tails, dtype=np.int32),
        np.asarray(heads, dtype=np.int32),
        np.asarray(caps, dtype=np.int64),
        np.asarray(costs, dtype=np.int64),
    )
    supplies = np.zeros(sink + 1, dtype=np.int64)
    supplies[:n] = 1
    supplies[sink] = -n
    flow.set_nodes_supplies(np.arange(sink + 1, dtype=np.int32), supplies)
    result = flow.solve()
    if result != flow.OPTIMAL:
        return Outcome({}, f"flow status {result}")
    used = flow.flows(arcs[:n_pairs])
    codes = {node: slot[0] for slot, node in slot_ids.items()}
    placement = {
        students[tails[a]]: codes[heads[a]] for a in np.flatnonzero(used[:n_pairs] > 0).tolist()
    }
    return Outcome(placement, "optimal", 0.0, f"priority = {-flow.optimal_cost():,}")


Runner = Callable[[Problem, EligibilityResult, float], Outcome]

CONTENDERS: dict[str, Runner] = {
    "hamyar": run_hamyar,
    "hamyar-stable": run_hamyar,
    "hamyar-budget": run_hamyar,
    "hamyar-budget-at-limit": run_hamyar,
    "greedy": run_greedy,
    "deferred-acceptance": run_deferred_acceptance,
    "cpsat-plain": run_cpsat_plain,
    "flow": run_flow,
}


def measure(
    problem: Problem, eligibility: EligibilityResult, placement: Mapping[str, str]
) -> dict[str, Any]:
    """The common measures of one placement (module docstring)."""
    policy: Policy = problem.policy
    seats = _slots(problem)
    used: dict[tuple[str, bool], int] = {}
    ranks: dict[int, int] = {}
    priority = 0
    valid = True
    for sid, code in placement.items():
        app = problem.applicant_by_id[sid]
        item = eligibility.by_id.get(sid)
        slot = (code, app.gender is Gender.male)
        used[slot] = used.get(slot, 0) + 1
        rank = item.admissible_units.get(code) if item is not None else None
        if rank is None:
            valid = valid and code == problem.pins.get(sid)
        else:
            ranks[rank] = ranks.get(rank, 0) + 1
        if policy.priority_score(app.priority_groups) > 0:
            priority += 1
    valid = valid and all(count <= seats.get(slot, 0) for slot, count in used.items())
    envy = justified_envy(problem, eligibility, dict(placement))
    return {
        "placed": len(placement),
        "placed_priority": priority,
        "ranks": {str(k): v for k, v in sorted(ranks.items())},
        "envy": len(envy),
        "valid": valid,
    }


def prepare(n: int, units: int, seed: int, out: Path) -> None:
    """Generate, evaluate, solve once for the unconstrained cost, and pickle (module docstring)."""
    problem = generate_instance(n, units, seed, name=f"bench-{n}x{units}")
    eligibility = evaluate(problem)
    allocation = solve(problem, eligibility)
    policy = problem.policy
    cost = sum(
        planned_term_cost_rial(
            problem.applicant_by_id[a.student_id], problem.unit_by_code[a.unit_code], policy
        )
        for a in allocation.assignments
    )
    with out.open("wb") as fh:
        pickle.dump((problem, eligibility, cost), fh, protocol=pickle.HIGHEST_PROTOCOL)


def run_one(pickle_path: Path, name: str, limit: float) -> dict[str, Any]:
    """Load the pickle, run contender ``name`` (timed alone) and measure its placement."""
    with pickle_path.open("rb") as fh:
        problem, eligibility, cost = pickle.load(fh)
    info: dict[str, Any] = {"unconstrained_cost_rial": cost}
    if name == "hamyar-stable":
        problem = _with_policy(problem, {"stable": True})
    elif name.startswith("hamyar-budget"):
        cap = int(BUDGET_SHARE * cost)
        problem = _with_policy(problem, {"budget_term_rial": cap})
        info["budget_rial"] = cap
        limit = BUDGET_TIME_LIMIT_S if name == "hamyar-budget" else limit
    start = time.perf_counter()
    outcome = CONTENDERS[name](problem, eligibility, limit)
    wall = time.perf_counter() - start
    result = {
        "contender": name,
        "ok": True,
        "wall_s": wall,
        "status": outcome.status,
        "gap": outcome.gap,
        "note": outcome.note,
        **info,
        **outcome.extra,
        **measure(problem, eligibility, outcome.placement),
    }
    if name.startswith("hamyar-budget"):
        policy = problem.policy
        result["planned_cost_rial"] = sum(
            planned_term_cost_rial(problem.applicant_by_id[s], problem.unit_by_code[c], policy)
            for s, c in outcome.placement.items()
        )
    return result


def read_one(path: Path) -> dict[str, Any]:
    """Rows per second of ``read_applicants`` on one file."""
    from hamyar.io.applicants import read_applicants

    start = time.perf_counter()
    rows = len(read_applicants(path).records)
    wall = time.perf_counter() - start
    return {"file": path.name, "rows": rows, "wall_s": wall, "rows_per_s": rows / wall}


def floor_one(applicants: Path, units: Path, rejections: Path) -> dict[str, Any]:
    """The floor of issue 17 for ``hamyar allocate`` on these files: python-calamine reading
    every cell of the applicants file, plus the first stage (priority) as one min-cost flow
    (``run_flow``) on the same problem; each timed alone, loading and eligibility not timed."""
    from python_calamine import CalamineWorkbook

    from hamyar.io.loading import load_problem

    start = time.perf_counter()
    workbook = CalamineWorkbook.from_path(str(applicants))
    rows = sum(len(workbook.get_sheet_by_name(n).to_python()) for n in workbook.sheet_names)
    read_s = time.perf_counter() - start
    problem, _ = load_problem(applicants, units, rejections)
    eligibility = evaluate(problem)
    start = time.perf_counter()
    outcome = run_flow(problem, eligibility, 60.0)
    flow_s = time.perf_counter() - start
    return {
        "ok": True,
        "rows": rows,
        "read_s": read_s,
        "flow_s": flow_s,
        "floor_s": read_s + flow_s,
        "placed": len(outcome.placement),
    }


def main(argv: list[str]) -> int:
    mode = argv[0]
    if mode == "prepare":
        prepare(int(argv[1]), int(argv[2]), int(argv[3]), Path(argv[4]))
        return 0
    out = Path(argv[-1])
    try:
        if mode == "solve":
            result = run_one(Path(argv[1]), argv[2], float(argv[3]))
        elif mode == "read":
            result = read_one(Path(argv[1]))
        elif mode == "floor":
            result = floor_one(Path(argv[1]), Path(argv[2]), Path(argv[3]))
        else:
            raise SystemExit(f"unknown mode {mode!r}")
    except MemoryError:
        result = {"ok": False, "failure": "memory (MemoryError)"}
    except Exception as exc:  # a failing contender is a result, not a crash of the harness
        last = traceback.format_exception_only(exc)[-1].strip()
        frames = traceback.extract_tb(exc.__traceback__)
        where = f" in {Path(frames[-1].filename).parent.name}/{Path(frames[-1].filename).name}"
        result = {"ok": False, "failure": f"exception: {last[:300]}{where if frames else ''}"}
    result["self_maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out.write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
