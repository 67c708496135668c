"""The ten-year boundary of 交流规定 第五条 and the same-post tenure it counts (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from cadre_rules import validate
from cadre_rules.facts._tenure import same_post_start
from cadre_rules.records import CareerEntry
from cadre_rules.testing import deep_merge
from tests.conftest import example

AS_OF = date(2025, 6, 10)  # the meeting date of compliant-county-promotion.yaml


def _kept_in_post(start: date) -> dict[str, Any]:
    """The county example turned into keeping a 副县长 in the post held since ``start``."""
    return deep_merge(
        example("compliant-county-promotion.yaml"),
        {
            "kind": "lateral",
            "candidate": {
                "terms_in_current_post": 1,
                "career": [
                    {"start": "2003-09-01", "end": "2007-07-01", "organisation": "某某大学", "is_work": False},
                    {"start": "2007-07-01", "end": start.isoformat(), "organisation": "某县某镇人民政府"},
                    {
                        "start": start.isoformat(),
                        "organisation": "某县人民政府",
                        "title": "副县长",
                        "tier": "county_division",
                        "role": "deputy",
                        "same_post_as_target": True,
                    },
                ],
            },
            "post": {"title": "某县人民政府副县长", "leadership_body": "government"},
        },
    )


def _status(record: dict[str, Any]) -> str:
    report = validate(record, engine="native")
    return next(f.status for f in report.findings if f.rule_id == "eligibility.exchange_after_ten_years")


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=-400, max_value=400))
def test_ten_years_is_start_plus_ten_years_on_or_before_the_act(offset: int) -> None:
    """满10年: violated exactly when start + 10 years <= the act's date (leap days included)."""
    start = AS_OF - relativedelta(years=10) + timedelta(days=offset)
    expected = "violated" if start + relativedelta(years=10) <= AS_OF else "satisfied"
    assert _status(_kept_in_post(start)) == expected


def test_ten_year_boundary_days() -> None:
    """The anniversary itself fires; the day after it does not."""
    anniversary = AS_OF - relativedelta(years=10)
    assert _status(_kept_in_post(anniversary)) == "violated"
    assert _status(_kept_in_post(anniversary + timedelta(days=1))) == "satisfied"
    assert _status(_kept_in_post(anniversary - timedelta(days=1))) == "violated"


def test_a_29_february_start_reaches_ten_years_on_28_february() -> None:
    """relativedelta clamps 29 February: a start on 2016-02-29 has ten years on 2026-02-28."""
    career = [CareerEntry(start=date(2016, 2, 29), same_post_as_target=True)]
    start = same_post_start(career, date(2026, 2, 28))
    assert start == date(2016, 2, 29)
    assert start + relativedelta(years=10) == date(2026, 2, 28)


@given(st.lists(st.integers(min_value=1, max_value=900), min_size=1, max_size=4), st.integers(0, 1))
def test_lines_without_a_break_are_one_tenure(lengths: list[int], gap: int) -> None:
    """Same-post lines that run on are counted from the first start; a gap restarts the count."""
    first = date(2010, 1, 1)
    lines, start = [], first
    for length in lengths:
        end = start + timedelta(days=length)
        lines.append(CareerEntry(start=start, end=end, same_post_as_target=True))
        start = end + timedelta(days=gap)
    current = CareerEntry(start=start, same_post_as_target=True)
    held_from = same_post_start([*lines, current], start + timedelta(days=10))
    assert held_from == (first if gap == 0 else start)


def test_a_post_no_longer_held_is_not_the_same_post() -> None:
    """A flagged line that ended before the act is not a re-appointment."""
    career = [CareerEntry(start=date(2010, 1, 1), end=date(2020, 1, 1), same_post_as_target=True)]
    assert same_post_start(career, date(2021, 1, 1)) is None
