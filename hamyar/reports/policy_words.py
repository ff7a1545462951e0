"""Policy keys and values in Persian, for the Persian sheets (the English sheets and the machine
files keep the keys as the policy file writes them).

A dotted key reads part by part: ``min_gpa.bachelor_continuous`` → «حداقل معدل — کارشناسی
پیوسته»; a value that is a policy word (``lexicographic``, ``soft``) or an enumerated value
(``phd``, ``azad``) reads as its Persian word. A part or value missing from the tables stays
as it is — the workbook tests read every Persian sheet for an English key left behind.
"""

from __future__ import annotations

import re

from hamyar.models.enums import PERSIAN

KEY_WORDS: dict[str, str] = {
    "min_semesters_passed": "حداقل نیمسال‌های گذرانده",
    "semester_exempt_degrees": "مقطع‌های معاف از شرط نیمسال",
    "semester1_start_month": "ماه آغاز نیمسال اول",
    "semester2_start_month": "ماه آغاز نیمسال دوم",
    "max_probation_semesters": "حداکثر نیمسال‌های مشروطی",
    "min_gpa": "حداقل معدل",
    "institution_type": "نوع مؤسسه",
    "excluded_institution_types": "مؤسسه‌های کنارگذاشته",
    "require_valid_sheba": "شبای معتبر لازم است",
    "exclude_unsatisfied": "کنار گذاشتن ارزیابی ناراضی",
    "priority_weights": "وزن گروه اولویت",
    "priority_combine": "ترکیب امتیازهای اولویت",
    "objective": "ترتیب اهداف تخصیص",
    "objective_mode": "شیوهٔ ترکیب اهداف",
    "objective_weights": "وزن هدف",
    "preference_mode": "شیوهٔ سنجش انتخاب‌ها",
    "stable": "تخصیص پایدار (بدون حق تقدم نادیده)",
    "pins": "تثبیت همیاران ادامه‌دهنده",
    "pin_penalty": "جریمهٔ نقض تثبیت",
    "keep_previous": "حفظ تخصیص نیمسال قبل",
    "keep_previous_mode": "شیوهٔ حفظ تخصیص قبل",
    "budget_term_rial": "بودجهٔ نیمسال (ریال)",
    "unit_budget_term_rial": "بودجهٔ نیمسال هر واحد (ریال)",
    "min_fill": "حداقل پرشدگی واحد",
    "min_fill_penalty": "جریمهٔ کمبود پرشدگی",
    "lottery_seed": "بذر قرعه‌کشی",
    "hourly_rate_rial": "نرخ ساعتی (ریال)",
    "married_multiplier": "ضریب متأهلان",
    "bonus_rules": "قواعد تشویقی",
    "default_hours_per_month": "ساعت ماهانهٔ پیش‌فرض",
    "months_per_term": "ماه‌های پرداخت در نیمسال",
    "monthly_hours_cap": "سقف ساعت ماهانه",
    "pro_rata": "پرداخت بخشی از ماه",
    "time_limit_s": "سقف زمان حل (ثانیه)",
    "workers": "تعداد پردازنده‌های حل",
    "max_input_mb": "حداکثر حجم ورودی (مگابایت)",
    "max_input_rows": "حداکثر ردیف ورودی",
    "priority": "اولویت",
    "coverage": "پوشش واحدها",
    "preference": "انتخاب‌های دانشجو",
    "gpa": "معدل",
}
"""The Persian for each part of a policy key (the enumerated parts come from
:data:`hamyar.models.PERSIAN`)."""

VALUE_WORDS: dict[str, str] = {
    "sum": "جمع",
    "max": "بیشینه",
    "lexicographic": "به ترتیب (مرحله به مرحله)",
    "weighted": "وزنی",
    "rank_maximal": "بیشترین انتخاب‌های بالاتر",
    "hard": "الزامی",
    "soft": "ترجیحی",
    "off": "خاموش",
    "cap": "تا سقف ساعت",
    "amount": "به نسبت مبلغ",
    "none": "هیچ",
    **{k: v for k, v in KEY_WORDS.items() if k in ("priority", "coverage", "preference", "gpa")},
}
"""The Persian for the policy's own words as values."""

_ENUMS = {member.value: word for member, word in PERSIAN.items()}
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _word(part: str) -> str:
    return KEY_WORDS.get(part) or _ENUMS.get(part) or part


def key_label(key: str, lang: str) -> str:
    """``min_gpa.phd`` → «حداقل معدل — دکتری تخصصی» in Persian; the key itself in English."""
    if lang != "fa":
        return key
    words = []
    for name, index in _PART.findall(key):
        words.append(_word(name) if name else f"ردیف {int(index) + 1}")
    return " — ".join(words)


def value_label(value: str, lang: str) -> str:
    """``master_discontinuous, phd`` → «کارشناسی ارشد ناپیوسته، دکتری تخصصی» in Persian."""
    if lang != "fa":
        return value
    parts = value.split(", ")
    return "، ".join(VALUE_WORDS.get(p) or _ENUMS.get(p) or p for p in parts)
