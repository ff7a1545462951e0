"""The schema check that opens every workspace without importing Alembic."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine

from hamyar.store import Workspace
from hamyar.store.migrate import head
from hamyar.store.revision import shipped_head, up_to_date


def test_the_shipped_head_is_alembics_head() -> None:
    assert shipped_head() == head()


def test_an_empty_database_is_not_up_to_date_and_a_migrated_one_is(tmp_path: Path) -> None:
    empty = create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    assert not up_to_date(empty)
    workspace = Workspace.open(tmp_path / "ws")
    try:
        assert up_to_date(workspace.engine)
    finally:
        workspace.close()
