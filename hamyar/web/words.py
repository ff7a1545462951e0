"""Every word the web pages show, in one table of (Persian, English) pairs.

Kept in one place so that it can move into the message catalogue as it is; the words of the
workbooks (:mod:`hamyar.reports.labels`) are reused where they say the same thing.
"""

from __future__ import annotations

import re
from datetime import datetime

import jdatetime

from hamyar.models import Term
from hamyar.reports.labels import digits, term_label
from hamyar.reports.labels import label as report_label
from hamyar.web.words_pages import PAGE_WORDS

WORDS: dict[str, tuple[str, str]] = {
    "app": ("همیار دانشجو", "Hamyar Daneshjoo"),
    "switch": ("English", "فارسی"),
    "nav.term": ("نیمسال", "Term"),
    "nav.inputs": ("ورودی‌ها", "Inputs"),
    "nav.runs": ("اجراها", "Runs"),
    "nav.payroll": ("حقوق", "Payroll"),
    "term.title": ("نیمسال", "Term"),
    "term.choose": ("انتخاب یا آغاز نیمسال", "Choose or start a term"),
    "term.field": ("نیمسال (مثلاً ۱۴۰۲-۱)", "Term (e.g. 1402-1)"),
    "term.go": ("برو", "Go"),
    "term.known": ("نیمسال‌های ثبت‌شده", "Terms in the workspace"),
    "term.where": ("وضعیت این نیمسال", "Where this term stands"),
    "term.inputs": ("ورودی‌ها بررسی شده‌اند", "Inputs checked"),
    "term.runs": ("اجراها", "Runs"),
    "term.adopted": ("تخصیص پذیرفته", "Adopted allocation"),
    "term.paid": ("ماه‌های پرداخت‌شده", "Months paid"),
    "term.next": ("گام بعدی", "Next step"),
    "next.inputs": (
        "فایل‌های متقاضیان و واحدها را بارگذاری کنید.",
        "Upload the applicants and units files.",
    ),
    "next.run": ("تخصیص را اجرا کنید.", "Run the allocation."),
    "next.adopt": ("یکی از اجراها را بپذیرید.", "Adopt one of the runs."),
    "next.pay": (
        "کارکرد ماه را بارگذاری و حقوق را پرداخت کنید.",
        "Upload a month's timesheets and pay it.",
    ),
    "none": ("هیچ", "none"),
    "yes": ("بله", "yes"),
    "no": ("خیر", "no"),
    "inputs.title": ("ورودی‌ها", "Inputs"),
    "inputs.applicants": ("فایل متقاضیان", "Applicants file"),
    "inputs.units": ("فایل واحدها", "Units file"),
    "inputs.rejections": ("فایل ردشدگان واحدها (اختیاری)", "Unit rejections file (optional)"),
    "inputs.check": ("بررسی و ذخیره", "Check and store"),
    "inputs.stored": ("ورودی‌ها بی‌خطا بودند و ذخیره شدند.", "The inputs were clean and are stored."),
    "inputs.not_stored": (
        "ورودی‌ها خطا دارند و ذخیره نشدند.",
        "The inputs have errors and were not stored.",
    ),
    "inputs.templates": ("فرم‌های خالی", "Blank templates"),
    "inputs.current": ("ورودی‌های ذخیره‌شده", "Stored inputs"),
    "errors": ("خطاها", "Errors"),
    "warnings": ("هشدارها", "Warnings"),
    "col.file": ("فایل", "file"),
    "col.row": ("ردیف", "row"),
    "col.column": ("ستون", "column"),
    "col.message": ("پیام", "message"),
    "col.value": ("مقدار", "value"),
    "col.unit": ("واحد", "unit"),
    "col.code": ("کد", "code"),
    "col.gender": ("جنسیت", "gender"),
    "col.seats": ("ظرفیت", "seats"),
    "col.demand": ("متقاضی", "asking"),
    "col.name": ("نام", "name"),
    "col.student": ("شماره دانشجویی", "student ID"),
    "col.status": ("وضعیت", "status"),
    "col.rank": ("اولویت", "choice"),
    "col.run": ("اجرا", "run"),
    "col.when": ("زمان", "when"),
    "col.by": ("توسط", "by"),
    "col.placed": ("تخصیص", "placed"),
    "col.month": ("ماه", "month"),
    "col.total": ("جمع (ریال)", "total (rial)"),
    "demand.title": ("ظرفیت در برابر متقاضی", "Seats against applicants asking"),
    "dead.title": ("ظرفیت‌های بی‌متقاضی", "Dead seats (nobody of that gender asked)"),
    "nonviable.title": ("متقاضیان بی‌گزینه", "Non-viable applicants"),
    "female": ("خواهران", "female"),
    "male": ("برادران", "male"),
    "run.title": ("اجرا", "Run"),
    "run.start": ("اجرای تخصیص", "Run the allocation"),
    "run.stages": ("مراحل", "Stages"),
    "run.none": ("هنوز اجرایی نیست.", "No run yet."),
    "run.adopted": ("پذیرفته", "adopted"),
    "result.kpis": ("شاخص‌ها", "Key figures"),
    "result.fill": ("پرشدن ظرفیت هر واحد", "Fill of each unit"),
    "result.students": ("دانشجویان", "Students"),
    "result.search": ("جست‌وجو", "Search"),
    "status.placed": ("تخصیص‌یافته", "placed"),
    "status.unplaced": ("بدون تخصیص", "not placed"),
    "status.ineligible": ("فاقد شرایط", "not eligible"),
    "adopt.button": ("پذیرفتن این اجرا", "Adopt this run"),
    "adopt.note": ("یادداشت", "Note"),
    "adopt.done": ("این اجرا تخصیص نیمسال است.", "This run is the term's allocation."),
    "student.title": ("دانشجو", "Student"),
    "student.eligibility": ("شرایط", "Eligibility"),
    "student.placement": ("تخصیص", "Placement"),
    "student.why": ("توضیح", "Explanation"),
    "student.why_higher": ("چرا نه واحدهای با اولویت بالاتر", "Why not a better-ranked unit"),
    "student.waiting": ("جایگاه در فهرست انتظار", "Waiting-list places"),
    "student.eligible": ("واجد شرایط", "eligible"),
    "pay.title": ("حقوق ماه", "Monthly payroll"),
    "pay.timesheets": ("فایل کارکرد", "Timesheets file"),
    "pay.month": ("ماه (مثلاً ۱۴۰۲/۰۸)", "Month (e.g. 1402/08)"),
    "pay.preview": ("پیش‌نمایش", "Preview"),
    "pay.confirm": ("تأیید و پرداخت", "Confirm and pay"),
    "pay.paid": ("پرداخت ثبت شد.", "The payment is recorded."),
    "pay.lines": ("دانشجویان پرداختی", "students paid"),
    "pay.held": ("نگه‌داشته", "held back"),
    "pay.unpayable": ("غیرقابل پرداخت", "not payable"),
    "pay.downloads": ("دریافت فایل‌ها", "Downloads"),
    "pay.batches": ("پرداخت‌های ثبت‌شده", "Recorded payments"),
    "pay.need_adopt": ("نخست یک اجرا را بپذیرید.", "Adopt a run first."),
    "refused": ("درخواست پذیرفته نشد", "Refused"),
    "csrf": (
        "فرم منقضی یا نامعتبر است؛ صفحه را دوباره باز کنید.",
        "The form is stale or forged; open the page again.",
    ),
    "too_big": ("فایل بزرگ‌تر از حد مجاز است", "The file is larger than allowed"),
    "forbidden": ("دسترسی ندارید.", "Not allowed."),
    "not_found": ("پیدا نشد.", "Not found."),
    **PAGE_WORDS,
}


def word(key: str, lang: str) -> str:
    """The page word of ``key`` in ``lang``; a report word when the pages have none."""
    if key in WORDS:
        fa, en = WORDS[key]
        return fa if lang == "fa" else en
    return report_label(key, lang)


_DECIMAL = re.compile(r"[+-]?[\d,]*\.\d+%?")
"""A figure written with a decimal point (``73.2``, ``73.2%``, ``1,234.5``)."""


def num(value: object, lang: str) -> str:
    """A number with thousands separators; in Persian, Persian digits, the Persian thousands
    separator (٬) and the Persian decimal separator (٫)."""
    text = f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)
    if lang != "fa":
        return text
    if _DECIMAL.fullmatch(text):
        text = text.replace(".", "٫")
    return digits(text.replace(",", "٬"), lang)


def when(moment: datetime, lang: str) -> str:
    """A moment as a Jalali date and time on Persian pages, ISO in English."""
    if lang != "fa":
        return moment.strftime("%Y-%m-%d %H:%M")
    j = jdatetime.datetime.fromgregorian(datetime=moment)
    return digits(j.strftime("%Y/%m/%d %H:%M"), lang)


def term_words(term: str, lang: str) -> str:
    try:
        return term_label(Term.parse(term), lang)
    except ValueError:
        return term


def _account_words() -> None:
    from hamyar.web.account_words import ACCOUNT_WORDS

    WORDS.update(ACCOUNT_WORDS)


_account_words()
