"""Precedence: the strict order in which students have a claim to a seat.

``precedence_key(s) = (−priority_score(s), −gpa(s), lottery(s))``, smaller is stronger:
a higher priority score first, then a higher GPA, then a lower lottery number. The lottery number
is ``sha256(f"{seed}:{student_id}")`` read as an integer, so it is fixed by the policy's
``lottery_seed`` and the student ID alone, and no two students tie.

:func:`precedence_positions` numbers every applicant of a problem in that order, sorting once per
problem: a problem is frozen, so its positions are kept for the next caller.
"""

from __future__ import annotations

import hashlib
import weakref
from collections.abc import Mapping

import numpy as np

from hamyar.models import Applicant, Policy, Problem


def lottery_number(student_id: str, seed: int) -> int:
    """The student's seeded lottery number (a 64-bit integer)."""
    digest = hashlib.sha256(f"{seed}:{student_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def precedence_key(applicant: Applicant, policy: Policy) -> tuple[int, float, int, str]:
    """Sort key; ``sorted(applicants, key=…)`` lists the strongest claim first."""
    score = policy.priority_score(applicant.priority_groups)
    return (
        -score,
        -applicant.gpa,
        lottery_number(applicant.student_id, policy.lottery_seed),
        applicant.student_id,
    )


_positions: list[tuple[weakref.ref[Problem], dict[str, int]]] = []


def precedence_positions(
    problem: Problem, scores: Mapping[str, int] | None = None
) -> dict[str, int]:
    """``{student_id: position}`` over all applicants in precedence order, 0 the strongest claim.

    ``position(s) < position(t)`` ⇔ ``precedence_key(s) < precedence_key(t)``: s has the higher
    priority score (A3), or the same score and the higher GPA, or both equal and the lower
    lottery number. ``scores``, when given, is ``{student_id: policy.priority_score(groups)}``
    of every applicant, already computed by the caller; it spares computing it again. The
    positions of the last problem asked about are kept (weakly referenced) and returned as they
    are to the next call on the same problem; do not change them.

    The sort is one ``numpy.lexsort`` over (priority score, GPA, lottery number); only when two
    students share all three (a 64-bit lottery collision) is the full key, student ID last,
    sorted instead.
    """
    for ref, cached in _positions:
        if ref() is problem:
            return cached
    policy = problem.policy
    seed = policy.lottery_seed
    applicants = problem.applicants
    sids = [a.student_id for a in applicants]
    if scores is None:
        score = [policy.priority_score(a.priority_groups) for a in applicants]
    else:
        score = [scores[sid] for sid in sids]
    gpa = [a.gpa for a in applicants]
    lottery = [lottery_number(sid, seed) for sid in sids]
    keys = (
        np.array(lottery, dtype=np.uint64),
        -np.array(gpa, dtype=np.float64),
        -np.array(score, dtype=np.int64),
    )
    order = np.lexsort(keys)
    ranked: list[int] = order.tolist()
    if _ties(keys, order):
        ranked.sort(key=lambda i: (-score[i], -gpa[i], lottery[i], sids[i]))
    positions = dict(zip([sids[i] for i in ranked], range(len(sids)), strict=True))
    _positions[:] = [(weakref.ref(problem, _forget), positions)]
    return positions


def _ties(keys: tuple[np.ndarray, ...], order: np.ndarray) -> bool:
    """Whether two students, next to each other in ``order``, are equal on every key."""
    same = np.ones(max(len(order) - 1, 0), dtype=bool)
    for key in keys:
        ranked = key[order]
        same &= ranked[1:] == ranked[:-1]
    return bool(same.any())


def _forget(ref: weakref.ref[Problem]) -> None:
    """Drop the kept positions once their problem is gone."""
    _positions[:] = [(r, p) for r, p in _positions if r is not ref]
