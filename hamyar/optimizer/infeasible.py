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

from hamyar.errors import InfeasibleError
from hamyar.models import EligibilityResult, Problem
from hamyar.optimizer.network import CostTable, Placements
from hamyar.optimizer.seats import beyond_seats, no_seats, row_of, who_must_stay


def pin_conflict(
    problem: Problem, eligibility: EligibilityResult, sid: str, code: str
) -> str | None:
    """Why placing ``sid`` in unit ``code`` breaks a rule, or ``None`` when it does not."""
    item = eligibility.by_id.get(sid)
    app = problem.applicant_by_id[sid]
    if item is None:
        return f"{sid} has no eligibility verdict"
    if not item.eligible:
        rules = ", ".join(dict.fromkeys(r.rule for r in item.blocking)) or "eligibility"
        return f"{sid} is not eligible ({rules})"
    if code not in item.admissible_units:
        closure = next((c for c in item.closed_units if c.unit_code == code), None)
        if closure is not None:
            why = "; ".join(r.message_en for r in closure.reasons)
            return f"unit {code} is closed to {sid} by rule E9 ({why})"
        return f"unit {code} is not admissible for {sid} (A4)"
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
    errors: list[str] = []
    fixed: dict[str, str] = {}
    soft: dict[str, str] = {}
    broken: dict[str, str] = {}
    for sid, code in sorted(problem.pins.items()):
        why = pin_conflict(problem, eligibility, sid, code)
        if policy.pins == "hard":
            if why is None:
                fixed[sid] = code
            else:
                where = row_of(problem, sid)
                at = f"{where}:current_unit: " if where else ""
                errors.append(f"{at}A5: the hard pin of {sid} to unit {code} breaks a rule: {why}")
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
        raise InfeasibleError("\n".join(errors))
    return Placements(fixed=fixed, soft_pins=soft, broken_pins=broken, previous=usable)


def _budget_conflicts(problem: Problem, fixed: Mapping[str, str], costs: CostTable) -> list[str]:
    """Fixed students whose planned cost alone is above the term budget or a unit's budget."""
    policy = problem.policy
    by_id = problem.applicant_by_id
    cost = {sid: costs(by_id[sid], problem.unit_by_code[code]) for sid, code in fixed.items()}
    errors = []
    total = sum(cost.values())
    if policy.budget_term_rial is not None and total > policy.budget_term_rial:
        errors.append(
            f"budget: the students who must stay cost {total:,} rial for the term, above the "
            f"term budget of {policy.budget_term_rial:,} rial: "
            f"{who_must_stay(problem.pins, fixed, problem)}"
        )
    for code, budget in sorted(policy.unit_budget_term_rial.items()):
        sids = [sid for sid, unit in fixed.items() if unit == code]
        spent = sum(cost[sid] for sid in sids)
        if spent > budget:
            errors.append(
                f"budget: the students who must stay in unit {code} cost {spent:,} rial for the "
                f"term, above its budget of {budget:,} rial: "
                f"{who_must_stay(problem.pins, sids, problem)}"
            )
    return errors


def budget_conflict(problem: Problem, names: Iterable[str], fixed: Mapping[str, str]) -> str:
    """Words for budget constraints that cannot hold together with stability."""
    policy = problem.policy
    parts = []
    for name in names:
        if name == "budget":
            parts.append(f"the term budget of {policy.budget_term_rial:,} rial")
        elif name.startswith("unit_budget:"):
            code = name.split(":", 1)[1]
            parts.append(f"the budget of unit {code} ({policy.unit_budget_term_rial[code]:,} rial)")
    what = " and ".join(parts) or "the budgets"
    text = (
        f"stable = true and {what} cannot hold together: a stable allocation leaves no student "
        "out of a free seat he or she asked for, and every such allocation costs more"
    )
    if fixed:
        text += f" (students who must stay: {who_must_stay(problem.pins, fixed, problem)})"
    return text
