"""Accounts on SQLite and PostgreSQL: argon2 hashes made again when their parameters change,
the login throttle kept in the database, the server's key kept across restarts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import inspect

from hamyar.store import Workspace, WorkspaceError
from hamyar.store.runs import now
from hamyar.store.users import (
    FIRST_WAIT_S,
    FREE_FAILURES,
    add_user,
    any_users,
    clear_failures,
    get_user,
    list_users,
    record_failure,
    remove_user,
    resolve_unit,
    server_key,
    set_password,
    throttle_keys,
    verify,
    wait_left,
)

PASSWORD = "correct horse battery"


def test_migration_0005_makes_the_tables(empty_workspace_env: str) -> None:
    workspace = Workspace.open()
    tables = set(inspect(workspace.engine).get_table_names())
    workspace.close()
    assert {"users", "login_failures", "server_keys", "unit_confirmations"} <= tables


def test_an_account_is_kept_only_as_an_argon2_hash(workspace_env: str) -> None:
    workspace = Workspace.open()
    with workspace.session() as session:
        assert not any_users(session)
        add_user(session, "karimi", "planner", PASSWORD, by="admin")
        add_user(session, "lib", "unit", PASSWORD, unit_code="LIB")
    with workspace.session() as session:
        row = get_user(session, "karimi")
        assert row is not None and row.created_by == "admin"
        assert row.password_hash.startswith("$argon2id$") and PASSWORD not in row.password_hash
        assert any_users(session)
        assert [(u.name, u.role, u.unit_code) for u in list_users(session)] == [
            ("karimi", "planner", None),
            ("lib", "unit", "LIB"),
        ]
        assert verify(session, "karimi", PASSWORD) is not None
        assert verify(session, "karimi", PASSWORD + "x") is None
        assert verify(session, "nobody", PASSWORD) is None
    workspace.close()


@pytest.mark.parametrize(
    ("name", "role", "password", "unit", "message"),
    [
        ("a b", "planner", PASSWORD, None, "without spaces"),
        ("x", "admin", PASSWORD, None, "the role is one of"),
        ("x", "unit", PASSWORD, None, "names its unit"),
        ("x", "finance", PASSWORD, "LIB", "names its unit"),
        ("x", "planner", "short", None, "at least 8 characters"),
        ("karimi", "planner", PASSWORD, None, "an account of that name exists"),
    ],
)
def test_bad_accounts_are_refused(
    workspace_env: str, name: str, role: str, password: str, unit: str | None, message: str
) -> None:
    workspace = Workspace.open()
    with workspace.session() as session:
        add_user(session, "karimi", "planner", PASSWORD)
    with pytest.raises(WorkspaceError, match=message), workspace.session() as session:
        add_user(session, name, role, password, unit_code=unit)
    with workspace.session() as session:
        assert [u.name for u in list_users(session)] == ["karimi"]
    workspace.close()


def test_a_hash_of_old_parameters_is_made_again_at_login(
    workspace_env: str, production_hasher: None
) -> None:
    workspace = Workspace.open()
    old = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    with workspace.session() as session:
        row = add_user(session, "karimi", "planner", PASSWORD)
        row.password_hash = old.hash(PASSWORD)
    with workspace.session() as session:
        assert verify(session, "karimi", PASSWORD) is not None
    with workspace.session() as session:
        row = get_user(session, "karimi")
        assert row is not None and "m=8192" not in row.password_hash
        assert not PasswordHasher().check_needs_rehash(row.password_hash)
        assert verify(session, "karimi", PASSWORD) is not None
    workspace.close()


def test_a_new_password_and_a_removed_account(workspace_env: str) -> None:
    workspace = Workspace.open()
    with workspace.session() as session:
        add_user(session, "karimi", "planner", PASSWORD)
        set_password(session, "karimi", "another password")
    with workspace.session() as session:
        assert verify(session, "karimi", PASSWORD) is None
        assert verify(session, "karimi", "another password") is not None
        remove_user(session, "karimi")
        assert not any_users(session)
    with pytest.raises(WorkspaceError, match="no such account"), workspace.session() as session:
        set_password(session, "karimi", PASSWORD)
    workspace.close()


def test_failed_logins_wait_longer_and_survive_a_restart(workspace_env: str) -> None:
    keys = throttle_keys("karimi", "10.1.2.3")
    start = now()
    workspace = Workspace.open()
    with workspace.session() as session:
        for i in range(FREE_FAILURES - 1):
            assert record_failure(session, keys, start) == 0, i
        assert wait_left(session, keys, start) == 0
        assert record_failure(session, keys, start) == FIRST_WAIT_S
        assert record_failure(session, keys, start) == 2 * FIRST_WAIT_S
    workspace.close()
    workspace = Workspace.open()  # a restart keeps the count
    with workspace.session() as session:
        assert wait_left(session, keys, start) == 2 * FIRST_WAIT_S
        assert wait_left(session, throttle_keys("karimi", "10.9.9.9"), start) == 2 * FIRST_WAIT_S
        assert wait_left(session, throttle_keys("other", "10.1.2.3"), start) == 2 * FIRST_WAIT_S
        assert wait_left(session, throttle_keys("other", "10.9.9.9"), start) == 0
        later = start + timedelta(seconds=2 * FIRST_WAIT_S)
        assert wait_left(session, keys, later) == 0
        assert record_failure(session, keys, later) == 4 * FIRST_WAIT_S
        next_day = later + timedelta(days=2)
        assert record_failure(session, keys, next_day) == 0  # old failures are forgotten
        clear_failures(session, keys)
        assert wait_left(session, keys, next_day) == 0
    workspace.close()


def test_the_session_key_is_kept_across_restarts(workspace_env: str) -> None:
    workspace = Workspace.open()
    with workspace.session() as session:
        first = server_key(session, "session-cookie")
    workspace.close()
    workspace = Workspace.open()
    with workspace.session() as session:
        assert server_key(session, "session-cookie") == first
        assert server_key(session, "other") != first
    workspace.close()
    assert len(first) >= 48


def test_a_unit_is_named_by_code_or_name(workspace_env: str) -> None:
    workspace = Workspace.open()
    with workspace.session() as session:
        assert resolve_unit(session, "LIB") == "LIB"
        assert resolve_unit(session, "lib") == "LIB"
        assert resolve_unit(session, "کتابخانه مرکزی") == "LIB"
        assert resolve_unit(session, "Central Library") == "LIB"
        with pytest.raises(WorkspaceError, match="no unit the workspace knows"):
            resolve_unit(session, "Kitchen")
    workspace.close()
