"""Located problems with input, and the one exception that carries them.

Every bad value is reported as ``file:row:column: what is wrong (value)``; readers collect all
of them and raise one :class:`InputError`, so a planner fixes a file in one pass. The CLI turns
an :class:`InputError` into those lines on standard error and exit code 2.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Issue:
    """One problem with one place in the input."""

    message: str
    value: object = None
    file: str | None = None
    row: int | None = None
    column: str | None = None
    severity: Severity = "error"
    rule: str | None = None

    def location(self) -> str:
        parts = [self.file or "-"]
        if self.row is not None:
            parts.append(str(self.row))
        if self.column is not None:
            parts.append(self.column)
        return ":".join(parts)

    def __str__(self) -> str:
        text = f"{self.location()}: "
        if self.severity != "error":
            text += f"{self.severity}: "
        if self.rule:
            text += f"{self.rule}: "
        text += self.message
        if self.value is not None and self.value != "":
            text += f" ({visible(str(self.value))})"
        return text


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

    def error(self, message: str, value: object = None, **where: object) -> None:
        self.issues.append(Issue(message, value, severity="error", **where))  # type: ignore[arg-type]

    def warning(self, message: str, value: object = None, **where: object) -> None:
        self.issues.append(Issue(message, value, severity="warning", **where))  # type: ignore[arg-type]

    def add(self, issue: Issue) -> None:
        self.issues.append(issue)

    def extend(self, issues: list[Issue]) -> None:
        self.issues.extend(issues)

    def raise_if_errors(self) -> None:
        if self.errors:
            raise InputError(self.errors)


class HamyarError(Exception):
    """Base of every error hamyar reports to a person rather than as a traceback."""

    exit_code = 2


LISTED_PER_KIND = 20
"""Issues of one kind (file, column, message, severity) listed in full; the rest are counted."""


def listing(issues: list[Issue], per_kind: int = LISTED_PER_KIND) -> list[str]:
    """The lines that report ``issues``, in order: the first ``per_kind`` of each kind, then
    one line per kind that had more, with how many more (a file with 100,000 bad dates prints
    20 of them and a count, not 100,000 lines)."""
    seen: dict[tuple[object, ...], int] = {}
    lines: list[str] = []
    for issue in issues:
        kind = (issue.file, issue.column, issue.message, issue.severity, issue.rule)
        count = seen[kind] = seen.get(kind, 0) + 1
        if count <= per_kind:
            lines.append(str(issue))
    for (file, column, message, _, _), count in seen.items():
        if count > per_kind:
            where = ":".join(str(p) for p in (file or "-", column) if p is not None)
            lines.append(f"{where}: … {count - per_kind:,} more: {message}")
    return lines


class InputError(HamyarError):
    """Bad input: one or more located issues. Nothing has been written. The message lists
    them (at most :data:`LISTED_PER_KIND` of a kind, then a count); ``issues`` holds all."""

    def __init__(self, issues: list[Issue] | Issue | str) -> None:
        if isinstance(issues, str):
            issues = [Issue(issues)]
        elif isinstance(issues, Issue):
            issues = [issues]
        self.issues = list(issues)
        super().__init__("\n".join(listing(self.issues)))


class InfeasibleError(HamyarError):
    """The allocation model has no solution; the message names the pins or units in conflict."""
