"""Who may do what: the one check every request passes, before any page's handler runs.

With no account in the workspace the pages need no login and the one user is the planner
(``planner@localhost``), served to this computer only. Once an account exists every page but
the login page and the static files needs a login, and each route answers only the roles its
:class:`Rule` names. :data:`RULES` marks routes by their path as written in the app; a route
it does not name falls under :data:`DEFAULT`: the planner for every method, finance reading
(``GET``) as the issue's "read-only elsewhere" says, a unit account never. So a page added
later is closed to units and to every finance post until it is marked here.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import BaseRoute, Match, Mount
from starlette.types import ASGIApp, Receive, Scope, Send

from hamyar.store.users import any_users, fingerprint, get_user

LOCAL_PLANNER = "planner@localhost"
"""Who decided, when the pages run without accounts."""
SAFE = ("GET", "HEAD")
ALL = frozenset({"planner", "unit", "finance"})
PLANNER = frozenset({"planner"})
FINANCE = frozenset({"planner", "finance"})


@dataclass(frozen=True)
class Rule:
    """The roles that may read a route (``GET``/``HEAD``) and post to it; ``unit_param`` names
    the path parameter that must be a unit account's own unit."""

    read: frozenset[str]
    write: frozenset[str] = PLANNER
    unit_param: str | None = None

    def allows(self, account: Account, method: str, params: dict[str, object]) -> bool:
        if account.role not in (self.read if method in SAFE else self.write):
            return False
        if account.role == "unit" and self.unit_param is not None:
            return params.get(self.unit_param) == account.unit
        return True


DEFAULT = Rule(read=FINANCE, write=PLANNER)
OPEN = Rule(read=ALL, write=ALL)
"""The login page and the static files: no login needed."""
RULES: dict[str, Rule] = {
    "/login": OPEN,
    "/logout": Rule(read=ALL, write=ALL),
    "/payroll": Rule(read=FINANCE, write=FINANCE),
    "/payroll/preview": Rule(read=FINANCE, write=FINANCE),
    "/payroll/confirm": Rule(read=FINANCE, write=FINANCE),
    "/payroll/{month}/{name}": Rule(read=FINANCE, write=FINANCE),
    "/units/{unit}": Rule(read=ALL, write=ALL, unit_param="unit"),
    "/units/{unit}/confirm": Rule(
        read=ALL, write=frozenset({"planner", "unit"}), unit_param="unit"
    ),
    "/units/{unit}/hours": Rule(read=ALL, write=frozenset({"planner", "unit"}), unit_param="unit"),
    "/units/{unit}/evaluations": Rule(
        read=ALL, write=frozenset({"planner", "unit"}), unit_param="unit"
    ),
}


@dataclass(frozen=True)
class Account:
    """Who is asking: an account of the workspace, or the planner at this computer."""

    name: str
    role: str
    unit: str | None = None

    @property
    def home(self) -> str:
        return f"/units/{self.unit}" if self.role == "unit" else "/"


def account_of(request: Request) -> Account:
    """The account the check let through (the local planner outside the app, in tests)."""
    found = request.scope.get("state", {}).get("account")
    return found if isinstance(found, Account) else Account(LOCAL_PLANNER, "planner")


def actor(request: Request) -> str:
    """The name a decision made on this request is recorded with."""
    return account_of(request).name


def _local(client: str | None) -> bool:
    """A loopback address, or none that is an address (the test client, a Unix socket)."""
    if not client:
        return True
    try:
        return ipaddress.ip_address(client).is_loopback
    except ValueError:
        return True


def rule_of(routes: list[BaseRoute], scope: Scope) -> tuple[Rule, dict[str, object]]:
    """The rule of the route ``scope`` asks for, and its path parameters."""
    for route in routes:
        match, child = route.matches(scope)
        if match is Match.NONE:
            continue
        if isinstance(route, Mount) and route.name == "static":
            return OPEN, {}
        path = str(getattr(route, "path", ""))
        return RULES.get(path, DEFAULT), dict(child.get("path_params", {}))
    return DEFAULT, {}


class AccessCheck:
    """ASGI middleware inside the session middleware: a login when accounts exist, the
    route's rule for the account's role (403 otherwise)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        app = scope["app"]
        rule, params = rule_of(app.router.routes, scope)
        client = request.client.host if request.client else None
        with app.state.workspace.session() as session:
            accounts = any_users(session)
            account = _logged_in(request, session) if accounts else None
        if not accounts:
            if not _local(client):
                await _refuse(request, 403, send, receive)
                return
            account = Account(LOCAL_PLANNER, "planner")
        if account is None:
            if rule is OPEN:
                await self.app(scope, receive, send)
                return
            target = "/login" + (f"?next={request.url.path}" if request.method in SAFE else "")
            await RedirectResponse(target, status_code=303)(scope, receive, send)
            return
        scope.setdefault("state", {})["account"] = account
        if rule is OPEN or rule.allows(account, request.method, params):
            await self.app(scope, receive, send)
            return
        if request.url.path == "/" and account.home != "/":
            await RedirectResponse(account.home, status_code=303)(scope, receive, send)
            return
        await _refuse(request, 403, send, receive)


def _logged_in(request: Request, session: object) -> Account | None:
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    kept = request.session.get("account")
    if not isinstance(kept, dict):
        return None
    row = get_user(session, str(kept.get("name")))
    if row is None or kept.get("fp") != fingerprint(row):
        request.session.pop("account", None)
        return None
    return Account(row.name, row.role, row.unit_code)


async def _refuse(request: Request, status: int, send: Send, receive: Receive) -> None:
    from hamyar.web.site import lang_of, page, word

    message = word("web.forbidden", lang_of(request))
    response = page(request, "refused.html", status=status, message=message)
    await response(request.scope, receive, send)
