"""Every reader's located line in Persian and in English: for each file a planner gives hamyar
(applicants, units, rejections, timesheets, evaluations, an allocation folder, a policy), a
broken one reads ``file، ردیف ۱۲، ستون «معدل»: … («مقدار»)`` in Persian, with Persian digits
and the value quoted as written, and ``file:12:column: … (value)`` in English."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from hamyar.errors import InputError, Issue
from hamyar.io import (
    load_problem,
    parse_applicants,
    parse_rejections,
    parse_timesheets,
    parse_units,
)
from hamyar.io.allocation_dir import read_summary
from hamyar.io.evaluations import parse_evaluations
from hamyar.io.placements import read_assignments_csv
from hamyar.messages import use_lang
from hamyar.models import Policy

LATIN_WORD = re.compile(r"\b[a-z]{3,}\b")
SUFFIX = re.compile(r"\.[a-z]+\b")
EXCEL_FORMAT = "«CSV UTF-8 (comma delimited)»"
"""The name of the format in Excel's Save As list, as Excel writes it."""
Rows = Sequence[Sequence[object]]

APPLICANTS_FA: list[list[object]] = [
    [
        "شماره دانشجویی",
        "نام",
        "نام خانوادگی",
        "جنسیت",
        "مقطع",
        "معدل",
        "تاریخ شروع به تحصیل",
        "زمینه های مورد درخواست",
    ],
    ["4001", "علی", "رضایی", "برادر", "کارشناسی پیوسته", "۱۷٫۵", "1400/07/01", "کتابخانه مرکزی"],
    ["4002", "زهرا", "کریمی", "خواهر", "کارشناسی ارشد", "۲۵", "1401/07/01", "خوابگاه"],
    ["4003", "مریم", "احمدی", "خواهر", "دکتری تخصصی", "19", "1402/12/30", "خوابگا"],
    ["4001", "سارا", "نوری", "خواهر", "دکتری تخصصی", "18", "1401/07/01", "خوابگاه"],
]
UNITS_FA: list[list[object]] = [
    ["کد واحد", "نام واحد", "تعداد خواهران", "تعداد برادران"],
    ["LIB", "کتابخانه مرکزی", 2, 3],
    ["DORM", "خوابگاه", 4, -2],
    ["SCI", "دانشکده علوم پایه", 1, 1],
]
UNITS_OK = [row if row[0] != "DORM" else ["DORM", "خوابگاه", 4, 0] for row in UNITS_FA]


def lines(issues: Sequence[Issue], lang: str) -> list[str]:
    return [issue.line(lang) for issue in issues]  # type: ignore[arg-type]


def test_applicants(tmp_path: Path, write_xlsx: Callable[..., Path]) -> None:
    path = write_xlsx(tmp_path / "applicants.xlsx", APPLICANTS_FA)
    issues = parse_applicants(path).issues
    assert lines(issues, "fa") == [
        f"{path}، ردیف ۳، ستون «معدل»: معدل باید بین ۰ و ۲۰ باشد («۲۵»)",
        f"{path}، ردیف ۴، ستون «تاریخ شروع به تحصیل»: چنین تاریخ شمسی‌ای وجود ندارد («1402/12/30»)",
    ]
    assert lines(issues, "en") == [
        f"{path}:3:معدل: GPA must be within 0-20 (۲۵)",
        f"{path}:4:تاریخ شروع به تحصیل: impossible Jalali date (1402/12/30)",
    ]


def test_applicants_header_and_cross_checks(
    tmp_path: Path, write_xlsx: Callable[..., Path]
) -> None:
    """A misspelt header is named with the one most likely meant; duplicates and unknown units
    are located at their row."""
    misspelt = [["جنسیتت" if h == "جنسیت" else h for h in APPLICANTS_FA[0]], *APPLICANTS_FA[1:]]
    path = write_xlsx(tmp_path / "applicants.xlsx", misspelt)
    missing = parse_applicants(path).errors[0]
    assert missing.line("fa").startswith(
        f"{path}، ردیف ۱: ستون الزامی «gender» نیست؛ منظورتان «جنسیتت» بود؟ سرستون‌های پذیرفته: "
        "gender، جنسیت"
    )
    assert missing.line("en").startswith(
        f"{path}:1: missing required column gender; did you mean 'جنسیتت'? accepted headers: "
        "gender, جنسیت"
    )
    fixed = [
        APPLICANTS_FA[0],
        APPLICANTS_FA[1],
        APPLICANTS_FA[4],
        [*APPLICANTS_FA[3][:6], "1401/07/01", "خوابگا"],
    ]
    apps = write_xlsx(tmp_path / "fixed.xlsx", fixed)
    units = write_xlsx(tmp_path / "units.xlsx", UNITS_OK)
    with pytest.raises(InputError) as info:
        load_problem(apps, units)
    assert lines(info.value.issues, "fa") == [
        f"{apps}، ردیف ۳، ستون «شماره دانشجویی»: شماره دانشجویی تکراری است (همچنین ردیف ۲)"
        " («4001»)",
        f"{apps}، ردیف ۴، ستون «زمینه های مورد درخواست»: واحدِ درخواست‌شده ناشناخته است؛"
        " منظورتان «خوابگاه» بود؟ («خوابگا»)",
    ]
    assert lines(info.value.issues, "en") == [
        f"{apps}:3:شماره دانشجویی: duplicate student_id (also row 2) (4001)",
        f"{apps}:4:زمینه های مورد درخواست: unknown unit in preferences; did you mean 'خوابگاه'?"
        " (خوابگا)",
    ]


def test_units(tmp_path: Path, write_xlsx: Callable[..., Path]) -> None:
    total = ["", "جمع کل", 9, 4]
    path = write_xlsx(tmp_path / "units.xlsx", [*UNITS_FA, total])
    issues = parse_units(path).issues
    assert lines(issues, "fa") == [
        f"{path}، ردیف ۳، ستون «تعداد برادران»: تعداد جا منفی است («-2»)",
        f"{path}، ردیف ۵، ستون «تعداد خواهران»: هشدار: ردیف جمع با واحدها نمی‌خواند: خواهران ۹"
        " در ردیف جمع، ۳ از جمع ردیف‌ها؛ ردیف‌ها به کار رفت",
    ]
    assert lines(issues, "en") == [
        f"{path}:3:تعداد برادران: negative seats (-2)",
        f"{path}:5:تعداد خواهران: warning: total row does not match the units: female 9 in the"
        " total row, 3 summed over the rows; the rows are used",
    ]


def test_rejections(tmp_path: Path, write_xlsx: Callable[..., Path]) -> None:
    rows = [["کد واحد", "شماره دانشجویی"], ["LIB", ""], ["LIBB", "4001"], ["SCI", "4999"]]
    path = write_xlsx(tmp_path / "rejections.xlsx", rows)
    assert lines(parse_rejections(path).issues, "fa") == [
        f"{path}، ردیف ۲، ستون «شماره دانشجویی»: خالی است، ولی این ستون الزامی است",
    ]
    apps = write_xlsx(tmp_path / "applicants.xlsx", APPLICANTS_FA[:2])
    units = write_xlsx(tmp_path / "units.xlsx", UNITS_OK)
    rows = [rows[0], *rows[2:]]
    with pytest.raises(InputError) as info:
        load_problem(apps, units, write_xlsx(tmp_path / "rejections.xlsx", rows))
    assert lines(info.value.issues, "fa") == [
        f"{path}، ردیف ۲، ستون «کد واحد»: واحد ناشناخته است؛ منظورتان «LIB» بود؟ («LIBB»)",
        f"{path}، ردیف ۳، ستون «شماره دانشجویی»: دانشجو ناشناخته است (در پرونده متقاضیان نیست)"
        " («4999»)",
    ]
    assert lines(info.value.issues, "en") == [
        f"{path}:2:کد واحد: unknown unit; did you mean 'LIB'? (LIBB)",
        f"{path}:3:شماره دانشجویی: unknown student (4999)",
    ]


def test_timesheets(tmp_path: Path, write_xlsx: Callable[..., Path]) -> None:
    rows = [
        ["شماره دانشجویی", "کد واحد", "ماه", "ساعت"],
        ["4001", "LIB", "08/1402", 40],
        ["4002", "LIB", "1402/08", "چهل"],
        ["4003", "LIB", "2023/11", 10],
    ]
    path = write_xlsx(tmp_path / "timesheets.xlsx", rows)
    issues = parse_timesheets(path).issues
    assert lines(issues, "fa") == [
        f"{path}، ردیف ۲، ستون «ماه»: ماه شمسی با ماه در آغاز نوشته شده است؛ منظورتان ۱۴۰۲/۰۸"
        " بود؟ («08/1402»)",
        f"{path}، ردیف ۳، ستون «ساعت»: عدد نیست («چهل»)",
        f"{path}، ردیف ۴، ستون «ماه»: ماه میلادی است، نه شمسی: به شمسی ۱۴۰۲/۰۸-۱۴۰۲/۰۹ می‌شود"
        " («2023/11»)",
    ]
    assert lines(issues, "en") == [
        f"{path}:2:ماه: a Jalali month written month first; did you mean 1402/08? (08/1402)",
        f"{path}:3:ساعت: not a number (چهل)",
        f"{path}:4:ماه: a Gregorian month, not Jalali: in Jalali it is 1402/08-1402/09 (2023/11)",
    ]


def test_evaluations(tmp_path: Path, write_xlsx: Callable[..., Path]) -> None:
    rows = [["شماره دانشجویی", "کد واحد", "ارزیابی"], ["4001", "LIB", "خوب"]]
    path = write_xlsx(tmp_path / "evaluations.xlsx", rows)
    (issue,) = parse_evaluations(path).issues
    assert issue.line("fa").startswith(
        f"{path}، ردیف ۲، ستون «ارزیابی»: ارزیابی ناشناخته است؛ پذیرفته: satisfied، "
    )
    assert issue.line("fa").endswith(" («خوب»)")
    assert issue.line("en").startswith(
        f"{path}:2:ارزیابی: unknown evaluation; accepted: satisfied, "
    )


def test_an_allocation_folder(tmp_path: Path) -> None:
    summary = tmp_path / "summary.json"
    summary.write_text(json.dumps({"term": "۱۴۰۲-۳", "policy": {"min_gpaa": 1}}), "utf-8")
    with pytest.raises(InputError) as info:
        read_summary(summary)
    assert lines(info.value.issues, "fa") == [
        f"{summary}، ستون «term»: نیمسال «1402-3» ناشناخته است: به صورت سال-نیمسال بنویسید، مانند"
        " ۱۴۰۲-۱ («۱۴۰۲-۳»)",
        f"{summary}:policy، ستون «min_gpaa»: کلید «min_gpaa» ناشناخته است؛ منظورتان «min_gpa»"
        " بود؟ کلیدهای پذیرفته: " + "، ".join(sorted(Policy.model_fields)),
    ]
    assert lines(info.value.issues, "en")[0] == (
        f"{summary}:term: unknown term '1402-3': expected YEAR-SEMESTER such as 1402-1 (۱۴۰۲-۳)"
    )
    assignments = tmp_path / "assignments.csv"
    assignments.write_text("student_id,unit_code\n4001,LIB\n", "utf-8")
    with pytest.raises(InputError) as info:
        read_assignments_csv(assignments)
    (missing,) = info.value.issues
    assert missing.line("fa").startswith(f"{assignments}، ردیف ۱: این ستون‌ها نیست: first_name، ")
    assert missing.line("en").startswith(f"{assignments}:1: missing columns: first_name, ")


def test_a_policy(tmp_path: Path) -> None:
    """pydantic's own errors, and the policy's validators, in the catalogue's words."""
    path = tmp_path / "policy.toml"
    path.write_text(
        "time_limit_s = -1\nbudget_term_rial = 'much'\n[min_gpa]\nphd = 25\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as info:
        Policy.from_toml(path)
    fa = lines(info.value.issues, "fa")
    assert fa == [
        f"{path}، ستون «min_gpa.phd»: حداقل معدل باید از ۰ تا ۲۰ باشد («25»)",
        f"{path}، ستون «budget_term_rial»: عدد صحیح نیست («much»)",
        f"{path}، ستون «time_limit_s»: باید بیشتر از ۰ باشد («-1»)",
    ]
    assert lines(info.value.issues, "en") == [
        f"{path}:min_gpa.phd: a minimum GPA must be within 0-20 (25)",
        f"{path}:budget_term_rial: Input should be a valid integer, unable to parse string as an"
        " integer (much)",
        f"{path}:time_limit_s: Input should be greater than 0 (-1)",
    ]
    path.write_text("time_limit_s = \n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        Policy.from_toml(path)
    assert lines(info.value.issues, "fa") == [
        f"{path}، ردیف ۱: TOML درست نیست، در نویسهٔ ۱۶ (به گفتهٔ خوانندهٔ TOML: Invalid value)"
    ]


@pytest.mark.parametrize(
    ("name", "content", "fa"),
    [
        ("u.xlsx", bytes.fromhex("D0CF11E0A1B11AE1") + bytes(600), "کارپوشهٔ اکسل ۹۷-۲۰۰۳"),
        ("u.csv", "کد واحد;نام واحد;تعداد خواهران\nLIB;کتاب;1\n", "نقطه‌ویرگول"),
        ("u.txt", "x", "این نوع پرونده (.txt) پذیرفته نیست"),
    ],
)
def test_a_file_that_is_not_a_table(
    tmp_path: Path, name: str, content: str | bytes, fa: str
) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    (issue,) = parse_units(path).issues
    with use_lang("fa"):
        line = str(issue)
    assert line.startswith(f"{path}") and fa in line
    words = SUFFIX.sub("", line.replace(str(path), "").replace(EXCEL_FORMAT, ""))
    assert not LATIN_WORD.search(words), line
