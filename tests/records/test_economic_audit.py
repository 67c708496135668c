"""An economic audit record cannot say both "not done" and when it was completed."""

from __future__ import annotations

import pytest

from cadre_rules import CaseError, validate
from cadre_rules.testing import compliant_base, deep_merge


def test_done_false_with_a_completion_date_is_invalid_input() -> None:
    """done: false with completed_on is contradictory and rejected with the field path (found by a property)."""
    case = deep_merge(
        compliant_base(),
        {"procedure": {"inspection": {"economic_audit": {"done": False, "completed_on": "2025-05-01"}}}},
    )
    with pytest.raises(CaseError, match="economic_audit"):
        validate(case, engine="native")


def test_completion_date_alone_means_done() -> None:
    """A completion date without done is accepted (the audit is implied done)."""
    case = deep_merge(
        compliant_base(),
        {"procedure": {"inspection": {"economic_audit": {"required": True, "completed_on": "2025-05-01"}}}},
    )
    statuses = {f.rule_id: f.status for f in validate(case, engine="native").findings}
    assert statuses["finance_audit.required_audit_done_beforehand"] == "satisfied"
