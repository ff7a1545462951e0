"""``hamyar check [APPLICANTS UNITS]``: read and validate the input, print a short report.

The report: applicants by gender and degree; how many are eligible (E1–E9); seats by unit and
gender against the applicants of that gender who asked for the unit; dead seats after E9;
applicants with no open unit; non-viable applicants; every warning (E8 Sheba among them). A
figure is printed only when what it is computed from could be read (:mod:`hamyar.checks`).
Errors go to standard error, one located line each, all of them in one run, and the exit code
is 2; a clean input (warnings allowed) exits 0. With no files it checks the embedded default.
"""

from __future__ import annotations

from pathlib import Path

import click

from hamyar.checks import CheckReport, check_files, check_problem
from hamyar.commands.base import Command
from hamyar.commands.options import load_policy, optional_inputs, parse_term
from hamyar.errors import listing
from hamyar.messages import current_lang, joined, number, say
from hamyar.models import Degree, Gender, Policy, Term, Unit

DEFAULT_LIMIT = 20


@click.command("check", cls=Command, help="help.check")
@optional_inputs
@click.option("--all", "show_all", is_flag=True, help="help.check.all")
def command(
    applicants: Path | None,
    units: Path | None,
    rejections: Path | None,
    policy_file: Path | None,
    term_text: str | None,
    show_all: bool,
) -> None:
    """Check APPLICANTS and UNITS (.xlsx or .csv); the embedded default without files."""
    if (applicants is None) != (units is None):
        raise click.UsageError(say("check.usage.both"))
    policy = load_policy(policy_file)
    term = parse_term(term_text)
    if applicants is not None and units is not None:
        report = check_files(applicants, units, rejections, policy, term)
    else:
        if rejections is not None:
            raise click.UsageError(say("check.usage.rejections"))
        report = _check_default(policy, term)
    click.echo(render(report, limit=None if show_all else DEFAULT_LIMIT))
    if not report.ok:
        for line in listing(list(report.errors)):
            click.echo(line, err=True)
        raise click.exceptions.Exit(2)


def _check_default(policy: Policy | None, term: Term | None) -> CheckReport:
    from hamyar.generator.default import default_problem

    problem = default_problem()
    update: dict[str, object] = {}
    if policy is not None:
        update["policy"] = policy
    if term is not None:
        update["term"] = term
    if update:
        problem = problem.model_copy(update=update)
    return check_problem(problem, files=(say("check.embedded_default"),))


def render(report: CheckReport, limit: int | None = DEFAULT_LIMIT) -> str:
    """The report as plain text, in the current language."""
    lines: list[str] = []
    if report.files:
        lines.append(say("check.checked", files=joined(report.files)))
    if report.applicants_read:
        lines += _applicants(report)
    lines += _eligible(report)
    if report.units_read:
        lines += _seats(report)
    if report.cross_checked:
        lines += _dead(report, limit)
        lines += _no_open(report, limit)
        lines += _non_viable(report, limit)
    else:
        lines.append("")
        lines.append(say("check.not_computed"))
    lines.append("")
    lines.append(say("check.warnings", count=len(report.warnings)))
    warnings = list(report.warnings)  # with --all, every warning of a kind, not 20 and a count
    lines += [f"  {w}" for w in listing(warnings, per_kind=limit or max(1, len(warnings)))]
    n = len(report.errors)
    lines.append("")
    lines.append(say("check.errors", count=n) if n else say("check.no_errors"))
    return "\n".join(lines)


def unit_name(unit: Unit) -> str:
    """The unit's Persian name in Persian, its English one (else Persian) in English."""
    return unit.name_fa if current_lang() == "fa" else unit.display_name


def gender_word(gender: Gender) -> str:
    return say(f"word.gender.{gender.value}")


def _eligible(report: CheckReport) -> list[str]:
    if report.eligible is None:
        return []
    line = say("check.eligible", eligible=report.eligible, applicants=report.applicants)
    if report.not_eligible_by_rule:
        rules = joined(f"{r} {number(n)}" for r, n in report.not_eligible_by_rule.items())
        line += say("check.eligible.by_rule", rules=rules)
    return ["", line]


def _applicants(report: CheckReport) -> list[str]:
    female, male = (report.applicants_of(g) for g in (Gender.female, Gender.male))
    lines = ["", say("check.applicants", total=report.applicants, female=female, male=male)]
    if report.rows_with_errors:
        lines[-1] += say("check.applicants.not_counted", rows=report.rows_with_errors)
    degrees = [d for d in Degree if any(d in report.by_gender_degree[g] for g in Gender)]
    if degrees:
        names = {d: say(f"word.degree.{d.value}") for d in degrees}
        width = max(len(say("check.column.degree")), *(len(n) for n in names.values()))
        head = (say("check.column.degree"), gender_word(Gender.female), gender_word(Gender.male))
        lines.append(f"  {head[0].ljust(width)}  {head[1]:>7}  {head[2]:>7}")
        for d in degrees:
            f = report.by_gender_degree[Gender.female].get(d, 0)
            m = report.by_gender_degree[Gender.male].get(d, 0)
            lines.append(f"  {names[d].ljust(width)}  {number(f):>7}  {number(m):>7}")
    return lines


def _seats(report: CheckReport) -> list[str]:
    female, male = (report.seats(g) for g in (Gender.female, Gender.male))
    lines = [
        "",
        say("check.seats", total=female + male, units=len(report.units), female=female, male=male),
    ]
    if not report.units or not report.cross_checked:
        return lines
    by = {(d.code, d.gender): d for d in report.demand}
    code_head, unit_head = say("check.column.code"), say("check.column.unit")
    code_w = max(len(code_head), *(len(u.code) for u in report.units))
    name_w = min(40, max(len(unit_head), *(len(unit_name(u)) for u in report.units)))
    female_head, male_head = gender_word(Gender.female), gender_word(Gender.male)
    lines.append(say("check.seats.heading"))
    heads = f"{code_head.ljust(code_w)}  {unit_head.ljust(name_w)}"
    lines.append(f"  {heads}  {female_head:>11}  {male_head:>11}")
    for u in report.units:
        f, m = by[(u.code, Gender.female)], by[(u.code, Gender.male)]
        name = unit_name(u)
        name = (name if len(name) <= name_w else name[: name_w - 1] + "…").ljust(name_w)
        lines.append(
            f"  {u.code.ljust(code_w)}  {name}  {_pair(f.seats, f.demand):>11}  "
            f"{_pair(m.seats, m.demand):>11}"
        )
    return lines


def _pair(seats: int, demand: int) -> str:
    return f"{number(seats)} / {number(demand)}"


def _more(shown: int, total: int) -> list[str]:
    return [say("check.more", count=total - shown)] if shown < total else []


def _dead(report: CheckReport, limit: int | None) -> list[str]:
    dead = report.dead_seats
    lines = ["", say("check.dead", seats=sum(d.seats for d in dead), groups=len(dead))]
    shown = dead if limit is None else dead[:limit]
    units = {u.code: u for u in report.units}
    for d in shown:
        line = say(
            "check.dead.line",
            code=d.code,
            name=unit_name(units[d.code]) if d.code in units else d.name,
            seats=d.seats,
            gender=gender_word(d.gender),
        )
        if d.demand:
            line += say("check.dead.asked", count=d.demand)
        lines.append(line)
    return lines + _more(len(shown), len(dead))


def _no_open(report: CheckReport, limit: int | None) -> list[str]:
    people = report.no_open_unit
    lines = ["", say("check.no_open", count=len(people))]
    shown = people if limit is None else people[:limit]
    units = {u.code: u for u in report.units}
    fa = current_lang() == "fa"  # Persian names the units, English gives their codes
    named = [[units[c].name_fa if fa and c in units else c for c in p.closed] for p in shown]
    lines += [f"  {p.student_id} {p.name}: {joined(n)}" for p, n in zip(shown, named, strict=True)]
    return lines + _more(len(shown), len(people))


def _non_viable(report: CheckReport, limit: int | None) -> list[str]:
    people = report.non_viable
    lines = ["", say("check.non_viable", count=len(people))]
    shown = people if limit is None else people[:limit]
    lines += [
        say(
            "check.non_viable.line",
            student=p.student_id,
            name=p.name,
            gender=say(f"word.gender.one.{p.gender.value}"),
            reason=p.reason,
        )
        for p in shown
    ]
    return lines + _more(len(shown), len(people))
