"""The citations a finding shows are computed once per span of dates and match a fresh computation on every day."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cadre_rules._validate import _citation_bounds, _citations_at, citations_on
from cadre_rules.rules import default_registry
from tests.conftest import examples


def test_every_bound_and_its_eve_match_a_fresh_computation() -> None:
    """On each day the shown citations may change, and the day before, every rule shows what it would afresh."""
    registry = default_registry()
    for rule in registry.rules:
        for bound in _citation_bounds(registry, rule):
            for day in (bound - timedelta(days=1), bound, bound + timedelta(days=1)):
                assert citations_on(registry, rule, day) == _citations_at(registry, rule, day), (rule.id, day)


@settings(max_examples=examples(50))
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)))
def test_any_day_matches_a_fresh_computation(day: date) -> None:
    """On any day, every rule's citations are those a fresh computation gives, in a list of their own."""
    registry = default_registry()
    for rule in registry.rules:
        shown = citations_on(registry, rule, day)
        assert shown == _citations_at(registry, rule, day), (rule.id, day)
        assert shown is not citations_on(registry, rule, day)
