"""``hamyar notices --out DIR [--term T] [--lang fa|en]``: tell every applicant the result.

From the term's adopted allocation (:mod:`hamyar.store.notices`): ``notices.csv`` for an SMS
gateway or the Sajad portal, one printable letter per applicant and one introduction letter per
unit (:mod:`hamyar.reports.notice_files`). No adopted allocation: exit 2, nothing written.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from hamyar.commands.base import Command
from hamyar.commands.options import force_option, lang_option, parse_term, term_option
from hamyar.commands.workspace import open_workspace, workspace_option
from hamyar.messages import say


@click.command("notices", cls=Command, help="help.notices")
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="help.notices.out",
)
@term_option
@click.option(
    "--scenario",
    help="help.notices.scenario",
)
@lang_option
@force_option
@workspace_option
def command(
    out: Path,
    term_text: str | None,
    scenario: str | None,
    lang: str,
    force: bool,
    workspace_dir: Path | None,
) -> None:
    """Notices of the adopted allocation: a text per applicant (placed: unit, hours, whom to
    report to; not placed: why, and the waiting-list places), letters, and unit letters."""
    from hamyar.io.outdir import check_out_dir, staged_output
    from hamyar.reports.notice_files import write_notices
    from hamyar.reports.notices import student_notices, unit_letters
    from hamyar.store import in_language
    from hamyar.store.notices import gather_notices
    from hamyar.text import check_lang

    language = check_lang(lang)
    term = parse_term(term_text)
    check_out_dir(out, force)
    workspace = open_workspace(workspace_dir, lang)
    try:
        with in_language(lang), workspace.session() as session:
            source = gather_notices(session, str(term) if term else None, scenario)
    finally:
        workspace.close()
    problem = source.problem
    notices = student_notices(
        problem,
        source.eligibility,
        source.placement,
        source.explanations,
        source.waiting,
        language,
        left=source.left,
        starts=source.starts,
    )
    letters = unit_letters(problem, source.placement)
    with staged_output(out, force) as folder:
        write_notices(folder, problem, notices, letters, source.run_id, language)
    counts = Counter(n.kind for n in notices)
    with_mobile = sum(1 for n in notices if n.mobile)
    click.echo(
        say(
            "notices.done",
            run=source.run_id,
            term=str(problem.term),
            placed=counts["placed"],
            not_placed=counts["not_placed"],
            ineligible=counts["ineligible"],
            left=counts["left"],
            mobile=with_mobile,
            letters=len(letters),
        )
    )
    click.echo(say("notices.wrote", out=str(out)))
