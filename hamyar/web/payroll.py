"""Payroll: upload a month's timesheets, preview the totals, confirm, download the workbooks.

The preview writes the month into a throw-away folder; confirming pays it through
:func:`hamyar.store.paying.pay_recorded`, so the ledger refuses a month paid before.
"""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from hamyar.errors import HamyarError, InputError
from hamyar.models import JalaliMonth
from hamyar.pipeline.month import month_folder, pay_month
from hamyar.reports.payroll_files import PAYROLL_XLSX, TRANSFERS_CSV, TRANSFERS_XLSX
from hamyar.store.adoption import adopted
from hamyar.store.errors import WorkspaceError
from hamyar.store.paying import pay_recorded
from hamyar.store.runs import get_run
from hamyar.store.vacancy import term_changes
from hamyar.web.auth import actor
from hamyar.web.site import (
    Settings,
    checked_form,
    lang_of,
    page,
    suffix_of,
    term_of,
    upload,
    word,
)
from hamyar.web.state import term_state
from hamyar.web.units import entered_timesheets

DOWNLOADS = (PAYROLL_XLSX, TRANSFERS_XLSX, TRANSFERS_CSV)


def _allocation(request: Request) -> Path | None:
    with request.app.state.workspace.session() as session:
        adoption = adopted(session, term_of(request))
        if adoption is None:
            return None
        run = get_run(session, adoption.run_id)
        return Path(run.out_dir) if run.out_dir else None


def _out(settings: Settings, term: str) -> Path:
    return settings.term_dir(term) / "payroll"


def _message(request: Request, exc: HamyarError) -> str:
    lang = lang_of(request)
    if isinstance(exc, WorkspaceError):
        return exc.fa if lang == "fa" else exc.en
    if isinstance(exc, InputError):
        return "\n".join(str(i) for i in exc.issues)
    return str(exc)


def _state(request: Request) -> object:
    app = request.app.state
    return term_state(app.workspace, app.settings, term_of(request))


async def payroll_page(request: Request) -> Response:
    return page(request, "payroll.html", state=_state(request), allocation=_allocation(request))


async def preview(request: Request) -> Response:
    form = await checked_form(request)
    settings: Settings = request.app.state.settings
    term = term_of(request)
    allocation = _allocation(request)
    item = upload(form, "timesheets")
    entered = form.get("entered") == "1"
    if allocation is None or (item is None and not entered):
        return RedirectResponse("/payroll", status_code=303)
    pending = settings.term_dir(term) / "pending"
    pending.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(8)
    sheet = pending / f"{token}{suffix_of(item) if item else '.csv'}"
    if item is not None:
        sheet.write_bytes(await item.read())
    try:
        month = JalaliMonth.parse(str(form.get("month") or ""))
        if item is None and not entered_timesheets(settings, term, month, sheet):
            raise ValueError(word("web.pay.none_entered", lang_of(request)))
        with request.app.state.workspace.session() as session:
            adoption = adopted(session, term)
            assert adoption is not None
            changes = term_changes(session, adoption)
        with tempfile.TemporaryDirectory() as tmp:
            run = pay_month(
                allocation,
                sheet,
                month,
                Path(tmp),
                lang="fa",
                newcomers=changes.newcomers,
                periods=changes.periods,
            )
    except (HamyarError, ValueError) as exc:
        sheet.unlink(missing_ok=True)
        text = _message(request, exc) if isinstance(exc, HamyarError) else str(exc)
        return page(
            request,
            "payroll.html",
            status=422,
            state=_state(request),
            allocation=allocation,
            error=text,
        )
    return page(
        request,
        "payroll.html",
        state=_state(request),
        allocation=allocation,
        preview=run,
        token=sheet.name,
        month=str(month),
    )


async def confirm(request: Request) -> Response:
    form = await checked_form(request)
    settings: Settings = request.app.state.settings
    term = term_of(request)
    allocation = _allocation(request)
    name = str(form.get("token") or "")
    sheet = settings.term_dir(term) / "pending" / Path(name).name
    if allocation is None or not name or not sheet.is_file():
        return RedirectResponse("/payroll", status_code=303)
    try:
        month = JalaliMonth.parse(str(form.get("month") or ""))
        _, batch = pay_recorded(
            request.app.state.workspace,
            allocation,
            sheet,
            month,
            _out(settings, term),
            by=actor(request),
        )
    except (HamyarError, ValueError) as exc:
        text = _message(request, exc) if isinstance(exc, HamyarError) else str(exc)
        return page(
            request,
            "payroll.html",
            status=409,
            state=_state(request),
            allocation=allocation,
            error=text,
        )
    finally:
        sheet.unlink(missing_ok=True)
    return RedirectResponse(f"/payroll?paid={batch.id}", status_code=303)


async def download(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    term = term_of(request)
    month = request.path_params["month"]
    name = request.path_params["name"]
    if name not in DOWNLOADS:
        raise HTTPException(404)
    try:
        parsed = JalaliMonth.parse(month.replace("-", "/"))
    except ValueError:
        raise HTTPException(404) from None
    folder = month_folder(_out(settings, term), parsed)
    path = folder / name
    if not path.is_file():
        raise HTTPException(404)
    return FileResponse(path, filename=name)
