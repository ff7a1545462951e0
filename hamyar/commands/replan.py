"""``hamyar replan PREVIOUS_RUN --rejections FILE [--out DIR]``: refill the seats units freed.

Reads an earlier run's folder (``assignments.csv``, ``summary.json``, and the ``source.json``
the scenario commands write, or ``--scenario``), adds the units' rejections (rule E9), keeps
every other placed student where he or she was, and refills the freed seats. Writes the same
reports as ``hamyar run`` and ``diff.csv`` against the earlier run.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from hamyar.commands.base import Command
from hamyar.commands.options import (
    force_option,
    lang_option,
    load_solver_params,
    solver_params_option,
    time_limit_option,
)
from hamyar.commands.workspace import record_and_write, workspace_option
from hamyar.messages import say


@click.command("replan", cls=Command, help="help.replan")
@click.argument("previous_run", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--rejections",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="help.replan.rejections",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    help="help.replan.out",
)
@click.option(
    "--scenario",
    help="help.replan.scenario",
)
@lang_option
@click.option("--per-unit", is_flag=True, help="help.replan.per_unit")
@time_limit_option
@solver_params_option
@force_option
@workspace_option
def command(
    previous_run: Path,
    rejections: Path,
    out: Path | None,
    scenario: str | None,
    lang: str,
    per_unit: bool,
    time_limit: float | None,
    solver_params_file: Path | None,
    force: bool,
    workspace_dir: Path | None,
) -> None:
    """Keep an earlier run's placements, drop those units turned down, refill the seats."""
    from hamyar.commands.common import print_warnings, summary_table
    from hamyar.io.outdir import check_out_dir
    from hamyar.reports.outputs import write_run
    from hamyar.scenarios.replan import replan, write_replan_diff
    from hamyar.scenarios.source import SOURCE_FILE

    out = out or previous_run.with_name(previous_run.name + "-replan")
    check_out_dir(out, force)
    solver = load_solver_params(solver_params_file)
    plan = replan(
        previous_run, rejections, scenario=scenario, time_limit_s=time_limit, solver=solver
    )
    print_warnings(plan.result.warnings)

    def write(tmp: Path) -> None:
        write_run(tmp, plan.result, lang=lang, per_unit=per_unit)
        write_replan_diff(tmp / "diff.csv", plan)
        (tmp / SOURCE_FILE).write_text(
            json.dumps(plan.source, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )

    run_id = record_and_write(
        workspace_dir,
        plan.result,
        command="replan",
        name=out.name,
        files={"rejections": rejections},
        out=out,
        write=write,
        force=force,
    )
    n = plan.diff.counts()
    click.echo(summary_table(plan.result))
    click.echo(
        say(
            "replan.done",
            undone=len(plan.rejected),
            kept=len(plan.kept),
            gained=n["gained"],
            lost=n["lost"],
            moved=n["moved"],
        )
    )
    click.echo(say("run.wrote", out=str(out), run=run_id))
