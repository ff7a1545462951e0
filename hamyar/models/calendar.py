"""Jalali dates, months and academic terms.

A :class:`Term` is a Jalali academic year and semester: ``1402-1`` is the first semester of
1402–1403 (it begins in Mehr 1402, month 7), ``1402-2`` the second (it begins in Bahman 1402,
month 11). The month each semester begins in is a policy value; :meth:`Term.start` takes it.

Semester arithmetic uses the index ``2 × year + (semester − 1)``, so the number of whole
semesters between two terms is the difference of their indexes.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache, total_ordering
from typing import Any

import jdatetime
from pydantic import BaseModel, ConfigDict, model_validator

from hamyar.messages import Msg
from hamyar.text import normalize_digits, normalize_value

_DATE = re.compile(r"^(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})$")
_MONTH = re.compile(r"^(\d{4})[/\-.](\d{1,2})$")
_TERM = re.compile(r"^(\d{4})\s*-\s*([12])$")
_MONTH_FIRST = re.compile(r"^(\d{1,2})[/\-.](\d{4})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})$")

JALALI_YEARS = (1300, 1500)
"""The Jalali years a date, month or term may name (1921–2122 in the Gregorian calendar)."""
_GREGORIAN_YEARS = (1800, 2300)


def _gregorian(year: int, month: int, day: int) -> Msg | None:
    """The Jalali date a Gregorian ``year/month/day`` is, as a message, or ``None`` when the
    year is not a Gregorian one or the date does not exist."""
    if not _GREGORIAN_YEARS[0] <= year <= _GREGORIAN_YEARS[1]:
        return None
    try:
        j = jdatetime.date.fromgregorian(date=dt.date(year, month, day))
    except ValueError:
        return None
    return Msg("models.date.gregorian", jalali=f"{j.year:04d}/{j.month:02d}/{j.day:02d}")


def _day_first(year: int, month: int, day: int) -> Msg | None:
    """``dd/mm/yyyy`` that is a real Jalali date, as a message naming it ``yyyy/mm/dd``."""
    if not JALALI_YEARS[0] <= year <= JALALI_YEARS[1] or not _is_jalali_date(year, month, day):
        return None
    return Msg("models.date.day_first", date=f"{year:04d}/{month:02d}/{day:02d}")


def _check_year(year: int) -> None:
    low, high = JALALI_YEARS
    if not low <= year <= high:
        raise ValueError(Msg("models.date.year_range", low=low, high=high))


@lru_cache(maxsize=8192)
def _is_jalali_date(year: int, month: int, day: int) -> bool:
    """Whether jdatetime accepts the date (cached: pydantic re-runs the check every time a
    record holding a date is built, and a file has few distinct dates)."""
    try:
        jdatetime.date(year, month, day)
    except ValueError:
        return False
    return True


@total_ordering
class JalaliDate(BaseModel):
    """A valid Jalali calendar date (1402/12/30 is refused: 1402 is not a leap year)."""

    model_config = ConfigDict(frozen=True)

    year: int
    month: int
    day: int

    @model_validator(mode="after")
    def _real_date(self) -> JalaliDate:
        if not _is_jalali_date(self.year, self.month, self.day):
            raise ValueError(Msg("models.date.not_real", date=str(self)))
        return self

    @classmethod
    def parse(cls, value: object) -> JalaliDate:
        """Parse ``yyyy/mm/dd`` or ``yyyy-mm-dd`` (Persian digits allowed)."""
        if isinstance(value, JalaliDate):
            return value
        if isinstance(value, jdatetime.date):
            return cls(year=value.year, month=value.month, day=value.day)
        text = normalize_value(value)
        match = _DATE.match(text)
        if not match:
            first = _DAY_FIRST.match(text)
            found = first and (
                _gregorian(int(first[3]), int(first[2]), int(first[1]))
                or _day_first(int(first[3]), int(first[2]), int(first[1]))
            )
            raise ValueError(found or Msg("models.date.not_a_date"))
        year, month, day = (int(g) for g in match.groups())
        found = _gregorian(year, month, day)
        if found:
            raise ValueError(found)
        _check_year(year)
        try:
            jdatetime.date(year, month, day)
        except ValueError as exc:
            raise ValueError(Msg("models.date.no_such")) from exc
        return cls(year=year, month=month, day=day)

    def __str__(self) -> str:
        return f"{self.year:04d}/{self.month:02d}/{self.day:02d}"

    def plus_days(self, days: int) -> JalaliDate:
        """The date ``days`` later (earlier for a negative ``days``)."""
        moved = jdatetime.date(self.year, self.month, self.day) + jdatetime.timedelta(days=days)
        return JalaliDate(year=moved.year, month=moved.month, day=moved.day)

    @property
    def jalali_month(self) -> JalaliMonth:
        return JalaliMonth(year=self.year, month=self.month)

    def __lt__(self, other: Any) -> bool:
        if not isinstance(other, JalaliDate):
            return NotImplemented
        return (self.year, self.month, self.day) < (other.year, other.month, other.day)


@total_ordering
class JalaliMonth(BaseModel):
    """A Jalali month, ``1402/08``, as timesheets and payroll use it."""

    model_config = ConfigDict(frozen=True)

    year: int
    month: int

    @model_validator(mode="after")
    def _real_month(self) -> JalaliMonth:
        if not 1 <= self.month <= 12:
            raise ValueError(Msg("models.month.range_of", month=self.month))
        return self

    @classmethod
    def parse(cls, value: object) -> JalaliMonth:
        if isinstance(value, JalaliMonth):
            return value
        text = normalize_value(value)
        match = _MONTH.match(text)
        if not match:
            first = _MONTH_FIRST.match(text)
            year, month = (int(first[2]), int(first[1])) if first else (0, 0)
            if JALALI_YEARS[0] <= year <= JALALI_YEARS[1] and 1 <= month <= 12:
                raise ValueError(Msg("models.month.month_first", month=f"{year:04d}/{month:02d}"))
            raise ValueError(Msg("models.month.not_a_month"))
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise ValueError(Msg("models.month.range"))
        if _GREGORIAN_YEARS[0] <= year <= _GREGORIAN_YEARS[1]:
            first = jdatetime.date.fromgregorian(year=year, month=month, day=1)
            last = jdatetime.date.fromgregorian(year=year, month=month, day=28)
            span = f"{first.year:04d}/{first.month:02d}"
            if (last.year, last.month) != (first.year, first.month):
                span += f"-{last.year:04d}/{last.month:02d}"
            raise ValueError(Msg("models.month.gregorian", jalali=span))
        _check_year(year)
        return cls(year=year, month=month)

    @property
    def days(self) -> int:
        """Days of the month: 31 for Farvardin–Shahrivar, 30 for Mehr–Bahman, 29 for Esfand
        (30 in a leap year)."""
        if self.month <= 6:
            return 31
        if self.month <= 11:
            return 30
        return 30 if jdatetime.date(self.year, 1, 1).isleap() else 29

    @property
    def first_day(self) -> JalaliDate:
        return JalaliDate(year=self.year, month=self.month, day=1)

    @property
    def last_day(self) -> JalaliDate:
        return JalaliDate(year=self.year, month=self.month, day=self.days)

    def __str__(self) -> str:
        return f"{self.year:04d}/{self.month:02d}"

    def __lt__(self, other: Any) -> bool:
        if not isinstance(other, JalaliMonth):
            return NotImplemented
        return (self.year, self.month) < (other.year, other.month)


@total_ordering
class Term(BaseModel):
    """An academic term: Jalali year of the academic year's start, and semester 1 or 2."""

    model_config = ConfigDict(frozen=True)

    year: int
    semester: int

    @model_validator(mode="after")
    def _valid(self) -> Term:
        if self.semester not in (1, 2):
            raise ValueError(Msg("models.term.semester", semester=self.semester))
        low, high = JALALI_YEARS[0] - 1, JALALI_YEARS[1] + 1  # the terms around every date
        if not low <= self.year <= high:
            raise ValueError(Msg("models.term.year_range", low=low, high=high, year=self.year))
        return self

    @classmethod
    def parse(cls, value: object) -> Term:
        """Parse ``1402-1`` (Persian digits allowed); ``ValueError`` on anything else."""
        if isinstance(value, Term):
            return value
        text = normalize_digits(normalize_value(value))
        match = _TERM.match(text)
        if not match:
            raise ValueError(Msg("models.term.unknown", term=text))
        return cls(year=int(match.group(1)), semester=int(match.group(2)))

    @property
    def index(self) -> int:
        """``2 × year + (semester − 1)``: consecutive terms have consecutive indexes."""
        return 2 * self.year + self.semester - 1

    def start(self, semester1_month: int = 7, semester2_month: int = 11) -> JalaliDate:
        """First day of the term: Mehr (7) of ``year`` or Bahman (11) of ``year`` by default."""
        month = semester1_month if self.semester == 1 else semester2_month
        return JalaliDate(year=self.year, month=month, day=1)

    def months(
        self, months_per_term: int, semester1_month: int = 7, semester2_month: int = 11
    ) -> list[JalaliMonth]:
        """The Jalali months a term's payroll covers, from its first month on."""
        start = self.start(semester1_month, semester2_month)
        result = []
        year, month = start.year, start.month
        for _ in range(months_per_term):
            result.append(JalaliMonth(year=year, month=month))
            month += 1
            if month > 12:
                year, month = year + 1, 1
        return result

    @classmethod
    def containing(
        cls, date: JalaliDate, semester1_month: int = 7, semester2_month: int = 11
    ) -> Term:
        """The term a date falls in (a date before Mehr belongs to the previous year's 2nd)."""
        if date.month >= semester2_month or date.month < semester1_month:
            year = date.year if date.month >= semester2_month else date.year - 1
            return _term(cls, year, 2)
        return _term(cls, date.year, 1)

    def __str__(self) -> str:
        return f"{self.year}-{self.semester}"

    def __lt__(self, other: Any) -> bool:
        if not isinstance(other, Term):
            return NotImplemented
        return self.index < other.index


@lru_cache(maxsize=1024)
def _term(cls: type[Term], year: int, semester: int) -> Term:
    """One frozen :class:`Term` per year and semester (a pool's study starts repeat)."""
    return cls(year=year, semester=semester)
