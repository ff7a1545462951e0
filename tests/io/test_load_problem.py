"""Loading a whole problem: cross-references located at the row, preference names with ،,
rejections and timesheets."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamyar.errors import InputError
from hamyar.io import collect_problem, load_problem, read_rejections, read_timesheets
from hamyar.models import Policy, Term


def test_load_problem(tmp_path: Path, applicants_en, units_en, write_csv, write_xlsx) -> None:
    apps = write_csv(tmp_path / "apps.csv", applicants_en)
    units = write_xlsx(tmp_path / "units.xlsx", units_en)
    rejections = write_csv(tmp_path / "rej.csv", [["کد واحد", "شماره دانشجویی"], ["SCI", "4003"]])
    problem, warnings = load_problem(
        apps, units, rejections, policy=Policy(), term=Term.parse("1402-2"), name="test"
    )
    assert warnings == []
    assert problem.name == "test" and str(problem.term) == "1402-2"
    assert problem.preference_ranks["4001"] == {"LIB": 1, "SCI": 2}
    assert problem.rejected_pairs == frozenset({("4003", "SCI")})


def test_cross_reference_errors_use_the_header_as_written(
    tmp_path: Path, applicants_en, units_en, write_csv
) -> None:
    rows = [list(r) for r in applicants_en]
    rows[0][0] = "شماره دانشجویی"
    rows[0][-1] = "اولویت ها"
    rows[3][0] = "4001"
    rows[2][-1] = "خوابگا"
    apps = write_csv(tmp_path / "apps.csv", rows)
    units = write_csv(tmp_path / "units.csv", units_en)
    with pytest.raises(InputError) as info:
        load_problem(apps, units)
    assert [str(i).removeprefix(str(apps)) for i in info.value.issues] == [
        ":3:اولویت ها: unknown unit in preferences; did you mean 'خوابگاه'? (خوابگا)",
        ":4:شماره دانشجویی: duplicate student_id (also row 2) (4001)",
    ]


def test_errors_of_two_files_in_one_error_and_no_cross_check_noise(
    tmp_path: Path, applicants_en, units_en, with_cell, write_csv
) -> None:
    apps = write_csv(tmp_path / "apps.csv", with_cell(applicants_en, 1, "gpa", "x"))
    units = write_csv(tmp_path / "units.csv", with_cell(units_en, 2, "female_seats", "-4"))
    loaded = collect_problem(apps, units)
    assert loaded.problem is None
    assert [(i.file, i.row) for i in loaded.errors] == [(str(apps), 2), (str(units), 3)]
    # DORM's row is bad, yet 4002's preference for DORM is not reported as an unknown unit
    assert not any("unknown unit" in i.text() for i in loaded.errors)
    assert len(loaded.applicants) == 2 and len(loaded.units) == 2


def test_unit_name_with_arabic_comma_in_preferences(
    tmp_path: Path, applicants_en, units_en, with_cell, write_csv
) -> None:
    name = "مدیریت امور آموزشی، پژوهشی و فناوری خواهران"
    units = write_csv(
        tmp_path / "units.csv",
        [*units_en, ["EDU", name, "Education Management", 3, 0, ""]],
    )
    rows = with_cell(
        applicants_en, 2, "preferences", "مدیریت امور آموزشی ،پژوهشی و فناوری خواهران، DORM"
    )
    problem, _ = load_problem(write_csv(tmp_path / "apps.csv", rows), units)
    assert problem.applicant_by_id["4002"].preferences == (name, "DORM")
    assert problem.preference_ranks["4002"] == {"EDU": 1, "DORM": 2}


def test_warnings_are_returned(tmp_path: Path, applicants_en, units_en, write_csv) -> None:
    units_rows = [*units_en, ["", "جمع کل", "", 8, 4, ""]]
    apps = write_csv(tmp_path / "apps.csv", applicants_en)
    _, warnings = load_problem(apps, write_csv(tmp_path / "units.csv", units_rows))
    assert [w.column for w in warnings] == ["female_seats"]
    assert "female 8 in the total row, 7 summed" in warnings[0].text("en")
    assert "خواهران ۸ در ردیف جمع، ۷ از جمع ردیف‌ها" in warnings[0].text("fa")


def test_rejections_reader_errors(tmp_path: Path, write_csv) -> None:
    path = write_csv(tmp_path / "rej.csv", [["unit_code", "student_id"], ["LIB", ""]])
    with pytest.raises(InputError, match=r"rej.csv:2:student_id: missing value"):
        read_rejections(path)


def test_unknown_rejection_references(tmp_path: Path, applicants_en, units_en, write_csv) -> None:
    rej = write_csv(tmp_path / "rej.csv", [["unit_code", "student_id"], ["LIBB", "9999"]])
    with pytest.raises(InputError) as info:
        load_problem(
            write_csv(tmp_path / "apps.csv", applicants_en),
            write_csv(tmp_path / "units.csv", units_en),
            rej,
        )
    assert [str(i).removeprefix(str(rej)) for i in info.value.issues] == [
        ":2:unit_code: unknown unit; did you mean 'LIB'? (LIBB)",
        ":2:student_id: unknown student (9999)",
    ]


def test_timesheets(tmp_path: Path, write_csv) -> None:
    rows = [
        ["شماره دانشجویی", "کد واحد", "ماه", "ساعت"],
        ["4001", "LIB", "۱۴۰۲/۰۸", "۳۲٫۵"],
        ["4002", "DORM", "1402/13", "10"],
        ["4003", "SCI", "1402/09", "-3"],
    ]
    path = write_csv(tmp_path / "ts.csv", rows)
    with pytest.raises(InputError) as info:
        read_timesheets(path)
    assert [str(i).removeprefix(str(path)) for i in info.value.issues] == [
        ":3:ماه: not a Jalali month yyyy/mm (1402/13)",
        ":4:ساعت: must not be negative (-3)",
    ]
    good = read_timesheets(write_csv(tmp_path / "ok.csv", rows[:2])).records
    assert str(good[0].month) == "1402/08" and str(good[0].hours) == "32.5"
