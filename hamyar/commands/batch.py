"""``hamyar batch MANIFEST --out DIR [--workers N] [--scheduler tcp://HOST:PORT | --dask-local N]``.

Runs every scenario of a manifest in parallel: local worker processes by default, or a Dask
cluster (``--scheduler``, or a LocalCluster of N worker processes with ``--dask-local N``; Dask
is the optional extra ``pip install 'hamyar[dask]'``). An overall progress bar shows the time
left. A failing scenario is reported with its error and the others go on; ``batch.xlsx`` and
``batch.csv`` list every scenario's status and KPIs, and each scenario's outputs go in its own
sub-folder. Exit code 1 when any scenario failed.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import Executor
from contextlib import AbstractContextManager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from hamyar.commands.base import Command, lang_option
from hamyar.commands.options import (
    force_option,
    load_solver_params,
    solver_params_option,
    time_limit_option,
)
from hamyar.commands.workspace import workspace_option
from hamyar.messages import say

if TYPE_CHECKING:
    from hamyar.scenarios.batch import BatchOutcome


@click.command("batch", cls=Command, help="help.batch")
@click.argument("manifest", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="help.batch.out",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="help.batch.workers",
)
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="help.batch.scheduler")
@click.option(
    "--dask-local",
    type=click.IntRange(min=1),
    metavar="N",
    help="help.batch.dask_local",
)
@lang_option
@time_limit_option
@solver_params_option
@force_option
@workspace_option
def command(
    manifest: Path,
    out: Path,
    workers: int | None,
    scheduler: str | None,
    dask_local: int | None,
    lang: str,
    time_limit: float | None,
    solver_params_file: Path | None,
    force: bool,
    workspace_dir: Path | None,
) -> None:
    """Run every scenario of MANIFEST in parallel and summarise them."""
    from hamyar.commands.workspace import recorded_output, runs_text, scenario_files
    from hamyar.io.faults import fault_point
    from hamyar.io.outdir import check_out_dir
    from hamyar.scenarios.batch import (
        dask_executor,
        local_executor,
        read_manifest,
        run_jobs,
        write_outcome,
        write_summary,
    )

    if scheduler and dask_local:
        raise click.UsageError(say("batch.usage.one_cluster"))
    if workers and (scheduler or dask_local):
        raise click.UsageError(say("batch.usage.workers"))
    check_out_dir(out, force)
    solver = load_solver_params(solver_params_file)
    jobs = read_manifest(manifest)
    if time_limit is not None or solver is not None:
        jobs = [replace(j, time_limit_s=time_limit, solver=solver) for j in jobs]
    executor: AbstractContextManager[Executor]
    if scheduler or dask_local:
        executor = dask_executor(scheduler, dask_local)
        where = (
            say("batch.where.scheduler", scheduler=scheduler)
            if scheduler
            else say("batch.where.local_cluster", workers=dask_local)
        )
    else:
        n = min(workers or os.cpu_count() or 1, len(jobs))
        executor = local_executor(n)
        where = say("batch.where.processes" if n > 1 else "batch.where.process", workers=n)
    click.echo(say("batch.start", scenarios=len(jobs), where=where), err=True)
    failed: list[BatchOutcome] = []
    by_index = {j.index: j for j in jobs}
    run_ids: list[int] = []
    with recorded_output(workspace_dir, out, force) as (record, tmp):
        with (
            executor as ex,
            click.progressbar(
                length=len(jobs),
                label=say("batch.progress"),
                show_eta=True,
                show_pos=True,
                file=_stderr(),
            ) as bar,
        ):

            def done(outcome: BatchOutcome) -> None:
                write_outcome(tmp, outcome)
                fault_point("scenario")
                if not outcome.ok:
                    failed.append(outcome)
                bar.update(1)

            outcomes = run_jobs(jobs, ex, done)
        write_summary(tmp, outcomes, lang)
        for outcome in outcomes:  # recorded at the end: the workspace is locked only briefly
            if outcome.record is None:
                continue
            files = {"manifest": manifest, **scenario_files(by_index[outcome.index].scenario)}
            run_ids.append(
                record(
                    outcome.record,
                    command="batch",
                    name=outcome.name,
                    files=files,
                    folder=tmp / outcome.folder,
                    out_dir=out / outcome.folder,
                )
            )
    for outcome in failed:
        first = (outcome.error or say("batch.failed.unknown")).strip().splitlines()
        click.echo(
            say("batch.failed", name=outcome.name, error=first[0] if first else ""), err=True
        )
        for line in first[1:5]:
            click.echo(f"    {line}", err=True)
    placed = sum(o.kpis.placed for o in outcomes if o.kpis is not None)
    applicants = sum(o.kpis.applicants for o in outcomes if o.kpis is not None)
    click.echo(
        say(
            "batch.done",
            done=len(outcomes) - len(failed),
            scenarios=len(outcomes),
            placed=placed,
            applicants=applicants,
            file=str(out / "batch.xlsx"),
        )
        + (say("sweep.in_workspace", runs=runs_text(run_ids)) if run_ids else "")
    )
    if failed:
        raise SystemExit(1)


def _stderr() -> TextIO:
    """Standard error as the progress bar's stream (CliRunner replaces it in tests)."""
    return sys.stderr
