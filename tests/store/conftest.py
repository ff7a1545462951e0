"""Workspaces on a real SQLite file and on a real PostgreSQL server.

``HAMYAR_TEST_DATABASE_URL`` names a server to use; otherwise a throwaway cluster is made with
``initdb`` and ``pg_ctl`` in a temporary folder (as the ``postgres`` user when run as root) on a
free port, and stopped when the tests end. Each test gets a fresh database on it.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from hamyar.eligibility import evaluate
from hamyar.io.allocation_dir import read_allocation_dir
from hamyar.io.placements import PlacedRow
from hamyar.models import Allocation, Assignment, SolveStatus
from hamyar.optimizer.waitlist import waiting_lists
from hamyar.scenarios.replan import rebuild


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        pytest.fail("PostgreSQL is not installed (apt-get install postgresql)")
    return Path(found[-1]).parent


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A server URL without a database name."""
    given = os.environ.get("HAMYAR_TEST_DATABASE_URL")
    if given:
        yield given.rsplit("/", 1)[0]
        return
    bindir = _pg_bin()
    folder = Path(tempfile.mkdtemp(prefix="hamyar-pg-"))
    data = folder / "data"
    as_user: list[str] = []
    if os.geteuid() == 0:
        entry = pwd.getpwnam("postgres")
        os.chown(folder, entry.pw_uid, entry.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    subprocess.run(
        [*as_user, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        [
            *as_user,
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-w",
            "start",
            "-l",
            str(folder / "log"),
        ],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty workspace database: a SQLite file, or a new database on the server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'workspace' / 'hamyar.db'}"
        return
    server = request.getfixturevalue("postgres_server")
    name = f"hamyar_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{server}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def workspace_env(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """``HAMYAR_DATABASE_URL`` set to the test database, for the CLI and subprocesses."""
    monkeypatch.setenv("HAMYAR_DATABASE_URL", database_url)
    return database_url


def _first_waiting(run: Path) -> tuple[PlacedRow, str]:
    """A placed student whose unit has an unplaced student waiting, and the first of those,
    from the run's own problem and waiting list (computed apart from the vacancy)."""
    record = read_allocation_dir(run)
    problem = rebuild(run).problem
    allocation = Allocation(
        status=SolveStatus.optimal,
        assignments=tuple(
            Assignment(
                student_id=r.student_id,
                unit_code=r.unit_code,
                gender=r.gender,
                preference_rank=r.preference_rank,
                priority_score=r.priority_score,
                pinned=r.pinned,
            )
            for r in record.rows
        ),
    )
    lists = waiting_lists(problem, evaluate(problem), allocation)
    for row in sorted(record.rows, key=lambda r: r.student_id):
        waiting = [e for e in lists[(row.unit_code, row.gender)] if e.placed_unit is None]
        if waiting and not row.pinned:
            return row, waiting[0].student_id
    raise AssertionError("no unit with a waiting list")


@pytest.fixture(scope="session")
def first_waiting() -> Callable[[Path], tuple[PlacedRow, str]]:
    """``first_waiting(run_folder)``: a placed student whose unit has an unplaced student
    waiting, and the first of those (the vacancy tests' leaver and expected newcomer)."""
    return _first_waiting
