"""``hamyar pay``: one month's payroll and bank transfer list from an allocation and timesheets.

Bad timesheet rows (negative or non-numeric hours, unknown student or unit, a month outside the
term, a duplicate row) are printed as ``file:row:column: what is wrong (value)`` and stop the run
with exit code 2 before anything is written, unless ``--skip-bad-rows`` lists them in the output
and leaves them out of the totals. The allocation folder must be the term's adopted run, and
every line goes into the workspace's payroll ledger: a month already paid, into any folder, is
refused (exit 2) unless ``--replace``, which voids the earlier batch (kept in the audit trail).
"""

from __future__ import annotations

from pathlib import Path

import click

from hamyar.commands.workspace import open_workspace, workspace_option
from hamyar.errors import InputError, Issue
from hamyar.io.outlock import lock_output
from hamyar.models import JalaliMonth
from hamyar.models.pay import toman
from hamyar.pipeline.month import PayRun, month_folder
from hamyar.store import in_language
from hamyar.store.paying import pay_recorded


def parse_month(text: str) -> JalaliMonth:
    try:
        return JalaliMonth.parse(text)
    except ValueError as exc:
        raise InputError(Issue(str(exc), text, file="-", column="--month")) from None


@click.command("pay")
@click.option(
    "--allocation",
    "allocation",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Output folder of a run (assignments.csv and summary.json).",
)
@click.option(
    "--timesheets",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Timesheets (.xlsx or .csv): student_id, unit_code, month, hours.",
)
@click.option("--month", "month_text", required=True, help="Jalali month to pay, e.g. 1402/08.")
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path, dir_okay=True, file_okay=False),
    help="Payroll folder; the month is written into OUT/yyyy-mm/.",
)
@click.option("--replace", is_flag=True, help="Write again a month already written under OUT.")
@click.option("--skip-bad-rows", is_flag=True, help="Leave bad timesheet rows out and list them.")
@click.option(
    "--lang",
    type=click.Choice(["fa", "en"]),
    default="fa",
    show_default=True,
    help="Language of the workbooks (fa: Persian headers, right to left).",
)
@click.option("--by", "by", help="Who pays; the operating-system user by default.")
@workspace_option
def command(
    allocation: Path,
    timesheets: Path,
    month_text: str,
    out: Path,
    replace: bool,
    skip_bad_rows: bool,
    lang: str,
    by: str | None,
    workspace_dir: Path | None,
) -> None:
    """Pay one month: payroll workbook, transfer list (xlsx and CSV), held-back and unpaid rows."""
    month = parse_month(month_text)
    lock_output(month_folder(out, month).absolute())  # a second pay here is refused at once
    workspace = open_workspace(workspace_dir, lang)
    with in_language(lang):
        run, batch = pay_recorded(
            workspace,
            allocation,
            timesheets,
            month,
            out,
            replace=replace,
            skip_bad_rows=skip_bad_rows,
            lang="en" if lang == "en" else "fa",
            by=by,
        )
    workspace.close()
    for warning in run.warnings:
        click.echo(str(warning), err=True)
    click.echo(render(run))
    lines = len(batch.lines)
    click.echo(f"  ledger:          batch {batch.id}, {lines} lines (run {batch.run_id})")
    if run.payroll.no_timesheet:
        missing = run.payroll.no_timesheet
        click.echo(f"  no timesheet row: {len(missing)} adopted students: {', '.join(missing)}")


def render(run: PayRun) -> str:
    """The lines printed after a payroll run."""
    p, t = run.payroll, run.transfers
    lines = [
        f"payroll {p.month} (term {p.term}) written to {run.folder}",
        f"  paid students:   {len(p.lines)} in {len(p.units)} units; "
        f"{len(p.capped)} capped at {p.policy.monthly_hours_cap} h (P3)",
        f"  payroll total:   {p.total_rial:,} rial ({p.total_toman:,} toman)",
        f"  transfers:       {len(t.transfers)}, control total {t.control_total_rial:,} rial "
        f"({toman(t.control_total_rial):,} toman)",
        f"  held back:       {len(t.held_back)} ({t.held_back_rial:,} rial)",
        f"  not payable:     {len(p.not_payable)} rows "
        f"({sum(1 for n in p.not_payable if n.rule == 'P4')} second-unit, P4)",
    ]
    if p.bad_rows:
        lines.append(f"  bad rows skipped: {len(p.bad_rows)}")
        lines.extend(f"    {b}" for b in p.bad_rows)
    for held in t.held_back:
        lines.append(f"  held: {held.student_id} {held.full_name}: {held.reason_en}")
    return "\n".join(lines)
