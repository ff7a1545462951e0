"""``hamyar pay`` against the workspace, in one transaction:

1. the run that wrote ``--allocation`` (its ``workspace-run.json``) must be the term's adopted
   allocation;
2. the term is locked, and a month already in the ledger is refused unless ``replace``;
3. a timesheet file with no row for the month is refused, naming the months it holds;
4. the payroll folder is written (:func:`hamyar.pipeline.month.pay_month`) from the term's
   effective placements (the adopted run's, with the adoption's mid-term vacancies: newcomers
   added, part months pro rata by rule P5) and every line goes into the ledger. Any failure
   rolls the ledger back; the folder is written last but one, and the commit only follows it.
"""

from __future__ import annotations

from pathlib import Path

from hamyar.io.allocation_dir import read_allocation_dir
from hamyar.io.timesheets import parse_timesheets
from hamyar.models import JalaliMonth
from hamyar.payments.payroll import check_month
from hamyar.pipeline import file_sha256
from hamyar.pipeline.month import PayRun, pay_month
from hamyar.store.adoption import require_adopted
from hamyar.store.engine import Workspace
from hamyar.store.errors import WorkspaceError
from hamyar.store.ledger import record_payroll, refuse_paid
from hamyar.store.runs import get_run, run_id_of_folder
from hamyar.store.schema import PaymentBatchRow
from hamyar.store.vacancy import term_changes
from hamyar.text import Lang


def check_month_in_timesheets(path: Path, month: JalaliMonth) -> None:
    """Refuse timesheets that hold no row of ``month``, naming the months they hold."""
    parsed = parse_timesheets(path)
    months = sorted({r.month for r in parsed.records})
    if parsed.records and month not in months:
        held = ", ".join(str(m) for m in months)
        raise WorkspaceError(
            f"the timesheets hold no row for {month}; they hold {held}",
            f"کارکردها هیچ ردیفی برای {month} ندارند؛ ماه‌های موجود: {held}",
            where=str(path),
            value=str(month),
        )


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
) -> tuple[PayRun, PaymentBatchRow]:
    """Pay ``month`` from an adopted run's folder; the folder and the ledger batch."""
    record = read_allocation_dir(allocation)
    check_month(month, record.term, record.policy)
    run_id = run_id_of_folder(allocation)
    check_month_in_timesheets(timesheets, month)
    with workspace.session() as session:
        run = get_run(session, run_id)
        adoption = require_adopted(session, run)
        refuse_paid(session, month, replace)
        changes = term_changes(session, adoption)
        pay_run = pay_month(
            allocation,
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
        )
    return pay_run, batch
