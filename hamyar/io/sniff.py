"""What a table file really is, when its name says otherwise, and a CSV file's wrong delimiter.

A workbook saved by an old Excel (``.xls``, an OLE2 compound file starting ``D0 CF 11 E0``), by
LibreOffice (``.ods``, a zip whose ``mimetype`` entry is
``application/vnd.oasis.opendocument.spreadsheet``), a web page or a PDF renamed ``.xlsx`` or
``.csv`` is refused with what it is and what to do, before any reader fails on it with an
obscure message. Only the first bytes (and a zip's ``mimetype`` entry) are read.

A CSV file whose columns are separated by ``;`` or a tab (Excel's "CSV" in many locales) has one
cell per row: when that cell, split on ``;`` or tab, names the table's columns, the reader says
the delimiter is wrong instead of "no header row".
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

from hamyar.errors import InputError, Issue
from hamyar.messages import Msg
from hamyar.text import normalize_key

OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP = b"PK\x03\x04"
ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
DELIMITERS = {";": "io.sniff.by.semicolons", "\t": "io.sniff.by.tabs"}


def file_kind(path: Path) -> str | None:
    """``xls``, ``ods``, ``xlsx``, ``zip``, ``html``, ``pdf``, ``text`` (UTF-8 without NUL), or
    ``None`` when unknown (a damaged workbook among them)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(512)
    except OSError:
        return None
    if head.startswith(OLE2):
        return "xls"
    if head.startswith(ZIP):
        return _zip_kind(path)
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table")):
        return "html"
    if start.startswith(b"%pdf"):
        return "pdf"
    if head and b"\0" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # not a character cut at the 512th byte
                return None
        return "text"
    return None


def _zip_kind(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    mimetype = entry.read(100).decode("ascii", "replace").strip()
                if mimetype == ODS_MIMETYPE:
                    return "ods"
            if "[Content_Types].xml" in names:
                return "xlsx"
            return "zip"
    except (OSError, zipfile.BadZipFile, KeyError, RuntimeError, ValueError):
        return None  # a damaged workbook: the reader says what is wrong with it


def refuse_disguised(path: Path, suffix: str, file: str) -> None:
    """:class:`InputError` when the file named ``*.xlsx``/``*.xlsm`` or ``*.csv`` is something
    else (module docstring); nothing when it is what its name says or cannot be opened."""
    kind = file_kind(path)
    excel = suffix in (".xlsx", ".xlsm")
    if kind is None or (kind == "text" and not excel) or (kind == "xlsx" and excel):
        return
    if kind == "text":
        message = Msg("io.sniff.text", suffix=suffix)
    else:
        what = Msg(f"io.sniff.kind.{kind}")
        code = {"xls": "io.sniff.resave", "ods": "io.sniff.resave", "xlsx": "io.sniff.rename"}
        message = Msg(code.get(kind, "io.sniff.other"), what=what, suffix=suffix)
    raise InputError(Issue(message, file=file))


def delimiter_issue(
    cells: Iterable[object], known: Iterable[str], file: str, row: int
) -> Issue | None:
    """The wrong-delimiter issue when the row's one cell, split on ``;`` or tab, names at least two
    known columns; ``None`` otherwise."""
    texts = [str(c) for c in cells if c not in (None, "")]
    if len(texts) != 1:
        return None
    names = set(known)
    for delimiter, word in DELIMITERS.items():
        parts = texts[0].split(delimiter)
        if sum(normalize_key(p) in names for p in parts) >= 2:
            return Issue(Msg("io.sniff.delimiter", by=Msg(word)), file=file, row=row)
    return None
