"""Runs recorded, adopted and paid, on SQLite and PostgreSQL: a month is paid once per student,
whatever folder is named, through the CLI and through concurrent processes."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from hamyar.cli import cli
from hamyar.store import Workspace
from hamyar.store.adoption import adoption_history
from hamyar.store.ledger import batches, payment_lines
from hamyar.store.runs import RUN_FILE, list_runs

MONTH = "1402/08"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, "--lang", "en"])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def term_run(default_run: tuple[Path, Path]) -> tuple[Path, Path]:
    """The embedded default run, recorded in the test workspace, and a timesheet of 1402/08."""
    return default_run


def pay_args(run: Path, ts: Path, out: Path, month: str = MONTH) -> list[str]:
    return ["pay", "--allocation", str(run), "--timesheets", str(ts), "--month", month]


def transfer_ids(folder: Path) -> list[str]:
    with (folder / "1402-08" / "transfers.csv").open(encoding="utf-8-sig") as fh:
        return [row["student_id"] for row in csv.DictReader(fh)]


def test_run_recorded_with_inputs(term_run: tuple[Path, Path]) -> None:
    code, stdout, _ = invoke("runs", "--term", "1402-1")
    assert code == 0 and " 1  1402-1  run  qom-1402-1403" in stdout
    code, stdout, _ = invoke("show", "1")
    assert code == 0 and '"placed": 280' in stdout and '"problem"' in stdout
    workspace = Workspace.open()
    with workspace.session() as session:
        (run,) = list_runs(session)
        assert run.status == "optimal" and len(run.assignments) == 280
        assert float(run.policy["monthly_hours_cap"]) > 0
    workspace.close()
    assert invoke("show", "7")[0] == 2


def test_pay_needs_the_adopted_run_and_pays_once(
    term_run: tuple[Path, Path], tmp_path: Path
) -> None:
    run, ts = term_run
    code, _, stderr = invoke(*pay_args(run, ts, tmp_path), "--out", str(tmp_path / "p1"))
    assert code == 2 and "run 1 is not the adopted allocation of term 1402-1" in stderr
    assert not (tmp_path / "p1").exists()
    assert invoke("adopt", "1", "--note", "office", "--by", "karimi")[0] == 0

    code, stdout, stderr = invoke(*pay_args(run, ts, tmp_path), "--out", str(tmp_path / "p1"))
    assert code == 0, stderr
    assert "ledger:          batch 1" in stdout
    code, _, stderr = invoke(*pay_args(run, ts, tmp_path), "--out", str(tmp_path / "p2"))
    assert code == 2 and "month 1402/08 has already been paid (batch 1" in stderr
    assert not (tmp_path / "p2").exists()

    code, _, stderr = invoke(*pay_args(run, ts, tmp_path, "1402/09"), "--out", str(tmp_path / "p3"))
    assert code == 2 and "the timesheets hold no row for 1402/09; they hold 1402/08" in stderr

    workspace = Workspace.open()
    with workspace.session() as session:
        lines = payment_lines(session, MONTH)
        ids = [line.student_id for line in lines]
        assert len(ids) == len(set(ids)) > 200
        assert sorted(transfer_ids(tmp_path / "p1")) == sorted(set(transfer_ids(tmp_path / "p1")))
        assert set(transfer_ids(tmp_path / "p1")) <= set(ids)
        first_total = sum(line.amount_rial for line in lines)
    workspace.close()

    code, _, stderr = invoke(
        *pay_args(run, ts, tmp_path), "--out", str(tmp_path / "p2"), "--replace"
    )
    assert code == 0, stderr
    workspace = Workspace.open()
    with workspace.session() as session:
        old, new = batches(session, MONTH)
        assert old.voided_at is not None and old.replaced_by == new.id and new.voided_at is None
        live = payment_lines(session, MONTH)
        assert len(live) == len(ids) and sum(x.amount_rial for x in live) == first_total
        assert len(payment_lines(session, MONTH, with_voided=True)) == 2 * len(ids)
    workspace.close()


def test_adopting_again_keeps_the_history(term_run: tuple[Path, Path], tmp_path: Path) -> None:
    run, ts = term_run
    code, _, stderr = invoke("run", "--out", str(tmp_path / "second"))
    assert code == 0, stderr
    assert invoke("adopt", "1")[0] == 0
    assert invoke("adopt", "2", "--note", "after appeals")[0] == 0
    code, _, stderr = invoke(*pay_args(run, ts, tmp_path), "--out", str(tmp_path / "p1"))
    assert code == 2 and "(run 2 is)" in stderr
    workspace = Workspace.open()
    with workspace.session() as session:
        history = adoption_history(session, "1402-1")
        assert [h.run_id for h in history] == [1, 2]
        assert history[1].note == "after appeals"
    workspace.close()
    assert invoke("adopt", "99")[0] == 2


def _hamyar(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "hamyar", *args, "--lang", "en"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )


@pytest.mark.slow
def test_two_concurrent_payments_of_one_month(term_run: tuple[Path, Path], tmp_path: Path) -> None:
    run, ts = term_run
    assert invoke("adopt", "1")[0] == 0
    procs = [
        _hamyar(*pay_args(run, ts, tmp_path), "--out", str(tmp_path / f"c{i}")) for i in (1, 2)
    ]
    results = [(p.wait(timeout=300), *p.communicate()) for p in procs]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 2], results
    loser = next(err for code, _, err in results if code == 2)
    assert "has already been paid" in loser and "Traceback" not in loser
    written = [f for f in (tmp_path / "c1", tmp_path / "c2") if f.exists()]
    assert len(written) == 1
    workspace = Workspace.open()
    with workspace.session() as session:
        ids = [line.student_id for line in payment_lines(session, MONTH, with_voided=True)]
        assert ids and max(Counter(ids).values()) == 1
        assert len(batches(session, MONTH)) == 1
    workspace.close()
    assert set(transfer_ids(written[0])) <= set(ids)


@pytest.mark.slow
def test_pay_during_adopt(term_run: tuple[Path, Path], tmp_path: Path) -> None:
    """A payment from run 1 while run 2 is being adopted: paid from run 1 before the decision
    changed, or refused after it; never half."""
    run, ts = term_run
    assert invoke("run", "--out", str(tmp_path / "second"))[0] == 0
    assert invoke("adopt", "1")[0] == 0
    adopt = _hamyar("adopt", "2")
    pay = _hamyar(*pay_args(run, ts, tmp_path), "--out", str(tmp_path / "paid"))
    pay_code, _, pay_err = pay.wait(timeout=300), *pay.communicate()
    assert adopt.wait(timeout=300) == 0
    workspace = Workspace.open()
    with workspace.session() as session:
        lines = payment_lines(session, MONTH)
        if pay_code == 0:
            assert lines and all(b.run_id == 1 for b in batches(session, MONTH))
        else:
            assert pay_code == 2 and "not the adopted allocation" in pay_err
            assert not lines and not (tmp_path / "paid").exists()
    workspace.close()


def test_allocate_records_the_input_files(workspace_env: str, tmp_path: Path) -> None:
    made = CliRunner().invoke(
        cli, ["generate", "--applicants", "60", "--units", "3", "--out", str(tmp_path / "g")]
    )
    assert made.exit_code == 0, made.output
    applicants, units = tmp_path / "g" / "applicants.csv", tmp_path / "g" / "units.csv"
    args = ["allocate", str(applicants), str(units), "--out", str(tmp_path / "a")]
    done = CliRunner().invoke(cli, args)
    assert done.exit_code == 0, done.output
    assert (tmp_path / "a" / "workspace-run.json").is_file()
    workspace = Workspace.open()
    with workspace.session() as session:
        (run,) = list_runs(session)
        stored = {row.name.split(":")[0]: row for row in run.inputs}
        assert set(stored) == {"applicants", "units"}
        assert stored["applicants"].content == applicants.read_bytes()
        assert stored["units"].content == units.read_bytes()
        assert run.command == "allocate" and run.assignments
    workspace.close()


def test_compare_records_each_scenario(workspace_env: str, tmp_path: Path) -> None:
    done = CliRunner().invoke(cli, ["compare", "stable", "gpa-15", "--out", str(tmp_path / "c")])
    assert done.exit_code == 0, done.output
    workspace = Workspace.open()
    with workspace.session() as session:
        runs = list_runs(session)
        assert [r.command for r in runs] == ["compare", "compare"]
        assert all(r.inputs and r.assignments for r in runs)
    workspace.close()
    marks = sorted((tmp_path / "c" / "runs").glob(f"*/{RUN_FILE}"))
    assert len(marks) == 2


def test_adopted_students_without_a_timesheet_row_are_listed(
    term_run: tuple[Path, Path], tmp_path: Path
) -> None:
    run, ts = term_run
    assert invoke("adopt", "1")[0] == 0
    with (run / "assignments.csv").open(encoding="utf-8-sig") as fh:
        placed = {row["student_id"] for row in csv.DictReader(fh)}
    lines = ts.read_text(encoding="utf-8-sig").splitlines()
    dropped = next(line for line in lines[1:] if line.split(",")[0] in placed)
    short = tmp_path / "short.csv"
    short.write_text("\n".join(x for x in lines if x != dropped) + "\n", encoding="utf-8")
    code, stdout, stderr = invoke(*pay_args(run, short, tmp_path), "--out", str(tmp_path / "p"))
    assert code == 0, stderr
    listed = next(x for x in stdout.splitlines() if "no timesheet row:" in x)
    assert dropped.split(",")[0] in listed.split(": ")[-1].split(", ")


HOLDER = """
import sys, time
from decimal import Decimal
from hamyar.store import Workspace
from hamyar.store.adoption import require_adopted
from hamyar.store.runs import get_run, now
from hamyar.store.schema import PaymentBatchRow, PaymentLineRow
workspace = Workspace.open()
with workspace.session() as session:
    run = get_run(session, 1)
    adoption = require_adopted(session, run)
    line = PaymentLineRow(month="1402/08", student_id="x", unit_code="EDU", hours=Decimal(1),
                          rate_rial=1, multiplier=Decimal(1), amount_rial=1)
    session.add(PaymentBatchRow(term=run.term, month="1402/08", run_id=1, adoption_id=adoption.id,
                                created_at=now(), created_by="killed", timesheets_sha256="0",
                                total_rial=1, lines=[line]))
    session.flush()
    print("ready", flush=True)
    time.sleep(120)
"""


@pytest.mark.slow
def test_a_killed_payment_leaves_the_ledger_as_it_was(
    term_run: tuple[Path, Path], tmp_path: Path
) -> None:
    run, ts = term_run
    assert invoke("adopt", "1")[0] == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER], stdout=subprocess.PIPE, text=True, env=dict(os.environ)
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
    holder.kill()
    holder.wait(timeout=60)
    code, _, stderr = invoke(*pay_args(run, ts, tmp_path), "--out", str(tmp_path / "p"))
    assert code == 0, stderr
    workspace = Workspace.open()
    with workspace.session() as session:
        (batch,) = batches(session)
        assert batch.created_by != "killed"
        assert "x" not in {line.student_id for line in payment_lines(session, with_voided=True)}
    workspace.close()
