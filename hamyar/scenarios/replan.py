"""Re-planning after units turn students down: everyone else stays, the freed seats are refilled.

Given an earlier run (its folder) and the new rejections (rule E9)::

    kept     = {s ↦ u ∈ previous : (s, u) not rejected}
    problem' = the run's problem, policy as used with keep_previous_mode = "hard",
               rejections = old ∪ new
    result   = solve(problem', previous = kept)

so every student in ``kept`` keeps his or her unit (a hard constraint of the optimizer), the
rejected students lose the rejecting unit (E9 closes it to them) and may be placed elsewhere,
and the seats they free go to the best of the rest. The diff against the earlier run lists who
lost, gained or moved.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hamyar.errors import InputError, Issue
from hamyar.io import read_rejections
from hamyar.io.allocation_dir import AllocationRecord, read_allocation_dir, read_summary
from hamyar.io.csvfile import write_csv
from hamyar.messages import Msg
from hamyar.models import Problem, Rejection
from hamyar.optimizer.params import SolverParams
from hamyar.pipeline import RunResult, file_sha256, problem_sha256, run_problem
from hamyar.scenarios.diff import AssignmentDiff, assignment_diff
from hamyar.scenarios.inputs import ScenarioInputs
from hamyar.scenarios.source import find_source, inputs_changed, read_source_file, source_dict

DIFF_HEADER = (
    "student_id",
    "first_name",
    "last_name",
    "gender",
    "change",
    "previous_unit",
    "new_unit",
    "new_rank",
    "rejected_by_previous_unit",
)


@dataclass(frozen=True)
class Replan:
    """The new run, the earlier placement, what was kept, and the diff between them."""

    result: RunResult
    previous: dict[str, str]
    kept: dict[str, str]
    rejected: tuple[tuple[str, str], ...]
    """``(student_id, unit_code)`` of earlier placements the new rejections undo."""
    diff: AssignmentDiff
    source: dict[str, Any]


def replan_problem(
    problem: Problem, previous: dict[str, str], rejections: tuple[Rejection, ...]
) -> tuple[Problem, dict[str, str], tuple[tuple[str, str], ...]]:
    """The problem with the new rejections and hard keep-previous, the placement to keep, and
    the earlier placements the rejections undo."""
    known = {(r.unit_code, r.student_id) for r in problem.rejections}
    added = tuple(r for r in rejections if (r.unit_code, r.student_id) not in known)
    policy = problem.policy.with_overrides({"keep_previous_mode": "hard"}, file="replan")
    changed = Problem.create(
        problem.applicants,
        problem.units,
        problem.rejections + added,
        policy,
        problem.term,
        problem.name,
    )
    closed = changed.rejected_pairs
    kept = {s: u for s, u in previous.items() if (s, u) not in closed}
    undone = tuple(sorted((s, u) for s, u in previous.items() if (s, u) in closed))
    return changed, kept, undone


def _check_previous(record: AllocationRecord, problem: Problem) -> None:
    """Every earlier placement names a student and a unit of the rebuilt problem."""
    issues = []
    file = str(Path(record.folder) / "assignments.csv")
    for row in record.rows:
        for value, known, what, column in (
            (row.student_id, problem.applicant_by_id, "scen.replan.student_gone", "student_id"),
            (row.unit_code, problem.unit_by_code, "scen.replan.unit_gone", "unit_code"),
        ):
            if value not in known:
                message = Msg(what)
                issues.append(Issue(message, value, file=file, row=row.row, column=column))
    if issues:
        raise InputError(issues)


@dataclass(frozen=True)
class Rebuilt:
    """An earlier run rebuilt from its folder: the placement, the inputs and the problem (with
    the run's policy as used and term)."""

    record: AllocationRecord
    inputs: ScenarioInputs
    problem: Problem
    warnings: tuple[Issue, ...]


def rebuild(folder: Path, scenario: Path | str | None = None) -> Rebuilt:
    """The problem of the run that wrote ``folder``, checked against its placement; a warning
    when the inputs changed since."""
    record = read_allocation_dir(folder)
    _term, _policy, summary = read_summary(folder / "summary.json")
    inputs = find_source(folder, summary, scenario)
    base = inputs.problem
    problem = Problem.create(
        base.applicants, base.units, base.rejections, record.policy, record.term, base.name
    )
    _check_previous(record, problem)
    warnings = list(inputs.warnings)
    changed = inputs_changed(summary.get("input_hashes"), inputs.hashes)
    if changed:
        warnings.append(
            Issue(
                Msg("scen.replan.inputs_changed", files=tuple(changed)),
                file=str(folder),
                severity="warning",
            )
        )
    return Rebuilt(record, inputs, problem, tuple(warnings))


def replan(
    previous_run: Path,
    rejections_file: Path,
    *,
    scenario: Path | str | None = None,
    time_limit_s: float | None = None,
    solver: SolverParams | None = None,
) -> Replan:
    """Rebuild the earlier run's problem, add the rejections, keep the rest, refill.

    The rejections of earlier re-plans of the same run (recorded in its ``source.json`` under
    ``"replan_rejections"``) stay in force, so re-planning a re-plan never undoes them.
    """
    folder = Path(previous_run)
    rebuilt = rebuild(folder, scenario)
    record, inputs, problem = rebuilt.record, rebuilt.inputs, rebuilt.problem
    warnings = list(rebuilt.warnings)
    files = [*_earlier_rejections(folder), str(Path(rejections_file).resolve())]
    rejections: list[Rejection] = []
    for file in files:
        read = read_rejections(file)
        warnings.extend(read.warnings)
        rejections.extend(read.records)
    previous = _placement(record)
    changed_problem, kept, undone = replan_problem(problem, previous, tuple(rejections))
    hashes = dict(inputs.hashes)
    for i, file in enumerate(files, start=1):
        hashes[f"replan_rejections[{i}]"] = file_sha256(file)
    hashes["problem"] = problem_sha256(changed_problem)
    result = run_problem(
        changed_problem,
        warnings=tuple(warnings),
        input_hashes=hashes,
        previous=kept,
        time_limit_s=time_limit_s,
        solver=solver,
    )
    now = {a.student_id: a.unit_code for a in result.allocation.assignments}
    source = source_dict(inputs, previous_run=str(folder.resolve()), replan_rejections=files)
    return Replan(result, previous, kept, undone, assignment_diff(previous, now), source)


def _earlier_rejections(folder: Path) -> list[str]:
    """``"replan_rejections"`` of the folder's ``source.json`` (files that still exist)."""
    data = read_source_file(folder)
    files = data.get("replan_rejections") if data else None
    if not isinstance(files, list):
        return []
    return [f for f in files if isinstance(f, str) and Path(f).is_file()]


def _placement(record: AllocationRecord) -> dict[str, str]:
    return {r.student_id: r.unit_code for r in record.rows}


def write_replan_diff(path: Path, plan: Replan) -> None:
    """``diff.csv``: every student whose placement changed, and why."""
    problem = plan.result.problem
    undone = set(plan.rejected)
    rows = []
    for ch in plan.diff.changes:
        app = problem.applicant_by_id.get(ch.student_id)
        a = plan.result.allocation.by_student.get(ch.student_id)
        rejected = ch.from_unit is not None and (ch.student_id, ch.from_unit) in undone
        rows.append(
            (
                ch.student_id,
                app.first_name if app else None,
                app.last_name if app else None,
                app.gender.value if app else None,
                ch.kind,
                ch.from_unit,
                ch.to_unit,
                a.preference_rank if a else None,
                "true" if rejected else "false",
            )
        )
    write_csv(path, DIFF_HEADER, rows)
