"""The columns of the data contract (DATA.md): canonical English names and Persian aliases.

A header matches a column when its :func:`hamyar.text.normalize_key` equals the key of the
canonical name, of the canonical name with spaces for underscores, or of an alias. Unknown
columns are kept and carried to the output, never an error.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from hamyar.text import normalize_key


@dataclass(frozen=True)
class Column:
    name: str
    aliases: tuple[str, ...]
    required: bool = False
    kind: str = "text"
    """text | int | number | gpa | date | month | bool | enum:<Enum> | list | enum_list:<Enum>"""
    persian: str = ""
    """The header a Persian template writes (the first alias when empty)."""

    @property
    def header_fa(self) -> str:
        return self.persian or (self.aliases[0] if self.aliases else self.name)

    def spellings(self) -> set[str]:
        names = {self.name, self.name.replace("_", " "), *self.aliases}
        return {normalize_key(n) for n in names}


APPLICANT_COLUMNS: tuple[Column, ...] = (
    Column("student_id", ("شماره دانشجویی",), required=True),
    Column("national_id", ("کد ملی",)),
    Column("first_name", ("نام",), required=True),
    Column("last_name", ("نام خانوادگی",), required=True),
    Column("gender", ("جنسیت",), required=True, kind="enum:Gender"),
    Column("degree", ("مقطع تحصیلی", "مقطع"), required=True, kind="enum:Degree"),
    Column("field", ("رشته", "رشته تحصیلی")),
    Column("gpa", ("معدل ترم گذشته", "معدل"), required=True, kind="gpa"),
    Column("study_start", ("تاریخ شروع به تحصیل",), kind="date"),
    Column("semesters_passed", ("تعداد نیمسال گذرانده", "تعداد نیم سال گذرانده"), kind="int"),
    Column("student_type", ("نوع دانشجو",), kind="enum:StudentType"),
    Column("iranian_mother", ("مادر ایرانی",), kind="bool"),
    Column("deputy_approval", ("تایید معاونت", "تأیید معاونت"), kind="bool"),
    Column("disciplinary_record", ("سابقه انضباطی",), kind="bool"),
    Column("probation_semesters", ("تعداد نیمسال مشروطی", "تعداد نیم سال مشروطی"), kind="int"),
    Column("marital_status", ("وضعیت تاهل", "وضعیت تأهل"), kind="enum:MaritalStatus"),
    Column("children", ("تعداد فرزند",), kind="int"),
    Column(
        "priority_groups", ("گروه های اولویت", "گروه‌های اولویت"), kind="enum_list:PriorityGroup"
    ),
    Column("sheba", ("شماره شبا", "شبا")),
    Column(
        "preferences",
        ("زمینه های مورد درخواست", "اولویت ها", "زمینه‌های مورد درخواست", "اولویت‌ها"),
        required=True,
        kind="list",
    ),
    Column("accepted_rules", ("موافقت با قوانین",), kind="bool"),
    Column("current_unit", ("واحد فعلی",)),
    Column(
        "institution_type", ("نوع موسسه", "نوع مؤسسه", "دانشگاه مبدا"), kind="enum:InstitutionType"
    ),
)

UNIT_COLUMNS: tuple[Column, ...] = (
    Column("code", ("کد واحد",)),
    Column("row", ("ردیف",)),
    Column("name_fa", ("نام واحد", "نام واحدهای متقاضی"), required=True),
    Column("name_en", ("نام انگلیسی",)),
    Column("female_seats", ("تعداد خواهران",), required=True, kind="int"),
    Column("male_seats", ("تعداد برادران", "تعداد درخواست برادران"), required=True, kind="int"),
    Column("total", ("جمع",), kind="int"),
    Column("area", ("حوزه",)),
    Column("activity_fa", ("نوع فعالیت",)),
    Column("activity_en", ("نوع فعالیت (انگلیسی)",)),
    Column("hours_per_month", ("ساعت در ماه",), kind="number"),
    Column("allowed_degrees", ("مقاطع مجاز",), kind="enum_list:Degree"),
    Column("allowed_fields", ("رشته های مجاز", "رشته‌های مجاز"), kind="list"),
)

REJECTION_COLUMNS: tuple[Column, ...] = (
    Column("unit_code", ("کد واحد", "واحد"), required=True),
    Column("student_id", ("شماره دانشجویی",), required=True),
)

TIMESHEET_COLUMNS: tuple[Column, ...] = (
    Column("student_id", ("شماره دانشجویی",), required=True),
    Column("unit_code", ("کد واحد", "واحد"), required=True),
    Column("month", ("ماه",), required=True, kind="month"),
    Column("hours", ("ساعت", "ساعات کار", "ساعت کار"), required=True, kind="number"),
)

NOTICE_APPLICANT_COLUMNS: tuple[Column, ...] = (
    Column("mobile", ("موبایل", "تلفن همراه", "شماره همراه", "شماره موبایل", "شماره تماس")),
)
"""Optional applicant columns the notices read from the kept unknown columns (``extra``)."""

NOTICE_UNIT_COLUMNS: tuple[Column, ...] = (
    Column("contact", ("مسئول", "مسئول واحد", "نام مسئول", "سرپرست", "responsible")),
    Column("contact_phone", ("تلفن", "تلفن مسئول", "تلفن واحد", "phone")),
    Column("location", ("نشانی", "محل مراجعه", "محل", "آدرس", "address")),
)
"""Optional unit columns of whom a placed student reports to, read from ``extra``."""


def extra_value(extra: dict[str, str], column: Column) -> str | None:
    """The value of ``column`` among a record's unknown columns (headers as written), if any."""
    spellings = column.spellings()
    for header, value in extra.items():
        if normalize_key(header) in spellings and value.strip():
            return value.strip()
    return None


TOTAL_ROW_WORDS = ("جمع", "جمع کل", "مجموع", "total", "grand total", "sum")


def header_map(columns: tuple[Column, ...]) -> dict[str, Column]:
    """``{normalised header: column}`` for every accepted spelling."""
    table: dict[str, Column] = {}
    for column in columns:
        for key in column.spellings():
            table.setdefault(key, column)
    return table


def accepted_headers(column: Column) -> tuple[str, ...]:
    """The header spellings accepted for a column, for a missing-column message."""
    return tuple(dict.fromkeys((column.name, *column.aliases)))


def _spelling_scores(header: str, column: Column) -> tuple[float, str]:
    """How close ``header`` is to the nearest spelling of ``column`` (0–1), and that spelling."""
    key = normalize_key(header)
    best = (0.0, column.name)
    for spelling in dict.fromkeys((column.name, *column.aliases)):
        ratio = difflib.SequenceMatcher(None, key, normalize_key(spelling)).ratio()
        best = max(best, (ratio, spelling))
    return best


SUGGEST_MISSING = 0.6
"""How close an unknown header must be to a missing required column to be suggested for it."""
SUGGEST_UNKNOWN = 0.8
"""How close an unknown header must be to an absent column to be warned about."""


def header_for_missing(column: Column, unknown: Iterable[str]) -> str | None:
    """The unknown header of a file most likely meant as the missing ``column``: the closest one
    (difflib ratio ≥ :data:`SUGGEST_MISSING` after :func:`normalize_key`), or one that contains
    a spelling of the column or is contained in one; ``None`` when none is."""
    spellings = [normalize_key(s) for s in (column.name, *column.aliases)]
    best: tuple[float, str] | None = None
    for header in unknown:
        key = normalize_key(header)
        ratio, _ = _spelling_scores(header, column)
        contained = any(len(s) >= 3 and (s in key or key in s) for s in spellings if key)
        score = max(ratio, SUGGEST_MISSING if contained else 0.0)
        if score >= SUGGEST_MISSING and (best is None or score > best[0]):
            best = (score, header)
    return None if best is None else best[1]


def column_for_unknown(header: str, absent: Iterable[Column]) -> str | None:
    """The spelling of an absent column that an unknown ``header`` most likely misspells
    (difflib ratio ≥ :data:`SUGGEST_UNKNOWN`), or ``None``."""
    best: tuple[float, str] | None = None
    for column in absent:
        score = _spelling_scores(header, column)
        if score[0] >= SUGGEST_UNKNOWN and (best is None or score > best):
            best = score
    return None if best is None else best[1]
