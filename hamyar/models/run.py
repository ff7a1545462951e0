"""What one run produced: the record the pipeline returns and every writer reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from hamyar.errors import Issue
from hamyar.models.costs import PlannedCost
from hamyar.models.kpis import Kpis
from hamyar.models.problem import Problem
from hamyar.models.results import Allocation, EligibilityResult


@dataclass(frozen=True)
class RunResult:
    """Everything one run produced, for the writers and the summary table."""

    problem: Problem
    eligibility: EligibilityResult
    allocation: Allocation
    planned: PlannedCost
    kpis: Kpis
    warnings: tuple[Issue, ...] = ()
    input_hashes: Mapping[str, str] = field(default_factory=dict)
    timings: Mapping[str, float] = field(default_factory=dict)
