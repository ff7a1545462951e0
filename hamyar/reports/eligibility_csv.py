"""``eligibility.csv``: one row per applicant with the verdict and every reason (DATA.md).

Columns:

* ``student_id``, ``first_name``, ``last_name``, ``gender``, ``degree``;
* ``eligible`` — ``yes`` or ``no``;
* ``reasons`` — the rule IDs that make the applicant ineligible (severity ``error``), joined by
  ``;`` (``E1;E4``);
* ``warnings`` — rule IDs of warnings, which do not block allocation (``E8``: a missing or
  invalid Sheba blocks payment; ``E9``: a continuing assistant's current unit is closed);
* ``notes`` — rule IDs of informational notes (``E8``: a bank other than Bank Melli; ``E5``: an
  international student admitted);
* ``semesters_passed`` — as given or derived (rule E1);
* ``admissible_units`` — the asked-for units still open after E9, as ``code:rank`` in rank order;
* ``closed_units`` — the asked-for units E9 closed, as ``code:rank``;
* ``messages_fa`` / ``messages_en`` — every reason, then every closed unit's reasons, joined by
  `` | ``; an English message is ``RULE: message``, a Persian one a sentence ending with its rule
  (``… (قاعده E4).``).

Written through :func:`hamyar.io.csvfile.write_csv` (UTF-8 with a BOM, formulas defused).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from operator import itemgetter
from pathlib import Path

from hamyar.io.csvfile import write_csv
from hamyar.models import ApplicantEligibility, EligibilityResult, Problem, Reason
from hamyar.models.results import Severity

ELIGIBILITY_HEADER: tuple[str, ...] = (
    "student_id",
    "first_name",
    "last_name",
    "gender",
    "degree",
    "eligible",
    "reasons",
    "warnings",
    "notes",
    "semesters_passed",
    "admissible_units",
    "closed_units",
    "messages_fa",
    "messages_en",
)

SEPARATOR = " | "


def _all_reasons(item: ApplicantEligibility) -> list[Reason]:
    return [*item.reasons, *(r for c in item.closed_units for r in c.reasons)]


def _rules(reasons: Sequence[Reason], severity: Severity) -> str:
    return ";".join(dict.fromkeys(r.rule for r in reasons if r.severity == severity))


def eligibility_rows(problem: Problem, result: EligibilityResult) -> Iterator[tuple[object, ...]]:
    """The rows of ``eligibility.csv`` in the problem's applicant order.

    Applicants share their reasons (each is decided once per distinct value): the rule and
    message columns of the same reasons are joined once."""
    said: dict[tuple[int, ...], tuple[str, str, str, str, str]] = {}
    by_rank = itemgetter(1)
    for app in problem.applicants:
        item = result.by_id.get(app.student_id)
        if item is None:
            continue
        own = item.reasons
        if own or item.closed_units:
            every = _all_reasons(item)
            key = (len(own), *map(id, every))
            columns = said.get(key)
            if columns is None:
                columns = said[key] = (
                    _rules(own, "error") if own else "",
                    _rules(own, "warning") if own else "",
                    _rules(own, "info") if own else "",
                    SEPARATOR.join([r.message_fa for r in every]),
                    SEPARATOR.join([str(r) for r in every]),
                )
            errors, warnings, notes, messages_fa, messages_en = columns
        else:
            errors = warnings = notes = messages_fa = messages_en = ""
        yield (
            app.student_id,
            app.first_name,
            app.last_name,
            app.gender.value,
            app.degree.value,
            "yes" if item.eligible else "no",
            errors,
            warnings,
            notes,
            item.semesters_passed,
            ";".join(
                [
                    f"{code}:{rank}"
                    for code, rank in sorted(item.admissible_units.items(), key=by_rank)
                ]
            ),
            ";".join([f"{c.unit_code}:{c.rank}" for c in item.closed_units]),
            messages_fa,
            messages_en,
        )


def write_eligibility_csv(path: Path, problem: Problem, result: EligibilityResult) -> None:
    """Write ``eligibility.csv`` (module docstring) to ``path``."""
    write_csv(path, ELIGIBILITY_HEADER, eligibility_rows(problem, result))
