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

from hamyar.commands.base import Command, lang_option
from hamyar.commands.workspace import open_workspace, workspace_option
from hamyar.errors import InputError, Issue
from hamyar.io.outlock import lock_output
from hamyar.messages import check_lang, current_lang, joined, say
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


@click.command("pay", cls=Command, help="help.pay")
@click.option(
    "--allocation",
    "allocation",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="help.pay.allocation",
)
@click.option(
    "--timesheets",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="help.pay.timesheets",
)
@click.option("--month", "month_text", required=True, help="help.pay.month")
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path, dir_okay=True, file_okay=False),
    help="help.pay.out",
)
@click.option("--replace", is_flag=True, help="help.pay.replace")
@click.option("--skip-bad-rows", is_flag=True, help="help.pay.skip_bad_rows")
@lang_option
@click.option("--by", "by", help="help.pay.by")
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
            lang=check_lang(lang),
            by=by,
        )
    workspace.close()
    for warning in run.warnings:
        click.echo(str(warning), err=True)
    click.echo(render(run))
    lines = len(batch.lines)
    click.echo(say("pay.ledger", batch=batch.id, lines=lines, run=batch.run_id))
    if run.payroll.no_timesheet:
        missing = run.payroll.no_timesheet
        click.echo(say("pay.no_timesheet", count=len(missing), students=joined(missing)))


def render(run: PayRun) -> str:
    """The lines printed after a payroll run."""
    p, t = run.payroll, run.transfers
    lines = [
        say("pay.heading", month=str(p.month), term=str(p.term), folder=str(run.folder)),
        say(
            "pay.paid",
            students=len(p.lines),
            units=len(p.units),
            capped=len(p.capped),
            cap=p.policy.monthly_hours_cap,
        ),
        say("pay.total", rial=p.total_rial, toman=p.total_toman),
        say(
            "pay.transfers",
            count=len(t.transfers),
            rial=t.control_total_rial,
            toman=toman(t.control_total_rial),
        ),
        say("pay.held_back", count=len(t.held_back), rial=t.held_back_rial),
        say(
            "pay.not_payable",
            count=len(p.not_payable),
            second=sum(1 for n in p.not_payable if n.rule == "P4"),
        ),
    ]
    if p.bad_rows:
        lines.append(say("pay.bad_rows", count=len(p.bad_rows)))
        lines.extend(f"    {b}" for b in p.bad_rows)
    fa = current_lang() == "fa"
    for held in t.held_back:
        reason = held.reason_fa if fa else held.reason_en
        lines.append(say("pay.held", student=held.student_id, name=held.full_name, reason=reason))
    return "\n".join(lines)
