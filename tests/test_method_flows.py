"""The three compliant examples (standard, open selection, competitive posts) and single-step removal.

Each compliant example passes with no violation; removing any single step from it produces that step's
finding (for the standard method, with the record declared complete, so an absent step record means the step
did not take place).
"""

from __future__ import annotations

from typing import Any

import pytest

from cadre_rules import validate
from cadre_rules.records import CompetitivePostStep, OpenSelectionStep
from tests.conftest import example

EXAMPLES = {
    "standard": "compliant-county-promotion.yaml",
    "open_selection": "compliant-open-selection.yaml",
    "competitive_post": "compliant-bureau-middle-post.yaml",
}

# standard method: the typed record of each step and the rule that reports its absence
STANDARD_STEPS = {
    "motion": "motion.required",
    "recommendation": "recommendation.required",
    "inspection": "inspection.required",
    "meeting": "committee.decided_at_meeting",
    "publicity": "publicity.held",
    "appointment": "appointment.talk",
}


def _both(record: dict[str, Any]) -> dict[str, str]:
    """Statuses by rule id; the durable and native engines must agree."""
    durable = validate(record, engine="durable")
    native = validate(record, engine="native")
    assert durable.to_dict() | {"engine": ""} == native.to_dict() | {"engine": ""}
    return {f.rule_id: f.status for f in durable.findings}


@pytest.mark.parametrize("method", sorted(EXAMPLES))
def test_compliant_example_passes(method: str) -> None:
    """Each method's compliant example is compliant: no violation, nothing indeterminate."""
    record = example(EXAMPLES[method])
    report = validate(record, engine="native")
    assert report.outcome == "compliant", [f.rule_id for f in report.findings if f.status != "satisfied"]
    flow_rules = [f for f in report.findings if f.rule_id.startswith(f"method_flow.{method}_")]
    if method != "standard":
        assert flow_rules and all(f.status == "satisfied" for f in flow_rules)


@pytest.mark.parametrize(("step", "rule_id"), sorted(STANDARD_STEPS.items()))
def test_removing_a_standard_step(step: str, rule_id: str) -> None:
    """Removing one step record of a complete standard record violates that step's rule."""
    record = example(EXAMPLES["standard"])
    record["as_of"] = "2025-06-10"
    record["procedure"]["record_complete"] = True
    del record["procedure"][step]
    assert _both(record)[rule_id] == "violated"


def test_removing_a_standard_step_without_a_complete_record_is_indeterminate() -> None:
    """Without the complete-record declaration an absent step is unknown, never silently satisfied."""
    record = example(EXAMPLES["standard"])
    del record["procedure"]["inspection"]
    report = validate(record, engine="native")
    finding = next(f for f in report.findings if f.rule_id == "inspection.required")
    assert finding.status == "indeterminate"
    assert finding.missing == ["procedure.inspection"]


FLOW_STEPS = [("open_selection", s.value) for s in OpenSelectionStep] + [
    ("competitive_post", s.value) for s in CompetitivePostStep
]


@pytest.mark.parametrize(("method", "step"), FLOW_STEPS)
def test_removing_a_flow_step(method: str, step: str) -> None:
    """Removing one step from a method's step list violates exactly that step's missing-step rule."""
    record = example(EXAMPLES[method])
    field = f"{method}_steps"
    record["procedure"][field] = [s for s in record["procedure"][field] if s["step"] != step]
    statuses = _both(record)
    missing = {r for r, s in statuses.items() if r.startswith("method_flow.") and s == "violated"}
    assert missing == {f"method_flow.{method}_step_{step}"}
