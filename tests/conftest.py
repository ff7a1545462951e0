"""Fixtures shared by every test folder.

Every test works in a workspace of its own session, never in the repository's folder. The
builder fixtures return plain functions (``write_csv(path, rows)``): a test asks for the fixture
by name and calls it."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import openpyxl
import pytest

from hamyar.io.allocation_dir import read_allocation_dir
from hamyar.io.manifest import write_manifest
from hamyar.io.placements import placed_rows, write_assignments_csv
from hamyar.models import (
    Allocation,
    Applicant,
    Assignment,
    Degree,
    Gender,
    MaritalStatus,
    Policy,
    Problem,
    SolveStatus,
    Term,
    Unit,
)
from hamyar.store import Workspace, users
from hamyar.store.adoption import adopt
from hamyar.store.runs import current_user, now, write_run_file
from hamyar.store.schema import AssignmentRow, RunRow

Rows = Sequence[Sequence[object]]


@pytest.fixture(scope="session", autouse=True)
def _workspace_outside_the_repository(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HAMYAR_WORKSPACE", str(tmp_path_factory.mktemp("workspace")))
        patch.delenv("HAMYAR_DATABASE_URL", raising=False)
        # Messages, help and files default to English in the tests (also in the hamyar
        # processes they start, and for fixtures of any scope); a Persian test says
        # ``--lang fa`` or sets HAMYAR_LANG=fa with monkeypatch.
        patch.setenv("HAMYAR_LANG", "en")
        yield


_PRODUCTION_HASHER = users._hasher


@pytest.fixture(scope="session", autouse=True)
def _quick_password_hashes() -> Iterator[None]:
    """Accounts hash their passwords with argon2id at its smallest cost (a millisecond, not the
    defaults' second): the tests add and check hundreds of passwords in this process. A test of
    the production parameters asks for ``production_hasher``."""
    from argon2 import PasswordHasher

    with pytest.MonkeyPatch.context() as patch:
        quick = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
        patch.setattr(users, "_hasher", lambda: quick)
        yield


@pytest.fixture(scope="session")
def migrated_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite workspace folder that holds nothing yet, its schema made by the migrations once
    for the session: copy it, never write to it."""
    folder = tmp_path_factory.mktemp("migrated") / "workspace"
    Workspace.open(folder).close()
    return folder


@pytest.fixture
def new_workspace(migrated_workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of :func:`migrated_workspace` for this test, beside its ``tmp_path`` (the tests
    of a first use and its migrations open a folder of their own instead)."""
    folder = tmp_path_factory.mktemp("workspace") / "workspace"
    return Path(shutil.copytree(migrated_workspace, folder))


@pytest.fixture
def production_hasher(monkeypatch: pytest.MonkeyPatch) -> None:
    """Passwords hashed with argon2-cffi's defaults, as hamyar does outside the tests."""
    monkeypatch.setattr(users, "_hasher", _PRODUCTION_HASHER)


# -- tables written as CSV or xlsx -------------------------------------------------------------


def _write_csv(path: Path, rows: Rows, bom: bool = False) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        csv.writer(handle).writerows([["" if v is None else v for v in row] for row in rows])
    return path


def _write_xlsx(path: Path, rows: Rows, title: str | None = None) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    if title is not None:
        sheet.append([title])
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


@pytest.fixture(scope="session")
def write_csv() -> Callable[..., Path]:
    """``write_csv(path, rows, bom=False)``: ``rows`` (the first is the header) as UTF-8 CSV."""
    return _write_csv


@pytest.fixture(scope="session")
def write_xlsx() -> Callable[..., Path]:
    """``write_xlsx(path, rows, title=None)``: a one-sheet workbook, ``title`` in a row above."""
    return _write_xlsx


@pytest.fixture(scope="session")
def write_table() -> Callable[[Path, Rows], Path]:
    """``write_table(path, rows)``: CSV or xlsx by the path's suffix."""

    def write(path: Path, rows: Rows) -> Path:
        return _write_xlsx(path, rows) if path.suffix == ".xlsx" else _write_csv(path, rows)

    return write


# -- a small problem, its allocation and the folder a run leaves, for the pay tests -------------

PAY_UNITS = (
    Unit(
        code="EDU",
        name_fa="معاونت آموزشی",
        name_en="Education Office",
        female_seats=3,
        male_seats=3,
        area="education",
        hours_per_month=40,
    ),
    Unit(
        code="RES",
        name_fa="معاونت پژوهشی",
        name_en="Research Office",
        female_seats=3,
        male_seats=3,
        area="research",
        hours_per_month=60,
    ),
    Unit(code="LIB", name_fa="کتابخانه مرکزی", female_seats=3, male_seats=3),
)


def _pay_applicant(
    sid: str,
    degree: Degree = Degree.bachelor_continuous,
    married: bool = False,
    gender: Gender = Gender.female,
    gpa: float = 17.0,
    sheba_value: str | None = None,
    first: str = "مریم",
    last: str = "رضایی",
) -> Applicant:
    return Applicant(
        student_id=sid,
        first_name=first,
        last_name=last,
        gender=gender,
        degree=degree,
        gpa=gpa,
        semesters_passed=3,
        marital_status=MaritalStatus.married if married else MaritalStatus.single,
        sheba=sheba_value,
        preferences=("EDU", "RES", "LIB"),
    )


def _pay_problem(applicants: Sequence[Applicant], policy: Policy | None = None) -> Problem:
    return Problem.create(applicants, PAY_UNITS, policy=policy, term=Term(year=1402, semester=1))


@pytest.fixture(scope="session")
def pay_units() -> dict[str, Unit]:
    """The pay tests' three units by code: EDU (education area, 40 h a month), RES (research
    area, 60 h), LIB (no area or hours of its own)."""
    return {u.code: u for u in PAY_UNITS}


@pytest.fixture(scope="session")
def pay_applicant() -> Callable[..., Applicant]:
    """``pay_applicant(sid, degree=..., married=False, gender=female, gpa=17, sheba_value=None,
    first=..., last=...)``: an applicant asking for EDU, RES, LIB."""
    return _pay_applicant


@pytest.fixture(scope="session")
def pay_problem() -> Callable[..., Problem]:
    """``pay_problem(applicants, policy=None)``: the applicants on the three pay units, 1402-1."""
    return _pay_problem


def _allocation(pairs: dict[str, str], prob: Problem) -> Allocation:
    return Allocation(
        status=SolveStatus.optimal,
        assignments=tuple(
            Assignment(
                student_id=sid,
                unit_code=code,
                gender=prob.applicant_by_id[sid].gender,
                preference_rank=prob.preference_ranks[sid].get(code),
                priority_score=0,
            )
            for sid, code in pairs.items()
        ),
    )


def _write_allocation_dir(
    folder: Path, prob: Problem, alloc: Allocation, eligibility: bool = True
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_assignments_csv(folder / "assignments.csv", placed_rows(prob, alloc))
    summary = {
        "term": str(prob.term),
        "status": alloc.status.value,
        "counts": {"per_unit": {u.code: {} for u in prob.units}},
        "policy": prob.policy.model_dump(mode="json"),
    }
    (folder / "summary.json").write_text(json.dumps(summary, ensure_ascii=False), "utf-8")
    if eligibility:
        with (folder / "eligibility.csv").open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["student_id", "eligible", "reasons"])
            for app in prob.applicants:
                writer.writerow([app.student_id, "true", ""])
    return folder


def _write_timesheet_csv(path: Path, rows: Rows) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["student_id", "unit_code", "month", "hours"])
        writer.writerows(rows)
    return path


def _adopt_folder(folder: Path, term: str) -> int:
    placed = read_allocation_dir(folder).rows
    workspace = Workspace.open()
    with workspace.session() as session:
        run = RunRow(
            term=term,
            command="test",
            name=folder.name,
            created_at=now(),
            created_by=current_user(),
            status="optimal",
            scenario=None,
            policy={},
            kpis={},
            input_hashes={},
            out_dir=str(folder),
        )
        run.assignments = [
            AssignmentRow(
                student_id=r.student_id,
                unit_code=r.unit_code,
                gender=r.gender.value,
                preference_rank=r.preference_rank,
                priority_score=r.priority_score,
                pinned=r.pinned,
            )
            for r in placed
        ]
        session.add(run)
        session.flush()
        write_run_file(folder, run, workspace.url)
        write_manifest(folder, "run")  # as the run would have
        adopt(session, run.id)
        run_id = run.id
    workspace.close()
    return run_id


@pytest.fixture(scope="session")
def allocation() -> Callable[[dict[str, str], Problem], Allocation]:
    """``allocation(pairs, problem)``: an optimal allocation placing ``student -> unit``."""
    return _allocation


@pytest.fixture(scope="session")
def write_allocation_dir() -> Callable[..., Path]:
    """``write_allocation_dir(folder, problem, allocation, eligibility=True)``: an allocation
    folder as a run leaves it (assignments.csv, summary.json, eligibility.csv)."""
    return _write_allocation_dir


@pytest.fixture(scope="session")
def write_timesheet_csv() -> Callable[[Path, Rows], Path]:
    """``write_timesheet_csv(path, rows)``: a timesheets CSV with the canonical header; cells
    are written as given."""
    return _write_timesheet_csv


@pytest.fixture(scope="session")
def adopt_folder() -> Callable[[Path, str], int]:
    """``adopt_folder(folder, term)``: record ``folder`` as a run of ``term`` in the current
    workspace and adopt it, so that ``hamyar pay`` accepts it; the run id."""
    return _adopt_folder
