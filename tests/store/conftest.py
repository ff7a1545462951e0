"""Workspaces on a real SQLite file and on a real PostgreSQL server.

``HAMYAR_TEST_DATABASE_URL`` names a server to use; otherwise a throwaway cluster is made with
``initdb`` and ``pg_ctl`` in a temporary folder (as the ``postgres`` user when run as root) on a
free port, and stopped when the tests end. Each test gets a fresh database on it
(``workspace_env``), or a copy of a workspace prepared once per session (``workspace_from``: the
embedded default run recorded, adopted, paid…), so that the expensive commands run once.
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
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from hamyar.cli import cli
from hamyar.eligibility import evaluate
from hamyar.io.allocation_dir import read_allocation_dir
from hamyar.io.placements import PlacedRow
from hamyar.models import Allocation, Assignment, SolveStatus
from hamyar.optimizer.waitlist import waiting_lists
from hamyar.scenarios.replan import rebuild
from hamyar.store import Workspace


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


def _create_database(server: str, name: str, template: str | None = None) -> None:
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if template is not None:  # no session may stay connected to a template being copied
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": template},
            )
        copy = f' TEMPLATE "{template}"' if template is not None else ""
        conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    admin.dispose()


def _drop_database(server: str, name: str) -> None:
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def backend(request: pytest.FixtureRequest) -> str:
    """The database a workspace test runs on: each such test runs twice, and its PostgreSQL
    twin is marked ``slow`` (a cluster and a database for each test: CI runs it, the quick
    loop ``-m "not slow"`` leaves it out)."""
    return str(request.param)


@pytest.fixture
def database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty workspace database: a SQLite file, or a new database on the server."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'workspace' / 'hamyar.db'}"
        return
    server = request.getfixturevalue("postgres_server")
    name = f"hamyar_test_{uuid.uuid4().hex[:12]}"
    _create_database(server, name)
    try:
        yield f"{server}/{name}"
    finally:
        _drop_database(server, name)


Prepare = Callable[[Path], None]


class WorkspaceTemplates:
    """Workspaces prepared once per session and backend, copied for each test that asks: a
    SQLite file copied, or ``CREATE DATABASE … TEMPLATE`` on the server. The files the
    preparation wrote stay in one folder of the session, shared by every copy; a template made
    from another (``base``) starts from a copy of its database and shares its folder."""

    def __init__(self, request: pytest.FixtureRequest, root: Path) -> None:
        self._request = request
        self._root = root
        self._made: dict[tuple[str, str], tuple[str, Path]] = {}
        self._templates: list[tuple[str, str]] = []

    def _server(self) -> str:
        return str(self._request.getfixturevalue("postgres_server"))

    def _template(
        self, backend: str, name: str, prepare: Prepare, base: tuple[str, Prepare] | None
    ) -> tuple[str, Path]:
        key = (backend, name)
        if key not in self._made:
            source: str | None = None
            if base is None:
                folder = self._root / f"{name}-{backend}"
                folder.mkdir()
            else:
                source, folder = self._template(backend, *base, None)
            if backend == "sqlite":
                path = self._root / "databases" / f"{name}.db"
                path.parent.mkdir(exist_ok=True)
                if source is not None:
                    shutil.copyfile(source.removeprefix("sqlite:///"), path)
                url = f"sqlite:///{path}"
            else:
                database = f"hamyar_template_{name}"
                template = None if source is None else source.rsplit("/", 1)[1]
                _create_database(self._server(), database, template=template)
                self._templates.append((self._server(), database))
                url = f"{self._server()}/{database}"
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("HAMYAR_DATABASE_URL", url)
                prepare(folder)
            self._made[key] = (url, folder)
        return self._made[key]

    def copy(
        self,
        backend: str,
        name: str,
        prepare: Prepare,
        tmp_path: Path,
        finalizer: Callable[[Callable[[], None]], None],
        base: tuple[str, Prepare] | None = None,
    ) -> tuple[str, Path]:
        """A new database holding what ``prepare(folder)`` left in the template workspace
        ``name`` (run once per backend, with ``HAMYAR_DATABASE_URL`` set to it, on a copy of
        the template ``base`` when given), dropped by ``finalizer``; its URL and the template's
        folder."""
        url, folder = self._template(backend, name, prepare, base)
        if backend == "sqlite":
            target = tmp_path / "workspace"
            target.mkdir(exist_ok=True)
            shutil.copyfile(url.removeprefix("sqlite:///"), target / "hamyar.db")
            return f"sqlite:///{target / 'hamyar.db'}", folder
        server = self._server()
        database = f"hamyar_test_{uuid.uuid4().hex[:12]}"
        _create_database(server, database, template=url.rsplit("/", 1)[1])
        finalizer(lambda: _drop_database(server, database))
        return f"{server}/{database}", folder

    def drop(self) -> None:
        """Drop the templates on a server of ``HAMYAR_TEST_DATABASE_URL`` (a server the tests
        started is gone by now, with them)."""
        if os.environ.get("HAMYAR_TEST_DATABASE_URL"):
            for server, database in self._templates:
                _drop_database(server, database)


@pytest.fixture(scope="session")
def workspace_templates(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[WorkspaceTemplates]:
    templates = WorkspaceTemplates(request, tmp_path_factory.mktemp("templates"))
    yield templates
    templates.drop()


@pytest.fixture
def workspace_from(
    backend: str,
    workspace_templates: WorkspaceTemplates,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> Callable[..., Path]:
    """``workspace_from(name, prepare, base=None)``: ``HAMYAR_DATABASE_URL`` set to a copy of
    the workspace that ``prepare(folder)`` left (prepared once per session and backend, the
    commands it runs seeing that workspace; on a copy of the template ``base = (name, prepare)``
    and in its folder when given); the folder of the files it wrote, shared by every test: read
    them, write elsewhere."""

    def use(name: str, prepare: Prepare, base: tuple[str, Prepare] | None = None) -> Path:
        url, folder = workspace_templates.copy(
            backend, name, prepare, tmp_path, request.addfinalizer, base
        )
        monkeypatch.setenv("HAMYAR_DATABASE_URL", url)
        return folder

    return use


@pytest.fixture
def empty_workspace_env(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """``HAMYAR_DATABASE_URL`` set to a new, empty database (no schema yet), for the tests of
    the migrations a first use runs."""
    monkeypatch.setenv("HAMYAR_DATABASE_URL", database_url)
    return database_url


def _migrate(_folder: Path) -> None:
    Workspace.open().close()


@pytest.fixture
def workspace_env(workspace_from: Callable[..., Path]) -> str:
    """``HAMYAR_DATABASE_URL`` set to a workspace of its own holding nothing yet, its schema
    made by the migrations once per session and backend and copied (for the CLI and
    subprocesses)."""
    workspace_from("migrated", _migrate)
    return os.environ["HAMYAR_DATABASE_URL"]


MONTH = "1402/08"


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, "--lang", "en"])
    return result.exit_code, result.stdout, result.stderr


def _record_default_run(folder: Path) -> None:
    code, stdout, stderr = _invoke("run", "--out", str(folder / "run"))
    assert code == 0, stderr
    assert "(run 1 in the workspace)" in stdout
    made = CliRunner().invoke(
        cli,
        ["timesheets", "--allocation", str(folder / "run"), "--month", MONTH,
         "--out", str(folder / "ts.csv")],
    )  # fmt: skip
    assert made.exit_code == 0, made.output


def _adopt_and_pay_default_run(folder: Path) -> None:
    """On the template of :func:`_record_default_run`, in its folder."""
    assert _invoke("adopt", "1", "--by", "karimi")[0] == 0
    code, _, stderr = _invoke(
        "pay", "--allocation", str(folder / "run"), "--timesheets", str(folder / "ts.csv"),
        "--month", MONTH, "--out", str(folder / "payroll"),
    )  # fmt: skip
    assert code == 0, stderr


@pytest.fixture
def default_run(workspace_from: Callable[..., Path]) -> tuple[Path, Path]:
    """A workspace where the embedded default ran (``hamyar run --lang en``, run 1 of term
    1402-1, not adopted), its output folder and a timesheet of 1402/08 made for it by
    ``hamyar timesheets``."""
    folder = workspace_from("default-run", _record_default_run)
    return folder / "run", folder / "ts.csv"


@pytest.fixture
def paid_default_run(workspace_from: Callable[..., Path]) -> Path:
    """A workspace where the embedded default ran (run 1), was adopted by ``karimi`` and its
    month 1402/08 paid (the timesheet of ``hamyar timesheets``); the run's output folder."""
    base = ("default-run", _record_default_run)
    return workspace_from("paid-default-run", _adopt_and_pay_default_run, base) / "run"


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
