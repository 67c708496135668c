"""Calendar files a user supplies: format, validation errors naming the field, and the year they replace."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from chinese_calendar import holidays as package_holidays
from hypothesis import given
from hypothesis import strategies as st

from cadre_rules import CalendarError, CalendarFileError, WorkingDayCalendar, validate
from cadre_rules.facts import DEFAULT_CALENDAR
from cadre_rules.testing import deep_merge
from tests.conftest import EXAMPLES, ROOT, load_yaml

EXAMPLE_2027 = ROOT / "examples" / "calendars" / "calendar-2027.yaml"


def write(tmp_path: Path, data: Any, name: str = "calendar.yaml") -> Path:
    """Write a calendar mapping as YAML."""
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def problem_paths(exc: CalendarFileError) -> list[str]:
    """The field paths of the problems, without the file name."""
    return [p.path.split(": ", 1)[1] for p in exc.problems]


def test_package_carries_2026() -> None:
    """The installed chinesecalendar knows 2026 (1.10 did not: every 2026 publicity was indeterminate)."""
    assert DEFAULT_CALENDAR.covers(date(2026, 10, 1))
    assert date(2026, 10, 1) in package_holidays
    assert DEFAULT_CALENDAR.working_days(date(2026, 9, 28), date(2026, 10, 10)) == 6


def test_example_file_loads() -> None:
    """The shipped example has the documented shape: ranges expand, make-up days are working days."""
    calendar = WorkingDayCalendar.from_file(EXAMPLE_2027)
    assert calendar.supplied_years == frozenset({2027})
    assert not calendar.is_working_day(date(2027, 2, 8))  # a Monday inside the 春节 range
    assert calendar.is_working_day(date(2027, 2, 20))  # a make-up Saturday
    assert not calendar.is_working_day(date(2027, 2, 21))  # an ordinary Sunday
    assert calendar.is_working_day(date(2027, 3, 1))  # an ordinary Monday


def test_several_years_in_one_file(tmp_path: Path) -> None:
    """`years:` holds several years, each with its own notice."""
    path = write(
        tmp_path,
        {
            "years": [
                {"year": 2027, "holidays": ["2027-01-01"]},
                {"year": 2028, "notice": "某文号", "holidays": [{"from": "2028-01-01", "to": "2028-01-03"}]},
            ]
        },
    )
    calendar = WorkingDayCalendar.from_file(path)
    assert calendar.working_days(date(2027, 12, 31), date(2028, 1, 4)) == 2


def test_supplied_year_replaces_the_package(tmp_path: Path) -> None:
    """A supplied 2026 replaces the package's 2026: its National Day holidays are gone, others stay."""
    path = write(tmp_path, {"year": 2026, "holidays": ["2026-01-01"]})
    calendar = WorkingDayCalendar.from_file(path)
    assert calendar.is_working_day(date(2026, 10, 1))
    assert not calendar.is_working_day(date(2026, 10, 10))  # the package's make-up Saturday is not in the file
    assert not calendar.is_working_day(date(2026, 1, 1))
    assert calendar.is_working_day(date(2025, 10, 11)) == DEFAULT_CALENDAR.is_working_day(date(2025, 10, 11))


def test_year_neither_knows_raises(tmp_path: Path) -> None:
    """A year neither the package nor the file covers is an error, never a guess."""
    calendar = WorkingDayCalendar.from_file(EXAMPLE_2027)
    with pytest.raises(CalendarError):
        calendar.is_working_day(date(2028, 1, 3))


@pytest.mark.parametrize(
    ("data", "paths"),
    [
        ({"year": 2027, "holidays": ["2027-13-01"]}, ["holidays[0]"]),
        ({"year": 2027, "holidays": [{"from": "2027-02-05", "to": "2027-02-01"}]}, ["holidays[0]"]),
        ({"year": 2027, "holidays": [{"from": "2027-02-05"}]}, ["holidays[0].to"]),
        ({"year": 2027, "holidays": ["2028-01-01"]}, ["holidays[0]"]),
        ({"year": 2027, "workdays": ["2027-02-03"]}, ["workdays[0]"]),
        ({"year": 2027, "holidays": ["2027-02-06"], "workdays": ["2027-02-06"]}, ["workdays[0]"]),
        ({"year": 2027, "make_up_days": ["2027-02-06"]}, ["make_up_days"]),
        ({"holidays": ["2027-01-01"]}, ["year"]),
        ({"years": [{"year": 2027}, {"year": 2027}]}, ["years[1].year"]),
        ({"years": [{"year": 2027}, {"year": "二〇二八"}]}, ["years[1].year"]),
    ],
)
def test_bad_file_names_the_field(tmp_path: Path, data: dict[str, Any], paths: list[str]) -> None:
    """Every problem of a bad calendar file names its field, in Chinese and English."""
    with pytest.raises(CalendarFileError) as info:
        WorkingDayCalendar.from_file(write(tmp_path, data))
    assert problem_paths(info.value) == paths
    for problem in info.value.problems:
        assert problem.message_zh and problem.message_en
        assert str(tmp_path) in problem.path


def test_missing_and_malformed_files(tmp_path: Path) -> None:
    """A missing file, malformed YAML and a top-level list are errors, not tracebacks."""
    with pytest.raises(CalendarFileError):
        WorkingDayCalendar.from_file(tmp_path / "none.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("year: [2027\n", encoding="utf-8")
    with pytest.raises(CalendarFileError):
        WorkingDayCalendar.from_file(bad)
    listed = tmp_path / "list.json"
    listed.write_text("[2027]", encoding="utf-8")
    with pytest.raises(CalendarFileError):
        WorkingDayCalendar.from_file(listed)


def _publicity(start: str, end: str, meeting: str, notice: str) -> dict[str, Any]:
    base = load_yaml(EXAMPLES / "compliant-county-promotion.yaml")
    patch = {
        "as_of": meeting,
        "procedure": {
            "meeting": {"date": meeting},
            "publicity": {"start": start, "end": end},
            "appointment": {"notice_date": notice},
        },
    }
    return deep_merge(base, patch)  # type: ignore[no-any-return]


def _status(report: Any) -> str:
    return next(f.status for f in report.findings if f.rule_id == "publicity.min_working_days")  # type: ignore[no-any-return]


def test_api_takes_a_calendar_object_or_path() -> None:
    """validate(..., calendar=) takes the object or the file's path; without it 2027 is indeterminate."""
    case = _publicity("2027-09-28", "2027-10-09", "2027-09-27", "2027-10-11")
    assert _status(validate(case, calendar=WorkingDayCalendar.from_file(EXAMPLE_2027))) == "satisfied"
    assert _status(validate(case, calendar=str(EXAMPLE_2027))) == "satisfied"
    assert _status(validate(case)) == "indeterminate"


def test_api_bad_calendar_path_raises_case_error(tmp_path: Path) -> None:
    """A bad calendar path given to validate raises CalendarFileError (a CaseError, a ValueError)."""
    case = _publicity("2027-09-28", "2027-10-09", "2027-09-27", "2027-10-11")
    with pytest.raises(ValueError, match="calendar file"):
        validate(case, calendar=tmp_path / "none.yaml")


@given(st.dates(min_value=date(2027, 1, 1), max_value=date(2027, 12, 31)))
def test_supplied_year_working_day_definition(day: date) -> None:
    """In a supplied year, a working day is a listed make-up day or a Monday-Friday not listed as a holiday."""
    from cadre_rules.facts._calendar import load_calendar_file

    (year,) = load_calendar_file(EXAMPLE_2027)
    expected = day in year.workdays or (day.weekday() < 5 and day not in year.holiday_days())
    assert WorkingDayCalendar.from_years([year]).is_working_day(day) == expected
