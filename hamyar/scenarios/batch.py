"""Many scenarios at once (institutions × terms), on local processes or a Dask cluster.

A manifest is a TOML file of ``[[scenarios]]`` tables, each a scenario written inline (the keys
of a scenario file, paths relative to the manifest), with ``scenario = "file.toml"`` (or
``extends``) to build on a scenario file or a shipped scenario::

    [[scenarios]]
    name = "inst-001"
    applicants = "inst-001/applicants.csv"
    units = "inst-001/units.csv"
    rejections = "inst-001/rejections.csv"
    term = "1402-1"

``hamyar generate --institutions K`` writes such a manifest.

Every scenario is one call of :func:`run_job`, a plain function of plain data submitted to a
:class:`concurrent.futures.Executor`: a local :class:`~concurrent.futures.ProcessPoolExecutor`,
or a Dask client's executor (``Client.get_executor()``), the same code path either way. The
job reads its inputs where it runs (workers must see the input files) and sends back its
output files' bytes, which the caller writes; so the output folder need not be shared with the
workers. A job that fails returns its error instead; the others go on.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from hamyar.errors import HamyarError, InputError, Issue
from hamyar.io.csvfile import write_csv
from hamyar.messages import Lang, Msg, current_lang, use_lang
from hamyar.models.kpis import Kpis
from hamyar.optimizer.params import SolverParams
from hamyar.pipeline import run_problem
from hamyar.pipeline.record import RunRecord, run_record
from hamyar.reports.labels import label, labels
from hamyar.reports.outputs import write_machine_outputs
from hamyar.scenarios.compare import safe_folder_name
from hamyar.scenarios.inputs import build_inputs
from hamyar.scenarios.kpitable import formats_of, kpi_columns, row_of
from hamyar.scenarios.resolve import ResolvedScenario, resolve_mapping
from hamyar.scenarios.source import write_source
from hamyar.scenarios.spec import ScenarioSpec, read_toml
from hamyar.scenarios.xlsx import new_workbook, table_sheet

MANIFEST_KEYS = ("description", "name", "scenarios")
ENTRY_KEYS = tuple(sorted((*ScenarioSpec.model_fields, "scenario")))
ERROR_FILE = "error.txt"


@dataclass(frozen=True)
class BatchJob:
    """One scenario of a batch, as sent to a worker."""

    index: int
    name: str
    folder: str
    scenario: ResolvedScenario
    time_limit_s: float | None = None
    solver: SolverParams | None = None
    lang: Lang | None = None
    """The language the job's messages are written in (the batch's ``--lang``; a worker's own
    ``HAMYAR_LANG`` otherwise)."""


@dataclass(frozen=True)
class BatchOutcome:
    """What one job sends back: its key figures and output files, or its error."""

    index: int
    name: str
    folder: str
    ok: bool
    kpis: Kpis | None = None
    error: str | None = None
    files: dict[str, bytes] = field(default_factory=dict)
    wall_time_s: float = 0.0
    record: RunRecord | None = field(default=None, compare=False, repr=False)
    """What the workspace keeps of the run, sent back with the files."""


# ---------------------------------------------------------------------------- manifest


def read_manifest(path: Path) -> list[BatchJob]:
    """The jobs of a manifest; every problem with it is one located :class:`InputError`."""
    file = str(path)
    data = read_toml(path, "manifest")
    issues: list[Issue] = []
    for key in data:
        if key not in MANIFEST_KEYS:
            issues.append(
                Issue(
                    Msg("scen.spec.unknown_key", key=repr(key), hint="", allowed=MANIFEST_KEYS),
                    file=file,
                    column=key,
                )
            )
    entries = data.get("scenarios")
    if not isinstance(entries, list) or not entries:
        issues.append(Issue(Msg("scen.batch.no_tables"), file=file, column="scenarios"))
        raise InputError(issues)
    jobs: list[BatchJob] = []
    names: dict[str, int] = {}
    folders: dict[str, int] = {}
    for i, entry in enumerate(entries, start=1):
        where = f"{file}:scenarios[{i}]"
        if not isinstance(entry, dict):
            issues.append(Issue(Msg("scen.batch.not_a_table"), file=file, column=f"scenarios[{i}]"))
            continue
        unknown = [k for k in entry if k not in ENTRY_KEYS]
        for key in unknown:
            issues.append(
                Issue(
                    Msg("scen.spec.unknown_key", key=repr(key), hint="", allowed=ENTRY_KEYS),
                    file=where,
                    column=key,
                )
            )
        if unknown:
            continue
        try:
            scenario = resolve_mapping(entry, where, path.parent, extends_key="scenario")
        except InputError as exc:
            issues.extend(exc.issues)
            continue
        name = entry.get("name") if isinstance(entry.get("name"), str) else None
        name = name or f"scenario-{i}"
        scenario = scenario.model_copy(update={"name": name})
        if name in names:
            issues.append(Issue(Msg("scen.batch.duplicate", index=names[name]), name, file=where))
            continue
        names[name] = i
        folder = safe_folder_name(name)
        if folder in folders:
            folder = f"{folder}-{i}"
        folders[folder] = i
        jobs.append(BatchJob(index=i, name=name, folder=folder, scenario=scenario))
    if issues:
        raise InputError(issues)
    return jobs


# ---------------------------------------------------------------------------- the job


def run_job(job: BatchJob) -> BatchOutcome:
    """Build and run one scenario in the job's language; its output files come back as
    bytes. Never raises."""
    with use_lang(job.lang):
        return _run_job(job)


def _run_job(job: BatchJob) -> BatchOutcome:
    start = time.perf_counter()
    try:
        inputs = build_inputs(job.scenario)
        result = run_problem(
            inputs.problem,
            warnings=inputs.warnings,
            input_hashes=inputs.hashes,
            time_limit_s=job.time_limit_s,
            solver=job.solver,
        )
        with tempfile.TemporaryDirectory(prefix="hamyar-batch-") as tmp:
            folder = Path(tmp)
            write_machine_outputs(folder, result)
            write_source(folder, inputs)
            files = {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}
    except HamyarError as exc:
        return BatchOutcome(
            job.index,
            job.name,
            job.folder,
            False,
            error=str(exc) or type(exc).__name__,
            wall_time_s=time.perf_counter() - start,
        )
    except Exception as exc:  # a bug or a broken file must not stop the other scenarios
        text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        return BatchOutcome(
            job.index,
            job.name,
            job.folder,
            False,
            error=text,
            wall_time_s=time.perf_counter() - start,
        )
    return BatchOutcome(
        job.index,
        job.name,
        job.folder,
        True,
        kpis=result.kpis,
        files=files,
        wall_time_s=time.perf_counter() - start,
        record=run_record(result),
    )


# ---------------------------------------------------------------------------- executors


PR_SET_PDEATHSIG = 1


def end_with_parent(parent: int) -> None:
    """Worker initializer: on Linux the kernel kills the worker when the batch process
    ``parent`` dies (``prctl(PR_SET_PDEATHSIG, SIGKILL)``), so a killed batch leaves no worker."""
    if not sys.platform.startswith("linux"):
        return
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the batch died before the request took effect
        os._exit(1)


@contextmanager
def local_executor(workers: int) -> Iterator[Executor]:
    """Local worker processes (started fresh, not forked, so that no solver thread is
    inherited), ending with the batch process."""
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("spawn"),
        initializer=end_with_parent,
        initargs=(os.getpid(),),
    ) as ex:
        yield ex


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise HamyarError(Msg("scen.batch.no_dask")) from None
    return distributed


@contextmanager
def dask_executor(
    scheduler: str | None = None, local_workers: int | None = None, processes: bool = True
) -> Iterator[Executor]:
    """A Dask client's executor: on the scheduler at ``scheduler`` (``tcp://host:port``), or
    on a LocalCluster of ``local_workers`` single-threaded workers."""
    distributed = _distributed()
    cluster = None
    if scheduler is None:
        cluster = distributed.LocalCluster(
            n_workers=local_workers or 1,
            threads_per_worker=1,
            processes=processes,
            dashboard_address=None,
        )
        client = distributed.Client(cluster)
    else:
        try:
            client = distributed.Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise HamyarError(
                Msg("scen.batch.unreachable", scheduler=scheduler, error=str(exc))
            ) from None
    try:
        with client.get_executor(pure=False) as ex:
            yield ex
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_jobs(
    jobs: Sequence[BatchJob],
    executor: Executor,
    on_done: Callable[[BatchOutcome], None] | None = None,
) -> list[BatchOutcome]:
    """Submit every job to ``executor``, in the current language unless a job names its own;
    outcomes in manifest order. A job whose future fails (a worker lost, a result that cannot
    be sent back) becomes a failed outcome."""
    lang = current_lang()
    futures: dict[Future[BatchOutcome], BatchJob] = {
        executor.submit(run_job, j if j.lang else replace(j, lang=lang)): j for j in jobs
    }
    outcomes: dict[int, BatchOutcome] = {}
    for future in as_completed(futures):
        job = futures[future]
        try:
            outcome = future.result()
        except Exception as exc:
            text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            outcome = BatchOutcome(job.index, job.name, job.folder, False, error=text)
        outcomes[job.index] = outcome
        if on_done is not None:
            on_done(outcome)
    return [outcomes[j.index] for j in jobs]


# ---------------------------------------------------------------------------- outputs


def write_outcome(folder: Path, outcome: BatchOutcome) -> None:
    """A job's files into its sub-folder (``error.txt`` for a failed one)."""
    sub = folder / outcome.folder
    sub.mkdir(parents=True, exist_ok=True)
    if not outcome.ok:
        (sub / ERROR_FILE).write_text((outcome.error or "failed") + "\n", encoding="utf-8")
        return
    for name, data in outcome.files.items():
        (sub / Path(name).name).write_bytes(data)


def summary_table(
    outcomes: Sequence[BatchOutcome], lang: str
) -> tuple[list[str], list[list[object]], dict[int, str]]:
    """One row per scenario: name, status, error, time, and its key figures."""
    columns = kpi_columns(o.kpis for o in outcomes)
    head = labels(["batch.scenario", "batch.status", "batch.error", "batch.wall_time"], lang)
    header = head + [c.label(lang) for c in columns]
    ok_word, failed_word = label("batch.ok", lang), label("batch.failed", lang)
    rows: list[list[object]] = []
    for o in outcomes:
        error = (o.error or "").strip().splitlines()
        rows.append(
            [
                o.name,
                ok_word if o.ok else failed_word,
                " | ".join(error[:3]) if error else None,
                round(o.wall_time_s, 3),
                *row_of(columns, o.kpis, lang),
            ]
        )
    return header, rows, formats_of(columns, len(head))


def write_summary(folder: Path, outcomes: Sequence[BatchOutcome], lang: str = "fa") -> None:
    """``batch.csv`` (English headers) and ``batch.xlsx``."""
    header, rows, _ = summary_table(outcomes, "en")
    write_csv(folder / "batch.csv", header, rows)
    header, rows, formats = summary_table(outcomes, lang)
    book = new_workbook(folder / "batch.xlsx")
    table_sheet(book, label("sheet.batch", lang), header, rows, lang, formats)
    book.close()
