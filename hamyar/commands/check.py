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
from hamyar.commands.options import load_policy, optional_inputs, parse_term
from hamyar.errors import listing
from hamyar.models import Degree, Gender, Policy, Term

DEFAULT_LIMIT = 20


@click.command("check")
@optional_inputs
@click.option(
    "--all", "show_all", is_flag=True, help="List every dead seat and non-viable applicant."
)
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
        raise click.UsageError("give both APPLICANTS and UNITS, or neither")
    policy = load_policy(policy_file)
    term = parse_term(term_text)
    if applicants is not None and units is not None:
        report = check_files(applicants, units, rejections, policy, term)
    else:
        if rejections is not None:
            raise click.UsageError("--rejections needs APPLICANTS and UNITS")
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
    return check_problem(problem, files=("embedded default: University of Qom 1402-1403",))


def render(report: CheckReport, limit: int | None = DEFAULT_LIMIT) -> str:
    """The report as plain text."""
    lines: list[str] = []
    if report.files:
        lines.append(f"checked: {', '.join(report.files)}")
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
        lines.append(
            "not computed until the errors are fixed: supply against demand, eligibility, "
            "dead seats, non-viable applicants"
        )
    lines.append("")
    lines.append(f"warnings ({len(report.warnings)}):")
    lines += [f"  {w}" for w in listing(list(report.warnings))]
    n = len(report.errors)
    lines.append("")
    if n:
        lines.append(f"errors ({n}), listed on standard error: fix them and check again")
    else:
        lines.append("no errors")
    return "\n".join(lines)


def _eligible(report: CheckReport) -> list[str]:
    if report.eligible is None:
        return []
    line = f"eligible (E1–E9): {report.eligible:,} of {report.applicants:,}"
    if report.not_eligible_by_rule:
        rules = ", ".join(f"{r} {n:,}" for r, n in report.not_eligible_by_rule.items())
        line += f"; not eligible by rule: {rules}"
    return ["", line]


def _applicants(report: CheckReport) -> list[str]:
    female, male = (report.applicants_of(g) for g in (Gender.female, Gender.male))
    lines = ["", f"applicants: {report.applicants:,} (female {female:,}, male {male:,})"]
    if report.rows_with_errors:
        lines[-1] += f"; {report.rows_with_errors:,} rows with errors are not counted"
    degrees = [d for d in Degree if any(d in report.by_gender_degree[g] for g in Gender)]
    if degrees:
        width = max(len(d.value) for d in degrees)
        lines.append(f"  {'degree'.ljust(width)}  {'female':>7}  {'male':>7}")
        for d in degrees:
            f = report.by_gender_degree[Gender.female].get(d, 0)
            m = report.by_gender_degree[Gender.male].get(d, 0)
            lines.append(f"  {d.value.ljust(width)}  {f:>7,}  {m:>7,}")
    return lines


def _seats(report: CheckReport) -> list[str]:
    female, male = (report.seats(g) for g in (Gender.female, Gender.male))
    lines = [
        "",
        f"seats: {female + male:,} in {len(report.units)} units (female {female:,}, male {male:,})",
    ]
    if not report.units or not report.cross_checked:
        return lines
    by = {(d.code, d.gender): d for d in report.demand}
    code_w = max(4, *(len(u.code) for u in report.units))
    name_w = min(40, max(4, *(len(u.display_name) for u in report.units)))
    lines.append("  seats / applicants asking, per gender:")
    lines.append(f"  {'code'.ljust(code_w)}  {'unit'.ljust(name_w)}  {'female':>11}  {'male':>11}")
    for u in report.units:
        f, m = by[(u.code, Gender.female)], by[(u.code, Gender.male)]
        name = u.display_name
        name = (name if len(name) <= name_w else name[: name_w - 1] + "…").ljust(name_w)
        lines.append(
            f"  {u.code.ljust(code_w)}  {name}  {_pair(f.seats, f.demand):>11}  "
            f"{_pair(m.seats, m.demand):>11}"
        )
    return lines


def _pair(seats: int, demand: int) -> str:
    return f"{seats:,} / {demand:,}"


def _dead(report: CheckReport, limit: int | None) -> list[str]:
    dead = report.dead_seats
    lines = [
        "",
        f"dead seats: {sum(d.seats for d in dead):,} in {len(dead)} unit-gender groups "
        "(seats no eligible applicant of that gender asked for)",
    ]
    shown = dead if limit is None else dead[:limit]
    for d in shown:
        line = f"  {d.code} {d.name}: {d.seats} {d.gender.value}"
        if d.demand:
            line += f" (asked for by {d.demand:,}, none of them eligible for it)"
        lines.append(line)
    if len(shown) < len(dead):
        lines.append(f"  … and {len(dead) - len(shown):,} more (--all lists them)")
    return lines


def _no_open(report: CheckReport, limit: int | None) -> list[str]:
    people = report.no_open_unit
    lines = [
        "",
        f"applicants with no open unit: {len(people):,} (E9 closes every unit they asked for)",
    ]
    shown = people if limit is None else people[:limit]
    lines += [f"  {p.student_id} {p.name}: {', '.join(p.closed)}" for p in shown]
    if len(shown) < len(people):
        lines.append(f"  … and {len(people) - len(shown):,} more (--all lists them)")
    return lines


def _non_viable(report: CheckReport, limit: int | None) -> list[str]:
    people = report.non_viable
    lines = [
        "",
        f"non-viable applicants: {len(people):,} (nothing they asked for and is open to them "
        "has a seat of their gender)",
    ]
    shown = people if limit is None else people[:limit]
    lines += [f"  {p.student_id} {p.name} ({p.gender.value}): {p.reason}" for p in shown]
    if len(shown) < len(people):
        lines.append(f"  … and {len(people) - len(shown):,} more (--all lists them)")
    return lines
