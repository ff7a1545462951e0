"""An allocation folder is paid only as its run recorded it (#19 case 5).

The manifest (:mod:`hamyar.io.manifest`) locates any line of ``assignments.csv`` edited after the
run; a folder without one (made by hand, or by an older hamyar) cannot be checked line by line,
so it is refused. Whatever the manifest says, the placements of ``assignments.csv`` (who, in
which unit) must be those the workspace stored for the run: a student added, dropped or moved to
another unit is named with its row.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from hamyar.errors import InputError, Issue
from hamyar.io.allocation_dir import AllocationRecord
from hamyar.io.manifest import MANIFEST, read_manifest
from hamyar.io.placements import ASSIGNMENTS_FILE
from hamyar.messages import Msg
from hamyar.store.schema import RunRow


def refuse_unrecorded_allocation(session: Session, run: RunRow, record: AllocationRecord) -> None:
    """Refuse a folder without hamyar's manifest, or whose placements differ from ``run``'s."""
    folder = Path(record.folder)
    if read_manifest(folder) is None:
        raise InputError(
            Issue(
                Msg("store.recorded.no_manifest", manifest=MANIFEST, run=run.id),
                file=str(folder),
            )
        )
    path = str(folder / ASSIGNMENTS_FILE)
    stored = {a.student_id: a.unit_code for a in run.assignments}
    issues = []
    for row in record.rows:
        unit = stored.pop(row.student_id, None)
        if unit is None:
            issues.append(
                Issue(
                    Msg("store.recorded.not_placed", run=run.id),
                    row.student_id,
                    file=path,
                    row=row.row,
                )
            )
        elif unit != row.unit_code:
            issues.append(
                Issue(
                    Msg("store.recorded.moved", run=run.id, unit=unit, file_unit=row.unit_code),
                    row.student_id,
                    file=path,
                    row=row.row,
                    column="unit_code",
                )
            )
    issues.extend(
        Issue(Msg("store.recorded.missing", run=run.id, unit=unit), sid, file=path)
        for sid, unit in sorted(stored.items())
    )
    if issues:
        raise InputError(issues)
