"""Notices and the units' lists of the adopted allocation, written as ``hamyar notices`` writes
them (a text per applicant for SMS or the Sajad portal, a letter per applicant, a letter per
unit naming its students), then opened or printed from the Downloads page."""

from __future__ import annotations

from collections import Counter

from starlette.requests import Request
from starlette.responses import Response

from hamyar.commands.notices import write_term_notices
from hamyar.errors import HamyarError
from hamyar.reports.notice_files import ALL, LETTERS, NOTICES_CSV, UNITS
from hamyar.text import check_lang
from hamyar.web.downloads import files_in, term_folders
from hamyar.web.jobs import message
from hamyar.web.site import Settings, checked_form, lang_of, page, term_of
from hamyar.web.state import term_state


def _page(request: Request, status: int = 200, **values: object) -> Response:
    app = request.app.state
    term = term_of(request)
    folder = term_folders(app.settings, term)["notices"]
    written = files_in(folder)
    units = sorted(n for n in written if n.startswith(f"{UNITS}/") and not n.endswith(ALL))
    return page(
        request,
        "notices.html",
        status=status,
        state=term_state(app.workspace, app.settings, term),
        written=written,
        csv=NOTICES_CSV,
        letters=f"{LETTERS}/{ALL}",
        units_all=f"{UNITS}/{ALL}",
        units=units,
        **values,
    )


async def notices_page(request: Request) -> Response:
    return _page(request)


async def write(request: Request) -> Response:
    await checked_form(request)
    settings: Settings = request.app.state.settings
    term, lang = term_of(request), lang_of(request)
    out = term_folders(settings, term)["notices"]
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        run_id, _term, notices, letters = write_term_notices(
            settings.workspace_dir, out, term, None, check_lang(lang), force=True
        )
    except HamyarError as exc:
        return _page(request, 409, error=message(exc, lang))
    counts = Counter(n.kind for n in notices)
    return _page(request, counts=dict(counts), run_id=run_id, unit_count=len(letters))
