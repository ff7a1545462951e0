"""Every bad-input case of the data contract: one located line, exit code 2, no traceback.

Each case writes an applicants and a units file, one of them broken, and expects the exact
located line, both from :func:`hamyar.io.load_problem` and from ``hamyar check``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from hamyar.cli import cli
from hamyar.errors import InputError
from hamyar.io import load_problem


@dataclass(frozen=True)
class Case:
    """The English applicants and units tables with at most one change each: ``drop`` an
    applicants column, one applicants ``cell`` or one ``units_cell`` as ``(row, column, value)``
    (row 1 = the first data row)."""

    drop: str | None = None
    cell: tuple[int, str, str] | None = None
    units_cell: tuple[int, str, str] | None = None
    applicants_name: str = "apps.csv"
    units_name: str = "units.csv"
    expected: str = ""
    """The expected line; ``{apps}`` and ``{units}`` stand for the two paths."""
    prepare: Callable[[Path, Path], None] | None = None


def _remove(apps: Path, units: Path) -> None:
    apps.unlink()


def _empty_workbook(apps: Path, units: Path) -> None:
    openpyxl.Workbook().save(apps)


CASES = {
    # the applicants file is not there
    "missing file": Case(prepare=_remove, expected="{apps}: applicants file not found"),
    # a format the readers do not know
    "unsupported extension": Case(
        applicants_name="apps.txt",
        expected="{apps}: unsupported file type .txt: use .xlsx, .xlsm, .csv",
    ),
    # a workbook whose only sheet has no cells
    "empty sheet": Case(
        applicants_name="apps.xlsx",
        prepare=_empty_workbook,
        expected="{apps}: empty sheet: the applicants file has no rows",
    ),
    # no GPA column: name it and list the accepted headers
    "missing required column": Case(
        drop="gpa",
        expected="{apps}:1: missing required column gpa; accepted headers: gpa, معدل ترم گذشته, "
        "معدل",
    ),
    # the third data row repeats the first one's student number
    "duplicate student_id": Case(
        cell=(3, "student_id", "4001"),
        expected="{apps}:4:student_id: duplicate student_id (also row 2) (4001)",
    ),
    # the third data row repeats the first one's national ID
    "duplicate national_id": Case(
        cell=(3, "national_id", "0013542419"),
        expected="{apps}:4:national_id: duplicate national_id (also row 2) (0013542419)",
    ),
    # 0013542419 is valid; its last digit changed
    "national ID check digit": Case(
        cell=(1, "national_id", "0013542418"),
        expected="{apps}:2:national_id: national ID has a wrong check digit (0013542418)",
    ),
    # GPAs are out of 20
    "GPA outside 0-20": Case(
        cell=(2, "gpa", "21"),
        expected="{apps}:3:gpa: GPA must be within 0-20 (21)",
    ),
    # not a degree word in either language
    "unknown degree word": Case(
        cell=(1, "degree", "diploma"),
        expected="{apps}:2:degree: unknown degree; accepted: associate, کاردانی",
    ),
    # 1402 is not a leap year: Esfand has 29 days
    "impossible Jalali date": Case(
        cell=(1, "study_start", "1402/12/30"),
        expected="{apps}:2:study_start: impossible Jalali date (1402/12/30)",
    ),
    # seats cannot be negative
    "negative seats": Case(
        units_cell=(2, "male_seats", "-2"),
        expected="{units}:3:male_seats: negative seats (-2)",
    ),
    # LIBR is no unit; LIB is close
    "unknown unit in preferences": Case(
        cell=(1, "preferences", "LIBR;SCI"),
        expected="{apps}:2:preferences: unknown unit in preferences; did you mean 'LIB'? (LIBR)",
    ),
}


@pytest.fixture
def files(tmp_path, applicants_en, units_en, with_cell, without_column, write_table):
    """``files(case)``: the case's applicants and units files, written in ``tmp_path``."""

    def write(case: Case) -> tuple[Path, Path]:
        apps_rows, units_rows = applicants_en, units_en
        if case.drop is not None:
            apps_rows = without_column(apps_rows, case.drop)
        if case.cell is not None:
            apps_rows = with_cell(apps_rows, *case.cell)
        if case.units_cell is not None:
            units_rows = with_cell(units_rows, *case.units_cell)
        apps = write_table(tmp_path / case.applicants_name, apps_rows)
        units = write_table(tmp_path / case.units_name, units_rows)
        if case.prepare is not None:
            case.prepare(apps, units)
        return apps, units

    return write


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_one_located_line(name: str, files) -> None:
    case = CASES[name]
    apps, units = files(case)
    expected = case.expected.format(apps=apps, units=units)
    with pytest.raises(InputError) as info:
        load_problem(apps, units)
    lines = str(info.value).splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(expected)

    result = CliRunner().invoke(cli, ["check", str(apps), str(units)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines()[0].startswith(expected)


def test_all_bad_cells_of_all_files_in_one_error(
    tmp_path: Path, with_cell, write_table, applicants_en, units_en
) -> None:
    apps_rows = with_cell(applicants_en, 1, "gpa", "۲۲")
    apps_rows = with_cell(apps_rows, 2, "study_start", "1402/12/30")
    apps_rows = with_cell(apps_rows, 3, "gender", "?")
    units_rows = with_cell(units_en, 1, "female_seats", "-1")
    apps = write_table(tmp_path / "apps.csv", apps_rows)
    units = write_table(tmp_path / "units.xlsx", units_rows)
    with pytest.raises(InputError) as info:
        load_problem(apps, units)
    located = [(i.file, i.row, i.column) for i in info.value.issues]
    assert located == [
        (str(apps), 2, "gpa"),
        (str(apps), 3, "study_start"),
        (str(apps), 4, "gender"),
        (str(units), 2, "female_seats"),
    ]
