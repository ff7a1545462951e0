"""The units reader: codes from ردیف, total rows, per-row totals, the published Qom table."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamyar.errors import InputError
from hamyar.io import read_units

SHARED = Path(__file__).parent.parent / "data"
PUBLISHED = SHARED / "qom-1402-1403-units-as-published.xlsx"
CLEANED = SHARED / "qom-1402-1403-units.csv"
PUBLISHED_HEADER: list[object] = [
    "ردیف",
    "نام واحدهای متقاضی",
    "تعداد خواهران",
    "تعداد درخواست برادران",
    "جمع",
]


def _published_like(total_row: list[object]) -> list[list[object]]:
    return [
        PUBLISHED_HEADER,
        ["۱", "امور فرهنگی", "۰", "۶", "۶"],
        ["۲", "تربیت بدنی", "۶", "۵", "۱۱"],
        total_row,
    ]


def test_published_qom_table() -> None:
    """Title line, Persian digits, and a total row (157 female) that disagrees with its rows
    (154 female): 25 units, the rows win, and the warning gives both numbers."""
    result = read_units(PUBLISHED)
    units = result.records
    assert len(units) == 25
    assert sum(u.female_seats for u in units) == 154
    assert sum(u.male_seats for u in units) == 130
    assert units[0].code == "1" and units[0].name_fa == "امور فرهنگی"
    assert units[12].name_fa == "مدیریت امور آموزشی، پژوهشی و فناوری خواهران"
    assert units[0].source.row == 3  # title line and header row above
    messages = [str(w) for w in result.warnings]
    assert any(
        ":28:تعداد خواهران: warning: total row does not match the units: female 157 in the "
        "total row, 154 summed over the rows" in m
        for m in messages
    )
    assert any("total 287 in the total row, 284 summed" in m for m in messages)
    assert not any("male 130" in m for m in messages)  # the male column agrees


def test_cleaned_qom_table() -> None:
    result = read_units(CLEANED)
    units = result.records
    assert len(units) == 25
    assert (sum(u.female_seats for u in units), sum(u.male_seats for u in units)) == (154, 130)
    assert units[0].code == "CULT" and units[0].name_en == "Cultural Affairs"
    assert result.warnings == ()


def test_code_defaults_to_row_number_then_position(tmp_path: Path, write_csv) -> None:
    units = read_units(write_csv(tmp_path / "u.csv", _published_like([]))).records
    assert [u.code for u in units] == ["1", "2"]
    rows = [r[1:] for r in _published_like([])]  # no ردیف column either
    units = read_units(write_csv(tmp_path / "v.csv", rows)).records
    assert [u.code for u in units] == ["1", "2"]


def test_matching_total_row_is_not_a_unit(tmp_path: Path, write_csv) -> None:
    result = read_units(write_csv(tmp_path / "u.csv", _published_like(["", "جمع کل", 6, 11, 17])))
    assert len(result.records) == 2
    assert result.warnings == ()


def test_nameless_row_of_sums_is_a_total_row(tmp_path: Path, write_xlsx) -> None:
    result = read_units(write_xlsx(tmp_path / "u.xlsx", _published_like([None, None, 6, 11, 17])))
    assert len(result.records) == 2
    assert result.warnings == ()


def test_total_row_mismatch_warns_per_column(tmp_path: Path, write_csv) -> None:
    result = read_units(write_csv(tmp_path / "u.csv", _published_like(["", "جمع", 6, 12, 18])))
    assert len(result.records) == 2
    assert [str(w) for w in result.warnings] == [
        f"{tmp_path / 'u.csv'}:4:تعداد درخواست برادران: warning: total row does not match the "
        "units: male 12 in the total row, 11 summed over the rows; the rows are used",
        f"{tmp_path / 'u.csv'}:4:جمع: warning: total row does not match the units: total 18 in "
        "the total row, 17 summed over the rows; the rows are used",
    ]


def test_rows_below_the_total_row_are_ignored(tmp_path: Path, write_csv) -> None:
    note: list[object] = ["", "تهیه کننده: اداره رفاه", "", ""]
    rows = [*_published_like(["", "جمع کل", 6, 11, 17]), note]
    result = read_units(write_csv(tmp_path / "u.csv", rows))
    assert len(result.records) == 2
    assert "1 row(s) below the total row" in str(result.warnings[0])


def test_row_total_differing_from_seats_warns(tmp_path: Path, write_csv) -> None:
    rows = _published_like([])[:-1]
    rows[2][4] = "۱۲"
    result = read_units(write_csv(tmp_path / "u.csv", rows))
    assert result.records[1].female_seats == 6 and result.records[1].male_seats == 5
    (warning,) = result.warnings
    assert str(warning).startswith(
        f"{tmp_path / 'u.csv'}:3:جمع: warning: جمع 12 is not تعداد خواهران + "
        "تعداد درخواست برادران = 11"
    )


def test_unit_fields(tmp_path: Path, units_en, write_csv) -> None:
    rows = [
        [*units_en[0], "ساعت در ماه", "مقاطع مجاز", "رشته های مجاز"],
        [*units_en[1], "۳۰", "کارشناسی ارشد، دکتری تخصصی", "کتابداری; علم اطلاعات"],
    ]
    unit = read_units(write_csv(tmp_path / "u.csv", rows)).records[0]
    assert unit.hours_per_month == 30
    assert [d.value for d in unit.allowed_degrees] == ["master_discontinuous", "phd"]
    assert unit.allowed_fields == ("کتابداری", "علم اطلاعات")


def test_every_bad_cell_is_reported(tmp_path: Path, units_en, write_csv) -> None:
    rows = [list(r) for r in units_en]
    rows[1][3] = "-1"
    rows[2][4] = "دو"
    rows[3][1] = ""
    path = write_csv(tmp_path / "u.csv", rows)
    with pytest.raises(InputError) as info:
        read_units(path)
    assert [str(i) for i in info.value.issues] == [
        f"{path}:2:female_seats: negative seats (-1)",
        f"{path}:3:male_seats: not a number (دو)",
        f"{path}:4:name_fa: missing value",
    ]


def test_zero_hours_per_month_is_an_error(tmp_path: Path, units_en, write_csv) -> None:
    rows = [[*units_en[0], "hours_per_month"], [*units_en[1], "0"]]
    with pytest.raises(InputError, match=r"u.csv:2:hours_per_month: must be greater than 0"):
        read_units(write_csv(tmp_path / "u.csv", rows))
