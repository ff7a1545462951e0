"""How large an input file may be, checked before it is read (issue 19, case 7).

An xlsx file is a zip archive: a 2 MB file can inflate to gigabytes, or hold millions of rows.
Before a workbook is opened, the uncompressed sizes of its members are added up and checked
against ``max_input_mb`` — and counted again while inflating each member's deflated data
straight from the archive until the deflate stream itself ends, so that a size the archive
declares falsely does not get past (Python's zip reader would stop at the declared size, and a
forged checksum of those first bytes would pass it); a CSV file's own size is checked the same
way. A sheet or CSV file with more than
``max_input_rows`` rows is refused before its cells become Python values. Both limits are policy
keys (defaults 200 MB and 1,000,000 rows, docs/DATA.md); the refusal names the limit and the key.

The readers take the limits in force from :func:`input_limits` (set from the policy by
:func:`hamyar.io.loading.collect_problem`), the defaults elsewhere.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from hamyar.errors import InputError, Issue
from hamyar.messages import Msg
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


def _too_large(file: str, size: Msg, limits: InputLimits) -> InputError:
    return InputError(Issue(Msg("io.limits.too_large", size=size, limit=limits.max_mb), file=file))


def check_file_size(path: Path, file: str) -> None:
    """A plain file (CSV) of at most ``max_input_mb``."""
    limits = current_limits()
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise _too_large(file, Msg("io.limits.mb", mb=round(size / MB)), limits)


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
            raise _too_large(file, Msg("io.limits.mb_inflated", mb=round(declared / MB)), limits)
        total = 0
        try:
            with path.open("rb") as raw:
                for member in members:
                    total += _inflated_size(archive, raw, member, limits.max_bytes - total)
                    if total > limits.max_bytes:
                        raise _too_large(file, Msg("io.limits.more_inflated"), limits)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
            reason = str(exc) or type(exc).__name__
            unreadable = Msg("io.table.bad_workbook", reason=reason)
            raise InputError(Issue(unreadable, file=file)) from None
        except NotImplementedError:
            return  # a compression method Python lacks: the declared sizes were checked


def _inflated_size(
    archive: zipfile.ZipFile, raw: BinaryIO, member: zipfile.ZipInfo, budget: int
) -> int:
    """How many bytes ``member`` really inflates to (stopping once past ``budget``)."""
    if member.compress_type == zipfile.ZIP_STORED:
        return member.compress_size
    if member.compress_type != zipfile.ZIP_DEFLATED:  # counted as Python's reader inflates it
        total = 0
        with archive.open(member) as stream:
            while total <= budget and (block := stream.read(_CHUNK)):
                total += len(block)
        return total
    raw.seek(member.header_offset)
    header = raw.read(30)
    if len(header) != 30 or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"bad local header of {member.filename}")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    raw.seek(member.header_offset + 30 + name_length + extra_length)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    total = 0
    while not inflater.eof and total <= budget:
        data = inflater.unconsumed_tail or raw.read(_CHUNK)
        if not data:
            break  # the archive ends inside the deflate stream: the reader will say so
        total += len(inflater.decompress(data, _CHUNK))
    return total


def check_rows(rows: int, file: str, sheet: str | None = None) -> None:
    """A sheet or CSV file of at most ``max_input_rows`` rows."""
    limits = current_limits()
    if rows > limits.max_rows:
        limit = limits.max_rows
        message = (
            Msg("io.limits.rows_sheet", sheet=sheet, rows=rows, limit=limit)
            if sheet
            else Msg("io.limits.rows", rows=rows, limit=limit)
        )
        raise InputError(Issue(message, file=file))
