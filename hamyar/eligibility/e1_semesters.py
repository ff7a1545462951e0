"""Rule E1: at least one semester passed, except for the exempt degrees.

Semesters passed come from the applicant's ``semesters_passed`` when given. Otherwise they are
derived from the Jalali ``study_start`` and the allocation term. With the term index
``index(y, s) = 2y + s − 1`` (:attr:`hamyar.models.Term.index`) and the term the start date falls
in (:meth:`hamyar.models.Term.containing`: semester 1 from ``policy.semester1_start_month``,
Mehr by default, semester 2 from ``policy.semester2_start_month``, Bahman by default; a date
before semester 1's month belongs to the previous year's semester 2):

    semesters passed = index(term) − index(term containing study_start)

So a student who started on 1402/07/01 has passed 0 semesters in 1402-1 and 1 in 1402-2. A start
that falls in the allocation term itself, even after its first day, counts as 0 semesters passed
(universities start classes on different days); a start in a *later* term than the allocation
term is bad input: :class:`InputError` located at the applicant's row, column ``study_start``.

The rule: an applicant whose degree is not in ``policy.semester_exempt_degrees`` (by default
discontinuous master and PhD are exempt) needs ``semesters passed ≥ policy.min_semesters_passed``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from hamyar.eligibility.columns import Columns, Fired, one_of, per_distinct
from hamyar.eligibility.reasons import degree_word, reason, rendered
from hamyar.errors import InputError, Issue
from hamyar.messages import Msg
from hamyar.models import Applicant, Degree, JalaliDate, Policy, Reason, Term


@dataclass(frozen=True)
class Semesters:
    """Semesters passed, with how they were found (a message)."""

    count: int
    derivation: Msg

    @property
    def derivation_en(self) -> str:
        return rendered(self.derivation)[1]

    @property
    def derivation_fa(self) -> str:
        return rendered(self.derivation)[0]


def derive_semesters(applicant: Applicant, policy: Policy, term: Term) -> Semesters:
    """Semesters passed and how they were found (module docstring); ``InputError`` when the
    study start is later than the term."""
    return semesters_all(Columns.of([applicant]), policy, term)[0]


def semesters_all(cols: Columns, policy: Policy, term: Term) -> list[Semesters]:
    """:func:`derive_semesters` of every applicant, once per distinct count and start; one
    ``InputError`` naming every applicant whose study start is later than the term."""
    m1, m2 = policy.semester1_start_month, policy.semester2_start_month
    keys = list(zip(cols.semesters_passed, cols.study_start, strict=True))
    found = {
        k: None if k == (None, None) else _derived(*k, m1, m2, term) for k in dict.fromkeys(keys)
    }
    counts = [found[k] for k in keys]
    if None in found.values():
        issues = [_bad(cols.applicants[i], policy, term) for i, c in enumerate(counts) if c is None]
        raise InputError(issues)
    return counts  # type: ignore[return-value]


def _bad(applicant: Applicant, policy: Policy, term: Term) -> Issue:
    """The issue of an applicant with neither a count nor a start, or a start after the term."""
    start = applicant.study_start
    if start is None:  # the model requires one of the two
        return _issue(applicant, Msg("elig.e1.start_or_count"))
    m1, m2 = policy.semester1_start_month, policy.semester2_start_month
    following = Term(year=term.year + term.semester - 1, semester=3 - term.semester)
    message = Msg(
        "elig.e1.after_term",
        term=str(term),
        begins=str(term.start(m1, m2)),
        next=str(following.start(m1, m2)),
    )
    return _issue(applicant, message, str(start))


@lru_cache(maxsize=4096)
def _derived(
    given: int | None, start: JalaliDate | None, m1: int, m2: int, term: Term
) -> Semesters | None:
    """:func:`derive_semesters` once per distinct study start (``None``: after the term)."""
    if given is not None:
        return Semesters(given, Msg("elig.e1.given", count=given))
    assert start is not None
    n = term.index - Term.containing(start, m1, m2).index
    if n < 0:
        return None
    return Semesters(n, Msg("elig.e1.derived", start=str(start), term=str(term), count=n))


def _issue(applicant: Applicant, message: Msg, value: object = None) -> Issue:
    if applicant.source.row is None:  # not read from a file: name the student instead
        message = Msg("elig.student", student=applicant.student_id, message=message)
    return Issue(
        message,
        value,
        file=applicant.source.file,
        row=applicant.source.row,
        column="study_start",
        rule="E1",
    )


def semesters_passed(applicant: Applicant, policy: Policy, term: Term) -> tuple[int, str]:
    """Semesters passed by the start of ``term`` and its derivation
    (``started 1402/07/01, term 1402-1: 0 semesters passed``)."""
    found = derive_semesters(applicant, policy, term)
    return found.count, found.derivation_en


def e1_semesters(applicant: Applicant, policy: Policy, term: Term) -> list[Reason]:
    """E1: ``semesters passed ≥ min_semesters_passed`` unless the degree is exempt."""
    cols = Columns.of([applicant])
    semesters_all(cols, policy, term)  # a study start after the term is bad input
    return one_of(e1_semesters_all(cols, policy, term))


def e1_semesters_all(cols: Columns, policy: Policy, term: Term) -> Fired:
    """E1 over every applicant, once per distinct degree, count given and study start (an
    applicant whose start is after the term is left to :func:`semesters_all`, which reports
    it)."""
    m1, m2 = policy.semester1_start_month, policy.semester2_start_month
    need, exempt = policy.min_semesters_passed, frozenset(policy.semester_exempt_degrees)

    def decide(key: tuple[Degree, int | None, JalaliDate | None]) -> Reason | None:
        degree, given, start = key
        if degree in exempt or (given is None and start is None):
            return None
        semesters = _derived(given, start, m1, m2, term)
        if semesters is None or semesters.count >= need:
            return None
        return _too_few(semesters, need, degree, start)

    return per_distinct(
        zip(cols.degree, cols.semesters_passed, cols.study_start, strict=True), decide
    )


def _too_few(semesters: Semesters, need: int, degree: Degree, start: JalaliDate | None) -> Reason:
    return reason(
        "E1",
        Msg(
            "elig.e1.too_few",
            derivation=semesters.derivation,
            required=need,
            degree=degree_word(degree),
        ),
        semesters_passed=semesters.count,
        required=need,
        degree=degree.value,
        study_start=start,
    )
