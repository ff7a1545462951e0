"""Options several commands share, and the parsing of their values."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from pydantic import TypeAdapter, ValidationError

from hamyar.commands.base import lang_option as lang_option
from hamyar.errors import InputError, Issue
from hamyar.messages import say
from hamyar.models import Policy, Term
from hamyar.models.policy import TimeLimit
from hamyar.optimizer.params import SolverParams

F = TypeVar("F", bound=Callable[..., Any])

FILE = click.Path(path_type=Path, dir_okay=False)


def policy_option(func: F) -> F:
    return click.option(
        "--policy",
        "policy_file",
        type=FILE,
        help="help.option.policy",
    )(func)


def optional_inputs(func: F) -> F:
    """``[APPLICANTS [UNITS]] [--rejections F] [--policy F] [--term T]``: the files of a problem,
    the embedded default's where left out (``check``, ``eligibility``)."""
    for decorate in reversed(
        (
            click.argument("applicants", type=FILE, required=False),
            click.argument("units", type=FILE, required=False),
            click.option("--rejections", type=FILE, help="help.option.rejections"),
            policy_option,
            term_option,
        )
    ):
        func = decorate(func)
    return func


def term_option(func: F) -> F:
    return click.option("--term", "term_text", help="help.option.term")(func)


class TimeLimitType(click.ParamType):
    """Seconds per solve, checked by the policy's bound (:data:`hamyar.models.policy.TimeLimit`:
    more than 0, at most a day, finite — ``nan`` and ``inf`` are refused)."""

    name = "seconds"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        try:
            return float(TypeAdapter(TimeLimit).validate_python(float(value)))
        except ValueError as exc:
            errors = exc.errors() if isinstance(exc, ValidationError) else ()
            reason = errors[0]["msg"] if errors else say("cli.time_limit.not_a_number")
            self.fail(say("cli.time_limit.bad", value=repr(value), reason=reason), param, ctx)


TIME_LIMIT = TimeLimitType()


def time_limit_option(func: F) -> F:
    return click.option("--time-limit", type=TIME_LIMIT, help="help.option.time_limit")(func)


def solver_params_option(func: F) -> F:
    return click.option(
        "--solver-params",
        "solver_params_file",
        type=FILE,
        metavar="FILE",
        help="help.option.solver_params",
    )(func)


def load_solver_params(path: Path | None) -> SolverParams | None:
    """The settings a solver parameters file gives (``None`` without one); a bad file is one
    located :class:`~hamyar.errors.InputError` naming every bad key."""
    return SolverParams.from_toml(path) if path else None


def force_option(func: F) -> F:
    return click.option("--force", is_flag=True, help="help.option.force")(func)


def load_policy(policy_file: Path | None) -> Policy | None:
    """The policy file's policy, or ``None`` for the defaults."""
    return Policy.from_toml(policy_file) if policy_file else None


def parse_term(text: str | None) -> Term | None:
    """``--term`` as a :class:`Term` (``None`` when not given); a located error otherwise."""
    if text is None:
        return None
    try:
        return Term.parse(text)
    except ValueError as exc:
        raise InputError(Issue(str(exc), text, file="-", column="--term")) from None
