"""``hamyar pay`` against the workspace: the ledger and the payroll folder agree.

1. the run that wrote ``--allocation`` (its ``workspace-run.json``) must be the term's adopted
   allocation, the folder must carry hamyar's manifest, and its ``assignments.csv`` must place
   the students the workspace recorded for that run (:mod:`hamyar.store.recorded`);
2. a month already in the ledger is refused unless ``replace``;
3. a timesheet file with no row for the month is refused, naming the months it holds;
4. the payroll, from the term's effective placements (the adopted run's, with the adoption's
   mid-term vacancies: newcomers added, part months pro rata by rule P5), is written into a
   staging folder beside ``OUT/yyyy-mm`` with ``ledger.json`` (the batch's id), its lines
   flushed into the ledger, the folder kept as *pending* (``.yyyy-mm.hamyar-pending-X.tmp``),
   the transaction committed, and only then the folder put in place.

So the order is ledger first, folder second. A failure before the commit removes the folder and
records nothing. A kill between the commit and the placing leaves the pending folder, which the
next ``pay`` of the month settles from the ledger (:func:`settle_pending`): put in place when its
batch is committed, removed when not, kept aside as replaced when its batch was voided. At no
time does ``OUT/yyyy-mm`` hold a payroll that the ledger does not have.
"""

from __future__ import annotations

import json
import shutil
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from hamyar.errors import InputError
from hamyar.io.allocation_dir import AllocationRecord, read_allocation_dir
from hamyar.io.faults import fault_point
from hamyar.io.outdir import Staging, signals_held
from hamyar.io.outlock import PENDING_MARK, lock_output, pending_stagings, release
from hamyar.io.timesheets import parse_timesheets
from hamyar.messages import Msg
from hamyar.models import JalaliMonth
from hamyar.payments.payroll import check_month
from hamyar.pipeline import file_sha256
from hamyar.pipeline.month import PayRun, month_folder, stage_month
from hamyar.store.adoption import require_adopted
from hamyar.store.engine import Workspace, describe
from hamyar.store.errors import WorkspaceError
from hamyar.store.ledger import live_batch, record_payroll, refuse_paid
from hamyar.store.recorded import refuse_unrecorded_allocation
from hamyar.store.runs import get_run, run_id_of_folder
from hamyar.store.schema import PaymentBatchRow
from hamyar.store.vacancy import term_changes
from hamyar.text import Lang

LEDGER_FILE = "ledger.json"
"""In every payroll folder: the ledger batch it is, so the folder and the ledger can be matched."""


def check_month_in_timesheets(path: Path, month: JalaliMonth) -> None:
    """Refuse timesheets that hold no row of ``month``, naming the months they hold."""
    parsed = parse_timesheets(path)
    months = sorted({r.month for r in parsed.records})
    if parsed.records and month not in months:
        held = tuple(str(m) for m in months)
        raise WorkspaceError(
            Msg("store.pay.no_month_rows", month=str(month), held=held),
            where=str(path),
            value=str(month),
        )


def _stamp(when: datetime) -> str:
    """A batch's time as both SQLite (naive) and PostgreSQL (aware) give it back."""
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when.isoformat(timespec="microseconds")


def write_ledger_file(folder: Path, batch: PaymentBatchRow, url: str) -> None:
    document = {
        "batch": batch.id,
        "month": batch.month,
        "created_at": _stamp(batch.created_at),
        "total_rial": batch.total_rial,
        "lines": len(batch.lines),
        "workspace": describe(url),
    }
    (folder / LEDGER_FILE).write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")


def _ledger_file(folder: Path) -> dict[str, Any] | None:
    try:
        document = json.loads((folder / LEDGER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return document if isinstance(document, dict) else None


def _batch_of(session: Session, mark: dict[str, Any] | None) -> PaymentBatchRow | None:
    """The ledger batch a folder's ``ledger.json`` names, when the ledger holds that very one."""
    if mark is None or not isinstance(mark.get("batch"), int):
        return None
    batch = session.get(PaymentBatchRow, mark["batch"])
    if batch is None or batch.month != mark.get("month"):
        return None
    return batch if _stamp(batch.created_at) == mark.get("created_at") else None


def _settle(session: Session, pending: Path, out: Path) -> None:
    """Put ``pending`` at ``out`` if its batch is committed and in force; keep it aside as a
    replaced payroll if its batch was voided since; remove it if its batch was never committed.
    The caller holds the lock of ``out``."""
    batch = _batch_of(session, _ledger_file(pending))
    if batch is None:
        shutil.rmtree(pending, ignore_errors=True)
        return
    staging = Staging.resume(pending, out, keep_replaced=True)
    if batch.voided_at is None:
        staging.place()
    else:
        pending.rename(out.with_name(f"{out.name}.replaced-batch-{batch.id}"))


def settle_pending(workspace: Workspace, month: JalaliMonth, folder: Path) -> None:
    """Settle the pending payroll folders a killed ``pay`` of ``month`` left beside ``folder``
    (whose lock the caller holds) and beside the folder of the month's batch in force."""
    with workspace.session() as session:
        batch = live_batch(session, month)
        others = [Path(batch.out_dir)] if batch and batch.out_dir else []
        for out in [folder, *(o for o in others if o != folder)]:
            if out != folder:
                try:
                    lock_output(out)
                except InputError:
                    continue  # a live command writes there; it settles its own folder
            try:
                for pending in pending_stagings(out):
                    _settle(session, pending, out)
            finally:
                if out != folder:
                    release(out)


def _settle_own(workspace: Workspace, staging: Staging) -> None:
    """After a failure: a pending folder of this command is placed or removed by the ledger; an
    unsealed one is removed. Left for the next ``pay`` when the workspace cannot be reached."""
    if PENDING_MARK not in staging.path.name:
        staging.abandon()
        return
    try:
        with workspace.session() as session:
            _settle(session, staging.path, staging.out)
    except Exception:  # the next pay of the month settles it
        pass


def pay_recorded(
    workspace: Workspace,
    allocation: Path,
    timesheets: Path,
    month: JalaliMonth,
    out: Path,
    *,
    replace: bool = False,
    skip_bad_rows: bool = False,
    lang: Lang = "fa",
    by: str | None = None,
) -> tuple[PayRun, PaymentBatchRow]:
    """Pay ``month`` from an adopted run's folder; the folder and the ledger batch (recorded as
    paid by ``by``, the operating-system user by default)."""
    record = read_allocation_dir(allocation)
    check_month(month, record.term, record.policy)
    run_id = run_id_of_folder(allocation)
    check_month_in_timesheets(timesheets, month)
    folder = month_folder(out, month).absolute()
    lock_output(folder)
    try:
        settle_pending(workspace, month, folder)
        return _pay(
            workspace, record, timesheets, month, out, run_id, replace, skip_bad_rows, lang, by
        )
    finally:
        release(folder)


def _pay(
    workspace: Workspace,
    record: AllocationRecord,
    timesheets: Path,
    month: JalaliMonth,
    out: Path,
    run_id: int,
    replace: bool,
    skip_bad_rows: bool,
    lang: Lang,
    by: str | None,
) -> tuple[PayRun, PaymentBatchRow]:
    staging: Staging | None = None
    hold = ExitStack()  # SIGTERM and SIGINT wait from the pending folder to its placing
    try:
        with workspace.session() as session:
            run = get_run(session, run_id)
            adoption = require_adopted(session, run)
            refuse_unrecorded_allocation(session, run, record)
            refuse_paid(session, month, replace)
            changes = term_changes(session, adoption)
            pay_run, staging = stage_month(
                record.folder,
                timesheets,
                month,
                out,
                replace=replace,
                skip_bad_rows=skip_bad_rows,
                lang=lang,
                newcomers=changes.newcomers,
                periods=changes.periods,
            )
            batch = record_payroll(
                session,
                pay_run.payroll,
                run=run,
                adoption=adoption,
                timesheets_sha256=file_sha256(timesheets),
                out_dir=pay_run.folder,
                replace=replace,
                by=by,
            )
            write_ledger_file(staging.path, batch, workspace.url)
            fault_point("ledger")
            hold.enter_context(signals_held())
            staging.seal(pending=True)
            fault_point("pending")
    except BaseException:
        if staging is not None:
            _settle_own(workspace, staging)
        hold.close()
        raise
    try:
        fault_point("committed")
        staging.place()
    except OSError as exc:
        message = Msg("store.pay.not_placed", month=str(month), batch=batch.id, error=exc.strerror)
        raise WorkspaceError(message, where=str(pay_run.folder)) from None
    finally:
        hold.close()
    return pay_run, batch
