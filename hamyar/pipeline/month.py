"""One month's payroll run, from files to files: what ``hamyar pay`` does.

1. read the allocation folder (``assignments.csv``, ``summary.json``);
2. check the month is a payroll month of the allocation's term;
3. refuse a month already written under ``--out`` (a month is never paid twice) unless
   ``replace``;
4. read the timesheets, keep every bad row with its location;
5. compute the payroll and the transfer list; a term with mid-term vacancies adds the newcomers'
   placements and the periods of the placements that cover part of the term (rule P5);
6. write everything into a staging folder beside ``--out/yyyy-mm/``
   (:class:`hamyar.io.outdir.Staging`) and put it in place, so a run that fails leaves nothing
   behind. :func:`stage_month` stops before the last step, for ``pay`` to commit its ledger
   first (:mod:`hamyar.store.paying`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from hamyar.errors import InputError, Issue
from hamyar.io.allocation_dir import AllocationRecord, read_allocation_dir
from hamyar.io.manifest import changed_rows
from hamyar.io.outdir import Staging
from hamyar.io.outlock import lock_output, release
from hamyar.io.placements import ASSIGNMENTS_FILE, PlacedRow
from hamyar.io.timesheets import parse_timesheets
from hamyar.messages import Msg
from hamyar.models import JalaliMonth
from hamyar.payments.payroll import Payroll, cap_warnings, check_month, compute_payroll
from hamyar.payments.prorata import Period, with_newcomers
from hamyar.payments.transfers import TransferList, build_transfer_list
from hamyar.reports.payroll_files import write_payroll_folder
from hamyar.text import Lang


@dataclass(frozen=True)
class PayRun:
    """What a payroll run produced and where."""

    payroll: Payroll
    transfers: TransferList
    folder: Path
    warnings: tuple[Issue, ...]


def month_folder(out: str | Path, month: JalaliMonth) -> Path:
    """``out/yyyy-mm``: one folder per paid month."""
    return Path(out) / f"{month.year:04d}-{month.month:02d}"


def refuse_paid_month(folder: Path, month: JalaliMonth, replace: bool) -> None:
    """A month's folder that exists is refused unless ``replace``: nobody is paid twice.

    The folder is locked first, so two payrolls of one month at once cannot both be written."""
    lock_output(folder.absolute())
    if folder.exists() and not folder.is_dir():
        raise InputError(Issue(Msg("pipeline.month.not_a_folder"), file=str(folder)))
    if folder.is_dir() and any(folder.iterdir()) and not replace:
        raise InputError(
            Issue(
                Msg("pipeline.month.written", month=str(month)),
                file=str(folder),
            )
        )


def refuse_edited_allocation(record: AllocationRecord) -> None:
    """Refuse an ``assignments.csv`` changed after the run wrote it, naming the changed rows."""
    rows = changed_rows(Path(record.folder), ASSIGNMENTS_FILE)
    if not rows:
        return
    students = {r.row: r.student_id for r in record.rows}
    path = str(Path(record.folder) / ASSIGNMENTS_FILE)
    raise InputError(
        [
            Issue(
                Msg("pipeline.month.edited"),
                students.get(row),
                file=path,
                row=row,
            )
            for row in rows
        ]
    )


def pay_month(
    allocation: str | Path,
    timesheets: str | Path,
    month: JalaliMonth,
    out: str | Path,
    *,
    replace: bool = False,
    skip_bad_rows: bool = False,
    lang: Lang = "fa",
    newcomers: tuple[PlacedRow, ...] = (),
    periods: Mapping[str, Period] | None = None,
) -> PayRun:
    """Run the payroll of ``month`` and write its folder; :class:`InputError` on bad input,
    with nothing written. ``newcomers`` and ``periods`` are the term's mid-term vacancies: the
    placements they started and the days every changed placement covers."""
    pay_run, staging = stage_month(
        allocation,
        timesheets,
        month,
        out,
        replace=replace,
        skip_bad_rows=skip_bad_rows,
        lang=lang,
        newcomers=newcomers,
        periods=periods,
    )
    staging.place()
    return pay_run


def stage_month(
    allocation: str | Path,
    timesheets: str | Path,
    month: JalaliMonth,
    out: str | Path,
    *,
    replace: bool = False,
    skip_bad_rows: bool = False,
    lang: Lang = "fa",
    newcomers: tuple[PlacedRow, ...] = (),
    periods: Mapping[str, Period] | None = None,
) -> tuple[PayRun, Staging]:
    """The payroll of ``month`` written into a staging folder beside ``out/yyyy-mm``, not yet in
    place: the caller places it (:meth:`Staging.place`) or abandons it. The month folder stays
    locked until then."""
    record = read_allocation_dir(allocation)
    refuse_edited_allocation(record)
    check_month(month, record.term, record.policy)
    record = with_newcomers(record, newcomers)
    folder = month_folder(out, month)
    try:
        refuse_paid_month(folder, month, replace)
        parsed = parse_timesheets(timesheets)
        fatal = [i for i in parsed.errors if i.row is None]
        if fatal:
            raise InputError(fatal)
        payroll = compute_payroll(
            record,
            month,
            parsed.records,
            read_errors=parsed.errors,
            skip_bad_rows=skip_bad_rows,
            headers=parsed.headers,
            periods=periods,
        )
        transfers = build_transfer_list(payroll, lang)
        staging = Staging(folder, force=replace, keep_replaced=True)
    except BaseException:
        release(folder)
        raise
    try:
        write_payroll_folder(staging.path, payroll, transfers, lang)
    except BaseException as exc:
        staging.abandon(exc)
        raise
    capped = cap_warnings(payroll, parsed.headers.get("hours", "hours"))
    return PayRun(payroll, transfers, folder, (*parsed.warnings, *capped)), staging
