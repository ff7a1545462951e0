"""Pieces several commands share: the policy/term options, progress lines, the summary table."""

from __future__ import annotations

import sys
from typing import Any

import click

from hamyar.errors import Issue
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
        text = f"[{self.done}/{len(self.stages)}] {stage}"
        if self.tty:
            self.stream.write("\r\033[K" + text + " …")
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\r\033[K")
            self.stream.flush()


def print_warnings(warnings: tuple[Issue, ...] | list[Issue], limit: int = 20) -> None:
    for issue in list(warnings)[:limit]:
        click.echo(str(issue), err=True)
    if len(warnings) > limit:
        click.echo(f"… and {len(warnings) - limit} more warnings", err=True)


def summary_table(result: RunResult) -> str:
    """The short table a run ends with."""
    k = result.kpis
    gap = f"{k.gap:.2%}" if k.gap else "0"
    rows = [
        ("applicants", f"{k.applicants:,}"),
        ("eligible", f"{k.eligible:,}"),
        (
            "placed (female / male)",
            f"{k.placed:,} ({k.placed_by_gender[Gender.female]:,} / "
            f"{k.placed_by_gender[Gender.male]:,})",
        ),
        (
            "seats left (female / male)",
            f"{k.seats_left_by_gender[Gender.female]:,} / {k.seats_left_by_gender[Gender.male]:,}",
        ),
        ("placed at first choice", f"{k.first_choice_share:.1%}"),
        ("justified-envy pairs", f"{k.justified_envy:,}"),
        ("planned term cost", f"{k.term_cost_rial:,} rial ({k.term_cost_rial // 10:,} toman)"),
        ("solver", f"{k.status}, gap {gap}, {k.solve_time_s:.2f} s"),
    ]
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label.ljust(width)}  {value}" for label, value in rows)
