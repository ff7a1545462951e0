"""Recording runs into a SQLite workspace whose schema is current, with the standard library.

Importing SQLAlchemy and building the ORM took a third of a second of every ``hamyar run``,
only to insert a few rows. When the workspace is a SQLite file (the folder's, or a plain
``sqlite:///PATH`` in ``HAMYAR_DATABASE_URL``) and its ``alembic_version`` is the shipped head,
:class:`QuickRecorder` inserts :func:`~hamyar.store.run_rows.run_rows` with :mod:`sqlite3`, in
one ``BEGIN IMMEDIATE`` transaction with foreign keys on, and stores each value as SQLAlchemy's
SQLite dialect would
(JSON by ``json.dumps``, times as ``YYYY-MM-DD HH:MM:SS.ffffff``, booleans as 0 and 1). Any
other case (a server, a missing file, an older or newer schema) goes the SQLAlchemy way
(:class:`~hamyar.store.engine.Workspace`), which migrates or refuses.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from hamyar.messages import Msg
from hamyar.models.run import RunResult
from hamyar.pipeline.record import ASSIGNMENT_COLUMNS, WAITING_COLUMNS, RunRecord
from hamyar.store.errors import WorkspaceError
from hamyar.store.location import BUSY_TIMEOUT_S, database_url, sqlite_file
from hamyar.store.revision import shipped_head
from hamyar.store.run_rows import run_rows

JSON_COLUMNS = frozenset({"policy", "kpis", "input_hashes"})
"""The ``runs`` columns SQLAlchemy's JSON type stores (``json.dumps``)."""


def _run_value(column: str, value: Any) -> Any:
    """A ``runs`` value as SQLAlchemy's SQLite dialect stores it (the other tables hold
    text, integers, booleans and bytes, which sqlite3 stores the same way by itself)."""
    if column in JSON_COLUMNS:
        return json.dumps(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def _sql(table: str, columns: list[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


class QuickRecorder:
    """One transaction of recorded runs in a current SQLite workspace (see the module)."""

    def __init__(self, connection: sqlite3.Connection, url: str):
        self.connection, self.url = connection, url

    @classmethod
    def open(cls, workspace: str | Path | None = None) -> QuickRecorder | None:
        """The recorder with its transaction begun; ``None`` when the workspace is not a
        current SQLite file."""
        url = database_url(workspace)
        path = sqlite_file(url)
        head = shipped_head()
        if path is None or head is None or not path.is_file():
            return None
        try:
            connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error:
            return None
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            versions = connection.execute("SELECT version_num FROM alembic_version").fetchall()
            if [v[0] for v in versions] != [head]:
                connection.close()
                return None
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.Error:
            connection.close()
            return None
        return cls(connection, url)

    def record(
        self,
        result: RunResult | RunRecord,
        *,
        command: str,
        name: str,
        files: Mapping[str, Path],
        scenario: str | None = None,
        out_dir: Path | None = None,
        by: str | None = None,
    ) -> tuple[int, str]:
        """Insert one run's rows; its id and term."""
        rows = run_rows(
            result,
            command=command,
            name=name,
            files=files,
            scenario=scenario,
            out_dir=out_dir,
            by=by,
        )
        try:
            cursor = self.connection.cursor()
            columns = list(rows.run)
            values = [_run_value(c, rows.run[c]) for c in columns]
            run_id = cursor.execute(_sql("runs", columns), values).lastrowid
            assert run_id is not None
            for i in rows.inputs:
                cursor.execute(_sql("run_inputs", ["run_id", *i]), (run_id, *i.values()))
            for table, names, table_rows in (
                ("run_assignments", ASSIGNMENT_COLUMNS, rows.assignments),
                ("run_waitlists", WAITING_COLUMNS, rows.waiting),
            ):
                if table_rows:
                    sql = _sql(table, ["run_id", *names])
                    cursor.executemany(sql, [(run_id, *row) for row in table_rows])
        except sqlite3.OperationalError as exc:
            raise self.unusable(exc) from None
        return run_id, str(rows.run["term"])

    def unusable(self, exc: sqlite3.Error) -> WorkspaceError:
        return WorkspaceError(Msg("store.database.unusable", error=str(exc)), where=self.url)

    def commit(self) -> None:
        try:
            self.connection.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            raise self.unusable(exc) from None

    def close(self) -> None:
        """Roll back what is not committed, and close."""
        if self.connection.in_transaction:
            self.connection.execute("ROLLBACK")
        self.connection.close()
