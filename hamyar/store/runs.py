"""Runs recorded in the workspace: inputs (hashes and bytes), scenario, policy, status, KPIs,
assignments. The output folder of a recorded run holds ``workspace-run.json`` with its id, which
is how ``hamyar pay --allocation FOLDER`` finds the run."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from hamyar.messages import Msg
from hamyar.models.run import RunResult
from hamyar.pipeline.record import ASSIGNMENT_COLUMNS, RunRecord
from hamyar.store.errors import WorkspaceError
from hamyar.store.run_rows import RUN_FILE as RUN_FILE
from hamyar.store.run_rows import as_dicts, run_rows
from hamyar.store.run_rows import current_user as current_user
from hamyar.store.run_rows import now as now
from hamyar.store.run_rows import write_run_file as write_run_file_of
from hamyar.store.schema import AssignmentRow, RunInputRow, RunRow
from hamyar.store.waitlists import record_waitlists

RUNS_FILE = "workspace-runs.json"


def record_run(
    session: Session,
    result: RunResult | RunRecord,
    *,
    command: str,
    name: str,
    files: Mapping[str, Path],
    scenario: str | None = None,
    out_dir: Path | None = None,
    by: str | None = None,
) -> RunRow:
    """Add one run with its input files (bytes and ``sha256``), assignments and waiting lists
    (:mod:`hamyar.store.waitlists`); flushed, so ``.id`` is set, committed with the command's
    transaction. ``result`` is a run's result or its :class:`RunRecord`; ``by`` who started it
    (the operating-system user by default). The rows are :func:`~hamyar.store.run_rows.run_rows`."""
    rows = run_rows(
        result, command=command, name=name, files=files, scenario=scenario, out_dir=out_dir, by=by
    )
    run = RunRow(**rows.run)
    run.inputs.extend(RunInputRow(**values) for values in rows.inputs)
    session.add(run)
    session.flush()
    if rows.assignments:  # one Core executemany, no ORM bookkeeping per row
        session.execute(
            insert(cast(Table, AssignmentRow.__table__)),
            as_dicts(run.id, ASSIGNMENT_COLUMNS, rows.assignments),
        )
    record_waitlists(session, run.id, rows.waiting)
    return run


def write_run_file(folder: Path, run: RunRow, url: str) -> None:
    """``workspace-run.json`` in a run's output folder: the run id and the workspace."""
    write_run_file_of(folder, run.id, run.term, url)


def write_runs_file(folder: Path, runs: Sequence[Mapping[str, Any]], url: str) -> None:
    """``workspace-runs.json`` in a folder of many runs (a sweep): each run's id and what it was
    (``runs`` holds ``{"run_id": …, …}`` mappings)."""
    data = {"workspace": url, "runs": list(runs)}
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    (folder / RUNS_FILE).write_text(text, encoding="utf-8")


def run_id_of_folder(folder: Path) -> int:
    """The recorded run an output folder was written by."""
    path = Path(folder) / RUN_FILE
    try:
        run_id = json.loads(path.read_text(encoding="utf-8"))["run_id"]
    except (OSError, ValueError, KeyError, TypeError):
        raise WorkspaceError(Msg("store.run.no_id"), where=str(path)) from None
    if not isinstance(run_id, int):
        raise WorkspaceError(Msg("store.run.id_not_a_number"), where=str(path))
    return run_id


def get_run(session: Session, run_id: int) -> RunRow:
    """One recorded run; a refusal naming the id when there is none."""
    run = session.get(RunRow, run_id)
    if run is None:
        raise WorkspaceError(Msg("store.run.not_found"), value=run_id)
    return run


def list_runs(session: Session, term: str | None = None) -> Sequence[RunRow]:
    """Recorded runs, oldest first, of one term or all."""
    query = select(RunRow).order_by(RunRow.id)
    if term is not None:
        query = query.where(RunRow.term == term)
    return session.scalars(query).all()


@dataclass(frozen=True)
class RunView:
    """What ``hamyar show`` prints of a run."""

    run: RunRow
    adopted: bool
    inputs: list[tuple[str, str, int | None]]
    placed: int

    def as_dict(self) -> dict[str, Any]:
        r = self.run
        return {
            "id": r.id,
            "term": r.term,
            "command": r.command,
            "name": r.name,
            "created_at": r.created_at.isoformat(),
            "created_by": r.created_by,
            "status": r.status,
            "adopted": self.adopted,
            "out_dir": r.out_dir,
            "placed": self.placed,
            "kpis": r.kpis,
            "policy": r.policy,
            "inputs": [{"name": n, "sha256": s, "bytes": b} for n, s, b in self.inputs],
        }
