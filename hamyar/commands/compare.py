"""``hamyar compare A.toml B.toml [...] --out DIR``: scenarios side by side.

Runs each scenario, then writes ``comparison.xlsx`` (KPIs, per-unit fill, and the assignment
diff of each scenario against the first), the same tables as CSV, and each scenario's own
machine-readable outputs under ``runs/<name>/``; prints the KPIs side by side. The web pages'
comparison is :func:`run_comparison` too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
    from hamyar.optimizer.params import SolverParams
    from hamyar.scenarios.compare import Comparison
    from hamyar.scenarios.inputs import ScenarioInputs

Started = Callable[[int, "ScenarioInputs"], Callable[[str], None] | None]
"""Called as each scenario starts (1-based index, its inputs); returns its stage callback."""


def run_comparison(
    loaded: Sequence[ScenarioInputs],
    out: Path,
    workspace_dir: Path | None,
    *,
    lang: str,
    force: bool = False,
    time_limit: float | None = None,
    solver: SolverParams | None = None,
    started: Started | None = None,
    by: str | None = None,
) -> tuple[Comparison, list[int]]:
    """Run the scenarios, compare them with the first, record every run (started ``by``; the
    operating-system user by default) and write ``out`` (module docstring); the comparison and
    the run ids, in the scenarios' order."""
    from hamyar.commands.workspace import recorded_output, scenario_files
    from hamyar.models.run import RunResult
    from hamyar.pipeline import run_problem
    from hamyar.reports.outputs import write_machine_outputs
    from hamyar.scenarios.compare import compare, safe_folder_name, write_comparison
    from hamyar.scenarios.source import write_source

    runs: list[tuple[str, RunResult]] = []
    for i, inputs in enumerate(loaded, start=1):
        progress = started(i, inputs) if started else None
        result = run_problem(
            inputs.problem,
            warnings=inputs.warnings,
            input_hashes=inputs.hashes,
            time_limit_s=time_limit,
            solver=solver,
            progress=progress,
        )
        runs.append((inputs.problem.name, result))
    comparison = compare(runs)
    ids: list[int] = []
    with recorded_output(workspace_dir, out, force, by) as (record, tmp):
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
            ids.append(
                record(
                    result,
                    command="compare",
                    name=name,
                    files=scenario_files(inputs),
                    folder=sub,
                    out_dir=out / "runs" / folder,
                )
            )
    return comparison, ids


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
    from hamyar.io.outdir import check_out_dir
    from hamyar.pipeline import STAGES
    from hamyar.scenarios.compare import comparison_text
    from hamyar.scenarios.inputs import load_scenario_inputs

    if len(scenarios) < 2:
        raise click.UsageError(say("compare.usage.two"))
    check_out_dir(out, force)
    solver = load_solver_params(solver_params_file)
    loaded = [load_scenario_inputs(Path(s)) for s in scenarios]
    shown: list[Progress] = []

    def started(i: int, inputs: ScenarioInputs) -> Progress:
        for progress in shown:
            progress.close()
        name = inputs.problem.name
        click.echo(say("progress.stage", done=i, of=len(loaded), stage=name), err=True)
        print_warnings(inputs.warnings)
        shown[:] = [Progress(STAGES[:-1])]
        return shown[0]

    try:
        comparison, _ids = run_comparison(
            loaded,
            out,
            workspace_dir,
            lang=lang,
            force=force,
            time_limit=time_limit,
            solver=solver,
            started=started,
        )
    finally:
        for progress in shown:
            progress.close()
    click.echo(comparison_text(comparison))
    click.echo(say("compare.wrote", file=str(out / "comparison.xlsx")))
