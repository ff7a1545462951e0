"""The ``--workspace`` option and how a command opens the term workspace."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from hamyar.store import Workspace, in_language

F = TypeVar("F", bound=Callable[..., Any])


def workspace_option(func: F) -> F:
    return click.option(
        "--workspace",
        "workspace_dir",
        type=click.Path(path_type=Path, file_okay=False),
        envvar="HAMYAR_WORKSPACE",
        help="Workspace folder (hamyar.db inside); ./hamyar-workspace by default. "
        "HAMYAR_DATABASE_URL points at a PostgreSQL server instead.",
    )(func)


def open_workspace(workspace_dir: Path | None, lang: str = "en") -> Workspace:
    """The workspace, migrated; a refusal (exit 2) in ``lang`` when it cannot be used."""
    with in_language(lang):
        return Workspace.open(workspace_dir)
