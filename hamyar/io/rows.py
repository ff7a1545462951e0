"""From a matched table to validated records, collecting every located issue.

A reader walks the rows of a :class:`hamyar.io.tables.Table`, parses each known cell by its
column's kind, keeps unknown columns in ``extra``, and builds one model per row. Every bad cell
becomes an :class:`hamyar.errors.Issue` at ``file:row:column`` (the header as written in the
file); nothing stops at the first one. :meth:`Parsed.result` then raises one
:class:`hamyar.errors.InputError` with all errors, or returns a :class:`ReadResult`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from hamyar.errors import InputError, Issue, Severity, SplitIssues
from hamyar.io.cells import CellError, cell_value, parse_cell
from hamyar.io.columns import Column
from hamyar.io.columnwise import ParsedColumns, parse_columns
from hamyar.io.tables import Row, Table, cell_text, read_table
from hamyar.messages import Msg, Text
from hamyar.models import Source
from hamyar.models.validation import reason, validation_message

_set = object.__setattr__
T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class ReadResult(Generic[T]):
    """The records of one file, with its warnings and the headers of its unknown columns."""

    records: tuple[T, ...]
    warnings: tuple[Issue, ...]
    extra_columns: tuple[str, ...]
    file: str


@dataclass
class Parsed(SplitIssues, Generic[T]):
    """What a reader found in one file: the rows that parsed, and every issue (errors and
    warnings) in file order."""

    file: str
    records: list[T] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    extra_columns: tuple[str, ...] = ()
    headers: dict[str, str] = field(default_factory=dict)
    """``{column name: header as written}`` for the known columns of the file."""
    readable: bool = False
    """The header row was found with every required column: each row could become a record.
    Figures computed from a file that is not readable would be computed from nothing."""
    rows: int = 0
    """Data rows of the file (a row with a bad cell counts too)."""
    keys: list[Any] = field(default_factory=list)
    """The identifying cells of rows that did not become records (the applicants file keeps
    them, so that duplicates and references are checked on every row, bad cells or not)."""

    @classmethod
    def failed(cls, file: str, exc: InputError) -> Parsed[T]:
        return cls(file=file, issues=list(exc.issues))

    @classmethod
    def for_table(cls, table: Table) -> Parsed[T]:
        """An empty result for ``table``, holding its header issues (a lenient read)."""
        headers = {h.column.name: h.text for h in table.headers if h.column is not None}
        return cls(
            file=table.file,
            extra_columns=table.extra_columns,
            headers=headers,
            issues=list(table.issues),
            readable=table.complete,
            rows=len(table.rows),
        )

    def result(self) -> ReadResult[T]:
        """The records, or :class:`InputError` carrying every error of the file."""
        if self.errors:
            raise InputError(self.errors)
        return ReadResult(tuple(self.records), tuple(self.warnings), self.extra_columns, self.file)


PARSED_PER_COLUMN = 4096
"""Distinct raw cells whose parsed value the per-row path keeps per column (a column of names
or IDs repeats nothing; its first values are kept and it is parsed cell by cell after them)."""
_UNSEEN = object()


class RowReader:
    """Parses the cells of a table's rows and records located issues in ``issues``.

    The known columns are parsed column by column on the first :meth:`fields`, once per distinct
    raw cell (:func:`parse_columns`); a row whose every cell parsed and whose required cells
    are filled takes its values from there, and any other row is parsed again cell by cell,
    recording its issues in the order of its cells, as it is reached.
    """

    def __init__(
        self,
        table: Table,
        issues: list[Issue],
        wording: Mapping[tuple[str, str], Text] | None = None,
    ) -> None:
        """``wording`` rewords a cell error for a column: ``{(column, message code): message}``."""
        self.table = table
        self.issues = issues
        self.wording = dict(wording or {})
        self._known: list[tuple[int, Column, dict[tuple[type, object], object]]] = [
            (h.index, h.column, {}) for h in table.headers if h.column is not None
        ]
        """Per known column: its position, and the value of each raw cell already parsed
        (genders, degrees, dates and preference lists repeat; at most
        :data:`PARSED_PER_COLUMN`)."""
        self._unknown = [(h.index, h.text) for h in table.headers if h.column is None and h.text]
        self._parsed: ParsedColumns | None = None
        self._fields_sets: dict[frozenset[str], set[str]] = {}

    def source(self, row: Row) -> Source:
        return Source(file=self.table.file, row=row.number)

    def raw(self, row: Row, name: str) -> object:
        """The raw cell of known column ``name`` (``None`` when the file lacks the column)."""
        index = self.table.index_of(name)
        return None if index is None else row.cell(index)

    def text(self, row: Row, name: str) -> str:
        """The normalised text of known column ``name`` (``""`` when empty or absent)."""
        return cell_value(self.raw(row, name))

    def written(self, row: Row, name: str) -> str | None:
        """The cell as written, for a message; ``None`` when empty or absent."""
        return cell_text(self.raw(row, name)).strip() or None

    def report(
        self,
        row: Row | int | None,
        name: str | None,
        message: Text,
        value: object = None,
        severity: Severity = "error",
    ) -> None:
        """Record an issue at ``row`` and the column ``name`` (its header as written)."""
        number = row.number if isinstance(row, Row) else row
        column = self.table.header_of(name) if name is not None else None
        self.issues.append(
            Issue(
                message,
                value,
                file=self.table.file,
                row=number,
                column=column,
                severity=severity,
            )
        )

    def fields(self, row: Row) -> tuple[dict[str, object], bool]:
        """``({column name: value}, ok)`` for every non-empty known cell of ``row``.

        A bad cell and an empty required cell are recorded as errors and make ``ok`` false.
        """
        parsed = self._parsed
        if parsed is None:
            parsed = self._parsed = parse_columns(self.table, [(i, c) for i, c, _ in self._known])
        at = parsed.clean.get(id(row))
        if at is not None:
            return {n: v[at] for n, v in parsed.columns if v[at] is not None}, True
        return self._cell_by_cell(row)

    def _cell_by_cell(self, row: Row) -> tuple[dict[str, object], bool]:
        """:meth:`fields` of a row with a bad or missing cell, reporting each in cell order."""
        values: dict[str, object] = {}
        ok = True
        cells = row.cells
        width = len(cells)
        for index, column, parsed in self._known:
            raw = cells[index] if index < width else None
            key = (raw.__class__, raw)
            value = parsed.get(key, _UNSEEN)
            if value is _UNSEEN:
                try:
                    value = parse_cell(column, raw)
                except CellError as exc:
                    cause = reason(exc)
                    code = cause.code if isinstance(cause, Msg) else cause
                    message = self.wording.get((column.name, code), cause)
                    self.report(row, column.name, message, self.written(row, column.name))
                    ok = False
                    continue
                if len(parsed) < PARSED_PER_COLUMN:
                    parsed[key] = value
            if value is None:
                if column.required:
                    self.report(row, column.name, Msg("io.cell.missing"))
                    ok = False
                continue
            values[column.name] = value
        return values, ok

    def extra(self, row: Row) -> dict[str, str]:
        """Unknown columns of ``row``: ``{header as written: normalised text}``."""
        return {text: cell_value(row.cell(index)) for index, text in self._unknown}

    def build(
        self,
        model: type[M],
        row: Row,
        data: Mapping[str, object],
        columns: Mapping[str, str] | None = None,
        context: object = None,
    ) -> M | None:
        """Validate ``data`` as ``model``; every validation error becomes a located issue.

        ``columns`` maps a model field to the column it came from when their names differ;
        ``context`` is pydantic's validation context.
        """
        try:
            source = {"file": self.table.file, "row": row.number}  # validated into a Source
            record = model.model_validate({**data, "source": source}, context=context)
        except ValidationError as exc:
            for err in exc.errors():
                field_name = str(err["loc"][0]) if err["loc"] else None
                name = (columns or {}).get(field_name, field_name) if field_name else None
                message = validation_message(err)
                if name is not None and self.table.has(name):
                    self.report(row, name, message, self.written(row, name))
                elif field_name:
                    self.report(row, None, Msg("io.row.field", field=field_name, message=message))
                else:
                    self.report(row, None, message)
            return None
        return share_fields_set(record, self._fields_sets)


def share_fields_set(record: M, shared: dict[frozenset[str], set[str]]) -> M:
    """``record``, and its :class:`~hamyar.models.Source`, holding the one set of the names of
    the fields given (pydantic keeps one per instance: 2 KB for an applicant) that every
    record of the same fields holds. Only a frozen model: pydantic changes the set in place
    only when a field is assigned, and copies it before ``model_copy`` adds to it."""
    for model in (record, getattr(record, "source", None)):
        if isinstance(model, BaseModel) and model.model_config.get("frozen"):
            given = model.__pydantic_fields_set__
            _set(model, "__pydantic_fields_set__", shared.setdefault(frozenset(given), given))
    return record


def parse_plain_table(
    path: str | Path, columns: tuple[Column, ...], what: str, model: type[M]
) -> Parsed[M]:
    """Every row of a table whose rows map one to one onto ``model`` (rejections, timesheets),
    and every issue of the file; nothing raised. With a required column missing, the cells of
    the other columns are still checked."""
    try:
        table = read_table(path, columns, what, lenient=True)
    except InputError as exc:
        return Parsed.failed(str(path), exc)
    parsed: Parsed[M] = Parsed.for_table(table)
    reader = RowReader(table, parsed.issues)
    for row in table.rows:
        data, ok = reader.fields(row)
        if ok and table.complete:
            record = reader.build(model, row, data)
            if record is not None:
                parsed.records.append(record)
    return parsed
