"""``hamyar allocate``: eligibility and allocation of one applicants/units pair, CSV/JSON out."""

from __future__ import annotations

from pathlib import Path

import click

from hamyar.commands.base import Command
from hamyar.commands.common import Progress, print_warnings, summary_table
from hamyar.commands.history_inputs import continue_from_option, continued, history_hash, report
from hamyar.commands.options import (
    FILE,
    force_option,
    load_policy,
    load_solver_params,
    parse_term,
    policy_option,
    solver_params_option,
    term_option,
    time_limit_option,
)
from hamyar.commands.workspace import record_and_write, workspace_option
from hamyar.errors import InputError, Issue
from hamyar.io import load_problem
from hamyar.io.outdir import check_out_dir
from hamyar.messages import Msg, say
from hamyar.models import Policy
from hamyar.pipeline import STAGES, file_sha256, run_problem
from hamyar.reports.outputs import write_machine_outputs


@click.command("allocate", cls=Command, help="help.allocate")
@click.argument("applicants", type=FILE)
@click.argument("units", type=FILE)
@policy_option
@click.option("--rejections", type=FILE, help="help.allocate.rejections")
@term_option
@click.option("--stable", is_flag=True, help="help.allocate.stable")
@time_limit_option
@solver_params_option
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), required=True)
@force_option
@continue_from_option
@workspace_option
def command(
    applicants: Path,
    units: Path,
    policy_file: Path | None,
    rejections: Path | None,
    term_text: str | None,
    stable: bool,
    time_limit: float | None,
    solver_params_file: Path | None,
    out: Path,
    force: bool,
    continue_from: str | None,
    workspace_dir: Path | None,
) -> None:
    """Place eligible APPLICANTS in UNITS; write assignments.csv, unassigned.csv, summary.json."""
    check_out_dir(out, force)
    solver = load_solver_params(solver_params_file)
    policy = load_policy(policy_file) or Policy()
    if stable:
        policy = policy.model_copy(update={"stable": True})
    term = parse_term(term_text)
    if continue_from is not None and term is None:
        raise InputError(
            Issue(Msg("allocate.continue_needs_term"), continue_from, file="-", column="--term")
        )
    problem, warnings = load_problem(
        applicants, units, rejections, policy=policy, term=term, name=applicants.stem
    )
    hashes = {str(p): file_sha256(p) for p in (applicants, units, rejections, policy_file) if p}
    previous, history_line, all_warnings = None, None, tuple(warnings)
    if continue_from is not None:
        cont = continued(problem, continue_from, workspace_dir)
        problem, previous = cont.problem, cont.previous
        all_warnings = (*all_warnings, *cont.warnings)
        hashes.update(history_hash(cont, continue_from))
        history_line = report(cont, continue_from)
    progress = Progress(STAGES[:-1])
    result = run_problem(
        problem,
        warnings=all_warnings,
        input_hashes=hashes,
        previous=previous,
        time_limit_s=time_limit,
        solver=solver,
        progress=progress,
    )
    progress.close()
    files = {"applicants": applicants, "units": units, "rejections": rejections}
    files["policy"] = policy_file
    run_id = record_and_write(
        workspace_dir,
        result,
        command="allocate",
        name=applicants.stem,
        files={k: p for k, p in files.items() if p is not None},
        out=out,
        write=lambda folder: write_machine_outputs(folder, result),
        force=force,
    )
    print_warnings(result.warnings)
    if history_line:
        click.echo(history_line)
    click.echo(summary_table(result))
    click.echo(say("run.written", out=str(out), run=run_id))
