"""How large an input file may be, checked before it is read (issue 19, case 7).

An xlsx file is a zip archive: a 2 MB file can inflate to gigabytes, or hold millions of rows.
Before a workbook is opened, the uncompressed sizes of its members are added up and checked
against ``max_input_mb`` — counted while decompressing, so that a size the archive declares
falsely does not get past (Python's zip reader stops at the declared size and a wrong one fails
its checksum); a CSV file's own size is checked the same way. A sheet or CSV file with more than
``max_input_rows`` rows is refused before its cells become Python values. Both limits are policy
keys (defaults 200 MB and 1,000,000 rows, docs/DATA.md); the refusal names the limit and the key.

The readers take the limits in force from :func:`input_limits` (set from the policy by
:func:`hamyar.io.loading.collect_problem`), the defaults elsewhere.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from hamyar.errors import InputError, Issue
from hamyar.models import Policy

MB = 1_000_000
_CHUNK = 1 << 20


@dataclass(frozen=True)
class InputLimits:
    max_mb: int = 200
    max_rows: int = 1_000_000

    @property
    def max_bytes(self) -> int:
        return self.max_mb * MB


def policy_limits(policy: Policy) -> InputLimits:
    return InputLimits(max_mb=policy.max_input_mb, max_rows=policy.max_input_rows)


DEFAULT_LIMITS = InputLimits()
_LIMITS: ContextVar[InputLimits | None] = ContextVar("input_limits", default=None)


def current_limits() -> InputLimits:
    return _LIMITS.get() or DEFAULT_LIMITS


@contextmanager
def input_limits(limits: InputLimits) -> Iterator[None]:
    """Readers inside this block use ``limits``."""
    token = _LIMITS.set(limits)
    try:
        yield
    finally:
        _LIMITS.reset(token)


def _too_large(file: str, size: str, limits: InputLimits) -> InputError:
    return InputError(
        Issue(
            f"file too large: {size}, more than the limit of {limits.max_mb:,} MB "
            "(policy key max_input_mb)",
            file=file,
        )
    )


def check_file_size(path: Path, file: str) -> None:
    """A plain file (CSV) of at most ``max_input_mb``."""
    limits = current_limits()
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise _too_large(file, f"{size / MB:,.0f} MB", limits)


def check_archive(path: Path, file: str) -> None:
    """An xlsx archive whose members inflate to at most ``max_input_mb`` in all."""
    limits = current_limits()
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip archive: the workbook reader says what it is
    with archive:
        members = archive.infolist()
        declared = sum(m.file_size for m in members)
        if declared > limits.max_bytes:
            raise _too_large(file, f"{declared / MB:,.0f} MB uncompressed", limits)
        total = 0
        try:
            for member in members:
                with archive.open(member) as stream:
                    while block := stream.read(_CHUNK):
                        total += len(block)
                        if total > limits.max_bytes:
                            raise _too_large(file, "more than that uncompressed", limits)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            reason = str(exc) or type(exc).__name__
            raise InputError(Issue(f"cannot read workbook: {reason}", file=file)) from None
        except NotImplementedError:
            return  # a compression method Python lacks: the declared sizes were checked


def check_rows(rows: int, file: str, sheet: str | None = None) -> None:
    """A sheet or CSV file of at most ``max_input_rows`` rows."""
    limits = current_limits()
    if rows > limits.max_rows:
        where = f"sheet {sheet!r} has" if sheet else "the file has"
        raise InputError(
            Issue(
                f"too many rows: {where} {rows:,}, more than the limit of "
                f"{limits.max_rows:,} (policy key max_input_rows)",
                file=file,
            )
        )
