"""The ``--workspace`` option and how a command opens the term workspace."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import click

from hamyar.io.faults import fault_point
from hamyar.io.outdir import Staging, signals_held
from hamyar.messages import joined, number, say
from hamyar.models.run import RunResult
from hamyar.pipeline.record import RunRecord
from hamyar.scenarios.inputs import ScenarioInputs
from hamyar.scenarios.resolve import ResolvedScenario
from hamyar.scenarios.spec import EMBEDDED
from hamyar.store.errors import in_language
from hamyar.store.location import database_url, sqlite_file
from hamyar.store.quick import QuickRecorder
from hamyar.store.run_rows import write_run_file

if TYPE_CHECKING:
    from hamyar.store import Workspace

F = TypeVar("F", bound=Callable[..., Any])


def workspace_option(func: F) -> F:
    return click.option(
        "--workspace",
        "workspace_dir",
        type=click.Path(path_type=Path, file_okay=False),
        envvar="HAMYAR_WORKSPACE",
        help="help.option.workspace",
    )(func)


def open_workspace(workspace_dir: Path | None, lang: str | None = None) -> Workspace:
    """The workspace, migrated; a refusal (exit 2) in ``lang`` (the current language by
    default) when it cannot be used."""
    from hamyar.store import Workspace

    with in_language(lang):
        return Workspace.open(workspace_dir)


class Record(Protocol):
    def __call__(
        self,
        result: RunResult | RunRecord,
        *,
        command: str,
        name: str,
        files: Mapping[str, Path],
        folder: Path | None,
        out_dir: Path,
        scenario: str | None = None,
    ) -> int: ...


@contextmanager
def recorder(workspace_dir: Path | None, by: str | None = None) -> Iterator[Record]:
    """One transaction for the runs a command records: each call records a run and writes
    ``workspace-run.json`` into ``folder`` (the staged output; none when ``folder`` is
    ``None``); an error records nothing. ``by`` is who started them (the pages' account; the
    operating-system user by default). A current SQLite workspace is written with the standard
    library (:mod:`hamyar.store.quick`), any other through SQLAlchemy."""
    with in_language():
        quick = QuickRecorder.open(workspace_dir)
        if quick is None and sqlite_file(database_url(workspace_dir)) is not None:
            open_workspace(workspace_dir).close()  # made or migrated by SQLAlchemy, then …
            quick = QuickRecorder.open(workspace_dir)  # … recorded with sqlite3 all the same
    if quick is not None:
        with _quick_recorder(quick, by) as record:
            yield record
        return
    with _orm_recorder(workspace_dir, by) as record:
        yield record


def _recording(store: Callable[..., tuple[int, str]], url: str, by: str | None) -> Record:
    """A :class:`Record` that stores each run by ``store`` (its id and term back) and writes
    ``workspace-run.json`` naming the workspace ``url``."""

    def record(
        result: RunResult | RunRecord,
        *,
        command: str,
        name: str,
        files: Mapping[str, Path],
        folder: Path | None,
        out_dir: Path,
        scenario: str | None = None,
    ) -> int:
        run_id, term = store(
            result,
            command=command,
            name=name,
            files=files,
            scenario=scenario,
            out_dir=out_dir,
            by=by,
        )
        if folder is not None:
            write_run_file(folder, run_id, term, url)
        return run_id

    return record


@contextmanager
def _quick_recorder(quick: QuickRecorder, by: str | None) -> Iterator[Record]:
    try:
        with in_language():
            yield _recording(quick.record, quick.url, by)
            quick.commit()
    finally:
        quick.close()


@contextmanager
def _orm_recorder(workspace_dir: Path | None, by: str | None) -> Iterator[Record]:
    from hamyar.store.engine import describe
    from hamyar.store.runs import record_run

    workspace = open_workspace(workspace_dir)
    try:
        with in_language(), workspace.session() as session:

            def store(result: RunResult | RunRecord, **labels: Any) -> tuple[int, str]:
                row = record_run(session, result, **labels)
                return row.id, row.term

            yield _recording(store, describe(workspace.url), by)
    finally:
        workspace.close()


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
    by: str | None = None,
) -> int:
    """Record one run and write its output folder (:func:`recorded_output`); the run id."""
    with recorded_output(workspace_dir, out, force, by) as (record, folder):
        write(folder)
        return record(
            result,
            command=command,
            name=name,
            files=files,
            folder=folder,
            out_dir=out,
            scenario=scenario,
        )


@contextmanager
def recorded_output(
    workspace_dir: Path | None, out: Path, force: bool, by: str | None = None
) -> Iterator[tuple[Record, Path]]:
    """A recorder (:func:`recorder`) and a staging folder for ``out``: the folder is written,
    the runs committed, and only then the folder put in place. So a folder at ``out`` always
    names runs the workspace holds; a kill between the two leaves recorded runs without their
    folder, never a folder naming runs that were rolled back (whose ids a later run may take)."""
    staging = Staging(out, force)
    try:
        with recorder(workspace_dir, by) as record:
            yield record, staging.path
            staging.seal()
    except BaseException as exc:
        staging.abandon(exc)
        raise
    with signals_held():  # committed: SIGTERM and SIGINT wait until the folder is in place
        fault_point("committed")
        staging.place()


def scenario_files(inputs: ScenarioInputs | ResolvedScenario | None) -> dict[str, Path]:
    """The files a scenario run read: its scenario chain, policy file and input files (those
    this process can read)."""
    s = inputs.scenario if isinstance(inputs, ScenarioInputs) else inputs
    if s is None:
        return {}
    files = {f"scenario[{i}]": Path(f) for i, f in enumerate(s.chain)}
    if s.policy:
        files["policy"] = Path(s.policy)
    files.update({k: Path(v) for k, v in s.inputs.items() if v != EMBEDDED})
    return {k: p for k, p in files.items() if p.is_file()}


def runs_text(ids: list[int]) -> str:
    """``run 4``, ``runs 4–9`` (consecutive ids), or ``runs 4, 6``, in the current language."""
    if len(ids) == 1:
        return say("workspace.run", run=ids[0])
    if ids == list(range(ids[0], ids[0] + len(ids))):
        return say("workspace.runs.range", first=ids[0], last=ids[-1])
    return say("workspace.runs.list", runs=joined(number(i, spec="d") for i in ids))
