"""Small problems and eligibility results for the stable-allocation, envy and explanation tests."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from hypothesis import strategies as st

from hamyar.models import (
    Applicant,
    ApplicantEligibility,
    EligibilityResult,
    Gender,
    Policy,
    PriorityGroup,
    Problem,
    Reason,
    Unit,
    UnitClosure,
)
from hamyar.optimizer.seats import seat_capacity

F, M = Gender.female, Gender.male

E9_REJECTED = Reason(
    rule="E9",
    message_fa="واحد این دانشجو را نپذیرفته است",
    message_en="the unit rejected this applicant",
)


def student(
    sid: str,
    prefs: Iterable[str],
    gender: Gender = F,
    gpa: float = 16.0,
    groups: Iterable[PriorityGroup] = (),
    current: str | None = None,
) -> Applicant:
    return Applicant(
        student_id=sid,
        first_name="زهرا",
        last_name="احمدی",
        gender=gender,
        degree="bachelor_continuous",
        gpa=gpa,
        semesters_passed=2,
        preferences=tuple(prefs),
        declared_groups=tuple(groups),
        current_unit=current,
    )


def unit(code: str, female: int, male: int, area: str | None = None) -> Unit:
    return Unit(code=code, name_fa=f"واحد {code}", female_seats=female, male_seats=male, area=area)


def make_problem(
    applicants: Iterable[Applicant], units: Iterable[Unit], policy: Policy | None = None
) -> Problem:
    return Problem.create(applicants, units, policy=policy)


def make_eligibility(
    problem: Problem,
    closed: Mapping[str, Iterable[str]] | None = None,
    ineligible: Iterable[str] = (),
) -> EligibilityResult:
    """Every applicant eligible except ``ineligible``; ``closed[sid]`` units closed by E9."""
    closed = closed or {}
    out = set(ineligible)
    items = []
    for app in problem.applicants:
        sid = app.student_id
        ranks = problem.preference_ranks[sid]
        shut = set(closed.get(sid, ()))
        items.append(
            ApplicantEligibility(
                student_id=sid,
                eligible=sid not in out,
                admissible_units={c: r for c, r in ranks.items() if c not in shut},
                closed_units=tuple(
                    UnitClosure(unit_code=c, rank=ranks[c], reasons=(E9_REJECTED,))
                    for c in sorted(shut)
                ),
            )
        )
    return EligibilityResult(term=problem.term, applicants=tuple(items))


GROUPS = (PriorityGroup.exemplary, PriorityGroup.married, PriorityGroup.shahed)


@st.composite
def instances(
    draw: st.DrawFn,
    max_students: int = 10,
    max_units: int = 4,
    ties: bool = True,
    pins: bool = True,
    closures: bool = True,
) -> tuple[Problem, EligibilityResult]:
    """A random problem (areas give tied ranks when ``ties``) and its eligibility result.

    Pins stay within each unit's seats of the pinned student's gender.
    """
    n_units = draw(st.integers(1, max_units))
    units = [
        unit(
            f"U{i}",
            draw(st.integers(0, 3)),
            draw(st.integers(0, 3)),
            area=draw(st.sampled_from([None, "north", "south"])) if ties else None,
        )
        for i in range(n_units)
    ]
    tokens = [u.code for u in units] + sorted({u.area for u in units if u.area})
    left = {(u.code, g): u.seats(g) for u in units for g in Gender}
    apps = []
    for i in range(draw(st.integers(1, max_students))):
        gender = draw(st.sampled_from([F, M]))
        prefs = draw(st.lists(st.sampled_from(tokens), unique=True, max_size=len(tokens)))
        current = None
        if pins and draw(st.integers(0, 5)) == 0:
            code = draw(st.sampled_from([u.code for u in units]))
            if left[(code, gender)] > 0:
                left[(code, gender)] -= 1
                current = code
        apps.append(
            student(
                f"S{i:02d}",
                prefs,
                gender=gender,
                gpa=draw(st.sampled_from([14.0, 16.5, 18.0])),
                groups=draw(st.lists(st.sampled_from(GROUPS), unique=True, max_size=2)),
                current=current,
            )
        )
    problem = make_problem(apps, units)
    closed: dict[str, list[str]] = {}
    ineligible: list[str] = []
    if closures:
        for app in apps:
            ranks = problem.preference_ranks[app.student_id]
            if ranks and draw(st.integers(0, 4)) == 0:
                closed[app.student_id] = [draw(st.sampled_from(sorted(ranks)))]
            if draw(st.integers(0, 7)) == 0:
                ineligible.append(app.student_id)
    return problem, make_eligibility(problem, closed, ineligible)


@st.composite
def placements(draw: st.DrawFn) -> tuple[Problem, EligibilityResult, dict[str, str]]:
    """A random instance and a random placement within the seats over admissible units (pins
    kept or broken at random)."""
    problem, eligibility = draw(instances())
    left = seat_capacity(problem)
    placement: dict[str, str] = {}
    for app in problem.applicants:
        options = sorted(eligibility.admissible(app.student_id))
        if app.student_id in problem.pins and draw(st.booleans()):
            options = [problem.pins[app.student_id]]
        options = [c for c in options if left[(c, app.gender)] > 0]
        choice = draw(st.sampled_from([None, *options]))
        if choice is not None:
            placement[app.student_id] = choice
            left[(choice, app.gender)] -= 1
    return problem, eligibility, placement
