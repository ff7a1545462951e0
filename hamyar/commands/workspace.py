"""The ``--workspace`` option and how a command opens the term workspace."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import click

from hamyar.io.outdir import staged_output
from hamyar.models.run import RunResult
from hamyar.scenarios.inputs import ScenarioInputs
from hamyar.scenarios.spec import EMBEDDED
from hamyar.store import Workspace, in_language
from hamyar.store.engine import describe
from hamyar.store.runs import record_run, write_run_file

F = TypeVar("F", bound=Callable[..., Any])


def workspace_option(func: F) -> F:
    return click.option(
        "--workspace",
        "workspace_dir",
        type=click.Path(path_type=Path, file_okay=False),
        envvar="HAMYAR_WORKSPACE",
        help="Workspace folder (hamyar.db inside); ./hamyar-workspace by default. "
        "HAMYAR_DATABASE_URL points at a PostgreSQL server instead.",
    )(func)


def open_workspace(workspace_dir: Path | None, lang: str = "en") -> Workspace:
    """The workspace, migrated; a refusal (exit 2) in ``lang`` when it cannot be used."""
    with in_language(lang):
        return Workspace.open(workspace_dir)


def record_and_write(
    workspace_dir: Path | None,
    result: RunResult,
    *,
    command: str,
    name: str,
    files: Mapping[str, Path],
    out: Path,
    write: Callable[[Path], None],
    force: bool,
    scenario: str | None = None,
) -> int:
    """Record the run and write its output folder in one transaction: the folder gets
    ``workspace-run.json``; a failed write records nothing. Returns the run id."""
    workspace = open_workspace(workspace_dir)
    with in_language("en"), workspace.session() as session:
        row = record_run(
            session, result, command=command, name=name, files=files, scenario=scenario, out_dir=out
        )
        with staged_output(out, force=force) as folder:
            write(folder)
            write_run_file(folder, row, describe(workspace.url))
        run_id = row.id
    workspace.close()
    return run_id


def scenario_files(inputs: ScenarioInputs) -> dict[str, Path]:
    """The files a scenario run read: its scenario chain, policy file and input files."""
    s = inputs.scenario
    if s is None:
        return {}
    files = {f"scenario[{i}]": Path(f) for i, f in enumerate(s.chain)}
    if s.policy:
        files["policy"] = Path(s.policy)
    files.update({k: Path(v) for k, v in s.inputs.items() if v != EMBEDDED})
    return {k: p for k, p in files.items() if p.is_file()}
