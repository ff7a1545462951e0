"""Located problems with input, and the one exception that carries them.

Every bad value is reported as ``file:row:column: what is wrong (value)`` in English and as
``file، ردیف ۱۲، ستون «معدل»: چه نادرست است («مقدار»)`` in Persian, so that a line reads in
one direction: the place first, each part named, then the sentence, then the value quoted as
the file has it. Readers collect all of them and raise one :class:`InputError`, so a planner
fixes a file in one pass. The CLI prints an :class:`InputError` as those lines, in the
language of ``--lang``, on standard error with exit code 2.

An issue's message is a :class:`~hamyar.messages.Msg` (a code of the catalogue and its
parameters), rendered when the line is printed; plain text still works for modules not yet
converted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from hamyar.messages import Lang, Msg, Text, current_lang, render, say

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Issue:
    """One problem with one place in the input."""

    message: Text
    value: object = None
    file: str | None = None
    row: int | None = None
    column: str | None = None
    severity: Severity = "error"
    rule: str | None = None

    @property
    def code(self) -> str | None:
        """The message's catalogue code (``None`` for plain text)."""
        return self.message.code if isinstance(self.message, Msg) else None

    @property
    def params(self) -> Mapping[str, object]:
        return self.message.params if isinstance(self.message, Msg) else {}

    def text(self, lang: Lang | None = None) -> str:
        """The message alone, in ``lang`` (the current language by default)."""
        return render(self.message, lang)

    def location(self, lang: Lang | None = None) -> str:
        """``file:row:column`` in English, ``file، ردیف ۱۲، ستون «column»`` in Persian."""
        lang = lang or current_lang()
        return place(self.file, self.row, self.column, lang)

    def line(self, lang: Lang | None = None) -> str:
        """The whole line: place, severity, rule, message and the value as written."""
        lang = lang or current_lang()
        text = f"{self.location(lang)}: "
        if self.severity != "error":
            text += say(f"issue.severity.{self.severity}", lang=lang)
        if self.rule:
            text += f"{self.rule}: "
        text += self.text(lang)
        if self.value is not None and self.value != "":
            text += say("issue.value", lang=lang, value=visible(str(self.value)))
        return text

    def __str__(self) -> str:
        return self.line()


def place(file: str | None, row: int | None, column: str | None, lang: Lang) -> str:
    """Where an issue is, in ``lang``; an unnamed file is ``-`` (English) or left out."""
    if lang == "en":
        return ":".join(str(p) for p in (file or "-", row, column) if p is not None)
    parts = [file] if file and file != "-" else []
    if row is not None:
        parts.append(say("issue.where.row", lang=lang, row=row))
    if column is not None:
        parts.append(say("issue.where.column", lang=lang, column=column))
    return "، ".join(parts) or "-"


_ESCAPES = {c: f"\\x{c:02x}" for c in (*range(0x00, 0x20), *range(0x7F, 0xA0)) if c != 0x09}


def visible(text: str) -> str:
    """``text`` with its control characters written as ``\\x07``: a value quoted in a message
    can neither hide them nor drive the terminal it is printed on."""
    return text.translate(_ESCAPES)


class SplitIssues:
    """``errors`` and ``warnings`` of a record's ``issues``, in their order (file order)."""

    issues: Sequence[Issue]

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity != "error"]


@dataclass
class IssueLog(SplitIssues):
    """Collects issues while a file is read; raise once at the end with :meth:`raise_if_errors`."""

    issues: list[Issue] = field(default_factory=list)

    def error(self, message: Text, value: object = None, **where: object) -> None:
        self.issues.append(Issue(message, value, severity="error", **where))  # type: ignore[arg-type]

    def warning(self, message: Text, value: object = None, **where: object) -> None:
        self.issues.append(Issue(message, value, severity="warning", **where))  # type: ignore[arg-type]

    def add(self, issue: Issue) -> None:
        self.issues.append(issue)

    def extend(self, issues: list[Issue]) -> None:
        self.issues.extend(issues)

    def raise_if_errors(self) -> None:
        if self.errors:
            raise InputError(self.errors)


class HamyarError(Exception):
    """Base of every error hamyar reports to a person rather than as a traceback; its message
    (a :class:`~hamyar.messages.Msg`, or plain text) is rendered when it is printed."""

    exit_code = 2

    def __init__(self, message: Text = "", *args: object) -> None:
        super().__init__(message, *args)
        self.message = message

    def __str__(self) -> str:
        return render(self.message)


LISTED_PER_KIND = 20
"""Issues of one kind (file, column, message code, severity) listed in full; the rest are
counted."""


def listing(
    issues: Sequence[Issue], per_kind: int = LISTED_PER_KIND, lang: Lang | None = None
) -> list[str]:
    """The lines that report ``issues``, in order: the first ``per_kind`` of each kind, then
    one line per kind that had more, with how many more (a file with 100,000 bad dates prints
    20 of them and a count, not 100,000 lines). A kind is a message code (plain text: the
    text) in one file and column."""
    lang = lang or current_lang()
    seen: dict[tuple[object, ...], list[Issue]] = {}
    lines: list[str] = []
    for issue in issues:
        kind = (issue.file, issue.column, issue.code or issue.message, issue.severity, issue.rule)
        same = seen.setdefault(kind, [])
        same.append(issue)
        if len(same) <= per_kind:
            lines.append(issue.line(lang))
    for same in seen.values():
        if len(same) > per_kind:
            first = same[0]
            where = place(first.file, None, first.column, lang)
            more = say("issue.more", lang=lang, count=len(same) - per_kind)
            lines.append(f"{where}: {more}: {first.text(lang)}")
    return lines


class InputError(HamyarError):
    """Bad input: one or more located issues. Nothing has been written. The message lists
    them (at most :data:`LISTED_PER_KIND` of a kind, then a count); ``issues`` holds all."""

    def __init__(self, issues: Sequence[Issue] | Issue | Text) -> None:
        if isinstance(issues, str | Msg):
            issues = [Issue(issues)]
        elif isinstance(issues, Issue):
            issues = [issues]
        self.issues = list(issues)
        super().__init__("", self.issues)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.issues,))

    def __str__(self) -> str:
        return "\n".join(listing(self.issues))


class InfeasibleError(HamyarError):
    """The allocation model has no solution; the message names the pins or units in conflict."""
