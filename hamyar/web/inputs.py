"""The term page and the inputs page: upload, the check as a table, the blank templates."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from hamyar.checks import check_files
from hamyar.errors import Issue
from hamyar.io.template import TEMPLATES as TEMPLATE_NAMES
from hamyar.io.template import template_workbook
from hamyar.messages import Msg
from hamyar.models import Gender, Term
from hamyar.web.site import Settings, checked_form, page, suffix_of, term_of, upload
from hamyar.web.state import KINDS, stored_inputs, term_state


async def term_page(request: Request) -> Response:
    from hamyar.web.runs import latest_result

    app = request.app.state
    state = term_state(app.workspace, app.settings, term_of(request))
    adopted_id = state.adoption.run_id if state.adoption else None
    latest = latest_result(request, adopted_id, [r.id for r in state.runs])
    return page(request, "term.html", state=state, latest=latest)


async def choose_term(request: Request) -> Response:
    form = await checked_form(request)
    text = str(form.get("term") or "").strip()
    try:
        request.session["term"] = str(Term.parse(text))
    except ValueError as exc:
        app = request.app.state
        state = term_state(app.workspace, app.settings, term_of(request))
        return page(request, "term.html", status=400, state=state, error=str(exc))
    return RedirectResponse("/", status_code=303)


async def inputs_page(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    stored = stored_inputs(settings, term_of(request))
    return page(request, "inputs.html", stored=stored, report=None)


async def upload_inputs(request: Request) -> Response:
    form = await checked_form(request)
    settings: Settings = request.app.state.settings
    term = term_of(request)
    folder = settings.term_dir(term)
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".upload-", dir=folder))
    try:
        paths: dict[str, Path] = {}
        names: dict[str, str] = {}
        for kind in KINDS:
            item = upload(form, kind)
            if item is None:
                continue
            path = staging / f"{kind}{suffix_of(item)}"
            path.write_bytes(await item.read())
            paths[kind] = path
            names[path.name] = item.filename or path.name
        if "applicants" not in paths or "units" not in paths:
            missing = Issue(Msg("web.inputs.both_needed"), file="-")
            return page(
                request,
                "inputs.html",
                status=400,
                stored={},
                report=None,
                problems=[_row(missing, names)],
            )
        report = check_files(
            paths["applicants"], paths["units"], paths.get("rejections"), None, Term.parse(term)
        )
        if report.ok:
            target = folder / "inputs"
            shutil.rmtree(target, ignore_errors=True)
            staging.rename(target)
        stored = stored_inputs(settings, term)
        return page(
            request,
            "inputs.html",
            status=200 if report.ok else 422,
            stored=stored,
            report=report,
            errors=[_row(i, names) for i in report.errors],
            warnings=[_row(i, names) for i in report.warnings],
            genders=tuple(Gender),
        )
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _row(issue: Issue, names: dict[str, str]) -> dict[str, object]:
    file = Path(issue.file).name if issue.file else "-"
    return {
        "file": names.get(file, file),
        "row": issue.row,
        "column": issue.column,
        "message": issue.message,
        "value": issue.value,
        "rule": issue.rule,
    }


async def template_download(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in TEMPLATE_NAMES:
        raise HTTPException(404)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{name}.xlsx"
        template_workbook(name).save(path)
        data = path.read_bytes()
    return Response(
        data,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
    )
