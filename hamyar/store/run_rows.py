"""The rows one recorded run adds to the workspace, as plain values (no SQLAlchemy).

:func:`run_rows` is the one place that says what a run's ``runs``, ``run_inputs``,
``run_assignments`` and ``run_waitlists`` rows hold; :func:`hamyar.store.runs.record_run`
stores them through the ORM and :mod:`hamyar.store.quick` with the standard library's sqlite3.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hamyar.models.run import RunResult
from hamyar.pipeline.record import Row, RunRecord, run_record

RUN_FILE = "workspace-run.json"


def current_user() -> str:
    """Who runs the command: the operating-system user."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class RunRows:
    """One run's rows; the inputs, assignments and waiting places without their ``run_id``
    (the last two as values in :data:`ASSIGNMENT_COLUMNS` and :data:`WAITING_COLUMNS` order)."""

    run: dict[str, Any]
    inputs: list[dict[str, Any]]
    assignments: tuple[Row, ...]
    waiting: tuple[Row, ...]


def run_rows(
    result: RunResult | RunRecord,
    *,
    command: str,
    name: str,
    files: Mapping[str, Path],
    scenario: str | None = None,
    out_dir: Path | None = None,
    by: str | None = None,
) -> RunRows:
    """The rows of one run: its input files (bytes and ``sha256``; a generated or embedded
    input by its fingerprint alone), assignments and waiting lists."""
    record = result if isinstance(result, RunRecord) else run_record(result)
    run = {
        "term": record.term,
        "command": command,
        "name": name[:200],
        "created_at": now(),
        "created_by": by or current_user(),
        "status": record.status,
        "scenario": scenario,
        "policy": record.policy,
        "kpis": record.kpis,
        "input_hashes": dict(record.input_hashes),
        "out_dir": str(out_dir.absolute()) if out_dir else None,
    }
    inputs: list[dict[str, Any]] = []
    for label, path in files.items():
        content = Path(path).read_bytes()
        sha = hashlib.sha256(content).hexdigest()
        inputs.append({"name": f"{label}: {path}", "sha256": sha, "content": content})
    stored = {row["sha256"] for row in inputs}
    for label, sha in record.input_hashes.items():
        if sha not in stored:
            inputs.append({"name": label, "sha256": sha, "content": None})
    return RunRows(run, inputs, record.assignments, record.waiting)


def as_dicts(run_id: int, columns: tuple[str, ...], rows: tuple[Row, ...]) -> list[dict[str, Any]]:
    """``rows`` as mappings of column to value, with ``run_id``."""
    return [{"run_id": run_id, **dict(zip(columns, row, strict=True))} for row in rows]


def write_run_file(folder: Path, run_id: int, term: str, url: str) -> None:
    """``workspace-run.json`` in a run's output folder: the run id and the workspace."""
    data = {"run_id": run_id, "term": term, "workspace": url}
    (folder / RUN_FILE).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
