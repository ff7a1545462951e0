"""One writer at a time per output path, and what dead writers left behind.

Every command that writes ``--out`` first takes an exclusive lock on ``.NAME.lock`` beside it
(:func:`lock_output`) and keeps it until the process ends; a second command on the same path is
refused at once instead of overwriting the first one's result. Holding the lock also proves that
staging folders beside ``--out`` (``.NAME.hamyar-*.tmp``) belong to a process that died
(SIGKILL, power cut): :func:`clean_leftovers` removes them, and those of any sibling output whose
lock is free; a previous result that a crash left renamed aside is put back.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
from pathlib import Path

from hamyar.errors import InputError, Issue
from hamyar.io.diskerrors import cannot_write
from hamyar.messages import Msg

TMP_MARK = ".hamyar-"
"""Staging folders and files are named ``.NAME.hamyar-XXXX.tmp``."""

OLD_MARK = ".hamyar-old-"
"""The previous ``--out`` during a swap without ``RENAME_EXCHANGE``: ``.NAME.hamyar-old-X.tmp``."""

PENDING_MARK = ".hamyar-pending-"
"""A complete staging folder waiting for a database commit (``pay``),
``.NAME.hamyar-pending-X.tmp``. It is never removed here: the next command of its kind decides,
from the ledger, whether it is put in place or removed (:mod:`hamyar.store.paying`)."""

_STAGING = re.compile(r"^\.(.+)\.hamyar-[^./]+\.tmp(\.[^./]+)?$")

_held: dict[Path, tuple[int, Path | None]] = {}
"""Locks this process holds, by output path, with the parent folder the lock created (if any)."""


def lock_path(out: Path) -> Path:
    return out.with_name(f".{out.name}.lock")


def _try_lock(out: Path) -> int | None:
    """A descriptor holding the lock of ``out``, or ``None`` when another process holds it."""
    path = lock_path(out)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)  # the file was removed by its last holder meanwhile: lock the new one


def lock_output(out: Path) -> None:
    """Take the lock of ``out`` for the rest of the process, or refuse (exit 2)."""
    out = out.absolute()
    if out in _held:
        return
    created = None if out.parent.exists() else out.parent
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd = _try_lock(out)
    except OSError as exc:
        refusal = cannot_write(out, exc)
        if refusal is None:
            raise
        raise refusal from None
    if fd is None:
        raise InputError(Issue(Msg("io.out.locked"), file=str(out)))
    _held[out] = (fd, created)
    clean_leftovers(out.parent)


def release(out: Path) -> None:
    """Release the lock of ``out`` and remove its lock file (and the folder it made, if empty)."""
    fd, created = _held.pop(out.absolute(), (None, None))
    if fd is None:
        return
    lock_path(out.absolute()).unlink(missing_ok=True)
    os.close(fd)
    if created is not None:
        with contextlib.suppress(OSError):
            created.rmdir()


def release_all() -> None:
    """Release every lock this process holds (the end of a command)."""
    for out in list(_held):
        release(out)


def _output_name(entry: str) -> str | None:
    """``NAME`` of a staging entry ``.NAME.hamyar-X.tmp`` (a file: ``….tmp.csv``), else ``None``."""
    match = _STAGING.match(entry)
    return match.group(1) if match else None


def pending_stagings(out: Path) -> list[Path]:
    """The complete staging folders of ``out`` left waiting for a commit, oldest name first."""
    prefix = f".{out.name}{PENDING_MARK}"
    try:
        entries = sorted(os.listdir(out.parent))
    except OSError:
        return []
    return [out.parent / e for e in entries if e.startswith(prefix) and e.endswith(".tmp")]


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove staging entries in ``folder`` whose output is not locked by a live process."""
    removed: list[Path] = []
    try:
        entries = sorted(os.listdir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = _output_name(entry)
        if name is None or PENDING_MARK in entry:
            continue
        out = (folder / name).absolute()
        fd = None if out in _held else _try_lock(out)
        if out not in _held and fd is None:
            continue  # a live process is writing it
        path = folder / entry
        if OLD_MARK in entry and path.is_dir() and not os.path.lexists(out):
            path.rename(out)  # a swap without RENAME_EXCHANGE died between its two renames
        elif path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
        if fd is not None:
            lock_path(out).unlink(missing_ok=True)
            os.close(fd)
    return removed
