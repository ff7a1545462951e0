"""``--lang`` on every command: the console, the errors and the help in the chosen language."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from hamyar.cli import COMMANDS, cli
from hamyar.messages import current_lang

APPLICANTS = [
    ["student_id", "first_name", "last_name", "gender", "degree", "gpa", "semesters_passed",
     "preferences"],
    ["4001", "علی", "رضایی", "مرد", "کارشناسی", "25", "2", "LIB"],
    ["4002", "زهرا", "کریمی", "زن", "کارشناسی ارشد", "18", "1", "LIB"],
]  # fmt: skip
UNITS = [["code", "name_fa", "female_seats", "male_seats"], ["LIB", "کتابخانه مرکزی", 2, 3]]


def _csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def broken(tmp_path: Path) -> tuple[Path, Path]:
    """Applicants with a GPA of 25 (row 2) and a units file that is not there."""
    return _csv(tmp_path / "apps.csv", APPLICANTS), tmp_path / "units.csv"


def every_command(group: click.Group, ctx: click.Context) -> Iterator[click.Command]:
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        yield command
        if isinstance(command, click.Group):
            yield from every_command(command, ctx)


def test_every_command_takes_lang_with_one_default() -> None:
    ctx = click.Context(cli)
    commands = list(every_command(cli, ctx))
    assert len(commands) > len(COMMANDS)  # the groups' subcommands too
    for command in [cli, *commands]:
        langs = [p for p in command.params if p.name == "lang"]
        assert len(langs) == 1, command.name
        assert isinstance(langs[0].type, click.Choice)
        assert list(langs[0].type.choices) == ["fa", "en"]
        assert langs[0].get_default(ctx) == "en", command.name  # HAMYAR_LANG of the suite


def test_check_lang_fa_prints_persian_located_lines(broken: tuple[Path, Path]) -> None:
    apps, units = broken
    result = CliRunner().invoke(cli, ["check", str(apps), str(units), "--lang", "fa"])
    assert result.exit_code == 2
    assert f"{units}: پرونده واحدها پیدا نشد" in result.stderr.splitlines()
    assert any(
        line.startswith(f"{apps}، ردیف ۲، ستون «gpa»: ") and line.endswith(" («25»)")
        for line in result.stderr.splitlines()
    ), result.stderr
    assert "بررسی‌شده: " in result.stdout and "خطا، فهرست‌شده در خروجی خطا" in result.stdout
    assert "Traceback" not in result.output


def test_lang_on_the_root_and_hamyar_lang_choose_the_default(
    broken: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    apps, units = broken
    english = CliRunner().invoke(cli, ["check", str(apps), str(units)])
    assert f"{units}: units file not found" in english.stderr.splitlines()
    root = CliRunner().invoke(cli, ["--lang", "fa", "check", str(apps), str(units)])
    assert f"{units}: پرونده واحدها پیدا نشد" in root.stderr.splitlines()
    monkeypatch.setenv("HAMYAR_LANG", "fa")
    persian = CliRunner().invoke(cli, ["check", str(apps), str(units)])
    assert persian.stderr == root.stderr
    back = CliRunner().invoke(cli, ["check", str(apps), str(units), "--lang=en"])
    assert back.stderr == english.stderr


def test_help_is_in_the_language_named_anywhere_on_the_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    persian = "را (xlsx یا csv) بررسی می‌کند"
    for args in (["check", "--help", "--lang", "fa"], ["--lang", "fa", "check", "--help"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0 and persian in _unwrapped(result.output), args
        assert "Check APPLICANTS" not in result.output
    english = _unwrapped(CliRunner().invoke(cli, ["check", "--help"]).output)
    assert "Check APPLICANTS and UNITS" in english and persian not in english
    monkeypatch.setenv("HAMYAR_LANG", "fa")
    assert persian in _unwrapped(CliRunner().invoke(cli, ["check", "--help"]).output)
    root = CliRunner().invoke(cli, ["--help"])
    assert "همیار: شرایط، تخصیص و پرداخت" in _unwrapped(root.output)


def _unwrapped(text: str) -> str:
    return " ".join(text.split())


def test_an_unknown_language_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["check", "--lang", "de"])
    assert result.exit_code == 2 and "'de' is not one of 'fa', 'en'" in result.output


@pytest.mark.slow
def test_check_lang_fa_as_a_process(broken: tuple[Path, Path]) -> None:
    apps, units = broken
    hamyar = Path(sys.executable).with_name("hamyar")
    done = subprocess.run(
        [str(hamyar), "check", str(apps), str(units), "--lang", "fa"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert f"{units}: پرونده واحدها پیدا نشد" in done.stderr.splitlines()
    assert f"{apps}، ردیف ۲، ستون «gpa»: " in done.stderr
    assert "Traceback" not in done.stderr
    english = subprocess.run(
        [str(hamyar), "check", str(apps), str(units)], capture_output=True, text=True, timeout=120
    )
    assert f"{units}: units file not found" in english.stderr.splitlines()  # HAMYAR_LANG=en


def test_the_language_is_restored_however_a_command_ends(broken: tuple[Path, Path]) -> None:
    """``--help``, a usage error and bad input all leave the caller's language as it was."""
    apps, units = broken
    for args in (
        ["check", "--help", "--lang", "fa"],
        ["--lang", "fa", "check", "--nope"],
        ["check", str(apps), str(units), "--lang", "fa"],
    ):
        CliRunner().invoke(cli, args)
        assert current_lang() == "en", args
