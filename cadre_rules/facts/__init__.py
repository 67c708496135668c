"""Facts: pure derivations (dates, periods, working days, counts) that rules compare."""

from cadre_rules.facts._calendar import DEFAULT_CALENDAR, WorkingDayCalendar
from cadre_rules.facts._catalogue import FACTS, FactSpec
from cadre_rules.facts._dates import (
    Period,
    completed_months,
    completed_years,
    has_full_years,
    merge_periods,
    total_months,
)
from cadre_rules.facts._derive import Facts, default_as_of, derive

__all__ = [
    "DEFAULT_CALENDAR",
    "FACTS",
    "FactSpec",
    "Facts",
    "Period",
    "WorkingDayCalendar",
    "completed_months",
    "completed_years",
    "default_as_of",
    "derive",
    "has_full_years",
    "merge_periods",
    "total_months",
]
