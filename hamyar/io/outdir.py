"""Safe writing of an output folder or file: all or nothing, one writer, nothing foreign lost.

Everything is written into a staging folder (or file) beside ``--out``, named
``.NAME.hamyar-XXXX.tmp``, and swapped into place at the end, so a run that fails leaves no
half-written files. On Linux the swap is one ``renameat2(RENAME_EXCHANGE)``: at every instant
``--out`` is the complete old or the complete new result. Where the file system cannot exchange,
the old folder is renamed aside (``.NAME.hamyar-old-XXXX.tmp``) first, and a crash between the two
renames is undone by the next command (:func:`hamyar.io.outlock.clean_leftovers`).

``--out`` is refused when it is a symbolic link, when it is or contains the current folder or the
folder of an input file the command was given, and,
without ``force``, when it is a non-empty folder. With ``force`` it is replaced only when every
file in it is listed in its manifest (:mod:`hamyar.io.manifest`), i.e. hamyar wrote it: input
files, notes, or a payroll written into it later are never deleted. A payroll month folder is
replaced only by ``pay --replace``, which keeps the replaced one beside it.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from hamyar.errors import InputError, Issue
from hamyar.io.diskerrors import cannot_write
from hamyar.io.faults import fault_point
from hamyar.io.manifest import foreign_files, read_manifest, write_manifest
from hamyar.io.outlock import OLD_MARK, PENDING_MARK, TMP_MARK, lock_output, release
from hamyar.messages import Msg

PAYROLL_KIND = "pay"
_SHOWN = 5
"""How many foreign files a refusal names."""


def _kind() -> str:
    """The command writing (``run``, ``pay``…), from click's context; ``hamyar`` outside one."""
    import click

    ctx = click.get_current_context(silent=True)
    return (ctx.command.name if ctx is not None else None) or "hamyar"


def _input_folders() -> list[Path]:
    """The existing folders named by the running command's arguments (``--allocation RUN``…),
    but the workspace's."""
    import click

    ctx = click.get_current_context(silent=True)
    values: list[object] = []
    while ctx is not None:
        for name, value in ctx.params.items():
            if name == "workspace_dir":
                continue
            values.extend(value if isinstance(value, (list, tuple)) else [value])
        ctx = ctx.parent
    return [_absolute(Path(v)) for v in values if isinstance(v, (str, Path)) and Path(v).is_dir()]


def _input_files() -> list[Path]:
    """The existing files named by the running command's arguments: its inputs."""
    import click

    ctx = click.get_current_context(silent=True)
    values: list[object] = []
    while ctx is not None:
        for value in ctx.params.values():
            values.extend(value if isinstance(value, (list, tuple)) else [value])
        ctx = ctx.parent
    return [_absolute(Path(v)) for v in values if isinstance(v, (str, Path)) and Path(v).is_file()]


def _absolute(out: Path) -> Path:
    return Path(os.path.abspath(out))


def check_out_dir(out: Path, force: bool) -> None:
    """Refuse an ``out`` that must not be written or replaced, and lock it (before any work)."""
    where = str(out)
    if Path(out).is_symlink():
        if not Path(out).exists():
            raise InputError(Issue(Msg("io.out.dangling_link"), os.readlink(out), file=where))
        raise InputError(Issue(Msg("io.out.link_folder"), file=where))
    target = _absolute(out)
    cwd = Path.cwd()
    if target == cwd or target in cwd.parents:
        raise InputError(Issue(Msg("io.out.holds_cwd"), file=where))
    for source in _input_files():
        if target == source.parent or target in source.parents:
            raise InputError(Issue(Msg("io.out.holds_input"), str(source), file=where))
    lock_output(target)
    if target.exists() and not target.is_dir():
        raise InputError(Issue(Msg("io.out.not_a_folder"), file=where))
    if not target.is_dir() or not any(target.iterdir()):
        return
    if not force:
        raise InputError(Issue(Msg("io.out.not_empty"), file=where))
    foreign = foreign_files(target)
    if foreign:
        more = f" (+{len(foreign) - _SHOWN})" if len(foreign) > _SHOWN else ""
        raise InputError(
            Issue(Msg("io.out.foreign"), ", ".join(foreign[:_SHOWN]) + more, file=where)
        )
    manifest = read_manifest(target) or {}
    if manifest.get("kind") == PAYROLL_KIND and _kind() != PAYROLL_KIND:
        raise InputError(Issue(Msg("io.out.payroll"), file=where))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _copy_access(staged: Path, like: Path | None, base: int) -> None:
    """Give ``staged`` the mode and group of ``like`` (what it replaces), else ``base & ~umask``
    (plus the setgid bit a folder inherits from its parent)."""
    if like is not None and like.exists():
        info = like.stat()
        os.chmod(staged, stat.S_IMODE(info.st_mode))
        if staged.stat().st_gid != info.st_gid:
            with suppress(PermissionError):
                os.chown(staged, -1, info.st_gid)
        return
    inherited = staged.stat().st_mode & stat.S_ISGID if staged.is_dir() else 0
    os.chmod(staged, (base & ~_umask()) | inherited)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap ``a`` and ``b`` atomically; ``False`` where the OS or file system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: not supported here
        return False
    raise OSError(errno, os.strerror(errno), str(b))


def _swap(staged: Path, out: Path) -> Path | None:
    """Put ``staged`` at ``out``; the previous ``out`` (now elsewhere) is returned."""
    if not out.exists():
        staged.rename(out)
        return None
    if _exchange(staged, out):
        return staged
    old = out.with_name(f".{out.name}{OLD_MARK}{staged.name.rsplit('-', 1)[-1]}")
    out.rename(old)
    try:
        staged.rename(out)
    except OSError:
        old.rename(out)
        raise
    return old


def _keep_aside(previous: Path, out: Path) -> None:
    """``out.replaced-YYYYmmdd-HHMMSS``: a replaced payroll month, kept for the audit trail."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = out.with_name(f"{out.name}.replaced-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = out.with_name(f"{out.name}.replaced-{stamp}-{n}")
    previous.rename(target)


def _release_and_refuse(out: Path, exc: BaseException | None) -> None:
    """Release ``out``; raise the located refusal for an ``OSError`` met while writing it (if it
    is one; worded before the release removes a folder the lock made)."""
    refusal = cannot_write(out, exc) if exc is not None else None
    release(out)
    if refusal is not None:
        raise refusal from None


class Staging:
    """A staging folder beside ``out``, made after :func:`check_out_dir` (which locks ``out``).

    :meth:`place` seals it with its manifest and swaps it in; :meth:`abandon` removes it. A
    command that must commit elsewhere (the ledger of ``pay``) first calls :meth:`seal` with
    ``pending``: the complete folder is renamed ``.NAME.hamyar-pending-X.tmp``, which the cleaning
    of leftovers leaves alone, so a kill after the commit cannot lose it.
    """

    def __init__(self, out: str | Path, force: bool = False, keep_replaced: bool = False) -> None:
        check_out_dir(Path(out), force)
        self.out = _absolute(Path(out))
        self.keep_replaced = keep_replaced
        self.sealed = False
        try:
            self.path = Path(
                tempfile.mkdtemp(
                    prefix=f".{self.out.name}{TMP_MARK}", suffix=".tmp", dir=self.out.parent
                )
            )
        except BaseException as exc:
            _release_and_refuse(self.out, exc)
            raise
        try:
            _copy_access(self.path, self.out if self.out.is_dir() else None, 0o777)
        except BaseException as exc:
            self.abandon(exc)
            raise

    def seal(self, pending: bool = False) -> None:
        """Write the manifest; with ``pending`` keep the folder for a commit (see the class)."""
        if not self.sealed:
            fault_point("staged")
            write_manifest(self.path, _kind())
            self.sealed = True
            fault_point("sealed")
        if pending and PENDING_MARK not in self.path.name:
            marked = self.path.with_name(
                f".{self.out.name}{PENDING_MARK}{self.path.name.rsplit('-', 1)[-1]}"
            )
            self.path.rename(marked)
            self.path = marked

    def abandon(self, exc: BaseException | None = None) -> None:
        """Remove the staging folder and release ``out``; ``exc`` becomes a located refusal when
        it is the operating system refusing to write (read-only, full disk…)."""
        shutil.rmtree(self.path, ignore_errors=True)
        if self.owns_lock:
            _release_and_refuse(self.out, exc)

    @classmethod
    def resume(cls, path: Path, out: Path, keep_replaced: bool = False) -> Staging:
        """A sealed pending folder (:meth:`seal`) a killed command left beside ``out``; the
        caller holds the lock of ``out`` and keeps it (:meth:`place` does not release it)."""
        self = cls.__new__(cls)
        self.out, self.path = _absolute(out), path
        self.keep_replaced, self.sealed, self.owns_lock = keep_replaced, True, False
        return self

    owns_lock = True

    def _release(self) -> None:
        if self.owns_lock:
            release(self.out)

    def place(self) -> None:
        """Seal (if not yet) and swap the folder in; the previous ``out`` is removed or kept.

        SIGTERM and SIGINT wait until the swap and the keeping aside are done. A pending folder
        that cannot be put in place stays where it is (its commit is done)."""
        if not self.sealed:
            try:
                self.seal()
            except BaseException as exc:
                self.abandon(exc)
                raise
        with signals_held():
            try:
                previous = _swap(self.path, self.out)
            except OSError as exc:
                if PENDING_MARK in self.path.name:
                    self._release()
                else:
                    self.abandon(exc)
                raise
            except BaseException:
                self._release()
                raise
            try:
                fault_point("exchanged")
                if previous is not None and self.keep_replaced:
                    _keep_aside(previous, self.out)
                elif previous is not None:
                    shutil.rmtree(previous, ignore_errors=True)
            finally:
                self._release()


_SIGNALLED: list[int] = []
"""SIGINT or SIGTERM received by the command (:func:`signalled`), newest last."""


def signalled(signum: int) -> None:
    """Note a signal as it arrives, before its exception is raised."""
    _SIGNALLED.append(signum)


def stop_if_signalled() -> None:
    """Raise again a signal whose exception Python swallowed (raised inside a callback whose
    exceptions it ignores, such as an import lock's), so the output is never placed after it."""
    if _SIGNALLED:
        if _SIGNALLED[-1] == signal.SIGINT:
            raise KeyboardInterrupt
        raise SystemExit(128 + _SIGNALLED[-1])


@contextmanager
def signals_held() -> Iterator[None]:
    """SIGTERM and SIGINT wait until the block ends, then take effect (SIGKILL cannot wait).

    The handlers are replaced for the block rather than the signals masked, as a mask holds only
    the thread that sets it and a solver's threads would take the signal instead."""
    got: list[int] = []

    def note(signum: int, _frame: object) -> None:
        got.append(signum)

    try:
        previous = {s: signal.signal(s, note) for s in (signal.SIGTERM, signal.SIGINT)}
    except ValueError:  # not the main thread: signals go to the main thread anyway
        yield
        return
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)
        if got:
            os.kill(os.getpid(), got[0])


@contextmanager
def staged_output(
    out: str | Path, force: bool = False, keep_replaced: bool = False
) -> Iterator[Path]:
    """Yield a staging folder beside ``out``; on success it becomes ``out``, with a manifest.

    On any exception (or signal) the staging folder is removed and ``out`` is left as it was.
    ``keep_replaced`` keeps the folder it replaces beside it instead of removing it.
    """
    staging = Staging(out, force, keep_replaced)
    try:
        yield staging.path
        stop_if_signalled()
        staging.seal()
    except BaseException as exc:
        staging.abandon(exc)
        raise
    staging.place()


@contextmanager
def staged_file(out: Path) -> Iterator[Path]:
    """Yield a staging path beside ``out`` (same suffix); on success it replaces ``out``.

    On any exception the staging file is removed and ``out`` is left as it was.
    """
    if out.is_symlink():
        raise InputError(Issue(Msg("io.out.link_file"), file=str(out)))
    out = _absolute(out)
    for folder in _input_folders():
        if folder in out.parents:
            raise InputError(Issue(Msg("io.out.in_input"), str(folder), file=str(out)))
    lock_output(out)
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{out.name}{TMP_MARK}", suffix=f".tmp{out.suffix}", dir=out.parent
        )
    except BaseException as exc:
        _release_and_refuse(out, exc)
        raise
    os.close(handle)
    tmp = Path(name)
    try:
        _copy_access(tmp, out if out.is_file() else None, 0o666)
        yield tmp
        tmp.replace(out)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        _release_and_refuse(out, exc)
        raise
    release(out)
