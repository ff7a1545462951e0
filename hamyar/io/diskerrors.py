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

_CAUSES = {
    errno.EROFS: ("{folder} is on a read-only file system", "{folder} فقط‌خواندنی است"),
    errno.EACCES: ("no permission to write in {folder}", "اجازه‌ی نوشتن در {folder} نیست"),
    errno.EPERM: ("no permission to write in {folder}", "اجازه‌ی نوشتن در {folder} نیست"),
    errno.ENOSPC: (
        "the disk holding {folder} is full (no space left on device)",
        "دیسکِ {folder} پر است",
    ),
    errno.EDQUOT: ("the disk quota of {folder} is used up", "سهمیه‌ی دیسکِ {folder} تمام شده است"),
}
_ON_THE_WAY_TEXT = (
    "{named} is a broken link, a file or missing ({reason})",
    "{named} پیوندی شکسته، یک فایل یا ناموجود است",
)
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
    if code in _CAUSES:
        en, fa = _CAUSES[code]
    elif code in _ON_THE_WAY:
        en, fa = _ON_THE_WAY_TEXT
    else:
        return None
    named = os.fsdecode(exc.filename) if exc.filename else str(out.parent)
    folder = out.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # the folder that exists: where the writing was refused
    words = {"folder": str(folder), "named": named, "reason": os.strerror(code)}
    return InputError(
        Issue(
            f"cannot write the output: {en.format(**words)}; nothing was written "
            f"/ خروجی نوشته نشد: {fa.format(**words)}؛ چیزی نوشته نشد",
            file=str(out),
        )
    )
