"""Enumerated values of the data contract, each with its Persian and English words.

``parse_enum(Degree, "کارشناسی ارشد ناپیوسته")`` gives ``Degree.master_discontinuous``; the
accepted words of every value are in ``ALIASES`` and are compared after
:func:`hamyar.text.normalize_key`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from hamyar.messages import Msg
from hamyar.text import normalize_key


class Gender(StrEnum):
    female = "female"
    male = "male"


class Degree(StrEnum):
    associate = "associate"
    bachelor_continuous = "bachelor_continuous"
    bachelor_discontinuous = "bachelor_discontinuous"
    master_continuous = "master_continuous"
    master_discontinuous = "master_discontinuous"
    professional_doctorate = "professional_doctorate"
    phd = "phd"


class StudentType(StrEnum):
    domestic = "domestic"
    international = "international"


class MaritalStatus(StrEnum):
    single = "single"
    married = "married"


class PriorityGroup(StrEnum):
    """Rule A3's priority groups; ``married`` and ``married_with_children`` are derived."""

    exemplary = "exemplary"
    outstanding = "outstanding"
    married = "married"
    married_with_children = "married_with_children"
    relief_committee = "relief_committee"
    welfare = "welfare"
    shahed = "shahed"
    isargar = "isargar"


class InstitutionType(StrEnum):
    """The kind of institution whose applicants a dataset holds (rule E7)."""

    ministry_science = "ministry_science"
    azad = "azad"
    health_ministry = "health_ministry"
    payame_noor = "payame_noor"
    technical_vocational = "technical_vocational"
    other = "other"


class Satisfaction(StrEnum):
    """A unit's evaluation of one of its students at the end of a term."""

    satisfied = "satisfied"
    unsatisfied = "unsatisfied"


ALIASES: dict[type[StrEnum], dict[str, tuple[str, ...]]] = {
    Gender: {
        "female": ("f", "زن", "خانم", "خواهر", "خواهران", "مونث", "woman"),
        "male": ("m", "مرد", "آقا", "برادر", "برادران", "مذکر", "man"),
    },
    Degree: {
        "associate": ("کاردانی", "فوق دیپلم"),
        "bachelor_continuous": ("کارشناسی پیوسته", "کارشناسی", "bachelor"),
        "bachelor_discontinuous": ("کارشناسی ناپیوسته",),
        "master_continuous": ("کارشناسی ارشد پیوسته",),
        "master_discontinuous": ("کارشناسی ارشد ناپیوسته", "کارشناسی ارشد", "ارشد", "master"),
        "professional_doctorate": ("دکتری حرفه‌ای", "دکترای حرفه‌ای"),
        "phd": ("دکتری تخصصی", "دکترای تخصصی", "دکتری", "doctorate"),
    },
    StudentType: {
        "domestic": ("دانشجو داخل", "داخلی", "داخل", "ایرانی", "iranian"),
        "international": ("بین‌الملل", "بین الملل", "غیر ایرانی", "غیرایرانی", "خارجی", "foreign"),
    },
    MaritalStatus: {
        "single": ("مجرد",),
        "married": ("متاهل", "متأهل"),
    },
    PriorityGroup: {
        "exemplary": ("نمونه", "دانشجوی نمونه"),
        "outstanding": ("ممتاز", "دانشجوی ممتاز"),
        "married": ("متاهل", "متأهل"),
        "married_with_children": ("متاهل دارای فرزند", "متأهل دارای فرزند"),
        "relief_committee": ("کمیته امداد", "کمیته امداد امام خمینی", "relief committee"),
        "welfare": ("بهزیستی", "سازمان بهزیستی"),
        "shahed": ("شاهد",),
        "isargar": ("ایثارگر",),
    },
    InstitutionType: {
        "ministry_science": ("وزارت علوم", "دولتی", "state"),
        "azad": ("دانشگاه آزاد", "آزاد", "آزاد اسلامی", "دانشگاه آزاد اسلامی"),
        "health_ministry": ("وزارت بهداشت", "علوم پزشکی"),
        "payame_noor": ("پیام نور",),
        "technical_vocational": ("فنی و حرفه‌ای", "فنی و حرفه ای"),
        "other": ("سایر",),
    },
    Satisfaction: {
        "satisfied": ("راضی", "رضایت"),
        "unsatisfied": ("ناراضی", "عدم رضایت", "not satisfied", "not_satisfied"),
    },
}

PERSIAN: dict[StrEnum, str] = {
    Gender.female: "زن",
    Gender.male: "مرد",
    Degree.associate: "کاردانی",
    Degree.bachelor_continuous: "کارشناسی پیوسته",
    Degree.bachelor_discontinuous: "کارشناسی ناپیوسته",
    Degree.master_continuous: "کارشناسی ارشد پیوسته",
    Degree.master_discontinuous: "کارشناسی ارشد ناپیوسته",
    Degree.professional_doctorate: "دکتری حرفه‌ای",
    Degree.phd: "دکتری تخصصی",
    StudentType.domestic: "داخلی",
    StudentType.international: "بین‌الملل",
    MaritalStatus.single: "مجرد",
    MaritalStatus.married: "متأهل",
    PriorityGroup.exemplary: "نمونه",
    PriorityGroup.outstanding: "ممتاز",
    PriorityGroup.married: "متأهل",
    PriorityGroup.married_with_children: "متأهل دارای فرزند",
    PriorityGroup.relief_committee: "کمیته امداد",
    PriorityGroup.welfare: "بهزیستی",
    PriorityGroup.shahed: "شاهد",
    PriorityGroup.isargar: "ایثارگر",
    InstitutionType.ministry_science: "وزارت علوم",
    InstitutionType.azad: "دانشگاه آزاد اسلامی",
    InstitutionType.health_ministry: "وزارت بهداشت",
    InstitutionType.payame_noor: "پیام نور",
    InstitutionType.technical_vocational: "فنی و حرفه‌ای",
    InstitutionType.other: "سایر",
    Satisfaction.satisfied: "راضی",
    Satisfaction.unsatisfied: "ناراضی",
}

E = TypeVar("E", bound=StrEnum)

_LOOKUP: dict[type[StrEnum], dict[str, str]] = {}


def _lookup(enum: type[StrEnum]) -> dict[str, str]:
    table = _LOOKUP.get(enum)
    if table is None:
        table = {}
        for member in enum:
            table[normalize_key(member.value)] = member.value
            table[normalize_key(member.value.replace("_", " "))] = member.value
            for word in ALIASES.get(enum, {}).get(member.value, ()):
                table[normalize_key(word)] = member.value
        _LOOKUP[enum] = table
    return table


def parse_enum(enum: type[E], value: object) -> E:
    """Parse an enumerated value from English or Persian words.

    ``ValueError`` lists the accepted words.
    """
    if isinstance(value, enum):
        return value
    key = normalize_key(value)
    found = _lookup(enum).get(key)
    if found is None:
        raise ValueError(unknown_word(enum))
    return enum(found)


def unknown_word(enum: type[StrEnum], item: str | None = None) -> Msg:
    """The message of a word not among ``enum``'s: "unknown degree; accepted: …" (naming
    ``item`` when it is one of a list)."""
    noun = Msg(f"models.enum.name.{enum.__name__}")
    words = accepted_words(enum)
    if item is None:
        return Msg("models.enum.unknown", noun=noun, words=words)
    return Msg("models.enum.unknown_item", noun=noun, item=item, words=words)


def accepted_words(enum: type[StrEnum]) -> tuple[str, ...]:
    """Every word accepted for a value of ``enum``, English and Persian, in order."""
    words: list[str] = []
    for member in enum:
        words.append(member.value)
        words.extend(ALIASES.get(enum, {}).get(member.value, ()))
    return tuple(words)


def persian(member: StrEnum) -> str:
    """The Persian word for an enumerated value."""
    return PERSIAN.get(member, member.value)
