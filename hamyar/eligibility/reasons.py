"""Building reasons: the rule ID, a Persian sentence and an English message, and the values.

``message_en`` carries no rule prefix, since ``str(reason)`` puts it in front
(``E4: GPA 13.75 < 14.00 required for bachelor_continuous``); ``message_fa`` is a whole Persian
sentence that ends with the rule ID (``… (قاعده E4).``), so it can stand alone in a report.
Numbers in Persian sentences use Persian digits and the Persian decimal separator (``۱۳٫۷۵``);
codes (unit codes, Sheba numbers, student IDs) are left as written.
"""

from __future__ import annotations

from decimal import Decimal

from hamyar.models import Degree, Reason, persian
from hamyar.models.results import Severity

_FA_DIGITS = str.maketrans("0123456789.", "۰۱۲۳۴۵۶۷۸۹٫")


def fa_number(value: object) -> str:
    """A number (or a date such as ``1402/07/01``) in Persian digits, ``.`` as ``٫``."""
    return str(value).translate(_FA_DIGITS)


def fmt_gpa(value: float | Decimal) -> str:
    """A GPA with two decimals, or every decimal it has when it has more (``13.999`` is not
    shown as ``14.00``)."""
    exact = Decimal(str(value))
    two = exact.quantize(Decimal("0.01"))
    return f"{two}" if two == exact else f"{exact.normalize()}"


def degree_fa(degree: Degree) -> str:
    return persian(degree)


def fa_tag(rule: str) -> str:
    """The ending of a Persian sentence: `` (قاعده E4).``"""
    return f" (قاعده {rule})."


def fa_body(reason: Reason) -> str:
    """A reason's Persian sentence without its rule ending, for joining several into one."""
    return reason.message_fa.removesuffix(fa_tag(reason.rule))


def reason(
    rule: str,
    fa: str,
    en: str,
    severity: Severity = "error",
    **values: object,
) -> Reason:
    """A :class:`Reason`; ``fa`` is the Persian sentence without its ending (added here), the
    values are kept as text."""
    return Reason(
        rule=rule,
        message_fa=fa + fa_tag(rule),
        message_en=en,
        values={k: "" if v is None else str(v) for k, v in values.items()},
        severity=severity,
    )
