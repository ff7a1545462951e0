"""``hamyar check``: the report as data (hamyar.checks) and as printed, exit codes, subprocess."""

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
from hamyar.models import Degree, Gender

PUBLISHED = Path(__file__).parents[1] / "data" / "qom-1402-1403-units-as-published.xlsx"

UNITS: list[list[object]] = [
    ["code", "name_fa", "name_en", "female_seats", "male_seats"],
    ["LIB", "کتابخانه مرکزی", "Central Library", 2, 3],
    ["DORM", "خوابگاه", "Dormitories", 4, 0],
    ["SCI", "دانشکده علوم پایه", "Faculty of Basic Sciences", 1, 1],
    ["PE", "تربیت بدنی", "Physical Education", 1, 2],
]
APPLICANTS: list[list[object]] = [
    ["student_id", "first_name", "last_name", "gender", "degree", "gpa", "semesters_passed",
     "preferences"],
    ["4001", "علی", "رضایی", "مرد", "کارشناسی", "17", "2", "LIB;SCI"],
    ["4002", "زهرا", "کریمی", "زن", "کارشناسی ارشد", "18", "1", "خوابگاه"],
    ["4003", "مریم", "احمدی", "زن", "کارشناسی", "19", "3", "SCI;LIB;SCI"],
    ["4004", "رضا", "نوری", "مرد", "دکتری", "16", "4", "DORM"],
]  # fmt: skip


def _csv(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    return _csv(tmp_path / "apps.csv", APPLICANTS), _csv(tmp_path / "units.csv", UNITS)


def test_report_data(files: tuple[Path, Path]) -> None:
    report = check_files(*files)
    assert report.ok and report.applicants == 4
    assert report.by_gender_degree[Gender.female] == {
        Degree.master_discontinuous: 1,
        Degree.bachelor_continuous: 1,
    }
    assert report.by_gender_degree[Gender.male] == {Degree.bachelor_continuous: 1, Degree.phd: 1}
    table = {(d.code, d.gender.value): (d.seats, d.demand) for d in report.demand}
    assert table == {
        ("LIB", "female"): (2, 1),
        ("LIB", "male"): (3, 1),
        ("DORM", "female"): (4, 1),
        ("DORM", "male"): (0, 1),
        ("SCI", "female"): (1, 1),  # 4003 names SCI twice: counted once
        ("SCI", "male"): (1, 1),
        ("PE", "female"): (1, 0),
        ("PE", "male"): (2, 0),
    }
    assert [(d.code, d.gender.value, d.seats) for d in report.dead_seats] == [
        ("PE", "female", 1),
        ("PE", "male", 2),
    ]
    assert [(p.student_id, p.reason.render("en")) for p in report.non_viable] == [
        ("4004", "no male seats in DORM")
    ]
    assert (report.seats(Gender.female), report.seats(Gender.male)) == (8, 6)


def test_clean_check_prints_report_and_exits_0(files: tuple[Path, Path]) -> None:
    result = CliRunner().invoke(cli, ["check", *map(str, files)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "applicants: 4 (female 2, male 2)" in out
    assert "seats: 14 in 4 units (female 8, male 6)" in out
    assert "dead seats: 3 in 2 unit-gender groups" in out
    assert "  PE Physical Education: 2 male" in out
    assert "non-viable applicants: 1" in out
    assert "4004 رضا نوری (male): no male seats in DORM" in out
    assert out.rstrip().endswith("no errors")
    assert result.stderr == ""


def test_errors_go_to_stderr_with_exit_2(tmp_path: Path) -> None:
    apps = [list(r) for r in APPLICANTS]
    apps[1][5] = "25"
    apps[2][7] = "LIBB"
    result = CliRunner().invoke(
        cli, ["check", str(_csv(tmp_path / "a.csv", apps)), str(_csv(tmp_path / "u.csv", UNITS))]
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'a.csv'}:2:gpa: GPA must be within 0-20 (25)",
        f"{tmp_path / 'a.csv'}:3:preferences: unknown unit in preferences; did you mean 'LIB'? "
        "(LIBB)",
    ]  # the cell and the reference in one run
    assert "errors (2), listed on standard error" in result.stdout
    # the rows that did parse are still counted, and the rest said
    assert "applicants: 3 (female 2, male 1); 1 rows with errors are not counted" in result.stdout


def test_one_path_only_is_a_usage_error(files: tuple[Path, Path]) -> None:
    result = CliRunner().invoke(cli, ["check", str(files[0])])
    assert result.exit_code == 2
    assert "give both APPLICANTS and UNITS" in result.output


def test_bad_term_and_policy(files: tuple[Path, Path], tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", *map(str, files), "--term", "1402-3"])
    assert result.exit_code == 2 and "unknown term" in result.stderr
    policy = tmp_path / "p.toml"
    policy.write_text("min_gpaa = 1\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", *map(str, files), "--policy", str(policy)])
    assert result.exit_code == 2 and "unknown key 'min_gpaa'" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_published_table_as_subprocess(tmp_path: Path) -> None:
    """``python -m hamyar check`` on the as-published Qom table: 25 units, a total-row warning,
    exit 0; and a bad file gives exit 2, a located line and no traceback."""
    apps: list[list[object]] = [
        list(APPLICANTS[0]),
        ["4001", "علی", "رضایی", "مرد", "کارشناسی", "17", "2", "کتابخانه مرکزی"],
        ["4002", "زهرا", "کریمی", "زن", "کارشناسی", "18", "2", "خوابگاه; حراست"],
    ]
    apps_file = _csv(tmp_path / "apps.csv", apps)
    run = [sys.executable, "-m", "hamyar", "check", str(apps_file), str(PUBLISHED)]
    done = subprocess.run(run, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "in 25 units (female 154, male 130)" in done.stdout
    assert "female 157 in the total row, 154 summed over the rows" in done.stdout

    apps[0][6] = "study_start"
    apps[1][6] = "1400/07/01"
    apps[2][6] = "1402/12/30"
    _csv(apps_file, apps)
    done = subprocess.run(run, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert f"{apps_file}:3:study_start: impossible Jalali date (1402/12/30)" in done.stderr


def test_embedded_default_without_files() -> None:
    data = pytest.importorskip("hamyar.generator.default")
    if not hasattr(data, "default_problem"):
        pytest.skip("the embedded default problem is not in this tree")
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0, result.output
    assert "embedded default" in result.stdout
    assert "in 25 units (female 154, male 130)" in result.stdout
