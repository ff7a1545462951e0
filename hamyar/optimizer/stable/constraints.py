"""The stability constraints of the CP-SAT model: no justified envy, as seat cut-offs.

Added to an :class:`~hamyar.optimizer.cpsat.AllocationModel` right after it is built (as its
last constraints), on the arcs :func:`~hamyar.optimizer.stable.bounds.stable_bounds` leaves.
"""

from __future__ import annotations

import math

import numpy as np
from ortools.sat.python import cp_model

from hamyar.optimizer.cpsat import AllocationModel
from hamyar.optimizer.network import IntArray


def add_stability(model: AllocationModel, seat_left: IntArray | None) -> None:
    """No justified envy, as seat cut-offs (every class is one student).

    Each slot ``k`` (``cap_k`` seats left after the fixed students) lists the arcs
    ``a = (s → k)`` into it in precedence order. A Boolean ``y_a`` says "``k`` still has a
    seat for ``s``": fewer than ``cap_k`` of its seats are held by kept pins and students of
    higher precedence than ``s``. Then, with ``better_a = Σ_{a' ∈ out(s): rank(a') ≤
    rank(a) or a' is s's pin} x_{a'}``::

        x_a ≤ y_a                      (s holds a seat of k only if one was left for s;
                                        not for a pin arc: a kept pin holds its seat anyway)
        y_a ≤ better_a                 (a seat left for s ⇒ s is placed at least as well)
        y_{a_{i+1}} ≤ y_{a_i}          (along the slot's arcs: a seat left for a weaker
                                        student was left for a stronger one)
        ¬y_{a_last} ⇒ Σ_c x_{c→k} ≥ cap_k

    The last two make ``y_a = 0`` mean that ``k`` is full and, by ``x ≤ y`` down the
    chain, held only by kept pins and students before ``s``: exactly when ``s`` has no
    claim on ``k``. So an allocation meets these constraints (for some ``y``) if and only if
    no student is left out of, or placed below, a unit with a free seat of his or her gender
    or one held by a student of lower precedence — the score-limit model of college
    admissions with the unit's cut-off as ``y``'s switch point.

    ``seat_left`` (:func:`~hamyar.optimizer.stable.bounds.stable_bounds`) gives ``y_a`` where
    every stable allocation agrees on it; such a ``y_a`` is a constant, not a variable, so
    only the arcs whose cut-off the ties leave open carry one.
    """
    net = model.network
    position = net.position
    first_member = [m[0] for m in net.members]
    arc_pos = np.array([position[first_member[c]] for c in net.arc_class.tolist()])
    by_class: dict[int, list[int]] = {}
    for a, c in enumerate(net.arc_class.tolist()):
        by_class.setdefault(c, []).append(a)
    ranks = net.arc_rank.tolist()
    pins = net.arc_pin.tolist()
    known = [-1] * net.num_arcs if seat_left is None else seat_left.tolist()
    # held_at[c]: the best rank of c's arcs fixed at one or more (−∞ for a pin arc, which
    # counts at every rank): "better_a ≥ 1" already holds for c's arcs of that rank or worse.
    held_at = [math.inf] * net.num_classes
    for a in np.flatnonzero(model.lo[: net.num_arcs] > 0).tolist():
        c = int(net.arc_class[a])
        held_at[c] = min(held_at[c], -math.inf if pins[a] else ranks[a])
    by_slot = np.lexsort((arc_pos, net.arc_slot))
    bounds = np.searchsorted(net.arc_slot[by_slot], np.arange(len(net.slots) + 1))
    for k, slot in enumerate(net.slots):
        cap = slot.cap
        ordered = by_slot[bounds[k] : bounds[k + 1]].tolist()
        if cap <= 0 or not ordered:
            continue
        chain: list[tuple[int, cp_model.IntVar | None]] = []
        previous: cp_model.IntVar | bool = True
        for a in ordered:
            own = by_class[int(net.arc_class[a])]
            y: cp_model.IntVar | bool
            if known[a] >= 0:
                y = bool(known[a])
                if y and held_at[int(net.arc_class[a])] > ranks[a]:
                    chosen = [b for b in own if ranks[b] <= ranks[a] or pins[b]]
                    model.model.add(model.expr(chosen, [1] * len(chosen)) >= 1)
                elif not y and not pins[a] and model.variable(a) is not None:
                    model.model.add(model.arc(a) == 0)
            else:
                chosen = [b for b in own if ranks[b] <= ranks[a] or pins[b]]
                y = model.model.new_bool_var("")
                if not pins[a]:
                    model.model.add(model.arc(a) <= y)
                model.model.add(model.expr(chosen, [1] * len(chosen)) >= y)
            _chain(model.model, previous, y)
            previous = y
            chain.append((a, y if not isinstance(y, bool) else None))
        if previous is False:
            model.model.add(model.fill(k) >= cap)
        elif previous is not True:
            model.model.add(model.fill(k) >= cap).only_enforce_if(previous.Not())
        model.cutoffs.append((cap, chain))


def _chain(
    cp: cp_model.CpModel, before: cp_model.IntVar | bool, after: cp_model.IntVar | bool
) -> None:
    """``after ⇒ before`` for cut-off literals that may be constants."""
    if isinstance(after, bool) and isinstance(before, bool):
        if after and not before:
            raise AssertionError("seat cut-offs out of precedence order")
    elif isinstance(before, bool):
        if not before:
            cp.add(after == 0)
    elif isinstance(after, bool):
        if after:
            cp.add(before == 1)
    else:
        cp.add_implication(after, before)
