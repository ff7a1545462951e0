"""Accounts, login and roles through Starlette's test client on a real SQLite workspace where
the embedded default ran and was adopted: who sees which page (403 otherwise), CSRF on the
login, slowed logins kept across a restart, the session key kept in the workspace, and every
decision recorded with the account that made it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient
from walk import PASSWORD, Client, accounts, login, token

from hamyar.io.placements import read_assignments_csv
from hamyar.store import Workspace
from hamyar.store.decisions import term_decisions
from hamyar.store.ledger import batches
from hamyar.store.schema_users import LoginFailureRow
from hamyar.store.users import set_password
from hamyar.web.app import create_app


@pytest.fixture
def lib_rows(adopted_workspace: Path) -> list[object]:
    return [r for r in read_assignments_csv(adopted_workspace / "run" / "assignments.csv")]


def test_without_accounts_the_planner_at_this_computer_needs_no_login(
    ws: Path, client_of: Client
) -> None:
    client = client_of()
    assert client.get("/").status_code == 200
    assert client.get("/login", follow_redirects=False).status_code == 303
    csrf = token(client.get("/runs/1").text)
    assert client.post("/runs/1/adopt", data={"csrf": csrf}).status_code == 200
    page = client.get("/decisions?lang=en").text
    assert '<td class="by">planner@localhost</td>' in page
    far = client_of(address="192.168.1.20")
    assert far.get("/").status_code == 403


def test_every_page_needs_a_login_once_accounts_exist(ws: Path, client_of: Client) -> None:
    accounts(ws)
    client = client_of()
    for path in ("/", "/runs", "/runs/1", "/payroll", "/units/LIB", "/decisions"):
        moved = client.get(path, follow_redirects=False)
        assert moved.status_code == 303 and moved.headers["location"] == f"/login?next={path}"
    assert client.post("/runs/1/adopt", data={}, follow_redirects=False).status_code == 303
    assert client.get("/static/style.css").status_code == 200
    page = client.get("/login")
    assert page.status_code == 200 and 'id="login"' in page.text
    assert 'href="/runs"' not in page.text and 'id="logout"' not in page.text  # no menu yet
    refused = client.post("/login", data={"name": "karimi", "password": PASSWORD})
    assert refused.status_code == 403  # no CSRF token
    bad = login(client, "karimi", "wrong-password")
    assert bad.status_code == 401  # type: ignore[attr-defined]
    good = login(client, "karimi")
    assert good.status_code == 303 and good.headers["location"] == "/"  # type: ignore[attr-defined]
    home = client.get("/")
    assert home.status_code == 200 and 'id="account"' in home.text and "karimi" in home.text
    client.post("/logout", data={"csrf": token(home.text)})
    assert client.get("/", follow_redirects=False).status_code == 303


def test_a_login_goes_back_to_the_page_asked_only_on_this_site(ws: Path, client_of: Client) -> None:
    accounts(ws)
    client = client_of()
    csrf = token(client.get("/login?next=/runs/1").text)
    sent = {"csrf": csrf, "name": "karimi", "password": PASSWORD}
    done = client.post("/login", data={**sent, "next": "/runs/1"}, follow_redirects=False)
    assert done.headers["location"] == "/runs/1"
    client = client_of()
    csrf = token(client.get("/login").text)
    sent["csrf"] = csrf
    away = client.post("/login", data={**sent, "next": "//evil.example/"}, follow_redirects=False)
    assert away.headers["location"] == "/"


def test_a_unit_sees_only_its_own_students_without_national_ids_or_shebas(
    ws: Path, client_of: Client, lib_rows: list[object]
) -> None:
    accounts(ws)
    planner = client_of("karimi")
    planner.post("/runs/1/adopt", data={"csrf": token(planner.get("/runs/1").text)})
    unit = client_of("lib")
    assert unit.get("/", follow_redirects=False).headers["location"] == "/units/LIB"
    page = unit.get("/units/LIB")
    assert page.status_code == 200
    rows = [r for r in lib_rows if r.unit_code == "LIB"]  # type: ignore[attr-defined]
    others = [r for r in lib_rows if r.unit_code != "LIB"]  # type: ignore[attr-defined]
    assert rows and page.text.count('class="student"') == len(rows)
    for r in rows:
        assert f'data-id="{r.student_id}"' in page.text
        assert r.national_id and r.national_id not in page.text
        assert r.sheba and r.sheba not in page.text and r.sheba[-10:] not in page.text
    assert all(f'data-id="{r.student_id}"' not in page.text for r in others)
    assert "دکتری تخصصی" in page.text or "کارشناسی" in page.text  # degrees in Persian
    assert "bachelor_continuous" not in page.text and 'href="/runs"' not in page.text
    student = f"/runs/1/students/{rows[0].student_id}"
    for path in ("/units/PE", "/units/PE/hours", "/units/PE/evaluations", "/runs", "/runs/1",
                 "/inputs", "/payroll", "/decisions", student):  # fmt: skip
        assert unit.get(path).status_code == 403, path
    csrf = token(page.text)
    assert unit.post("/units/PE/confirm", data={"csrf": csrf, "student": "x"}).status_code == 403
    assert unit.post("/runs/1/adopt", data={"csrf": csrf}).status_code == 403
    done = unit.post("/units/LIB/confirm", data={"csrf": csrf, "student": rows[0].student_id})
    assert done.status_code == 200 and "lib ·" in done.text
    assert planner.get("/units/PE").status_code == 200


def test_finance_pays_and_reads_but_does_not_adopt(ws: Path, client_of: Client) -> None:
    accounts(ws)
    finance = client_of("ahmadi")
    for path in ("/", "/runs", "/runs/1", "/payroll", "/decisions", "/units/LIB"):
        assert finance.get(path).status_code == 200, path
    csrf = token(finance.get("/runs/1").text)
    refused = finance.post("/runs/1/adopt", data={"csrf": csrf})
    assert refused.status_code == 403
    assert finance.post("/runs", data={"csrf": csrf}).status_code == 403
    assert finance.post("/term", data={"csrf": csrf, "term": "1403-1"}).status_code == 403
    assert finance.post("/units/LIB/hours", data={"csrf": csrf}).status_code == 403
    workspace = Workspace.open(ws)
    with workspace.session() as session:
        assert term_decisions(session, "1402-1") == []
    workspace.close()


def test_a_route_added_later_is_the_planners_unless_marked(ws: Path) -> None:
    accounts(ws)
    app = create_app(ws)
    app.router.routes.append(
        Route("/later", lambda r: PlainTextResponse("later"), methods=["GET", "POST"])
    )
    for name, read, write in (("karimi", 200, 200), ("ahmadi", 200, 403), ("lib", 403, 403)):
        client = TestClient(app)
        assert login(client, name).status_code == 303  # type: ignore[attr-defined]
        assert client.get("/later").status_code == read, name
        assert client.post("/later").status_code == write, name


def test_a_unit_enters_hours_and_evaluations_the_planner_pays_from_them(
    ws: Path, client_of: Client, lib_rows: list[object]
) -> None:
    accounts(ws)
    planner = client_of("karimi")
    planner.post("/runs/1/adopt", data={"csrf": token(planner.get("/runs/1").text)})
    rows = [r for r in lib_rows if r.unit_code == "LIB"]  # type: ignore[attr-defined]
    unit = client_of("lib")
    form = unit.get("/units/LIB/hours?month=1402/08").text
    sent = {"csrf": token(form), "month": "1402/08"}
    hours = {f"hours.{r.student_id}": "40" for r in rows}
    bad = unit.post("/units/LIB/hours", data={**sent, **hours, f"hours.{rows[0].student_id}": "-3"})
    assert bad.status_code == 422 and rows[0].student_id in bad.text
    assert "hours" in bad.text.split('id="hours-problems"')[1][:300]
    mine = {"csrf": token(planner.get("/units/LIB/hours").text), "month": "1402/08"}
    assert planner.post("/units/..%2F..%2Fx/hours", data=mine).status_code == 404
    assert planner.post("/units/NOPE/hours", data=mine).status_code == 404
    saved = unit.post("/units/LIB/hours", data={**sent, **hours})
    assert saved.status_code == 200 and 'id="hours-saved"' in saved.text
    assert saved.text.count('value="40"') == len(rows)
    ev = {f"evaluation.{r.student_id}": "satisfied" for r in rows}
    ev[f"evaluation.{rows[0].student_id}"] = "unsatisfied"
    done = unit.post("/units/LIB/evaluations", data={"csrf": token(form), **ev})
    assert done.status_code == 200 and 'id="evaluations-saved"' in done.text
    finance = client_of("ahmadi")
    csrf = token(finance.get("/payroll").text)
    preview = finance.post(
        "/payroll/preview", data={"csrf": csrf, "entered": "1", "month": "1402/08"}
    )
    assert preview.status_code == 200, preview.text
    assert 'id="preview-total"' in preview.text
    pay_token = re.search(r'name="token" value="([^"]+)"', preview.text)
    assert pay_token
    paid = finance.post(
        "/payroll/confirm", data={"csrf": csrf, "token": pay_token.group(1), "month": "1402/08"}
    )
    assert paid.status_code == 200
    workspace = Workspace.open(ws)
    with workspace.session() as session:
        batch = batches(session)[0]
        assert batch.created_by == "ahmadi"
        assert {line.unit_code for line in batch.lines} == {"LIB"}
        assert len(batch.lines) == len(rows)
        found = [(d.kind, d.by) for d in term_decisions(session, "1402-1")]
    workspace.close()
    assert found == [("adopt", "karimi"), ("evaluate", "lib"), ("pay", "ahmadi")]


def test_failed_logins_are_slowed_per_account_and_address_across_restarts(
    ws: Path, client_of: Client
) -> None:
    accounts(ws)
    client = client_of(address="10.0.0.5")
    for _ in range(3):
        assert login(client, "karimi", "guess").status_code == 401  # type: ignore[attr-defined]
    slowed = login(client, "karimi")  # the right password, too soon
    assert slowed.status_code == 429  # type: ignore[attr-defined]
    assert re.search(r"[۲۳][۹۰] ثانیه", slowed.text)  # type: ignore[attr-defined]
    restarted = client_of(address="10.0.0.6")  # a new server, another address: the account waits
    assert login(restarted, "karimi").status_code == 429  # type: ignore[attr-defined]
    same_address = client_of(address="10.0.0.5")  # another account from the guessing address
    assert login(same_address, "lib").status_code == 429  # type: ignore[attr-defined]
    assert login(client_of(address="10.0.0.7"), "lib").status_code == 303  # type: ignore[attr-defined]
    workspace = Workspace.open(ws)
    with workspace.session() as session:  # the wait is over
        for row in session.query(LoginFailureRow):
            row.wait_until = row.last_at
    workspace.close()
    assert login(client_of(address="10.0.0.5"), "karimi").status_code == 303  # type: ignore[attr-defined]


def test_a_login_outlives_a_restart_but_not_a_new_password(ws: Path, client_of: Client) -> None:
    accounts(ws)
    first = client_of("karimi")
    cookies = dict(first.cookies)
    second = TestClient(create_app(ws), cookies=cookies)  # a restarted server, the same key
    assert second.get("/", follow_redirects=False).status_code == 200
    workspace = Workspace.open(ws)
    with workspace.session() as session:
        set_password(session, "karimi", "a-newer-password")
    workspace.close()
    assert second.get("/", follow_redirects=False).status_code == 303
