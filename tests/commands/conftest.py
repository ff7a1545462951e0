"""Fixtures of the command tests: the embedded default's Persian run, made once for the session
(``hamyar run --per-unit --lang fa``) and its workbook read once; its applicants as a Persian
workbook, written once."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from hamyar.cli import cli
from hamyar.generator.default import default_problem
from hamyar.io.writers import write_applicants


@pytest.fixture(scope="session")
def persian_default_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output folder of ``hamyar run --out … --per-unit --lang fa`` on the embedded default
    (recorded in the session's workspace): read it, write elsewhere."""
    out = tmp_path_factory.mktemp("run") / "out"
    result = CliRunner().invoke(cli, ["run", "--out", str(out), "--per-unit", "--lang", "fa"])
    assert result.exit_code == 0, result.output
    assert "پذیرفته در انتخاب اول" in result.output  # the console speaks the workbooks' language
    return out


@pytest.fixture(scope="session")
def persian_default_workbook(persian_default_run: Path) -> openpyxl.Workbook:
    """``allocation.xlsx`` of :func:`persian_default_run`, loaded once: read it, never save it."""
    return openpyxl.load_workbook(persian_default_run / "allocation.xlsx")


@pytest.fixture(scope="session")
def default_applicants_xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The embedded default's applicants written as a Persian ``applicants.xlsx`` once for the
    session: read it, never write to it."""
    path = tmp_path_factory.mktemp("default-applicants") / "applicants.xlsx"
    write_applicants(default_problem().applicants, path, lang="fa")
    return path
