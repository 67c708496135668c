"""Date arithmetic: "满N年", completed years and months, merged periods (hypothesis at the boundaries)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from cadre_rules.facts import (
    Period,
    completed_months,
    completed_years,
    has_full_years,
    merge_periods,
    total_months,
)

dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2060, 12, 31))
years = st.integers(min_value=0, max_value=40)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """A period of up to 20 years inside the date range."""
    start = draw(st.dates(min_value=date(1970, 1, 1), max_value=date(2040, 12, 31)))
    return Period(start, start + timedelta(days=draw(st.integers(0, 7300))))


@given(dates, dates, years)
def test_full_years_agrees_with_completed_years(start: date, end: date, n: int) -> None:
    """满N年 holds exactly when the completed years reach N."""
    if end >= start:
        assert has_full_years(start, end, n) == (completed_years(start, end) >= n)


@given(dates, years)
def test_full_years_reached_on_the_anniversary_not_the_day_before(start: date, n: int) -> None:
    """The Nth anniversary (29 February clamped to 28 February) completes N years; the day before does not."""
    anniversary = start + relativedelta(years=n)
    assert has_full_years(start, anniversary, n)
    if n > 0:
        assert not has_full_years(start, anniversary - timedelta(days=1), n)


def test_leap_day_start_completes_on_28_february() -> None:
    """A period starting on 29 February completes its year on 28 February of a common year."""
    assert has_full_years(date(2020, 2, 29), date(2021, 2, 28), 1)
    assert not has_full_years(date(2020, 2, 29), date(2021, 2, 27), 1)
    assert completed_years(date(2020, 2, 29), date(2024, 2, 28)) == 3
    assert completed_years(date(2020, 2, 29), date(2024, 2, 29)) == 4


def test_month_end_clamps() -> None:
    """31 January plus one month is the end of February."""
    assert completed_months(date(2021, 1, 31), date(2021, 2, 28)) == 1
    assert completed_months(date(2021, 1, 31), date(2021, 2, 27)) == 0


@given(dates, dates)
def test_completed_years_never_negative(start: date, end: date) -> None:
    """A reversed pair measures zero."""
    assert completed_years(start, end) >= 0
    assert completed_months(start, end) >= 0


@given(st.lists(periods(), max_size=8))
def test_merge_is_sorted_disjoint_and_idempotent(items: list[Period]) -> None:
    """Merged periods are sorted, never touch, and merging again changes nothing."""
    merged = merge_periods(items)
    for a, b in itertools.pairwise(merged):
        assert a.end < b.start
    assert merge_periods(merged) == merged


@given(st.lists(periods(), max_size=8))
def test_merge_covers_the_same_days(items: list[Period]) -> None:
    """Every day inside an input period is inside a merged period, and no other day is."""
    merged = merge_periods(items)
    probes = {p.start for p in items} | {p.end - timedelta(days=1) for p in items if p.end > p.start}
    probes |= {p.end for p in items}
    for day in probes:
        inside = any(p.start <= day < p.end for p in items)
        assert inside == any(p.start <= day < p.end for p in merged)


@given(periods())
def test_single_period_months_match_the_calendar(period: Period) -> None:
    """A single period measures exactly its completed months (remainder days never round up)."""
    assert total_months([period]) == completed_months(period.start, period.end)


@given(periods(), periods())
def test_total_is_monotone_and_overlap_is_not_double_counted(a: Period, b: Period) -> None:
    """Adding a period never shortens the total; a duplicate period adds nothing."""
    assert total_months([a, b]) >= total_months([a])
    assert total_months([a, a]) == total_months([a])


def test_touching_periods_join() -> None:
    """Two periods that touch measure as one."""
    a = Period(date(2018, 1, 31), date(2019, 3, 15))
    b = Period(date(2019, 3, 15), date(2020, 1, 31))
    assert merge_periods([b, a]) == [Period(date(2018, 1, 31), date(2020, 1, 31))]
    assert total_months([a, b]) == 24


def test_split_remainders_add_up_by_31_days() -> None:
    """Remainder days of separate periods add up; 31 of them make a month."""
    a = Period(date(2020, 1, 1), date(2020, 1, 17))  # 16 days
    b = Period(date(2021, 1, 1), date(2021, 1, 16))  # 15 days
    assert total_months([a, b]) == 1
    assert total_months([a]) == 0


def test_reversed_period_is_rejected() -> None:
    """A period ending before it starts is an error."""
    with pytest.raises(ValueError, match="before its start"):
        Period(date(2020, 1, 2), date(2020, 1, 1))
