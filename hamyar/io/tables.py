"""Spreadsheets and CSV files as rows of cells, with the header row found and matched.

A table is read from ``.xlsx`` (the first sheet whose header row is found) or ``.csv`` (UTF-8,
with or without a byte-order mark). The header row is the first row in which at least
``min(2, number of columns)`` cells name known columns after :func:`hamyar.text.normalize_key`;
published tables often carry a title line above it. Row numbers are those a person sees in
Excel (the first row is 1, the header row counted); in a CSV file they are record numbers.

Everything that stops a file from being read at all — a missing or unreadable file, an
unsupported extension, an empty sheet, no header row, a missing required column, a header row
with nothing below it — raises :class:`hamyar.errors.InputError` with a located issue. With
``lenient=True`` a header row that was found but is wrong (a missing required column, a column
twice) does not stop the reading: the table carries those issues and the names of the missing
columns, so a reader can still report every bad cell of the columns that are there.

A missing required column names the unknown header most likely meant for it ("did you mean
'degre'?"), and an unknown header close to the spelling of a column the file lacks is a warning
naming that column (it is kept as an unknown column all the same).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
from collections.abc import Generator, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from hamyar.errors import InputError, Issue
from hamyar.io.columns import (
    Column,
    accepted_headers,
    column_for_unknown,
    header_for_missing,
    header_map,
)
from hamyar.io.limits import check_archive, check_file_size, check_rows, current_limits
from hamyar.io.sniff import delimiter_issue, refuse_disguised
from hamyar.messages import Msg
from hamyar.text import normalize_key, normalize_text, normalize_value

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv",)
SUPPORTED_SUFFIXES = EXCEL_SUFFIXES + CSV_SUFFIXES


@dataclass(frozen=True)
class HeaderCell:
    """One cell of the header row: its position, its text as written, the column it names."""

    index: int
    text: str
    column: Column | None


class Row(NamedTuple):
    """One non-empty data row: its number as a person sees it, and its raw cells."""

    number: int
    cells: tuple[object, ...]

    def cell(self, index: int) -> object:
        return self.cells[index] if index < len(self.cells) else None


@dataclass(frozen=True)
class Table:
    """A header row matched against a column table, and the non-empty rows below it."""

    file: str
    sheet: str | None
    header_row: int
    headers: tuple[HeaderCell, ...]
    rows: tuple[Row, ...]
    issues: tuple[Issue, ...] = ()
    """Problems of the header row (only with ``lenient``): errors and warnings."""
    missing: tuple[str, ...] = ()
    """Required columns the header row lacks (only with ``lenient``)."""

    @property
    def complete(self) -> bool:
        """Every required column is there: the rows can become records."""
        return not self.missing

    @cached_property
    def _positions(self) -> dict[str, HeaderCell]:
        return {h.column.name: h for h in self.headers if h.column is not None}

    def index_of(self, name: str) -> int | None:
        """Position of the known column ``name``, or ``None`` when the file lacks it."""
        header = self._positions.get(name)
        return None if header is None else header.index

    def header_of(self, name: str) -> str:
        """The header of column ``name`` as written in the file (the name when absent)."""
        header = self._positions.get(name)
        return name if header is None else header.text

    def has(self, name: str) -> bool:
        return name in self._positions

    @property
    def extra_columns(self) -> tuple[str, ...]:
        """Headers of unknown columns, as written, in file order."""
        return tuple(h.text for h in self.headers if h.column is None and h.text)


def cell_text(value: object) -> str:
    """A raw cell as text before normalisation: a whole float loses its ``.0``, a boolean
    becomes ``true``/``false``, ``None`` becomes ``""``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    return str(value)


def is_empty(cells: Sequence[object]) -> bool:
    for c in cells:
        if normalize_text(c) if c.__class__ is str else normalize_value(cell_text(c)):
            return False
    return True


def table_name(what: str) -> Msg:
    """The name of the table ``what`` (``applicants``, ``units``…) in a message."""
    return Msg(f"io.table.name.{what}")


def read_table(
    path: str | Path, columns: tuple[Column, ...], what: str, lenient: bool = False
) -> Table:
    """Read ``path`` and match its header row against ``columns``.

    ``what`` names the table in messages (``applicants``, ``units``…); with ``lenient`` a wrong
    header row is carried in :attr:`Table.issues` rather than raised (module docstring).
    """
    path = Path(path)
    file = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        code = "io.table.old_type" if suffix in (".xls", ".ods") else "io.table.unsupported"
        message = Msg(code, suffix=suffix or Msg("io.table.no_suffix"), accepted=SUPPORTED_SUFFIXES)
        raise InputError(Issue(message, file=file))
    refuse_disguised(path, suffix, file)
    if not path.exists():
        raise InputError(Issue(Msg("io.table.not_found", what=table_name(what)), file=file))
    if not path.is_file():
        raise InputError(Issue(Msg("io.table.not_a_file", what=table_name(what)), file=file))
    if suffix in EXCEL_SUFFIXES:
        check_archive(path, file)
        sheets = _excel_sheets(path, file)
    else:
        check_file_size(path, file)
        sheets = _csv_sheets(path, file)
    known = header_map(columns)
    need = min(2, len(columns))
    first_nonempty: tuple[str | None, list[tuple[int, tuple[object, ...]]]] | None = None
    with closing(sheets):
        for sheet, rows in sheets:
            buffered: list[tuple[int, tuple[object, ...]]] = []
            for number, cells in rows:
                if is_empty(cells):
                    continue
                buffered.append((number, cells))
                if sum(normalize_key(cell_text(c)) in known for c in cells) >= need:
                    found = (sheet, number, cells)
                    return _finish(file, found, rows, columns, known, what, lenient)
            if buffered and first_nonempty is None:
                first_nonempty = (sheet, buffered)
    if first_nonempty is None:
        raise InputError(Issue(Msg("io.table.empty", what=table_name(what)), file=file))
    sheet, buffered = first_nonempty
    wrong_delimiter = sheet is None and delimiter_issue(buffered[0][1], known, file, buffered[0][0])
    if wrong_delimiter:
        raise InputError(wrong_delimiter)
    required = tuple(
        Msg("io.table.spellings", column=c.name, headers=accepted_headers(c))
        for c in columns
        if c.required
    )
    message = Msg("io.table.no_header", what=table_name(what), required=required)
    raise InputError(Issue(message, file=file, row=buffered[0][0]))


def _finish(
    file: str,
    found: tuple[str | None, int, tuple[object, ...]],
    rows: Iterator[tuple[int, tuple[object, ...]]],
    columns: tuple[Column, ...],
    known: dict[str, Column],
    what: str,
    lenient: bool,
) -> Table:
    sheet, header_row, header_cells = found
    issues: list[Issue] = []
    headers: list[HeaderCell] = []
    seen: dict[str, str] = {}
    unknown: list[str] = []
    for index, raw in enumerate(header_cells):
        text = normalize_value(cell_text(raw))
        column = known.get(normalize_key(text))
        if column is not None:
            if column.name in seen:
                issues.append(
                    Issue(
                        Msg("io.table.twice", column=column.name, header=seen[column.name]),
                        file=file,
                        row=header_row,
                        column=text,
                    )
                )
                column = None
            else:
                seen[column.name] = text
        elif text:
            unknown.append(text)
        headers.append(HeaderCell(index, text, column))
    missing = [c for c in columns if c.required and c.name not in seen]
    meant: set[str] = set()
    for column in missing:
        guess = header_for_missing(column, [h for h in unknown if h not in meant])
        spellings = accepted_headers(column)
        message = Msg("io.table.missing_column", column=column.name, headers=spellings)
        if guess is not None:
            meant.add(guess)
            message = Msg(
                "io.table.missing_column_meant", column=column.name, meant=guess, headers=spellings
            )
        issues.append(Issue(message, file=file, row=header_row))
    absent = [c for c in columns if c.name not in seen]
    for text in unknown:
        spelling = None if text in meant else column_for_unknown(text, absent)
        if spelling is not None:
            issues.append(
                Issue(
                    Msg("io.table.unknown_column", meant=spelling),
                    file=file,
                    row=header_row,
                    column=text,
                    severity="warning",
                )
            )
    errors = [i for i in issues if i.severity == "error"]
    if errors and not lenient:
        raise InputError(errors)
    data = tuple(Row(number, cells) for number, cells in rows if not is_empty(cells))
    if not data:
        empty = Issue(Msg("io.table.no_data", what=table_name(what)), file=file, row=header_row)
        raise InputError([*(errors if lenient else ()), empty])
    kept = tuple(issues) if lenient else ()
    return Table(
        file, sheet, header_row, tuple(headers), data, kept, tuple(c.name for c in missing)
    )


Rows = Iterator[tuple[int, tuple[object, ...]]]
Sheet = tuple[str | None, Rows]


def _excel_sheets(path: Path, file: str) -> Generator[Sheet, None, None]:
    """Every worksheet of a workbook as ``(title, rows)``; cached values of formulas are read.

    Read with calamine (Rust): its XML parser expands no entity a file declares (a "billion
    laughs" workbook is refused as unreadable, nothing expanded) and resolves nothing external.
    """
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # a damaged workbook fails in many ways; all are bad input
        raise InputError(_unreadable(exc, file)) from None
    try:
        for meta in workbook.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            yield meta.name, _sheet_rows(workbook, meta.name, file)
    finally:
        workbook.close()


def _sheet_rows(workbook: Any, name: str, file: str) -> Rows:
    """A worksheet's rows numbered from 1 as Excel numbers them; gaps come as empty rows, an
    empty cell as ``None``, a whole number as ``int``."""
    try:
        sheet = workbook.get_sheet_by_name(name)
    except Exception as exc:
        raise InputError(_unreadable(exc, file)) from None
    end = sheet.end
    check_rows(0 if end is None else end[0] + 1, file, name)
    try:
        rows = sheet.to_python(skip_empty_area=False)
    except Exception as exc:
        raise InputError(_unreadable(exc, file)) from None
    for number, cells in enumerate(rows, start=1):
        yield (
            number,
            tuple(
                [
                    None if v == "" else int(v) if v.__class__ is float and v.is_integer() else v
                    for v in cells
                ]
            ),
        )


def _reason(exc: Exception) -> str:
    return str(exc) or type(exc).__name__


def _unreadable(exc: Exception, file: str) -> Issue:
    """A workbook the reader could not open, with the reader's own words for why."""
    return Issue(Msg("io.table.bad_workbook", reason=_reason(exc)), file=file)


def _csv_sheets(path: Path, file: str) -> Generator[Sheet, None, None]:
    """The one "sheet" of a CSV file: UTF-8, with or without a byte-order mark. The whole file
    is checked to be UTF-8 before its first row is read, and its rows are read as a stream
    (lines end as :meth:`Path.read_text` ends them)."""
    try:
        _check_utf8(path)
    except UnicodeDecodeError:
        raise InputError(Issue(Msg("io.table.not_utf8"), file=file)) from None
    except OSError as exc:
        raise InputError(_cannot_read(exc, file)) from None
    yield None, _csv_rows(path, file)


_CHUNK = 1 << 20


def _check_utf8(path: Path) -> None:
    """Raise :class:`UnicodeDecodeError` unless ``path`` is UTF-8 throughout."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    with path.open("rb") as handle:
        while block := handle.read(_CHUNK):
            decoder.decode(block)
    decoder.decode(b"", final=True)


def _cannot_read(exc: OSError, file: str) -> Issue:
    return Issue(Msg("io.file.cannot_read", reason=exc.strerror or str(exc)), file=file)


def _csv_rows(path: Path, file: str) -> Rows:
    most = current_limits().max_rows
    try:
        with path.open(encoding="utf-8-sig") as handle:
            for number, record in enumerate(csv.reader(handle), start=1):
                if number > most:
                    text = path.read_text(encoding="utf-8-sig")
                    check_rows(text.count("\n") + (not text.endswith("\n")), file)
                yield number, tuple(record)
    except csv.Error as exc:
        raise InputError(csv_issue(path.read_text(encoding="utf-8-sig"), file, exc)) from None
    except UnicodeDecodeError:  # changed since it was checked
        raise InputError(Issue(Msg("io.table.not_utf8"), file=file)) from None
    except OSError as exc:
        raise InputError(_cannot_read(exc, file)) from None


def csv_issue(text: str, file: str, exc: csv.Error) -> Issue:
    """The record (and for a too long cell, the column) where reading ``text`` failed."""
    records = 0
    try:
        for _ in csv.reader(io.StringIO(text, newline="")):
            records += 1
    except csv.Error:
        pass
    row = records + 1
    limit = csv.field_size_limit()
    if "field larger than field limit" not in str(exc):
        return Issue(Msg("io.table.bad_csv", reason=str(exc)), file=file, row=row)
    previous = csv.field_size_limit(len(text) + 1)
    try:
        first, *_, cells = itertools.islice(csv.reader(io.StringIO(text, newline="")), row)
    finally:
        csv.field_size_limit(previous)
    index = max(range(len(cells)), key=lambda i: len(cells[i]))
    header = normalize_value(first[index]) if row > 1 and index < len(first) else ""
    return Issue(
        Msg("io.table.cell_too_long", length=len(cells[index]), limit=limit),
        file=file,
        row=row,
        column=header or str(index + 1),
    )
