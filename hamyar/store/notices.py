"""What ``hamyar notices`` tells every applicant, gathered from the term's adopted allocation.

1. The term: ``--term``, or the one term of the workspace with an adopted allocation (none, or
   several without ``--term``: a refusal, exit 2).
2. The placement and the waiting lists are the adopted run's as stored (``run_assignments``,
   ``run_waitlists``), with the term's vacancies applied (:mod:`hamyar.store.vacancy`): a
   leaver is told the placement ended, a newcomer the day it starts, and the waiting lists are
   renumbered without the students who took or left a seat of that unit.
3. Names, mobiles, units and their contacts come from the run's problem, rebuilt from the input
   files the workspace stored (``allocate``) or from the run's folder and its scenario (the
   other commands, as ``hamyar replan`` does, with earlier re-plans' rejections), and for a run
   made with ``--continue-from TERM`` the history of TERM applied again; inputs whose hash
   differs from the run's are refused, since the notices would not match the decision.
4. Eligibility is evaluated again on that problem (rules E1–E9 are a function of it), and the
   students not placed are explained against the stored placement
   (:func:`hamyar.optimizer.explain.explain`, with the pins the optimizer kept).
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from hamyar.eligibility import evaluate
from hamyar.io import read_rejections
from hamyar.io.allocation_dir import read_summary
from hamyar.io.loading import load_problem
from hamyar.messages import Msg
from hamyar.models import Policy, Problem, Rejection, Term
from hamyar.optimizer.waitlist import WaitingEntry
from hamyar.pipeline.continuing import OPTION, continue_from
from hamyar.scenarios.replan import replan_problem
from hamyar.scenarios.source import find_source, inputs_changed, read_source_file
from hamyar.store.adoption import adopted, adopted_run
from hamyar.store.errors import WorkspaceError
from hamyar.store.explained import ExplainedPlacement, explained
from hamyar.store.history import term_history
from hamyar.store.schema import AdoptionRow, RunRow
from hamyar.store.vacancy import effective_placement, term_changes
from hamyar.store.waitlists import run_waiting_lists

CONTINUED = f"workspace: {OPTION} "
"""How a run's input hashes name the term it continued from (``hamyar run --continue-from``)."""


@dataclass(frozen=True)
class NoticeSource(ExplainedPlacement):
    """Everything the notices are written from: the adopted placement, vacancies applied."""

    waiting: dict[str, list[WaitingEntry]]
    left: dict[str, tuple[str, str]] = field(default_factory=dict)
    """``{student_id: (unit_code, first free day)}`` of the placements vacancies ended."""
    starts: dict[str, str] = field(default_factory=dict)
    """``{student_id: first day}`` of the students who took a vacant seat."""


def notice_term(session: Session, term: str | None) -> str:
    """``term``, or the only term with an adopted allocation."""
    if term is not None:
        return str(Term.parse(term))
    terms = sorted(set(session.scalars(select(AdoptionRow.term))))
    if len(terms) > 1:
        raise WorkspaceError(Msg("store.notices.terms", terms=tuple(terms)))
    if not terms:
        raise WorkspaceError(Msg("store.notices.no_adoption"))
    return terms[0]


def _stored_problem(run: RunRow) -> Problem:
    """The problem of an ``allocate`` run from the input files the workspace stored."""
    stored = {i.name.split(": ", 1)[0]: i for i in run.inputs if i.content is not None}
    policy = Policy.from_mapping(run.policy, file=f"run {run.id}: policy")
    with tempfile.TemporaryDirectory(prefix="hamyar-notices-") as tmp:
        paths: dict[str, Path] = {}
        for label in ("applicants", "units", "rejections"):
            row = stored.get(label)
            if row is None or row.content is None:
                continue
            original = Path(row.name.split(": ", 1)[-1])
            path = Path(tmp) / label / original.name
            path.parent.mkdir()
            path.write_bytes(row.content)
            paths[label] = path
        if "applicants" not in paths or "units" not in paths:
            raise WorkspaceError(Msg("store.notices.no_inputs", run=run.id), value=run.id)
        problem, _warnings = load_problem(
            paths["applicants"],
            paths["units"],
            paths.get("rejections"),
            policy=policy,
            term=Term.parse(run.term),
            name=run.name,
        )
    return problem


def _folder_problem(run: RunRow, scenario: Path | str | None) -> Problem:
    """The problem of a scenario run, rebuilt from its folder (as ``hamyar replan`` does)."""
    folder = Path(run.out_dir or "")
    if not run.out_dir or not (folder / "summary.json").is_file():
        raise WorkspaceError(
            Msg("store.notices.folder_gone", run=run.id, folder=str(run.out_dir)), value=run.id
        )
    term, policy, summary = read_summary(folder / "summary.json")
    inputs = find_source(folder, summary, scenario)
    changed = inputs_changed(run.input_hashes, inputs.hashes)
    if changed:
        raise WorkspaceError(
            Msg("store.notices.inputs_changed", run=run.id, files=tuple(changed)), value=run.id
        )
    base = inputs.problem
    problem = Problem.create(base.applicants, base.units, base.rejections, policy, term, base.name)
    source = read_source_file(folder) or {}
    files = source.get("replan_rejections")
    rejections: list[Rejection] = []
    for file in files if isinstance(files, list) else []:
        if isinstance(file, str) and Path(file).is_file():
            rejections.extend(read_rejections(file).records)
    if rejections:
        changed_problem, _kept, _undone = replan_problem(problem, {}, tuple(rejections))
        problem = Problem.create(
            problem.applicants,
            problem.units,
            changed_problem.rejections,
            policy,
            problem.term,
            problem.name,
        )
    return problem


def run_problem_of(run: RunRow, scenario: Path | str | None = None) -> Problem:
    """The problem run ``run`` solved (module docstring, 3)."""
    if run.command == "allocate":
        return _stored_problem(run)
    return _folder_problem(run, scenario)


def continued_problem(
    session: Session, run: RunRow, problem: Problem
) -> tuple[Problem, dict[str, str] | None]:
    """A run made with ``--continue-from TERM`` (its input hashes say so) started from the
    workspace's history of TERM: the same continuing assistants (A5), E9 exclusions and kept
    allocation are applied again. Other runs: the problem as it is, nothing kept."""
    for key in run.input_hashes:
        if key.startswith(CONTINUED):
            history = term_history(session, Term.parse(key.removeprefix(CONTINUED)))
            cont = continue_from(problem, history)
            return cont.problem, cont.previous
    return problem, None


def _check_placement(run: RunRow, problem: Problem, placement: dict[str, str]) -> None:
    unknown = sorted(s for s, u in placement.items() if s not in problem.applicant_by_id)
    unknown += sorted(u for u in set(placement.values()) if u not in problem.unit_by_code)
    if unknown:
        shown: Sequence[str] = unknown[:5]
        raise WorkspaceError(
            Msg("store.notices.rebuilt_missing", run=run.id, missing=tuple(shown)), value=run.id
        )


def gather_notices(
    session: Session, term: str | None = None, scenario: Path | str | None = None
) -> NoticeSource:
    """The adopted allocation of ``term`` (module docstring) as the notices need it."""
    name = notice_term(session, term)
    run = adopted_run(session, name)
    adoption = adopted(session, name)
    assert adoption is not None
    problem, previous = continued_problem(session, run, run_problem_of(run, scenario))
    changes = term_changes(session, adoption)
    placement = effective_placement(run, changes)
    _check_placement(run, problem, placement)
    eligibility = evaluate(problem)
    explanations = explained(problem, eligibility, placement, previous)
    waiting: dict[str, list[WaitingEntry]] = {}
    for (unit, _gender), entries in run_waiting_lists(session, run.id).items():
        still = [e for e in entries if placement.get(e.student_id) != unit]
        still = [e for e in still if e.student_id not in changes.left]
        for position, e in enumerate(still, start=1):
            waiting.setdefault(e.student_id, []).append(replace(e, position=position))
    for places in waiting.values():
        places.sort(key=lambda e: (e.preference_rank, e.unit_code))
    left = {s: (v.unit_code, v.vacant_from) for s, v in changes.left.items()}
    starts = {
        v.fill.student_id: v.fill.starts_on
        for v in changes.left.values()
        if v.fill is not None and v.fill.student_id in placement
    }
    return NoticeSource(
        run.id, problem, eligibility, placement, explanations, waiting, left, starts
    )
