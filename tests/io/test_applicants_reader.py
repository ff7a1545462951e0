"""The applicants reader: national IDs, Shebas, study start or semesters, messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamyar.errors import InputError
from hamyar.io import parse_applicants, read_applicants


def test_reads_the_small_table(tmp_path: Path, applicants_en, write_csv) -> None:
    result = read_applicants(write_csv(tmp_path / "a.csv", applicants_en))
    assert [a.student_id for a in result.records] == ["4001", "4002", "4003"]
    assert result.records[0].preferences == ("LIB", "SCI")
    assert result.records[2].national_id is None
    assert result.file == str(tmp_path / "a.csv")


@pytest.mark.parametrize("written", ["001-354241-9", "13542419", "۰۰۱۳۵۴۲۴۱۹", "0013542419 "])
def test_national_id_spellings(
    tmp_path: Path, written: str, applicants_en, with_cell, write_csv
) -> None:
    rows = with_cell(applicants_en, 1, "national_id", written)
    assert read_applicants(write_csv(tmp_path / "a.csv", rows)).records[0].national_id == (
        "0013542419"
    )


def test_national_id_length(tmp_path: Path, applicants_en, with_cell, write_csv) -> None:
    rows = with_cell(applicants_en, 1, "national_id", "12345")
    with pytest.raises(InputError, match=r"a.csv:2:national_id: national ID must be 10 digits"):
        read_applicants(write_csv(tmp_path / "a.csv", rows))


def test_sheba_spaces_removed(tmp_path: Path, applicants_en, write_csv) -> None:
    rows = [[*applicants_en[0], "شبا"], [*applicants_en[1], "ir82 0540 1026 8002 0817 9090 02"]]
    app = read_applicants(write_csv(tmp_path / "a.csv", rows)).records[0]
    assert app.sheba == "IR820540102680020817909002"


def test_neither_study_start_nor_semesters_column(
    tmp_path: Path, applicants_en, without_column, write_csv
) -> None:
    rows = without_column(applicants_en, "study_start")
    with pytest.raises(InputError) as info:
        read_applicants(write_csv(tmp_path / "a.csv", rows))
    assert str(info.value).startswith(
        f"{tmp_path / 'a.csv'}:1: missing required column: one of study_start or "
        "semesters_passed; accepted headers: study_start, تاریخ شروع به تحصیل;"
    )


def test_row_without_study_start_or_semesters(
    tmp_path: Path, applicants_en, with_cell, write_csv
) -> None:
    rows = with_cell(applicants_en, 2, "study_start", "")
    with pytest.raises(InputError, match=r"a.csv:3:study_start: one of study_start and"):
        read_applicants(write_csv(tmp_path / "a.csv", rows))


def test_persian_header_in_messages_and_every_row_reported(tmp_path: Path, write_csv) -> None:
    header = ["شماره دانشجویی", "نام", "نام خانوادگی", "جنسیت", "مقطع", "معدل",
              "تعداد نیمسال گذرانده", "اولویت ها"]  # fmt: skip
    rows = [
        header,
        ["1", "علی", "", "مرد", "کارشناسی", "۱۷", "۲", "LIB"],
        ["2", "سارا", "نوری", "زن", "کارشناسی", "۲۰٫۵", "-۱", "LIB"],
    ]
    parsed = parse_applicants(write_csv(tmp_path / "a.csv", rows))
    assert [str(i).removeprefix(str(tmp_path / "a.csv")) for i in parsed.errors] == [
        ":2:نام خانوادگی: missing value",
        ":3:معدل: GPA must be within 0-20 (۲۰٫۵)",
        ":3:تعداد نیمسال گذرانده: must not be negative (-۱)",
    ]
    assert parsed.records == []
