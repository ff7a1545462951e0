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

from hamyar.commands.base import Command
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
from hamyar.messages import check_lang, say
from hamyar.models import JalaliDate
from hamyar.store import in_language
from hamyar.store.vacancy import VacancyOutcome, end_placement
from hamyar.text import normalize_value


def parse_date(text: str) -> JalaliDate:
    try:
        return JalaliDate.parse(text)
    except ValueError as exc:
        raise InputError(Issue(str(exc), text, file="-", column="--from")) from None


@click.command("vacancy", cls=Command, help="help.vacancy")
@click.argument("student")
@click.option("--from", "date_text", required=True, help="help.vacancy.from")
@click.option("--reason", help="help.vacancy.reason")
@click.option("--by", "by", help="help.vacancy.by")
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
    chosen = check_lang(lang)
    say_ = lambda key, /, **params: say(key, lang=chosen, **params)  # noqa: E731
    lines = [
        say_(
            "vacancy.done",
            vacancy=v.id,
            term=v.term,
            run=v.run_id,
            student=v.student_id,
            name=f"{leaver.first_name} {leaver.last_name}",
            code=unit.code,
            unit=unit.name_fa if chosen == "fa" else unit.name_en or unit.name_fa,
            since=v.vacant_from,
            why=say_("vacancy.reason", reason=v.reason) if v.reason else "",
            by=v.decided_by,
        )
    ]
    if newcomer is None:
        lines.append(
            say_("vacancy.nobody", code=unit.code, gender=say_(f"word.gender.{fill.gender.value}"))
        )
    else:
        place = fill.position if fill.position is not None else "-"
        lines.append(
            say_(
                "vacancy.newcomer",
                student=newcomer.student_id,
                name=newcomer.full_name,
                place=place,
                rank=newcomer.preference_rank,
                since=v.vacant_from,
            )
        )
        lines.append(say_("vacancy.pay_both", month=str(month)))
    for paid in outcome.paid_months:
        lines.append(say_("vacancy.already_paid", month=str(paid)))
    return "\n".join(lines)
