"""Mid-term vacancies in the workspace, and the term's effective placements.

``hamyar vacancy STUDENT --from DATE`` in one transaction (:func:`end_placement`):

1. the term is locked and its adopted allocation read (none: a refusal);
2. the date must be a day of the term's payroll months; the student must hold a placement of
   the term as it stands (the adopted run's, with the adoption's earlier vacancies applied) that
   began before the date;
3. the adopted run's problem is rebuilt as the notices rebuild it (the stored input files of an
   ``allocate`` run, else its folder and scenario with earlier re-plans' rejections, and a
   ``--continue-from`` history applied again: :func:`hamyar.store.notices.run_problem_of`) and
   the seat offered down the waiting list with everyone else kept
   (:func:`hamyar.scenarios.vacancy.fill_vacancy`);
4. the vacancy and the newcomer's placement (from the same day) are recorded.

Any refusal or failure leaves the workspace as it was. The payroll reads :func:`term_changes`:
the newcomers' rows and the days every changed placement covers (rule P5).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hamyar.io.placements import PlacedRow
from hamyar.messages import Msg
from hamyar.models import JalaliDate, Policy, Problem, Term
from hamyar.optimizer.params import SolverParams
from hamyar.payments.payroll import term_months
from hamyar.payments.prorata import Period
from hamyar.store.adoption import adopted, adopted_run, lock_term
from hamyar.store.engine import Workspace
from hamyar.store.errors import WorkspaceError
from hamyar.store.ledger import live_batch
from hamyar.store.runs import current_user, now
from hamyar.store.schema import AdoptionRow, RunRow, VacancyFillRow, VacancyRow

if TYPE_CHECKING:
    from hamyar.scenarios.vacancy import VacancyFill


def vacancies(session: Session, adoption: AdoptionRow) -> Sequence[VacancyRow]:
    """The vacancies recorded against ``adoption``, oldest first."""
    query = select(VacancyRow).where(VacancyRow.adoption_id == adoption.id).order_by(VacancyRow.id)
    return session.scalars(query).all()


@dataclass(frozen=True)
class TermChanges:
    """What the vacancies of an adoption change: who left (and which vacancy says so), the
    newcomers' rows, and the days of the term each changed placement covers."""

    left: dict[str, VacancyRow] = field(default_factory=dict)
    newcomers: tuple[PlacedRow, ...] = ()
    periods: dict[str, Period] = field(default_factory=dict)


def term_changes(session: Session, adoption: AdoptionRow) -> TermChanges:
    """The changes of ``adoption``'s vacancies (empty when there are none)."""
    left: dict[str, VacancyRow] = {}
    newcomers: list[PlacedRow] = []
    periods: dict[str, Period] = {}
    for v in vacancies(session, adoption):
        left[v.student_id] = v
        start = periods.get(v.student_id, Period()).start
        periods[v.student_id] = Period(start, JalaliDate.parse(v.vacant_from).plus_days(-1))
        if v.fill is not None:
            newcomers.append(PlacedRow.model_validate(v.fill.placement))
            periods[v.fill.student_id] = Period(JalaliDate.parse(v.fill.starts_on))
    return TermChanges(left, tuple(newcomers), periods)


def effective_placement(run: RunRow, changes: TermChanges) -> dict[str, str]:
    """``{student_id: unit_code}`` of the term as it stands: the adopted run's assignments,
    without the students who left, with the newcomers."""
    placement = {a.student_id: a.unit_code for a in run.assignments}
    for row in changes.newcomers:
        placement[row.student_id] = row.unit_code
    for student in changes.left:
        placement.pop(student, None)
    return placement


@dataclass(frozen=True)
class VacancyOutcome:
    """A recorded vacancy, how its seat was filled, and the problem (for names)."""

    vacancy: VacancyRow
    fill: VacancyFill
    problem: Problem
    paid_months: tuple[str, ...]
    """Months from the vacancy's on that were already paid (a ``pay --replace`` corrects them)."""


def _refuse(message: Msg, value: object) -> WorkspaceError:
    return WorkspaceError(message, value=value)


def _check_date(date: JalaliDate, term: Term, policy: Policy) -> None:
    months = term_months(term, policy)
    first, last = months[0].first_day, months[-1].last_day
    if not first <= date <= last:
        raise _refuse(
            Msg("store.vacancy.outside_term", term=str(term), first=str(first), last=str(last)),
            str(date),
        )


def _check_student(
    student: str, date: JalaliDate, run: RunRow, changes: TermChanges, placement: dict[str, str]
) -> None:
    earlier = changes.left.get(student)
    if earlier is not None:
        raise _refuse(
            Msg(
                "store.vacancy.already_left",
                student=student,
                unit=earlier.unit_code,
                date=str(earlier.vacant_from),
                vacancy=earlier.id,
            ),
            student,
        )
    if student not in placement:
        raise _refuse(
            Msg("store.vacancy.not_placed", student=student, term=run.term, run=run.id), student
        )
    start = changes.periods.get(student, Period()).start
    if start is not None and date <= start:
        raise _refuse(
            Msg("store.vacancy.before_start", student=student, start=str(start)), str(date)
        )


def end_placement(
    workspace: Workspace,
    student: str,
    date: JalaliDate,
    *,
    term: Term | None = None,
    reason: str | None = None,
    by: str | None = None,
    time_limit_s: float | None = None,
    solver: SolverParams | None = None,
) -> VacancyOutcome:
    """End ``student``'s placement from ``date`` and fill the seat (the module's steps)."""
    # imported here: the notices read the history, which reads term_changes
    from hamyar.scenarios.vacancy import fill_vacancy
    from hamyar.store.notices import continued_problem, run_problem_of

    with workspace.session() as session:
        name = str(term or Term.containing(date))
        lock_term(session, name)
        run = adopted_run(session, name)
        adoption = adopted(session, name)
        assert adoption is not None
        policy = Policy.from_mapping(run.policy, file=f"run {run.id}: policy")
        _check_date(date, Term.parse(run.term), policy)
        changes = term_changes(session, adoption)
        placement = effective_placement(run, changes)
        _check_student(student, date, run, changes, placement)
        problem, _kept = continued_problem(session, run, run_problem_of(run))
        fill = fill_vacancy(
            problem,
            placement,
            student,
            set(changes.left),
            time_limit_s=time_limit_s,
            solver=solver,
        )
        who = current_user()
        row = VacancyRow(
            term=run.term,
            adoption_id=adoption.id,
            run_id=run.id,
            student_id=student,
            unit_code=fill.unit_code,
            gender=fill.gender.value,
            vacant_from=str(date),
            reason=reason,
            decided_by=by or who,
            created_at=now(),
            created_by=who,
        )
        if fill.newcomer is not None:
            row.fill = VacancyFillRow(
                student_id=fill.newcomer.student_id,
                unit_code=fill.newcomer.unit_code,
                starts_on=str(date),
                waiting_position=fill.position,
                placement=fill.newcomer.model_dump(mode="json", exclude={"row"}),
            )
        session.add(row)
        try:
            session.flush()
        except IntegrityError:
            raise _refuse(Msg("store.vacancy.race", student=student), student) from None
        months = term_months(Term.parse(run.term), policy)
        paid = tuple(str(m) for m in months if m >= date.jalali_month and live_batch(session, m))
    return VacancyOutcome(row, fill, problem, paid)
