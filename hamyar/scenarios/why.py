"""Why a student gained, lost or moved between the base of a comparison and another scenario.

* **lost** (placed in the base, not here): the rules that make the student ineligible here
  (E1–E9), or the optimizer's explanation here of the unit the base gave (which names its
  holder and why that holder comes first);
* **moved** to a worse choice: the same, for the unit the base gave; **moved** to a better
  choice and **gained**: what changed for the unit the student now holds — it has more seats
  of the student's gender here, or the student who kept him or her out of it in the base
  (named by the base's explanation) is not eligible here or is placed elsewhere — or, when
  neither, why the base did not give it.
"""

from __future__ import annotations

from dataclasses import dataclass

from hamyar.messages import check_lang, say
from hamyar.models import Explanation, UnitExplanation
from hamyar.models.run import RunResult
from hamyar.scenarios.compare import Comparison
from hamyar.scenarios.diff import Change


def _w(key: str, lang: str, **values: object) -> str:
    """The catalogue's ``scen.why.KEY`` in ``lang``."""
    return say(f"scen.why.{key}", lang=check_lang(lang), **values)


_BY_STUDENT: dict[int, tuple[RunResult, dict[str, Explanation]]] = {}


def _explanation(result: RunResult, sid: str) -> Explanation | None:
    kept = _BY_STUDENT.get(id(result))
    if kept is None or kept[0] is not result:
        kept = (result, {e.student_id: e for e in result.allocation.explanations})
        _BY_STUDENT.clear()
        _BY_STUDENT[id(result)] = kept
    return kept[1].get(sid)


def _unit_reason(result: RunResult, sid: str, unit: str | None) -> UnitExplanation | None:
    found = _explanation(result, sid)
    if found is None:
        return None
    return next((u for u in found.units if unit is None or u.unit_code == unit), None)


def _message(reason: UnitExplanation, lang: str) -> str:
    return reason.line("fa" if lang == "fa" else "en")


def _rules(result: RunResult, sid: str, lang: str) -> str | None:
    item = result.eligibility.by_id.get(sid)
    if item is None or item.eligible:
        return None
    sep = "؛ " if lang == "fa" else "; "
    return sep.join(
        f"{r.rule}: {r.message_fa if lang == 'fa' else r.message_en}" for r in item.blocking
    )


def why_out(result: RunResult, sid: str, unit: str | None, lang: str) -> str:
    """Why ``result`` does not give ``sid`` the unit ``unit`` (any asked-for unit: ``None``)."""
    rules = _rules(result, sid, lang)
    if rules:
        return _w("ineligible", lang, rules=rules)
    reason = _unit_reason(result, sid, unit) or _unit_reason(result, sid, None)
    return _message(reason, lang) if reason else ""


def why_in(base: RunResult, other: RunResult, sid: str, unit: str, lang: str) -> str:
    """What changed so that ``other`` gives ``sid`` the unit ``unit`` the base did not."""
    app = other.problem.applicant_by_id.get(sid) or base.problem.applicant_by_id.get(sid)
    if app is not None:
        before_unit = base.problem.unit_by_code.get(unit)
        after_unit = other.problem.unit_by_code.get(unit)
        if before_unit and after_unit:
            before, after = before_unit.seats(app.gender), after_unit.seats(app.gender)
            if after > before:
                gender = _w(app.gender.value, lang)
                return _w("seats", lang, unit=unit, after=after, before=before, gender=gender)
    reason = _unit_reason(base, sid, unit)
    holder = reason.holder_student_id if reason else None
    if holder:
        rules = _rules(other, holder, lang)
        if rules:
            return _w("holder_out", lang, holder=holder, unit=unit, rules=rules)
        now = other.allocation.by_student.get(holder)
        if now is None or now.unit_code != unit:
            where = _w("placed_in", lang, unit=now.unit_code) if now else _w("unplaced", lang)
            return _w("holder_moved", lang, holder=holder, unit=unit, where=where)
    if reason:
        return _w("base", lang, why=_message(reason, lang))
    if base.allocation.by_student.get(sid) is None:
        return _w("base", lang, why=why_out(base, sid, None, lang))
    return ""


def _rank(result: RunResult, sid: str) -> int | None:
    a = result.allocation.by_student.get(sid)
    return a.preference_rank if a else None


@dataclass(frozen=True)
class ChangeRow:
    """One changed student of one scenario, with the reason."""

    scenario: str
    student_id: str
    name: str
    kind: str
    base_unit: str | None
    base_rank: int | None
    unit: str | None
    rank: int | None
    reason: str


def reason_of(base: RunResult, other: RunResult, change: Change, lang: str) -> str:
    """The reason of one change (module docstring)."""
    sid = change.student_id
    if change.kind == "lost":
        return why_out(other, sid, change.from_unit, lang)
    assert change.to_unit is not None
    before, after = _rank(base, sid), _rank(other, sid)
    if change.kind == "moved" and (after or 99) > (before or 99):
        return why_out(other, sid, change.from_unit, lang)
    return why_in(base, other, sid, change.to_unit, lang)


def change_rows(c: Comparison, lang: str) -> list[ChangeRow]:
    """Every change of every scenario against the base (the first), with its reason."""
    base = c.results[0]
    rows = []
    for name, result, diff in zip(c.names[1:], c.results[1:], c.diffs, strict=True):
        for ch in diff.changes:
            app = result.problem.applicant_by_id.get(ch.student_id) or (
                base.problem.applicant_by_id.get(ch.student_id)
            )
            rows.append(
                ChangeRow(
                    scenario=name,
                    student_id=ch.student_id,
                    name=f"{app.first_name} {app.last_name}" if app else "",
                    kind=ch.kind,
                    base_unit=ch.from_unit,
                    base_rank=_rank(base, ch.student_id),
                    unit=ch.to_unit,
                    rank=_rank(result, ch.student_id),
                    reason=reason_of(base, result, ch, lang),
                )
            )
    return rows
