"""``hamyar vacancy STUDENT --from DATE [--reason …] [--by NAME]``: a student leaves mid-term.

Ends the student's placement in the term's adopted allocation from DATE (the leaver's last day
is the day before), offers the seat down the unit's waiting list with everyone else kept where
they are, records both in the workspace, and prints who took the seat. ``hamyar pay`` then pays
the leaver and the newcomer for their part of the month (rule P5). A student who is not placed,
a date outside the term, a second vacancy of one placement or a term with no adopted
allocation is refused with exit code 2, and nothing is recorded.
"""

from __future__ import annotations

from pathlib import Path

import click

from hamyar.commands.options import (
    lang_option,
    load_solver_params,
    parse_term,
    solver_params_option,
    term_option,
    time_limit_option,
)
from hamyar.commands.workspace import open_workspace, workspace_option
from hamyar.errors import InputError, Issue
from hamyar.models import JalaliDate
from hamyar.store import in_language
from hamyar.store.vacancy import VacancyOutcome, end_placement
from hamyar.text import normalize_value


def parse_date(text: str) -> JalaliDate:
    try:
        return JalaliDate.parse(text)
    except ValueError as exc:
        raise InputError(Issue(str(exc), text, file="-", column="--from")) from None


@click.command("vacancy")
@click.argument("student")
@click.option(
    "--from", "date_text", required=True, help="First day the seat is free, e.g. 1402/09/15."
)
@click.option("--reason", help="Why the student left (kept with the vacancy).")
@click.option("--by", "by", help="Who decided; the operating-system user by default.")
@term_option
@time_limit_option
@solver_params_option
@workspace_option
@lang_option
def command(
    student: str,
    date_text: str,
    reason: str | None,
    by: str | None,
    term_text: str | None,
    time_limit: float | None,
    solver_params_file: Path | None,
    workspace_dir: Path | None,
    lang: str,
) -> None:
    """End STUDENT's placement from --from and give the seat to the next on the waiting list."""
    solver = load_solver_params(solver_params_file)
    date = parse_date(date_text)
    term = parse_term(term_text)
    workspace = open_workspace(workspace_dir, lang)
    try:
        with in_language(lang):
            outcome = end_placement(
                workspace,
                normalize_value(student),
                date,
                term=term,
                reason=reason,
                by=by,
                time_limit_s=time_limit,
                solver=solver,
            )
    finally:
        workspace.close()
    click.echo(render(outcome, lang))


def render(outcome: VacancyOutcome, lang: str) -> str:
    """Who left, who took the seat, and what the payroll does with it, in ``lang``."""
    v, fill, problem = outcome.vacancy, outcome.fill, outcome.problem
    leaver = problem.applicant_by_id[v.student_id]
    unit = problem.unit_by_code[v.unit_code]
    month = JalaliDate.parse(v.vacant_from).jalali_month
    newcomer = fill.newcomer
    en = lang == "en"
    if en:
        why = f" (reason: {v.reason})" if v.reason else ""
        lines = [
            f"vacancy {v.id} (term {v.term}, run {v.run_id}): {v.student_id} "
            f"{leaver.first_name} {leaver.last_name} leaves {unit.code} "
            f"{unit.name_en or unit.name_fa} from {v.vacant_from}{why}, decided by {v.decided_by}"
        ]
    else:
        why = f" (علت: {v.reason})" if v.reason else ""
        lines = [
            f"جای خالی {v.id} (نیمسال {v.term}، اجرای {v.run_id}): {v.student_id} "
            f"{leaver.first_name} {leaver.last_name} از {v.vacant_from} واحد {unit.code} "
            f"({unit.name_fa}) را ترک می‌کند{why}؛ تصمیم: {v.decided_by}"
        ]
    if newcomer is None:
        lines.append(
            f"  nobody on the waiting list of {unit.code} ({fill.gender.value}) is left: "
            "the seat stays empty"
            if en
            else f"  کسی در فهرست انتظار {unit.code} نمانده است: این جای خالی پر نمی‌شود"
        )
    else:
        rank = newcomer.preference_rank
        place = fill.position if fill.position is not None else "-"
        if en:
            lines.append(
                f"  the seat goes to {newcomer.student_id} {newcomer.full_name} "
                f"(waiting list position {place}, preference {rank}), from {v.vacant_from}"
            )
            lines.append(f"  pay pays both for their part of {month} (P5); nobody else moves")
        else:
            lines.append(
                f"  جای او به {newcomer.student_id} {newcomer.full_name} می‌رسد "
                f"(نفر {place} فهرست انتظار، اولویت {rank})، از {v.vacant_from}"
            )
            lines.append(
                f"  پرداخت، هر دو را به نسبت روزهای {month} می‌پردازد (P5)؛ جای کس دیگری "
                "تغییر نمی‌کند"
            )
    for paid in outcome.paid_months:
        lines.append(
            f"  month {paid} is already paid with the whole month: pay it again with --replace"
            if en
            else f"  ماه {paid} پیش‌تر کامل پرداخت شده است: با ‎--replace دوباره بپردازید"
        )
    return "\n".join(lines)
