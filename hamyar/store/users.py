"""The web pages' accounts: add, list, remove, change a password, check a login.

Passwords are kept only as argon2id hashes (argon2-cffi's :class:`PasswordHasher`, its
defaults); a hash made with older parameters is made again at the next good login. Failed
logins are counted per account name and per client address (:data:`FREE_FAILURES` free, then a
wait that doubles with each further failure, at most :data:`MAX_WAIT_S`), in the database, so a
restart does not reset them.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hamyar.messages import Msg, say
from hamyar.store.errors import WorkspaceError
from hamyar.store.runs import current_user, now
from hamyar.store.schema_users import LoginFailureRow, ServerKeyRow, UserRow

if TYPE_CHECKING:
    from argon2 import PasswordHasher

ROLES = ("planner", "unit", "finance")
MIN_PASSWORD = 8
FREE_FAILURES = 3
"""Failed logins of one account (or from one address) before the next attempt has to wait."""
FIRST_WAIT_S = 30
MAX_WAIT_S = 15 * 60
FORGET_AFTER = timedelta(days=1)
"""Failures older than this (counted from the last) are forgotten."""
_NAME = re.compile(r"[^\s:/]{1,100}")


def _hasher() -> PasswordHasher:
    try:
        from argon2 import PasswordHasher
    except ImportError:
        raise WorkspaceError(Msg("store.users.argon2")) from None
    return PasswordHasher()


def _utc(when: datetime) -> datetime:
    """SQLite gives times back without a zone, PostgreSQL with one: both as aware UTC."""
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def check_name(name: str) -> str:
    name = unicodedata.normalize("NFC", name.strip())
    if not _NAME.fullmatch(name):
        raise WorkspaceError(Msg("store.users.bad_name"), value=name)
    return name


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise WorkspaceError(
            Msg("store.users.short_password", least=MIN_PASSWORD),
            value=say("store.users.characters", n=len(password)),
        )


def get_user(session: Session, name: str) -> UserRow | None:
    return session.scalars(select(UserRow).where(UserRow.name == name)).first()


def require_user(session: Session, name: str) -> UserRow:
    row = get_user(session, name)
    if row is None:
        raise WorkspaceError(Msg("store.users.not_found"), value=name)
    return row


def list_users(session: Session) -> Sequence[UserRow]:
    return session.scalars(select(UserRow).order_by(UserRow.name)).all()


def any_users(session: Session) -> bool:
    """Whether any account exists (then every page needs a login)."""
    return session.scalars(select(UserRow.id).limit(1)).first() is not None


def add_user(
    session: Session,
    name: str,
    role: str,
    password: str,
    *,
    unit_code: str | None = None,
    by: str | None = None,
) -> UserRow:
    """A new account; a unit account names its unit (``unit_code``), the others none."""
    name = check_name(name)
    if role not in ROLES:
        raise WorkspaceError(Msg("store.users.role", roles=", ".join(ROLES)), value=role)
    if (role == "unit") != (unit_code is not None):
        raise WorkspaceError(Msg("store.users.unit_role"), value=unit_code or role)
    check_password(password)
    if get_user(session, name) is not None:
        raise WorkspaceError(Msg("store.users.exists"), value=name)
    stamp = now()
    row = UserRow(
        name=name,
        role=role,
        unit_code=unit_code,
        password_hash=_hasher().hash(password),
        created_at=stamp,
        created_by=by or current_user(),
        changed_at=stamp,
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        raise WorkspaceError(Msg("store.users.exists"), value=name) from None
    return row


def remove_user(session: Session, name: str) -> UserRow:
    row = require_user(session, name)
    session.delete(row)
    session.flush()
    return row


def set_password(session: Session, name: str, password: str) -> UserRow:
    """A new password; the account's sessions end (their fingerprint no longer matches)."""
    row = require_user(session, name)
    check_password(password)
    row.password_hash = _hasher().hash(password)
    row.changed_at = now()
    session.flush()
    return row


def fingerprint(row: UserRow) -> str:
    """What a session keeps of the account: changes when the password does."""
    import hashlib

    return hashlib.sha256(row.password_hash.encode()).hexdigest()[:24]


_DUMMY: list[str] = []


def verify(session: Session, name: str, password: str) -> UserRow | None:
    """The account when ``password`` is its password; the hash made again when its parameters
    are old. An unknown name costs the same hashing time as a known one."""
    from argon2.exceptions import InvalidHashError, VerificationError

    hasher = _hasher()
    row = get_user(session, name)
    if row is None:
        if not _DUMMY:
            _DUMMY.append(hasher.hash(secrets.token_hex(16)))
        with contextlib.suppress(VerificationError):
            hasher.verify(_DUMMY[0], password)
        return None
    try:
        hasher.verify(row.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if hasher.check_needs_rehash(row.password_hash):
        row.password_hash = hasher.hash(password)
        session.flush()
    return row


def throttle_keys(name: str, client: str | None) -> tuple[str, ...]:
    keys = [f"account:{name[:150]}"]
    if client:
        keys.append(f"client:{client[:150]}")
    return tuple(keys)


def _wait_after(failures: int) -> timedelta:
    if failures < FREE_FAILURES:
        return timedelta(0)
    return timedelta(seconds=min(FIRST_WAIT_S * 2 ** (failures - FREE_FAILURES), MAX_WAIT_S))


def wait_left(session: Session, keys: Iterable[str], at: datetime | None = None) -> int:
    """Seconds before another login may be tried with these keys (0: now)."""
    at = _utc(at or now())
    rows = session.scalars(select(LoginFailureRow).where(LoginFailureRow.key.in_(list(keys))))
    left = max((_utc(r.wait_until) - at for r in rows), default=timedelta(0))
    return max(0, int(left.total_seconds() + 0.999))


def record_failure(session: Session, keys: Iterable[str], at: datetime | None = None) -> int:
    """Count one failed login against each key; the seconds to wait before the next."""
    at = _utc(at or now())
    longest = timedelta(0)
    for key in keys:
        row = session.get(LoginFailureRow, key, with_for_update=True)
        if row is None:
            row = LoginFailureRow(key=key, failures=0, last_at=at, wait_until=at)
            session.add(row)
        elif at - _utc(row.last_at) > FORGET_AFTER:
            row.failures = 0
        row.failures += 1
        row.last_at = at
        wait = _wait_after(row.failures)
        row.wait_until = at + wait
        longest = max(longest, wait)
    session.flush()
    return int(longest.total_seconds())


def clear_failures(session: Session, keys: Iterable[str]) -> None:
    session.execute(delete(LoginFailureRow).where(LoginFailureRow.key.in_(list(keys))))


def server_key(session: Session, name: str) -> str:
    """A secret kept in the workspace across restarts (made on first use)."""
    row = session.get(ServerKeyRow, name)
    if row is not None:
        return row.value
    try:
        with session.begin_nested():
            session.add(ServerKeyRow(name=name, value=secrets.token_urlsafe(48), created_at=now()))
    except IntegrityError:
        pass  # another server made it first
    made = session.get(ServerKeyRow, name)
    assert made is not None
    return made.value


def known_units(session: Session) -> dict[str, tuple[str, ...]]:
    """``{code: names}`` of the units the workspace knows: the newest run's units (rebuilt
    from its inputs), the units any run placed students in, and the embedded table's."""
    from hamyar.errors import HamyarError
    from hamyar.generator.default import default_units
    from hamyar.store.notices import run_problem_of
    from hamyar.store.schema import AssignmentRow, RunRow

    units: dict[str, tuple[str, ...]] = {}
    newest = session.scalars(select(RunRow).order_by(RunRow.id.desc()).limit(1)).first()
    if newest is not None:
        try:
            for u in run_problem_of(newest).units:
                units[u.code] = (u.name_fa, u.name_en or "")
        except (HamyarError, OSError, ValueError):
            pass  # its files are gone: the codes below still name its units
    for code in session.scalars(select(AssignmentRow.unit_code).distinct()):
        units.setdefault(code, ())
    for u in default_units():
        units.setdefault(u.code, (u.name_fa, u.name_en or ""))
    return units


def resolve_unit(session: Session, text: str) -> str:
    """The code of the unit ``text`` names (its code, Persian or English name)."""
    from hamyar.text import normalize_key

    key = normalize_key(text)
    units = known_units(session)
    found = sorted(
        code
        for code, names in units.items()
        if key in {normalize_key(code), *(normalize_key(n) for n in names if n)}
    )
    if len(found) != 1:
        why = Msg("store.users.unit_many" if found else "store.users.unit_unknown")
        raise WorkspaceError(Msg("store.users.unit", why=why), value=text)
    return found[0]
