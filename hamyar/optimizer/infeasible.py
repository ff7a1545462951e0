"""Hard placements checked before solving, and infeasible models explained in words.

Without stability, the allocation that places only the hard-fixed students (hard pins, hard
previous placements) satisfies every other hard rule, so the model is infeasible exactly when
these placements themselves break one: a hard pin (rule A5) whose pair is not admissible (the
student is ineligible, E1–E8; the unit is closed to him or her, E9; or the pair is otherwise not
in the eligibility result), more fixed students than a unit's seats of one gender
(:func:`hamyar.optimizer.seats.beyond_seats`), or a
fixed cost above the term budget or a unit's budget. :func:`hard_placements` checks all of them
and raises one :class:`InfeasibleError` listing every conflict, each naming the students and
the unit. With ``stable = true`` a budget can also conflict with stability; :func:`budget_conflict`
words the budgets named by CP-SAT's ``sufficient_assumptions_for_infeasibility``.

Rules for each kind of placement:

* hard pin that breaks a rule → infeasible (the message says why);
* soft pin that breaks a rule → cannot be kept; its penalty is paid (reported in the message);
* previous placement that is no longer admissible → not kept (its seat is refilled); with
  ``keep_previous_mode = "hard"`` the admissible ones are fixed like hard pins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from hamyar.eligibility.reasons import bodies
from hamyar.errors import InfeasibleError
from hamyar.messages import Bilingual, Msg, joined
from hamyar.models import EligibilityResult, Problem
from hamyar.optimizer.network import CostTable, Placements
from hamyar.optimizer.seats import (
    beyond_seats,
    conflicts,
    lines,
    named,
    no_seats,
    row_of,
    who_must_stay,
)


def pin_conflict(
    problem: Problem, eligibility: EligibilityResult, sid: str, code: str
) -> Msg | None:
    """Why placing ``sid`` in unit ``code`` breaks a rule, or ``None`` when it does not."""
    item = eligibility.by_id.get(sid)
    app = problem.applicant_by_id[sid]
    if item is None:
        return Msg("opt.pin.no_verdict", student=sid)
    if not item.eligible:
        rules = list(dict.fromkeys(r.rule for r in item.blocking))
        if not rules:
            return Msg("opt.pin.not_eligible", student=sid)
        ids = Bilingual(fa=joined(rules, "fa"), en=joined(rules, "en"))
        return Msg("opt.pin.not_eligible.by_rule", student=sid, rules=ids)
    unit = named(problem.unit_by_code[code])
    if code not in item.admissible_units:
        closure = next((c for c in item.closed_units if c.unit_code == code), None)
        if closure is not None:
            why = bodies(closure.reasons)
            return Msg("opt.pin.closed", unit=unit, student=sid, why=why)
        return Msg("opt.pin.not_admissible", unit=unit, student=sid)
    return no_seats(problem, code, app.gender)


def hard_placements(
    problem: Problem,
    eligibility: EligibilityResult,
    previous: Mapping[str, str] | None,
    costs: CostTable | None = None,
) -> Placements:
    """Pins and previous placements sorted into fixed, soft and broken (module docstring);
    raises :class:`InfeasibleError` naming every conflict of the fixed ones."""
    policy = problem.policy
    errors: list[Msg] = []
    fixed: dict[str, str] = {}
    soft: dict[str, str] = {}
    broken: dict[str, Msg] = {}
    for sid, code in sorted(problem.pins.items()):
        why = pin_conflict(problem, eligibility, sid, code)
        if policy.pins == "hard":
            if why is None:
                fixed[sid] = code
            else:
                unit = named(problem.unit_by_code[code])
                error = Msg("opt.pin.hard", student=sid, unit=unit, why=why)
                where = row_of(problem, sid, "current_unit")
                errors.append(error if where is None else Msg("opt.at", at=where, message=error))
        elif why is None:
            soft[sid] = code
        else:
            broken[sid] = why
    usable: dict[str, str] = {}
    for sid, code in sorted((previous or {}).items()):
        if sid not in problem.applicant_by_id or code not in problem.unit_by_code:
            continue
        if pin_conflict(problem, eligibility, sid, code) is not None:
            continue
        if sid in fixed or sid in soft or sid in broken:
            continue
        if policy.keep_previous_mode == "hard":
            fixed[sid] = code
        else:
            usable[sid] = code
    errors.extend(beyond_seats(problem, fixed, problem.pins))
    if costs is not None:
        errors.extend(_budget_conflicts(problem, fixed, costs))
    if errors:
        raise InfeasibleError(conflicts(errors))
    return Placements(fixed=fixed, soft_pins=soft, broken_pins=broken, previous=usable)


def _budget_conflicts(problem: Problem, fixed: Mapping[str, str], costs: CostTable) -> list[Msg]:
    """Fixed students whose planned cost alone is above the term budget or a unit's budget."""
    policy = problem.policy
    by_id = problem.applicant_by_id
    cost = {sid: costs(by_id[sid], problem.unit_by_code[code]) for sid, code in fixed.items()}
    errors = []
    total = sum(cost.values())
    if policy.budget_term_rial is not None and total > policy.budget_term_rial:
        who = who_must_stay(problem.pins, fixed, problem)
        errors.append(Msg("opt.budget.term", total=total, budget=policy.budget_term_rial, who=who))
    for code, budget in sorted(policy.unit_budget_term_rial.items()):
        sids = [sid for sid, unit in fixed.items() if unit == code]
        spent = sum(cost[sid] for sid in sids)
        if spent > budget:
            who = who_must_stay(problem.pins, sids, problem)
            unit = named(problem.unit_by_code[code])
            errors.append(Msg("opt.budget.unit", unit=unit, spent=spent, budget=budget, who=who))
    return errors


def budget_conflict(problem: Problem, names: Iterable[str], fixed: Mapping[str, str]) -> Msg:
    """Words for budget constraints that cannot hold together with stability."""
    policy = problem.policy
    parts: list[Msg] = []
    for name in names:
        if name == "budget":
            parts.append(Msg("opt.stable_budget.term", budget=policy.budget_term_rial))
        elif name.startswith("unit_budget:"):
            code = name.split(":", 1)[1]
            unit = named(problem.unit_by_code[code])
            budget = policy.unit_budget_term_rial[code]
            parts.append(Msg("opt.stable_budget.unit", unit=unit, budget=budget))
    what = lines(parts, (" and ", " و ")) if parts else Msg("opt.stable_budget.budgets")
    if not fixed:
        return Msg("opt.stable_budget", what=what)
    who = who_must_stay(problem.pins, fixed, problem)
    return Msg("opt.stable_budget.staying", what=what, who=who)
