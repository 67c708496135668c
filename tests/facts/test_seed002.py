"""Date boundaries of the seed 002 篇4 rules: the report deadlines and the rectification freeze."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cadre_rules import validate
from cadre_rules.testing import deep_merge
from tests.conftest import example

RULE_REPORTS = "discipline.term_change_reports_closed_in_time"
DECISION = date(2025, 6, 10)  # the meeting date of the base example, and its as-of date
BASE: dict[str, Any] = deep_merge(
    example("compliant-county-township-principal.yaml"), {"procedure": {"meeting": {"body": "standing_committee"}}}
)


def _status(patch: dict[str, Any], rule_id: str) -> str:
    report = validate(deep_merge(BASE, patch), profile="seed-002-p4", engine="native")
    return next(f.status for f in report.findings if f.rule_id == rule_id)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 40), st.integers(0, 30), st.booleans())
def test_report_closed_late_exactly_after_its_limit(received_before: int, took: int, village: bool) -> None:
    """A closed report is late exactly when it took more days than its limit (15, or 5 for village committees)."""
    received = DECISION - timedelta(days=received_before)
    closed = received + timedelta(days=took)
    report: dict[str, Any] = {"received_on": received.isoformat(), "closed_on": closed.isoformat()}
    report["village_committee"] = village
    status = _status({"procedure": {"term_change": True, "term_change_reports": [report]}}, RULE_REPORTS)
    assert status == ("violated" if took > (5 if village else 15) else "satisfied")


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 40))
def test_open_report_late_once_its_limit_passed(received_before: int) -> None:
    """An open report counts to the as-of date: late once more than 15 days have passed since receipt."""
    received = DECISION - timedelta(days=received_before)
    patch = {"procedure": {"term_change": True, "term_change_reports": [{"received_on": received.isoformat()}]}}
    assert _status(patch, RULE_REPORTS) == ("violated" if received_before > 15 else "satisfied")


@settings(max_examples=40, deadline=None)
@given(st.integers(-5, 5), st.one_of(st.none(), st.integers(-5, 5)))
def test_rectification_freeze_from_order_to_acceptance(ordered: int, accepted: int | None) -> None:
    """A decision on or after the order day and before the acceptance day is in the freeze, and only such a one."""
    ordered_on = DECISION + timedelta(days=ordered)
    item: dict[str, Any] = {"ordered_on": ordered_on.isoformat()}
    accepted_on = None
    if accepted is not None:
        accepted_on = max(ordered_on, DECISION + timedelta(days=accepted))
        item["accepted_on"] = accepted_on.isoformat()
    frozen = ordered_on <= DECISION and (accepted_on is None or accepted_on > DECISION)
    status = _status({"procedure": {"unit_situation": {"rectifications": [item]}}}, "discipline.rectification_freeze")
    assert status == ("violated" if frozen else "satisfied")
