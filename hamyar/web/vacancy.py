"""A mid-term vacancy on the pages: a planner records that a student of the adopted allocation
left, and the seat goes down the unit's waiting list, as ``hamyar vacancy`` does — the same
date check, :func:`hamyar.store.vacancy.end_placement` and the same lines of what happened —
recorded with the account that decided it; the term's vacancies are listed below the form."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from hamyar.commands.vacancy import parse_date, render
from hamyar.errors import InputError, Issue
from hamyar.messages import Lang, say, use_lang
from hamyar.models import Term
from hamyar.store.adoption import adopted
from hamyar.store.errors import WorkspaceError
from hamyar.store.vacancy import VacancyOutcome, end_placement, vacancies
from hamyar.text import normalize_value
from hamyar.web.auth import actor
from hamyar.web.site import checked_form, lang_of, page, term_of


def _page(request: Request, status: int = 200, **values: object) -> Response:
    with request.app.state.workspace.session() as session:
        adoption = adopted(session, term_of(request))
        rows = list(vacancies(session, adoption)) if adoption else []
        for row in rows:
            _ = row.fill  # loaded while the session is open
    return page(request, "vacancy.html", status=status, adoption=adoption, vacancies=rows, **values)


async def vacancy_page(request: Request) -> Response:
    return _page(request)


def _record(
    request: Request, student: str, date_text: str, reason: str | None, lang: Lang
) -> VacancyOutcome:
    """``hamyar vacancy STUDENT --from DATE --reason … --by ACCOUNT`` for the page's term."""
    with use_lang(lang):
        return end_placement(
            request.app.state.workspace,
            normalize_value(student),
            parse_date(date_text),
            term=Term.parse(term_of(request)),
            reason=reason,
            by=actor(request),
        )


def _said(issue: Issue, lang: Lang) -> str:
    """An issue of the form's one student and one date: what is wrong and the value typed (the
    command's option names mean nothing on the page)."""
    text = issue.text(lang)
    if issue.value is not None and issue.value != "":
        text += say("issue.value", lang=lang, value=str(issue.value))
    return text


async def record(request: Request) -> Response:
    form = await checked_form(request)
    lang = lang_of(request)
    student = str(form.get("student") or "").strip()
    date_text = str(form.get("from") or "").strip()
    reason = str(form.get("reason") or "").strip() or None
    typed = {"student": student, "since": date_text, "reason": reason or ""}
    try:
        outcome = await run_in_threadpool(_record, request, student, date_text, reason, lang)
    except WorkspaceError as exc:
        return _page(request, 409, error=exc.fa if lang == "fa" else exc.en, typed=typed)
    except InputError as exc:
        error = "\n".join(_said(i, lang) for i in exc.issues)
        return _page(request, 422, error=error, typed=typed)
    return _page(request, done=render(outcome, lang).splitlines())


ROUTES = [Route("/vacancy", vacancy_page), Route("/vacancy", record, methods=["POST"])]
