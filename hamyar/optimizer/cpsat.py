"""The CP-SAT model: what the flow cannot carry (budgets, stability with side constraints) and
the proof.

Variables are the flow graph's arcs (:mod:`hamyar.optimizer.flow`): ``x_a`` an integer in
``[lo_a, hi_a]`` — the students of a class placed in a slot, left unplaced, or filling a slot's
minimum-fill seats — so the model is the flow polytope (restricted to the optimal face of the
levels already solved) plus side constraints, and a flow solution is a complete hint. One method
per constraint; each docstring gives its formula. Levels are solved one after another: maximise
``Σ_a w_a x_a``, then add ``Σ_a w_a x_a ≥ value`` and go on to the next level from that solution.
This module builds the model; :mod:`hamyar.optimizer.cpsearch` searches it.

Determinism and speed (the settings are :class:`~hamyar.optimizer.params.SolverParams`): CP-SAT
runs one worker (``level_workers``) with a fixed seed and no presolve, and stops at
``max_deterministic_time`` as well as at the wall-clock limit. A single search is
deterministic, so a run that ends by proof or by the deterministic limit returns the same
solution every time; only a run cut by the wall clock on a loaded machine may differ. Measured
on this project's 2-core machine, on the allocation models (flow face plus budget, or stability
constraints), one worker without presolve proved levels faster than interleaved workers
(deterministic too) or the default parallel portfolio (not deterministic), and presolve spent
most of a level's time without helping the proof. ``workers`` is used one level up instead:
independent components of a stable model are solved side by side
(:mod:`hamyar.optimizer.stable.search`). A budgeted level races up to ``workers`` such
single-worker searches with different LP settings (``budget_portfolio``) and keeps the first
that ends by proof (the first setting's when both do): deterministic as well, but for two proofs
ending within moments of each other.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from ortools.sat.python import cp_model

from hamyar.optimizer.budgets import Budgets
from hamyar.optimizer.flow import Graph
from hamyar.optimizer.network import IntArray, Network
from hamyar.optimizer.params import DEFAULT_PARAMS, SolverParams

__all__ = ["AllocationModel", "Budgets", "Expr"]

Expr = cp_model.LinearExpr | int
"""A linear expression or a constant."""


class AllocationModel:
    """CP-SAT model over the flow graph (module docstring)."""

    def __init__(
        self,
        network: Network,
        graph: Graph,
        lo: IntArray,
        hi: IntArray,
        *,
        budgets: Budgets | None = None,
        diagnose: bool = False,
        params: SolverParams = DEFAULT_PARAMS,
    ) -> None:
        self.network = network
        self.params = params
        self.graph = graph
        self.lo = lo
        self.hi = hi
        self.budgets = budgets
        self.model = cp_model.CpModel()
        self.assumption_names: dict[int, str] = {}
        self._diagnose = diagnose
        self._var: dict[int, cp_model.IntVar] = {}
        self._by_arc: tuple[IntArray, IntArray] | None = None
        self.cutoffs: list[tuple[int, list[tuple[int, cp_model.IntVar | None]]]] = []
        """Stability cut-offs per slot, ``(cap_k, [(arc, y_a or None)])``
        (:func:`hamyar.optimizer.stable.constraints.add_stability`)."""
        n_arc, n_cls, n_slot = graph.num_network_arcs, graph.num_classes, graph.num_slots
        self._unplaced = n_arc
        self._bonus = n_arc + n_cls
        self._rest = n_arc + n_cls + n_slot
        self._out = _group(graph.tail[:n_arc], n_cls)
        self._in = _group(graph.head[:n_arc] - n_cls, n_slot)
        self._variables()
        self._one_unit_per_student()
        self._seats_per_unit_and_gender()
        if budgets is not None:
            self._budget(budgets)
            self._unit_budgets(budgets)

    # ------------------------------------------------------------------ variables
    def _variables(self) -> None:
        """``x_a ∈ [lo_a, hi_a]`` for every free class → slot arc and every free minimum-fill
        arc ``b_k``; a fixed arc (``lo_a = hi_a``) is a constant. The unplaced arcs and the other
        seat arcs are not variables: they are what conservation leaves
        (``x_{c→T} = n_c − Σ_k x_{c→k}``, ``x_{k→T}^{rest} = fill_k − b_k``)."""
        lo, hi = self.lo, self.hi
        for a in np.flatnonzero(hi[: self._unplaced] > lo[: self._unplaced]).tolist():
            self._var[a] = self.model.new_int_var(int(lo[a]), int(hi[a]), "")
        for k in range(self.graph.num_slots):
            a = self._bonus + k
            if hi[a] > lo[a]:
                self._var[a] = self.model.new_int_var(int(lo[a]), int(hi[a]), "")

    def variable(self, a: int) -> cp_model.IntVar | None:
        """The CP-SAT variable of arc ``a``, ``None`` when the arc is fixed or left over."""
        return self._var.get(a)

    def arc(self, a: int) -> Expr:
        """Any graph arc as a linear expression (module docstring)."""
        var = self._var.get(a)
        if var is not None:
            return var
        if a < self._unplaced or self._bonus <= a < self._rest:
            return int(self.lo[a])
        if a < self._bonus:
            c = a - self._unplaced
            return int(self.graph.supply[c]) - self.placed(c)
        k = a - self._rest
        return self.fill(k) - self.arc(self._bonus + k)

    def expr(self, arcs: Sequence[int], coeffs: Sequence[int]) -> Expr:
        """``Σ coeff_a · x_a`` with fixed arcs folded into the constant."""
        variables, weights, constant = [], [], 0
        for a, c in zip(arcs, coeffs, strict=True):
            if c == 0:
                continue
            var = self._var.get(a)
            if var is not None:
                variables.append(var)
                weights.append(c)
            elif a < self._unplaced or self._bonus <= a < self._rest:
                constant += c * int(self.lo[a])
            else:
                return cp_model.LinearExpr.weighted_sum([self.arc(b) for b in arcs], list(coeffs))
        return cp_model.LinearExpr.weighted_sum(variables, weights) + constant

    def placed(self, c: int) -> Expr:
        """Students of class ``c`` placed: ``Σ_k x_{c→k}``."""
        arcs = self._out[c]
        return self.expr(arcs, [1] * len(arcs))

    def fill(self, k: int) -> Expr:
        """Students placed in slot ``k``: ``Σ_c x_{c→k}``."""
        arcs = self._in[k]
        return self.expr(arcs, [1] * len(arcs))

    # ------------------------------------------------------------------ constraints
    def _one_unit_per_student(self) -> None:
        """Rule A2, per class ``c`` of ``n_c`` students (``u_c`` its unplaced arc)::

            n_c − hi(u_c) ≤ Σ_k x_{c→k} ≤ n_c − lo(u_c)

        — each student in at most one unit (``lo(u_c) = 0``, ``hi(u_c) = n_c`` before any level
        fixes it)."""
        lo, hi, supply = self.lo, self.hi, self.graph.supply
        for c in range(self.graph.num_classes):
            u = self._unplaced + c
            n = int(supply[c])
            arcs = self._out[c]
            if not arcs:
                continue
            if not any(a in self._var for a in arcs):  # fixed arcs only: check, do not add
                self._holds(n - int(hi[u]) <= sum(int(lo[a]) for a in arcs) <= n - int(lo[u]))
                continue
            self.model.add_linear_constraint(self.placed(c), n - int(hi[u]), n - int(lo[u]))

    def _seats_per_unit_and_gender(self) -> None:
        """The seats (:class:`hamyar.optimizer.seats.Slot`), per slot ``k``, with ``b_k`` its
        minimum-fill arc and ``r_k`` the rest::

            lo(r_k) ≤ Σ_c x_{c→k} − b_k ≤ hi(r_k),     lo(b_k) ≤ b_k ≤ hi(b_k)

        — never more students of a gender than the unit asked for (``hi(b_k) + hi(r_k) =
        cap_k``); the first ``min(L_k, cap_k)`` seats are the minimum-fill arc that the soft
        minimum fill rewards."""
        lo, hi = self.lo, self.hi
        for k in range(self.graph.num_slots):
            r = self._rest + k
            b = self._bonus + k
            arcs = self._in[k]
            if b not in self._var and not any(a in self._var for a in arcs):
                rest_value = sum(int(lo[a]) for a in arcs) - int(lo[b])
                self._holds(int(lo[r]) <= rest_value <= int(hi[r]))
                continue
            rest = self.fill(k) - self.arc(b)
            self.model.add_linear_constraint(rest, int(lo[r]), int(hi[r]))

    def _holds(self, fixed_constraint: bool) -> None:
        """A constraint over fixed arcs only, already evaluated: nothing to add when it holds,
        an empty clause (an infeasible model) when it does not."""
        if not fixed_constraint:
            self.model.add_bool_or([])

    def _enforce(self, constraint: cp_model.Constraint, name: str) -> None:
        if self._diagnose:
            literal = self.model.new_bool_var(name)
            constraint.only_enforce_if(literal)
            self.model.add_assumption(literal)
            self.assumption_names[literal.index] = name

    def _budget(self, budgets: Budgets) -> None:
        """The institution's budget: ``Σ_a cost_a · x_a ≤ B − cost(fixed students)``."""
        if budgets.total is None:
            return
        arcs = np.flatnonzero(budgets.arc_cost).tolist()
        coeffs = budgets.arc_cost[arcs].tolist()
        constraint = self.model.add(self.expr(arcs, coeffs) <= budgets.total)
        self._enforce(constraint, "budget")

    def _unit_budgets(self, budgets: Budgets) -> None:
        """Each capped unit ``u``: ``Σ_{a into u} cost_a · x_a ≤ B_u − cost(fixed in u)``."""
        for code, arcs in budgets.unit_arcs(self.network).items():
            coeffs = budgets.arc_cost[arcs].tolist()
            constraint = self.model.add(self.expr(arcs.tolist(), coeffs) <= budgets.per_unit[code])
            self._enforce(constraint, f"unit_budget:{code}")

    # ------------------------------------------------------------------ levels
    @property
    def has_cutoffs(self) -> bool:
        """Whether the model has stability cut-offs."""
        return bool(self.cutoffs)

    def objective(self, w: IntArray) -> Expr:
        arcs = np.flatnonzero(w).tolist()
        return self.expr(arcs, w[arcs].tolist())

    def hold(self, w: IntArray, value: int) -> None:
        """Keep a solved level: ``Σ_a w_a x_a ≥ value``."""
        self.model.add(self.objective(w) >= value)

    def narrow(self, lo: IntArray, hi: IntArray) -> None:
        """Keep every arc within ``[lo_a, hi_a]`` from now on (reduced-cost fixings): the
        variables' domains are narrowed where these bounds are tighter."""
        changed = self.tighter(lo, hi)
        self.lo, self.hi = np.maximum(self.lo, lo), np.minimum(self.hi, hi)
        self.set_domains(changed, self.lo, self.hi)

    def tighter(self, lo: IntArray, hi: IntArray) -> IntArray:
        """Positions in :meth:`variables_by_arc` of the variables that ``lo``, ``hi`` narrow."""
        arcs, _ = self.variables_by_arc()
        return np.flatnonzero((lo[arcs] > self.lo[arcs]) | (hi[arcs] < self.hi[arcs]))

    def set_domains(self, positions: IntArray, lo: IntArray, hi: IntArray) -> None:
        """The domains of the variables at ``positions`` (:meth:`variables_by_arc`) set to
        their arcs' ``[lo_a, hi_a]``."""
        arcs, index = self.variables_by_arc()
        variables = self.model.proto.variables
        for a, i in zip(arcs[positions].tolist(), index[positions].tolist(), strict=True):
            domain = variables[i].domain
            domain[0], domain[1] = int(lo[a]), int(hi[a])

    def hint(self, x: IntArray) -> None:
        """A complete hint: every free arc's value in ``x``, and the stability cut-offs
        (``y_a = 1`` while the kept pins and the students before ``s`` hold fewer than
        ``cap_k`` seats of ``k``)."""
        arcs, index = self.variables_by_arc()
        variables, values = index.tolist(), x[arcs].tolist()
        pins = self.network.arc_pin
        for cap, chain in self.cutoffs:
            held = sum(int(x[a]) for a, _ in chain if pins[a])
            for a, cutoff in chain:
                if cutoff is not None:
                    variables.append(cutoff.index)
                    values.append(int(held < cap))
                if not pins[a]:
                    held += int(x[a])
        self.set_hints(variables, values)

    def variables_by_arc(self) -> tuple[IntArray, IntArray]:
        """The arcs that are variables and their CP-SAT variable indices, in one array each."""
        if self._by_arc is None:
            arcs = np.fromiter(self._var.keys(), dtype=np.int64, count=len(self._var))
            index = np.fromiter(
                (v.index for v in self._var.values()), dtype=np.int64, count=len(self._var)
            )
            self._by_arc = (arcs, index)
        return self._by_arc

    def set_hints(self, variables: list[int], values: list[int]) -> None:
        """Replace the hints by ``variables[i] = values[i]``, written into the model in one go
        (``add_hint`` costs a Python call per variable: a second for 170,000 of them)."""
        self.model.clear_hints()
        hint = self.model.proto.solution_hint
        hint.vars.extend(variables)
        hint.values.extend(values)

    def solution(self, solver: cp_model.CpSolver) -> IntArray:
        """The whole graph's flow of a CP-SAT solution."""
        x = self.lo.copy()
        for a, var in self._var.items():
            x[a] = solver.value(var)
        return self._completed(x)

    def _completed(self, x: IntArray) -> IntArray:
        """The unplaced and other-seat arcs that conservation leaves, filled in ``x``."""
        g = self.graph
        n_arc, n_cls, n_slot = g.num_network_arcs, g.num_classes, g.num_slots
        arcs = x[:n_arc]
        placed = np.bincount(g.tail[:n_arc], weights=arcs, minlength=n_cls).astype(np.int64)
        x[self._unplaced : self._unplaced + n_cls] = g.supply[:n_cls] - placed
        fill = np.bincount(g.head[:n_arc] - n_cls, weights=arcs, minlength=n_slot)
        x[self._rest : self._rest + n_slot] = fill.astype(np.int64) - x[self._bonus : self._rest]
        return x


def _group(keys: IntArray, n: int) -> list[list[int]]:
    """Arc indices grouped by key ``0..n−1`` (in arc order)."""
    groups: list[list[int]] = [[] for _ in range(n)]
    for a, key in enumerate(keys.tolist()):
        groups[key].append(a)
    return groups
