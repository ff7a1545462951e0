"""Planned cost records of an allocation: per student, per unit and in total (rials, toman).

They are computed by :func:`hamyar.payments.planned.planned_cost`; toman is ``rial // 10`` of each
figure (:func:`hamyar.models.pay.toman`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, computed_field

from hamyar.models.pay import toman


class _Toman(BaseModel):
    """``monthly_toman`` and ``term_toman``: ``rial // 10`` of the subclass's rial figures (the
    fields stay in the subclass, so a dump keeps its order)."""

    if TYPE_CHECKING:
        monthly_rial: int
        term_rial: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def monthly_toman(self) -> int:
        return toman(self.monthly_rial)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def term_toman(self) -> int:
        return toman(self.term_rial)


class StudentCost(_Toman):
    """The planned cost of one placed student."""

    model_config = ConfigDict(frozen=True)

    student_id: str
    unit_code: str
    hours_per_month: Decimal
    hourly_rate_rial: int
    multiplier: Decimal
    monthly_rial: int
    term_rial: int


class UnitCost(_Toman):
    """The planned cost of one unit's placed students (units with nobody placed included)."""

    model_config = ConfigDict(frozen=True)

    unit_code: str
    unit_name_fa: str
    students: int
    monthly_rial: int
    term_rial: int


class PlannedCost(_Toman):
    """Planned cost of an allocation for one term."""

    model_config = ConfigDict(frozen=True)

    months_per_term: int
    students: tuple[StudentCost, ...]
    units: tuple[UnitCost, ...]
    monthly_rial: int
    term_rial: int

    def by_student(self) -> dict[str, StudentCost]:
        return {s.student_id: s for s in self.students}

    def by_unit(self) -> dict[str, UnitCost]:
        return {u.unit_code: u for u in self.units}
