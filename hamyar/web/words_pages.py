"""The words of the scenario, compare, progress, notices and downloads pages (Persian, English);
:data:`hamyar.web.words.WORDS` includes them."""

from __future__ import annotations

PAGE_WORDS: dict[str, tuple[str, str]] = {
    "nav.scenarios": ("سناریوها", "Scenarios"),
    "nav.compare": ("مقایسه", "Compare"),
    "nav.notices": ("اطلاعیه‌ها", "Notices"),
    "nav.downloads": ("دریافت فایل‌ها", "Downloads"),
    "stage.inputs": ("خواندن ورودی‌ها", "inputs"),
    "stage.eligibility": ("بررسی شرایط (E1–E9)", "eligibility (E1–E9)"),
    "stage.allocation": ("تخصیص بهینه (A1–A5)", "allocation (A1–A5)"),
    "stage.payments": ("هزینهٔ برنامه‌ریزی‌شده (P1–P4)", "planned cost (P1–P4)"),
    "stage.reports": ("نوشتن کاربرگ‌ها", "reports"),
    "stage.compare": ("مقایسه", "comparison"),
    "job.title": ("در حال اجرا", "Running"),
    "job.alive": ("ثانیه از آغاز گذشته است", "seconds since the start"),
    "job.failed": ("اجرا انجام نشد", "The run failed"),
    "job.done": ("انجام شد؛ نتیجه باز می‌شود…", "Done; opening the result…"),
    "job.result": ("دیدن نتیجه", "See the result"),
    "sc.title": ("سناریوها", "Scenarios"),
    "sc.new": ("سناریوی تازه", "New scenario"),
    "sc.edit": ("ویرایش", "Edit"),
    "sc.run": ("اجرا", "Run"),
    "sc.name": ("نام (حروف، رقم، - یا _)", "Name (letters, digits, - or _)"),
    "sc.description": ("شرح", "Description"),
    "sc.gpa": ("حد نصاب معدل (قاعده E4)", "GPA thresholds (rule E4)"),
    "sc.weights": ("وزن گروه‌های اولویت (قاعده A3)", "Priority weights (rule A3)"),
    "sc.mode": ("شیوهٔ تخصیص", "Allocation mode"),
    "sc.welfare": (
        "اول رفاه: بیشترین اولویت و بیشترین تخصیص",
        "Welfare first: the most priority and the most placed",
    ),
    "sc.stable": (
        "پایدار: هیچ دانشجویی حق تقدم نادیده ندارد",
        "Stable: no student has justified envy",
    ),
    "sc.budget": ("بودجهٔ نیمسال (ریال؛ خالی: بی‌سقف)", "Term budget (rial; empty: no cap)"),
    "sc.pins": ("ابقای همیاران ادامه‌دهنده (قاعده A5)", "Continuing assistants (rule A5)"),
    "sc.hard": ("الزامی", "hard"),
    "sc.soft": ("ترجیحی (در صورت نیاز آزاد می‌شوند)", "soft (released if need be)"),
    "sc.seats": (
        "ظرفیت هر واحد (خالی: بی‌تغییر؛ ۱۲: برابر ۱۲؛ ‎+۳ یا ‎-۲: تغییر)",
        "Seats per unit (empty: unchanged; 12 sets 12; +3 or -2 changes)",
    ),
    "sc.save": ("بررسی و ذخیره", "Check and save"),
    "sc.saved": ("سناریو ذخیره شد.", "The scenario is saved."),
    "sc.not_saved": (
        "سناریو خطا دارد و ذخیره نشد.",
        "The scenario has errors and was not saved.",
    ),
    "sc.none": ("هنوز سناریویی ذخیره نشده است.", "No scenario saved yet."),
    "sc.need_inputs": ("نخست ورودی‌ها را بارگذاری کنید.", "Upload the inputs first."),
    "sc.file": ("فایل TOML", "TOML file"),
    "sc.now": ("اکنون", "now"),
    "cmp.title": ("مقایسهٔ سناریوها", "Compare scenarios"),
    "cmp.pick": (
        "دو تا چهار سناریو را برگزینید؛ نخستین، پایهٔ مقایسه است.",
        "Choose two to four scenarios; the first is the base.",
    ),
    "cmp.base_inputs": ("ورودی‌ها بی‌تغییر", "the inputs unchanged"),
    "cmp.go": ("اجرا و مقایسه", "Run and compare"),
    "cmp.count": ("دو تا چهار سناریو لازم است.", "Two to four scenarios are needed."),
    "cmp.kpis": ("شاخص‌ها در کنار هم", "Key figures side by side"),
    "cmp.difference": ("تفاوت با پایه", "difference from the base"),
    "cmp.changes": ("چه کسی جا گرفت، جا از دست داد یا جابه‌جا شد", "Who gained, lost or moved"),
    "cmp.kind": ("تغییر", "change"),
    "cmp.from": ("در پایه", "in the base"),
    "cmp.to": ("در این سناریو", "in this scenario"),
    "cmp.reason": ("چرا", "why"),
    "cmp.counts": (
        "{gained} نفر جا گرفتند، {lost} نفر جا از دست دادند، {moved} نفر جابه‌جا شدند",
        "{gained} gained a seat, {lost} lost one, {moved} moved",
    ),
    "cmp.workbook": ("کاربرگ مقایسه", "Comparison workbook"),
    "gained": ("جا گرفت", "gained"),
    "lost": ("جا از دست داد", "lost"),
    "moved": ("جابه‌جا شد", "moved"),
    "rank.title": ("اولویت انتخاب‌شده‌ها", "Choice each placed student got"),
    "rank.nth": ("انتخاب {n}", "choice {n}"),
    "rank.none": ("بیرون از فهرست", "outside the list"),
    "envy.title": ("حق تقدم نادیده (justified envy)", "Justified envy"),
    "envy.zero": (
        "هیچ دانشجویی واحدی را که خواسته به کسی با اولویت کمتر از خودش نباخته است: "
        "این تخصیص پایدار است.",
        "No student lost a unit he or she asked for to someone of lower precedence: the "
        "allocation is stable.",
    ),
    "envy.some": (
        "در {n} مورد، دانشجویی واحدی را می‌خواست که یکی از جاهای آن به دانشجویی با اولویت "
        "کمتر (امتیاز اولویت، سپس معدل، سپس قرعه) رسیده است. این بهای «اول رفاه» است: تخصیص "
        "امتیاز اولویت و شمار جای‌گرفتگان را مقدم داشته است. با شیوهٔ «پایدار» این عدد صفر "
        "می‌شود، شاید با جای‌گرفتگان کمتر.",
        "In {n} cases a student wanted a unit one of whose seats went to a student of lower "
        "precedence (priority score, then GPA, then the lottery). That is what welfare first "
        "costs: the allocation put the priority scores and the number placed first. The "
        "stable mode makes this zero, perhaps with fewer placed.",
    ),
    "envy.students": ("دانشجو", "students"),
    "student.holders": ("دارندگان جاهای این واحد", "Who holds this unit's seats"),
    "student.asked": ("واحدهای خواسته‌شده", "Units asked for"),
    "student.priority": ("امتیاز اولویت", "priority score"),
    "student.gpa": ("معدل", "GPA"),
    "student.first": ("در نخستین انتخاب خود جا گرفته است.", "Placed at the first choice."),
    "student.position": ("نفر {n} فهرست انتظار", "place {n} on the waiting list"),
    "notices.title": ("اطلاعیه‌ها و فهرست واحدها", "Notices and unit lists"),
    "notices.write": ("نوشتن اطلاعیه‌ها", "Write the notices"),
    "notices.written": ("اطلاعیه‌ها نوشته شد.", "The notices are written."),
    "notices.letters": ("نامهٔ هر متقاضی (چاپ همه)", "Every applicant's letter (print all)"),
    "notices.units": ("نامهٔ معرفی هر واحد (چاپ همه)", "Every unit's letter (print all)"),
    "notices.csv": ("متن پیامک‌ها (notices.csv)", "Texts for SMS (notices.csv)"),
    "downloads.title": ("دریافت فایل‌ها", "Downloads"),
    "downloads.run": ("اجرای {n}", "run {n}"),
    "downloads.what": ("فایل", "file"),
    "downloads.size": ("اندازه (بایت)", "size (bytes)"),
    "downloads.none": ("هنوز فایلی نیست.", "No files yet."),
    "downloads.choose": ("اجرای دیگر", "Another run"),
}
