"""A unit's pages: its students (without national IDs or Shebas), confirming them, the month's
hours and the end-of-term evaluations. A unit account reaches only its own unit's pages
(:mod:`hamyar.web.auth`); the planner reaches every unit's.

The hours are kept as the unit's timesheet file of the month (``web/TERM/hours/yyyy-mm/
UNIT.csv``, the timesheets format of DATA.md), checked by the reader ``hamyar pay`` uses; the
payroll page pays from them (:func:`entered_timesheets`). The evaluations go through the same
check and store as ``hamyar evaluations import``.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from hamyar.errors import HamyarError, Issue
from hamyar.io.csvfile import write_csv
from hamyar.io.evaluations import EvaluationEntry
from hamyar.io.timesheets import parse_timesheets
from hamyar.messages import Msg
from hamyar.models import Degree, JalaliMonth, Satisfaction, Source, persian
from hamyar.store.errors import WorkspaceError
from hamyar.store.evaluations import check_entries, live_evaluations, record_evaluations
from hamyar.store.unit_roster import UnitStudent, confirm_students, unit_students
from hamyar.web.auth import actor
from hamyar.web.site import Settings, checked_form, lang_of, page, term_of

HEADER = ("student_id", "unit_code", "month", "hours")


def _roster(request: Request, unit: str) -> tuple[bool, list[UnitStudent]]:
    with request.app.state.workspace.session() as session:
        adoption, students = unit_students(session, term_of(request), unit)
    return adoption is not None, students


def _message(request: Request, exc: HamyarError) -> str:
    if isinstance(exc, WorkspaceError):
        return exc.fa if lang_of(request) == "fa" else exc.en
    return str(exc)


def hours_file(settings: Settings, term: str, month: JalaliMonth, unit: str) -> Path:
    return settings.term_dir(term) / "hours" / str(month).replace("/", "-") / f"{unit}.csv"


def entered_timesheets(settings: Settings, term: str, month: JalaliMonth, into: Path) -> bool:
    """Every unit's entered hours of ``month`` as one timesheet file at ``into``; false when
    no unit has entered any."""
    folder = hours_file(settings, term, month, "x").parent
    files = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    rows: list[list[object]] = []
    for path in files:
        rows.extend(
            [r.student_id, r.unit_code, str(r.month), r.hours]
            for r in parse_timesheets(path).records
        )
    if not rows:
        return False
    write_csv(into, HEADER, rows)
    return True


def degree_words(lang: str) -> Callable[[str], str]:
    """A degree as the unit reads it: Persian words, or the value with spaces in English."""

    def say(value: str) -> str:
        try:
            member = Degree(value)
        except ValueError:
            return value
        return persian(member) if lang == "fa" else value.replace("_", " ")

    return say


async def unit_page(request: Request) -> Response:
    unit = request.path_params["unit"]
    has_adoption, students = _roster(request, unit)
    return page(
        request, "unit.html", unit=unit, adopted=has_adoption, students=students,
        degree=degree_words(lang_of(request)),
    )  # fmt: skip


async def confirm(request: Request) -> Response:
    form = await checked_form(request)
    unit = request.path_params["unit"]
    chosen = [str(s) for s in form.getlist("student")]
    try:
        with request.app.state.workspace.session() as session:
            confirm_students(session, term_of(request), unit, chosen, by=actor(request))
    except WorkspaceError as exc:
        has_adoption, students = _roster(request, unit)
        return page(
            request, "unit.html", status=409, unit=unit, adopted=has_adoption,
            students=students, error=_message(request, exc),
            degree=degree_words(lang_of(request)),
        )  # fmt: skip
    return RedirectResponse(f"/units/{unit}", status_code=303)


def _month(text: str) -> JalaliMonth | None:
    try:
        return JalaliMonth.parse(text)
    except ValueError:
        return None


def _entered(settings: Settings, term: str, month: JalaliMonth | None, unit: str) -> dict[str, str]:
    if month is None:
        return {}
    path = hours_file(settings, term, month, unit)
    if not path.is_file():
        return {}
    return {r.student_id: str(r.hours) for r in parse_timesheets(path).records}


async def hours_page(request: Request) -> Response:
    unit = request.path_params["unit"]
    has_adoption, students = _roster(request, unit)
    text = request.query_params.get("month", "")
    month = _month(text)
    entered = _entered(request.app.state.settings, term_of(request), month, unit)
    return page(
        request, "unit_hours.html", unit=unit, adopted=has_adoption, students=students,
        month=str(month) if month else text, entered=entered,
        saved=request.query_params.get("saved"),
    )  # fmt: skip


async def save_hours(request: Request) -> Response:
    """Check the month's hours with the timesheet reader, then keep them (all or nothing)."""
    form = await checked_form(request)
    unit = request.path_params["unit"]
    settings: Settings = request.app.state.settings
    term = term_of(request)
    has_adoption, students = _roster(request, unit)
    if not students:  # the file is named only by a unit code the adopted allocation holds
        raise HTTPException(404)
    text = str(form.get("month") or "")
    typed = {s.student_id: str(form.get(f"hours.{s.student_id}") or "").strip() for s in students}
    values = dict(unit=unit, adopted=has_adoption, students=students, month=text, entered=typed)
    month = _month(text)
    if month is None:
        problems = [Issue(Msg("web.unit.bad_month"), text, file="-", column="month")]
        return page(request, "unit_hours.html", status=422, problems=problems, **values)
    order = [s for s in students if typed[s.student_id]]
    target = hours_file(settings, term, month, unit)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".hours-", dir=target.parent))
    try:
        sheet = staging / f"{unit}.csv"
        write_csv(
            sheet, HEADER, ([s.student_id, unit, str(month), typed[s.student_id]] for s in order)
        )
        parsed = parse_timesheets(sheet)
        if parsed.errors:
            by_row = {i + 2: s.student_id for i, s in enumerate(order)}
            problems = [
                Issue(i.message, i.value, file=by_row.get(i.row or 0, "-"), column=i.column)
                for i in parsed.errors
            ]
            return page(request, "unit_hours.html", status=422, problems=problems, **values)
        sheet.replace(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return RedirectResponse(f"/units/{unit}/hours?month={month}&saved=1", status_code=303)


async def evaluations_page(request: Request) -> Response:
    unit = request.path_params["unit"]
    has_adoption, students = _roster(request, unit)
    with request.app.state.workspace.session() as session:
        live = {
            e.student_id: e
            for e in live_evaluations(session, term=term_of(request))
            if e.unit_code == unit
        }
    return page(
        request, "unit_evaluations.html", unit=unit, adopted=has_adoption, students=students,
        live=live, saved=request.query_params.get("saved"),
    )  # fmt: skip


async def save_evaluations(request: Request) -> Response:
    """The unit's evaluations through the check and store of ``hamyar evaluations import``."""
    form = await checked_form(request)
    unit = request.path_params["unit"]
    term = term_of(request)
    _, students = _roster(request, unit)
    entries = []
    for row, s in enumerate(students, start=2):
        value = str(form.get(f"evaluation.{s.student_id}") or "")
        note = str(form.get(f"note.{s.student_id}") or "").strip() or None
        if value not in ("satisfied", "unsatisfied"):
            continue
        entries.append(
            EvaluationEntry(
                student_id=s.student_id, unit_code=unit, evaluation=Satisfaction(value),
                note=note, source=Source(file=f"web:{unit}", row=row),
            )
        )  # fmt: skip
    try:
        with request.app.state.workspace.session() as session:
            problems = check_entries(session, term, entries, {})
            if not problems:
                record_evaluations(session, term, entries, by=actor(request))
    except WorkspaceError as exc:
        problems = [exc.issue(lang_of(request))]
    if problems:
        with request.app.state.workspace.session() as session:
            live = {
                e.student_id: e for e in live_evaluations(session, term=term) if e.unit_code == unit
            }
        return page(
            request, "unit_evaluations.html", status=422, unit=unit, adopted=True,
            students=students, live=live, problems=problems,
        )  # fmt: skip
    return RedirectResponse(f"/units/{unit}/evaluations?saved={len(entries)}", status_code=303)


ROUTES = [
    Route("/units/{unit}", unit_page),
    Route("/units/{unit}/confirm", confirm, methods=["POST"]),
    Route("/units/{unit}/hours", hours_page),
    Route("/units/{unit}/hours", save_hours, methods=["POST"]),
    Route("/units/{unit}/evaluations", evaluations_page),
    Route("/units/{unit}/evaluations", save_evaluations, methods=["POST"]),
]
