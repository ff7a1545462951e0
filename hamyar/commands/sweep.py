"""``hamyar sweep SCENARIO --param KEY=START:STOP:STEP [--param ...] --out DIR``.

Runs the scenario at every point of the grid of policy values (the cartesian product of the
``--param`` values) with a progress bar and the estimated time left, then writes ``sweep.csv``
and ``sweep.xlsx`` (the table and native Excel charts of the KPIs at every point). A bad
``--param`` or an unknown policy key stops before anything runs, with exit code 2. When some
points fail (each is listed with its error, and marked in the table and charts) the files are
still written and the command says "partial" and exits with code 3.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

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
    from hamyar.scenarios.sweep import SweepParam


def _params(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> list[SweepParam]:
    from hamyar.scenarios.sweep import parse_param

    parsed = []
    for text in values:
        try:
            parsed.append(parse_param(text))
        except ValueError as exc:
            raise click.BadParameter(f"{text}: {exc}") from None
    return parsed


@click.command("sweep", cls=Command, help="help.sweep")
@click.argument("scenario", required=False)
@click.option(
    "--param",
    "params",
    multiple=True,
    required=True,
    callback=_params,
    metavar="KEY=START:STOP:STEP|KEY=A,B,C",
    help=("help.sweep.param"),
)
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="help.sweep.out",
)
@lang_option
@time_limit_option
@solver_params_option
@force_option
@workspace_option
def command(
    scenario: str | None,
    params: list[SweepParam],
    out: Path,
    lang: str,
    time_limit: float | None,
    solver_params_file: Path | None,
    force: bool,
    workspace_dir: Path | None,
) -> None:
    """Run SCENARIO (a file or a shipped name; the embedded default if omitted) at every point
    of a grid of policy values."""
    from hamyar.commands.common import print_warnings
    from hamyar.commands.workspace import recorded_output, runs_text, scenario_files
    from hamyar.io.outdir import check_out_dir
    from hamyar.scenarios.inputs import load_scenario_inputs
    from hamyar.scenarios.sweep import (
        SweepPoint,
        grid,
        point_problems,
        run_points,
        show,
        write_sweep,
    )
    from hamyar.store import database_url
    from hamyar.store.engine import describe
    from hamyar.store.runs import write_runs_file

    check_out_dir(out, force)
    solver = load_solver_params(solver_params_file)
    try:
        points = grid(params)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--param") from None
    inputs = load_scenario_inputs(Path(scenario) if scenario else None)
    print_warnings(inputs.warnings)
    problems = point_problems(inputs.problem, points)
    results: list[SweepPoint] = []
    with click.progressbar(
        length=len(problems),
        label=say("sweep.progress", points=len(problems)),
        show_eta=True,
        show_pos=True,
        file=_stderr(),
    ) as bar:

        def done(point: SweepPoint) -> None:
            results.append(point)
            bar.update(1)

        run_points(
            points,
            problems,
            time_limit_s=time_limit,
            solver=solver,
            input_hashes=inputs.hashes,
            each=done,
        )
    files = scenario_files(inputs)
    recorded: list[dict[str, object]] = []
    with recorded_output(workspace_dir, out, force) as (record, tmp):
        write_sweep(tmp, params, results, lang)
        for point in results:
            if point.record is None:
                continue
            run_id = record(
                point.record,
                command="sweep",
                name=f"{inputs.problem.name} · {point.label}",
                files={} if recorded else files,  # the files' bytes once, then their hashes
                folder=None,
                out_dir=out,
                scenario=inputs.scenario.name if inputs.scenario else None,
            )
            values = {k: show(v) for k, v in point.values.items()}
            recorded.append({"run_id": run_id, "point": values})
        write_runs_file(tmp, recorded, describe(database_url(workspace_dir)))
    failed = [p for p in results if p.error]
    for p in failed:
        click.echo(f"{p.label}: {p.error}", err=True)
    ids = [int(str(r["run_id"])) for r in recorded]
    where = say("sweep.in_workspace", runs=runs_text(ids)) if ids else ""
    click.echo(
        say(
            "sweep.done",
            solved=len(results) - len(failed),
            points=len(results),
            xlsx=str(out / "sweep.xlsx"),
            csv=str(out / "sweep.csv"),
            where=where,
        )
    )
    if failed:
        click.echo(say("sweep.partial", failed=len(failed), points=len(results)), err=True)
        raise SystemExit(PARTIAL)


PARTIAL = 3
"""The exit code of a sweep that wrote its files with some points failed."""


def _stderr() -> TextIO:
    """Standard error as the progress bar's stream (CliRunner replaces it in tests)."""
    return sys.stderr
