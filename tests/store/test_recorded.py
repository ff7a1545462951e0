"""``pay`` pays an allocation folder only as its run recorded it (#19 case 5, complement): a
folder without hamyar's manifest is refused, and placements that differ from the workspace's
stored assignments are named, even when the manifest was written again to hide the edit."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from click.testing import CliRunner

from hamyar.cli import cli
from hamyar.io.manifest import MANIFEST, write_manifest
from hamyar.store import Workspace
from hamyar.store.ledger import batches

MONTH = "1402/08"


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def rows_of(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


def test_pay_checks_the_folder_against_the_recorded_run(
    default_run: tuple[Path, Path], tmp_path: Path
) -> None:
    """On a copy of the session's recorded default run (the folder is edited below) and the
    timesheet of 1402/08 made for it."""
    run = Path(shutil.copytree(default_run[0], tmp_path / "run"))
    ts = default_run[1]
    assert invoke("adopt", "1")[0] == 0
    original = rows_of(run / "assignments.csv")
    header, unit = original[0], original[0].index("unit_code")
    units = sorted({r[unit] for r in original[1:]})
    moved = [list(r) for r in original]
    moved[3][unit] = next(u for u in units if u != original[3][unit])
    dropped = [r for i, r in enumerate(original) if i != 4]
    stranger = [*original, [*original[5][:1], *original[5][1:]]]
    stranger[-1][0] = "9999999999"

    def pay(folder: Path) -> tuple[int, str]:
        return invoke(
            "pay", "--allocation", str(folder), "--timesheets", str(ts), "--month", MONTH,
            "--out", str(tmp_path / "paid"), "--lang", "en",
        )  # fmt: skip

    # a folder without a manifest: made by hand or by an older hamyar
    bare = tmp_path / "bare"
    shutil.copytree(run, bare)
    (bare / MANIFEST).unlink()
    code, output = pay(bare)
    assert code == 2 and output.startswith(f"{bare}: the allocation folder has no {MANIFEST}")

    # edits hidden by a manifest written again: the workspace still knows the run
    path = run / "assignments.csv"
    for rows, expected in [
        (moved, f"{path}:4:unit_code: run 1 placed this student in {original[3][unit]}, "
         f"the file says {moved[3][unit]} ({original[3][0]})"),
        (dropped, f"{path}: placed by run 1 in {original[4][unit]} but missing from the file "
         f"({original[4][0]})"),
        (stranger, f"{path}:{len(original) + 1}: student not placed by run 1 (9999999999)"),
    ]:  # fmt: skip
        write_rows(path, rows)
        write_manifest(run, "run")
        code, output = pay(run)
        assert code == 2 and output.strip() == expected, output
    assert header == rows_of(path)[0]

    write_rows(path, original)
    write_manifest(run, "run")
    code, output = pay(run)
    assert code == 0, output
    workspace = Workspace.open()
    with workspace.session() as session:
        assert len(batches(session, MONTH)) == 1
    workspace.close()
