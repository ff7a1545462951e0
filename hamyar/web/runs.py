"""Run the allocation, its result, a student's page, and adopting a run."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from hamyar.errors import HamyarError
from hamyar.store.adoption import adopt, adopted
from hamyar.store.errors import WorkspaceError
from hamyar.store.runs import get_run
from hamyar.web import jobs, running
from hamyar.web.auth import actor
from hamyar.web.chart import fill_svg, rank_svg
from hamyar.web.site import Settings, checked_form, lang_of, page, term_of
from hamyar.web.state import stored_inputs


def _refusal(request: Request, exc: HamyarError) -> Response:
    lang = lang_of(request)
    text = exc.fa if isinstance(exc, WorkspaceError) and lang == "fa" else str(exc)
    if isinstance(exc, WorkspaceError) and lang == "en":
        text = exc.en
    return page(request, "refused.html", status=409, message=text)


async def start_run(request: Request) -> Response:
    """Run the term's stored inputs in the background and show its progress."""
    await checked_form(request)
    settings: Settings = request.app.state.settings
    term, lang = term_of(request), lang_of(request)
    if not {"applicants", "units"} <= set(stored_inputs(settings, term)):
        return RedirectResponse("/inputs", status_code=303)

    by = actor(request)

    def work(job: jobs.Job) -> str:
        return f"/runs/{running.run_inputs(settings, term, lang, job.progress, by=by)}"

    job = jobs.start(request, running.TOTAL, work)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


ENVY_SHOWN = 50
"""Justified-envy pairs listed on the result page (the count is of all of them)."""


def csv_rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def run_files(request: Request, run_id: int) -> tuple[Any, Path, bool]:
    workspace = request.app.state.workspace
    with workspace.session() as session:
        try:
            run = get_run(session, run_id)
        except WorkspaceError:
            raise HTTPException(404) from None
        adoption = adopted(session, run.term)
    if not run.out_dir:
        raise HTTPException(404)
    return run, Path(run.out_dir), adoption is not None and adoption.run_id == run.id


def students(folder: Path) -> list[dict[str, str]]:
    """Every applicant with their status and unit, from the run's CSV files."""
    placed = {r["student_id"]: r for r in csv_rows(folder / "assignments.csv")}
    rows = []
    for e in csv_rows(folder / "eligibility.csv"):
        p = placed.get(e["student_id"])
        status = "placed" if p else ("unplaced" if e["eligible"] == "yes" else "ineligible")
        rows.append(
            {
                "student_id": e["student_id"],
                "name": f"{e['first_name']} {e['last_name']}",
                "gender": e["gender"],
                "status": status,
                "unit": p["unit_code"] if p else "",
                "rank": p["preference_rank"] if p else "",
            }
        )
    return rows


async def runs_page(request: Request) -> Response:
    from hamyar.web.state import term_state

    app = request.app.state
    state = term_state(app.workspace, app.settings, term_of(request))
    return page(request, "runs.html", state=state)


def summary_view(folder: Path, lang: str) -> dict[str, Any]:
    """A run's key figures, its two charts and the first justified-envy cases (summary.json)."""
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    return {
        "kpis": summary["kpis"],
        "chart": fill_svg(summary["counts"]["per_unit"], lang),
        "rank_chart": rank_svg(summary["kpis"]["rank_distribution"], lang),
        "envy": summary.get("justified_envy", [])[:ENVY_SHOWN],
    }


async def result_page(request: Request) -> Response:
    run_id = int(request.path_params["run_id"])
    run, folder, is_adopted = run_files(request, run_id)
    return page(
        request,
        "result.html",
        run=run,
        adopted=is_adopted,
        students=students(folder),
        **summary_view(folder, lang_of(request)),
    )


def latest_result(
    request: Request, adopted_id: int | None, run_ids: list[int]
) -> dict[str, Any] | None:
    """The term's adopted run, or else its latest, with its figures and charts."""
    run_id = adopted_id if adopted_id is not None else (max(run_ids) if run_ids else None)
    if run_id is None:
        return None
    run, folder, is_adopted = run_files(request, run_id)
    if not (folder / "summary.json").is_file():
        return None
    return {"run": run, "adopted": is_adopted, **summary_view(folder, lang_of(request))}


async def adopt_run(request: Request) -> Response:
    form = await checked_form(request)
    run_id = int(request.path_params["run_id"])
    note = str(form.get("note") or "") or None
    try:
        with request.app.state.workspace.session() as session:
            adopt(session, run_id, by=actor(request), note=note)
    except WorkspaceError as exc:
        return _refusal(request, exc)
    return RedirectResponse(f"/runs/{run_id}", status_code=303)
