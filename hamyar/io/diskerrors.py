"""What the operating system refused while an output was written, said as a person reads it.

A read-only file system (``EROFS``), a folder without write permission (``EACCES``/``EPERM``), a
full disk (``ENOSPC``) or quota (``EDQUOT``), a path through a dangling link or a file
(``ENOENT``/``ENOTDIR``/``EEXIST`` on the way to ``--out``): :func:`cannot_write` turns the
``OSError`` into a located refusal naming the output and the cause (exit 2, no traceback). The
staging folder has been removed by then, so nothing is left behind.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from hamyar.errors import InputError, Issue
from hamyar.messages import Msg

_CAUSES = {
    errno.EROFS: "io.disk.read_only",
    errno.EACCES: "io.disk.no_permission",
    errno.EPERM: "io.disk.no_permission",
    errno.ENOSPC: "io.disk.full",
    errno.EDQUOT: "io.disk.quota",
}
_ALWAYS_WRITING = frozenset({errno.EROFS, errno.ENOSPC, errno.EDQUOT})
"""Causes that can only come from writing, whatever file the error names (or none)."""
_ON_THE_WAY = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EEXIST})
"""Causes that are the output's own, when the error names the output's folder or a file in it."""


def _names_output(exc: OSError, out: Path) -> bool:
    """Whether ``exc`` is about ``out``, its staging or its folder (not an input being read)."""
    if exc.filename is None:
        return True
    named = Path(os.path.abspath(os.fsdecode(exc.filename)))
    folder = out.parent
    return named == folder or folder in named.parents or named in folder.parents


def cannot_write(out: Path, exc: BaseException) -> InputError | None:
    """The refusal to raise for ``exc`` met while writing ``out``, or ``None`` when it is not
    about writing the output (it is then re-raised as it is)."""
    if not isinstance(exc, OSError) or exc.errno is None:
        return None
    code = exc.errno
    if code not in _ALWAYS_WRITING and not _names_output(exc, out):
        return None
    if code not in _CAUSES and code not in _ON_THE_WAY:
        return None
    named = os.fsdecode(exc.filename) if exc.filename else str(out.parent)
    folder = out.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # the folder that exists: where the writing was refused
    if code in _CAUSES:
        cause = Msg(_CAUSES[code], folder=str(folder))
    else:
        cause = Msg("io.disk.on_the_way", named=named, reason=os.strerror(code))
    return InputError(Issue(Msg("io.disk.cannot_write", cause=cause), file=str(out)))
