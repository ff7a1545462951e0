"""The objective: the policy's terms, as levels solved one after another, and their values.

For a placement ``P`` (student → unit; ``S`` its placed students, ``rank(s)`` the admissible rank
of ``s``'s unit, ``R`` the largest admissible rank of the problem) the terms are::

    priority       Σ_{s∈S} score(s)                score = policy.priority_score(groups) (A3)
    coverage       |S|
    preference     rank_maximal: the vector (n_1, n_2, …, n_R), n_r = |{s ∈ S : rank(s) = r}|,
                   maximised lexicographically (one level "preference:r" per rank);
                   sum: Σ_{s∈S} (R + 1 − rank(s))
    gpa            Σ_{s∈S} gpa(s)                  (solved in hundredths of a point)
    keep_previous  |{s : P(s) = previous(s)}|

and the penalties of the soft rules::

    penalty = pin_penalty · |{soft pins not kept}| + min_fill_penalty · Σ_k max(0, L_k − fill_k)

with ``L_k = ⌈min_fill · seats_k⌉`` per unit and gender.

``objective_mode = "lexicographic"``: the terms of ``policy.objective`` in order, each maximised
with the ones before it held at their optimum. The penalty is charged in the first level, in that
level's units: level 1 maximises ``term_1 − penalty``. ``objective_mode = "weighted"``: one level,
``Σ_t w_t · term_t − penalty`` with ``w_t = policy.objective_weights[t]`` (the preference term in
its ``sum`` form; the GPA term in points).

``keep_previous`` with a previous allocation and ``keep_previous_mode = "soft"``: when the policy's
objective does not list it, it comes first (a re-run changes as little as possible, then
optimises the rest); in weighted mode its weight is ``objective_weights["keep_previous"]``, or the
largest weight of the other terms when not given. Without a previous allocation the term is
always 0 and is left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from hamyar.models import EligibilityResult, Policy, Problem
from hamyar.models.policy import ObjectiveTerm
from hamyar.optimizer.network import IntArray, Network, gpa_centi
from hamyar.optimizer.seats import declared_seats, filled_seats, min_fill_seats

WEIGHTED_SCALE = 100
"""Weighted levels are solved ×100 so that the GPA term (in hundredths) stays an integer."""
GPA_SCALE = 100
"""The GPA term is solved in hundredths of a point."""


@dataclass(frozen=True)
class Level:
    """One level of the lexicographic objective, as weights per network arc.

    The solved value is ``Σ_a arc_a · x_a + fill_bonus · Σ_k min(fill_k, L_k − fixed_k)``; the
    reported value (:meth:`Scorer.value`) is in the policy's units (``/ divisor``), with the
    fixed students and the penalties included.
    """

    name: str
    terms: tuple[ObjectiveTerm, ...]
    arc: IntArray
    fill_bonus: int = 0
    divisor: int = 1
    penalised: bool = False


def effective_terms(
    policy: Policy, previous: Mapping[str, str] | None
) -> tuple[ObjectiveTerm, ...]:
    """The terms solved, in order (module docstring)."""
    terms = list(policy.objective)
    if previous:
        if policy.keep_previous_mode == "soft" and "keep_previous" not in terms:
            terms.insert(0, "keep_previous")
    else:
        terms = [t for t in terms if t != "keep_previous"]
    return tuple(terms)


def uses_gpa(policy: Policy, terms: tuple[ObjectiveTerm, ...]) -> bool:
    """Whether a level reads GPA (then classes must not mix GPAs)."""
    if "gpa" not in terms:
        return False
    return policy.objective_mode == "lexicographic" or policy.objective_weights.get("gpa", 0) != 0


def term_arc_weights(term: ObjectiveTerm, network: Network, *, rank_sum: bool = True) -> IntArray:
    """A term's weight on each network arc (per student placed on it)."""
    cls = network.arc_class
    if term == "priority":
        return network.cls_score[cls].astype(np.int64)
    if term == "coverage":
        return np.ones(network.num_arcs, dtype=np.int64)
    if term == "gpa":
        return network.cls_gpa[cls].astype(np.int64)
    if term == "keep_previous":
        return network.arc_prev.astype(np.int64)
    if term == "preference" and rank_sum:
        return (network.max_rank + 1 - network.arc_rank).astype(np.int64)
    raise ValueError(f"unknown objective term {term!r}")


def weighted_weights(policy: Policy, terms: tuple[ObjectiveTerm, ...]) -> dict[ObjectiveTerm, int]:
    """``w_t`` of the weighted mode (module docstring for keep_previous)."""
    given = policy.objective_weights
    weights: dict[ObjectiveTerm, int] = {}
    for term in terms:
        if term in given:
            weights[term] = given[term]
        elif term == "keep_previous":
            weights[term] = max((given.get(t, 0) for t in terms if t != term), default=1)
        else:
            weights[term] = 0
    return weights


def build_levels(policy: Policy, network: Network, terms: tuple[ObjectiveTerm, ...]) -> list[Level]:
    """The levels to solve (module docstring), penalties in the first."""
    pin_bonus = network.arc_pin.astype(np.int64) * policy.pin_penalty
    fill_bonus = policy.min_fill_penalty if policy.min_fill > 0 else 0
    if policy.objective_mode == "weighted":
        weights = weighted_weights(policy, terms)
        arc = np.zeros(network.num_arcs, dtype=np.int64)
        for term, w in weights.items():
            scale = 1 if term == "gpa" else WEIGHTED_SCALE
            arc += w * scale * term_arc_weights(term, network)
        arc += WEIGHTED_SCALE * pin_bonus
        return [
            Level(
                name="weighted",
                terms=terms,
                arc=arc,
                fill_bonus=WEIGHTED_SCALE * fill_bonus,
                divisor=WEIGHTED_SCALE,
                penalised=True,
            )
        ]
    levels: list[Level] = []
    for term in terms:
        if term == "preference" and policy.preference_mode == "rank_maximal":
            for r in range(1, network.max_rank + 1):
                arc = (network.arc_rank == r).astype(np.int64)
                levels.append(Level(name=f"preference:{r}", terms=(term,), arc=arc))
        else:
            levels.append(
                Level(
                    name=term,
                    terms=(term,),
                    arc=term_arc_weights(term, network),
                    divisor=GPA_SCALE if term == "gpa" else 1,
                )
            )
    if levels:
        first = levels[0]
        levels[0] = Level(
            name=first.name,
            terms=first.terms,
            arc=first.arc + first.divisor * pin_bonus,
            fill_bonus=first.divisor * fill_bonus,
            divisor=first.divisor,
            penalised=True,
        )
    return levels


class Scorer:
    """Reported values of levels on a complete placement, straight from the definitions."""

    def __init__(
        self,
        problem: Problem,
        eligibility: EligibilityResult,
        network: Network,
        previous: Mapping[str, str] | None,
        scores: Mapping[str, int] | None = None,
    ) -> None:
        self.problem = problem
        self.scores = dict(scores) if scores is not None else None
        self._cached: tuple[Mapping[str, str], dict[str, int]] | None = None
        self.eligibility = eligibility
        self.network = network
        self.previous = dict(previous or {})
        policy = problem.policy
        self.soft_pins = dict(problem.pins) if policy.pins == "soft" else {}
        self.min_fill = {
            (u.code, g): min_fill_seats(seats, policy.min_fill)
            for u, g, seats in declared_seats(problem)
            if seats > 0
        }

    def penalty(self, placement: Mapping[str, str]) -> int:
        """``pin_penalty · soft pins not kept + min_fill_penalty · Σ_k max(0, L_k − fill_k)``."""
        policy = self.problem.policy
        broken = sum(1 for sid, code in self.soft_pins.items() if placement.get(sid) != code)
        shortfall = 0
        if policy.min_fill > 0:
            fill = filled_seats(self.problem, placement)
            shortfall = sum(max(0, need - fill.get(k, 0)) for k, need in self.min_fill.items())
        return policy.pin_penalty * broken + policy.min_fill_penalty * shortfall

    def totals(self, placement: Mapping[str, str]) -> dict[str, int]:
        """Every term of a placement in one pass, in solved integer units (GPA in hundredths):
        ``priority``, ``coverage``, ``gpa``, ``keep_previous``, ``preference`` (the rank-score
        sum) and ``rank:r`` (students at rank ``r``). Cached for the last placement."""
        if self._cached is not None and self._cached[0] is placement:
            return self._cached[1]
        policy = self.problem.policy
        by_id = self.problem.applicant_by_id
        verdicts = self.eligibility.by_id
        top = self.network.max_rank + 1
        totals = {"priority": 0, "coverage": 0, "gpa": 0, "keep_previous": 0, "preference": 0}
        for sid, code in placement.items():
            app = by_id[sid]
            score = self.scores.get(sid) if self.scores is not None else None
            totals["priority"] += (
                score if score is not None else policy.priority_score(app.priority_groups)
            )
            totals["coverage"] += 1
            totals["gpa"] += gpa_centi(app.gpa)
            totals["keep_previous"] += self.previous.get(sid) == code
            verdict = verdicts.get(sid)
            r = verdict.admissible_units.get(code) if verdict and verdict.eligible else None
            if r is not None:
                totals["preference"] += top - r
                totals[f"rank:{r}"] = totals.get(f"rank:{r}", 0) + 1
        self._cached = (placement, totals)
        return totals

    def term(
        self, term: ObjectiveTerm, placement: Mapping[str, str], rank: int | None = None
    ) -> int:
        """A term's value in its solved integer unit (GPA in hundredths); ``rank`` selects one
        rank of the rank-maximal preference vector."""
        if term not in ("priority", "coverage", "gpa", "keep_previous", "preference"):
            raise ValueError(f"unknown objective term {term!r}")
        totals = self.totals(placement)
        if term == "preference" and rank is not None:
            return totals.get(f"rank:{rank}", 0)
        return totals[term]

    def solved_value(self, level: Level, placement: Mapping[str, str]) -> int:
        """The level's value in its solved integer unit (``divisor`` × the reported unit),
        penalties in."""
        policy = self.problem.policy
        if level.name == "weighted":
            weights = weighted_weights(policy, level.terms)
            value = 0
            for term, w in weights.items():
                scale = 1 if term == "gpa" else WEIGHTED_SCALE
                value += w * scale * self.term(term, placement)
        else:
            rank = int(level.name.split(":")[1]) if level.name.startswith("preference:") else None
            value = self.term(level.terms[0], placement, rank)
        if level.penalised:
            value -= level.divisor * self.penalty(placement)
        return value

    def value(self, level: Level, placement: Mapping[str, str]) -> float:
        """The reported value: :meth:`solved_value` ``/ divisor`` (GPA in points)."""
        return self.solved_value(level, placement) / level.divisor
