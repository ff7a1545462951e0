"""Migrations on first use, ``hamyar db upgrade``, and the refusal of a newer schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import inspect, text

from hamyar.cli import cli
from hamyar.errors import InputError
from hamyar.store import Workspace, WorkspaceError, database_url
from hamyar.store.migrate import head


def test_first_use_creates_the_schema(empty_workspace_env: str) -> None:
    workspace = Workspace.open()
    tables = set(inspect(workspace.engine).get_table_names())
    workspace.close()
    assert {"runs", "run_inputs", "run_assignments", "adoptions", "terms"} <= tables
    assert {"payment_batches", "payment_lines", "alembic_version"} <= tables


def test_db_upgrade_reports_and_is_idempotent(empty_workspace_env: str) -> None:
    runner = CliRunner()
    first = runner.invoke(cli, ["db", "upgrade", "--lang", "en"])
    assert first.exit_code == 0, first.output
    assert f"empty → {head()}" in first.output
    again = runner.invoke(cli, ["db", "upgrade", "--lang", "en"])
    assert again.exit_code == 0
    assert "up to date" in again.output


def test_newer_schema_is_refused(empty_workspace_env: str) -> None:
    workspace = Workspace.open()
    with workspace.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    workspace.close()
    with pytest.raises(WorkspaceError, match="newer than this hamyar"):
        Workspace.open()
    result = CliRunner().invoke(cli, ["db", "upgrade", "--lang", "en"])
    assert result.exit_code == 2
    assert "schema revision 9999, newer than this hamyar knows" in result.output
    assert "Traceback" not in result.output
    fa = CliRunner().invoke(cli, ["db", "upgrade", "--lang", "fa"])
    assert fa.exit_code == 2 and "تازه‌تر" in fa.output


def test_default_location_and_workspace_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HAMYAR_DATABASE_URL", raising=False)
    monkeypatch.delenv("HAMYAR_WORKSPACE", raising=False)
    monkeypatch.chdir(tmp_path)
    assert database_url() == f"sqlite:///{tmp_path / 'hamyar-workspace' / 'hamyar.db'}"
    result = CliRunner().invoke(cli, ["db", "upgrade", "--workspace", str(tmp_path / "ws")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ws" / "hamyar.db").is_file()
    monkeypatch.setenv("HAMYAR_WORKSPACE", str(tmp_path / "env-ws"))
    assert database_url() == f"sqlite:///{tmp_path / 'env-ws' / 'hamyar.db'}"


def test_in_language_gives_an_input_error() -> None:
    from hamyar.store import in_language

    with pytest.raises(InputError, match="نه"), in_language("fa"):
        raise WorkspaceError("no", "نه")
