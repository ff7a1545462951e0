"""The login page and logging out: argon2 passwords, a throttle on failures, a new session."""

from __future__ import annotations

import secrets

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from hamyar.store.users import (
    any_users,
    clear_failures,
    fingerprint,
    record_failure,
    throttle_keys,
    verify,
    wait_left,
)
from hamyar.web.auth import Account
from hamyar.web.site import checked_form, lang_of, page, word


def _next(target: object) -> str | None:
    """Only a path of this site (never another host)."""
    text = str(target or "")
    return text if text.startswith("/") and not text.startswith("//") and "\\" not in text else None


async def login_page(request: Request) -> Response:
    with request.app.state.workspace.session() as session:
        if not any_users(session):
            return RedirectResponse("/", status_code=303)
    return page(request, "login.html", next=_next(request.query_params.get("next")) or "")


def _refused(request: Request, status: int, message: str, target: str | None) -> Response:
    return page(request, "login.html", status=status, error=message, next=target or "")


async def login(request: Request) -> Response:
    form = await checked_form(request)
    name = str(form.get("name") or "").strip()
    password = str(form.get("password") or "")
    target = _next(form.get("next"))
    lang = lang_of(request)
    keys = throttle_keys(name, request.client.host if request.client else None)
    with request.app.state.workspace.session() as session:
        wait = wait_left(session, keys)
        if wait:
            message = word("web.login.wait", lang, seconds=wait)
            return _refused(request, 429, message, target)
        row = verify(session, name, password) if name and password else None
        if row is None:
            wait = record_failure(session, keys)
        else:
            clear_failures(session, keys)
            account = Account(row.name, row.role, row.unit_code)
            kept = {"name": row.name, "fp": fingerprint(row)}
    if row is None:
        message = word("web.login.bad", lang)
        if wait:
            message += " " + word("web.login.wait", lang, seconds=wait)
        return _refused(request, 401, message, target)
    keep: dict[str, object] = {
        k: request.session[k] for k in ("lang", "term") if k in request.session
    }
    request.session.clear()
    request.session.update(keep)
    request.session["account"] = kept
    request.session["csrf"] = secrets.token_urlsafe(32)
    return RedirectResponse(target or account.home, status_code=303)


async def logout(request: Request) -> Response:
    await checked_form(request)
    keep: dict[str, object] = {k: request.session[k] for k in ("lang",) if k in request.session}
    request.session.clear()
    request.session.update(keep)
    return RedirectResponse("/login", status_code=303)
