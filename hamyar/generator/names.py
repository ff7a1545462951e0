"""Word lists the generator draws from: Persian names, fields of study, faculties, unit kinds.

The lists are plain tuples in a fixed order, so a seeded draw from them is the same on every
machine and every Python run.
"""

from __future__ import annotations

from dataclasses import dataclass

from hamyar.data.qom import COMPUTING_FIELDS

# fmt: off
FEMALE_FIRST_NAMES: tuple[str, ...] = (
    "فاطمه", "زهرا", "مریم", "زینب", "معصومه", "سمیه", "نرگس", "مهدیه", "ریحانه", "الهه",
    "حدیثه", "فائزه", "سارا", "نگار", "مائده", "محدثه", "کوثر", "ملیکا", "هانیه", "نازنین",
    "یاسمن", "سپیده", "مهسا", "پریسا", "الناز", "شیما", "طاهره", "راضیه", "صدیقه", "منصوره",
    "عاطفه", "حمیده", "سمانه", "لیلا", "نسرین", "آزاده", "رقیه", "اعظم", "مرضیه", "نفیسه",
    "فرزانه", "سحر", "سمیرا", "زهره", "طیبه", "هدی", "حنانه", "ستایش", "فاطمه‌زهرا", "نیلوفر",
    "بهاره", "آیدا", "مبینا", "کیمیا", "پگاه", "شقایق", "ترانه", "یگانه", "عسل", "رها",
    "ثمین", "مینا", "فرشته", "صبا", "زهرا سادات", "فاطمه سادات", "مریم سادات", "اکرم", "سکینه",
    "نجمه", "سوده", "نیره", "فریبا", "مهتاب", "غزاله", "بنفشه", "آتنا", "نرجس", "ساجده",
)

MALE_FIRST_NAMES: tuple[str, ...] = (
    "محمد", "علی", "حسین", "مهدی", "رضا", "حسن", "امیرحسین", "محمدرضا", "محمدمهدی", "ابوالفضل",
    "سجاد", "مصطفی", "مرتضی", "مجتبی", "سعید", "امیر", "احمد", "جواد", "حمید", "عباس",
    "محمدحسین", "محمدجواد", "میلاد", "یاسین", "عرفان", "آرمان", "پارسا", "سینا", "کیان", "هادی",
    "روح‌الله", "سید محمد", "سید علی", "مسعود", "وحید", "محسن", "مجید", "ناصر", "کاظم", "صادق",
    "جعفر", "یوسف", "یعقوب", "داوود", "اسماعیل", "ابراهیم", "موسی", "بهنام", "پویا", "امید",
    "فرهاد", "بهزاد", "ایمان", "حامد", "رسول", "اکبر", "قاسم", "محمدامین", "امین", "طاها",
    "متین", "دانیال", "محمدصادق", "علیرضا", "سید حسین", "سید مهدی", "مهران", "نوید", "کمیل",
    "هومن", "بابک", "فرشاد", "روزبه", "شهاب", "محمدعلی", "ابوذر", "مالک", "میثم", "سلمان",
)

LAST_NAMES: tuple[str, ...] = (
    "محمدی", "حسینی", "احمدی", "رضایی", "موسوی", "کریمی", "جعفری", "رحیمی", "صادقی", "هاشمی",
    "قاسمی", "حیدری", "نوری", "مرادی", "کاظمی", "ابراهیمی", "اکبری", "سلیمانی", "باقری", "عباسی",
    "زارعی", "یوسفی", "طاهری", "شریفی", "میرزایی", "رحمانی", "نجفی", "فرهادی", "قمی", "اصفهانی",
    "تهرانی", "کاشانی", "شیرازی", "تبریزی", "خراسانی", "یزدی", "اراکی", "همدانی", "قزوینی",
    "رنجبر", "سبحانی", "منتظری", "فاضلی", "مطهری", "شاکری", "صالحی", "امینی", "ملکی", "نظری",
    "عسگری", "یزدانی", "بهرامی", "فتحی", "جلالی", "کمالی", "شفیعی", "خلیلی", "انصاری",
    "رستمی", "سلطانی", "غفاری", "فلاحی", "زمانی", "نادری", "نیکخواه", "پورمحمدی", "علیزاده",
    "حسن‌زاده", "حسین‌زاده", "قربانی", "ولی‌زاده", "توکلی", "دهقان", "کرمانی", "مشهدی",
    "خوانساری", "گلپایگانی", "ساوجی", "جهرمی", "بابایی", "آقایی", "اسدی", "اسماعیلی",
    "حاجی‌زاده", "داوودی", "رجبی", "صفری", "طالبی", "عزیزی", "فرجی", "قنبری", "محمودی",
    "مختاری", "نصیری", "نوروزی", "هادیان", "وکیلی", "یعقوبی", "شهابی", "منصوری", "سعیدی",
    "اکبرزاده", "میرحسینی", "طباطبایی", "علوی", "شجاعی", "بیگی", "کرمی", "مهدوی", "ترابی",
    "فراهانی", "محلاتی", "دلیجانی", "جمکرانی", "کهکی", "خلجی", "سلفچگانی", "وشنوی", "قنواتی",
    "برقعی", "رضوی", "نقوی", "زنجانی", "اردبیلی", "لاریجانی", "بروجردی", "دزفولی", "ملایری",
)

INTERNATIONAL_LAST_NAMES: tuple[str, ...] = (
    "هزاره", "بلخی", "هراتی", "کابلی", "غزنوی", "بدخشی", "الموسوی", "الحسینی", "العبادی",
    "الزبیدی", "الکاظمی", "الجبوری", "حیدری‌بلخی", "مزاری", "قندهاری", "حقانی", "ترکمانی",
)

FIELDS: tuple[tuple[str, float], ...] = (
    # (field of study, relative share of applicants)
    ("زبان و ادبیات فارسی", 5),
    ("زبان و ادبیات عربی", 3),
    ("مترجمی زبان انگلیسی", 4),
    ("تاریخ", 2),
    ("علم اطلاعات و دانش‌شناسی", 3),
    ("روانشناسی", 5),
    ("علوم تربیتی", 3),
    ("حقوق", 7),
    ("فقه و مبانی حقوق اسلامی", 4),
    ("علوم قرآن و حدیث", 4),
    ("فلسفه و کلام اسلامی", 3),
    ("علوم سیاسی", 2),
    ("اقتصاد", 4),
    ("مدیریت بازرگانی", 4),
    ("مدیریت دولتی", 3),
    ("حسابداری", 4),
    ("ریاضی", 3),
    ("آمار", 2),
    ("فیزیک", 3),
    ("شیمی", 3),
    ("زیست‌شناسی", 3),
    ("مهندسی کامپیوتر", 5),
    ("مهندسی فناوری اطلاعات", 2),
    ("علوم کامپیوتر", 2),
    ("مهندسی برق", 3),
    ("مهندسی عمران", 3),
    ("مهندسی مکانیک", 2),
    ("مهندسی صنایع", 2),
    ("معماری", 2),
    ("تربیت بدنی و علوم ورزشی", 2),
)

PROFESSIONAL_DOCTORATE_FIELDS: tuple[str, ...] = ("دامپزشکی",)

# fmt: on


@dataclass(frozen=True)
class Faculty:
    """A faculty of a generated campus: code, names, and the fields its laboratory takes."""

    code: str
    name_fa: str
    name_en: str
    fields: tuple[str, ...]
    has_lab: bool
    has_tutoring: bool


# fmt: off
FACULTIES: tuple[Faculty, ...] = (
    Faculty("ENG", "مهندسی", "Engineering", ("مهندسی عمران", "مهندسی مکانیک", "مهندسی صنایع"),
            True, True),
    Faculty("COMP", "مهندسی کامپیوتر", "Computer Engineering", COMPUTING_FIELDS, True, True),
    Faculty("ELEC", "مهندسی برق", "Electrical Engineering", ("مهندسی برق",), True, True),
    Faculty("MATH", "ریاضی و آمار", "Mathematics and Statistics", ("ریاضی", "آمار"),
            False, True),
    Faculty("PHYS", "فیزیک", "Physics", ("فیزیک",), True, True),
    Faculty("CHEM", "شیمی", "Chemistry", ("شیمی",), True, True),
    Faculty("BIO", "زیست‌شناسی", "Biology", ("زیست‌شناسی",), True, False),
    Faculty("LAW", "حقوق", "Law", ("حقوق", "فقه و مبانی حقوق اسلامی"), False, False),
    Faculty("THEO", "الهیات و معارف اسلامی", "Theology and Islamic Studies",
            ("علوم قرآن و حدیث", "فلسفه و کلام اسلامی"), False, False),
    Faculty("PSY", "روانشناسی و علوم تربیتی", "Psychology and Education",
            ("روانشناسی", "علوم تربیتی"), True, False),
    Faculty("LIT", "ادبیات و زبان‌های خارجی", "Literature and Foreign Languages",
            ("زبان و ادبیات فارسی", "زبان و ادبیات عربی", "مترجمی زبان انگلیسی"), False, False),
    Faculty("ECON", "اقتصاد و مدیریت", "Economics and Management",
            ("اقتصاد", "مدیریت بازرگانی", "مدیریت دولتی", "حسابداری"), False, True),
    Faculty("ARCH", "هنر و معماری", "Art and Architecture", ("معماری",), True, False),
    Faculty("SOC", "علوم اجتماعی", "Social Sciences", ("علوم سیاسی", "تاریخ"), False, False),
    Faculty("SPORT", "تربیت بدنی", "Physical Education", ("تربیت بدنی و علوم ورزشی",),
            True, False),
    Faculty("AGR", "کشاورزی و منابع طبیعی", "Agriculture and Natural Resources",
            ("زیست‌شناسی", "شیمی"), True, False),
    Faculty("VET", "دامپزشکی", "Veterinary Medicine", ("دامپزشکی",), True, False),
)

# fmt: on


@dataclass(frozen=True)
class UnitKind:
    """A kind of unit a generated campus has, with its names, popularity and typical seats.

    ``{f}`` in a name stands for the faculty's name; ``{n}`` for a block number.
    ``popularity`` weighs how often applicants ask for such a unit (a dormitory or a library
    far more often than the property office).
    """

    code: str
    name_fa: str
    name_en: str
    activity_fa: str
    activity_en: str
    popularity: float
    seats: tuple[int, int]
    hours_per_month: int | None = None


# fmt: off
CAMPUS_KINDS: tuple[UnitKind, ...] = (
    UnitKind("LIB", "کتابخانه مرکزی", "Central Library", "امانت و چیدن کتاب‌ها در قفسه",
             "Lending and shelving books", 8, (4, 12), 30),
    UnitKind("FOOD", "سلف سرویس", "Self-Service Restaurant", "نظارت بر توزیع غذا",
             "Supervising meal service", 3, (2, 6)),
    UnitKind("SPORT", "مجموعه ورزشی", "Sports Complex", "همکاری در سالن‌ها و مسابقات",
             "Helping at the halls and competitions", 4, (2, 8)),
    UnitKind("CULT", "امور فرهنگی", "Cultural Office", "برگزاری برنامه‌های فرهنگی و اردوها",
             "Running cultural programmes and camps", 3, (2, 8)),
    UnitKind("COUNS", "مرکز مشاوره", "Counselling Centre", "امور دفتری مرکز مشاوره",
             "Office work at the counselling centre", 3, (1, 4)),
    UnitKind("CLINIC", "درمانگاه", "Clinic", "پذیرش و امور دفتری", "Reception and office work",
             2, (1, 3)),
    UnitKind("PUB", "انتشارات", "Publications Office", "ویرایش و آماده‌سازی نشریات",
             "Editing and preparing publications", 2, (1, 3)),
    UnitKind("CLUB", "کانون‌های دانشجویی", "Student Clubs", "همکاری در برنامه‌های کانون‌ها",
             "Helping with the clubs' programmes", 3, (2, 6)),
    UnitKind("PR", "روابط عمومی", "Public Relations", "عکاسی، خبر و اطلاع‌رسانی",
             "Photography, news and notices", 2, (1, 4)),
    UnitKind("ICT", "مرکز فناوری اطلاعات", "IT Centre", "پشتیبانی شبکه و سایت‌ها",
             "Network and computer-site support", 4, (2, 6)),
)

DORM_KIND_F = UnitKind("DORMF", "خوابگاه خواهران شماره {n}", "Sisters' Dormitory No. {n}",
                       "نظم و امنیت خوابگاه", "Keeping order and security in the dormitory",
                       9, (4, 16), 48)
DORM_KIND_M = UnitKind("DORMM", "خوابگاه برادران شماره {n}", "Brothers' Dormitory No. {n}",
                       "نظم و امنیت خوابگاه", "Keeping order and security in the dormitory",
                       9, (4, 16), 48)

FACULTY_KINDS: tuple[UnitKind, ...] = (
    UnitKind("EDU", "اداره آموزش دانشکده {f}", "{f} Faculty Education Office",
             "امور دفتری و ثبت‌نام", "Office work and registration", 5, (1, 5)),
    UnitKind("LIB", "کتابخانه دانشکده {f}", "{f} Faculty Library",
             "امانت و چیدن کتاب‌ها در قفسه", "Lending and shelving books", 7, (2, 6), 30),
    UnitKind("LAB", "آزمایشگاه دانشکده {f}", "{f} Faculty Laboratory",
             "آماده‌سازی آزمایش‌ها و نگهداری وسایل", "Preparing experiments and equipment",
             4, (1, 5)),
    UnitKind("TUT", "کلاس‌های حل تمرین دانشکده {f}", "{f} Faculty Problem-Solving Classes",
             "برگزاری کلاس حل تمرین", "Teaching problem-solving classes", 3, (2, 6), 24),
    UnitKind("RES", "معاونت پژوهشی دانشکده {f}", "{f} Faculty Research Office",
             "امور پژوهشی و مجلات دانشکده", "Research administration and journals", 3, (1, 3)),
    UnitKind("SITE", "سایت رایانه دانشکده {f}", "{f} Faculty Computer Site",
             "پاسخگویی در سایت رایانه", "Helping at the computer site", 4, (1, 4)),
)
# fmt: on
