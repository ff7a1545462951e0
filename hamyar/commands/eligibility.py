"""``hamyar eligibility [APPLICANTS [UNITS]] --out DIR``: rules E1–E9 for every applicant.

Writes ``eligibility.csv`` (DATA.md; see :mod:`hamyar.reports.eligibility_csv`) into ``--out``
through :func:`hamyar.io.outdir.staged_output`, so bad input leaves nothing behind, and prints a
table: applicants, eligible, and per rule how many applicants it makes ineligible (``errors``),
warns about (``warnings``) or notes (``notes``), plus the (applicant, unit) pairs E9 closed.

With no APPLICANTS it works on the embedded default (University of Qom 1402–1403); with
APPLICANTS and no UNITS, on the embedded default's units.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click

from hamyar.commands.base import Command
from hamyar.commands.options import (
    force_option,
    load_policy,
    optional_inputs,
    parse_term,
)
from hamyar.eligibility import evaluate
from hamyar.errors import Issue
from hamyar.io.outdir import check_out_dir, staged_output
from hamyar.messages import Msg, number, say
from hamyar.models import EligibilityResult, Policy, Problem, Term
from hamyar.reports.eligibility_csv import write_eligibility_csv

RULE_TITLES: dict[str, Msg] = {
    "E1": Msg("eligibility.rule.E1"),
    "E2": Msg("eligibility.rule.E2"),
    "E3": Msg("eligibility.rule.E3"),
    "E4": Msg("eligibility.rule.E4"),
    "E5": Msg("eligibility.rule.E5"),
    "E6": Msg("eligibility.rule.E6"),
    "E7": Msg("eligibility.rule.E7"),
    "E8": Msg("eligibility.rule.E8"),
    "E9": Msg("eligibility.rule.E9"),
    "A4": Msg("eligibility.rule.A4"),
}


@click.command("eligibility", cls=Command, help="help.eligibility")
@optional_inputs
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="help.eligibility.out",
)
@force_option
def command(
    applicants: Path | None,
    units: Path | None,
    rejections: Path | None,
    policy_file: Path | None,
    term_text: str | None,
    out: Path,
    force: bool,
) -> None:
    """Apply rules E1–E9 to APPLICANTS (.xlsx or .csv) and write eligibility.csv to --out.

    Without APPLICANTS, the embedded default; without UNITS, the embedded default's units.
    """
    if applicants is None and rejections is not None:
        raise click.UsageError(say("eligibility.usage.rejections"))
    policy = load_policy(policy_file)
    term = parse_term(term_text)
    check_out_dir(out, force)
    problem, warnings = load(applicants, units, rejections, policy, term)
    for issue in warnings:
        click.echo(str(issue), err=True)
    result = evaluate(problem)
    with staged_output(out, force) as folder:
        write_eligibility_csv(folder / "eligibility.csv", problem, result)
    click.echo(render(result))
    click.echo("\n" + say("eligibility.wrote", file=str(out / "eligibility.csv")))


def load(
    applicants: Path | None,
    units: Path | None,
    rejections: Path | None,
    policy: Policy | None,
    term: Term | None,
) -> tuple[Problem, list[Issue]]:
    """The problem to evaluate and the readers' warnings (see the module docstring)."""
    if applicants is None:
        from hamyar.generator.default import default_problem

        problem = default_problem()
        update: dict[str, object] = {}
        if policy is not None:
            update["policy"] = policy
        if term is not None:
            update["term"] = term
        return (problem.model_copy(update=update) if update else problem), []
    if units is not None:
        from hamyar.io import load_problem

        return load_problem(applicants, units, rejections, policy, term, name=applicants.stem)
    return _with_default_units(applicants, rejections, policy, term)


def _with_default_units(
    applicants: Path, rejections: Path | None, policy: Policy | None, term: Term | None
) -> tuple[Problem, list[Issue]]:
    from hamyar.generator.default import default_units
    from hamyar.io import read_applicants, read_rejections, rejoin_preferences

    units = default_units()
    apps = read_applicants(applicants)
    rej = read_rejections(rejections) if rejections is not None else None
    warnings = [*apps.warnings, *(rej.warnings if rej else ())]
    problem = Problem.create(
        rejoin_preferences(apps.records, units),
        units,
        rej.records if rej else (),
        policy,
        term,
        name=applicants.stem,
    )
    return problem, warnings


@dataclass(frozen=True)
class RuleCount:
    """How many applicants one rule made ineligible, warned or noted; E9's closed pairs."""

    rule: str
    errors: int = 0
    warnings: int = 0
    notes: int = 0
    closed_pairs: int = 0


def rule_counts(result: EligibilityResult) -> list[RuleCount]:
    """One :class:`RuleCount` per rule E1–E9 (and A4 when it fired), counting applicants."""
    counts: dict[str, dict[str, int]] = {
        r: {"error": 0, "warning": 0, "info": 0, "pairs": 0} for r in RULE_TITLES if r != "A4"
    }
    for item in result.applicants:
        seen = {(r.rule, r.severity) for r in item.reasons}
        for rule, severity in seen:
            counts.setdefault(rule, {"error": 0, "warning": 0, "info": 0, "pairs": 0})
            counts[rule][severity] += 1
        counts["E9"]["pairs"] += len(item.closed_units)
    return [
        RuleCount(rule, c["error"], c["warning"], c["info"], c["pairs"])
        for rule, c in counts.items()
    ]


def render(result: EligibilityResult) -> str:
    """The printed summary: totals, then one line per rule, in the current language."""
    n = len(result.applicants)
    eligible = len(result.eligible_ids)
    heads = [say(f"eligibility.column.{c}") for c in COLUMNS]
    widths = [max(w, len(h)) for w, h in zip(WIDTHS, heads[:-1], strict=True)]
    lines = [
        say(
            "eligibility.totals",
            term=str(result.term),
            applicants=n,
            eligible=eligible,
            not_eligible=n - eligible,
        ),
        "",
        _line(heads, widths),
    ]
    for c in rule_counts(result):
        pairs = number(c.closed_pairs) if c.rule == "E9" else ""
        cells = [c.rule, number(c.errors), number(c.warnings), number(c.notes), pairs]
        title = RULE_TITLES.get(c.rule)
        lines.append(_line([*cells, str(title or "")], widths))
    lines.append("")
    lines.append(say("eligibility.legend"))
    return "\n".join(lines)


COLUMNS = ("rule", "errors", "warnings", "notes", "pairs", "what")
WIDTHS = (5, 7, 9, 6, 13)


def _line(cells: list[str], widths: list[int]) -> str:
    """The rule left-aligned, the counts right-aligned, the title after two spaces."""
    first, *counts, last = cells
    right = (cell.rjust(width) for cell, width in zip(counts, widths[1:], strict=True))
    return " ".join([first.ljust(widths[0]), *right]) + f"  {last}"
