"""The routes: each handler only wires a page to the store and pipeline functions the CLI uses."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from hamyar.store import Workspace
from hamyar.store.users import server_key
from hamyar.web import (
    compare,
    decisions,
    downloads,
    inputs,
    jobs,
    login,
    notices,
    payroll,
    runs,
    scenarios,
    student,
    units,
    vacancy,
)
from hamyar.web.auth import AccessCheck
from hamyar.web.site import PageLanguage, Settings, page, word
from hamyar.web.site import lang_of as _lang


async def _error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    lang = _lang(request)
    default = {403: "web.forbidden", 404: "web.not_found", 413: "web.too_big"}.get(
        exc.status_code, "web.refused"
    )
    detail = exc.detail if exc.detail and exc.detail != _plain(exc.status_code) else None
    return page(
        request, "refused.html", status=exc.status_code, message=detail or word(default, lang)
    )


def _plain(status: int) -> str:
    from http import HTTPStatus

    return HTTPStatus(status).phrase


SESSION_HOURS = 12
"""A login lasts this long (the signed cookie's age)."""


def session_secret(workspace: Workspace) -> str:
    """The key that signs session cookies: kept in the workspace, so a restart keeps every
    login and two servers on one PostgreSQL workspace accept each other's cookies."""
    with workspace.session() as session:
        return server_key(session, "session-cookie")


def create_app(
    workspace_dir: Path, secret: str | None = None, *, https_only: bool = False
) -> Starlette:
    """The web app over the workspace in ``workspace_dir`` (its database, or
    ``HAMYAR_DATABASE_URL``'s, and the folder the pages keep their files in); ``https_only``
    marks the session cookie ``Secure`` (served over TLS)."""
    workspace = Workspace.open(workspace_dir)
    static = Path(__file__).with_name("static")
    routes = [
        Route("/", inputs.term_page),
        Route("/term", inputs.choose_term, methods=["POST"]),
        Route("/inputs", inputs.inputs_page),
        Route("/inputs", inputs.upload_inputs, methods=["POST"]),
        Route("/templates/{name}.xlsx", inputs.template_download),
        Route("/runs", runs.runs_page),
        Route("/runs", runs.start_run, methods=["POST"]),
        Route("/runs/{run_id:int}", runs.result_page),
        Route("/runs/{run_id:int}/students/{student_id}", student.student_page),
        Route("/runs/{run_id:int}/adopt", runs.adopt_run, methods=["POST"]),
        Route("/scenarios", scenarios.scenarios_page),
        Route("/scenarios", scenarios.save, methods=["POST"]),
        Route("/scenarios/{name}.toml", scenarios.download),
        Route("/scenarios/{name}/run", scenarios.run, methods=["POST"]),
        Route("/compare", compare.compare_page),
        Route("/compare", compare.start, methods=["POST"]),
        Route("/compare/{stamp}", compare.result_page),
        Route("/compare/{stamp}/comparison.xlsx", compare.workbook),
        Route("/notices", notices.notices_page),
        Route("/notices", notices.write, methods=["POST"]),
        Route("/downloads", downloads.downloads_page),
        Route("/downloads/run/{run_id:int}/{name:path}", downloads.run_file),
        Route("/downloads/{area}/{name:path}", downloads.term_file),
        Route("/jobs/{job_id}", jobs.job_page),
        Route("/jobs/{job_id}/events", jobs.events),
        Route("/jobs/{job_id}/result", jobs.result_of),
        Route("/payroll", payroll.payroll_page),
        Route("/payroll/preview", payroll.preview, methods=["POST"]),
        Route("/payroll/confirm", payroll.confirm, methods=["POST"]),
        Route("/payroll/{month}/{name}", payroll.download),
        Route("/login", login.login_page),
        Route("/login", login.login, methods=["POST"]),
        Route("/logout", login.logout, methods=["POST"]),
        *units.ROUTES,
        *decisions.ROUTES,
        *vacancy.ROUTES,
        Mount("/static", StaticFiles(directory=static), name="static"),
    ]
    middleware = [
        Middleware(
            SessionMiddleware,
            secret_key=secret or session_secret(workspace),
            same_site="strict",
            session_cookie="hamyar_session",
            max_age=SESSION_HOURS * 3600,
            https_only=https_only,
        ),
        Middleware(PageLanguage),
        Middleware(AccessCheck),
    ]
    app = Starlette(
        routes=routes, middleware=middleware, exception_handlers={HTTPException: _error}
    )
    app.state.workspace = workspace
    app.state.jobs = {}
    app.state.explained = OrderedDict()
    app.state.settings = Settings(Path(workspace_dir))
    return app
