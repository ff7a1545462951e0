"""``hamyar check`` as the full dry run: every problem of every kind in one run, no figures
computed from a file that could not be read, and the eligibility-aware warnings (E8 Sheba, dead
seats after E9, applicants with no open unit)."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from hamyar.checks import check_files
from hamyar.cli import cli
from hamyar.models.sheba import make_sheba

SHEBA = make_sheba("017", "0000000000000000001")
BAD_SHEBA = SHEBA[:-1] + ("2" if SHEBA[-1] != "2" else "3")

UNITS: list[list[object]] = [
    ["code", "name_fa", "name_en", "female_seats", "male_seats", "area"],
    ["LIB", "کتابخانه مرکزی", "Central Library", 2, 3, ""],
    ["DORM", "خوابگاه", "Dormitories", 4, 0, "امور خوابگاه"],
    ["SCI", "دانشکده علوم پایه", "Faculty of Basic Sciences", 1, 1, ""],
    ["PE", "تربیت بدنی", "Physical Education", 1, 2, ""],
]
HEADER = ["student_id", "first_name", "last_name", "gender", "degree", "gpa", "semesters_passed",
          "sheba", "preferences"]  # fmt: skip
APPLICANTS: list[list[object]] = [
    HEADER,
    ["4001", "علی", "رضایی", "مرد", "کارشناسی", "17", "2", SHEBA, "LIB;SCI"],
    ["4002", "زهرا", "کریمی", "زن", "کارشناسی ارشد", "18", "1", "", "DORM"],
    ["4003", "مریم", "احمدی", "زن", "کارشناسی", "19", "3", BAD_SHEBA, "SCI;LIB"],
    ["4004", "رضا", "نوری", "مرد", "کارشناسی", "16", "4", SHEBA, "PE"],
]  # fmt: skip


def _csv(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _rows(changes: dict[tuple[int, str], object] | None = None) -> list[list[object]]:
    rows = [list(r) for r in APPLICANTS]
    for (row, column), value in (changes or {}).items():
        rows[row][HEADER.index(column)] = value
    return rows


def _check(tmp_path: Path, apps: Sequence[Sequence[object]], *extra: str) -> tuple[Path, object]:
    apps_file = _csv(tmp_path / "apps.csv", apps)
    units_file = _csv(tmp_path / "units.csv", UNITS)
    result = CliRunner().invoke(cli, ["check", str(apps_file), str(units_file), *extra])
    return apps_file, result


def test_header_cells_duplicates_and_references_in_one_run(tmp_path: Path) -> None:
    """A wrong header, a bad cell, a duplicate student ID (one of its rows also bad) and an
    unknown unit: all of them in the first run."""
    apps = _rows({(2, "gender"): "زنانه", (3, "student_id"): "4002", (4, "preferences"): "LIBB"})
    apps[0][HEADER.index("degree")] = "degre"
    apps_file, result = _check(tmp_path, apps)
    assert result.exit_code == 2, result.output
    err = result.stderr
    assert "Traceback" not in result.output
    assert f"{apps_file}:1: missing required column degree; did you mean 'degre'?" in err
    assert f"{apps_file}:3:gender: unknown gender" in err
    assert f"{apps_file}:4:student_id: duplicate student_id (also row 3) (4002)" in err
    unknown = "unknown unit in preferences; did you mean 'LIB'? (LIBB)"
    assert f"{apps_file}:5:preferences: {unknown}" in err


def test_unknown_unit_reported_with_a_bad_cell(tmp_path: Path) -> None:
    apps = _rows({(1, "gpa"): "25", (2, "preferences"): "LIBB"})
    apps_file, result = _check(tmp_path, apps)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{apps_file}:2:gpa: GPA must be within 0-20 (25)",
        f"{apps_file}:3:preferences: unknown unit in preferences; did you mean 'LIB'? (LIBB)",
    ]


def test_missing_column_prints_no_figures_from_nothing(tmp_path: Path) -> None:
    apps = [[v for i, v in enumerate(r) if i != HEADER.index("gender")] for r in APPLICANTS]
    apps_file, result = _check(tmp_path, apps)
    assert result.exit_code == 2
    assert f"{apps_file}:1: missing required column gender" in result.stderr
    out = result.stdout
    assert not any(line.startswith("applicants:") for line in out.splitlines())
    assert "dead seats:" not in out and "non-viable applicants:" not in out
    assert "seats: 14 in 4 units" in out  # the units file was read: its figures stand


def test_e8_sheba_warnings(tmp_path: Path) -> None:
    apps_file, result = _check(tmp_path, _rows())
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"{apps_file}:3:sheba: warning: E8: no Sheba on record" in out
    assert f"{apps_file}:4:sheba: warning: E8: invalid Sheba {BAD_SHEBA}" in out
    assert f"{apps_file}:2:sheba" not in out


def test_dead_seats_and_no_open_unit_after_e9(tmp_path: Path) -> None:
    """PE's male seats were asked for only by 4004, whom PE rejected: dead after E9, and 4004
    is left with no open unit."""
    rejections = _csv(tmp_path / "rej.csv", [["unit_code", "student_id"], ["PE", "4004"]])
    apps_file = _csv(tmp_path / "apps.csv", _rows())
    units_file = _csv(tmp_path / "units.csv", UNITS)
    report = check_files(apps_file, units_file, rejections)
    assert report.ok, report.errors
    dead = {(d.code, d.gender.value): d for d in report.dead_seats}
    assert set(dead) == {("PE", "female"), ("PE", "male")}
    assert dead[("PE", "male")].demand == 1 and dead[("PE", "male")].eligible_demand == 0
    assert [p.student_id for p in report.no_open_unit] == ["4004"]

    result = CliRunner().invoke(
        cli, ["check", str(apps_file), str(units_file), "--rejections", str(rejections)]
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "dead seats: 3 in 2 unit-gender groups" in out
    assert "PE Physical Education: 2 male (asked for by 1, none of them eligible for it)" in out
    assert (
        f"{apps_file}:5:preferences: warning: E9: no asked-for unit is open to the applicant: "
        "unit PE judged the applicant unsuitable (rejections list)"
    ) in out


def test_without_rejections_the_seat_is_not_dead(tmp_path: Path) -> None:
    _, result = _check(tmp_path, _rows())
    assert "PE Physical Education: 2 male" not in result.stdout
    assert "applicants with no open unit: 0" in result.stdout


def test_did_you_mean_for_an_unknown_optional_header(tmp_path: Path) -> None:
    apps = _rows()
    apps[0][HEADER.index("sheba")] = "sheeba"
    apps_file, result = _check(tmp_path, apps)
    assert result.exit_code == 0, result.output
    assert (
        f"{apps_file}:1:sheeba: warning: unknown column, kept as it is; did you mean 'sheba'?"
        in result.stdout
    )


def test_jalali_date_written_day_first(tmp_path: Path) -> None:
    apps = _rows()
    apps[0][HEADER.index("semesters_passed")] = "study_start"
    for row in apps[1:]:
        row[HEADER.index("semesters_passed")] = "1401/07/01"
    apps[2][HEADER.index("semesters_passed")] = "01/07/1401"
    apps_file, result = _check(tmp_path, apps)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{apps_file}:3:study_start: a Jalali date written day first; did you mean 1401/07/01? "
        "(01/07/1401)"
    ]


def test_sajad_area_wording_is_matched_to_the_area(tmp_path: Path) -> None:
    """The Sajad form names an area as «area - description»: the area before the dash."""
    wording = "امور خوابگاه - ارائه خدمات مناسب خوابگاهی"
    apps = _rows({(2, "preferences"): wording, (3, "preferences"): f"SCI;{wording}"})
    apps_file, result = _check(tmp_path, apps)
    assert result.exit_code == 0, result.output
    report = check_files(apps_file, tmp_path / "units.csv")
    dorm = {(d.code, d.gender.value): d.demand for d in report.demand}
    assert dorm[("DORM", "female")] == 2


@pytest.mark.slow
def test_broken_file_as_subprocess(tmp_path: Path) -> None:
    """``python -m hamyar check`` on a file with a wrong header, a bad cell and a duplicate:
    exit 2, all three located on standard error, no traceback, no figures of the applicants."""
    apps = _rows({(2, "gpa"): "بیست", (3, "student_id"): "4001"})
    apps[0][HEADER.index("gender")] = "جنسیت دانشجو"
    apps_file = _csv(tmp_path / "apps.csv", apps)
    units_file = _csv(tmp_path / "units.csv", UNITS)
    run = [sys.executable, "-m", "hamyar", "check", str(apps_file), str(units_file)]
    done = subprocess.run(run, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert any(line.startswith(f"{apps_file}:1: missing required column gender") for line in lines)
    assert f"{apps_file}:3:gpa: not a number (بیست)" in lines
    assert f"{apps_file}:4:student_id: duplicate student_id (also row 2) (4001)" in lines
    assert not any(line.startswith("applicants:") for line in done.stdout.splitlines())


def test_sajad_wording_on_the_shipped_qom_table(tmp_path: Path) -> None:
    """On the shipped table (whose areas are not written as the Sajad form writes them), «امور
    خوابگاه - …» names the unit «خوابگاه» (the area less «امور»), and a comma inside a
    description does not split it into an unknown unit."""
    units = Path(__file__).parents[2] / "hamyar" / "data" / "qom-1402-1403-units.csv"
    apps = _rows(
        {
            (2, "preferences"): "امور خوابگاه - ارائه خدمات مناسب خوابگاهی",
            (3, "preferences"): "امور فرهنگی - برگزاری اردوها، مراسم و همایش‌ها؛ LIB",
        }
    )
    apps_file = _csv(tmp_path / "apps.csv", apps)
    result = CliRunner().invoke(cli, ["check", str(apps_file), str(units)])
    assert result.exit_code == 0, result.output
    report = check_files(apps_file, units)
    asking = {(d.code, d.gender.value): d.demand for d in report.demand}
    assert asking[("DORM", "female")] == 1
    assert asking[("CULT", "female")] == 1 and asking[("LIB", "female")] == 1
