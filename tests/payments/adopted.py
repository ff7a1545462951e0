"""An allocation folder written by a test, recorded in the workspace and adopted, so that
``hamyar pay`` accepts it."""

from __future__ import annotations

from pathlib import Path

from hamyar.store import Workspace
from hamyar.store.adoption import adopt
from hamyar.store.runs import current_user, now, write_run_file
from hamyar.store.schema import RunRow


def adopt_folder(folder: Path, term: str) -> int:
    """Record ``folder`` as a run of ``term``, adopt it; the run id."""
    workspace = Workspace.open()
    with workspace.session() as session:
        run = RunRow(
            term=term,
            command="test",
            name=folder.name,
            created_at=now(),
            created_by=current_user(),
            status="optimal",
            scenario=None,
            policy={},
            kpis={},
            input_hashes={},
            out_dir=str(folder),
        )
        session.add(run)
        session.flush()
        write_run_file(folder, run, workspace.url)
        adopt(session, run.id)
        run_id = run.id
    workspace.close()
    return run_id
