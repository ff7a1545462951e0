"""Output folders (#19 cases 1-3, 5, 14-16): nothing foreign removed, one writer, an atomic swap
with recovery, modes that colleagues can open (an edited allocation: tests/pipeline)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from hamyar.cli import cli
from hamyar.io import outdir
from hamyar.io.manifest import MANIFEST
from hamyar.io.outlock import release_all

GENERATE = ["generate", "--applicants", "60", "--units", "6", "--seed", "5"]


def generate(out: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [*GENERATE, "--out", str(out), *extra])
    return result.exit_code, result.output


@pytest.fixture(autouse=True)
def _no_locks_left() -> Iterator[None]:
    yield
    release_all()


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_force_never_removes_an_input_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # case 1: `allocate inputs/… --out inputs --force` deleted the inputs
    monkeypatch.setenv("HAMYAR_WORKSPACE", str(tmp_path / "ws"))
    inputs = tmp_path / "inputs"
    assert generate(inputs)[0] == 0
    (inputs / "notes.txt").write_text("planner's notes", encoding="utf-8")
    before = {n: (inputs / n).read_bytes() for n in names(inputs)}
    args = ["allocate", str(inputs / "applicants.csv"), str(inputs / "units.csv")]
    for out in (inputs, tmp_path):
        result = CliRunner().invoke(cli, [*args, "--out", str(out), "--force"])
        assert result.exit_code == 2, result.output
        assert "input file" in result.output and "Traceback" not in result.output
    assert {n: (inputs / n).read_bytes() for n in names(inputs)} == before


def test_current_folder_and_symlinks_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # case 1: `--out .` crashed with ValueError; case 15: a symlinked --out
    monkeypatch.chdir(tmp_path)
    code, output = generate(Path("."), "--force")
    assert code == 2 and "current folder" in output
    code, output = generate(tmp_path.parent, "--force")
    assert code == 2 and "current folder" in output
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    for link in ("link", "dangling"):
        code, output = generate(tmp_path / link, "--force")
        assert code == 2 and "symbolic link" in output
    assert names(tmp_path / "real") == [] and not (tmp_path / "nowhere").exists()


def test_force_replaces_only_what_hamyar_wrote(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert generate(out)[0] == 0
    assert MANIFEST in names(out)
    assert generate(out, "--force")[0] == 0
    (out / "sub").mkdir()
    (out / "sub" / "mine.txt").write_text("x", encoding="utf-8")
    code, output = generate(out, "--force")
    assert code == 2 and "sub/mine.txt" in output
    assert (out / "sub" / "mine.txt").read_text(encoding="utf-8") == "x"


def test_force_never_removes_a_payroll(tmp_path: Path) -> None:
    # case 3: `run --out alloc --force` over a folder holding a payroll deleted it
    month = tmp_path / "pay" / "1402-08"
    with click.Context(click.Command("pay")), outdir.staged_output(month) as tmp:
        (tmp / "transfers.csv").write_text("paid", encoding="utf-8")
    code, output = generate(month, "--force")
    assert code == 2 and "payroll" in output
    assert (month / "transfers.csv").read_text(encoding="utf-8") == "paid"


def test_replace_keeps_the_replaced_folder(tmp_path: Path) -> None:
    # case 3: `pay --replace` keeps the replaced transfer list
    month = tmp_path / "1402-08"
    for text in ("first", "second"):
        with (
            click.Context(click.Command("pay")),
            outdir.staged_output(month, force=True, keep_replaced=True) as tmp,
        ):
            (tmp / "transfers.csv").write_text(text, encoding="utf-8")
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("1402-08.replaced-")]
    assert len(kept) == 1 and (kept[0] / "transfers.csv").read_text(encoding="utf-8") == "first"
    assert (month / "transfers.csv").read_text(encoding="utf-8") == "second"


@pytest.mark.slow
def test_a_second_writer_is_refused(tmp_path: Path) -> None:
    # case 3 and 17: two commands at once on one --out; the second is told, not overwritten
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from hamyar.io.outlock import "
            "lock_output; lock_output(Path(sys.argv[1])); print('locked', flush=True); "
            "time.sleep(60)",
            str(out),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        code, output = generate(out)
        assert code == 2 and "another hamyar command" in output
        assert not out.exists()
    finally:
        holder.kill()
        holder.wait()
    assert generate(out)[0] == 0
    assert not (tmp_path / ".out.lock").exists()


def test_a_crash_between_the_renames_is_undone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # case 2: without RENAME_EXCHANGE a crash between the two renames left --out missing
    out = tmp_path / "out"
    assert generate(out)[0] == 0
    before = {n: (out / n).read_bytes() for n in names(out)}
    monkeypatch.setattr(outdir, "_exchange", lambda a, b: False)
    rename = Path.rename

    def crash_on_second(self: Path, target: Path) -> Path:  # type: ignore[override]
        if Path(target) == out:
            raise SystemExit(137)
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", crash_on_second)
    result = CliRunner().invoke(cli, [*GENERATE, "--seed", "6", "--out", str(out), "--force"])
    assert result.exit_code == 137
    monkeypatch.setattr(Path, "rename", rename)
    release_all()  # the crashed process is gone
    assert not out.exists()
    code, output = generate(out)  # any next command on this folder puts the old result back
    assert code == 2 and "not empty" in output
    assert {n: (out / n).read_bytes() for n in names(out)} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_the_exchange_leaves_old_or_new_at_every_instant(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("a")
    (b / "x").write_text("b")
    assert outdir._exchange(a, b)
    assert (a / "x").read_text() == "b" and (b / "x").read_text() == "a"


def test_staging_left_by_a_killed_process_is_removed(tmp_path: Path) -> None:
    # case 14: staging folders after SIGKILL are cleaned by the next command
    out = tmp_path / "out"
    (tmp_path / ".out.hamyar-dead.tmp").mkdir()
    (tmp_path / ".other.hamyar-dead.tmp").mkdir()
    (tmp_path / ".ts.csv.hamyar-dead.tmp.csv").write_text("x")
    assert generate(out)[0] == 0
    assert names(tmp_path) == ["out"]


@pytest.mark.slow
def test_a_killed_run_leaves_the_old_result(tmp_path: Path) -> None:
    # case 14: SIGKILL at several moments of a real process; --out is the old result or the new
    out = tmp_path / "out"
    assert generate(out)[0] == 0
    before = {n: (out / n).read_bytes() for n in names(out)}
    command = [sys.executable, "-m", "hamyar", *GENERATE, "--applicants", "3000"]
    command += ["--format", "both", "--out", str(out), "--force"]
    for delay in (0.3, 0.8, 1.5):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.kill()
        process.wait()
        now = {n: (out / n).read_bytes() for n in names(out)}
        assert now == before or "applicants.xlsx" in now
        before = now
    assert generate(out, "--force")[0] == 0
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


@pytest.mark.parametrize(
    "mask, folder_mode, file_mode", [(0o022, 0o755, 0o644), (0o002, 0o775, 0o664)]
)
def test_outputs_follow_the_umask(
    tmp_path: Path, mask: int, folder_mode: int, file_mode: int
) -> None:
    # case 16: every output folder was 0700 whatever the umask
    old = os.umask(mask)
    try:
        assert generate(tmp_path / "out")[0] == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == folder_mode
    assert stat.S_IMODE((tmp_path / "out" / "units.csv").stat().st_mode) == file_mode


def test_a_replaced_folder_keeps_its_mode_and_setgid(tmp_path: Path) -> None:
    out = tmp_path / "shared"
    assert generate(out)[0] == 0
    os.chmod(out, 0o2775)
    assert generate(out, "--force")[0] == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o2775
