"""``hamyar users`` through the CLI on a SQLite workspace, and what ``serve`` binds."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from hamyar.cli import cli
from hamyar.commands.serve import check_host
from hamyar.errors import InputError
from hamyar.store import Workspace
from hamyar.store.users import verify


def users(ws: Path, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    done = CliRunner().invoke(
        cli, ["users", *args, "--workspace", str(ws), "--lang", "en"], input=stdin
    )
    return done.exit_code, done.stdout, done.stderr


def test_add_list_passwd_remove(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    code, out, _ = users(ws, "list")
    assert code == 0 and "no accounts" in out
    code, out, err = users(
        ws, "add", "karimi", "--role", "planner", stdin="pass-word-1\npass-word-1\n"
    )
    assert code == 0, err
    assert "account karimi added: planner" in out and "pass-word-1" not in out
    code, out, err = users(
        ws, "add", "lib", "--role", "unit", "--unit", "کتابخانه مرکزی", "--password-stdin",
        stdin="lib-password\n",
    )  # fmt: skip
    assert code == 0, err
    assert "lib added: unit of unit LIB" in out
    code, out, _ = users(
        ws,
        "add",
        "ahmadi",
        "--role",
        "finance",
        "--by",
        "karimi",
        "--password-stdin",
        stdin="money-money\n",
    )
    assert code == 0
    code, out, _ = users(ws, "list")
    lines = out.splitlines()
    assert [line.split("\t")[:3] for line in lines] == [
        ["ahmadi", "finance", "-"],
        ["karimi", "planner", "-"],
        ["lib", "unit", "LIB"],
    ]
    assert lines[0].endswith("by karimi")
    code, out, _ = users(ws, "passwd", "lib", "--password-stdin", stdin="new-lib-password\n")
    assert code == 0 and "password of lib changed" in out
    workspace = Workspace.open(ws)
    with workspace.session() as session:
        assert verify(session, "lib", "new-lib-password") is not None
        assert verify(session, "lib", "lib-password") is None
    workspace.close()
    code, out, _ = users(ws, "remove", "ahmadi")
    assert code == 0 and "account ahmadi removed" in out
    assert "ahmadi" not in users(ws, "list")[1]


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("add", "x", "--role", "planner"), "one-password\nanother-one\n", "do not match"),
        (("add", "x", "--role", "planner", "--password-stdin"), "short\n", "at least 8"),
        (("add", "x", "--role", "unit", "--unit", "Kitchen"), None, "no unit the workspace knows"),
        (("add", "x", "--role", "unit", "--password-stdin"), "long-enough\n", "names its unit"),
        (("passwd", "nobody", "--password-stdin"), "long-enough\n", "no such account"),
        (("remove", "nobody"), None, "no such account"),
    ],
)
def test_bad_requests_are_refused_with_exit_2(
    tmp_path: Path, args: tuple[str, ...], stdin: str | None, message: str
) -> None:
    code, out, err = users(tmp_path / "ws", *args, stdin=stdin)
    assert message in out + err
    assert "Traceback" not in out + err
    if message != "do not match":  # click asks again, then gives up at the end of input
        assert code == 2
        assert err.startswith("workspace: ")
    assert "no accounts" in users(tmp_path / "ws", "list")[1]


def test_serve_binds_other_addresses_only_with_accounts(tmp_path: Path) -> None:
    check_host("127.0.0.1", accounts=False)
    check_host("::1", accounts=False)
    check_host("0.0.0.0", accounts=True)
    check_host("192.168.1.10", accounts=True)
    with pytest.raises(InputError, match="needs accounts"):
        check_host("0.0.0.0", accounts=False)
    done = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--workspace", str(tmp_path)])
    assert done.exit_code == 2
    assert done.stderr.startswith("-:--host: binding an address other computers reach")
    assert "hamyar users add" in done.stderr
