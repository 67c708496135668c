"""Working days under the State Council holiday notices (法定节假日 and 调休上班 make-up days).

The calendar of record is the ``chinesecalendar`` package (official notices 2004-2026).  A user can add
or correct years with an override file (YAML: ``holidays: [dates]``, ``workdays: [dates]``,
``years: [years the override fully covers]``).  A date in a year neither source covers raises
:class:`CalendarError`; rules turn that into an indeterminate finding, never a guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import yaml

from cadre_rules._errors import CalendarError, RegulationDataError


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
    def from_file(cls, path: Path) -> WorkingDayCalendar:
        """Build a calendar whose overrides come from a YAML file (see the module docstring)."""
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise RegulationDataError(f"calendar override {path}: {exc}") from exc
        if not isinstance(data, dict):
            raise RegulationDataError(f"calendar override {path}: expected a mapping")
        try:
            holidays = [_as_date(d) for d in data.get("holidays", [])]
            workdays = [_as_date(d) for d in data.get("workdays", [])]
            years = [int(y) for y in data.get("years", [])]
        except (TypeError, ValueError) as exc:
            raise RegulationDataError(f"calendar override {path}: {exc}") from exc
        return cls(extra_holidays=holidays, extra_workdays=workdays, extra_years=years)

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


def _as_date(value: object) -> date:
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


DEFAULT_CALENDAR = WorkingDayCalendar()
