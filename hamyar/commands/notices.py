"""``hamyar notices --out DIR [--term T] [--lang fa|en]``: tell every applicant the result.

From the term's adopted allocation (:mod:`hamyar.store.notices`): ``notices.csv`` for an SMS
gateway or the Sajad portal, one printable letter per applicant and one introduction letter per
unit (:mod:`hamyar.reports.notice_files`). No adopted allocation: exit 2, nothing written.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import click

from hamyar.commands.options import force_option, lang_option, parse_term, term_option
from hamyar.commands.workspace import open_workspace, workspace_option

if TYPE_CHECKING:
    from hamyar.reports.notices import StudentNotice, UnitLetter
    from hamyar.text import Lang


def write_term_notices(
    workspace_dir: Path | None,
    out: Path,
    term: str | None,
    scenario: str | None,
    lang: Lang,
    force: bool,
) -> tuple[int, str, tuple[StudentNotice, ...], tuple[UnitLetter, ...]]:
    """Write the notices of ``term``'s adopted allocation into ``out`` (module docstring); the
    run id, the term, the notices and the unit letters."""
    from hamyar.io.outdir import check_out_dir, staged_output
    from hamyar.reports.notice_files import write_notices
    from hamyar.reports.notices import student_notices, unit_letters
    from hamyar.store import in_language
    from hamyar.store.notices import gather_notices

    check_out_dir(out, force)
    workspace = open_workspace(workspace_dir, lang)
    try:
        with in_language(lang), workspace.session() as session:
            source = gather_notices(session, term, scenario)
    finally:
        workspace.close()
    problem = source.problem
    notices = tuple(
        student_notices(
            problem,
            source.eligibility,
            source.placement,
            source.explanations,
            source.waiting,
            lang,
            left=source.left,
            starts=source.starts,
        )
    )
    letters = tuple(unit_letters(problem, source.placement))
    with staged_output(out, force) as folder:
        write_notices(folder, problem, notices, letters, source.run_id, lang)
    return source.run_id, str(problem.term), notices, letters


@click.command("notices")
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Output folder: notices.csv, letters/, units/.",
)
@term_option
@click.option(
    "--scenario",
    help="The adopted run's scenario, when its folder does not record it.",
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
    from hamyar.text import check_lang

    language = check_lang(lang)
    term = parse_term(term_text)
    run_id, term_name, notices, letters = write_term_notices(
        workspace_dir, out, str(term) if term else None, scenario, language, force
    )
    counts = Counter(n.kind for n in notices)
    with_mobile = sum(1 for n in notices if n.mobile)
    if language == "fa":
        click.echo(
            f"اطلاعیه‌های اجرای {run_id} (نیمسال {term_name}): "
            f"{counts['placed']} پذیرفته، {counts['not_placed']} بی‌جا، "
            f"{counts['ineligible']} فاقد شرایط، {counts['left']} پایان همکاری؛ "
            f"{with_mobile} با تلفن همراه؛ "
            f"{len(letters)} نامه‌ی واحد"
        )
    else:
        click.echo(
            f"notices of run {run_id} (term {term_name}): {counts['placed']} placed, "
            f"{counts['not_placed']} not placed, {counts['ineligible']} not eligible, "
            f"{counts['left']} left; "
            f"{with_mobile} with a mobile; {len(letters)} unit letters"
        )
    click.echo(f"wrote {out}")
