"""How the solver spends its time: one frozen set of parameters, apart from the office's policy.

The policy (:class:`hamyar.models.Policy`) says what a good allocation is; :class:`SolverParams`
says how hard to look for it — the time limit, the threads, and the constants tuned on this
project's benchmarks (each field's docstring gives the measurement). :meth:`SolverParams.for_policy`
takes a policy's ``time_limit_s`` and ``workers`` (the keys an office's policy file has always
had, with the same effect as before); :meth:`SolverParams.from_toml` reads a parameters file
(``key = value`` lines, every key optional), every problem reported as ``file: key: what is
wrong``; a file's settings go over a policy's with :meth:`SolverParams.over` (``--solver-params
FILE``). ``--time-limit`` replaces ``time_limit_s`` over both (:meth:`with_time_limit`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from hamyar.errors import InputError
from hamyar.models import Policy
from hamyar.models.policy import TimeLimit, validation_issues
from hamyar.models.tomlfile import read_toml_file


class SolverParams(BaseModel):
    """The solver's settings and tuned constants (module docstring)."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    time_limit_s: TimeLimit = 60.0
    """Seconds for the whole solve (flows always run to their proven optimum)."""
    workers: int = Field(default=2, ge=1, le=64)
    """Threads: stable components solved side by side, budgeted searches raced."""
    level_workers: int = Field(default=1, ge=1, le=64)
    """CP-SAT workers of one search (:mod:`hamyar.optimizer.cpsat`, determinism and speed)."""
    stable_linearization: int = Field(default=2, ge=0, le=2)
    """CP-SAT's ``linearization_level`` for models with stability cut-offs: the implications of
    the cut-off chains in the LP as well. Measured on a generated 10,000-applicant instance in
    stable mode (eight levels, two pools), it proved every level in 4.7 s and 2.9 s per pool
    against 5.1–6.3 s and 5.3–5.7 s at the default level 1."""
    stable_presolve: bool = False
    """CP-SAT's presolve for models with stability cut-offs. Off: every level finds the same
    allocation as before. On, measured on the five fixed 10,000 × 120 seeds of
    ``benchmarks/seeds.py`` (stable mode, one worker, CPU of the solve, 2026-12-03, load 2–4):
    5.1 → 4.5, 4.2 → 4.4, 7.8 → 6.8, 9.2 → 6.2 and 9.3 → 4.9 s, every level still proven
    optimal with the same values, but where optimal allocations tie at every level the search
    can end on another of them, so the allocation of the same input changes."""
    budget_portfolio: tuple[tuple[int, bool], ...] = Field(
        default=((1, False), (2, True)), min_length=1
    )
    """``(linearization_level, use_symmetry_in_lp)`` of the searches raced on a budgeted level
    (:func:`~hamyar.optimizer.cpsearch.maximise`). Measured on generated
    10,000-applicant instances with the budget at 90 %, each level's search within its
    reduced-cost box: the default level 1 proved two preference levels in 1.2 and 1.6 s where
    level 2 with the LP symmetries (students of one kind are interchangeable) did not within
    6 s; that setting found the first-preference allocation one better than the rounded
    relaxation in 1.7–2.6 s, where level 1 found none within 8 s. Raced, each level takes the
    faster of the two on the machine's two cores."""
    first_share: float = Field(default=2 / 3, gt=0, le=1)
    """The share of the time left that the first level searched gets at least. Measured on the
    10,000-applicant benchmark instance with the budget at 90 %: at one half the first
    preference level reached one below its bound in 3 runs of 4, at two thirds in 4 of 4, the
    later levels keeping the same values."""
    merge_limit: int = Field(default=10**9, ge=1)
    """Largest product of level ranges merged into one objective
    (:func:`~hamyar.optimizer.level.merge_levels`): the merged coefficients stay far inside
    CP-SAT's 64-bit integers and its LP's doubles. Measured on a generated 10,000-applicant
    instance in stable mode, the four merged searches (priority with coverage, preference ranks
    1–3, ranks 4–5, GPA) took 2.5 s and 1.1 s in its two pools against 5.4 s and 3.6 s for
    eight; at 10¹² (GPA merged with ranks 4–5) one search ran past 50 s."""
    finish_s: float = Field(default=0.4, ge=0)
    finish_s_per_applicant: float = Field(default=6e-5, ge=0)
    """Seconds kept from the time limit (at most half of it), ``finish_s + finish_s_per_applicant
    × n``, for what follows the search — the justified-envy pairs, the explanations and the
    results: 0.64 s at 10,000 applicants, 3.7 s at 100,000, measured — and a margin for a
    search's overrun of its share (loading the model, reading the solution back). The search
    stops that much earlier, so the whole solve keeps to the time limit."""
    min_search_s: float = Field(default=0.05, ge=0)
    """A rounding search given less than this is not started: loading the model alone takes
    longer (about 0.25 s at 10,000 applicants) and would overrun the time limit."""
    level_gap: float = Field(default=0.0025, ge=0, lt=1)
    """The relative gap to its proven bound (``bound − value ≤ level_gap · bound``) at which a
    budgeted level after the first one searched stops: its rounding at once, its search after
    ``level_gap_share`` of its time, and the time left goes to the levels after it. The first
    level searched (priority or coverage, for the default objective) is searched to its
    proof. Measured on the generated 10,000 × 120 instance of seed 1402 with the budget at 90 %
    and the same 9.2 s of CPU (a 15 s limit at load 3.5): preference ranks 2–5 and GPA ended
    0.19, 1.8, 7.5, 0 and 54 % from their bounds, against 14.8, 15.1, 12.2, 90 and 78 % when
    each search ran to its proof or its time (the first preference level 2 short of its bound
    either way, well within the gap)."""
    level_gap_share: float = Field(default=0.05, ge=0, le=1)
    """The share of its time a budgeted level's search keeps once within ``level_gap``: a small
    instance's search proves its level well before (the exact optimum, in milliseconds), a
    large one's is cut short. Measured on the 10,000 × 120 instance of seed 1402 at 90 %: at a
    quarter, the first two preference levels, each within the gap from its rounding, still
    took 1.4 s of CPU each in a search that found nothing better."""
    pricing_steps: int = Field(default=40, ge=1)
    """Bisection steps of the budget's pricing at most (:mod:`hamyar.optimizer.lagrange`), each
    one min-cost flow."""

    @classmethod
    def for_policy(cls, policy: Policy) -> SolverParams:
        """The defaults with the policy's ``time_limit_s`` and ``workers``."""
        return cls(time_limit_s=policy.time_limit_s, workers=policy.workers)

    def with_time_limit(self, seconds: float | None) -> SolverParams:
        """A copy with ``time_limit_s`` replaced (``None`` keeps it): ``--time-limit``."""
        if seconds is None:
            return self
        return self.model_validate({**self.model_dump(), "time_limit_s": seconds})

    def over(self, base: SolverParams) -> SolverParams:
        """``base`` with the settings this one was given (the keys of its parameters file, or
        the arguments it was built with); the others keep ``base``'s values."""
        return base.model_copy(update={k: getattr(self, k) for k in self.model_fields_set})

    def finishing_s(self, applicants: int) -> float:
        """Seconds kept from the time limit for what follows the search (``finish_s``)."""
        return min(self.time_limit_s / 2, self.finish_s + self.finish_s_per_applicant * applicants)

    @classmethod
    def from_toml(cls, path: str | Path, base: SolverParams | None = None) -> SolverParams:
        """Read a parameters file over ``base`` (the defaults); every problem is reported as
        ``file: key: what is wrong``. Without ``base`` the keys of the file are the settings
        given (:meth:`over`)."""
        data = read_toml_file(path, "solver parameters")
        return cls.from_mapping(data, file=str(path), base=base)

    @classmethod
    def from_mapping(
        cls, data: dict[str, Any], file: str = "solver", base: SolverParams | None = None
    ) -> SolverParams:
        merged = data if base is None else {**base.model_dump(), **data}
        try:
            return cls.model_validate(merged)
        except ValidationError as exc:
            raise InputError(validation_issues(exc, file, cls)) from None


DEFAULT_PARAMS = SolverParams()
"""The tuned defaults."""
