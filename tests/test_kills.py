"""Real processes killed at named moments of ``run``, ``pay`` and ``batch`` (#19 cases 2, 3, 13,
14: "done means", fault injection). ``HAMYAR_FAULT_AT`` (:mod:`hamyar.io.faults`) makes a real
``hamyar`` process send itself SIGKILL, SIGTERM or SIGINT exactly at one moment. After each:

* ``--out`` is the complete old result or a complete new one (every file its manifest lists,
  with its digest, and nothing else), never a mixture and never missing;
* a new ``run`` result names a run the workspace holds; a payroll folder is the ledger's batch in
  force (``ledger.json``) — at the latest after the next ``pay``, which settles a folder a kill
  left between the ledger's commit and its placing;
* the next command leaves no staging folder and no lock beside ``--out``;
* no batch worker outlives its killed parent.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hamyar.io.manifest import foreign_files, read_manifest
from hamyar.store import Workspace
from hamyar.store.ledger import batches, live_batch
from hamyar.store.runs import RUN_FILE, list_runs

pytestmark = pytest.mark.slow

MONTH = "1402/08"
KILLED = {"KILL": -signal.SIGKILL, "TERM": 143, "INT": 130}


def hamyar(
    *args: str, workspace: Path, fault: str | None = None, sig: str = "KILL"
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HAMYAR_FAULT")}
    env["HAMYAR_WORKSPACE"] = str(workspace)
    if fault:
        env["HAMYAR_FAULT_AT"], env["HAMYAR_FAULT_SIGNAL"] = fault, sig
    return subprocess.run(
        [sys.executable, "-m", "hamyar", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def complete(folder: Path) -> bool:
    """Every file the manifest lists is there with its digest, and nothing else."""
    manifest = read_manifest(folder)
    if manifest is None or foreign_files(folder):
        return False
    return all(
        (folder / rel).is_file() and hashlib.sha256((folder / rel).read_bytes()).hexdigest() == sha
        for rel, sha in manifest["files"].items()
    )


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".hamyar-" in p.name or p.suffix == ".lock")


def copy_workspace(source: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copy2(source / "hamyar.db", target / "hamyar.db")
    return target


@pytest.fixture(scope="module")
def adopted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A workspace with the embedded default run adopted: (workspace, run folder, timesheets)."""
    base = tmp_path_factory.mktemp("adopted")
    ws = base / "ws"
    done = hamyar("run", "--out", str(base / "alloc"), "--lang", "en", workspace=ws)
    assert done.returncode == 0, done.stderr
    assert hamyar("adopt", "1", workspace=ws).returncode == 0
    ts = base / "ts.csv"
    args = ["timesheets", "--allocation", str(base / "alloc"), "--month", MONTH]
    assert hamyar(*args, "--out", str(ts), workspace=ws).returncode == 0
    return ws, base / "alloc", ts


# ---------------------------------------------------------------- run


@pytest.mark.parametrize(
    "moment, sig, placed",
    [
        ("staged", "KILL", False),  # outputs written, no manifest yet
        ("sealed", "KILL", False),  # complete staging, the run not committed
        ("committed", "KILL", False),  # run committed, its folder not in place: old result
        ("exchanged", "KILL", True),  # swapped in; the old one beside, removed by the next
        ("staged", "TERM", False),  # case 13: SIGTERM unwinds, staging removed
        ("committed", "TERM", True),  # committed: SIGTERM waits until the folder is in place
        ("sealed", "INT", False),  # case 13: Ctrl-C
    ],
)
def test_a_killed_run(
    adopted: tuple[Path, Path, Path], tmp_path: Path, moment: str, sig: str, placed: bool
) -> None:
    ws0, alloc, _ = adopted
    ws = copy_workspace(ws0, tmp_path / "ws")
    out = tmp_path / "alloc"
    shutil.copytree(alloc, out)
    old, inode = snapshot(out), out.stat().st_ino
    args = ["run", "--out", str(out), "--lang", "en", "--force"]
    killed = hamyar(*args, workspace=ws, fault=moment, sig=sig)
    assert killed.returncode == KILLED[sig], killed.stderr
    assert "Traceback" not in killed.stderr
    assert out.is_dir() and complete(out)
    if placed:
        assert out.stat().st_ino != inode
        run_id = json.loads((out / RUN_FILE).read_text(encoding="utf-8"))["run_id"]
        workspace = Workspace.open(ws)
        with workspace.session() as session:
            assert run_id in {r.id for r in list_runs(session)} and run_id != 1
        workspace.close()
    else:
        assert snapshot(out) == old and out.stat().st_ino == inode
    # the next command of any kind in that folder removes what the killed one left
    nxt = hamyar(
        "generate", "--applicants", "5", "--units", "2", "--out", str(tmp_path / "g"), workspace=ws
    )
    assert nxt.returncode == 0, nxt.stderr
    assert leftovers(tmp_path) == []


# ---------------------------------------------------------------- pay


def ledger_state(ws: Path) -> tuple[int | None, int]:
    """The live batch of MONTH (its id) and how many batches the ledger holds."""
    workspace = Workspace.open(ws)
    with workspace.session() as session:
        live = live_batch(session, MONTH)
        state = (live.id if live else None, len(batches(session, MONTH)))
    workspace.close()
    return state


def folder_batch(folder: Path) -> int | None:
    if not folder.exists():
        return None
    assert complete(folder), sorted(p.name for p in folder.iterdir())
    return int(json.loads((folder / "ledger.json").read_text(encoding="utf-8"))["batch"])


def pay(
    run: Path, ts: Path, out: Path, ws: Path, *extra: str, **fault: str
) -> subprocess.CompletedProcess[str]:
    args = ["pay", "--allocation", str(run), "--timesheets", str(ts), "--month", MONTH]
    return hamyar(*args, "--out", str(out), "--lang", "en", *extra, workspace=ws, **fault)


@pytest.mark.parametrize(
    "moment, sig, committed",
    [
        ("ledger", "KILL", False),  # lines flushed, not committed
        ("sealed", "KILL", False),  # folder complete, not pending yet
        ("pending", "KILL", False),  # kept for the commit, which never came: removed next time
        ("committed", "KILL", True),  # ledger committed, folder waiting: placed by the next pay
        ("exchanged", "KILL", True),  # in place
        ("ledger", "TERM", False),
        ("pending", "TERM", True),  # SIGTERM waits until the folder is in place
        ("committed", "TERM", True),
    ],
)
def test_a_killed_first_payment(
    adopted: tuple[Path, Path, Path], tmp_path: Path, moment: str, sig: str, committed: bool
) -> None:
    ws0, run, ts = adopted
    ws = copy_workspace(ws0, tmp_path / "ws")
    out = tmp_path / "pay"
    month = out / "1402-08"
    killed = pay(run, ts, out, ws, fault=moment, sig=sig)
    assert killed.returncode == KILLED[sig], killed.stderr
    assert "Traceback" not in killed.stderr
    live, count = ledger_state(ws)
    assert (live is not None) == committed and count == int(committed)
    # before the next command: a folder there is never one the ledger does not hold
    assert folder_batch(month) in (None, live) if committed else not month.exists()
    again = pay(run, ts, out, ws)
    if committed:
        assert again.returncode == 2 and "has already been paid" in again.stderr, again.stderr
    else:
        assert again.returncode == 0, again.stderr
    live, count = ledger_state(ws)
    assert live is not None and count == 1
    assert folder_batch(month) == live
    assert leftovers(out) == [] and sorted(p.name for p in out.iterdir()) == ["1402-08"]


@pytest.mark.parametrize(
    "moment, sig, committed",
    [
        ("pending", "KILL", False),  # the replacement never committed: the old payroll stays
        ("committed", "KILL", True),  # committed: the next pay puts it in place, keeps the old
        ("exchanged", "KILL", True),  # swapped: the old one, beside, is kept aside by the next
        ("pending", "INT", True),  # Ctrl-C waits until the replacement is in place
    ],
)
def test_a_killed_replacement(
    adopted: tuple[Path, Path, Path], tmp_path: Path, moment: str, sig: str, committed: bool
) -> None:
    ws0, run, ts = adopted
    ws = copy_workspace(ws0, tmp_path / "ws")
    out = tmp_path / "pay"
    month = out / "1402-08"
    first = pay(run, ts, out, ws)
    assert first.returncode == 0, first.stderr
    old = snapshot(month)
    killed = pay(run, ts, out, ws, "--replace", fault=moment, sig=sig)
    assert killed.returncode == KILLED[sig], killed.stderr
    live, count = ledger_state(ws)
    assert count == 1 + int(committed) and live == (2 if committed else 1)
    assert folder_batch(month) in (1, live)
    again = pay(run, ts, out, ws)
    assert again.returncode == 2 and "has already been paid" in again.stderr, again.stderr
    assert folder_batch(month) == live
    kept = sorted(p for p in out.iterdir() if p.name.startswith("1402-08.replaced-"))
    if committed:
        assert len(kept) == 1 and snapshot(kept[0]) == old
    else:
        assert kept == [] and snapshot(month) == old
    assert leftovers(out) == []


# ---------------------------------------------------------------- batch


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def processes_marked(mark: str) -> list[int]:
    """Live processes whose environment holds ``HAMYAR_TEST_MARK=mark``: the batch process and
    the workers it spawned (they inherit it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if f"HAMYAR_TEST_MARK={mark}".encode() in environ and _alive(int(entry.name)):
            found.append(int(entry.name))
    return found


@pytest.fixture(scope="module")
def small_batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A manifest of three generated institutions and its batch result."""
    base = tmp_path_factory.mktemp("batch")
    ws = base / "ws"
    args = ["generate", "--applicants", "120", "--institutions", "3", "--units", "6"]
    assert hamyar(*args, "--seed", "7", "--out", str(base / "in"), workspace=ws).returncode == 0
    manifest = base / "in" / "manifest.toml"
    done = hamyar(
        "batch", str(manifest), "--out", str(base / "old"), "--workers", "2", workspace=ws
    )
    assert done.returncode == 0, done.stderr
    return manifest, base / "old"


def _gone(mark: str) -> list[int]:
    deadline = time.monotonic() + 20
    while processes_marked(mark) and time.monotonic() < deadline:
        time.sleep(0.1)
    return processes_marked(mark)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
@pytest.mark.parametrize(
    "moment, sig, placed",
    [
        ("scenario", "STOP", False),  # workers running; stopped there, then SIGKILL by the test
        ("staged", "KILL", False),
        ("exchanged", "KILL", True),
        ("scenario", "TERM", False),
    ],
)
def test_a_killed_batch(
    small_batch: tuple[Path, Path], tmp_path: Path, moment: str, sig: str, placed: bool
) -> None:
    manifest, old_result = small_batch
    out = tmp_path / "out"
    shutil.copytree(old_result, out)
    old, inode = snapshot(out), out.stat().st_ino
    mark = str(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("HAMYAR_FAULT")}
    env.update(HAMYAR_WORKSPACE=str(tmp_path / "ws"), HAMYAR_TEST_MARK=mark)
    env.update(HAMYAR_FAULT_AT=moment, HAMYAR_FAULT_SIGNAL=sig)
    args = ["batch", str(manifest), "--out", str(out), "--workers", "2", "--force"]
    process = subprocess.Popen(
        [sys.executable, "-m", "hamyar", *args], env=env, stderr=subprocess.PIPE, text=True
    )
    if sig == "STOP":
        deadline = time.monotonic() + 120
        while not Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].startswith(" T"):
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.05)
        workers = [p for p in processes_marked(mark) if p != process.pid]
        assert len(workers) >= 2, workers  # the workers are there at that moment
        process.kill()
    _, err = process.communicate(timeout=300)
    assert process.returncode == KILLED["KILL" if sig == "STOP" else sig], err
    assert _gone(mark) == []  # no worker outlives the batch
    assert complete(out)
    if placed:
        assert out.stat().st_ino != inode
    else:
        assert snapshot(out) == old and out.stat().st_ino == inode
    nxt = hamyar(
        "generate",
        "--applicants",
        "5",
        "--units",
        "2",
        "--out",
        str(tmp_path / "g"),
        workspace=tmp_path / "ws",
    )
    assert nxt.returncode == 0, nxt.stderr
    assert leftovers(tmp_path) == []


# ---------------------------------------------------------------- two payments at once


def start_pay(
    run: Path, ts: Path, out: Path, ws: Path, fault: str | None = None
) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HAMYAR_FAULT")}
    env["HAMYAR_WORKSPACE"] = str(ws)
    if fault:
        env.update(HAMYAR_FAULT_AT=fault, HAMYAR_FAULT_SIGNAL="STOP")
    args = ["pay", "--allocation", str(run), "--timesheets", str(ts), "--month", MONTH]
    return subprocess.Popen(
        [sys.executable, "-m", "hamyar", *args, "--out", str(out), "--lang", "en"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_stopped(process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while not Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].startswith(" T"):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.05)


@pytest.mark.parametrize(
    "moment, same_out, refusal",
    [
        # the first holds the month folder's lock and the workspace transaction (pending)
        ("pending", True, "another hamyar command is writing this output right now"),
        # the first committed, its folder not yet in place; the second names another folder
        ("committed", False, "has already been paid (batch 1 into"),
    ],
)
def test_a_second_payment_while_the_first_is_writing(
    adopted: tuple[Path, Path, Path], tmp_path: Path, moment: str, same_out: bool, refusal: str
) -> None:
    # case 3: two pay of one month at once: one wins, the other exits 2 with a message
    ws0, run, ts = adopted
    ws = copy_workspace(ws0, tmp_path / "ws")
    first = start_pay(run, ts, tmp_path / "a", ws, fault=moment)
    try:
        wait_stopped(first)
        second_out = tmp_path / ("a" if same_out else "b")
        second = start_pay(run, ts, second_out, ws)
        out, err = second.communicate(timeout=300)
        assert second.returncode == 2, err
        assert refusal in err and "Traceback" not in err and "written to" not in out, err
    finally:
        first.send_signal(signal.SIGCONT)
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    live, count = ledger_state(ws)
    assert live == 1 and count == 1
    assert folder_batch(tmp_path / "a" / "1402-08") == 1
    assert not (tmp_path / "b").exists()
    assert leftovers(tmp_path / "a") == []


def test_two_payments_started_together_on_one_out(
    adopted: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    # case 3: both said "written" in 5 of 5 trials; now one is refused, whichever comes second
    ws0, run, ts = adopted
    for trial in range(3):
        ws = copy_workspace(ws0, tmp_path / f"ws{trial}")
        out = tmp_path / f"pay{trial}"
        processes = [start_pay(run, ts, out, ws) for _ in range(2)]
        results = [(p.wait(timeout=300), *p.communicate()) for p in processes]
        assert sorted(code for code, _, _ in results) == [0, 2], results
        loser = next(err for code, _, err in results if code == 2)
        assert "Traceback" not in loser
        assert any(
            words in loser
            for words in ("another hamyar command", "already been paid", "already been written")
        ), loser
        live, count = ledger_state(ws)
        assert live is not None and count == 1
        assert folder_batch(out / "1402-08") == live and leftovers(out) == []
