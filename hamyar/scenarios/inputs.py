"""From a resolved scenario to the problem it describes: read the inputs, build the policy, apply
the changes. The inputs themselves are never modified; every change makes a new copy.

``policy = (policy file or RULES.md defaults).with_overrides(merged overrides)``; the term is
the scenario's, or the embedded default's (1402-1) when none is named.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from hamyar.errors import InputError, Issue
from hamyar.io import load_problem, parse_applicants, parse_rejections, parse_units
from hamyar.io.loading import rejoin_preferences
from hamyar.messages import Msg
from hamyar.models import Applicant, Policy, Problem, Rejection, Term, Unit
from hamyar.pipeline import file_sha256, problem_sha256
from hamyar.scenarios.changes import apply_changes
from hamyar.scenarios.resolve import DEFAULT_SCENARIO, ResolvedScenario, resolve_file
from hamyar.scenarios.spec import EMBEDDED


@dataclass(frozen=True)
class ScenarioInputs:
    """What ``hamyar run`` needs of a scenario: the changed problem, the readers' warnings, and
    the ``sha256`` of every input (scenario files, input files, policy file)."""

    problem: Problem
    warnings: tuple[Issue, ...]
    hashes: dict[str, str]
    scenario: ResolvedScenario | None = field(default=None, compare=False)

    @property
    def source(self) -> dict[str, Any]:
        """Where the problem came from, for ``summary.json`` (what ``hamyar replan`` needs to
        rebuild it): the scenario file and the input and policy paths."""
        s = self.scenario
        if s is None:
            return {}
        return {
            "name": s.name,
            "path": s.path,
            "inputs": s.inputs,
            "policy": s.policy,
            "term": s.term,
        }


def load_scenario_inputs(path: Path | str | None) -> ScenarioInputs:
    """The problem of a scenario file (or a shipped scenario's name); ``None`` is the embedded
    default scenario."""
    resolved = resolve_file(DEFAULT_SCENARIO if path is None else path)
    return build_inputs(resolved)


def build_policy(scenario: ResolvedScenario, base: Policy | None = None) -> Policy:
    """The scenario's policy: its policy file (or ``base``, or the defaults) with the merged
    overrides. An override error is located at the file that set the key."""
    if base is not None and scenario.policy is None:
        policy = base
    else:
        policy = Policy.from_toml(scenario.policy) if scenario.policy else Policy()
    return apply_overrides(policy, scenario.overrides, scenario.override_origin, scenario.file)


def apply_overrides(
    policy: Policy,
    overrides: Mapping[str, Any],
    origin: Mapping[str, str] | None = None,
    default_file: str = "-",
    prefix: str = "overrides.",
) -> Policy:
    """``policy.with_overrides(overrides)`` with each error located at ``file:overrides.<key>``
    of the file that set the key."""
    if not overrides:
        return policy
    try:
        return policy.with_overrides(dict(overrides), file=default_file)
    except InputError as exc:
        raise InputError(
            [_locate(i, overrides, origin or {}, default_file, prefix) for i in exc.issues]
        ) from None


def _locate(
    issue: Issue, overrides: Mapping[str, Any], origin: Mapping[str, str], file: str, prefix: str
) -> Issue:
    column = issue.column or ""
    owner = None
    for key in sorted(overrides, key=len, reverse=True):
        if column == key or column.startswith(key + ".") or key.startswith(column + "."):
            owner = key
            break
    return replace(
        issue,
        file=origin.get(owner, file) if owner else file,
        column=f"{prefix}{column}" if column else prefix.rstrip("."),
    )


def _hash_of(path: str) -> str:
    try:
        return file_sha256(path)
    except OSError:
        return ""


def build_inputs(scenario: ResolvedScenario, base_policy: Policy | None = None) -> ScenarioInputs:
    """Read the scenario's inputs and build its changed problem.

    Every error of every input file is reported at once, as a located :class:`InputError`.
    """
    if scenario.applicants is None or scenario.units is None:
        missing = [k for k in ("applicants", "units") if getattr(scenario, k) is None]
        raise InputError(
            Issue(
                Msg(f"scen.inputs.missing.{'_'.join(missing)}", embedded=EMBEDDED),
                file=scenario.inputs_from if scenario.inputs_from != "-" else scenario.file,
                column=missing[0],
            )
        )
    problems: list[Issue] = []
    try:
        policy = build_policy(scenario, base_policy)
    except InputError as exc:  # read on under the base policy: every error at once
        problems.extend(exc.issues)
        policy = base_policy or Policy()
    term = Term.parse(scenario.term) if scenario.term else _default_term()
    hashes: dict[str, str] = {}
    for i, file in enumerate(scenario.chain):
        hashes["scenario" if i == 0 else f"extends:{Path(file).name}"] = _hash_of(file)
    if scenario.policy:
        hashes["policy"] = _hash_of(scenario.policy)
    try:
        base, warnings = _read_inputs(scenario, policy, term)
    except InputError as exc:
        raise InputError([*problems, *exc.issues]) from None
    for key, value in scenario.inputs.items():
        if value != EMBEDDED:
            hashes[key] = _hash_of(value)
    if any(v == EMBEDDED for v in scenario.inputs.values()):
        hashes["embedded"] = problem_sha256(base)
    try:
        problem, change_warnings = apply_changes(base, scenario.seats, scenario.closed_units)
    except InputError as exc:
        raise InputError([*problems, *exc.issues]) from None
    if problems:
        raise InputError(problems)
    hashes["problem"] = problem_sha256(problem)
    return ScenarioInputs(
        problem=problem,
        warnings=tuple(warnings) + tuple(change_warnings),
        hashes=hashes,
        scenario=scenario,
    )


def _default_term() -> Term:
    from hamyar.generator.default import DEFAULT_TERM

    return DEFAULT_TERM


def _read_inputs(
    scenario: ResolvedScenario, policy: Policy, term: Term
) -> tuple[Problem, list[Issue]]:
    """The problem of the scenario's inputs (before seat changes) and the readers' warnings."""
    assert scenario.applicants is not None and scenario.units is not None
    values = (scenario.applicants, scenario.units, scenario.rejections)
    if not any(v == EMBEDDED for v in values):
        problem, warnings = load_problem(
            scenario.applicants, scenario.units, scenario.rejections, policy, term, scenario.name
        )
        return problem, list(warnings)
    from hamyar.generator.default import default_applicants, default_rejections, default_units

    issues: list[Issue] = []
    units: tuple[Unit, ...]
    applicants: tuple[Applicant, ...]
    rejections: tuple[Rejection, ...] = ()
    if scenario.units == EMBEDDED:
        units = default_units()
    else:
        parsed_units = parse_units(scenario.units)
        issues.extend(parsed_units.issues)
        units = tuple(parsed_units.records)
    if scenario.applicants == EMBEDDED:
        applicants = default_applicants()
    else:
        parsed_apps = parse_applicants(scenario.applicants)
        issues.extend(parsed_apps.issues)
        applicants = tuple(rejoin_preferences(parsed_apps.records, units))
    if scenario.rejections == EMBEDDED:
        rejections = default_rejections()
    elif scenario.rejections is not None:
        parsed_rej = parse_rejections(scenario.rejections)
        issues.extend(parsed_rej.issues)
        rejections = tuple(parsed_rej.records)
    errors = [i for i in issues if i.severity == "error"]
    if errors:
        raise InputError(errors)
    problem = Problem.create(applicants, units, rejections, policy, term, scenario.name)
    return problem, [i for i in issues if i.severity != "error"]
