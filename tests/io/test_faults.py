"""Faults of the machine while outputs are written (#19 case 11): a read-only file system, a full
disk, a folder without write permission, a dangling symbolic link. Real file systems: a small
``tmpfs`` mounted for the test (full at 64 KiB) and remounted read-only; the permission case, as
the tests run as root (whom permissions do not stop), injects the ``PermissionError`` where the
staging folder is made. Each must give one located line naming the folder and the cause, exit 2,
no traceback, and nothing left behind."""

from __future__ import annotations

import errno
import os
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from hamyar.cli import cli
from hamyar.io.outlock import release_all

GENERATE = ["generate", "--applicants", "400", "--units", "6", "--seed", "5"]


@pytest.fixture(autouse=True)
def _no_locks_left() -> Iterator[None]:
    yield
    release_all()


def _mount(folder: Path, size: str) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB file system: a few kilobytes of output fill it."""
    folder = tmp_path / "small"
    _mount(folder, "64k")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=True)


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    """A file system remounted read-only, holding one earlier result ``old``."""
    folder = tmp_path / "ro"
    _mount(folder, "1m")
    (folder / "old").mkdir()
    (folder / "old" / "kept.txt").write_text("earlier", encoding="utf-8")
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=True)


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize(
    "out, force",
    [
        ("new", False),  # case 11: a new folder on a read-only file system
        ("old", True),  # case 11: replacing an earlier result there (--force)
        ("deeper/new", False),  # case 11: a folder whose parent must be made there
    ],
)
def test_a_read_only_file_system(read_only: Path, out: str, force: bool) -> None:
    target = read_only / out
    args = [*GENERATE, "--out", str(target), *(["--force"] if force else [])]
    code, output = invoke(*args)
    assert code == 2, output
    folder = target.parent if out != "deeper/new" else read_only
    assert output.startswith(f"{target}: cannot write the output: ")
    assert f"{folder} is on a read-only file system" in output, output
    assert listing(read_only) == ["old"]
    assert (read_only / "old" / "kept.txt").read_text(encoding="utf-8") == "earlier"


def test_timesheets_on_a_read_only_file_system(read_only: Path, tmp_path: Path) -> None:
    # case 11: the one-file output (timesheets --out) as well
    made = tmp_path / "g"
    assert invoke(*GENERATE, "--out", str(made))[0] == 0
    code, output = invoke(
        "allocate",
        str(made / "applicants.csv"),
        str(made / "units.csv"),
        "--out",
        str(tmp_path / "a"),
    )
    assert code == 0, output
    ts = read_only / "ts.csv"
    code, output = invoke(
        "timesheets", "--allocation", str(tmp_path / "a"), "--month", "1402/08", "--out", str(ts)
    )
    assert code == 2 and "read-only file system" in output and str(ts) in output, output
    assert listing(read_only) == ["old"]


def test_a_full_disk(small_disk: Path) -> None:
    # case 11: [Errno 28] while writing: one line, and the disk as empty as before
    out = small_disk / "g"
    code, output = invoke(*GENERATE, "--out", str(out))
    assert code == 2, output
    assert output.strip().splitlines()[-1] == (
        f"{out}: cannot write the output: the disk holding {small_disk} is full (no space left "
        "on device); nothing was written"
    )
    assert listing(small_disk) == []
    code, output = invoke(*GENERATE, "--out", str(out), "--lang", "fa")
    assert code == 2, output
    assert output.strip().splitlines()[-1] == (
        f"{out}: خروجی نوشته نشد: دیسکِ {small_disk} پر است؛ چیزی نوشته نشد"
    )
    assert listing(small_disk) == []


def test_a_full_disk_keeps_the_earlier_result(small_disk: Path) -> None:
    # case 11: --force over a small result; the bigger one does not fit: the small one stays
    out = small_disk / "g"
    assert invoke("generate", "--applicants", "5", "--units", "2", "--out", str(out))[0] == 0
    before = {n: (out / n).read_bytes() for n in listing(out)}
    code, output = invoke(*GENERATE, "--out", str(out), "--force")
    assert code == 2 and "is full" in output, output
    assert listing(small_disk) == ["g"]
    assert {n: (out / n).read_bytes() for n in listing(out)} == before


def test_no_write_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # case 11: [Errno 13]; root is not stopped by modes, so the refusal is injected where the
    # staging folder is made
    def refuse(*args: object, dir: str | None = None, **kwargs: object) -> str:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), dir)

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    out = tmp_path / "shared" / "g"
    code, output = invoke(*GENERATE, "--out", str(out))
    assert code == 2
    assert f"{out}: cannot write the output: no permission to write in {out.parent}" in output
    assert listing(tmp_path) == []  # not even the folder made for it


def test_a_dangling_symlink_as_out(tmp_path: Path) -> None:
    # case 11: NotADirectoryError and outputs left in .dangling.*.tmp before
    link = tmp_path / "dangling"
    link.symlink_to(tmp_path / "nowhere")
    code, output = invoke(*GENERATE, "--out", str(link))
    assert code == 2
    assert output.strip() == (
        f"{link}: output path is a symbolic link to a folder that does not exist; name a real "
        f"folder ({tmp_path / 'nowhere'})"
    )
    code, output = invoke(*GENERATE, "--out", str(link / "inside"))
    assert code == 2 and f"{link} is a broken link, a file or missing" in output, output
    assert listing(tmp_path) == ["dangling"]


def test_timesheets_never_overwrite_a_file_of_the_allocation(tmp_path: Path) -> None:
    # case 1 for the one-file output: `timesheets --out RUN/assignments.csv --force`
    made = tmp_path / "g"
    assert invoke(*GENERATE, "--out", str(made))[0] == 0
    run = tmp_path / "a"
    args = ["allocate", str(made / "applicants.csv"), str(made / "units.csv"), "--out", str(run)]
    assert invoke(*args)[0] == 0
    before = (run / "assignments.csv").read_bytes()
    code, output = invoke(
        "timesheets", "--allocation", str(run), "--month", "1402/08",
        "--out", str(run / "assignments.csv"), "--force",
    )  # fmt: skip
    assert code == 2 and "lies inside an input folder" in output, output
    assert (run / "assignments.csv").read_bytes() == before
    deeper = tmp_path / "new" / "deeper" / "ts.csv"  # a missing parent is made, as before
    code, output = invoke(
        "timesheets", "--allocation", str(run), "--month", "1402/08", "--out", str(deeper)
    )
    assert code == 0, output
    assert deeper.is_file()
