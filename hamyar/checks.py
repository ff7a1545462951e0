"""What ``hamyar check`` reports about a problem's input, as data (the command only prints).

For gender ``g`` and unit ``u``:

* supply ``S(u, g)`` = the unit's seats for ``g``;
* demand ``D(u, g)`` = the number of applicants of gender ``g`` who list ``u`` at any rank (an
  area stands for all its units; an applicant counts once per unit);
* a *dead seat* group is ``(u, g)`` with ``S(u, g) > 0`` and ``D(u, g) = 0``: seats nobody of
  that gender asked for;
* an applicant of gender ``g`` is *non-viable* when ``S(u, g) = 0`` for every unit ``u`` they
  asked for (also when they asked for no known unit at all).

The report is computed from whatever records could be read, so a planner sees the picture even
while the files still have errors; the errors are listed with it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from hamyar.errors import Issue
from hamyar.io.loading import collect_problem
from hamyar.models import Applicant, Degree, Gender, Policy, Problem, Term, Unit, UnitIndex


@dataclass(frozen=True)
class UnitDemand:
    """Supply and demand of one unit for one gender."""

    code: str
    name: str
    gender: Gender
    seats: int
    demand: int

    @property
    def dead(self) -> bool:
        """Seats that no applicant of this gender asked for."""
        return self.seats > 0 and self.demand == 0

    @property
    def shortfall(self) -> int:
        """``max(0, S − D)``: seats that will stay empty even if every asker is placed."""
        return max(0, self.seats - self.demand)


@dataclass(frozen=True)
class NonViable:
    """An applicant none of whose requested units has a seat of their gender."""

    student_id: str
    name: str
    gender: Gender
    asked: tuple[str, ...]
    """The unit codes the preferences resolve to (empty when none resolves)."""

    @property
    def reason(self) -> str:
        if not self.asked:
            return "asked for no known unit"
        return f"no {self.gender.value} seats in {', '.join(self.asked)}"


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
    return build_report(
        loaded.applicants, loaded.units, loaded.issues, loaded.files, loaded.problem
    )


def check_problem(
    problem: Problem, issues: Iterable[Issue] = (), files: Sequence[str] = ()
) -> CheckReport:
    """The report on a problem already built (the embedded default, a scenario)."""
    return build_report(problem.applicants, problem.units, issues, files, problem)


def build_report(
    applicants: Sequence[Applicant],
    units: Sequence[Unit],
    issues: Iterable[Issue],
    files: Sequence[str] = (),
    problem: Problem | None = None,
) -> CheckReport:
    """Compute the report from records; ``problem`` (when given) supplies resolved ranks."""
    issues = tuple(issues)
    index = problem.unit_index if problem is not None else UnitIndex(units)
    by_code = {u.code: u for u in units}
    asked: dict[int, tuple[str, ...]] = {}
    demand: Counter[tuple[str, Gender]] = Counter()
    for position, app in enumerate(applicants):
        if problem is not None:
            codes = tuple(problem.preference_ranks.get(app.student_id, {}))
        else:
            codes = tuple(dict.fromkeys(c for t in app.preferences for c in index.resolve(t)))
        asked[position] = codes
        for code in codes:
            demand[(code, app.gender)] += 1
    counts: dict[Gender, dict[Degree, int]] = {g: {} for g in Gender}
    for app in applicants:
        per_degree = counts[app.gender]
        per_degree[app.degree] = per_degree.get(app.degree, 0) + 1
    rows = tuple(
        UnitDemand(u.code, u.display_name, g, u.seats(g), demand[(u.code, g)])
        for u in units
        for g in Gender
    )
    non_viable = tuple(
        NonViable(app.student_id, app.full_name, app.gender, asked[position])
        for position, app in enumerate(applicants)
        if not any(by_code[c].seats(app.gender) > 0 for c in asked[position] if c in by_code)
    )
    return CheckReport(
        files=tuple(files),
        applicants=len(applicants),
        by_gender_degree=counts,
        units=tuple(units),
        demand=rows,
        non_viable=non_viable,
        warnings=tuple(i for i in issues if i.severity != "error"),
        errors=tuple(i for i in issues if i.severity == "error"),
    )
