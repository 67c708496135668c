"""The domain bounds of every date and number of a case record, in one place, each with its reason.

A value outside its bound is a :class:`~cadre_rules.CaseError` naming the field (pydantic's
``less_than_equal`` / ``greater_than_equal`` and our ``date_out_of_range``, translated in records/_load.py).
The bounds are chosen so that nothing downstream can overflow or diverge:

* date arithmetic (``relativedelta`` + up to a working life of years, the working-day calendar, publicity
  windows, statutory retirement dates, month-precision readings a day either side) stays far inside
  Python's ``date`` range (years 1–9999);
* every integer a rule compares or computes with, multiplied by a parameter at its own bound (profiles use
  these bounds, see :mod:`cadre_rules.profiles`) and by a ratio's denominator, stays far inside the 64-bit
  integers durable_rules computes with (its C code wraps silently at 2**63, the native evaluator does not);
  :data:`MAX_FACT_INT` bounds every derived integer fact, and the engine compiler checks each condition's
  worst case against :data:`ENGINE_INT_LIMIT`;
* no integer comes near Python's 4,300-digit limit on ``str(int)``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

EARLIEST_DATE = date(1900, 1, 1)
"""The earliest date a record may hold: no serving or recently serving cadre was born before 1900, and the
oldest instrument encoded (1949 onwards) is far later."""
LATEST_DATE = date(2100, 12, 31)
"""The latest date a record may hold: the statutes and the holiday calendar end long before 2100; a
retirement date computed from it (+ 65 years) stays a valid date."""
MAX_COUNT = 100_000
"""The most people (members, voters, participants, staff, candidates) or posts one count may hold: the
largest body that votes on a cadre (a provincial 全委会 with the cadres invited to a recommendation) is a
few thousand people."""
MAX_DAYS = 36_600
"""The most days a period of the record may hold: a hundred years."""
MAX_HOURS = MAX_DAYS * 24
"""The most hours a period of the record may hold: a hundred years of hours (training asks for 550 in five
years)."""
MAX_YEARS = 100
"""The most years a term or an engagement may last: a century (a 聘期 is a few years)."""
MAX_TERMS = 20
"""The most consecutive terms in one post: twenty terms of five years is a century (the 任期暂行规定
allows two)."""
MAX_FACT_INT = 1_000_000
"""The largest magnitude of an integer fact derived from a bounded record: counts are at most
:data:`MAX_COUNT` (a sum of the four votes of an evaluation four times that), periods at most
(2100 - 1900) years of days (73,414), so ten times the largest stays well below it."""
ENGINE_INT_LIMIT = 2**62
"""The largest magnitude an integer expression of a rule may reach with every fact and parameter at its bound:
half the 64-bit range that durable_rules computes in, so an intermediate sum cannot wrap either."""


def in_date_range(day: date) -> date:
    """``day`` when it lies within :data:`EARLIEST_DATE` … :data:`LATEST_DATE` (a month-precision date: its
    whole month), else the ``date_out_of_range`` error."""
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise PydanticCustomError(
            "date_out_of_range",
            "a date of the record lies between {earliest} and {latest}",
            {"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
        )
    return day


def _in_range(value: Any) -> Any:
    return in_date_range(value) if isinstance(value, date) else value


Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
"""A number of people, votes or posts: 0 … :data:`MAX_COUNT`."""
PositiveCount = Annotated[int, Field(ge=1, le=MAX_COUNT)]
"""A number of people or posts that is at least one: 1 … :data:`MAX_COUNT`."""
Days = Annotated[int, Field(ge=0, le=MAX_DAYS)]
"""A number of days: 0 … :data:`MAX_DAYS`."""
Hours = Annotated[int, Field(ge=0, le=MAX_HOURS)]
"""A number of hours: 0 … :data:`MAX_HOURS`."""
Years = Annotated[int, Field(ge=0, le=MAX_YEARS)]
"""A number of years: 0 … :data:`MAX_YEARS`."""
Terms = Annotated[int, Field(ge=0, le=MAX_TERMS)]
"""A number of terms of office: 0 … :data:`MAX_TERMS`."""
Score = Annotated[float, Field(ge=0, le=MAX_COUNT, allow_inf_nan=False)]
"""A score or a count of favourable votes (竞聘考评、民主测评): finite, 0 … :data:`MAX_COUNT`."""
CalendarYear = Annotated[int, Field(ge=EARLIEST_DATE.year, le=LATEST_DATE.year)]
"""A calendar year within the date bounds."""
DateInRange = AfterValidator(_in_range)
"""The validator that puts a date field within the bounds (applied by ``IsoDate`` and ``RecordDate``)."""
