"""The runs the pages start, as the commands make them: the term's stored inputs (recorded as
``hamyar allocate`` with its input files) or a saved scenario (as ``hamyar run SCENARIO``)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from hamyar.commands.workspace import record_and_write, scenario_files
from hamyar.io import load_problem
from hamyar.models import Term
from hamyar.pipeline import STAGES, file_sha256, run_problem
from hamyar.reports.outputs import write_run
from hamyar.scenarios import load_scenario_inputs
from hamyar.scenarios.source import write_source
from hamyar.web.jobs import Progress
from hamyar.web.site import Settings
from hamyar.web.state import stored_inputs

TOTAL = 1 + len(STAGES)
"""The stages a run goes through: reading the inputs, then the pipeline's (``[k/5]``)."""


def run_folder(settings: Settings, term: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    out = settings.term_dir(term) / "runs" / stamp
    out.parent.mkdir(parents=True, exist_ok=True)
    return out


def run_inputs(
    settings: Settings, term: str, lang: str, progress: Progress, by: str | None = None
) -> int:
    """The term's stored inputs, run and recorded as ``hamyar allocate`` does, started ``by``
    (the pages' account; the operating-system user by default); the run id."""
    files = stored_inputs(settings, term)
    progress("inputs")
    problem, warnings = load_problem(
        files["applicants"],
        files["units"],
        files.get("rejections"),
        term=Term.parse(term),
        name=f"web-{term}",
    )
    hashes = {str(p): file_sha256(p) for p in files.values()}
    result = run_problem(problem, warnings=tuple(warnings), input_hashes=hashes, progress=progress)
    progress("reports")
    return record_and_write(
        settings.workspace_dir,
        result,
        command="allocate",
        name=problem.name,
        files=files,
        out=run_folder(settings, term),
        write=lambda folder: write_run(folder, result, lang=lang),
        force=False,
        by=by,
    )


def run_scenario(
    settings: Settings,
    term: str,
    scenario: Path | str,
    lang: str,
    progress: Progress,
    by: str | None = None,
) -> int:
    """A scenario file (or a shipped scenario's name) run and recorded as ``hamyar run``
    does, started ``by``; the run id."""
    progress("inputs")
    inputs = load_scenario_inputs(scenario)
    result = run_problem(
        inputs.problem, warnings=inputs.warnings, input_hashes=inputs.hashes, progress=progress
    )
    progress("reports")

    def write(folder: Path) -> None:
        write_run(folder, result, lang=lang)
        write_source(folder, inputs)

    return record_and_write(
        settings.workspace_dir,
        result,
        command="run",
        name=inputs.problem.name,
        files=scenario_files(inputs),
        out=run_folder(settings, term),
        write=write,
        force=False,
        scenario=inputs.scenario.name if inputs.scenario else None,
        by=by,
    )
