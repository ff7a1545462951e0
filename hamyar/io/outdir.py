"""Safe writing of an output folder or file: all or nothing.

Everything is written into a temporary folder (or file) beside ``--out`` and moved into place at
the end, so a run that fails leaves no half-written files. An existing non-empty ``--out`` is
refused unless ``force`` is given, in which case it is replaced as a whole.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hamyar.errors import InputError, Issue


def check_out_dir(out: Path, force: bool) -> None:
    """Refuse a non-empty ``out`` without ``force`` (before any work is done)."""
    if out.exists() and not out.is_dir():
        raise InputError(Issue("output path exists and is not a folder", file=str(out)))
    if out.is_dir() and any(out.iterdir()) and not force:
        raise InputError(
            Issue("output folder is not empty; use --force to replace it", file=str(out))
        )


@contextmanager
def staged_output(out: str | Path, force: bool = False) -> Iterator[Path]:
    """Yield a temporary folder beside ``out``; on success it becomes ``out``.

    On any exception the temporary folder is removed and ``out`` is left as it was.
    """
    out = Path(out)
    check_out_dir(out, force)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{tmp.name}")
        out.rename(old)
    tmp.rename(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def staged_file(out: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``out`` (same suffix); on success it replaces ``out``.

    On any exception the temporary file is removed and ``out`` is left as it was.
    """
    handle, name = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=out.suffix, dir=out.parent)
    os.close(handle)
    tmp = Path(name)
    try:
        yield tmp
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(out)
