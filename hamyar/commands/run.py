"""``hamyar run``: the whole pipeline in one command."""

from __future__ import annotations

from pathlib import Path

import click

from hamyar.commands.base import Command
from hamyar.commands.common import Progress, print_warnings, summary_table
from hamyar.commands.history_inputs import continue_from_option, continued, history_hash, report
from hamyar.commands.options import (
    force_option,
    lang_option,
    load_solver_params,
    solver_params_option,
    time_limit_option,
)
from hamyar.commands.workspace import record_and_write, scenario_files, workspace_option
from hamyar.io.outdir import check_out_dir
from hamyar.messages import say
from hamyar.pipeline import STAGES, run_problem
from hamyar.reports.outputs import write_run
from hamyar.scenarios import load_scenario_inputs
from hamyar.scenarios.source import write_source


@click.command("run", cls=Command, help="help.run")
@click.argument("scenario", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("hamyar-output"),
    show_default=True,
    help="help.run.out",
)
@lang_option
@click.option("--per-unit", is_flag=True, help="help.run.per_unit")
@force_option
@time_limit_option
@solver_params_option
@continue_from_option
@workspace_option
def command(
    scenario: Path | None,
    out: Path,
    lang: str,
    per_unit: bool,
    force: bool,
    time_limit: float | None,
    solver_params_file: Path | None,
    continue_from: str | None,
    workspace_dir: Path | None,
) -> None:
    """Read and check the inputs, decide eligibility, allocate, cost, and write the reports.

    Without SCENARIO it runs the embedded University of Qom 1402–1403 default.
    """
    check_out_dir(out, force)
    solver = load_solver_params(solver_params_file)
    progress = Progress(("inputs", *STAGES))
    progress("inputs")
    inputs = load_scenario_inputs(scenario)
    problem, warnings, hashes = inputs.problem, inputs.warnings, dict(inputs.hashes)
    previous, history_line = None, None
    if continue_from is not None:
        cont = continued(problem, continue_from, workspace_dir, lang)
        problem, previous = cont.problem, cont.previous
        warnings = (*warnings, *cont.warnings)
        hashes.update(history_hash(cont, continue_from))
        history_line = report(cont, continue_from)
    result = run_problem(
        problem,
        warnings=warnings,
        input_hashes=hashes,
        previous=previous,
        time_limit_s=time_limit,
        solver=solver,
        progress=progress,
    )
    progress("reports")

    def write(folder: Path) -> None:
        write_run(folder, result, lang=lang, per_unit=per_unit)
        write_source(folder, inputs)

    run_id = record_and_write(
        workspace_dir,
        result,
        command="run",
        name=inputs.problem.name,
        files=scenario_files(inputs),
        out=out,
        write=write,
        force=force,
        scenario=inputs.scenario.name if inputs.scenario else None,
    )
    progress.close()
    print_warnings(result.warnings)
    click.echo(say("run.heading", name=inputs.problem.name, term=str(inputs.problem.term)))
    if history_line:
        click.echo(history_line)
    click.echo(summary_table(result))
    click.echo(say("run.written", out=str(out), run=run_id))
