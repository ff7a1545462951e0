"""``hamyar runs`` and ``hamyar show RUN``: the runs recorded in the workspace."""

from __future__ import annotations

import json
from pathlib import Path

import click

from hamyar.commands.options import lang_option
from hamyar.commands.workspace import open_workspace, workspace_option
from hamyar.store import in_language
from hamyar.store.adoption import adopted
from hamyar.store.decisions import term_decisions
from hamyar.store.runs import RunView, get_run, list_runs


@click.command("runs")
@click.option("--term", "term", help="Only the runs of this term, e.g. 1402-1.")
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
        header = ("id", "term", "command", "name", "when", "by", "status", "placed", "cost rial")
        if lang == "fa":
            header = (
                "شناسه",
                "نیمسال",
                "فرمان",
                "نام",
                "زمان",
                "کاربر",
                "وضعیت",
                "جای‌گرفته",
                "هزینه",
            )
        click.echo("  ".join(header))
        for r in runs:
            mark = "*" if r.id in chosen else " "
            click.echo(
                f"{mark}{r.id}  {r.term}  {r.command}  {r.name}  {r.created_at:%Y-%m-%d %H:%M}  "
                f"{r.created_by}  {r.status}  {r.kpis.get('placed', '')}  "
                f"{r.kpis.get('term_cost_rial', 0):,}"
            )
        for t in sorted({r.term for r in runs}):
            decisions = term_decisions(session, t)
            if decisions:
                click.echo(f"decisions of {t}:" if lang == "en" else f"تصمیم‌های {t}:")
            for d in decisions:
                text = d.en if lang == "en" else d.fa
                click.echo(f"  {d.at:%Y-%m-%d %H:%M}  {d.by}  {d.kind}  {text}")
    workspace.close()


@click.command("show")
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
