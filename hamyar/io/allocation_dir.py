"""An allocation folder (the ``--out`` of a run): ``assignments.csv`` (read by
:mod:`hamyar.io.placements`) and ``summary.json``, whose term (``"term": "1402-1"``) and policy as
used (``"policy": {...}``) :func:`read_allocation_dir` reads. When the folder also holds
``eligibility.csv``, its ``student_id`` column tells which students exist but were not placed; the
units known to the allocation are those of ``assignments.csv`` plus any listed in ``summary.json``
(``"units"``, ``"fill"`` or ``"counts": {"per_unit": {code: ...}}``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from hamyar.errors import InputError, Issue
from hamyar.io.csvfile import cannot_read, undefuse
from hamyar.io.placements import (
    ASSIGNMENTS_FILE,
    ELIGIBILITY_FILE,
    SUMMARY_FILE,
    PlacedRow,
    read_assignments_csv,
)
from hamyar.messages import Msg
from hamyar.models import (
    Policy,
    Term,
)
from hamyar.models.validation import reason
from hamyar.text import normalize_value


class AllocationRecord(BaseModel):
    """What the payroll needs from an allocation folder."""

    model_config = ConfigDict(frozen=True)

    folder: str
    term: Term
    policy: Policy
    rows: tuple[PlacedRow, ...]
    known_students: frozenset[str]
    """Placed students plus those of ``eligibility.csv`` (applicants not placed)."""
    known_units: frozenset[str]
    """Units of the placed rows plus those ``summary.json`` lists."""

    def by_student(self) -> dict[str, PlacedRow]:
        return {r.student_id: r for r in self.rows}


def _summary_units(summary: Mapping[str, Any]) -> set[str]:
    """Unit codes a summary lists under ``units``, ``fill`` or ``counts.per_unit``."""
    codes: set[str] = set()
    counts = summary.get("counts")
    per_unit = counts.get("per_unit") if isinstance(counts, Mapping) else None
    for value in (summary.get("units"), summary.get("fill"), per_unit):
        if isinstance(value, Mapping):
            codes.update(str(k) for k in value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, str):
                    codes.add(item)
                elif isinstance(item, Mapping):
                    code = item.get("unit_code", item.get("code"))
                    if code is not None:
                        codes.add(str(code))
    return codes


def _eligibility_students(path: Path) -> set[str]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Issue(cannot_read(exc), file=str(path))) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if "student_id" not in [normalize_value(h) for h in (reader.fieldnames or [])]:
        missing = Msg("io.placed.missing_columns", columns=("student_id",))
        raise InputError(Issue(missing, file=str(path), row=1))
    reader.fieldnames = [normalize_value(h) for h in reader.fieldnames or []]
    ids = (undefuse(normalize_value(r["student_id"])) for r in reader)
    return {sid for sid in ids if sid}


def read_summary(path: Path) -> tuple[Term, Policy, dict[str, Any]]:
    """The term and policy of ``summary.json`` (and the whole document)."""
    file = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(Issue(Msg("io.file.not_found"), file=file)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Issue(cannot_read(exc), file=file)) from None
    except json.JSONDecodeError as exc:
        message = Msg("io.json.invalid", reason=exc.msg)
        issue = Issue(message, file=file, row=exc.lineno, column=str(exc.colno))
        raise InputError(issue) from None
    if not isinstance(data, dict):
        raise InputError(Issue(Msg("io.json.not_object"), file=file))
    issues = []
    term: Term | None = None
    if "term" not in data:
        issues.append(Issue(Msg("io.json.missing_term"), file=file, column="term"))
    else:
        try:
            term = Term.parse(data["term"])
        except ValueError as exc:
            issues.append(Issue(reason(exc), data["term"], file=file, column="term"))
    policy: Policy | None = None
    if not isinstance(data.get("policy"), dict):
        issues.append(Issue(Msg("io.json.missing_policy"), file=file, column="policy"))
    else:
        try:
            policy = Policy.from_mapping(data["policy"], file=f"{file}:policy")
        except InputError as exc:
            issues.extend(exc.issues)
    if issues or term is None or policy is None:
        raise InputError(issues)
    return term, policy, data


def read_allocation_dir(path: str | Path) -> AllocationRecord:
    """Read an allocation folder: ``assignments.csv``, ``summary.json`` and, when present,
    ``eligibility.csv``. A missing or garbled folder is an :class:`InputError` naming the file."""
    folder = Path(path)
    if not folder.is_dir():
        raise InputError(Issue(Msg("io.allocation.not_found"), file=str(folder)))
    issues: list[Issue] = []
    rows: tuple[PlacedRow, ...] = ()
    try:
        rows = read_assignments_csv(folder / ASSIGNMENTS_FILE)
    except InputError as exc:
        issues.extend(exc.issues)
    summary: tuple[Term, Policy, dict[str, Any]] | None = None
    try:
        summary = read_summary(folder / SUMMARY_FILE)
    except InputError as exc:
        issues.extend(exc.issues)
    students = {r.student_id for r in rows}
    if (folder / ELIGIBILITY_FILE).is_file():
        try:
            students |= _eligibility_students(folder / ELIGIBILITY_FILE)
        except InputError as exc:
            issues.extend(exc.issues)
    if issues or summary is None:
        raise InputError(issues)
    term, policy, data = summary
    return AllocationRecord(
        folder=str(folder),
        term=term,
        policy=policy,
        rows=rows,
        known_students=frozenset(students),
        known_units=frozenset({r.unit_code for r in rows} | _summary_units(data)),
    )
