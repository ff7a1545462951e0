"""``hamyar evaluations template|import``: the units' end-of-term evaluation of their students.

``template --term T --out FILE [--unit CODE …]`` writes the blank workbook from the term's
adopted allocation (one row per student, Persian headers, a drop-down راضی / ناراضی); names
come from the adopted run's ``assignments.csv`` when its folder is still there.
``import FILE --term T`` checks the filled workbook whole and stores it (who and when); any
bad row — a unit or a student outside the adopted allocation, a value not in the list, a pair
twice — is reported ``file:row:column``, all at once, exit 2, and nothing is stored.
"""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy.orm import Session

from hamyar.commands.base import Group
from hamyar.commands.options import FILE, lang_option
from hamyar.commands.workspace import open_workspace, workspace_option
from hamyar.errors import InputError, Issue
from hamyar.io.evaluations import RosterRow, evaluation_workbook, parse_evaluations
from hamyar.io.outdir import staged_file
from hamyar.io.placements import read_assignments_csv
from hamyar.messages import Msg, say
from hamyar.models import Term
from hamyar.store import in_language
from hamyar.store.adoption import adopted, adopted_run
from hamyar.store.evaluations import check_entries, record_evaluations, roster
from hamyar.store.vacancy import term_changes
from hamyar.text import normalize_key


def _term(text: str) -> str:
    try:
        return str(Term.parse(text))
    except ValueError as exc:
        raise InputError(Issue(str(exc), text, file="-", column="--term")) from None


@click.group("evaluations", cls=Group, help="help.evaluations")
def group() -> None:
    """The units' end-of-term evaluations (satisfied / not satisfied) of their students."""


def _names(out_dir: str | None) -> dict[str, tuple[str, str, str]]:
    """``{student_id: (first name, last name, unit name)}`` from the run's folder, if there."""
    if not out_dir:
        return {}
    path = Path(out_dir) / "assignments.csv"
    try:
        rows = read_assignments_csv(path)
    except (InputError, OSError):
        return {}
    return {r.student_id: (r.first_name, r.last_name, r.unit_name_fa) for r in rows}


def _newcomer_names(session: Session, term: str) -> dict[str, tuple[str, str, str]]:
    """Names of the students mid-term vacancies placed (not in the run's folder)."""
    adoption = adopted(session, term)
    if adoption is None:
        return {}
    return {
        r.student_id: (r.first_name, r.last_name, r.unit_name_fa)
        for r in term_changes(session, adoption).newcomers
    }


@group.command("template", help="help.evaluations.template")
@click.option("--term", "term_text", required=True, help="help.evaluations.template.term")
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="help.evaluations.template.out",
)
@click.option("--unit", "units", multiple=True, help="help.evaluations.template.unit")
@click.option("--force", is_flag=True, help="help.evaluations.template.force")
@workspace_option
@lang_option
def template_command(
    term_text: str,
    out: Path,
    units: tuple[str, ...],
    force: bool,
    workspace_dir: Path | None,
    lang: str,
) -> None:
    """The blank evaluation workbook of a term's adopted allocation."""
    term = _term(term_text)
    if out.suffix.lower() != ".xlsx":
        raise InputError(Issue(Msg("evaluations.xlsx_only"), file=str(out)))
    if out.exists() and not force:
        raise InputError(Issue(Msg("cli.out_file_exists"), file=str(out)))
    workspace = open_workspace(workspace_dir, lang)
    try:
        with in_language(lang), workspace.session() as session:
            placed = roster(session, term)
            names = _names(adopted_run(session, term).out_dir)
            names.update(_newcomer_names(session, term))
    finally:
        workspace.close()
    wanted = {normalize_key(u) for u in units}
    known = {normalize_key(code) for code in placed.values()}
    unknown = [u for u in units if normalize_key(u) not in known]
    if unknown:
        raise InputError(
            [
                Issue(Msg("evaluations.unit_unknown", term=term), u, file="-", column="--unit")
                for u in unknown
            ]
        )
    rows = [
        RosterRow(sid, code, *names.get(sid, ("", "", "")))
        for sid, code in sorted(placed.items(), key=lambda kv: (kv[1], kv[0]))
        if not wanted or normalize_key(code) in wanted
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    with staged_file(out) as tmp:
        evaluation_workbook(rows, term).save(tmp)
    count = len({r.unit_code for r in rows})
    click.echo(
        say("evaluations.template.done", students=len(rows), units=count, term=term, out=str(out))
    )


@group.command("import", help="help.evaluations.import")
@click.argument("file", type=FILE)
@click.option("--term", "term_text", required=True, help="help.evaluations.import.term")
@click.option("--by", "by", help="help.evaluations.import.by")
@workspace_option
@lang_option
def import_command(
    file: Path, term_text: str, by: str | None, workspace_dir: Path | None, lang: str
) -> None:
    """Store a filled evaluation workbook (all of it, or nothing when a row is wrong)."""
    term = _term(term_text)
    parsed = parse_evaluations(file)
    workspace = open_workspace(workspace_dir, lang)
    try:
        with in_language(lang), workspace.session() as session:
            roster(session, term)  # no adopted allocation: refused before the rows
            issues = list(parsed.errors)
            issues += check_entries(session, term, parsed.records, parsed.headers)
            if issues:
                issues.sort(key=lambda i: i.row or 0)
                raise InputError(issues)
            stored = record_evaluations(session, term, parsed.records, by=by)
    finally:
        workspace.close()
    click.echo(
        say(
            "evaluations.import.done",
            stored=stored.stored,
            term=term,
            satisfied=stored.satisfied,
            unsatisfied=stored.unsatisfied,
            not_evaluated=stored.not_evaluated,
            superseded=stored.superseded,
        )
    )
