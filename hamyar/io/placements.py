"""``assignments.csv``: one row per placed student, written by a run and read back by the payroll.

Columns (in this order; DATA.md *outputs*)::

    student_id, national_id, first_name, last_name, gender, degree, marital_status, field, gpa,
    unit_code, unit_name_fa, unit_name_en, unit_area, preference_rank, priority_score, pinned,
    hours_per_month, hourly_rate, multiplier, bonus_percent, planned_monthly_pay, sheba,
    explanation_fa, explanation_en

``planned_monthly_pay`` is :func:`hamyar.models.pay.monthly_pay_rial` at ``hours_per_month``
(whole rials), ``hourly_rate`` is the degree's rate in rials (P1), ``multiplier`` the married
multiplier applied (P2), ``bonus_percent`` the bonus rule that applies (0 when none). ``gpa`` and
``unit_area`` are kept so that the payroll can apply the same bonus rules from this file alone.
``explanation_fa`` and ``explanation_en`` say, for a student placed below the first choice, why
each better-ranked unit asked for did not take him or her (the optimizer's
:class:`~hamyar.models.Explanation`); they are empty for a student at the first choice. Files
written before these columns existed are read as before.

An allocation folder holds it with ``summary.json`` (:mod:`hamyar.io.allocation_dir`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from hamyar.errors import InputError, Issue, IssueLog
from hamyar.io.csvfile import cannot_read, undefuse, write_csv
from hamyar.messages import Msg, Text
from hamyar.models import (
    Allocation,
    Degree,
    Explanation,
    Gender,
    MaritalStatus,
    Problem,
    parse_enum,
)
from hamyar.models.pay import bonus_percent, monthly_pay_rial, multiplier, planned_hours
from hamyar.models.people import Named
from hamyar.models.validation import reason
from hamyar.text import normalize_key, normalize_value

ASSIGNMENTS_FILE = "assignments.csv"
SUMMARY_FILE = "summary.json"
ELIGIBILITY_FILE = "eligibility.csv"

ASSIGNMENT_COLUMNS: tuple[str, ...] = (
    "student_id",
    "national_id",
    "first_name",
    "last_name",
    "gender",
    "degree",
    "marital_status",
    "field",
    "gpa",
    "unit_code",
    "unit_name_fa",
    "unit_name_en",
    "unit_area",
    "preference_rank",
    "priority_score",
    "pinned",
    "hours_per_month",
    "hourly_rate",
    "multiplier",
    "bonus_percent",
    "planned_monthly_pay",
    "sheba",
    "explanation_fa",
    "explanation_en",
)

_REQUIRED = (
    "student_id",
    "first_name",
    "last_name",
    "gender",
    "degree",
    "marital_status",
    "unit_code",
    "unit_name_fa",
)


class PlacedRow(Named, BaseModel):
    """One row of ``assignments.csv``: a placed student, the unit, and the planned pay."""

    model_config = ConfigDict(frozen=True)

    student_id: str
    national_id: str | None = None
    first_name: str
    last_name: str
    gender: Gender
    degree: Degree
    marital_status: MaritalStatus = MaritalStatus.single
    field: str | None = None
    gpa: float | None = None
    unit_code: str
    unit_name_fa: str
    unit_name_en: str | None = None
    unit_area: str | None = None
    preference_rank: int | None = None
    priority_score: int = 0
    pinned: bool = False
    hours_per_month: Decimal
    hourly_rate: int
    multiplier: Decimal
    bonus_percent: int = 0
    planned_monthly_pay: int
    sheba: str | None = None
    explanation_fa: str = ""
    explanation_en: str = ""
    """Why not a better-ranked unit (empty at the first choice)."""
    row: int | None = None
    """Row of ``assignments.csv`` this came from (header = row 1), when read from a file."""

    def cells(self) -> list[object]:
        """The row's values in :data:`ASSIGNMENT_COLUMNS` order, as the CSV writes them."""
        values: dict[str, object] = {
            "student_id": self.student_id,
            "national_id": self.national_id,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "gender": self.gender.value,
            "degree": self.degree.value,
            "marital_status": self.marital_status.value,
            "field": self.field,
            "gpa": self.gpa,
            "unit_code": self.unit_code,
            "unit_name_fa": self.unit_name_fa,
            "unit_name_en": self.unit_name_en,
            "unit_area": self.unit_area,
            "preference_rank": self.preference_rank,
            "priority_score": self.priority_score,
            "pinned": "true" if self.pinned else "false",
            "hours_per_month": _plain(self.hours_per_month),
            "hourly_rate": self.hourly_rate,
            "multiplier": _plain(self.multiplier),
            "bonus_percent": self.bonus_percent,
            "planned_monthly_pay": self.planned_monthly_pay,
            "sheba": self.sheba,
            "explanation_fa": self.explanation_fa,
            "explanation_en": self.explanation_en,
        }
        return [values[c] for c in ASSIGNMENT_COLUMNS]


def _plain(value: Decimal) -> str:
    """``40`` rather than ``40.0`` or ``4E+1``; ``37.5`` stays ``37.5``."""
    text = format(value.normalize(), "f")
    return text


def placed_rows(problem: Problem, allocation: Allocation) -> tuple[PlacedRow, ...]:
    """One :class:`PlacedRow` per assignment, with the planned pay of the one pay formula and
    the optimizer's explanation when the student is below the first choice.

    The pay depends on the degree, marriage, planned hours and bonus percent only, so it is
    worked out once for each of those."""
    policy = problem.policy
    why = {e.student_id: e for e in allocation.explanations if e.placed_unit is not None}
    pays: dict[tuple[object, ...], int] = {}
    rows = []
    for a in allocation.assignments:
        app = problem.applicant_by_id.get(a.student_id)
        unit = problem.unit_by_code.get(a.unit_code)
        if app is None or unit is None:
            raise ValueError(
                f"assignment {a.student_id} → {a.unit_code} names an unknown student or unit"
            )
        hours = planned_hours(unit, policy)
        bonus = bonus_percent(policy, unit, app.gpa)
        key = (app.degree, app.married, hours, bonus)
        pay = pays.get(key)
        if pay is None:
            pay = pays[key] = monthly_pay_rial(
                app.degree, app.married, hours, policy, unit=unit, gpa=app.gpa
            )
        rows.append(
            PlacedRow(
                student_id=app.student_id,
                national_id=app.national_id,
                first_name=app.first_name,
                last_name=app.last_name,
                gender=app.gender,
                degree=app.degree,
                marital_status=app.marital_status,
                field=app.field,
                gpa=app.gpa,
                unit_code=unit.code,
                unit_name_fa=unit.name_fa,
                unit_name_en=unit.name_en,
                unit_area=unit.area,
                preference_rank=a.preference_rank,
                priority_score=a.priority_score,
                pinned=a.pinned,
                hours_per_month=hours,
                hourly_rate=policy.rate_for(app.degree),
                multiplier=multiplier(app.married, policy),
                bonus_percent=bonus,
                planned_monthly_pay=pay,
                sheba=app.sheba,
                **_explanation(why.get(app.student_id), a.unit_code),
            )
        )
    return tuple(rows)


def _explanation(explanation: Explanation | None, unit_code: str) -> dict[str, str]:
    if explanation is None or explanation.placed_unit != unit_code or not explanation.units:
        return {}
    return {"explanation_fa": explanation.message_fa, "explanation_en": explanation.message_en}


def write_assignments_csv(path: str | Path, rows: Iterable[PlacedRow]) -> None:
    """Write ``assignments.csv`` (UTF-8 with BOM, formulas defused)."""
    write_csv(Path(path), ASSIGNMENT_COLUMNS, (r.cells() for r in rows))


# ---------------------------------------------------------------------------- reading


_TRUE = {"true", "yes", "1", "بله", "آری", "y"}
_FALSE = {"false", "no", "0", "خیر", "نه", "n", ""}


def _cell(record: Mapping[str, str | None], column: str) -> str:
    """The cell's text as the run had it: normalised, the formula defusing read back."""
    return undefuse(normalize_value(record.get(column)))


def _parse_row(
    record: Mapping[str, str | None], row: int, file: str, log: IssueLog
) -> PlacedRow | None:
    errors_before = len(log.errors)
    values: dict[str, Any] = {"row": row}

    def bad(column: str, message: Text, value: object) -> None:
        log.error(message, value, file=file, row=row, column=column)

    for column in _REQUIRED:
        if not _cell(record, column):
            bad(column, Msg("io.cell.missing"), None)
    for column in (
        "student_id",
        "first_name",
        "last_name",
        "unit_code",
        "unit_name_fa",
    ):
        values[column] = _cell(record, column)
    for column in ("national_id", "field", "unit_name_en", "unit_area", "sheba"):
        values[column] = _cell(record, column) or None
    for column in ("explanation_fa", "explanation_en"):
        values[column] = _cell(record, column)
    for column, enum in (
        ("gender", Gender),
        ("degree", Degree),
        ("marital_status", MaritalStatus),
    ):
        text = _cell(record, column)
        if text:
            try:
                values[column] = parse_enum(enum, text)
            except ValueError as exc:
                bad(column, reason(exc), text)
    for column in ("preference_rank", "priority_score", "hourly_rate", "bonus_percent"):
        text = _cell(record, column)
        if text:
            try:
                values[column] = int(text)
            except ValueError:
                bad(column, Msg("io.placed.not_whole"), text)
    for column in ("planned_monthly_pay",):
        text = _cell(record, column)
        try:
            values[column] = int(text)
        except ValueError:
            bad(column, Msg("io.placed.not_rials"), text)
    for column in ("hours_per_month", "multiplier"):
        text = _cell(record, column)
        try:
            values[column] = Decimal(text)
            if not values[column].is_finite():
                raise InvalidOperation
        except InvalidOperation:
            bad(column, Msg("io.placed.not_a_number"), text)
    gpa = _cell(record, "gpa")
    if gpa:
        try:
            values["gpa"] = float(Decimal(gpa))
        except InvalidOperation:
            bad("gpa", Msg("io.placed.not_a_number"), gpa)
    pinned = normalize_key(_cell(record, "pinned"))
    if pinned in _TRUE:
        values["pinned"] = True
    elif pinned in _FALSE:
        values["pinned"] = False
    else:
        bad("pinned", Msg("io.placed.not_bool"), pinned)
    if len(log.errors) > errors_before:
        return None
    return PlacedRow.model_validate(values)


def read_assignments_csv(path: str | Path) -> tuple[PlacedRow, ...]:
    """Read ``assignments.csv``; every bad cell and duplicate student is a located error."""
    path = Path(path)
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(Issue(Msg("io.file.not_found"), file=file)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Issue(cannot_read(exc), file=file)) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [normalize_value(h) for h in (reader.fieldnames or [])]
    missing = [c for c in _REQUIRED if c not in header]
    for c in ("hours_per_month", "hourly_rate", "multiplier", "planned_monthly_pay"):
        if c not in header:
            missing.append(c)
    if missing:
        raise InputError(Issue(Msg("io.placed.missing_columns", columns=missing), file=file, row=1))
    reader.fieldnames = header
    log = IssueLog()
    rows: list[PlacedRow] = []
    seen: dict[str, int] = {}
    for row_number, record in enumerate(reader, start=2):
        if not any(normalize_value(v) for v in record.values() if isinstance(v, str)):
            continue
        sid = _cell(record, "student_id")
        if sid and sid in seen:
            log.error(
                Msg("models.problem.duplicate_student", row=str(seen[sid])),
                sid,
                file=file,
                row=row_number,
                column="student_id",
            )
        seen.setdefault(sid, row_number)
        placed = _parse_row(record, row_number, file, log)
        if placed is not None:
            rows.append(placed)
    log.raise_if_errors()
    return tuple(rows)
