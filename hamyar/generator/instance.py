"""Whole instances: units, applicants and rejections together, and national batches of them.

Sizes follow the embedded default: the Qom table has 284 seats for about 1,000 applicants, so a
generated instance of ``n`` applicants gets about ``seats_for(n) = round(0.284 × n)`` seats, and
``default_unit_count(n) = max(25, round(n / 40))`` units when no count is given.

A national batch (:func:`generate_institutions`) splits ``n`` applicants over ``k`` institutions
with lognormal weights (a few large universities, many small ones), each at least one
applicant; each institution is a separate instance with its own units and its own seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from hamyar.generator.applicants import DEFAULT_TERM, PoolShape, generate_applicants
from hamyar.generator.units import generate_units
from hamyar.models import Applicant, Policy, Problem, Rejection, Term, Unit, UnitIndex

SEATS_PER_APPLICANT = 284 / 1000
"""The Qom 1402–1403 ratio: 284 seats for the default's 1,000 applicants."""

REJECTION_SHARE = 0.006
"""Share of applicants that one of the units they asked for turns down (rule E9)."""


@dataclass(frozen=True)
class Instance:
    """One generated instance, ready to be written as files or built into a problem."""

    name: str
    units: tuple[Unit, ...]
    applicants: tuple[Applicant, ...]
    rejections: tuple[Rejection, ...]
    term: Term

    def problem(self, policy: Policy | None = None) -> Problem:
        """The cross-checked :class:`Problem` of this instance."""
        return Problem.create(
            self.applicants, self.units, self.rejections, policy, self.term, self.name
        )


def seats_for(n_applicants: int) -> int:
    """``round(0.284 × n)``: the Qom ratio of seats to applicants."""
    return round(SEATS_PER_APPLICANT * n_applicants)


def default_unit_count(n_applicants: int) -> int:
    """``max(25, round(n / 40))`` units for ``n`` applicants."""
    return max(25, round(n_applicants / 40))


def generate_rejections(
    applicants: Sequence[Applicant],
    units: Sequence[Unit],
    seed: int,
    share: float = REJECTION_SHARE,
) -> tuple[Rejection, ...]:
    """Units turning down some applicants who asked for them (rule E9).

    Applicants are visited in a seeded random order; the first ``round(share × n)`` (at least
    one in a pool of 100 or more) whose first choice names one unit, and who are not continuing
    assistants, are rejected by that unit. When none of them asked for one unit only, the last
    is replaced by the next such applicant in the order, so that one rejection closes every seat
    its applicant asked for. Rejections are listed in the applicants' order.
    """
    index = UnitIndex(units)
    rng = random.Random(f"hamyar-rejections:{seed}")
    order = list(range(len(applicants)))
    rng.shuffle(order)
    k = round(share * len(applicants)) or (1 if len(applicants) >= 100 else 0)
    if k == 0:
        return ()

    def rejected_at(i: int) -> str | None:
        app = applicants[i]
        if not app.preferences or app.current_unit:
            return None
        return index.unit_code(app.preferences[0])

    picked: dict[int, str] = {}
    rest = iter(order)
    for i in rest:
        code = rejected_at(i)
        if code is not None:
            picked[i] = code
            if len(picked) == k:
                break
    if picked and not any(len(applicants[i].preferences) == 1 for i in picked):
        for i in rest:  # the applicants after the last one picked
            code = rejected_at(i) if len(applicants[i].preferences) == 1 else None
            if code is not None:
                del picked[next(reversed(picked))]
                picked[i] = code
                break
    return tuple(
        Rejection(unit_code=picked[i], student_id=applicants[i].student_id) for i in sorted(picked)
    )


def generate_parts(
    n_applicants: int,
    n_units: int | None,
    seed: int,
    term: Term = DEFAULT_TERM,
    name: str = "generated",
    policy: Policy | None = None,
    shape: PoolShape | None = None,
) -> Instance:
    """Units, applicants and rejections of one instance (not yet cross-checked).

    ``generate_parts(1000, 25, 1402)`` is the embedded default's pool.
    """
    if n_applicants < 1:
        raise ValueError(f"the number of applicants must be at least 1, got {n_applicants}")
    count = default_unit_count(n_applicants) if n_units is None else n_units
    units = generate_units(count, seed, total_seats=seats_for(n_applicants))
    applicants = generate_applicants(units, n_applicants, seed, term, policy, shape)
    rejections = generate_rejections(applicants, units, seed)
    return Instance(name, units, applicants, rejections, term)


def generate_instance(
    n_applicants: int,
    n_units: int | None,
    seed: int,
    term: Term = DEFAULT_TERM,
    policy: Policy | None = None,
    name: str = "generated",
) -> Problem:
    """A generated, cross-checked :class:`Problem`."""
    return generate_parts(n_applicants, n_units, seed, term, name, policy).problem(policy)


def split_sizes(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` split into ``parts`` sizes ≥ 1 with lognormal weights ``w_i ~ LogN(0, 0.6)``:
    ``1 + ⌊(total − parts) × w_i / Σw⌋``, the remainder going to the largest fractions."""
    if parts < 1 or total < parts:
        raise ValueError(f"cannot split {total} into {parts} parts of at least 1")
    weights = [rng.lognormvariate(0.0, 0.6) for _ in range(parts)]
    whole = sum(weights)
    free = total - parts
    shares = [free * w / whole for w in weights]
    sizes = [1 + int(s) for s in shares]
    rest = total - sum(sizes)
    by_fraction = sorted(range(parts), key=lambda i: (-(shares[i] - int(shares[i])), i))
    for i in by_fraction[:rest]:
        sizes[i] += 1
    return sizes


def generate_institutions(
    n_applicants: int,
    n_institutions: int,
    seed: int,
    n_units: int | None = None,
    term: Term = DEFAULT_TERM,
) -> Iterator[Instance]:
    """A national batch: ``n_institutions`` instances with ``n_applicants`` in all.

    ``n_units`` is the number of units in all, split in proportion to applicants (at least one
    per institution); without it each institution gets :func:`default_unit_count` of its size.
    Instances are made one at a time, so a large batch need not be held in memory.
    """
    rng = random.Random(f"hamyar-institutions:{seed}")
    sizes = split_sizes(n_applicants, n_institutions, rng)
    seeds = [rng.randrange(2**31) for _ in range(n_institutions)]
    if n_units is None:
        unit_counts = [default_unit_count(s) for s in sizes]
    else:
        if n_units < n_institutions:
            raise ValueError(f"{n_units} units cannot be split over {n_institutions} institutions")
        unit_counts = _proportional(n_units, sizes)
    width = max(3, len(str(n_institutions)))
    for i in range(n_institutions):
        name = f"inst-{i + 1:0{width}d}"
        yield generate_parts(sizes[i], unit_counts[i], seeds[i], term, name)


def _proportional(total: int, sizes: Sequence[int]) -> list[int]:
    """``total`` split in proportion to ``sizes``, each at least 1 (largest remainders)."""
    free = total - len(sizes)
    whole = sum(sizes)
    shares = [free * s / whole for s in sizes]
    counts = [1 + int(s) for s in shares]
    rest = total - sum(counts)
    order = sorted(range(len(sizes)), key=lambda i: (-(shares[i] - int(shares[i])), i))
    for i in order[:rest]:
        counts[i] += 1
    return counts
