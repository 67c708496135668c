"""Working days under the official holiday notices, make-up days and user overrides."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadre_rules import CalendarError, WorkingDayCalendar
from cadre_rules.facts import DEFAULT_CALENDAR

known_days = st.dates(min_value=date(2005, 1, 1), max_value=date(2026, 12, 31))


def test_national_day_2025() -> None:
    """29 Sep to 9 Oct 2025 holds three working days (1-8 October off)."""
    assert DEFAULT_CALENDAR.working_days(date(2025, 9, 29), date(2025, 10, 9)) == 3


def test_make_up_saturday_is_a_working_day() -> None:
    """Saturday 11 October 2025 and Saturday 10 October 2026 are make-up working days."""
    assert DEFAULT_CALENDAR.is_working_day(date(2025, 10, 11))
    assert DEFAULT_CALENDAR.is_working_day(date(2026, 10, 10))
    assert not DEFAULT_CALENDAR.is_working_day(date(2025, 10, 12))


def test_spring_festival_2026() -> None:
    """15-23 February 2026 off; Saturday 14 February and 28 February worked."""
    assert not DEFAULT_CALENDAR.is_working_day(date(2026, 2, 16))
    assert DEFAULT_CALENDAR.is_working_day(date(2026, 2, 14))
    assert DEFAULT_CALENDAR.is_working_day(date(2026, 2, 28))


def test_unknown_year_raises() -> None:
    """2027 has no official notice in the calendar: an error, never a guess."""
    with pytest.raises(CalendarError):
        DEFAULT_CALENDAR.working_days(date(2026, 12, 28), date(2027, 1, 6))
    assert not DEFAULT_CALENDAR.covers(date(2027, 1, 1))


def test_override_file_adds_a_year(tmp_path: Path) -> None:
    """A user file can cover a later year, with its holidays and make-up days."""
    path = tmp_path / "2027.yaml"
    path.write_text("year: 2027\nholidays: [2027-01-01]\nworkdays: [2027-01-09]\n", encoding="utf-8")
    calendar = WorkingDayCalendar.from_file(path)
    assert not calendar.is_working_day(date(2027, 1, 1))
    assert calendar.is_working_day(date(2027, 1, 9))
    assert calendar.working_days(date(2027, 1, 1), date(2027, 1, 10)) == 6


@given(known_days, st.integers(0, 40), st.integers(0, 40))
def test_working_days_add_up_over_adjacent_ranges(start: date, a: int, b: int) -> None:
    """Counting two adjacent ranges equals counting their union."""
    mid = start + timedelta(days=a)
    end = mid + timedelta(days=b + 1)
    if end.year > 2026:
        return
    whole = DEFAULT_CALENDAR.working_days(start, end)
    parts = DEFAULT_CALENDAR.working_days(start, mid) + DEFAULT_CALENDAR.working_days(mid + timedelta(days=1), end)
    assert whole == parts


@given(known_days)
def test_working_day_definition(day: date) -> None:
    """A working day is a make-up day, or a Monday-Friday that is not an official holiday."""
    from chinese_calendar import holidays, workdays

    expected = day in workdays or (day.weekday() < 5 and day not in holidays)
    assert DEFAULT_CALENDAR.is_working_day(day) == expected
