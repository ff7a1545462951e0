"""Every word the workbooks and tables show, in Persian and English: one table, :data:`LABELS`
(the allocation, unit and payroll workbooks, and the comparison, sweep and batch tables of
:mod:`hamyar.scenarios`). The sentences the optimizer's explanations say are built a layer
lower, in :mod:`hamyar.sentences`.

``label("sheet.summary", "fa")`` gives ``خلاصه``; the same key with ``"en"`` gives ``Summary``.
Enumerated values (gender, degree, priority group, solver status) come through
:func:`enum_label`; terms, dates and months through :func:`term_label`, :func:`date_label` and
:func:`month_label` (Persian digits and month names in Persian).
"""

from __future__ import annotations

from enum import StrEnum

import jdatetime

from hamyar.models import JalaliDate, JalaliMonth, SolveStatus, Term, persian
from hamyar.reports.xlsx_style import persian_digits

LABELS: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- sheet names
    "sheet.summary": ("خلاصه", "Summary"),
    "sheet.assignments": ("تخصیص‌ها", "Assignments"),
    "sheet.units": ("واحدها", "Units"),
    "sheet.unassigned": ("بدون تخصیص", "Unassigned"),
    "sheet.waiting": ("فهرست انتظار", "Waiting lists"),
    "sheet.eligibility": ("صلاحیت", "Eligibility"),
    "sheet.payments": ("پرداخت‌ها", "Payments"),
    "sheet.policy": ("سیاست", "Policy"),
    "sheet.unit": ("همیاران واحد", "Unit assistants"),
    # ---------------------------------------------------------------- Summary
    "summary.title": ("تخصیص همیار دانشجو", "Hamyar Daneshjoo allocation"),
    "summary.term": ("نیمسال", "Term"),
    "summary.run_date": ("تاریخ اجرا", "Run date"),
    "summary.indicator": ("شاخص", "Indicator"),
    "summary.value": ("مقدار", "Value"),
    "summary.toman": ("تومان", "Toman"),
    "kpi.applicants": ("متقاضیان", "Applicants"),
    "kpi.eligible": ("واجد شرایط", "Eligible"),
    "kpi.placed": ("تخصیص‌یافته", "Placed"),
    "kpi.placed_female": ("تخصیص‌یافته — خواهران", "Placed — female"),
    "kpi.placed_male": ("تخصیص‌یافته — برادران", "Placed — male"),
    "kpi.seats_female": ("ظرفیت خواهران", "Seats — female"),
    "kpi.seats_male": ("ظرفیت برادران", "Seats — male"),
    "kpi.left_female": ("ظرفیت خالی خواهران", "Seats left — female"),
    "kpi.left_male": ("ظرفیت خالی برادران", "Seats left — male"),
    "kpi.first_choice": ("سهم تخصیص به اولویت اول", "Share placed at first choice"),
    "kpi.unassigned": ("واجد شرایط بدون تخصیص", "Eligible, not placed"),
    "kpi.envy": ("حسادت موجه (تعداد)", "Justified envy (pairs)"),
    "kpi.min_fill_missed": ("کمبود حداقل پرشدگی (واحد و جنسیت)", "Minimum fill missed"),
    "kpi.monthly_cost": ("هزینه ماهانه برنامه‌ریزی‌شده (ریال)", "Planned monthly cost (rial)"),
    "kpi.term_cost": ("هزینه نیمسال برنامه‌ریزی‌شده (ریال)", "Planned term cost (rial)"),
    "kpi.months": ("ماه‌های پرداخت در نیمسال", "Payroll months per term"),
    "kpi.status": ("وضعیت حل‌کننده", "Solver status"),
    "kpi.gap": ("فاصله تا کران", "Gap to bound"),
    "kpi.solve_time": ("زمان حل (ثانیه)", "Solve time (s)"),
    "rank.title": ("توزیع رتبه انتخاب", "Rank distribution"),
    "rank.rank": ("رتبه انتخاب", "Choice rank"),
    "rank.students": ("تعداد دانشجو", "Students"),
    "rank.share": ("سهم", "Share"),
    "rank.outside": ("بیرون از انتخاب‌ها (تثبیت‌شده)", "Outside the choices (pinned)"),
    "priority.title": ("تخصیص بر پایه گروه اولویت", "Placements per priority group"),
    "priority.group": ("گروه اولویت", "Priority group"),
    "priority.eligible": ("واجد شرایط", "Eligible"),
    "priority.placed": ("تخصیص‌یافته", "Placed"),
    "priority.share": ("سهم تخصیص", "Share placed"),
    "priority.none": ("بدون گروه اولویت", "No priority group"),
    "stage.title": ("مراحل هدف", "Objective stages"),
    "stage.name": ("مرحله", "Stage"),
    "stage.value": ("مقدار", "Value"),
    "stage.bound": ("کران", "Bound"),
    "stage.gap": ("فاصله", "Gap"),
    "stage.status": ("وضعیت", "Status"),
    "stage.method": ("روش", "Method"),
    "stage.time": ("زمان (ثانیه)", "Time (s)"),
    "warnings.title": ("هشدارهای ورودی", "Input warnings"),
    "chart.fill": ("ظرفیت درخواستی و تخصیص‌یافته هر واحد", "Seats asked and filled per unit"),
    "chart.rank": ("توزیع رتبه انتخاب", "Rank distribution"),
    "chart.seats": ("تعداد", "Seats"),
    "objective.priority": ("اولویت", "priority"),
    "objective.coverage": ("پوشش ظرفیت", "coverage"),
    "objective.preference": ("ترجیح", "preference"),
    "objective.gpa": ("معدل", "gpa"),
    "objective.keep_previous": ("حفظ تخصیص قبلی", "keep_previous"),
    # ---------------------------------------------------------------- common columns
    "col.unit_code": ("کد واحد", "Unit code"),
    "col.unit_name": ("نام واحد", "Unit"),
    "col.area": ("حوزه", "Area"),
    "col.student_id": ("شماره دانشجویی", "Student ID"),
    "col.first_name": ("نام", "First name"),
    "col.last_name": ("نام خانوادگی", "Last name"),
    "col.full_name": ("نام و نام خانوادگی", "Name"),
    "col.gender": ("جنسیت", "Gender"),
    "col.degree": ("مقطع تحصیلی", "Degree"),
    "col.field": ("رشته", "Field"),
    "col.gpa": ("معدل", "GPA"),
    "col.rank": ("رتبه انتخاب", "Choice rank"),
    "col.priority_score": ("امتیاز اولویت", "Priority score"),
    "col.priority_groups": ("گروه‌های اولویت", "Priority groups"),
    "col.pinned": ("تثبیت‌شده", "Pinned"),
    "col.hours": ("ساعت در ماه", "Hours per month"),
    "col.rate": ("نرخ ساعتی (ریال)", "Hourly rate (rial)"),
    "col.multiplier": ("ضریب", "Multiplier"),
    "col.monthly_rial": ("پرداخت ماهانه (ریال)", "Monthly pay (rial)"),
    "col.monthly_toman": ("پرداخت ماهانه (تومان)", "Monthly pay (toman)"),
    "col.term_rial": ("پرداخت نیمسال (ریال)", "Term pay (rial)"),
    "col.term_toman": ("پرداخت نیمسال (تومان)", "Term pay (toman)"),
    "col.students": ("تعداد دانشجو", "Students"),
    "col.total": ("جمع", "Total"),
    "col.row": ("ردیف", "No."),
    # ---------------------------------------------------------------- Units
    "units.female_asked": ("خواهران — درخواست", "Female asked"),
    "units.female_filled": ("خواهران — تخصیص", "Female filled"),
    "units.male_asked": ("برادران — درخواست", "Male asked"),
    "units.male_filled": ("برادران — تخصیص", "Male filled"),
    "units.total_asked": ("جمع درخواست", "Total asked"),
    "units.total_filled": ("جمع تخصیص", "Total filled"),
    "units.fill": ("درصد پرشدگی", "Fill %"),
    "units.cost_monthly": ("هزینه ماهانه (ریال)", "Monthly cost (rial)"),
    "units.cost_monthly_toman": ("هزینه ماهانه (تومان)", "Monthly cost (toman)"),
    "units.cost_term": ("هزینه نیمسال (ریال)", "Term cost (rial)"),
    "units.cost_term_toman": ("هزینه نیمسال (تومان)", "Term cost (toman)"),
    # ---------------------------------------------------------------- Assignments
    "assignments.explanation": (
        "چرا نه واحدهای با اولویت بالاتر",
        "Why not a better-ranked unit",
    ),
    # ---------------------------------------------------------------- Unassigned
    "unassigned.choices": ("واحدهای درخواستی (به ترتیب)", "Units asked for (in order)"),
    "unassigned.explanation": ("توضیح", "Explanation"),
    "waiting.position": ("نوبت", "Position"),
    "waiting.placed_unit": ("واحد فعلی", "Placed at"),
    "unassigned.none": ("توضیحی ثبت نشده است", "No explanation recorded"),
    # ---------------------------------------------------------------- Eligibility
    "elig.semesters": ("نیمسال‌های گذرانده", "Semesters passed"),
    "elig.eligible": ("واجد شرایط", "Eligible"),
    "elig.blocking": ("قواعد ردکننده", "Blocking rules"),
    "elig.warnings": ("هشدارها", "Warnings"),
    "elig.notes": ("یادداشت‌ها", "Notes"),
    "elig.open_units": ("واحدهای باز", "Units open"),
    "elig.closed_units": ("واحدهای بسته (E9)", "Units closed (E9)"),
    "elig.messages": ("دلایل", "Reasons"),
    "elig.unit": ("واحد", "unit"),
    # ---------------------------------------------------------------- Payments
    "pay.per_unit": ("هزینه برنامه‌ریزی‌شده هر واحد", "Planned cost per unit"),
    "pay.months": ("ماه‌های پرداخت", "Payroll months"),
    # ---------------------------------------------------------------- Policy
    "policy.section": ("بخش", "Section"),
    "policy.parameter": ("پارامتر", "Parameter"),
    "policy.value": ("مقدار", "Value"),
    "policy.rule": ("قاعده", "Rule"),
    "policy.note": ("یادداشت", "Note"),
    "policy.assumption": ("فرض", "Assumption"),
    "section.term": ("نیمسال", "term"),
    "section.policy": ("سیاست", "policy"),
    "section.input": ("فایل ورودی (sha256)", "input file (sha256)"),
    "section.run": ("اجرا", "run"),
    "term.term": ("نیمسال", "term"),
    "term.start": ("آغاز نیمسال", "term start"),
    "term.months": ("ماه‌های پرداخت", "payroll months"),
    "run.version": ("نسخه hamyar", "hamyar version"),
    "run.name": ("نام مسئله", "problem name"),
    "run.timing": ("زمان مرحله (ثانیه)", "stage time (s)"),
    # ---------------------------------------------------------------- per-unit workbook
    "unit.title": ("همیاران واحد", "Student assistants of"),
    "unit.hours_note": ("ساعت کار در ماه", "hours of work per month"),
    "unit.accept": ("تأیید واحد (بله/خیر)", "Accepted by the unit (yes/no)"),
    "unit.signature": ("نام و امضای مسئول واحد:", "Name and signature of the unit head:"),
    # ---------------------------------------------------------------- values
    "yes": ("بله", "yes"),
    "no": ("خیر", "no"),
    "semester.1": ("نیمسال اول", "semester 1"),
    "semester.2": ("نیمسال دوم", "semester 2"),
    "status.optimal": ("بهینه", "optimal"),
    "status.feasible": ("شدنی (با فاصله از کران)", "feasible (with a gap)"),
    "status.infeasible": ("ناشدنی", "infeasible"),
    "status.no_solution": ("بدون جواب", "no solution"),
    # ---------------------------------------------------------------- payroll files
    "payroll.sheet_payroll": ("لیست پرداخت", "Payroll"),
    "payroll.sheet_not_payable": ("غیرقابل پرداخت", "Not payable"),
    "payroll.sheet_held": ("پرداخت معلق", "Held back"),
    "payroll.sheet_bad": ("ردیف‌های نادرست", "Bad rows"),
    "payroll.sheet_transfers": ("فهرست واریز", "Transfers"),
    "payroll.sheet_summary": ("خلاصه", "Summary"),
    "payroll.summary_title": ("لیست پرداخت حق‌الزحمه همیار دانشجو", "Student assistant payroll"),
    "payroll.prepared_by": ("تهیه‌کننده", "Prepared by"),
    "payroll.checked_by": ("بررسی‌کننده", "Checked by"),
    "payroll.approved_by": ("تأییدکننده", "Approved by"),
    "payroll.name_date_signature": ("نام، تاریخ و امضا", "Name, date and signature"),
    "payroll.student_id": ("شماره دانشجویی", "Student ID"),
    "payroll.national_id": ("کد ملی", "National ID"),
    "payroll.first_name": ("نام", "First name"),
    "payroll.last_name": ("نام خانوادگی", "Last name"),
    "payroll.full_name": ("نام و نام خانوادگی", "Full name"),
    "payroll.degree": ("مقطع", "Degree"),
    "payroll.marital_status": ("وضعیت تأهل", "Marital status"),
    "payroll.unit_code": ("کد واحد", "Unit code"),
    "payroll.unit_name": ("نام واحد", "Unit"),
    "payroll.reported_hours": ("ساعات گزارش‌شده", "Hours reported"),
    "payroll.paid_hours": ("ساعات پرداختی", "Hours paid"),
    "payroll.capped": ("سقف ساعت (P3)", "Capped (P3)"),
    "payroll.part_of_month": ("بخشی از ماه (P5)", "Part of month (P5)"),
    "payroll.hourly_rate": ("نرخ ساعتی (ریال)", "Hourly rate (rial)"),
    "payroll.multiplier": ("ضریب", "Multiplier"),
    "payroll.bonus_percent": ("درصد تشویقی", "Bonus %"),
    "payroll.amount_rial": ("مبلغ (ریال)", "Amount (rial)"),
    "payroll.amount_toman": ("مبلغ (تومان)", "Amount (toman)"),
    "payroll.sheba": ("شماره شبا", "Sheba"),
    "payroll.description": ("شرح", "Description"),
    "payroll.bank": ("بانک", "Bank"),
    "payroll.note": ("یادداشت", "Note"),
    "payroll.reason": ("علت", "Reason"),
    "payroll.rule": ("قاعده", "Rule"),
    "payroll.month": ("ماه", "Month"),
    "payroll.hours": ("ساعت", "Hours"),
    "payroll.placed_unit": ("واحد محل کار", "Placed unit"),
    "payroll.file": ("فایل", "File"),
    "payroll.row": ("ردیف", "Row"),
    "payroll.column": ("ستون", "Column"),
    "payroll.value": ("مقدار", "Value"),
    "payroll.message": ("پیام", "Message"),
    "payroll.item": ("مورد", "Item"),
    "payroll.unit_subtotal": ("جمع واحد", "Unit subtotal"),
    "payroll.total": ("جمع کل", "Total"),
    "payroll.control_total": ("جمع کنترل", "Control total"),
    "payroll.transfers": ("تعداد واریز", "Transfers"),
    "payroll.term": ("نیمسال", "Term"),
    "payroll.paid_students": ("دانشجویان پرداختی", "Students paid"),
    "payroll.payroll_total": ("جمع لیست پرداخت (ریال)", "Payroll total (rial)"),
    "payroll.held_total": ("جمع معلق (ریال)", "Held back (rial)"),
    "payroll.not_payable_rows": ("ردیف‌های غیرقابل پرداخت", "Rows not payable"),
    "payroll.bad_rows": ("ردیف‌های نادرست کنارگذاشته", "Bad rows skipped"),
    "payroll.no_timesheet": ("بدون کارکرد در این ماه", "Placed, no timesheet this month"),
    # ---------------------------------------------------------------- KPI tables (compare, sweep)
    "kpi_table.applicants": ("متقاضیان", "applicants"),
    "kpi_table.eligible": ("واجد شرایط", "eligible"),
    "kpi_table.placed": ("تخصیص‌یافته", "placed"),
    "kpi_table.placed_female": ("تخصیص‌یافته (خواهران)", "placed (female)"),
    "kpi_table.placed_male": ("تخصیص‌یافته (برادران)", "placed (male)"),
    "kpi_table.seats_female": ("ظرفیت (خواهران)", "seats (female)"),
    "kpi_table.seats_male": ("ظرفیت (برادران)", "seats (male)"),
    "kpi_table.seats_left_female": ("ظرفیت خالی (خواهران)", "seats left (female)"),
    "kpi_table.seats_left_male": ("ظرفیت خالی (برادران)", "seats left (male)"),
    "kpi_table.first_choice_share": ("سهم انتخاب اول", "placed at first choice"),
    "kpi_table.justified_envy": ("جفت‌های حسادت موجه", "justified-envy pairs"),
    "kpi_table.min_fill_missed": ("واحدهای زیر حداقل پرشدگی", "units below minimum fill"),
    "kpi_table.monthly_cost_rial": (
        "هزینهٔ ماهانهٔ برنامه‌ریزی‌شده (ریال)",
        "planned monthly cost (rial)",
    ),
    "kpi_table.term_cost_rial": ("هزینهٔ نیم‌سال (ریال)", "planned term cost (rial)"),
    "kpi_table.status": ("وضعیت حل‌کننده", "solver status"),
    "kpi_table.gap": ("شکاف بهینگی", "gap"),
    "kpi_table.solve_time_s": ("زمان حل (ثانیه)", "solve time (s)"),
    "kpi_table.status.optimal": ("بهینه", "optimal"),
    "kpi_table.status.feasible": ("شدنی", "feasible"),
    "kpi_table.status.infeasible": ("ناشدنی", "infeasible"),
    "kpi_table.status.no_solution": ("بدون جواب", "no solution"),
    "kpi_table.rank": ("تخصیص در انتخاب {rank}", "placed at choice {rank}"),
    "kpi_table.group": ("تخصیص‌یافته: {group}", "placed: {group}"),
    # ---------------------------------------------------------------- compare
    "sheet.kpis": ("شاخص‌ها", "KPIs"),
    "sheet.diff": ("تغییرات", "Diff"),
    "compare.kpi": ("شاخص", "KPI"),
    "compare.difference": ("تفاوت با پایه", "Difference from base"),
    "compare.unit_code": ("کد واحد", "unit code"),
    "compare.unit": ("واحد", "unit"),
    "compare.seats_female": ("ظرفیت خواهران", "female seats"),
    "compare.filled_female": ("خواهران", "female filled"),
    "compare.seats_male": ("ظرفیت برادران", "male seats"),
    "compare.filled_male": ("برادران", "male filled"),
    "compare.fill": ("درصد پرشدگی", "fill %"),
    "diff.scenario": ("سناریو", "scenario"),
    "diff.student_id": ("شماره دانشجویی", "student_id"),
    "diff.first_name": ("نام", "first_name"),
    "diff.last_name": ("نام خانوادگی", "last_name"),
    "diff.change": ("تغییر", "change"),
    "diff.base_unit": ("واحد در پایه", "base unit"),
    "diff.base_rank": ("رتبه در پایه", "base rank"),
    "diff.scenario_unit": ("واحد در سناریو", "scenario unit"),
    "diff.scenario_rank": ("رتبه در سناریو", "scenario rank"),
    "diff.gained": ("تخصیص جدید", "gained"),
    "diff.lost": ("از دست رفته", "lost"),
    "diff.moved": ("جابه‌جایی", "moved"),
    # ---------------------------------------------------------------- sweep
    "sheet.sweep": ("بررسی پارامتر", "Sweep"),
    "sheet.charts": ("نمودارها", "Charts"),
    "sweep.point": ("نقطه", "point"),
    "sweep.values": ("مقادیر", "values"),
    "sweep.error": ("خطا", "error"),
    "sweep.failed": ("ناموفق", "failed"),
    "chart.placements": ("تخصیص", "Placements"),
    "chart.first_choice": ("سهم انتخاب اول", "Placed at first choice"),
    "chart.term_cost": ("هزینهٔ نیم‌سال (ریال)", "Planned term cost (rial)"),
    "chart.envy": ("حسادت موجه", "Justified envy"),
    # ---------------------------------------------------------------- batch
    "sheet.batch": ("دسته", "Batch"),
    "batch.scenario": ("سناریو", "scenario"),
    "batch.status": ("وضعیت", "status"),
    "batch.error": ("خطا", "error"),
    "batch.wall_time": ("زمان کل (ثانیه)", "wall time (s)"),
    "batch.ok": ("انجام شد", "ok"),
    "batch.failed": ("ناموفق", "failed"),
}

ASSUMPTIONS_FA: dict[str, str] = {
    "hourly_rate_rial.associate": "قاعده P1 نرخی برای کاردانی ندارد؛ نرخ کارشناسی به کار رفت",
    "hourly_rate_rial.professional_doctorate": (
        "قاعده P1 نرخی برای دکتری حرفه‌ای ندارد؛ نرخ دکتری تخصصی به کار رفت"
    ),
    "priority_weights": "قاعده A3 گروه‌ها را نام می‌برد نه وزن‌ها را؛ برداشت این ابزار",
    "default_hours_per_month": "آیین‌نامه ساعتی نام نمی‌برد؛ درخواست رایج واحدها",
    "months_per_term": "آیین‌نامه تعداد ماه‌های پرداخت در نیمسال را نام نمی‌برد",
    "monthly_hours_cap": "آیین‌نامه سقفی نام نمی‌برد؛ سقف رایج پرداخت",
    "pro_rata": "آیین‌نامه از پاره‌ماه چیزی نمی‌گوید؛ برداشت این ابزار (P5)",
}
"""Persian wording of :data:`hamyar.models.ASSUMPTIONS` (same keys)."""

PARAMETER_RULES: dict[str, str] = {
    "min_semesters_passed": "E1",
    "semester_exempt_degrees": "E1",
    "semester1_start_month": "E1",
    "semester2_start_month": "E1",
    "max_probation_semesters": "E3",
    "min_gpa": "E4",
    "institution_type": "E7",
    "excluded_institution_types": "E7",
    "require_valid_sheba": "E8",
    "exclude_unsatisfied": "E9",
    "min_fill": "A1",
    "min_fill_penalty": "A1",
    "priority_weights": "A3",
    "priority_combine": "A3",
    "preference_mode": "A4",
    "pins": "A5",
    "pin_penalty": "A5",
    "keep_previous": "A5",
    "keep_previous_mode": "A5",
    "hourly_rate_rial": "P1",
    "married_multiplier": "P2",
    "default_hours_per_month": "P3",
    "months_per_term": "P3",
    "monthly_hours_cap": "P3",
    "pro_rata": "P5",
}
"""The rule each top-level policy parameter belongs to (parameters of the solver and of the
objective as a whole name no single rule)."""


def label(key: str, lang: str) -> str:
    """The word of ``key`` in ``lang`` (a missing key is a ``KeyError``)."""
    fa, en = LABELS[key]
    return fa if lang == "fa" else en


def labels(keys: tuple[str, ...] | list[str], lang: str) -> list[str]:
    return [label(k, lang) for k in keys]


def yes_no(value: bool, lang: str) -> str:
    return label("yes" if value else "no", lang)


def enum_label(member: StrEnum, lang: str) -> str:
    """An enumerated value in words: Persian (:func:`hamyar.models.persian`) or English
    (the value with spaces for underscores); a solver status from :data:`LABELS`."""
    if isinstance(member, SolveStatus):
        return label(f"status.{member.value}", lang)
    if lang == "fa":
        return persian(member)
    return member.value.replace("_", " ")


def stage_label(name: str, lang: str) -> str:
    """An objective stage's name: ``preference:2`` → ``ترجیح (۲)`` in Persian; English and
    unknown stage names are kept as the optimizer gives them."""
    base, _, suffix = name.partition(":")
    key = f"objective.{base}"
    if lang != "fa" or key not in LABELS:
        return name
    word = label(key, lang)
    return f"{word} ({persian_digits(suffix)})" if suffix else word


def digits(text: str, lang: str) -> str:
    """Persian digits in Persian, ASCII digits in English."""
    return persian_digits(text) if lang == "fa" else text


def term_label(term: Term, lang: str) -> str:
    """``نیمسال اول ۱۴۰۲–۱۴۰۳`` / ``1402–1403 semester 1 (1402-1)``."""
    years = f"{term.year}–{term.year + 1}"
    semester = label(f"semester.{term.semester}", lang)
    if lang == "fa":
        return f"{semester} {persian_digits(years)}"
    return f"{years} {semester} ({term})"


def date_label(date: JalaliDate, lang: str) -> str:
    """A Jalali date as ``yyyy/mm/dd`` (Persian digits in Persian)."""
    return digits(str(date), lang)


def month_label(month: JalaliMonth, lang: str) -> str:
    """``مهر ۱۴۰۲`` / ``Mehr 1402``."""
    names = jdatetime.date.j_months_fa if lang == "fa" else jdatetime.date.j_months_en
    return digits(f"{names[month.month - 1]} {month.year}", lang)
