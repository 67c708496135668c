"""Working days under the State Council holiday notices (法定节假日 and 调休上班 make-up days).

The calendar of record is the ``chinesecalendar`` package (official notices 2004-2026).  A user can supply
the official holidays and make-up working days of any year in a calendar file (YAML or JSON, see
``docs/calendar.md`` and ``examples/calendar-2027.yaml``)::

    year: 2027                      # or  years: [{year: 2027, …}, {year: 2028, …}]
    notice: 国办发明电〔…〕…号        # the State Council notice (文号), optional
    source: https://…               # where the notice was published, optional
    holidays:                       # days off: single dates or ranges {from, to}
      - 2027-01-01
      - {from: 2027-02-06, to: 2027-02-12}
    workdays:                       # make-up working days (调休上班), Saturdays or Sundays
      - 2027-02-14

A supplied year replaces the package's calendar for that year: its working days are Monday-Friday less
the listed holidays, plus the listed make-up days.  A date in a year neither source covers raises
:class:`CalendarError`; rules turn that into an indeterminate finding, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any

import chinese_calendar
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from cadre_rules._errors import CalendarError, CalendarFileError, Problem

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _strict_date(value: Any) -> Any:
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        return date.fromisoformat(value)
    raise ValueError("expected a date written YYYY-MM-DD")


_Day = Annotated[date, BeforeValidator(_strict_date)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class DateRange(_Model):
    """Consecutive days ``from`` … ``to``, both included."""

    first: _Day = Field(alias="from")
    last: _Day = Field(alias="to")

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.last < self.first:
            raise ValueError("`to` precedes `from`")
        return self

    def days(self) -> list[date]:
        """Every day of the range."""
        return [self.first + timedelta(days=i) for i in range((self.last - self.first).days + 1)]


def _as_range(value: Any) -> Any:
    """A single date stands for the one-day range."""
    if isinstance(value, dict):
        return value
    if isinstance(value, date) or (isinstance(value, str) and _ISO_DATE.match(value)):
        try:
            day = _strict_date(value)
        except ValueError:
            raise ValueError(f"not a date: {value!r}") from None
        return {"from": day, "to": day}
    raise ValueError("expected a date written YYYY-MM-DD or a range {from: YYYY-MM-DD, to: YYYY-MM-DD}")


_Holiday = Annotated[DateRange, BeforeValidator(_as_range)]


class CalendarYear(_Model):
    """The official holidays and make-up working days of one year, as the State Council notice gives them."""

    year: int = Field(ge=1949, le=2200)
    notice: str | None = Field(None, description="文号 of the State Council notice (国办发明电…)")
    source: str | None = Field(None, description="where the notice was published")
    holidays: list[_Holiday] = Field(default_factory=list, description="days off (dates or ranges)")
    workdays: list[_Day] = Field(default_factory=list, description="make-up working days (调休上班)")

    def holiday_days(self) -> list[date]:
        """The holidays, ranges expanded."""
        out: list[date] = []
        for h in self.holidays:
            out.extend(h.days())
        return out


class CalendarFile(_Model):
    """A calendar file: one year at the top level, or several under ``years``."""

    years: list[CalendarYear] = Field(min_length=1)


def _problems(exc: ValidationError) -> list[Problem]:
    from cadre_rules.records._load import problems_from_validation

    return problems_from_validation(exc)


def _year_problems(years: list[CalendarYear]) -> list[Problem]:
    """Dates outside their year, a day both off and worked, a make-up day on a weekday, a year twice."""
    problems = []
    seen: set[int] = set()
    for i, y in enumerate(years):
        where = f"years[{i}]"
        if y.year in seen:
            problems.append(Problem(f"{where}.year", f"year {y.year} given twice", f"年份 {y.year} 重复"))
        seen.add(y.year)
        for j, h in enumerate(y.holidays):
            if h.first.year != y.year or h.last.year != y.year:
                problems.append(
                    Problem(f"{where}.holidays[{j}]", f"not in the year {y.year}", f"日期不在 {y.year} 年内")
                )
        off = set(y.holiday_days())
        for j, d in enumerate(y.workdays):
            path = f"{where}.workdays[{j}]"
            if d.year != y.year:
                problems.append(Problem(path, f"{d} is not in the year {y.year}", f"{d} 不在 {y.year} 年内"))
            elif d in off:
                problems.append(Problem(path, f"{d} is also listed as a holiday", f"{d} 同时列为放假日"))
            elif d.weekday() < 5:
                problems.append(
                    Problem(
                        path,
                        f"{d} is a weekday; make-up working days fall on Saturday or Sunday",
                        f"{d} 为周一至周五，调休上班日应为周六或周日",
                    )
                )
    return problems


def load_calendar_file(path: str | Path) -> list[CalendarYear]:
    """Read and check a calendar file; raise :class:`CalendarFileError` naming every bad field."""
    from cadre_rules._files import load_data

    data = load_data(path, error=CalendarFileError, what=("calendar file", "日历文件"))
    return calendar_years_from_mapping(data, str(path))


def calendar_years_from_mapping(data: Any, where: str = "(calendar)") -> list[CalendarYear]:
    """Validate a calendar mapping (one year, or ``years: [...]``); raise :class:`CalendarFileError`."""
    if not isinstance(data, dict):
        problem = Problem(where, "expected a mapping with `year` or `years`", "顶层应为含 year 或 years 的对象（映射）")
        raise CalendarFileError([problem])
    from cadre_rules.records._load import input_problems

    if problems := input_problems(data):
        raise CalendarFileError(problems)
    wrapped = data if "years" in data else {"years": [data]}
    try:
        parsed = CalendarFile.model_validate(wrapped)
    except ValidationError as exc:
        problems = _problems(exc)
        if "years" not in data:  # a single-year file: report paths as written
            problems = [
                Problem(
                    p.path.removeprefix("years[0].").removeprefix("years[0]") or "(calendar)",
                    p.message_en,
                    p.message_zh,
                )
                for p in problems
            ]
        raise CalendarFileError([Problem(f"{where}: {p.path}", p.message_en, p.message_zh) for p in problems]) from None
    problems = _year_problems(parsed.years)
    if problems:
        if "years" not in data:
            problems = [Problem(p.path.removeprefix("years[0]."), p.message_en, p.message_zh) for p in problems]
        raise CalendarFileError([Problem(f"{where}: {p.path}", p.message_en, p.message_zh) for p in problems])
    return parsed.years


class WorkingDayCalendar:
    """Decides whether a day is a working day; knows which years it covers."""

    def __init__(
        self,
        *,
        extra_holidays: Iterable[date] = (),
        extra_workdays: Iterable[date] = (),
        extra_years: Iterable[int] = (),
    ) -> None:
        self._holidays = frozenset(extra_holidays)
        self._workdays = frozenset(extra_workdays)
        self._years = frozenset(extra_years)
        self._builtin_years = frozenset(
            {d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays}
        )

    @classmethod
    def from_years(cls, years: Iterable[CalendarYear]) -> WorkingDayCalendar:
        """A calendar in which each given year replaces the package's calendar for that year."""
        years = list(years)
        return cls(
            extra_holidays=[d for y in years for d in y.holiday_days()],
            extra_workdays=[d for y in years for d in y.workdays],
            extra_years=[y.year for y in years],
        )

    @classmethod
    def from_file(cls, path: str | Path) -> WorkingDayCalendar:
        """A calendar with the years of a calendar file (module docstring); :class:`CalendarFileError` if bad."""
        return cls.from_years(load_calendar_file(path))

    @property
    def supplied_years(self) -> frozenset[int]:
        """The years a user supplied (they replace the package's calendar)."""
        return self._years

    def covers(self, day: date) -> bool:
        """True when the calendar knows the official holidays of ``day``'s year."""
        return day.year in self._years or day.year in self._builtin_years

    def is_working_day(self, day: date) -> bool:
        """True for Monday-Friday that is not a public holiday, and for make-up working days."""
        if not self.covers(day):
            raise CalendarError(f"no official holiday calendar for {day.year}")
        if day in self._workdays:
            return True
        if day in self._holidays:
            return False
        if day.year in self._years:
            return day.weekday() < 5
        return bool(chinese_calendar.is_workday(day))

    def working_days(self, first: date, last: date) -> int:
        """Working days from ``first`` to ``last``, both included; 0 when ``last`` precedes ``first``."""
        count = 0
        day = first
        while day <= last:
            if self.is_working_day(day):
                count += 1
            day += timedelta(days=1)
        return count


DEFAULT_CALENDAR = WorkingDayCalendar()
