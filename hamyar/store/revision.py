"""Whether a workspace's schema is already the newest, answered without importing Alembic.

Opening the workspace happens in every command; importing Alembic (and Mako with it) to learn
that nothing needs migrating cost a fifth of a second of ``hamyar run``. The newest revision is
read from the shipped migration files (the one ``revision`` no other file names as its
``down_revision``) and the database's from its ``alembic_version`` table; only when they differ
does :func:`hamyar.store.migrate.upgrade` run (and refuse a newer schema).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

VERSIONS = Path(__file__).parent / "migrations" / "versions"
_ASSIGN = re.compile(r'^(revision|down_revision)\s*=\s*["\']([^"\']+)["\']', re.MULTILINE)


@cache
def shipped_head() -> str | None:
    """The newest revision of the shipped migrations; ``None`` if they cannot be read so."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in VERSIONS.glob("*.py"):
        found = dict(_ASSIGN.findall(path.read_text(encoding="utf-8")))
        if "revision" not in found:
            return None
        revisions.add(found["revision"])
        if "down_revision" in found:
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def up_to_date(engine: Engine) -> bool:
    """Whether the database is at the shipped head (any doubt answers no)."""
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    head = shipped_head()
    if head is None:
        return False
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except SQLAlchemyError:
        return False
    return [r[0] for r in rows] == [head]
