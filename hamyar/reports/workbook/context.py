"""The run as the workbook's sheets read it: one language, the assignments in sheet order, seats
asked and filled per unit and gender, the planned cost by student and unit."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from hamyar.models import (
    Applicant,
    Explanation,
    Gender,
    Problem,
    Unit,
)
from hamyar.models.run import RunResult
from hamyar.reports.labels import (
    enum_label,
    label,
    month_label,
)
from hamyar.reports.persian_text import sort_key
from hamyar.text import Lang


def unit_name(unit: Unit, lang: str) -> str:
    """The unit's Persian name in Persian, its English name (or the Persian) in English."""
    return unit.name_fa if lang == "fa" else unit.display_name


def surname_key(app: Applicant) -> tuple[Any, ...]:
    """Order of students within a unit: surname, first name (Persian order), student ID."""
    return (sort_key(app.last_name), sort_key(app.first_name), app.student_id)


def student_cells(app: Applicant, lang: str) -> list[object]:
    """The cells that name a student on every sheet: ID, first and last name, gender, degree,
    field."""
    return [
        app.student_id,
        app.first_name,
        app.last_name,
        enum_label(app.gender, lang),
        enum_label(app.degree, lang),
        app.field,
    ]


_RANK_THEN_CODE = itemgetter(1, 0)


def rank_codes(ranks: dict[str, int]) -> str:
    """``{code: rank}`` as ``code:rank`` items in rank order."""
    return "; ".join(f"{c}:{r}" for c, r in sorted(ranks.items(), key=_RANK_THEN_CODE))


def explanation_text(explanation: Explanation | None, lang: str) -> str:
    """The optimizer's explanation, one line per asked-for unit: ``CODE: why`` in English,
    ``«name»: why`` in Persian; ``""`` when there is none."""
    if explanation is None:
        return ""
    return "\n".join(u.line("fa" if lang == "fa" else "en") for u in explanation.units)


class RunSheets:
    """What every sheet of one run in one language reads: the run's own figures (fill from
    ``allocation.fill``, pay from the planned cost), nothing recounted."""

    def __init__(self, result: RunResult, lang: Lang) -> None:
        self.result = result
        self.lang = lang
        self.problem: Problem = result.problem
        self._words: dict[str, str] = {}
        self.unit_order = {u.code: i for i, u in enumerate(self.problem.units)}
        self.costs = result.planned.by_student()
        self.unit_costs = result.planned.by_unit()
        self.assignments = sorted(
            result.allocation.assignments,
            key=lambda a: (
                self.unit_order.get(a.unit_code, len(self.unit_order)),
                a.unit_code,
                surname_key(self.problem.applicant_by_id[a.student_id]),
            ),
        )
        self.filled = {(u.code, g): 0 for u in self.problem.units for g in Gender}
        self.asked = {(u.code, g): u.seats(g) for u in self.problem.units for g in Gender}
        for f in result.allocation.fill:
            self.filled[(f.unit_code, f.gender)] = f.filled
            self.asked[(f.unit_code, f.gender)] = f.seats
        placed = result.allocation.by_student
        self.explanations = {e.student_id: e for e in result.allocation.explanations}
        """The optimizer's explanation of each eligible student not at the first choice."""
        self.unassigned = [
            self.problem.applicant_by_id[sid]
            for sid in result.eligibility.eligible_ids
            if sid not in placed and sid in self.problem.applicant_by_id
        ]
        """Eligible students left without a seat, in input order."""

    def t(self, key: str) -> str:
        """``label(key, lang)``, looked up once per run (sheets ask for the same words per row)."""
        found = self._words.get(key)
        if found is None:
            found = self._words[key] = label(key, self.lang)
        return found

    def app(self, sid: str) -> Applicant:
        return self.problem.applicant_by_id[sid]

    def term_months(self) -> str:
        policy = self.problem.policy
        months = self.problem.term.months(
            policy.months_per_term, policy.semester1_start_month, policy.semester2_start_month
        )
        separator = "، " if self.lang == "fa" else ", "
        return separator.join(month_label(m, self.lang) for m in months)
