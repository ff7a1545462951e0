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
from hamyar.models import Problem, Term
from hamyar.pipeline.continuing import OPTION, Continued, check_order, continue_from
from hamyar.store import in_language
from hamyar.store.history import term_history

F = TypeVar("F", bound=Callable[..., Any])


def continue_from_option(func: F) -> F:
    return click.option(
        OPTION,
        "continue_from",
        metavar="TERM",
        help="Earlier term (e.g. 1402-1) whose adopted allocation gives the continuing "
        "assistants (A5), its evaluations the E9 exclusions, and keep_previous its allocation.",
    )(func)


def parse_continue_from(text: str) -> Term:
    try:
        return Term.parse(text)
    except ValueError as exc:
        raise InputError(Issue(str(exc), text, file="-", column=OPTION)) from None


def continued(problem: Problem, text: str, workspace_dir: Path | None, lang: str) -> Continued:
    """``problem`` with the history of term ``text`` from the workspace applied."""
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


def report(cont: Continued, text: str, lang: str = "en") -> str:
    """One line in ``lang``: what the run took from the earlier term."""
    excluded = sum(1 for _ in cont.problem.exclusions)
    if lang == "fa":
        applied_fa = "اعمال شد" if cont.problem.policy.exclude_unsatisfied else "اعمال نشد"
        kept_fa = "حفظ شد" if cont.previous is not None else "حفظ نشد"
        return (
            f"ادامه از نیمسال {Term.parse(text)}: {len(cont.continuing)} همیار ادامه‌دهنده (A5)، "
            f"{len(cont.not_continuing)} بدون ادامه، {cont.not_applied} بدون درخواست دوباره؛ "
            f"{excluded} ارزیابی «ناراضی» (کنارگذاری E9 {applied_fa}: exclude_unsatisfied)؛ "
            f"تخصیص پیشین {kept_fa} (keep_previous)"
        )
    applied = "applied" if cont.problem.policy.exclude_unsatisfied else "not applied"
    kept = "kept as the previous allocation" if cont.previous is not None else "not kept"
    return (
        f"continuing from {Term.parse(text)}: {len(cont.continuing)} continuing assistant(s) "
        f"(A5), {len(cont.not_continuing)} not continuing, {cont.not_applied} did not apply "
        f"again; {excluded} 'not satisfied' evaluation(s) (E9 exclusion {applied}: "
        f"exclude_unsatisfied); allocation {kept} (keep_previous)"
    )
