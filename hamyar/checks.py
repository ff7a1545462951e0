"""What ``hamyar check`` reports about a problem's input, as data (the command only prints).

Everything wrong is found in one run: header, cell, duplicate and cross-file problems (see
:mod:`hamyar.io.loading`). Figures are computed only from what could be read: the applicants'
counts when the applicants file's header row is complete, the seats when the units file's is, and
supply against demand, dead seats and non-viable applicants only when every file read cleanly
(with errors they would be computed from nothing, or from part of the rows).

For gender ``g`` and unit ``u``:

* supply ``S(u, g)`` = the unit's seats for ``g``;
* demand ``D(u, g)`` = the number of applicants of gender ``g`` who list ``u`` at any rank (an
  area stands for all its units; an applicant counts once per unit);
* eligible demand ``E(u, g)`` = those of them who are eligible (E1–E9) and to whom ``u`` is open
  under E9;
* a *dead seat* group is ``(u, g)`` with ``S(u, g) > 0`` and ``E(u, g) = 0``: seats no eligible
  applicant of that gender can take (nobody asked, or only applicants the unit is closed to or
  who are not eligible);
* an applicant with *no open unit* asked for units that E9 closes to him or her, all of them;
* an applicant of gender ``g`` is *non-viable* when ``S(u, g) = 0`` for every unit ``u`` open to
  them (also when they asked for no known unit at all).

The eligibility-aware warnings, each located at the applicant's row: a missing or invalid Sheba
(E8, under the Sheba column), a continuing assistant who cannot stay in the current unit (E9),
and an applicant with no open unit (E9, under the preferences column).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hamyar.eligibility import evaluate
from hamyar.errors import InputError, Issue
from hamyar.io.loading import collect_problem
from hamyar.messages import Bilingual, Msg, joined
from hamyar.models import (
    Applicant,
    ApplicantEligibility,
    Degree,
    Gender,
    Policy,
    Problem,
    Reason,
    Term,
    Unit,
)

_COLUMN_OF_RULE = {"E8": "sheba", "E9": "current_unit"}
"""The column an applicant-level warning of a rule is located at (E9's no open unit: the
preferences)."""


@dataclass(frozen=True)
class UnitDemand:
    """Supply and demand of one unit for one gender."""

    code: str
    name: str
    gender: Gender
    seats: int
    demand: int
    eligible_demand: int | None = None
    """Of ``demand``, the applicants eligible for the unit (``None``: not evaluated)."""

    @property
    def dead(self) -> bool:
        """Seats that no eligible applicant of this gender asked for."""
        takers = self.demand if self.eligible_demand is None else self.eligible_demand
        return self.seats > 0 and takers == 0

    @property
    def shortfall(self) -> int:
        """``max(0, S − D)``: seats that will stay empty even if every asker is placed."""
        return max(0, self.seats - self.demand)


@dataclass(frozen=True)
class NonViable:
    """An applicant none of whose requested (and open) units has a seat of their gender."""

    student_id: str
    name: str
    gender: Gender
    asked: tuple[str, ...]
    """The unit codes the preferences resolve to and E9 leaves open (empty when none does)."""
    asked_fa: tuple[str, ...] = ()
    """The Persian names of the units of ``asked``, which Persian text names them by."""

    @property
    def reason(self) -> Msg:
        if not self.asked:
            return Msg("check.non_viable.no_unit")
        codes = Bilingual(fa=joined(self.asked_fa or self.asked, "fa"), en=joined(self.asked, "en"))
        return Msg(f"check.non_viable.no_seats.{self.gender.value}", units=codes)


@dataclass(frozen=True)
class NoOpenUnit:
    """An applicant every asked-for unit of whom is closed to him or her by E9."""

    student_id: str
    name: str
    gender: Gender
    closed: tuple[str, ...]
    reason: Reason


@dataclass(frozen=True)
class CheckReport:
    """Counts, supply against demand, dead seats, non-viable applicants and every issue."""

    files: tuple[str, ...]
    applicants: int
    by_gender_degree: dict[Gender, dict[Degree, int]]
    units: tuple[Unit, ...]
    demand: tuple[UnitDemand, ...]
    non_viable: tuple[NonViable, ...]
    warnings: tuple[Issue, ...]
    errors: tuple[Issue, ...]
    applicants_read: bool = True
    """The applicants file's header row was complete: the counts stand for its rows."""
    units_read: bool = True
    """The units file's header row was complete: the seats stand for its rows."""
    cross_checked: bool = True
    """Every file read cleanly: demand, dead seats and non-viable applicants are computed."""
    rows_with_errors: int = 0
    """Applicant rows left out of the counts for a bad cell."""
    no_open_unit: tuple[NoOpenUnit, ...] = ()
    eligible: int | None = None
    """Applicants eligible under E1–E9 (``None``: not evaluated)."""
    not_eligible_by_rule: dict[str, int] = field(default_factory=dict)
    """``{rule: applicants it makes not eligible}``; an applicant may count under several."""

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings are allowed)."""
        return not self.errors

    @property
    def dead_seats(self) -> tuple[UnitDemand, ...]:
        return tuple(d for d in self.demand if d.dead)

    def seats(self, gender: Gender) -> int:
        return sum(u.seats(gender) for u in self.units)

    def applicants_of(self, gender: Gender) -> int:
        return sum(self.by_gender_degree.get(gender, {}).values())


def check_files(
    applicants: str | Path,
    units: str | Path,
    rejections: str | Path | None = None,
    policy: Policy | None = None,
    term: Term | None = None,
) -> CheckReport:
    """Read and cross-check the files and report on them; never raises for bad input."""
    loaded = collect_problem(applicants, units, rejections, policy, term)
    if loaded.problem is not None:
        return check_problem(loaded.problem, loaded.issues, loaded.files, loaded.headers)
    counts = _counts(loaded.applicants) if loaded.applicants_readable else _counts(())
    return CheckReport(
        files=loaded.files,
        applicants=len(loaded.applicants) if loaded.applicants_readable else 0,
        by_gender_degree=counts,
        units=loaded.units if loaded.units_readable else (),
        demand=(),
        non_viable=(),
        warnings=tuple(i for i in loaded.issues if i.severity != "error"),
        errors=tuple(i for i in loaded.issues if i.severity == "error"),
        applicants_read=loaded.applicants_readable,
        units_read=loaded.units_readable,
        cross_checked=False,
        rows_with_errors=loaded.applicant_rows - len(loaded.applicants),
    )


def check_problem(
    problem: Problem,
    issues: Iterable[Issue] = (),
    files: Sequence[str] = (),
    headers: Mapping[str, Mapping[str, str]] | None = None,
) -> CheckReport:
    """The report on a problem whose files read cleanly (or the embedded default, a scenario),
    with eligibility; ``headers`` (``{file: {column: header as written}}``) names the columns of
    the eligibility warnings as the files write them."""
    issues = list(issues)
    verdicts: dict[str, ApplicantEligibility] | None
    try:
        verdicts = {a.student_id: a for a in evaluate(problem).applicants}
    except InputError as exc:  # a study start after the term: bad input
        issues.extend(exc.issues)
        verdicts = None
    apps = problem.applicants
    asked = {a.student_id: tuple(problem.preference_ranks.get(a.student_id, {})) for a in apps}
    demand: Counter[tuple[str, Gender]] = Counter()
    for app in apps:
        for code in asked[app.student_id]:
            demand[(code, app.gender)] += 1
    eligible: Counter[tuple[str, Gender]] | None = None
    if verdicts is not None:
        eligible = Counter()
        for app in apps:
            verdict = verdicts[app.student_id]
            if verdict.eligible:
                for code in verdict.admissible_units:
                    eligible[(code, app.gender)] += 1
        issues.extend(_eligibility_issues(apps, verdicts, headers or {}))
    rows = tuple(
        UnitDemand(
            u.code,
            u.display_name,
            g,
            u.seats(g),
            demand[(u.code, g)],
            None if eligible is None else eligible[(u.code, g)],
        )
        for u in problem.units
        for g in Gender
    )
    no_open, non_viable = _unplaceable(problem, asked, verdicts)
    by_rule: Counter[str] = Counter()
    for verdict in (verdicts or {}).values():
        by_rule.update({r.rule for r in verdict.blocking})
    return CheckReport(
        files=tuple(files),
        applicants=len(apps),
        by_gender_degree=_counts(apps),
        units=problem.units,
        demand=rows,
        non_viable=non_viable,
        warnings=tuple(i for i in issues if i.severity != "error"),
        errors=tuple(i for i in issues if i.severity == "error"),
        no_open_unit=no_open,
        eligible=None if verdicts is None else sum(v.eligible for v in verdicts.values()),
        not_eligible_by_rule=dict(sorted(by_rule.items())),
    )


def _counts(applicants: Iterable[Applicant]) -> dict[Gender, dict[Degree, int]]:
    counts: dict[Gender, dict[Degree, int]] = {g: {} for g in Gender}
    for app in applicants:
        per_degree = counts[app.gender]
        per_degree[app.degree] = per_degree.get(app.degree, 0) + 1
    return counts


def _unplaceable(
    problem: Problem,
    asked: Mapping[str, tuple[str, ...]],
    verdicts: Mapping[str, ApplicantEligibility] | None,
) -> tuple[tuple[NoOpenUnit, ...], tuple[NonViable, ...]]:
    """Applicants with no open unit (E9), and the non-viable ones among the rest."""
    by_code = problem.unit_by_code
    no_open: list[NoOpenUnit] = []
    non_viable: list[NonViable] = []
    for app in problem.applicants:
        codes = asked[app.student_id]
        verdict = None if verdicts is None else verdicts[app.student_id]
        if verdict is not None and verdict.closed_units and not verdict.admissible_units:
            closed = tuple(c.unit_code for c in verdict.closed_units)
            why = next(r for r in verdict.reasons if r.rule == "E9" and r.severity == "error")
            no_open.append(NoOpenUnit(app.student_id, app.full_name, app.gender, closed, why))
            continue
        if verdict is not None:
            codes = tuple(c for c in codes if c in verdict.admissible_units)
        if not any(by_code[c].seats(app.gender) > 0 for c in codes):
            names = tuple(by_code[c].name_fa for c in codes)
            non_viable.append(NonViable(app.student_id, app.full_name, app.gender, codes, names))
    return tuple(no_open), tuple(non_viable)


def _eligibility_issues(
    applicants: Iterable[Applicant],
    verdicts: Mapping[str, ApplicantEligibility],
    headers: Mapping[str, Mapping[str, str]],
) -> list[Issue]:
    """The warnings of E8 (missing or invalid Sheba), then those of E9 (no open unit, a
    continuing assistant who cannot stay), each located at the applicant's row."""
    issues: dict[str, list[Issue]] = {"E8": [], "E9": []}
    for app in applicants:
        verdict = verdicts[app.student_id]
        for r in verdict.reasons:
            if r.severity == "info" or r.rule not in issues:
                continue
            if r.rule == "E9" and r.severity == "error":
                column = "preferences" if verdict.closed_units else None
            else:
                column = _COLUMN_OF_RULE[r.rule]
            file = app.source.file
            row = app.source.row
            issues[r.rule].append(
                Issue(
                    r.message or r.message_en,
                    app.student_id if row is None else None,  # no row to name: the student
                    file=file,
                    row=row,
                    column=headers.get(file, {}).get(column or "", column),
                    severity="warning",
                    rule=r.rule,
                )
            )
    return [i for found in issues.values() for i in found]
