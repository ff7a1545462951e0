"""The README's example of ``hamyar check`` on a broken file is what the command prints: the
Persian console (``--lang fa``) where the dry run is shown, the English one under *Persian and
English*."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from hamyar.cli import cli

ROOT = Path(__file__).parents[2]


def _block(text: str, marker: str) -> str:
    match = re.search(rf"<!-- check-demo: {marker} -->\n```\w+\n(.*?)```", text, re.DOTALL)
    assert match, f"README.md has no check-demo block {marker!r}"
    return match.group(1)


@pytest.mark.parametrize(("marker", "lang"), [("output", "fa"), ("output-en", "en")])
def test_readme_check_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, marker: str, lang: str
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (tmp_path / "applicants.csv").write_text(_block(readme, "applicants.csv"), encoding="utf-8")
    shutil.copy(ROOT / "hamyar" / "data" / "qom-1402-1403-units.csv", tmp_path / "units.csv")
    console = _block(readme, marker).splitlines()
    command, *shown = console
    assert command == f"$ hamyar check applicants.csv units.csv --lang {lang}"
    assert shown[-2:] == ["$ echo $?", "2"]
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, command.split()[2:])
    assert result.exit_code == 2
    assert (result.stdout + result.stderr).splitlines() == shown[:-2]
