"""``hamyar runs`` and ``hamyar show RUN``: the runs recorded in the workspace."""

from __future__ import annotations

import json
from pathlib import Path

import click

from hamyar.commands.base import Command
from hamyar.commands.options import lang_option
from hamyar.commands.workspace import open_workspace, workspace_option
from hamyar.messages import current_lang, digits, jalali, number, say
from hamyar.store import in_language
from hamyar.store.adoption import adopted
from hamyar.store.decisions import term_decisions
from hamyar.store.runs import RunView, get_run, list_runs


@click.command("runs", cls=Command, help="help.runs")
@click.option("--term", "term", help="help.runs.term")
@workspace_option
@lang_option
def command(term: str | None, workspace_dir: Path | None, lang: str) -> None:
    """List the recorded runs; * marks each term's adopted allocation."""
    workspace = open_workspace(workspace_dir, lang)
    with in_language(lang), workspace.session() as session:
        runs = list_runs(session, term)
        chosen = {
            row.run_id for t in {r.term for r in runs} if (row := adopted(session, t)) is not None
        }
        click.echo("  ".join(say(f"runs.column.{c}") for c in COLUMNS))
        for r in runs:
            mark = "*" if r.id in chosen else " "
            placed = r.kpis.get("placed", "")
            cells = (
                number(r.id, spec="d"),
                digits(r.term),
                r.command,
                r.name,
                jalali(r.created_at),
                r.created_by,
                r.status,
                number(placed) if isinstance(placed, int) else str(placed),
                number(r.kpis.get("term_cost_rial", 0)),
            )
            click.echo(mark + "  ".join(cells))
        fa = current_lang() == "fa"
        for t in sorted({r.term for r in runs}):
            decisions = term_decisions(session, t)
            if decisions:
                click.echo(say("runs.decisions", term=t))
            for d in decisions:
                text = d.fa if fa else d.en
                click.echo(f"  {jalali(d.at)}  {d.by}  {d.kind}  {text}")
    workspace.close()


COLUMNS = ("id", "term", "command", "name", "when", "by", "status", "placed", "cost")


@click.command("show", cls=Command, help="help.show")
@click.argument("run_id", type=int)
@workspace_option
@lang_option
def show_command(run_id: int, workspace_dir: Path | None, lang: str) -> None:
    """Print one recorded run: inputs with hashes, policy, status, KPIs (JSON)."""
    workspace = open_workspace(workspace_dir, lang)
    with in_language(lang), workspace.session() as session:
        run = get_run(session, run_id)
        row = adopted(session, run.term)
        view = RunView(
            run=run,
            adopted=row is not None and row.run_id == run.id,
            inputs=[(i.name, i.sha256, len(i.content) if i.content else None) for i in run.inputs],
            placed=len(run.assignments),
        )
        click.echo(json.dumps(view.as_dict(), ensure_ascii=False, indent=2))
    workspace.close()
