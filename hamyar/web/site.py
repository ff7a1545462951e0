"""The app: Starlette, Jinja2 templates, the language switch, CSRF tokens and upload limits."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from hamyar.messages import Lang, joined, use_lang
from hamyar.web.auth import LOCAL_PLANNER, account_of
from hamyar.web.words import num, term_words, when, word

MAX_UPLOAD = 20 * 1024 * 1024
"""The largest upload accepted, in bytes (a 100,000-applicant workbook is about 9 MB)."""

DEFAULT_TERM = "1402-1"

TEMPLATES = Environment(
    loader=PackageLoader("hamyar.web", "templates"), autoescape=select_autoescape(["html"])
)


@dataclass(frozen=True)
class Settings:
    """Where the server works: the workspace folder (database and the files the pages store)."""

    workspace_dir: Path

    @property
    def files(self) -> Path:
        return self.workspace_dir / "web"

    def term_dir(self, term: str) -> Path:
        return self.files / term


def lang_of(request: Request) -> Lang:
    """``?lang=en`` switches to English (kept in the session); Persian otherwise."""
    asked = request.query_params.get("lang")
    if asked in ("fa", "en"):
        request.session["lang"] = asked
    return "en" if request.session.get("lang") == "en" else "fa"


class PageLanguage:
    """Every message a request renders (a located error, a refusal) is in the page's language,
    ``?lang=`` or the session's, not the server's ``HAMYAR_LANG``. Inside the session middleware."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with use_lang(lang_of(Request(scope))):
            await self.app(scope, receive, send)


def term_of(request: Request) -> str:
    return str(request.session.get("term") or DEFAULT_TERM)


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return str(token)


async def checked_form(request: Request) -> FormData:
    """The posted form, refused (403) unless it carries this session's CSRF token, and
    (413) when the body is larger than :data:`MAX_UPLOAD`."""
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > MAX_UPLOAD:
        raise HTTPException(413, word("web.too_big", lang_of(request)))
    form = await request.form(max_part_size=MAX_UPLOAD)
    sent = form.get("csrf")
    token = request.session.get("csrf")
    if not token or not isinstance(sent, str) or not secrets.compare_digest(sent, str(token)):
        raise HTTPException(403, word("web.csrf", lang_of(request)))
    return form


def upload(form: FormData, name: str) -> UploadFile | None:
    item = form.get(name)
    if isinstance(item, UploadFile) and item.filename:
        return item
    return None


def suffix_of(item: UploadFile) -> str:
    """``.xlsx`` or ``.csv`` from the uploaded name (never used as a path)."""
    name = (item.filename or "").lower()
    return ".csv" if name.endswith(".csv") else ".xlsx"


def page(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    lang = lang_of(request)
    term = term_of(request)

    def w(code: str, **params: object) -> str:
        return word(code, lang, **params)

    html = TEMPLATES.get_template(template).render(
        lang=lang,
        dir="rtl" if lang == "fa" else "ltr",
        w=w,
        n=lambda v, spec="": num(v, lang, spec),
        when=lambda m: when(m, lang),
        comma=joined(("", ""), lang),
        term=term,
        term_label=term_words(term, lang),
        csrf=csrf_token(request),
        path=request.url.path,
        account=request.scope.get("state", {}).get("account"),
        logged_in=account_of(request).name != LOCAL_PLANNER,
        **values,
    )
    return HTMLResponse(html, status_code=status)
