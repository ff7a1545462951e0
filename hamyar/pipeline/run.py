"""The whole run, one way through the stages::

    inputs ─► eligibility ─► optimizer ─► planned cost ─► KPIs ─► outputs

:func:`run_problem` takes a checked :class:`~hamyar.models.Problem` and returns a
:class:`RunResult`; nothing reaches back into an earlier stage. Writing the files is
:mod:`hamyar.reports.outputs`' job; the CLI only calls these two.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from pydantic import BaseModel

from hamyar.eligibility import evaluate
from hamyar.errors import InputError, Issue
from hamyar.messages import Msg
from hamyar.models import Problem
from hamyar.models.kpis import compute_kpis
from hamyar.models.run import RunResult
from hamyar.optimizer import solve
from hamyar.optimizer.params import SolverParams
from hamyar.payments.planned import planned_cost

Progress = Callable[[str], None]
"""Called with the name of each stage as it starts."""

STAGES = ("eligibility", "allocation", "payments", "reports")


def file_sha256(path: str | Path) -> str:
    """``sha256`` of a file's bytes, as hex."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def problem_sha256(problem: Problem) -> str:
    """``sha256`` of the problem's records (applicants, units, rejections) as canonical JSON:
    the fingerprint of generated inputs that have no file."""
    digest = hashlib.sha256()
    groups: list[tuple[BaseModel, ...]] = [problem.applicants, problem.units, problem.rejections]
    if problem.exclusions:  # only then, so that the fingerprints of earlier runs stay
        groups.append(problem.exclusions)
    for group in groups:
        for record in group:
            digest.update(record.model_dump_json(exclude={"source"}).encode())
        digest.update(b"\x00")
    return digest.hexdigest()


def run_problem(
    problem: Problem,
    *,
    warnings: tuple[Issue, ...] = (),
    input_hashes: Mapping[str, str] | None = None,
    previous: Mapping[str, str] | None = None,
    time_limit_s: float | None = None,
    solver: SolverParams | None = None,
    progress: Progress | None = None,
) -> RunResult:
    """Eligibility, allocation and planned cost of one problem, with the wall time of each.

    ``solver`` holds the settings of a solver parameters file (``--solver-params``), put over
    the problem's policy's ``time_limit_s`` and ``workers`` (:meth:`SolverParams.over`);
    ``time_limit_s`` (``--time-limit``) goes over both."""
    if problem.policy.keep_previous and previous is None:
        raise InputError(
            [
                Issue(
                    Msg("pipeline.run.keep_previous"),
                    problem.policy.keep_previous,
                    file="policy",
                    column="keep_previous",
                )
            ]
        )
    timings: dict[str, float] = {}

    def stage(name: str) -> float:
        if progress is not None:
            progress(name)
        return time.perf_counter()

    start = stage("eligibility")
    eligibility = evaluate(problem)
    timings["eligibility"] = time.perf_counter() - start

    start = stage("allocation")
    params = None if solver is None else solver.over(SolverParams.for_policy(problem.policy))
    allocation = solve(
        problem, eligibility, previous=previous, time_limit_s=time_limit_s, params=params
    )
    timings["allocation"] = time.perf_counter() - start

    start = stage("payments")
    planned = planned_cost(problem, allocation)
    timings["payments"] = time.perf_counter() - start

    kpis = compute_kpis(problem, eligibility, allocation, planned.monthly_rial, planned.term_rial)
    return RunResult(
        problem=problem,
        eligibility=eligibility,
        allocation=allocation,
        planned=planned,
        kpis=kpis,
        warnings=warnings,
        input_hashes=dict(input_hashes or {"problem": problem_sha256(problem)}),
        timings=timings,
    )
