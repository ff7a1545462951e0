"""The sentences a layer below the reports builds for people to read, in English and Persian.

The optimizer says why an eligible student was not placed, or not at the first choice
(:mod:`hamyar.optimizer.explain`), as a case and its values — the unit's seats by gender, the
holder's student ID, priority score and GPA, which criterion decided, how many seats continuing
assistants keep; its sentences are here, one table, :data:`EXPLANATIONS`, rendered by
:func:`say`. The words of the workbooks and tables are in :mod:`hamyar.reports.labels`, a layer
higher; both follow one rule: Persian and English side by side, keyed by what they say.
"""

from __future__ import annotations

Said = tuple[str, str]
"""``(english, persian)``."""

SEATS: tuple[Said, Said] = (("female", "خواهران"), ("male", "برادران"))
"""The seats of pool ``g`` (0 female, 1 male; rule A1)."""

DECIDED: tuple[Said, Said, Said] = (
    ("the priority score (rule A3)", "امتیاز اولویت (قاعده A3)"),
    ("the GPA, at an equal priority score", "معدل، با امتیاز اولویت برابر"),
    (
        "the seeded lottery, at an equal priority score and GPA",
        "قرعه‌کشی، با امتیاز اولویت و معدل برابر",
    ),
)
"""Which part of the precedence order decided: priority score, GPA, seeded lottery."""

AHEAD: tuple[str, str, str] = ("ahead.score", "ahead.gpa", "ahead.lottery")
"""The sentences that count the seat holders ahead by priority score, GPA and lottery."""

SEPARATORS: dict[str, Said] = {
    "reasons": ("; ", "؛ "),
    "causes": (", ", "، "),
}

EXPLANATIONS: dict[str, Said] = {
    "bar": ("priority score {score} and GPA {gpa:g}", "امتیاز اولویت {score} و معدل {gpa:g}"),
    "closed_e9": (
        "closed to you by rule E9: {reasons}",
        "طبق قاعده E9 برای شما بسته است: {reasons}",
    ),
    "rejected": (
        "rejected by the unit: it judged you unsuitable (rejections file, rule E9)",
        "این واحد شما را برای همکاری مناسب تشخیص نداده است (فهرست ردشدگان، قاعده E9)",
    ),
    "rejected.more": ("; also closed by rule E9: {reasons}", "؛ همچنین طبق قاعده E9: {reasons}"),
    "no_seats": (
        "the unit has no {seats} seats (rule A1)",
        "این واحد ظرفیتی برای {seats} ندارد (قاعده A1)",
    ),
    "not_admissible": (
        "not open to you under the eligibility rules",
        "طبق قواعد شرایط همیاری برای شما باز نیست",
    ),
    "kept": (
        "you continue in your current unit {unit} as a continuing assistant (rule A5)",
        "شما به عنوان همیار ادامه‌دهنده در واحد فعلی خود ({unit}) می‌مانید (قاعده A5)",
    ),
    "full": (
        "full: its {count} {seats} seats are held by {held} students who come before you under "
        "rule A3 ({why}); the last of them, {holder}, has {bar} and is ahead of you by {decided}",
        "ظرفیت {count} نفرهٔ {seats} این واحد را {held} دانشجو گرفته‌اند که طبق قاعده A3 از شما "
        "جلوترند ({why})؛ آخرین آنها، {holder}، با {bar}، از نظر {decided} از شما جلوتر است",
    ),
    "full.one": (
        "full: its only {seats} seat is held by a student who comes before you under rule A3; "
        "that student, {holder}, has {bar} and is ahead of you by {decided}",
        "تنها ظرفیت {seats} این واحد را دانشجویی گرفته است که طبق قاعده A3 از شما جلوتر است؛ "
        "این دانشجو، {holder}، با {bar}، از نظر {decided} از شما جلوتر است",
    ),
    "ahead.score": (
        "{n} by a higher priority score",
        "{n} نفر با امتیاز اولویت بالاتر",
    ),
    "ahead.gpa": (
        "{n} by a higher GPA at an equal priority score",
        "{n} نفر با معدل بالاتر و امتیاز اولویت برابر",
    ),
    "ahead.lottery": (
        "{n} by the seeded lottery at an equal priority score and GPA",
        "{n} نفر با قرعه‌کشی، با امتیاز اولویت و معدل برابر",
    ),
    "full.pinned": (
        " ({pinned} of the seats are kept by continuing assistants, rule A5)",
        " ({pinned} نفر از آنها همیاران ادامه‌دهنده‌اند، قاعده A5)",
    ),
    "pinned": (
        "full: {pinned} of its {count} {seats} seats are kept by continuing assistants "
        "(rule A5), among them {holder}{rest}",
        "ظرفیت {seats} این واحد پر است: {pinned} نفر از {count} نفر را همیاران "
        "ادامه‌دهنده (قاعده A5) از جمله {holder}{rest} گرفته‌اند",
    ),
    "pinned.rest": (
        " and the other {held} by students who come before you under rule A3 ({why})",
        " و {held} نفر دیگر را دانشجویانی که طبق قاعده A3 از شما جلوترند ({why})",
    ),
    "stability": (
        "a {seats} seat here went to {holder} ({bar}), who has lower precedence than you by "
        "{decided}; {cause}. This is justified envy and is counted in the envy report",
        "یک ظرفیت {seats} این واحد به {holder} ({bar}) رسیده که از نظر {decided} اولویتش از "
        "شما پایین‌تر است؛ {cause}. این مورد «حسادت موجه» است و در گزارش آن شمرده شده است",
    ),
    "stability.stable": (
        "the allocation's side constraints (budget, minimum fill) or its time limit left it so",
        "قیدهای جانبی تخصیص (بودجه، حداقل پرشدگی) یا محدودیت زمان آن چنین کرد",
    ),
    "stability.objective": (
        "the allocation puts the policy's objective first (stable = false): this way more "
        "students, or students with a higher priority score overall, are placed",
        "تخصیص هدف سیاست را مقدم داشته است (stable = false): این گونه دانشجویان بیشتری، "
        "یا دانشجویانی با مجموع امتیاز اولویت بالاتر، جای گرفته‌اند",
    ),
    "stability.budget": (", within the budget cap", "، در سقف بودجه"),
    "budget": (
        "a {seats} seat here is free, but within the budget cap the allocation did not fund one "
        "more placement here",
        "یک ظرفیت {seats} این واحد خالی است، اما تخصیص در سقف بودجه همیار دیگری را در این "
        "واحد نگماشت",
    ),
    "free": (
        "a {seats} seat here is free, yet the allocation did not give it to you; its settings "
        "decided ({causes}); the planner can review this case",
        "یک ظرفیت {seats} این واحد خالی است، اما تخصیص آن را به شما نداد؛ تنظیمات تخصیص "
        "({causes}) چنین کرد؛ کارشناس می‌تواند این مورد را بازبینی کند",
    ),
    "free.keep_previous": ("keeping the previous allocation", "حفظ تخصیص قبلی"),
    "free.min_fill": ("the minimum fill of your current unit", "حداقل پرشدگی واحد فعلی شما"),
    "free.time_limit": ("the solver's time limit", "محدودیت زمان حل"),
}
"""The sentences of :mod:`hamyar.optimizer.explain`, by case (its module docstring)."""


def say(key: str, **values: object) -> Said:
    """:data:`EXPLANATIONS` ``[key]`` with ``values`` put in, in English and in Persian; a value
    given as a :data:`Said` pair puts its English words in the English sentence and its Persian
    words in the Persian one."""
    en, fa = EXPLANATIONS[key]
    return (
        en.format(**{k: v[0] if isinstance(v, tuple) else v for k, v in values.items()}),
        fa.format(**{k: v[1] if isinstance(v, tuple) else v for k, v in values.items()}),
    )


def joined(kind: str, parts: list[Said]) -> Said:
    """``parts`` joined with the separator of ``kind`` in each language (:data:`SEPARATORS`)."""
    sep_en, sep_fa = SEPARATORS[kind]
    return sep_en.join(p[0] for p in parts), sep_fa.join(p[1] for p in parts)
