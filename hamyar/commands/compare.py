"""``hamyar compare A.toml B.toml [...] --out DIR``: scenarios side by side.

Runs each scenario, then writes ``comparison.xlsx`` (KPIs, per-unit fill, and the assignment
diff of each scenario against the first), the same tables as CSV, and each scenario's own
machine-readable outputs under ``runs/<name>/``; prints the KPIs side by side.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from hamyar.commands.base import Command
from hamyar.commands.options import (
    force_option,
    lang_option,
    load_solver_params,
    solver_params_option,
    time_limit_option,
)
from hamyar.commands.workspace import workspace_option
from hamyar.messages import say

if TYPE_CHECKING:
    from hamyar.models.run import RunResult
    from hamyar.scenarios.inputs import ScenarioInputs


@click.command("compare", cls=Command, help="help.compare")
@click.argument("scenarios", nargs=-1, required=True)
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="help.compare.out",
)
@lang_option
@time_limit_option
@solver_params_option
@force_option
@workspace_option
def command(
    scenarios: tuple[str, ...],
    out: Path,
    lang: str,
    time_limit: float | None,
    solver_params_file: Path | None,
    force: bool,
    workspace_dir: Path | None,
) -> None:
    """Run two or more scenarios (files or shipped names) and compare them with the first."""
    from hamyar.commands.common import Progress, print_warnings
    from hamyar.commands.workspace import recorded_output, scenario_files
    from hamyar.io.outdir import check_out_dir
    from hamyar.pipeline import STAGES, run_problem
    from hamyar.reports.outputs import write_machine_outputs
    from hamyar.scenarios.compare import (
        compare,
        comparison_text,
        safe_folder_name,
        write_comparison,
    )
    from hamyar.scenarios.inputs import load_scenario_inputs
    from hamyar.scenarios.source import write_source

    if len(scenarios) < 2:
        raise click.UsageError(say("compare.usage.two"))
    check_out_dir(out, force)
    solver = load_solver_params(solver_params_file)
    loaded: list[ScenarioInputs] = [load_scenario_inputs(Path(s)) for s in scenarios]
    runs: list[tuple[str, RunResult]] = []
    for i, inputs in enumerate(loaded, start=1):
        name = inputs.problem.name
        click.echo(say("progress.stage", done=i, of=len(loaded), stage=name), err=True)
        print_warnings(inputs.warnings)
        progress = Progress(STAGES[:-1])
        try:
            result = run_problem(
                inputs.problem,
                warnings=inputs.warnings,
                input_hashes=inputs.hashes,
                time_limit_s=time_limit,
                solver=solver,
                progress=progress,
            )
        finally:
            progress.close()
        runs.append((name, result))
    comparison = compare(runs)
    with recorded_output(workspace_dir, out, force) as (record, tmp):
        write_comparison(tmp, comparison, lang)
        used: set[str] = set()
        for name, inputs, result in zip(comparison.names, loaded, comparison.results, strict=True):
            folder = safe_folder_name(name)
            while folder in used:
                folder += "_"
            used.add(folder)
            sub = tmp / "runs" / folder
            sub.mkdir(parents=True)
            write_machine_outputs(sub, result)
            write_source(sub, inputs)
            record(
                result,
                command="compare",
                name=name,
                files=scenario_files(inputs),
                folder=sub,
                out_dir=out / "runs" / folder,
            )
    click.echo(comparison_text(comparison))
    click.echo(say("compare.wrote", file=str(out / "comparison.xlsx")))
