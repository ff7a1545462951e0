"""A student's page: eligibility with every reason, the placement, why not placed or not at the
first choice — each unit asked for, who holds its seats and why they come first — and the
student's places on the waiting lists."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from hamyar.errors import HamyarError
from hamyar.store.explained import ExplainedRun, explain_run
from hamyar.store.waitlists import places_of
from hamyar.web.jobs import message
from hamyar.web.runs import csv_rows, run_files
from hamyar.web.site import lang_of, page

KEPT = 4
"""Runs kept explained in memory (rebuilding one reads its input files again)."""


def explained_run(request: Request, run_id: int) -> ExplainedRun:
    cache: OrderedDict[int, ExplainedRun] = request.app.state.explained
    if run_id in cache:
        cache.move_to_end(run_id)
        return cache[run_id]
    with request.app.state.workspace.session() as session:
        found = explain_run(session, run_id)
    cache[run_id] = found
    while len(cache) > KEPT:
        cache.popitem(last=False)
    return found


async def student_page(request: Request) -> Response:
    run_id = int(request.path_params["run_id"])
    sid = request.path_params["student_id"]
    run, folder, _ = run_files(request, run_id)
    elig = next((e for e in csv_rows(folder / "eligibility.csv") if e["student_id"] == sid), None)
    if elig is None:
        raise HTTPException(404)
    placed = next((r for r in csv_rows(folder / "assignments.csv") if r["student_id"] == sid), None)
    left = next((r for r in csv_rows(folder / "unassigned.csv") if r["student_id"] == sid), None)
    with request.app.state.workspace.session() as session:
        waiting = list(places_of(session, run_id, sid))
    lang = lang_of(request)
    asked: list[dict[str, Any]] = []
    trouble = None
    try:
        explained = explained_run(request, run_id)
    except HamyarError as exc:
        explained, trouble = None, message(exc, lang)
    if explained is not None:
        app = explained.problem.applicant_by_id.get(sid)
        why = explained.explanations.get(sid)
        for reason in why.units if why and app else ():
            unit = explained.problem.unit_by_code.get(reason.unit_code)
            asked.append(
                {
                    "code": reason.unit_code,
                    "name": (unit.name_fa if lang == "fa" else unit.name_en or unit.name_fa)
                    if unit
                    else reason.unit_code,
                    "rank": reason.rank,
                    "kind": reason.kind,
                    "message": reason.message_fa if lang == "fa" else reason.message_en,
                    "holder": reason.holder_student_id,
                    "holders": explained.holders(reason.unit_code, app.gender) if app else [],
                }
            )
    fa = lang == "fa"
    messages = elig.get("messages_fa" if fa else "messages_en") or ""
    shown = left or placed
    return page(
        request,
        "student.html",
        run=run,
        elig=elig,
        reasons=messages.split(" | ") if messages else [],
        placed=placed,
        placed_name=(placed.get("unit_name_fa" if fa else "unit_name_en") if placed else None),
        explanation=(shown.get("explanation_fa" if fa else "explanation_en") if shown else None),
        asked=asked,
        trouble=trouble,
        waiting=waiting,
    )
