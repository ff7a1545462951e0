"""``--continue-from TERM``: the next term's run starts from the workspace's history.

The continuing assistants (rule A5) come from the adopted allocation of TERM, the units'
"not satisfied" evaluations of TERM become E9 exclusions (policy ``exclude_unsatisfied``), and a
policy's ``keep_previous`` keeps that allocation (:mod:`hamyar.pipeline.continuing`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from hamyar.commands.workspace import open_workspace
from hamyar.errors import InputError, Issue
from hamyar.messages import Msg, check_lang, current_lang, say
from hamyar.models import Problem, Term
from hamyar.pipeline.continuing import OPTION, Continued, check_order, continue_from
from hamyar.store import in_language

F = TypeVar("F", bound=Callable[..., Any])


def continue_from_option(func: F) -> F:
    return click.option(
        OPTION,
        "continue_from",
        metavar="TERM",
        help="help.option.continue_from",
    )(func)


def parse_continue_from(text: str) -> Term:
    try:
        return Term.parse(text)
    except ValueError as exc:
        raise InputError(Issue(str(exc), text, file="-", column=OPTION)) from None


def continued(
    problem: Problem, text: str, workspace_dir: Path | None, lang: str | None = None
) -> Continued:
    """``problem`` with the history of term ``text`` from the workspace applied."""
    from hamyar.store.history import term_history

    term = parse_continue_from(text)
    check_order(problem, term)
    workspace = open_workspace(workspace_dir, lang)
    try:
        with in_language(lang), workspace.session() as session:
            history = term_history(session, term)
    finally:
        workspace.close()
    return continue_from(problem, history)


def history_hash(cont: Continued, text: str) -> dict[str, str]:
    """The fingerprint of what a run continued from, recorded with its inputs."""
    data = {
        "continuing": cont.continuing,
        "exclusions": sorted((e.student_id, e.unit_code) for e in cont.problem.exclusions),
        "previous": cont.previous,
    }
    digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
    return {f"workspace: {OPTION} {Term.parse(text)}": digest}


def report(cont: Continued, text: str, lang: str | None = None) -> str:
    """One line in ``lang`` (the current language by default): what the run took from the
    earlier term."""
    chosen = check_lang(lang) if lang else current_lang()
    return say(
        "history.continued",
        lang=chosen,
        term=str(Term.parse(text)),
        continuing=len(cont.continuing),
        not_continuing=len(cont.not_continuing),
        not_applied=cont.not_applied,
        excluded=sum(1 for _ in cont.problem.exclusions),
        applied=Msg(
            "history.continued.applied"
            if cont.problem.policy.exclude_unsatisfied
            else "history.continued.not_applied"
        ),
        kept=Msg(
            "history.continued.kept" if cont.previous is not None else "history.continued.not_kept"
        ),
    )
