"""The schema's migrations (Alembic, shipped in the package), run from the program.

:func:`upgrade` brings a database to the newest revision this program knows; a database whose
revision is unknown here was written by a newer hamyar and is refused, never touched.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from hamyar.messages import Msg
from hamyar.store.errors import WorkspaceError

MIGRATIONS = Path(__file__).parent / "migrations"
PG_MIGRATION_LOCK = 0x48414D59  # "HAMY": one migrating process at a time on a server


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest revision this program knows."""
    revision = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert revision is not None
    return revision


def current(connection: Connection) -> str | None:
    """The database's revision, ``None`` for an empty database."""
    return MigrationContext.configure(connection).get_current_revision()


def check_known(revision: str | None, where: str) -> None:
    """Refuse a database of a newer schema than this program."""
    if revision is None:
        return
    script = ScriptDirectory.from_config(alembic_config())
    known = {r.revision for r in script.walk_revisions()}
    if revision not in known:
        raise WorkspaceError(Msg("store.schema.newer", revision=revision, head=head()), where=where)


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Migrate to the head revision in one transaction; returns (before, after)."""
    from hamyar.store.engine import describe

    where = describe(str(engine.url.render_as_string(hide_password=False)))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_MIGRATION_LOCK})
        before = current(connection)
        check_known(before, where)
        if before != head():
            command.upgrade(alembic_config(connection), "head")
    return before, head()
