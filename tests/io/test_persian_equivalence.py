"""A file with Persian headers, Arabic ي/ك, Persian digits and Jalali dates gives the same models
as the same file in English, as CSV and as xlsx."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamyar.io import read_applicants, read_units

ENGLISH = [
    [
        "student_id",
        "national_id",
        "first_name",
        "last_name",
        "gender",
        "degree",
        "field",
        "gpa",
        "study_start",
        "semesters_passed",
        "student_type",
        "iranian_mother",
        "deputy_approval",
        "disciplinary_record",
        "probation_semesters",
        "marital_status",
        "children",
        "priority_groups",
        "sheba",
        "preferences",
        "accepted_rules",
        "current_unit",
        "institution_type",
    ],
    [
        "4001",
        "0013542419",
        "علی",
        "کریمی",
        "male",
        "bachelor_continuous",
        "مهندسی کامپیوتر",
        "17.5",
        "1400/07/01",
        "4",
        "domestic",
        "no",
        "yes",
        "false",
        "0",
        "married",
        "2",
        "exemplary;shahed",
        "IR820540102680020817909002",
        "کتابخانه مرکزی;دانشکده علوم پایه",
        "true",
        "LIB",
        "",
    ],
    [
        "4002",
        "",
        "زینب",
        "یکتا",
        "female",
        "master_discontinuous",
        "",
        "18.25",
        "1401-11-01",
        "",
        "international",
        "yes",
        "1",
        "no",
        "1",
        "single",
        "0",
        "",
        "",
        "DORM",
        "no",
        "",
        "azad",
    ],
    [
        "4003",
        "0023456787",
        "کیانا",
        "کاظمی",
        "F",
        "professional_doctorate",
        "پزشکی",
        "16",
        "",
        "7",
        "",
        "",
        "",
        "yes",
        "",
        "",
        "",
        "relief_committee",
        "",
        "SCI",
        "",
        "",
        "",
    ],
]

PERSIAN = [
    [
        "شماره دانشجويي", "كد ملي", "نام", "نام خانوادگي", "جنسيت", "مقطع تحصيلي", "رشته",
        "معدل ترم گذشته", "تاريخ شروع به تحصيل", "تعداد نيم‌سال گذرانده", "نوع دانشجو",
        "مادر ايراني", "تأييد معاونت", "سابقه انضباطي", "تعداد نيمسال مشروطي", "وضعيت تأهل",
        "تعداد فرزند", "گروه‌هاي اولويت", "شماره شبا", "زمينه‌هاي مورد درخواست",
        "موافقت با قوانين", "واحد فعلي", "نوع موسسه",
    ],
    [
        "۴۰۰۱", "۰۰۱۳۵۴۲۴۱۹", "علي", "كريمي", "مرد", "كارشناسي پيوسته", "مهندسي كامپيوتر",
        "۱۷/۵", "۱۴۰۰/۰۷/۰۱", "۴", "دانشجو داخل", "خير", "بله", "ندارد", "۰", "متأهل", "۲",
        "نمونه، شاهد", "IR۸۲ ۰۵۴۰ ۱۰۲۶ ۸۰۰۲ ۰۸۱۷ ۹۰۹۰ ۰۲",
        "كتابخانه مركزي، دانشكده علوم پايه", "آری", "LIB", "",
    ],
    [
        "٤٠٠٢", "", "زينب", "يكتا", "خانم", "كارشناسي ارشد ناپيوسته", "", "۱۸٫۲۵",
        "۱۴۰۱-۱۱-۰۱", "", "بين الملل", "بله", "دارد", "نه", "١", "مجرد", "۰", "", "",
        "DORM", "خیر", "", "دانشگاه آزاد",
    ],
    [
        "۴۰۰۳", "۰۰۲۳۴۵۶۷۸۷", "كيانا", "كاظمي", "خواهر", "دکتری حرفه ای", "پزشكي", "۱۶", "",
        "۷", "", "", "", "دارد", "", "", "", "كميته امداد", "", "SCI", "", "", "",
    ],
]  # fmt: skip

UNITS_ENGLISH = [
    ["code", "name_fa", "female_seats", "male_seats", "area", "hours_per_month", "allowed_degrees"],
    ["LIB", "کتابخانه مرکزی", "2", "3", "", "30", "bachelor_continuous;phd"],
    ["DORM", "خوابگاه", "4", "0", "dormitory", "", ""],
]
UNITS_PERSIAN = [
    ["كد واحد", "نام واحد", "تعداد خواهران", "تعداد برادران", "حوزه", "ساعت در ماه", "مقاطع مجاز"],
    ["LIB", "كتابخانه مركزي", "۲", "۳", "", "۳۰", "کارشناسی پیوسته، دکتری تخصصی"],
    ["DORM", "خوابگاه", "۴", "۰", "dormitory", "", ""],
]


def _dump(records: tuple[object, ...]) -> list[dict[str, object]]:
    return [r.model_dump(exclude={"source"}) for r in records]  # type: ignore[attr-defined]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_applicants_persian_equals_english(
    tmp_path: Path, suffix: str, write_csv, write_xlsx
) -> None:
    write = write_csv if suffix == ".csv" else write_xlsx
    english = read_applicants(write(tmp_path / f"en{suffix}", ENGLISH))
    persian = read_applicants(write(tmp_path / f"fa{suffix}", PERSIAN))
    assert english.warnings == persian.warnings == ()
    assert _dump(english.records) == _dump(persian.records)
    first = persian.records[0]
    assert first.first_name == "علی" and first.gpa == 17.5
    assert str(first.study_start) == "1400/07/01"
    assert first.sheba == "IR820540102680020817909002"
    assert first.preferences == ("کتابخانه مرکزی", "دانشکده علوم پایه")
    assert [g.value for g in first.priority_groups] == [
        "exemplary",
        "shahed",
        "married_with_children",
    ]


def test_applicants_xlsx_equals_csv(tmp_path: Path, write_csv, write_xlsx) -> None:
    csv_records = read_applicants(write_csv(tmp_path / "fa.csv", PERSIAN)).records
    xlsx_records = read_applicants(
        write_xlsx(tmp_path / "fa.xlsx", PERSIAN, title="فهرست متقاضیان همیار دانشجو")
    ).records
    assert _dump(csv_records) == _dump(xlsx_records)
    assert xlsx_records[0].source.row == 3 and csv_records[0].source.row == 2


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_units_persian_equals_english(tmp_path: Path, suffix: str, write_csv, write_xlsx) -> None:
    write = write_csv if suffix == ".csv" else write_xlsx
    english = read_units(write(tmp_path / f"en{suffix}", UNITS_ENGLISH)).records
    persian = read_units(write(tmp_path / f"fa{suffix}", UNITS_PERSIAN)).records
    assert _dump(english) == _dump(persian)
    assert persian[0].name_fa == "کتابخانه مرکزی"
