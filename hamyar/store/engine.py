"""How to reach the workspace: the engine, one transaction (where it lives:
:mod:`hamyar.store.location`).

SQLite transactions start with ``BEGIN IMMEDIATE``: a writer takes the file's lock at its first
statement, so two commands that change the workspace run one after the other, never interleaved.
On PostgreSQL the same order comes from :func:`~hamyar.store.adoption.lock_term` (a row lock
per term).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from hamyar.messages import Msg
from hamyar.store.errors import WorkspaceError
from hamyar.store.location import BUSY_TIMEOUT_S
from hamyar.store.location import database_url as database_url
from hamyar.store.revision import up_to_date


def _sqlite_immediate(engine: Engine) -> None:
    """SQLAlchemy's documented pysqlite recipe, with ``BEGIN IMMEDIATE``."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    """An engine for ``url``; the SQLite folder is made if missing."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
        _sqlite_immediate(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


def describe(url: str) -> str:
    """The URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


@dataclass
class Workspace:
    """One workspace database. ``session()`` is the one transaction of a command."""

    url: str
    engine: Engine

    @classmethod
    def open(cls, workspace: str | Path | None = None, *, migrate: bool = True) -> Workspace:
        """The workspace, its schema brought up to date unless ``migrate`` is false."""
        url = database_url(workspace)
        ws = cls(url, make_engine(url))
        if migrate and not up_to_date(ws.engine):
            from hamyar.store.migrate import upgrade

            try:
                upgrade(ws.engine)
            except OperationalError as exc:
                ws.close()
                raise WorkspaceError(
                    Msg("store.database.unusable", error=str(exc.orig)), where=describe(url)
                ) from None
        return ws

    @contextmanager
    def session(self) -> Iterator[Session]:
        """Commit at the end, roll everything back on any error."""
        factory = sessionmaker(self.engine, expire_on_commit=False)
        try:
            with factory.begin() as session:
                yield session
        except OperationalError as exc:
            raise WorkspaceError(
                Msg("store.database.unusable", error=str(exc.orig)), where=describe(self.url)
            ) from None

    def close(self) -> None:
        self.engine.dispose()
