"""What-if runs: scenario files, comparisons, parameter sweeps, re-planning and batches.

A scenario (TOML) names its inputs, term and policy, overrides policy values, changes seats and
closes units, and may build on another scenario (``extends``). Scenarios never modify their
inputs: each produces a changed copy of the problem. The embedded default is itself a shipped
scenario (``qom-1402-1403``), beside a few examples (``hamyar scenarios`` lists them).
"""

from hamyar.scenarios.changes import apply_changes
from hamyar.scenarios.diff import AssignmentDiff, Change, assignment_diff
from hamyar.scenarios.inputs import (
    ScenarioInputs,
    apply_overrides,
    build_inputs,
    build_policy,
    load_scenario_inputs,
)
from hamyar.scenarios.resolve import (
    DEFAULT_SCENARIO,
    ResolvedScenario,
    find_scenario,
    resolve_file,
    resolve_mapping,
    scenario_summary,
    shipped_dir,
    shipped_paths,
)
from hamyar.scenarios.spec import EMBEDDED, ScenarioSpec, SeatChange, SeatValue, parse_spec

__all__ = [
    "DEFAULT_SCENARIO",
    "EMBEDDED",
    "AssignmentDiff",
    "Change",
    "ResolvedScenario",
    "ScenarioInputs",
    "ScenarioSpec",
    "SeatChange",
    "SeatValue",
    "apply_changes",
    "apply_overrides",
    "assignment_diff",
    "build_inputs",
    "build_policy",
    "find_scenario",
    "load_scenario_inputs",
    "parse_spec",
    "resolve_file",
    "resolve_mapping",
    "scenario_summary",
    "shipped_dir",
    "shipped_paths",
]
