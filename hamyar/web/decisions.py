"""The term's decisions (adopt, pay, replace, vacancy, the units' confirmations and
evaluations), each with who made it and when."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from hamyar.store.decisions import term_decisions
from hamyar.web.site import lang_of, page, term_of


async def decisions_page(request: Request) -> Response:
    lang = lang_of(request)
    with request.app.state.workspace.session() as session:
        decisions = [
            {"kind": d.kind, "at": d.at, "by": d.by, "what": d.what.render(lang)}
            for d in term_decisions(session, term_of(request))
        ]
    return page(request, "decisions.html", decisions=decisions)


ROUTES = [Route("/decisions", decisions_page)]
