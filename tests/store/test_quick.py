"""A run recorded with the standard library's sqlite3 (``hamyar.store.quick``) leaves exactly the
rows, values and types the SQLAlchemy way leaves, and the same ``workspace-run.json``; a
workspace that is missing, at an older revision or on a server is left to SQLAlchemy."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hamyar.models import Applicant, Gender, Policy, Problem, Source, Term, Unit
from hamyar.models.run import RunResult
from hamyar.pipeline.run import run_problem
from hamyar.store import Workspace, run_rows
from hamyar.store.quick import QuickRecorder
from hamyar.store.run_rows import RUN_FILE, write_run_file
from hamyar.store.runs import record_run

TABLES = ("runs", "run_inputs", "run_assignments", "run_waitlists")
WHEN = datetime(2024, 1, 2, 3, 4, 5, 67, tzinfo=UTC)


def _app(sid: str, gender: Gender, prefs: tuple[str, ...], gpa: float, row: int) -> Applicant:
    return Applicant(
        student_id=sid,
        first_name="مریم",
        last_name="رضایی",
        gender=gender,
        degree="bachelor_continuous",
        gpa=gpa,
        semesters_passed=3,
        preferences=prefs,
        source=Source(file="applicants.csv", row=row),
    )


@pytest.fixture(scope="module")
def result() -> RunResult:
    """Two placed, two waiting (one of them placed elsewhere), both genders."""
    apps = [
        _app("S1", Gender.female, ("LIB", "LAB"), 19, 2),
        _app("S2", Gender.female, ("LIB", "LAB"), 18, 3),
        _app("S3", Gender.female, ("LIB",), 17, 4),
        _app("S4", Gender.male, ("LAB",), 16, 5),
    ]
    units = (
        Unit(code="LIB", name_fa="کتابخانه", female_seats=1, male_seats=0),
        Unit(code="LAB", name_fa="آزمایشگاه", female_seats=1, male_seats=1),
    )
    problem = Problem.create(apps, units, policy=Policy(), term=Term(year=1402, semester=1))
    return run_problem(problem, input_hashes={"applicants": "ab" * 32, "problem": "cd" * 32})


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the run tables with each value's SQLite type."""
    with sqlite3.connect(path) as db:
        out = {}
        for table in TABLES:
            columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
            typed = ", ".join(f"{c}, typeof({c})" for c in columns)
            out[table] = db.execute(f"SELECT {typed} FROM {table} ORDER BY id").fetchall()
    return out


def _workspace(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A migrated, empty SQLite workspace in ``folder``."""
    path = folder / "hamyar.db"
    monkeypatch.setenv("HAMYAR_DATABASE_URL", f"sqlite:///{path}")
    Workspace.open().close()
    return path


def test_quick_rows_are_the_orm_rows(
    result: RunResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run_rows, "now", lambda: WHEN)
    monkeypatch.setattr(run_rows, "current_user", lambda: "planner")
    source = tmp_path / "نمونه ورودی.csv"
    source.write_bytes(b"student_id\n4011000001\n")
    args = {
        "command": "run",
        "name": "x" * 250,  # cut to the column's 200
        "files": {"applicants": source},
        "scenario": None,
        "out_dir": tmp_path / "out",
    }
    written = {}
    for way in ("orm", "quick"):
        path = _workspace(tmp_path / f"ws {way}", monkeypatch)
        folder = tmp_path / f"folder-{way}"
        folder.mkdir()
        for by in (None, "lead"):  # two runs: ids and the inputs' ids go on
            if way == "orm":
                workspace = Workspace.open()
                with workspace.session() as session:
                    row = record_run(session, result, by=by, **args)  # type: ignore[arg-type]
                    write_run_file(folder, row.id, row.term, workspace.url)
                workspace.close()
            else:
                quick = QuickRecorder.open()
                assert quick is not None
                run_id, term = quick.record(result, by=by, **args)  # type: ignore[arg-type]
                write_run_file(folder, run_id, term, quick.url)
                quick.commit()
                quick.close()
        written[way] = (_dump(path), (folder / RUN_FILE).read_text(encoding="utf-8"))
    (orm_rows, orm_file), (quick_rows, quick_file) = written["orm"], written["quick"]
    assert len(orm_rows["runs"]) == 2 and orm_rows["run_assignments"]
    assert orm_rows["run_waitlists"] and orm_rows["run_inputs"]
    assert quick_rows == orm_rows
    assert quick_file == orm_file.replace("ws orm", "ws quick")


def test_quick_rolls_back_what_it_did_not_commit(
    result: RunResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workspace(tmp_path, monkeypatch)
    quick = QuickRecorder.open()
    assert quick is not None
    quick.record(result, command="run", name="n", files={})
    quick.close()
    assert all(not rows for rows in _dump(path).values())


def test_sqlalchemy_decides_unless_the_file_is_current(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HAMYAR_DATABASE_URL", f"sqlite:///{tmp_path / 'none' / 'hamyar.db'}")
    assert QuickRecorder.open() is None  # no file yet: SQLAlchemy makes and migrates it
    assert not (tmp_path / "none").exists()
    path = _workspace(tmp_path, monkeypatch)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE alembic_version SET version_num = '0001'")
    assert QuickRecorder.open() is None  # an older schema: SQLAlchemy migrates it first
    monkeypatch.setenv("HAMYAR_DATABASE_URL", "postgresql+psycopg://u@127.0.0.1:1/hamyar")
    assert QuickRecorder.open() is None


def test_a_new_workspace_is_migrated_then_recorded_with_sqlite3(
    result: RunResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hamyar.commands.workspace import recorder
    from hamyar.store import runs

    def orm(*args: object, **kwargs: object) -> None:
        raise AssertionError("recorded through the ORM")

    monkeypatch.setattr(runs, "record_run", orm)
    path = tmp_path / "new" / "hamyar.db"
    monkeypatch.setenv("HAMYAR_DATABASE_URL", f"sqlite:///{path}")
    with recorder(None) as record:
        run_id = record(
            result, command="run", name="n", files={}, folder=None, out_dir=tmp_path / "out"
        )
    assert run_id == 1
    assert len(_dump(path)["runs"]) == 1
