"""Read the files of one allocation problem and cross-check them, reporting everything at once.

:func:`collect_problem` never raises for bad input: it returns what could be read and every
issue, which is what ``hamyar check`` reports. :func:`load_problem` is the strict form the
pipeline uses: it returns the problem and its warnings, or raises one
:class:`hamyar.errors.InputError` with the errors of all files.

Cross-references are checked by :func:`hamyar.models.problem.reference_issues` (the check of
:meth:`hamyar.models.Problem.create`) in the same run as the cells, so that nothing comes in
rounds: duplicate student_id or national_id and duplicate unit codes and names whatever else is
wrong, over every row (also a row with a bad cell, by its identifying cells); a preference,
current unit or rejection naming an unknown unit as soon as the units file read cleanly (with a
bad units row, "unknown unit" errors would be noise); a rejection naming an unknown student as
soon as the applicants file's student IDs could be read. Their issues are located at the
offending row, under the header as written in the file.

A preference list is split on ``;``, ``،``, ``,`` and line breaks, yet some unit names contain
``،`` (``مدیریت امور آموزشی، پژوهشی و فناوری خواهران``). Consecutive pieces that together spell
such a unit's name, ignoring spaces and commas, are joined back into that name. The Sajad form's
«area - description» may hold a comma in its description: a piece that names nothing and follows
such a piece is joined back to it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from hamyar.collector import collector_paused
from hamyar.errors import InputError, Issue, SplitIssues
from hamyar.io.applicants import parse_applicants
from hamyar.io.limits import InputLimits, input_limits, policy_limits
from hamyar.io.rejections import parse_rejections
from hamyar.io.rows import Parsed
from hamyar.io.units import parse_units
from hamyar.models import Applicant, Policy, Problem, Rejection, Term, Unit
from hamyar.models.problem import ApplicantKeys, UnitIndex, reference_issues, sajad_head
from hamyar.text import normalize_key

_LOOSE = re.compile(r"[\s،,;؛]+")
_DASHES = frozenset("-–—")


@dataclass(frozen=True)
class Loaded(SplitIssues):
    """What was read from a problem's files, the problem when everything is clean, and every
    issue (errors and warnings) in file order."""

    applicants: tuple[Applicant, ...]
    units: tuple[Unit, ...]
    rejections: tuple[Rejection, ...]
    issues: tuple[Issue, ...]
    problem: Problem | None
    files: tuple[str, ...]
    headers: dict[str, dict[str, str]] = dataclasses.field(default_factory=dict)
    """``{file: {column name: header as written}}``."""
    applicants_readable: bool = True
    """The applicants file's header row was complete (its rows could become records)."""
    units_readable: bool = True
    """The units file's header row was complete."""
    applicant_rows: int = 0
    """Data rows of the applicants file, bad or not."""


def load_problem(
    applicants: str | Path,
    units: str | Path,
    rejections: str | Path | None = None,
    policy: Policy | None = None,
    term: Term | None = None,
    name: str = "problem",
) -> tuple[Problem, list[Issue]]:
    """The problem and its warnings; :class:`InputError` with every error of every file."""
    loaded = collect_problem(applicants, units, rejections, policy, term, name)
    if loaded.problem is None:
        raise InputError(loaded.errors)
    return loaded.problem, loaded.warnings


def collect_problem(
    applicants: str | Path,
    units: str | Path,
    rejections: str | Path | None = None,
    policy: Policy | None = None,
    term: Term | None = None,
    name: str = "problem",
) -> Loaded:
    """Read and cross-check everything; never raises for bad input. The cyclic garbage
    collector is paused while the records are built (:func:`~hamyar.collector.collector_paused`).
    """
    limits = InputLimits() if policy is None else policy_limits(policy)
    with collector_paused(), input_limits(limits):
        return _collect(applicants, units, rejections, policy, term, name)


def _collect(
    applicants: str | Path,
    units: str | Path,
    rejections: str | Path | None,
    policy: Policy | None,
    term: Term | None,
    name: str,
) -> Loaded:
    parsed_units = parse_units(units)
    parsed_apps = parse_applicants(applicants)
    parsed_rej = parse_rejections(rejections) if rejections is not None else None
    everything: list[Parsed[Applicant] | Parsed[Unit] | Parsed[Rejection]] = [
        parsed_apps,
        parsed_units,
    ]
    if parsed_rej is not None:
        everything.append(parsed_rej)
    unit_records = tuple(parsed_units.records)
    app_records = tuple(rejoin_preferences(parsed_apps.records, unit_records))
    rej_records = tuple(parsed_rej.records) if parsed_rej is not None else ()
    issues = [i for p in everything for i in p.issues]
    problem = None
    if not any(p.errors for p in everything):
        try:
            problem = Problem.create(app_records, unit_records, rej_records, policy, term, name)
        except InputError as exc:
            issues.extend(_as_written(exc.issues, everything))
    else:  # duplicates and references as far as they can be known: all at once
        keys = rejoin_keys(parsed_apps.keys, unit_records)
        rows: list[Applicant | ApplicantKeys] = [*app_records, *keys]
        rows.sort(key=lambda a: a.source.row or 0)
        units_known = parsed_units.readable and not parsed_units.errors
        students_known = "student_id" in parsed_apps.headers
        found = reference_issues(rows, unit_records, rej_records, units_known, students_known)
        issues.extend(_as_written(found, everything))
    return Loaded(
        applicants=app_records,
        units=unit_records,
        rejections=rej_records,
        issues=tuple(issues),
        problem=problem,
        files=tuple(p.file for p in everything),
        headers={p.file: p.headers for p in everything},
        applicants_readable=parsed_apps.readable,
        units_readable=parsed_units.readable,
        applicant_rows=parsed_apps.rows,
    )


def _as_written(
    issues: Iterable[Issue], parsed: Sequence[Parsed[Applicant] | Parsed[Unit] | Parsed[Rejection]]
) -> list[Issue]:
    """Issues with their column renamed to the header as written in their file."""
    headers = {p.file: p.headers for p in parsed}
    result = []
    for issue in issues:
        written = headers.get(issue.file or "", {}).get(issue.column or "")
        result.append(dataclasses.replace(issue, column=written) if written else issue)
    return result


def rejoin_preferences(applicants: Iterable[Applicant], units: Iterable[Unit]) -> list[Applicant]:
    """Applicants whose split preference pieces that spell a unit name with a comma are joined
    back into that name, and whose Sajad «area - description» pieces are joined back into one
    (module docstring)."""
    units = tuple(units)
    joiner = _Joiner(units)
    result = []
    for app in applicants:
        joined = joiner.rejoin(app.preferences)
        result.append(
            app if joined == app.preferences else app.model_copy(update={"preferences": joined})
        )
    return result


def rejoin_keys(keys: Iterable[ApplicantKeys], units: Iterable[Unit]) -> list[ApplicantKeys]:
    """:func:`rejoin_preferences` for the rows that did not become applicants."""
    joiner = _Joiner(tuple(units))
    return [dataclasses.replace(k, preferences=joiner.rejoin(k.preferences)) for k in keys]


class _Joiner:
    """Joins back what splitting a preference list on commas tore apart."""

    def __init__(self, units: tuple[Unit, ...]) -> None:
        self.names = {
            _LOOSE.sub("", normalize_key(n)): n
            for u in units
            for n in (u.name_fa, u.name_en)
            if n and _LOOSE.search(n.strip())
        }
        self.prefixes = {key[:n] for key in self.names for n in range(len(key) + 1)}
        self.index = UnitIndex(units)
        self._dashed: dict[str, bool] = {}
        self._heads: dict[str, bool] = {}
        """Per distinct piece: it holds a dash; it is a Sajad «area - description»."""

    def rejoin(self, tokens: tuple[str, ...]) -> tuple[str, ...]:
        if len(tokens) < 2:
            return tokens
        joined = tokens
        if self.names:
            # the prefixes are closed under taking a prefix: a run that spells a name starts
            # with two pieces whose keys together are one of them
            keys = list(map(_loose_key, tokens))
            prefixes = self.prefixes
            if any(a + b in prefixes for a, b in pairwise(keys)):
                joined = _rejoin(tokens, self.names, self.prefixes)
        # a piece is joined to the one before only when it names nothing
        if (
            len(joined) > 1
            and any(map(self._has_dash, joined))
            and not all(map(self.index.resolve, joined[1:]))
        ):
            return self._descriptions(joined)
        return joined

    def _has_dash(self, token: str) -> bool:
        dashed = self._dashed.get(token)
        if dashed is None:
            dashed = self._dashed[token] = not _DASHES.isdisjoint(token)
        return dashed

    def _is_head(self, token: str) -> bool:
        head = self._heads.get(token)
        if head is None:
            head = self._heads[token] = sajad_head(token) is not None
        return head

    def _descriptions(self, tokens: tuple[str, ...]) -> tuple[str, ...]:
        """A piece that names nothing, after a Sajad «area - description» piece, is the rest of
        that description (``امور فرهنگی - برگزاری اردوها، مراسم``)."""
        out: list[str] = []
        for token in tokens:
            if out and self._is_head(out[-1]) and not self.index.resolve(token):
                out[-1] = f"{out[-1]}، {token}"
            else:
                out.append(token)
        return tuple(out)


def _rejoin(tokens: tuple[str, ...], names: dict[str, str], prefixes: set[str]) -> tuple[str, ...]:
    """The longest run of two or more pieces that spells a name is joined back into it. A run's
    key is the pieces' keys joined (the key drops spaces and commas and maps characters one by
    one), so a run stops growing as soon as its key starts no name."""
    keys = [_loose_key(t) for t in tokens]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        joined, best = keys[i], 0
        for j in range(i + 1, len(tokens)):
            joined += keys[j]
            if joined not in prefixes:
                break
            if joined in names:
                best = j + 1
        if best:
            out.append(names["".join(keys[i:best])])
            i = best
        else:
            out.append(tokens[i])
            i += 1
    return tuple(out)


@lru_cache(maxsize=1 << 14)
def _loose_key(text: str) -> str:
    return _LOOSE.sub("", normalize_key(text))
