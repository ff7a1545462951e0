"""The embedded default as the first term a new workspace shows: its input files stored as
term 1402-1's inputs and run before the server starts, so the first page already holds the
result; a workspace that holds any run is left as it is (the result is the workspace's)."""

from __future__ import annotations

from pathlib import Path

from hamyar.generator.default import default_applicants, default_rejections, default_units
from hamyar.io.writers import write_applicants, write_rejections, write_units
from hamyar.store import Workspace
from hamyar.store.runs import list_runs
from hamyar.web import running
from hamyar.web.site import DEFAULT_TERM, Settings
from hamyar.web.state import stored_inputs


def prepare_default(workspace_dir: Path) -> int | None:
    """Store and run the embedded default on a workspace without runs; the run id, or
    ``None`` when the workspace already holds a run or inputs for the default term."""
    settings = Settings(workspace_dir)
    workspace = Workspace.open(workspace_dir)
    try:
        with workspace.session() as session:
            if list_runs(session):
                return None
    finally:
        workspace.close()
    if stored_inputs(settings, DEFAULT_TERM):
        return None
    folder = settings.term_dir(DEFAULT_TERM) / "inputs"
    staging = folder.with_name(".inputs-default")
    staging.mkdir(parents=True, exist_ok=True)
    write_applicants(default_applicants(), staging / "applicants.xlsx", "fa")
    write_units(default_units(), staging / "units.xlsx", "fa")
    write_rejections(default_rejections(), staging / "rejections.xlsx", "fa")
    staging.rename(folder)
    return running.run_inputs(settings, DEFAULT_TERM, "fa", lambda stage: None)
