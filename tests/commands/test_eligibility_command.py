"""``hamyar eligibility``: files in, eligibility.csv out, a table, and located errors (exit 2)."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hamyar.cli import cli
from hamyar.commands.eligibility import render, rule_counts
from hamyar.eligibility import evaluate
from hamyar.generator.default import default_problem
from hamyar.models.sheba import make_sheba

MELLI_SHEBA = make_sheba("017", "0000000123456789012")
MELLAT_SHEBA = make_sheba("012", "0000000123456789012")

APPLICANTS_FA: list[list[object]] = [
    [
        "شماره دانشجویی",
        "نام",
        "نام خانوادگی",
        "جنسیت",
        "مقطع تحصیلی",
        "رشته",
        "معدل",
        "تاریخ شروع به تحصیل",
        "نوع دانشجو",
        "مادر ایرانی",
        "شماره شبا",
        "زمینه های مورد درخواست",
    ],
    # eligible, Bank Melli
    ["4001", "علی", "رضایی", "مرد", "کارشناسی پیوسته", "شیمی", "۱۷٫۵", "۱۴۰۰/۰۷/۰۱", "داخلی",
     "خیر", MELLI_SHEBA, "LIB;LAB"],
    # GPA 13.99 < 14, first semester of a continuous bachelor (E1), Mellat (E8 note)
    ["4002", "زهرا", "کریمی", "زن", "کارشناسی پیوسته", "فیزیک", "13.99", "1402/07/01", "داخلی",
     "خیر", MELLAT_SHEBA, "LIB"],
    # discontinuous master in the first semester passes E1; international with Iranian mother
    ["4003", "مریم", "احمدی", "زن", "کارشناسی ارشد ناپیوسته", "حقوق", "15", "1402/07/01",
     "بین‌الملل", "بله", MELLI_SHEBA, "LAB;LIB"],
    # international without Iranian mother or approval (E5); Sheba with a wrong check digit
    ["4004", "Ahmad", "Karimi", "مرد", "دکتری تخصصی", "شیمی", "18", "1400/07/01", "بین الملل",
     "خیر", MELLI_SHEBA[:-1] + str((int(MELLI_SHEBA[-1]) + 1) % 10), "LAB"],
]  # fmt: skip

UNITS: list[list[object]] = [
    ["code", "name_fa", "name_en", "female_seats", "male_seats", "allowed_fields"],
    ["LIB", "کتابخانه مرکزی", "Central Library", 2, 2, ""],
    ["LAB", "آزمایشگاه مرکزی", "Central Laboratory", 1, 1, "شیمی;فیزیک"],
]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["eligibility", *args])


def table(output: str) -> dict[str, list[int]]:
    """The printed rule table: ``{rule: [errors, warnings, notes(, closed pairs)]}``."""
    found = {}
    for line in output.splitlines():
        if re.match(r"^[EA]\d ", line):
            words = line.split()
            found[words[0]] = [
                int(w.replace(",", "")) for w in words[1:] if w.replace(",", "").isdigit()
            ]
    return found


def read_rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row["student_id"]: row for row in csv.DictReader(handle)}


@pytest.fixture
def files(tmp_path: Path, write_csv, write_xlsx) -> tuple[Path, Path, Path]:
    apps = write_xlsx(tmp_path / "applicants.xlsx", APPLICANTS_FA)
    units = write_xlsx(tmp_path / "units.xlsx", UNITS)
    rejections = write_csv(
        tmp_path / "rejections.csv", [["unit_code", "student_id"], ["LAB", "4003"]]
    )
    return apps, units, rejections


def test_files_in_csv_out(files: tuple[Path, Path, Path], tmp_path: Path) -> None:
    apps, units, rejections = files
    out = tmp_path / "out"
    result = run(str(apps), str(units), "--rejections", str(rejections), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "4 applicants, 2 eligible, 2 not eligible" in result.output
    rows = read_rows(out / "eligibility.csv")
    assert list(rows) == ["4001", "4002", "4003", "4004"]
    assert (rows["4001"]["eligible"], rows["4001"]["reasons"]) == ("yes", "")
    assert rows["4001"]["admissible_units"] == "LIB:1;LAB:2"
    assert rows["4002"]["reasons"] == "E1;E4" and rows["4002"]["notes"] == "E8"
    assert "GPA 13.99 < 14.00 required for bachelor_continuous" in rows["4002"]["messages_en"]
    assert "started 1402/07/01, term 1402-1: 0 semesters passed" in rows["4002"]["messages_en"]
    # the discontinuous master passes E1; LAB (field and rejection) is closed, LIB stays open
    assert rows["4003"]["eligible"] == "yes" and rows["4003"]["notes"] == "E5"
    assert rows["4003"]["closed_units"] == "LAB:1" and rows["4003"]["admissible_units"] == "LIB:2"
    assert rows["4004"]["reasons"] == "E5" and rows["4004"]["warnings"] == "E8"
    assert sorted(p.name for p in out.iterdir()) == [".hamyar.json", "eligibility.csv"]


def test_the_printed_table(files: tuple[Path, Path, Path], tmp_path: Path) -> None:
    apps, units, rejections = files
    result = run(
        str(apps), str(units), "--rejections", str(rejections), "--out", str(tmp_path / "o")
    )
    lines = table(result.output)
    assert lines["E1"] == [1, 0, 0]  # errors, warnings, notes
    assert lines["E4"] == [1, 0, 0]
    assert lines["E5"] == [1, 0, 1]
    assert lines["E8"] == [0, 1, 1]
    assert lines["E9"] == [0, 0, 0, 1]  # closed pairs: LAB for 4003 (field and rejection)
    assert lines["E2"] == lines["E3"] == lines["E6"] == lines["E7"] == [0, 0, 0]


def test_a_term_and_a_policy_file(files: tuple[Path, Path, Path], tmp_path: Path) -> None:
    apps, units, _ = files
    policy = tmp_path / "policy.toml"
    policy.write_text("require_valid_sheba = true\n[min_gpa]\nbachelor_continuous = 13.5\n")
    out = tmp_path / "out"
    result = run(
        str(apps), str(units), "--policy", str(policy), "--term", "1402-2", "--out", str(out)
    )
    assert result.exit_code == 0, result.output
    rows = read_rows(out / "eligibility.csv")
    assert rows["4002"]["eligible"] == "yes"  # 1 semester passed in 1402-2, GPA ≥ 13.5
    assert rows["4004"]["reasons"] == "E5;E8"  # an invalid Sheba now blocks


def test_applicants_without_units_use_the_embedded_units(tmp_path: Path, write_xlsx) -> None:
    rows = [list(r) for r in APPLICANTS_FA]
    for row in rows[1:]:
        row[-1] = "کتابخانه مرکزی;SCI"
    apps = write_xlsx(tmp_path / "apps.xlsx", rows)
    out = tmp_path / "out"
    result = run(str(apps), "--out", str(out))
    assert result.exit_code == 0, result.output
    got = read_rows(out / "eligibility.csv")
    assert got["4001"]["admissible_units"] == "LIB:1"  # SCI takes graduate students only
    assert got["4001"]["closed_units"] == "SCI:2"
    assert got["4004"]["closed_units"] == ""


def test_the_embedded_default_fires_every_rule(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("--out", str(out))
    assert result.exit_code == 0, result.output
    assert "1,000 applicants" in result.output
    fired = table(result.output)
    for rule in ("E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9"):
        assert sum(fired[rule]) > 0, rule
    assert fired["E9"][0] > 0 and fired["E9"][3] > 0  # applicants left with no unit, pairs
    rows = read_rows(out / "eligibility.csv")
    assert len(rows) == 1000
    seen: set[str] = set()
    for row in rows.values():
        for column in ("reasons", "warnings", "notes"):
            seen.update(filter(None, row[column].split(";")))
        if row["closed_units"]:
            seen.add("E9")
    assert {f"E{n}" for n in range(1, 10)} <= seen
    blocking: set[str] = set()
    for row in rows.values():
        blocking.update(filter(None, row["reasons"].split(";")))
    assert {f"E{n}" for n in range(1, 8)} | {"E9"} <= blocking


def test_rule_counts_match_the_result() -> None:
    result = evaluate(default_problem())
    counts = {c.rule: c for c in rule_counts(result)}
    assert sum(c.closed_pairs for c in counts.values()) == sum(
        len(a.closed_units) for a in result.applicants
    )
    ineligible = len(result.applicants) - len(result.eligible_ids)
    assert max(c.errors for c in counts.values()) <= ineligible
    assert "E9" in render(result)


# ---------------------------------------------------------------- bad input: exit 2, no output
@pytest.mark.parametrize(
    ("policy_text", "located"),
    [
        (
            "min_gpaa = 14\n",
            "policy.toml:min_gpaa: unknown key 'min_gpaa'; did you mean 'min_gpa'?",
        ),
        ("[min_gpa]\nbachelor_continuous = 25\n", "policy.toml:min_gpa.bachelor_continuous: "),
        ("married_multiplier = -1.5\n", "policy.toml:married_multiplier: "),
        ("max_probation_semesters = 'two'\n", "policy.toml:max_probation_semesters: "),
    ],
)
def test_bad_policy_file(tmp_path: Path, policy_text: str, located: str) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text(policy_text)
    out = tmp_path / "out"
    result = run("--policy", str(policy), "--out", str(out))
    assert result.exit_code == 2
    assert f"{tmp_path}/{located}" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize("term", ["1402-3", "1402", "next", "14021"])
def test_unknown_term(tmp_path: Path, term: str) -> None:
    result = run("--term", term, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert f"-:--term: unknown term '{term}'" in result.output
    assert not (tmp_path / "out").exists()


def test_study_start_after_the_term_is_located(tmp_path: Path, write_xlsx) -> None:
    rows = [list(r) for r in APPLICANTS_FA]
    rows[3][7] = "1403/07/01"  # applicant 4003, spreadsheet row 4
    apps = write_xlsx(tmp_path / "apps.xlsx", rows)
    units = write_xlsx(tmp_path / "units.xlsx", UNITS)
    out = tmp_path / "out"
    result = run(str(apps), str(units), "--out", str(out))
    assert result.exit_code == 2
    assert f"{apps}:4:study_start: E1: study start is after the term 1402-1" in result.output
    assert "(1403/07/01)" in result.output
    assert not out.exists()


def test_a_bad_applicants_file_is_reported_with_its_row(tmp_path: Path, write_xlsx) -> None:
    rows = [list(r) for r in APPLICANTS_FA]
    rows[2][6] = "بیست و یک"
    apps = write_xlsx(tmp_path / "apps.xlsx", rows)
    units = write_xlsx(tmp_path / "units.xlsx", UNITS)
    result = run(str(apps), str(units), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert f"{apps}:3:" in result.output
    assert not (tmp_path / "out").exists()


def test_a_non_empty_out_needs_force(files: tuple[Path, Path, Path], tmp_path: Path) -> None:
    apps, units, _ = files
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("old")
    result = run(str(apps), str(units), "--out", str(out))
    assert result.exit_code == 2 and "--force" in result.output
    assert (out / "old.txt").exists()
    # --force replaces only what hamyar wrote: the planner's file is kept, the run refused
    result = run(str(apps), str(units), "--out", str(out), "--force")
    assert result.exit_code == 2 and "did not write" in result.output
    assert (out / "old.txt").read_text() == "old"
    (out / "old.txt").unlink()
    assert run(str(apps), str(units), "--out", str(out)).exit_code == 0
    result = run(str(apps), str(units), "--out", str(out), "--force")
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [".hamyar.json", "eligibility.csv"]


def test_rejections_need_applicants(tmp_path: Path, write_csv) -> None:
    rej = write_csv(tmp_path / "r.csv", [["unit_code", "student_id"]])
    result = run("--rejections", str(rej), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2 and "--rejections needs APPLICANTS" in result.output


@pytest.mark.slow
def test_as_a_subprocess(files: tuple[Path, Path, Path], tmp_path: Path) -> None:
    apps, units, _ = files
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "hamyar", "eligibility", str(apps), str(units), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "4 applicants" in done.stdout
    assert (out / "eligibility.csv").exists()
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "hamyar",
            "eligibility",
            "--term",
            "x",
            "--out",
            str(tmp_path / "b"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert (
        bad.stderr.strip()
        == "-:--term: unknown term 'x': expected YEAR-SEMESTER such as 1402-1 (x)"
    )
    assert "Traceback" not in bad.stderr
