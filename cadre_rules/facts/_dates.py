"""Date arithmetic of the texts: completed years, merged service periods, durations.

Readings (documented once, used everywhere):

* "满N年" (N full years) from ``start`` to ``end`` means ``start + relativedelta(years=N) <= end``.
  python-dateutil clamps 29 February to 28 February in common years, so a period starting on
  29 February 2020 completes its first year on 28 February 2021.  Month ends clamp the same way
  (31 January + 1 month = 28/29 February).
* A service period is half-open ``[start, end)``: ``end`` is the day the post ended, which is the day the
  next post starts in a typical resume, so touching periods are not double-counted.  An open period
  (no end) runs to the as-of date.
* Several periods are merged (overlaps and touching periods joined) before measuring.  The length of a
  merged set is the sum over its periods of whole months (``relativedelta``) plus the remaining days,
  with every 31 remaining days counted as one more month.  A single period's remainder is at most 30
  days, so a single period measures exactly as "满N年" above, and a split period is never credited with
  more than the calendar would give (a conservative reading, chosen because the texts are silent).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from dateutil.relativedelta import relativedelta

DAYS_PER_MONTH_FOR_REMAINDERS = 31


@dataclass(frozen=True, order=True)
class Period:
    """A half-open period ``[start, end)`` of service or membership."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period end {self.end} is before its start {self.start}")


def has_full_years(start: date, end: date, years: int) -> bool:
    """True when ``years`` full years have passed from ``start`` to ``end`` ("满N年")."""
    return start + relativedelta(years=years) <= end


def completed_years(start: date, end: date) -> int:
    """Whole years from ``start`` to ``end`` (age, 工龄, 党龄); 0 when ``end`` precedes ``start``."""
    if end < start:
        return 0
    return relativedelta(end, start).years


def completed_months(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end``; 0 when ``end`` precedes ``start``."""
    if end < start:
        return 0
    delta = relativedelta(end, start)
    return delta.years * 12 + delta.months


def merge_periods(periods: Iterable[Period]) -> list[Period]:
    """Merge overlapping and touching periods; the result is sorted and disjoint."""
    merged: list[Period] = []
    for period in sorted(periods):
        if merged and period.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Period(last.start, max(last.end, period.end))
        else:
            merged.append(period)
    return merged


def total_months(periods: Iterable[Period]) -> int:
    """Length of a set of periods in whole months, after merging (see the module docstring)."""
    months = 0
    days = 0
    for period in merge_periods(periods):
        delta = relativedelta(period.end, period.start)
        months += delta.years * 12 + delta.months
        days += delta.days
    return months + days // DAYS_PER_MONTH_FOR_REMAINDERS


class Span(Protocol):
    """A record with a start and an optional (open) end: a resume line, a course."""

    @property
    def start(self) -> date: ...

    @property
    def end(self) -> date | None: ...


def spans_until(spans: Iterable[Span], until: date) -> list[Period]:
    """The parts of ``spans`` before ``until``; an open span runs to ``until``."""
    periods = (clip(Period(s.start, max(s.start, s.end or until)), until) for s in spans)
    return [p for p in periods if p is not None]


def clip(period: Period, until: date) -> Period | None:
    """The part of ``period`` before ``until``, or None when it starts on or after ``until``."""
    if period.start >= until:
        return None
    return Period(period.start, min(period.end, until))
