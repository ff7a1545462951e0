"""The vacancy page and who started a run, through Starlette's test client on a real SQLite
workspace where ``hamyar run`` recorded the embedded default: a planner records that a student
left and the seat goes to the first of the unit's waiting list, as ``hamyar vacancy`` does, with
who and when; units and finance cannot; runs started on the pages name the account."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select
from walk import Client, accounts, run, token, upload

from hamyar.models import Gender
from hamyar.store import Workspace
from hamyar.store.adoption import adopted, adopted_run
from hamyar.store.decisions import term_decisions
from hamyar.store.schema import RunRow
from hamyar.store.vacancy import vacancies
from hamyar.store.waitlists import run_waiting_lists


def leaver_and_next(ws: Path) -> tuple[str, str]:
    """A placed student whose unit has a student waiting who is placed nowhere, and the first
    of those (whom the seat goes to: tests/store/test_vacancy.py checks it by re-solving)."""
    workspace = Workspace.open(ws)
    with workspace.session() as session:
        lists = run_waiting_lists(session, 1)
        run = adopted_run(session, "1402-1")
        placed = sorted(run.assignments, key=lambda a: a.student_id)
        for a in placed:
            entries = lists.get((a.unit_code, Gender(a.gender)), ())
            waiting = [e for e in entries if e.placed_unit is None]
            if waiting and not a.pinned:
                workspace.close()
                return a.student_id, waiting[0].student_id
    raise AssertionError("no unit with a waiting list")


def recorded(ws: Path) -> list[tuple[str, str, str | None, str]]:
    """The term's vacancies: (leaver, decided by, newcomer, first free day)."""
    workspace = Workspace.open(ws)
    with workspace.session() as session:
        adoption = adopted(session, "1402-1")
        rows = list(vacancies(session, adoption)) if adoption else []
        out = [
            (v.student_id, v.decided_by, v.fill.student_id if v.fill else None, v.vacant_from)
            for v in rows
        ]
    workspace.close()
    return out


def test_a_planner_records_a_vacancy_and_the_seat_goes_down_the_waiting_list(
    ws: Path, client_of: Client
) -> None:
    accounts(ws)
    planner = client_of("karimi")
    csrf = token(planner.get("/runs/1").text)
    assert "/vacancy" in planner.get("/").text  # in the planner's menu
    before = planner.get("/vacancy")
    assert before.status_code == 200 and 'id="vacancy-form"' not in before.text  # not adopted
    assert planner.post("/runs/1/adopt", data={"csrf": csrf}).status_code == 200
    leaver, newcomer = leaver_and_next(ws)
    form = {"csrf": csrf, "student": leaver, "from": "1402/09/15", "reason": "moved"}

    assert planner.post("/vacancy", data={**form, "csrf": "forged"}).status_code == 403
    bad = planner.post("/vacancy", data={**form, "from": "15/09/1402"})
    assert bad.status_code == 422 and 'id="vacancy-error"' in bad.text
    error = re.search(r'id="vacancy-error"[^>]*>([^<]*)<', bad.text)
    assert error and "۱۴۰۲/۰۹/۱۵" in error.group(1)  # did you mean, as hamyar vacancy says
    assert "15/09/1402" in error.group(1) and "--from" not in error.group(1)
    outside = planner.post("/vacancy", data={**form, "from": "1403/09/15"})
    assert outside.status_code == 409 and "بیرون از نیمسال" in outside.text
    assert recorded(ws) == []

    done = planner.post("/vacancy", data=form)
    assert done.status_code == 200, done.text
    lines = re.search(r'<ul class="ok" id="vacancy-done">(.*?)</ul>', done.text, re.S)
    assert lines and leaver in lines.group(1) and newcomer in lines.group(1)
    assert recorded(ws) == [(leaver, "karimi", newcomer, "1402/09/15")]
    table = re.search(r'<table id="vacancies">.*?</table>', done.text, re.S)
    assert table and '<td class="by">karimi</td>' in table.group(0)
    assert "۱۴۰۲/۰۹/۱۵" in table.group(0)  # Persian digits on a Persian page

    again = planner.post("/vacancy", data=form)
    assert again.status_code == 409 and "پیش‌تر" in again.text  # a placement ends once
    english = planner.post("/vacancy?lang=en", data=form)
    assert "already left" in english.text
    assert recorded(ws) == [(leaver, "karimi", newcomer, "1402/09/15")]
    workspace = Workspace.open(ws)
    with workspace.session() as session:
        kinds = [(d.kind, d.by) for d in term_decisions(session, "1402-1")]
    workspace.close()
    assert ("vacancy", "karimi") in kinds
    decisions = planner.get("/decisions?lang=fa").text
    shown = re.search(r'<tr class="decision vacancy">(.*?)</tr>', decisions)
    assert shown and '<td class="by">karimi</td>' in shown.group(1)
    assert "جای خالی" in shown.group(1) and "۱۴۰۲/۰۹/۱۵" in shown.group(1)


def test_units_and_finance_cannot_record_a_vacancy(ws: Path, client_of: Client) -> None:
    accounts(ws)
    planner = client_of("karimi")
    assert planner.post("/runs/1/adopt", data={"csrf": token(planner.get("/").text)})
    leaver, _ = leaver_and_next(ws)
    unit = client_of("lib")
    assert unit.get("/vacancy").status_code == 403
    form = {"csrf": token(unit.get("/units/LIB").text), "student": leaver, "from": "1402/09/15"}
    assert unit.post("/vacancy", data=form).status_code == 403
    finance = client_of("ahmadi")
    assert finance.get("/vacancy").status_code == 200  # reads, as everywhere
    form["csrf"] = token(finance.get("/payroll").text)
    assert finance.post("/vacancy", data=form).status_code == 403
    assert recorded(ws) == []


def created_by(ws: Path, run_id: int) -> str:
    workspace = Workspace.open(ws)
    with workspace.session() as session:
        who = session.scalars(select(RunRow.created_by).where(RunRow.id == run_id)).one()
    workspace.close()
    return who


def test_a_run_started_on_the_pages_is_recorded_with_who_started_it(
    ws: Path, client_of: Client, small_files: dict[str, Path]
) -> None:
    local = client_of()  # no accounts: the planner at this computer
    upload(local, small_files)
    _, result = run(local)
    assert result.url.path == "/runs/2"
    assert created_by(ws, 2) == "planner@localhost"
    assert "<td>planner@localhost</td>" in local.get("/runs").text
    accounts(ws)
    planner = client_of("karimi")
    _, result = run(planner)
    assert result.url.path == "/runs/3"
    assert created_by(ws, 3) == "karimi"
