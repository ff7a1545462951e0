"""The applicants file (DATA.md, *applicants*) to :class:`hamyar.models.Applicant` records.

Beyond what each column's kind checks, a row needs ``study_start`` or ``semesters_passed``;
a national ID is 10 digits with the Iranian check digit (an 8- or 9-digit number is a code whose
leading zeros a spreadsheet dropped, and is padded back); a Sheba loses its spaces and is
upper-cased. Whether a Sheba is valid is a payment question and is not checked here.
"""

from __future__ import annotations

import re
from pathlib import Path

from hamyar.errors import InputError, Issue
from hamyar.io.columns import APPLICANT_COLUMNS, accepted_headers
from hamyar.io.rows import Parsed, ReadResult, RowReader
from hamyar.io.tables import Row, read_table
from hamyar.messages import Msg
from hamyar.models import Applicant, national_id_valid
from hamyar.models.people import ROW_CHECKED
from hamyar.models.problem import ApplicantKeys
from hamyar.text import split_list

_SEPARATORS = re.compile(r"[\s\-_.]")
_FIELDS = {"priority_groups": "declared_groups"}
_COLUMNS = {field: column for column, field in _FIELDS.items()}


def read_applicants(path: str | Path) -> ReadResult[Applicant]:
    """Read an applicants file; :class:`InputError` lists every bad cell."""
    return parse_applicants(path).result()


def parse_applicants(path: str | Path) -> Parsed[Applicant]:
    """Every applicant row that parses, and every issue of the file (nothing raised).

    A wrong header row does not hide the cells: with a required column missing, the cells of
    the other columns are still checked (no row becomes a record). Every row that does not
    become a record leaves its identifying cells in ``keys`` for the cross-checks."""
    file = str(path)
    try:
        table = read_table(path, APPLICANT_COLUMNS, "applicants", lenient=True)
    except InputError as exc:
        return Parsed.failed(file, exc)
    parsed: Parsed[Applicant] = Parsed.for_table(table)
    if not (table.has("study_start") or table.has("semesters_passed")):
        start, passed = (
            c for c in APPLICANT_COLUMNS if c.name in ("study_start", "semesters_passed")
        )
        message = Msg(
            "io.applicants.missing_start",
            start=accepted_headers(start),
            passed=accepted_headers(passed),
        )
        parsed.issues.append(Issue(message, file=file, row=table.header_row))
        parsed.readable = False
    reader = RowReader(table, parsed.issues)
    for row in table.rows:
        applicant = _applicant(reader, row, parsed.readable)
        if applicant is not None:
            parsed.records.append(applicant)
        else:
            parsed.keys.append(_keys(reader, row))
    return parsed


def _keys(reader: RowReader, row: Row) -> ApplicantKeys:
    """The cells of a row that the cross-checks need, as written (normalised)."""
    digits = _SEPARATORS.sub("", reader.text(row, "national_id"))
    if digits.isdigit() and len(digits) in (8, 9):
        digits = digits.zfill(10)
    national = digits if len(digits) == 10 and national_id_valid(digits) else None
    return ApplicantKeys(
        student_id=reader.text(row, "student_id"),
        national_id=national,
        preferences=tuple(split_list(reader.text(row, "preferences"))),
        current_unit=reader.text(row, "current_unit") or None,
        source=reader.source(row),
    )


def _applicant(reader: RowReader, row: Row, complete: bool) -> Applicant | None:
    data, ok = reader.fields(row)
    if "national_id" in data:
        national_id = _national_id(reader, row, str(data["national_id"]))
        if national_id is None:
            ok = False
        data["national_id"] = national_id
    if "sheba" in data:
        data["sheba"] = _SEPARATORS.sub("", str(data["sheba"])).upper()
    if not complete:
        return None
    if "study_start" not in data and "semesters_passed" not in data and ok:
        name = "study_start" if reader.table.has("study_start") else "semesters_passed"
        reader.report(row, name, Msg("models.applicant.start_or_semesters"))
        ok = False
    if not ok:
        return None
    for column, field in _FIELDS.items():
        if column in data:
            data[field] = data.pop(column)
    data["extra"] = reader.extra(row)
    return reader.build(Applicant, row, data, _COLUMNS, context=ROW_CHECKED)


def _national_id(reader: RowReader, row: Row, text: str) -> str | None:
    """The 10-digit national ID, or ``None`` after recording what is wrong with it."""
    digits = _SEPARATORS.sub("", text)
    if digits.isdigit() and len(digits) in (8, 9):
        digits = digits.zfill(10)
    if not digits.isdigit() or len(digits) != 10:
        message = Msg("io.applicants.national_id_length")
    elif not national_id_valid(digits):
        message = Msg("io.applicants.national_id_check")
    else:
        return digits
    reader.report(row, "national_id", message, reader.written(row, "national_id"))
    return None
