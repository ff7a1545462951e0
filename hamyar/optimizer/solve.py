"""The optimizer's entry point: :func:`solve` places eligible students in units (rules A1–A5).

How each case is solved (every level is one term of :mod:`hamyar.optimizer.objective`):

* **Welfare first, no budget** (``stable = false``): lexicographic min-cost flows over the
  optimal faces (:mod:`hamyar.optimizer.flow`), one connected component of the pool at a time
  (:func:`~hamyar.optimizer.network.split`); every level is proven optimal. Soft pins and the
  minimum fill are arc weights in that flow, so they need nothing else.
* **Welfare first, with a budget** (term or unit budgets): :mod:`hamyar.optimizer.budgeted` —
  flows while the budgets do not bind, then CP-SAT (:mod:`hamyar.optimizer.cpsat`) from the
  first level where they do, each level prepared by its linear relaxation
  (:mod:`hamyar.optimizer.relaxation`: the exact LP bound, and a start rounded from it).
* **Stable** (``stable = true``): :mod:`hamyar.optimizer.stable.search`. Every unit ranks
  students by the same precedence order (:mod:`hamyar.optimizer.precedence`), so with strict
  preferences the stable allocation is unique — the serial dictatorship in precedence order: the
  strongest student takes the best unit he or she asked for, and so on — and student-proposing
  deferred acceptance (:mod:`hamyar.optimizer.stable.acceptance`) finds it. The rural-hospitals
  theorem (every stable allocation places the same students and fills each unit alike) holds
  here in its strongest form, and the student-optimal allocation is the only one, so it is
  optimal for every other term among stable allocations (bound = value). Hard pins do not change
  this: they are seats taken before anyone proposes, and justified envy towards a kept pin does
  not count (:mod:`hamyar.optimizer.envy`). With ties — an area names several of a student's
  units at one rank — it no longer holds: stable allocations differ in who is placed (``a``
  ranks units 1 and 2 equally, ``b`` asks for unit 1 only, one seat each: ``a→1`` and ``a→2,
  b→1`` are both stable), the student-optimal allocation of a tie-breaking is not best for the
  other terms, and the largest stable allocation is NP-hard to find in general. So a component
  with ties, or with a side constraint (budget, minimum fill, soft pin), is solved by CP-SAT
  with stability constraints, on the placements some stable allocation can make
  (:mod:`hamyar.optimizer.stable.bounds`), with consecutive levels merged where their ranges
  allow (:func:`~hamyar.optimizer.level.merge_levels`), started from the better of deferred
  acceptance and a serial dictatorship with look-ahead ties
  (:mod:`hamyar.optimizer.stable.tiebreak`).

How the solver spends its time is :class:`~hamyar.optimizer.params.SolverParams`, apart from the
policy. The time limit covers the whole solve: the search stops early enough
(``SolverParams.finish_s``) for the envy pairs, explanations and results to follow within it.

In every mode the result lists the justified-envy pairs (:func:`~hamyar.optimizer.envy.
justified_envy`) and explains every eligible student not placed at his or her first choice
(:func:`~hamyar.optimizer.explain.explain`), with the fixed students (hard pins, hard previous
placements) and the kept soft pins as the seats nobody can claim.

Infeasible models raise :class:`~hamyar.errors.InfeasibleError` (:mod:`hamyar.optimizer.
infeasible`); a time-out before any solution returns an allocation with status
``no_solution`` and no assignments.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

import numpy as np

from hamyar.collector import collector_paused
from hamyar.errors import InputError, Issue
from hamyar.messages import Msg
from hamyar.models import (
    Allocation,
    Assignment,
    EligibilityResult,
    Problem,
    SolveStatus,
    StageResult,
    UnitFill,
)
from hamyar.optimizer.budgets import Budgets
from hamyar.optimizer.envy import justified_envy
from hamyar.optimizer.explain import explain
from hamyar.optimizer.flow import build_graph, solve_levels
from hamyar.optimizer.infeasible import hard_placements
from hamyar.optimizer.level import Deadline, Stage
from hamyar.optimizer.network import (
    CostTable,
    IntArray,
    Network,
    Options,
    Placements,
    build_network,
    priority_scores,
    split,
)
from hamyar.optimizer.objective import (
    Level,
    Scorer,
    build_levels,
    effective_terms,
    uses_gpa,
)
from hamyar.optimizer.params import SolverParams
from hamyar.optimizer.placement import complete_flow, to_placement
from hamyar.optimizer.precedence import precedence_positions
from hamyar.optimizer.seats import declared_seats, filled_seats, min_fill_seats
from hamyar.optimizer.task import LevelTask, Strategy


def solve(
    problem: Problem,
    eligibility: EligibilityResult,
    *,
    previous: Mapping[str, str] | None = None,
    time_limit_s: float | None = None,
    params: SolverParams | None = None,
) -> Allocation:
    """Place the eligible applicants of ``problem`` (rules A1–A5) under its policy.

    ``previous`` is an earlier allocation ``{student_id: unit_code}`` to keep as much as possible
    (``policy.keep_previous_mode``). ``params`` are the solver's settings, by default the
    tuned ones with the policy's ``time_limit_s`` and ``workers``
    (:meth:`SolverParams.for_policy`); ``time_limit_s`` overrides theirs (it bounds the CP-SAT
    levels; flows always run to their proven optimum). Raises
    :class:`~hamyar.errors.InfeasibleError` when the hard rules cannot hold together.
    """
    start = time.perf_counter()
    with collector_paused():
        chosen = params if params is not None else SolverParams.for_policy(problem.policy)
        return _solve(problem, eligibility, previous, chosen.with_time_limit(time_limit_s), start)


def _solve(
    problem: Problem,
    eligibility: EligibilityResult,
    previous: Mapping[str, str] | None,
    params: SolverParams,
    start: float,
) -> Allocation:
    policy = problem.policy
    _check_unit_budgets(problem)
    finishing = params.finishing_s(len(problem.applicants))
    deadline = Deadline(params.time_limit_s - finishing, params.first_share)
    budgets_on = policy.budget_term_rial is not None or bool(policy.unit_budget_term_rial)
    costs = CostTable(problem) if budgets_on else None
    placements = hard_placements(problem, eligibility, previous, costs)
    scores = priority_scores(problem)
    position = precedence_positions(problem, scores)
    terms = effective_terms(policy, previous)
    options = Options(
        aggregate=not policy.stable, use_gpa=uses_gpa(policy, terms), use_cost=budgets_on
    )
    network = build_network(problem, eligibility, placements, options, position, costs, scores)
    levels = build_levels(policy, network, terms)
    graph = build_graph(network)
    weights = [graph.arc_weights(level.arc, level.fill_bonus) for level in levels]
    budgets = _budgets(problem, network, placements, costs) if budgets_on else None

    task = LevelTask(
        problem, eligibility, network, graph, levels, weights, budgets, params, deadline
    )
    x, stages = _strategy(policy.stable, budgets is not None)(task)

    if x is None:
        return Allocation(
            status=SolveStatus.no_solution,
            stages=tuple(_stage_results(levels, stages, None, None, None)),
            wall_time_s=time.perf_counter() - start,
            message="no allocation was found within the time limit",
        )
    placement = to_placement(network, x)
    scorer = Scorer(problem, eligibility, network, previous, scores)
    results = _stage_results(levels, stages, scorer, placement, [int(w @ x) for w in weights])
    return _allocation(problem, eligibility, placements, placement, results, scores, start)


# ---------------------------------------------------------------------------- welfare first
def _strategy(stable: bool, budgeted: bool) -> Strategy:
    """Stable mode, else the budgeted levels when a budget applies, else the flows.

    The CP-SAT strategies are imported here, when chosen: CP-SAT (and pandas, which it
    imports) costs a third of a second of every start that never uses it."""
    if stable:
        from hamyar.optimizer.stable.search import solve_stable

        return solve_stable
    if budgeted:
        from hamyar.optimizer.budgeted import solve_budgeted

        return solve_budgeted
    return _solve_flows


def _solve_flows(task: LevelTask) -> tuple[IntArray | None, list[Stage]]:
    """Lexicographic flows, one component at a time (:func:`~hamyar.optimizer.network.split`);
    each level's time is summed over the components."""
    network, graph, levels = task.network, task.graph, task.levels
    arcs = np.zeros(network.num_arcs, dtype=np.int64)
    times = [0.0] * len(levels)
    for sub, ids in split(network):
        sub_graph = build_graph(sub)
        weights = [sub_graph.arc_weights(level.arc[ids], level.fill_bonus) for level in levels]
        x, solutions, _ = solve_levels(sub_graph, weights)
        arcs[ids] = x[: sub.num_arcs]
        for i, solution in enumerate(solutions):
            times[i] += solution.wall_time_s
    x = complete_flow(network, graph, arcs)
    stages = []
    for level, wall in zip(levels, times, strict=True):
        value = int(graph.arc_weights(level.arc, level.fill_bonus) @ x)
        stages.append(Stage(SolveStatus.optimal, value, value, wall, "flow"))
    return x, stages


# ---------------------------------------------------------------------------- stable
# ---------------------------------------------------------------------------- the result
def _check_unit_budgets(problem: Problem) -> None:
    unknown = sorted(set(problem.policy.unit_budget_term_rial) - set(problem.unit_by_code))
    if unknown:
        raise InputError(
            [
                Issue(
                    Msg("opt.unit_budget.unknown"),
                    code,
                    file="policy",
                    column="unit_budget_term_rial",
                )
                for code in unknown
            ]
        )


def _budgets(
    problem: Problem, network: Network, placements: Placements, costs: CostTable | None
) -> Budgets:
    """The budgets left after the fixed students' planned cost."""
    assert costs is not None
    policy = problem.policy
    by_id = problem.applicant_by_id
    fixed_cost = {
        sid: costs(by_id[sid], problem.unit_by_code[code]) for sid, code in placements.fixed.items()
    }
    total = None
    if policy.budget_term_rial is not None:
        total = policy.budget_term_rial - sum(fixed_cost.values())
    per_unit = {
        code: budget
        - sum(fixed_cost[sid] for sid, unit in placements.fixed.items() if unit == code)
        for code, budget in policy.unit_budget_term_rial.items()
    }
    return Budgets(arc_cost=network.arc_cost, total=total, per_unit=per_unit)


def _stage_results(
    levels: Sequence[Level],
    stages: Sequence[Stage],
    scorer: Scorer | None,
    placement: Mapping[str, str] | None,
    solved: Sequence[int] | None,
) -> list[StageResult]:
    """Stages in the policy's units: ``reported = solved / divisor + offset``, the offset (fixed
    students, penalties) read from the final placement."""
    results = []
    for i, (level, stage) in enumerate(zip(levels, stages, strict=True)):
        if scorer is None or placement is None or solved is None:
            value = bound = 0.0
        else:
            value = scorer.value(level, placement)
            bound = value + (stage.bound - solved[i]) / level.divisor
        results.append(
            StageResult(
                name=level.name,
                value=value,
                bound=max(bound, value),
                status=stage.status,
                wall_time_s=stage.wall_time_s,
                method=stage.method,
            )
        )
    return results


def _allocation(
    problem: Problem,
    eligibility: EligibilityResult,
    placements: Placements,
    placement: Mapping[str, str],
    stages: Sequence[StageResult],
    scores: Mapping[str, int],
    start: float,
) -> Allocation:
    policy = problem.policy
    by_id = problem.applicant_by_id
    assignments = []
    for sid, code in placement.items():
        app = by_id[sid]
        assignments.append(
            Assignment(
                student_id=sid,
                unit_code=code,
                gender=app.gender,
                preference_rank=eligibility.admissible(sid).get(code),
                priority_score=scores[sid],
                pinned=problem.pins.get(sid) == code,
            )
        )
    assignments.sort(key=lambda a: (a.unit_code, a.student_id))
    filled = filled_seats(problem, placement)
    fill = []
    for unit, gender, seats in declared_seats(problem):
        count = filled.get((unit.code, gender), 0)
        if seats > 0 or count > 0:
            fill.append(
                UnitFill(
                    unit_code=unit.code,
                    gender=gender,
                    seats=seats,
                    filled=count,
                    min_fill=min_fill_seats(seats, policy.min_fill),
                )
            )
    pins = {**placements.fixed, **placements.soft_pins}
    envy = justified_envy(problem, eligibility, placement, pins=pins, scores=scores)
    explanations = explain(problem, eligibility, placement, pins=pins, scores=scores)
    statuses = {s.status for s in stages}
    status = SolveStatus.feasible if SolveStatus.feasible in statuses else SolveStatus.optimal
    return Allocation(
        status=status,
        stages=tuple(stages),
        assignments=tuple(assignments),
        fill=tuple(fill),
        explanations=explanations,
        envy_pairs=envy,
        wall_time_s=time.perf_counter() - start,
        message=_message(problem, placements, placement, fill),
    )


def _message(
    problem: Problem,
    placements: Placements,
    placement: Mapping[str, str],
    fill: Sequence[UnitFill],
) -> str:
    """Notes a planner should see: soft pins not kept, minimum fills missed."""
    notes = []
    for sid, why in sorted(placements.broken_pins.items()):
        notes.append(f"A5: the soft pin of {sid} cannot be kept: {why.render('en')}")
    for sid, code in sorted(placements.soft_pins.items()):
        if placement.get(sid) != code:
            notes.append(f"A5: the soft pin of {sid} to unit {code} was not kept")
    missed = [f for f in fill if f.missed_min_fill]
    if missed:
        notes.append(
            "minimum fill missed in "
            + ", ".join(f"{f.unit_code} ({f.gender.value} {f.filled}/{f.min_fill})" for f in missed)
        )
    return "; ".join(notes)
