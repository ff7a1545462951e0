"""Policy keys and values in Persian, for the Persian sheets (the English sheets and the machine
files keep the keys as the policy file writes them).

A dotted key reads part by part: ``min_gpa.bachelor_continuous`` → «حداقل معدل — کارشناسی
پیوسته»; a value that is a policy word (``lexicographic``, ``soft``) or an enumerated value
(``phd``, ``azad``) reads as its Persian word. A part or value missing from the tables stays
as it is — the workbook tests read every Persian sheet for an English key left behind. The
words are the catalogue's ``report.policy.key.*`` and ``report.policy.value.*``.
"""

from __future__ import annotations

import re

from hamyar.messages import say
from hamyar.messages.catalogue import template
from hamyar.models.enums import PERSIAN

_ENUMS = {member.value: word for member, word in PERSIAN.items()}
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _persian(kind: str, part: str) -> str | None:
    """The catalogue's Persian for a policy key part or value (``report.policy.KIND.PART``)."""
    if template(f"report.policy.{kind}.{part}", "fa") is None:
        return None
    return say(f"report.policy.{kind}.{part}", lang="fa")


def _word(part: str) -> str:
    return _persian("key", part) or _ENUMS.get(part) or part


def key_label(key: str, lang: str) -> str:
    """``min_gpa.phd`` → «حداقل معدل — دکتری تخصصی» in Persian; the key itself in English."""
    if lang != "fa":
        return key
    words = []
    for name, index in _PART.findall(key):
        words.append(_word(name) if name else say("report.policy.row", lang="fa", n=int(index) + 1))
    return " — ".join(words)


def value_label(value: str, lang: str) -> str:
    """``master_discontinuous, phd`` → «کارشناسی ارشد ناپیوسته، دکتری تخصصی» in Persian."""
    if lang != "fa":
        return value
    parts = value.split(", ")
    return "، ".join(_persian("value", p) or _ENUMS.get(p) or p for p in parts)
