"""Rule E9: the unit must judge the student suitable. It closes single (applicant, unit) pairs.

A pair is closed when the unit lists ``allowed_degrees`` and the applicant's degree is not among
them, when it lists ``allowed_fields`` and the applicant's field (compared after
:func:`hamyar.text.normalize_key`, so Arabic/Persian letter variants and ZWNJ do not matter) is
not among them or not given, when the rejections file names the pair, or — with the policy's
``exclude_unsatisfied`` — when the unit evaluated the student "not satisfied" at the end of an
earlier term (``problem.exclusions``, which the workspace provides as plain data). Every cause
is a reason of its own. The applicant stays eligible as long as one asked-for unit is open; one
left with none gets :func:`no_open_unit`, which names each closed unit and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from hamyar.eligibility.reasons import bodies, degree_word, degree_words, reason, unit_named
from hamyar.messages import Bilingual, Msg, joined
from hamyar.models import Applicant, Degree, Policy, Reason, Term, Unit, UnitClosure
from hamyar.text import normalize_key


def e9_unit(
    applicant: Applicant,
    unit: Unit,
    policy: Policy,
    term: Term,
    rejected: bool,
    unsatisfied_in: str | None = None,
) -> list[Reason]:
    """E9 for one pair: every requirement of ``unit`` the applicant misses, the rejection, and
    (with ``policy.exclude_unsatisfied``) the unit's "not satisfied" of term ``unsatisfied_in``.
    A unit's reasons are the same for every applicant they concern: each is built once."""
    if not policy.exclude_unsatisfied:
        unsatisfied_in = None
    need = Requirements.of(unit)
    return list(need.closing(applicant.degree, applicant.field, rejected, unsatisfied_in))


@dataclass(frozen=True)
class Requirements:
    """What one unit requires (E9), read once: its degrees and its fields as keys
    (:func:`hamyar.text.normalize_key`), ``None`` when it requires none."""

    unit: Unit
    degrees: frozenset[Degree] | None
    fields: frozenset[str] | None

    @classmethod
    def of(cls, unit: Unit) -> Requirements:
        degrees = frozenset(unit.allowed_degrees) if unit.allowed_degrees else None
        fields = frozenset(map(normalize_key, unit.allowed_fields)) if unit.allowed_fields else None
        return cls(unit, degrees, fields)

    @property
    def none(self) -> bool:
        """The unit requires no degree and no field."""
        return self.degrees is None and self.fields is None

    def closing(
        self, degree: Degree, field: str | None, rejected: bool, unsatisfied_in: str | None
    ) -> tuple[Reason, ...]:
        """The reasons this unit is closed to an applicant of ``degree`` and ``field``, rejected
        by it or not, evaluated "not satisfied" in term ``unsatisfied_in`` or not (``None``; the
        caller leaves it ``None`` unless the policy's ``exclude_unsatisfied`` is set)."""
        reasons: tuple[Reason, ...] = ()
        unit = self.unit
        code, name = unit.code, unit.name_fa
        if self.degrees is not None and degree not in self.degrees:
            reasons += (_degree_closed(code, name, tuple(unit.allowed_degrees), degree),)
        if self.fields is not None and (not field or normalize_key(field) not in self.fields):
            reasons += (_field_closed(code, name, tuple(unit.allowed_fields), field),)
        if rejected:
            reasons += (_rejected(code, name),)
        if unsatisfied_in is not None:
            reasons += (_unsatisfied(code, name, unsatisfied_in),)
        return reasons


@lru_cache(maxsize=4096)
def _degree_closed(code: str, name: str, allowed: tuple[Degree, ...], degree: Degree) -> Reason:
    return reason(
        "E9",
        Msg(
            "elig.e9.degrees",
            unit=unit_named(code, name),
            allowed=degree_words(allowed),
            degree=degree_word(degree),
        ),
        unit_code=code,
        requirement="allowed_degrees",
        degree=degree.value,
    )


@lru_cache(maxsize=16384)
def _field_closed(code: str, name: str, allowed: tuple[str, ...], field: str | None) -> Reason:
    fields = Bilingual(fa=joined(allowed, "fa"), en=joined(allowed, "en"))
    given = Msg("elig.e9.field_is", field=field) if field else Msg("elig.e9.no_field")
    return reason(
        "E9",
        Msg("elig.e9.fields", unit=unit_named(code, name), allowed=fields, field=given),
        unit_code=code,
        requirement="allowed_fields",
        field=field,
    )


@lru_cache(maxsize=4096)
def _rejected(code: str, name: str) -> Reason:
    return reason(
        "E9",
        Msg("elig.e9.rejected", unit=unit_named(code, name)),
        unit_code=code,
        requirement="rejection",
    )


@lru_cache(maxsize=4096)
def _unsatisfied(code: str, name: str, term: str) -> Reason:
    return reason(
        "E9",
        Msg("elig.e9.unsatisfied", unit=unit_named(code, name), term=term),
        unit_code=code,
        requirement="evaluation",
        evaluation_term=term,
    )


def no_open_unit(closures: Sequence[UnitClosure]) -> Reason:
    """The applicant-level E9 error: every asked-for unit is closed, each named with why."""
    return reason(
        "E9",
        Msg("elig.e9.no_open", reasons=bodies(r for c in closures for r in c.reasons)),
        closed_units=";".join(c.unit_code for c in closures),
    )


@lru_cache(maxsize=1)
def no_unit_asked() -> Reason:
    """An applicant who asked for no unit can be placed nowhere (rule A4)."""
    return reason("A4", Msg("elig.a4.no_unit"))
