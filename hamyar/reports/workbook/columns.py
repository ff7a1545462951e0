"""The sheets of ``allocation.xlsx`` in order and the label keys of each table's columns
(``label(key, lang)`` is the header)."""

from __future__ import annotations

SHEETS: tuple[str, ...] = (
    "summary",
    "assignments",
    "units",
    "unassigned",
    "waiting",
    "eligibility",
    "payments",
    "policy",
    "technical",
)
"""Sheet keys in workbook order; ``label(f"sheet.{key}", lang)`` is the sheet's name."""

STUDENT_COLUMNS: tuple[str, ...] = (
    "col.student_id",
    "col.first_name",
    "col.last_name",
    "col.gender",
    "col.degree",
    "col.field",
)
"""The columns that name a student on every sheet (the cells of
:func:`hamyar.reports.workbook.context.student_cells`)."""

UNITS_COLUMNS: tuple[str, ...] = (
    "col.unit_code",
    "col.unit_name",
    "col.area",
    "units.female_asked",
    "units.female_filled",
    "units.male_asked",
    "units.male_filled",
    "units.total_asked",
    "units.total_filled",
    "units.fill",
    "units.cost_monthly",
    "units.cost_monthly_toman",
    "units.cost_term",
    "units.cost_term_toman",
)

ASSIGNMENT_COLUMNS: tuple[str, ...] = (
    "col.unit_code",
    "col.unit_name",
    *STUDENT_COLUMNS,
    "col.rank",
    "col.priority_score",
    "col.pinned",
    "col.hours",
    "col.rate",
    "col.multiplier",
    "col.monthly_rial",
    "col.monthly_toman",
    "assignments.explanation",
)

UNASSIGNED_COLUMNS: tuple[str, ...] = (
    *STUDENT_COLUMNS,
    "col.gpa",
    "col.priority_score",
    "col.priority_groups",
    "unassigned.choices",
    "unassigned.explanation",
)

ELIGIBILITY_COLUMNS: tuple[str, ...] = (
    *STUDENT_COLUMNS,
    "col.gpa",
    "elig.semesters",
    "elig.eligible",
    "elig.blocking",
    "elig.warnings",
    "elig.notes",
    "elig.open_units",
    "elig.closed_units",
    "elig.messages",
)

PAYMENT_COLUMNS: tuple[str, ...] = (
    "col.student_id",
    "col.first_name",
    "col.last_name",
    "col.unit_code",
    "col.degree",
    "col.hours",
    "col.rate",
    "col.multiplier",
    "col.monthly_rial",
    "col.monthly_toman",
    "col.term_rial",
    "col.term_toman",
)

PAYMENT_UNIT_COLUMNS: tuple[str, ...] = (
    "col.unit_code",
    "col.unit_name",
    "col.students",
    "col.monthly_rial",
    "col.monthly_toman",
    "col.term_rial",
    "col.term_toman",
)

POLICY_COLUMNS: tuple[str, ...] = (
    "policy.section",
    "policy.parameter",
    "policy.value",
    "policy.rule",
    "policy.note",
)

WAITING_COLUMNS: tuple[str, ...] = (
    "col.unit_code",
    "col.gender",
    "waiting.position",
    "col.student_id",
    "col.first_name",
    "col.last_name",
    "col.rank",
    "waiting.placed_unit",
)
"""The Waiting lists sheet (:mod:`hamyar.optimizer.waitlist`)."""
