"""validate(): the stage a dossier is at, and its errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cadre_rules import CaseError, default_registry, validate
from cadre_rules.records import Stage
from tests.conftest import EXAMPLES, load_yaml

DOSSIER = load_yaml(EXAMPLES / "dossier-at-inspection.yaml")
COMPLETE = validate(DOSSIER, stage="appointment", engine="native")


def test_every_rule_checks_a_stage() -> None:
    """Each rule names the step it checks; the method flows spread over the steps, not all at the end."""
    rules = default_registry().rules
    assert all(isinstance(r.stage, Stage) for r in rules)
    flow = {r.stage for r in rules if r.spec.family == "method_flow"}
    assert {Stage.RECOMMENDATION, Stage.INSPECTION, Stage.DISCUSSION, Stage.PUBLICITY} <= flow


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(list(Stage)))
def test_a_stage_only_defers_later_rules(stage: Stage) -> None:
    """At a stage, rules of that step or earlier are as in the full check; later applicable ones are not yet due."""
    at = {f.rule_id: f for f in validate(DOSSIER, stage=stage, engine="native").findings}
    for full in COMPLETE.findings:
        mine = at[full.rule_id]
        later = Stage(full.stage).rank > stage.rank
        if later and full.status != "not_applicable":
            assert mine.status == "not_yet_due", full.rule_id
        else:
            assert mine == full, full.rule_id


def test_not_yet_due_never_turns_the_outcome() -> None:
    """A dossier whose only open rules are later steps is compliant, and lists them."""
    report = validate(DOSSIER, engine="native")
    assert report.stage == "inspection" and report.outcome == "compliant"
    assert report.not_yet_due and all(Stage(f.stage).rank > Stage.INSPECTION.rank for f in report.not_yet_due)


def test_a_complete_case_has_nothing_not_yet_due() -> None:
    """Without a stage the whole procedure is checked."""
    report = validate(EXAMPLES / "compliant-county-promotion.yaml", engine="native")
    assert report.stage is None and not report.not_yet_due


@pytest.mark.parametrize("where", ["argument", "record"])
def test_an_unknown_stage_is_a_case_error_naming_the_field(where: str) -> None:
    """A bad stage, given to the call or in the record, names the field in Chinese and English."""
    with pytest.raises(CaseError) as err:
        if where == "argument":
            validate(DOSSIER, stage="vetting")
        else:
            validate({**DOSSIER, "procedure": {**DOSSIER["procedure"], "stage": "vetting"}})
    text = str(err.value)
    assert "stage" in text and ("案卷环节" in text or "取值不在允许范围内" in text)


@pytest.mark.parametrize("value", [[1, 2], 7, None, 1.5])
def test_validate_on_a_value_that_is_no_case_is_a_case_error(value: object) -> None:
    """A list, number or None given to validate() is the CaseError a mapping's path gives, never a TypeError."""
    with pytest.raises(CaseError, match="expected a mapping at the top level"):
        validate(value)  # type: ignore[arg-type]
