"""Every fact derivation is total over the valid model: cases at both ends of the bounds, on both engines.

A case is a shipped compliant base (or a generated one) moved whole so that its earliest date falls on the
first month of the domain or its latest date on the last month (the order of its dates kept), with some
numbers at their bounds and some dates at the very ends.  ``validate`` on both engines either raises
:class:`CaseError` (a cross-field check refuses the combination) or gives identical reports; anything else
(an overflowing ``relativedelta``, a calendar lookup, an engine error) fails the test.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from cadre_rules import CaseError, validate
from cadre_rules.records import MonthDate
from cadre_rules.records._bounds import EARLIEST_DATE, LATEST_DATE
from cadre_rules.testing import base_methods, base_variants, case_records, compliant_base
from tests.conftest import examples
from tests.records.bounds_walk import number_paths, put

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})([-.])(\d{2})$")
BASES = [(m, v) for v in (None, *base_variants()) for m in base_methods(v)]


def _dates(node: Any, path: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], date]]:
    """Every date in a case mapping (text or date object) with its path; a month reads as its first day."""
    if isinstance(node, dict):
        return [pair for key, value in node.items() for pair in _dates(value, (*path, key))]
    if isinstance(node, list):
        return [pair for index, value in enumerate(node) for pair in _dates(value, (*path, index))]
    if isinstance(node, date):
        return [(path, node)]
    if isinstance(node, str) and (match := _DAY.match(node)):
        return [(path, date(int(match[1]), int(match[2]), int(match[3])))]
    if isinstance(node, str) and (match := _MONTH.match(node)):
        return [(path, MonthDate(int(match[1]), int(match[3]), 1))]
    return []


def _shifted(value: date, months: int) -> Any:
    moved = value + relativedelta(months=months)
    if isinstance(value, MonthDate):
        return MonthDate(moved.year, moved.month, 1).month_text()
    return moved.isoformat()


def _moved(data: dict[str, Any], to_end: bool) -> dict[str, Any]:
    """``data`` with every date moved by the same number of months so its first (last) date opens (closes) the
    domain; month arithmetic keeps the order of the dates (a 31st may become a 30th)."""
    found = _dates(data)
    if not found:
        return data
    days = [d for _, d in found]
    if to_end:
        last = max(d.last_day if isinstance(d, MonthDate) else d for d in days)
        months = (LATEST_DATE.year - last.year) * 12 + LATEST_DATE.month - last.month
    else:
        first = min(days)
        months = (EARLIEST_DATE.year - first.year) * 12 + EARLIEST_DATE.month - first.month
    out = data
    for path, value in found:
        out = put(out, path, _shifted(value, months))
    return out


def _outcome(data: dict[str, Any]) -> str:
    """CaseError, or the one report both engines give (asserted identical)."""
    try:
        native = validate(data, engine="native").to_dict()
    except CaseError:
        try:
            validate(data, engine="durable")
        except CaseError:
            return "CaseError"
        raise AssertionError("native refused the case, durable did not") from None
    durable = validate(data, engine="durable").to_dict()
    assert durable | {"engine": ""} == native | {"engine": ""}
    return "report"


@st.composite
def edge_cases(draw: st.DrawFn) -> dict[str, Any]:
    """A base or generated case moved to one end of the date domain, with numbers and dates at their bounds."""
    if draw(st.booleans()):
        method, variant = draw(st.sampled_from(BASES))
        data = compliant_base(method, variant)
    else:
        data = draw(case_records(month_precision=draw(st.booleans()))).model_dump(mode="json")
    data = _moved(data, to_end=draw(st.booleans()))
    numbers = number_paths(data) if _valid(data) else []
    for path, field in (
        draw(st.lists(st.sampled_from(numbers), max_size=4, unique_by=lambda p: p[0])) if numbers else []
    ):
        data = put(data, path, draw(st.sampled_from([field.low, field.high])))
    found = _dates(data)
    if found:
        for path, value in draw(st.lists(st.sampled_from(found), max_size=2, unique_by=lambda p: p[0])):
            end = draw(st.sampled_from([EARLIEST_DATE, LATEST_DATE]))
            data = put(
                data,
                path,
                MonthDate(end.year, end.month, 1).month_text() if isinstance(value, MonthDate) else end.isoformat(),
            )
    return data


def _valid(data: dict[str, Any]) -> bool:
    from cadre_rules.records import case_from_mapping

    try:
        case_from_mapping(data)
    except CaseError:
        return False
    return True


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edge_cases())
def test_cases_at_the_edges_end_in_a_report_or_a_case_error(data: dict[str, Any]) -> None:
    """No exception but CaseError, and identical reports on both engines, at both ends of the bounds."""
    outcome = _outcome(data)
    event(outcome)
    assert outcome in ("report", "CaseError")


def test_every_base_moved_to_each_end_gives_identical_reports() -> None:
    """Each shipped base moved whole to 1900 and to 2100 is still valid and both engines agree on it."""
    for method, variant in BASES:
        for to_end in (False, True):
            data = _moved(compliant_base(method, variant), to_end)
            assert _outcome(data) == "report", (method, variant, to_end)
            days = [d for _, d in _dates(data)]
            assert (max(days) >= date(2100, 12, 1)) if to_end else (min(days) < date(1900, 2, 1))
