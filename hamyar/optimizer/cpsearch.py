"""Searching the CP-SAT model (:class:`~hamyar.optimizer.cpsat.AllocationModel`): one level
maximised, a neighbourhood searched with the other arcs fixed, an infeasible model's core.

The solver settings are the module docstring of :mod:`hamyar.optimizer.cpsat` and
:class:`~hamyar.optimizer.params.SolverParams`: one worker per search, a fixed seed, no presolve,
a deterministic-time and a wall-clock limit; a budgeted level races the budget portfolio.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ortools.sat.python import cp_model

from hamyar.models import SolveStatus
from hamyar.optimizer.cpsat import AllocationModel
from hamyar.optimizer.level import Stage, box_bound
from hamyar.optimizer.network import BoolArray, IntArray

STATUS = {
    cp_model.OPTIMAL: SolveStatus.optimal,
    cp_model.FEASIBLE: SolveStatus.feasible,
    cp_model.INFEASIBLE: SolveStatus.infeasible,
    cp_model.UNKNOWN: SolveStatus.no_solution,
}
"""CP-SAT's status → ours. ``MODEL_INVALID`` is a bug and raises."""


def maximise(
    model: AllocationModel,
    w: IntArray,
    *,
    time_limit_s: float,
    workers: int,
    hint: IntArray | None = None,
    upper_bound: int | None = None,
    within: tuple[IntArray, IntArray] | None = None,
    stop_at: StopAt | None = None,
) -> Stage:
    """Maximise ``Σ_a w_a x_a``. ``upper_bound``, a proven bound on this level over the
    model's feasible set (flow or Lagrangian), is added as a constraint to help the proof;
    it stays valid for every later level, whose feasible set is a subset. ``within``, arc
    bounds ``(lo, hi)``, narrows the variables' domains for this search only. ``stop_at``: the
    search's early end (:class:`StopAt`)."""
    start = time.perf_counter()
    objective = model.objective(w)
    if upper_bound is not None:
        model.model.add(objective <= upper_bound)
    model.model.maximize(objective)
    if hint is not None:
        model.hint(hint)
    with _narrowed(model, within):
        if model.budgets is not None:
            solver, code = _race(model, time_limit_s, workers, stop_at)
        else:
            solver = make_solver(time_limit_s, workers)
            if model.has_cutoffs:
                solver.parameters.linearization_level = model.params.stable_linearization
                solver.parameters.cp_model_presolve = model.params.stable_presolve
            with _early(stop_at, solver.stop_search) as early:
                code = solver.solve(model.model, None if early is None else early.callback())
    if code == cp_model.MODEL_INVALID:
        raise RuntimeError(f"invalid CP-SAT model: {model.model.validate()}")
    status = STATUS[code]
    elapsed = time.perf_counter() - start
    bound = box_bound(w, model.hi)  # always valid
    found = solver.best_objective_bound
    if status is SolveStatus.feasible and math.isfinite(found):
        bound = min(bound, math.floor(found + 1e-6))  # CP-SAT's bound, with a solution only
    if status in (SolveStatus.optimal, SolveStatus.feasible):
        x = model.solution(solver)
        value = int(w @ x)
        top = value if status is SolveStatus.optimal else bound
        return Stage(status, value, top, elapsed, "cp-sat", x)
    return Stage(status, 0, bound, elapsed, "cp-sat")


def _race(
    model: AllocationModel, time_limit_s: float, workers: int, stop_at: StopAt | None = None
) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus]:
    """The budget portfolio (``params.budget_portfolio``, its first ``workers`` settings): one
    single-worker search per setting, side by side in threads (CP-SAT releases the
    interpreter lock while it searches). The first to end by proof stops the others, and so
    does the early end ``stop_at`` (:class:`StopAt`); the result is the first proven search in
    portfolio order, else the best solution, the earlier setting on ties."""
    solvers = []
    for linearization, symmetry in model.params.budget_portfolio[: max(1, workers)]:
        solver = make_solver(time_limit_s)
        solver.parameters.linearization_level = linearization
        solver.parameters.use_symmetry_in_lp = symmetry
        solvers.append(solver)
    codes = [cp_model.UNKNOWN] * len(solvers)

    def stop_all() -> None:
        for solver in solvers:
            solver.stop_search()

    def search(i: int, early: _Early | None) -> None:
        codes[i] = solvers[i].solve(model.model, None if early is None else early.callback())
        if codes[i] in (cp_model.OPTIMAL, cp_model.INFEASIBLE):
            stop_all()

    with _early(stop_at, stop_all) as early:
        threads = [threading.Thread(target=search, args=(i, early)) for i in range(len(solvers))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    for i, code in enumerate(codes):
        if code in (cp_model.OPTIMAL, cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
            return solvers[i], code
    found = [i for i, code in enumerate(codes) if code == cp_model.FEASIBLE]
    if not found:
        return solvers[0], codes[0]
    best = max(found, key=lambda i: (solvers[i].objective_value, -i))
    return solvers[best], codes[best]


@dataclass(frozen=True)
class StopAt:
    """A search's early end: at a solution of at least ``value`` (a level's gap to its proven
    bound, :attr:`~hamyar.optimizer.params.SolverParams.level_gap`), once ``after_s`` seconds
    have passed since it started — or at that moment, if such a solution was found before."""

    value: int
    after_s: float = 0.0


class _Early:
    """The early end of one search, or of a race (:class:`StopAt`): ``stop`` is called once a
    solution of at least the goal has been seen and the time has come."""

    def __init__(self, goal: StopAt, stop: Callable[[], None]) -> None:
        self.goal = goal
        self.stop = stop
        self.reached = False
        self.at = time.perf_counter() + goal.after_s
        self.timer = threading.Timer(goal.after_s, self._check)

    def seen(self, value: float) -> None:
        if value >= self.goal.value:
            self.reached = True
            self._check()

    def _check(self) -> None:
        if self.reached and time.perf_counter() >= self.at:
            self.stop()

    @contextmanager
    def running(self) -> Iterator[None]:
        self.timer.start()
        try:
            yield
        finally:
            self.timer.cancel()

    def callback(self) -> cp_model.CpSolverSolutionCallback:
        return _Seen(self)


class _Seen(cp_model.CpSolverSolutionCallback):
    """Reports each solution's value to an :class:`_Early`."""

    def __init__(self, early: _Early) -> None:
        super().__init__()
        self.early = early

    def on_solution_callback(self) -> None:
        self.early.seen(self.objective_value)


@contextmanager
def _early(goal: StopAt | None, stop: Callable[[], None]) -> Iterator[_Early | None]:
    """The :class:`_Early` of ``goal`` while in the block (``None`` without a goal)."""
    if goal is None:
        yield None
        return
    early = _Early(goal, stop)
    with early.running():
        yield early


@contextmanager
def _narrowed(model: AllocationModel, box: tuple[IntArray, IntArray] | None) -> Iterator[None]:
    """The variables' domains narrowed to ``box`` (where it is narrower) while in the block."""
    if box is None:
        yield
        return
    changed = model.tighter(*box)
    model.set_domains(changed, *box)
    try:
        yield
    finally:
        model.set_domains(changed, model.lo, model.hi)


def neighbourhood(
    model: AllocationModel,
    w: IntArray,
    start: IntArray,
    free: BoolArray,
    *,
    time_limit_s: float,
    upper_bound: int,
    stop_at: StopAt | None = None,
) -> IntArray | None:
    """The best allocation found within the time limit among those equal to ``start`` (a
    feasible allocation) on every arc not marked ``free``: those arcs are hinted and the
    solver fixes them to their hint (``fix_variables_to_their_hinted_value``), so the
    search runs over the free arcs only. The model keeps ``Σ_a w_a x_a ≤ upper_bound`` (a
    proven bound) and the objective; ``None`` when nothing is found in time. ``stop_at`` as
    for :func:`maximise`."""
    objective = model.objective(w)
    model.model.add(objective <= upper_bound)
    model.model.maximize(objective)
    arcs, index = model.variables_by_arc()
    kept = ~free[arcs]
    model.set_hints(index[kept].tolist(), start[arcs[kept]].tolist())
    solver = make_solver(time_limit_s)
    solver.parameters.fix_variables_to_their_hinted_value = True
    with _early(stop_at, solver.stop_search) as early:
        code = solver.solve(model.model, None if early is None else early.callback())
    model.model.clear_hints()
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return model.solution(solver)


def core(model: AllocationModel, time_limit_s: float, workers: int) -> list[str] | None:
    """With ``diagnose``: the names of a set of budget constraints that cannot hold together
    with the rest, or ``None`` when the model is feasible (or the time ran out)."""
    model.model.clear_objective()
    solver = make_solver(time_limit_s, workers)
    code = solver.solve(model.model)
    if code != cp_model.INFEASIBLE:
        return None
    found = solver.sufficient_assumptions_for_infeasibility()
    return sorted(model.assumption_names[i] for i in found if i in model.assumption_names)


def make_solver(time_limit_s: float, workers: int = 1) -> cp_model.CpSolver:
    """A CP-SAT solver with the deterministic settings of the module docstring: ``workers``
    interleaved workers (one by default), a fixed seed, no presolve, and both a
    deterministic-time and a wall-clock limit."""
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.max_time_in_seconds = max(0.01, time_limit_s)
    params.max_deterministic_time = max(0.01, time_limit_s)
    params.num_workers = max(1, workers)
    params.interleave_search = workers > 1
    params.cp_model_presolve = False
    params.random_seed = 0
    return solver
