"""What-if runs: scenario files, comparisons, parameter sweeps, re-planning and batches.

A scenario (TOML) names its inputs, term and policy, overrides policy values, changes seats and
closes units, and may build on another scenario (``extends``). Scenarios never modify their
inputs: each produces a changed copy of the problem. The embedded default is itself a shipped
scenario (``qom-1402-1403``), beside a few examples (``hamyar scenarios`` lists them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hamyar.lazy import lazy_names

if TYPE_CHECKING:
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

_LAZY = {
    "apply_changes": "hamyar.scenarios.changes",
    "AssignmentDiff": "hamyar.scenarios.diff",
    "Change": "hamyar.scenarios.diff",
    "assignment_diff": "hamyar.scenarios.diff",
    "ScenarioInputs": "hamyar.scenarios.inputs",
    "apply_overrides": "hamyar.scenarios.inputs",
    "build_inputs": "hamyar.scenarios.inputs",
    "build_policy": "hamyar.scenarios.inputs",
    "load_scenario_inputs": "hamyar.scenarios.inputs",
    "DEFAULT_SCENARIO": "hamyar.scenarios.resolve",
    "ResolvedScenario": "hamyar.scenarios.resolve",
    "find_scenario": "hamyar.scenarios.resolve",
    "resolve_file": "hamyar.scenarios.resolve",
    "resolve_mapping": "hamyar.scenarios.resolve",
    "scenario_summary": "hamyar.scenarios.resolve",
    "shipped_dir": "hamyar.scenarios.resolve",
    "shipped_paths": "hamyar.scenarios.resolve",
    "EMBEDDED": "hamyar.scenarios.spec",
    "ScenarioSpec": "hamyar.scenarios.spec",
    "SeatChange": "hamyar.scenarios.spec",
    "SeatValue": "hamyar.scenarios.spec",
    "parse_spec": "hamyar.scenarios.spec",
}
"""Where each name lives: imported when first asked for, so that importing one
module of the package does not import all of them."""


__getattr__ = lazy_names(__name__, _LAZY)


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
