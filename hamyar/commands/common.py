"""Pieces several commands share: progress lines, warnings, the summary table."""

from __future__ import annotations

import sys
from typing import Any

import click

from hamyar.errors import Issue
from hamyar.messages import number, say
from hamyar.models import Gender
from hamyar.models.run import RunResult


class Progress:
    """Shows which stage a run is in: one rewritten line on a terminal, plain lines when piped."""

    def __init__(self, stages: tuple[str, ...], stream: Any = None) -> None:
        self.stages = stages
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.done = 0

    def __call__(self, stage: str) -> None:
        self.done += 1
        text = say("progress.stage", done=self.done, of=len(self.stages), stage=stage_name(stage))
        if self.tty:
            self.stream.write("\r\033[K" + text + " …")
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\r\033[K")
            self.stream.flush()


def stage_name(stage: str) -> str:
    """A stage of a run (``inputs``, ``eligibility``…) in the current language."""
    return say(f"progress.stage.{stage}")


def print_warnings(warnings: tuple[Issue, ...] | list[Issue], limit: int = 20) -> None:
    for issue in list(warnings)[:limit]:
        click.echo(str(issue), err=True)
    if len(warnings) > limit:
        click.echo(say("progress.more_warnings", count=len(warnings) - limit), err=True)


def summary_table(result: RunResult) -> str:
    """The short table a run ends with, in the current language."""
    k = result.kpis
    female, male = Gender.female, Gender.male
    rows = [
        ("summary.applicants", number(k.applicants)),
        ("summary.eligible", number(k.eligible)),
        (
            "summary.placed",
            say(
                "summary.placed.value",
                placed=k.placed,
                female=k.placed_by_gender[female],
                male=k.placed_by_gender[male],
            ),
        ),
        (
            "summary.seats_left",
            say(
                "summary.pair",
                female=k.seats_left_by_gender[female],
                male=k.seats_left_by_gender[male],
            ),
        ),
        ("summary.first_choice", number(k.first_choice_share, spec=".1%")),
        ("summary.justified_envy", number(k.justified_envy)),
        (
            "summary.cost",
            say("summary.cost.value", rial=k.term_cost_rial, toman=k.term_cost_rial // 10),
        ),
        (
            "summary.solver",
            say(
                "summary.solver.value",
                status=say(f"word.status.{k.status}"),
                gap=number(k.gap, spec=".2%") if k.gap else number(0),
                seconds=number(k.solve_time_s, spec=".2f"),
            ),
        ),
    ]
    labelled = [(say(code), value) for code, value in rows]
    width = max(len(label) for label, _ in labelled)
    return "\n".join(f"{label.ljust(width)}  {value}" for label, value in labelled)
