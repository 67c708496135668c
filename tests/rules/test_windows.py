"""Each rule's in-force window comes from the normative texts it encodes, never from corroborating citations."""

from __future__ import annotations

import json
from datetime import date

import pytest

from cadre_rules import default_registry
from cadre_rules._errors import RegulationDataError
from cadre_rules.cli import main
from cadre_rules.instruments import SourceLevel
from cadre_rules.rules import Registry
from cadre_rules.rules._spec import RuleSpec

REGISTRY = default_registry()
LIBRARY = REGISTRY.library

# Parameters whose first encoded value is later than the start of the window of a rule that reads them: inside
# the gap the rule is indeterminate (the value for that date is not encoded), never silently not applicable.
LATE_PARAMETERS = {
    ("eligibility.training_before_promotion", "training_min_hours_5y"): "the 2015 培训条例 is not encoded",
    ("eligibility.training_before_promotion", "training_min_months_5y"): "the 2015 培训条例 is not encoded",
}


def _normative_start(rule_id: str) -> date:
    rule = REGISTRY.by_id[rule_id]
    return min(
        LIBRARY.window(c.instrument)[0]
        for c in rule.spec.citations
        if c.role == "normative" and LIBRARY.instruments[c.instrument].meta.source_level is rule.source_level
    )


@pytest.mark.parametrize("rule_id", [r.id for r in REGISTRY.rules])
def test_window_starts_with_the_normative_text(rule_id: str) -> None:
    """No rule starts later than the earliest normative text it encodes."""
    assert REGISTRY.by_id[rule_id].effective_from == _normative_start(rule_id)


@pytest.mark.parametrize("rule_id", [r.id for r in REGISTRY.rules])
def test_parameters_are_encoded_from_the_window_start(rule_id: str) -> None:
    """Every parameter a rule reads has a value from the rule's first day, or the gap is documented."""
    rule = REGISTRY.by_id[rule_id]
    for name in rule.params:
        first = min(LIBRARY.params[name][1].values)
        if first > rule.effective_from:
            assert (rule_id, name) in LATE_PARAMETERS, f"{rule_id} starts {rule.effective_from}, {name} only {first}"


def _spec(citations: list[dict[str, object]], **extra: object) -> RuleSpec:
    return RuleSpec.model_validate(
        {
            "id": "test.window",
            "family": "committee",
            "title": {"zh": "测试", "en": "test"},
            "citations": citations,
            "violated_when": "ad_hoc_motion",
            "message": {"zh": "测试", "en": "test"},
            **extra,
        }
    )


def test_a_local_citation_never_moves_a_national_rule() -> None:
    """A national rule citing the 2014 条例 and seed 001 (2021) applies from 2014 and ends with 2014."""
    spec = _spec(
        [
            {"instrument": "selection-regulations-2014", "article": "43"},
            {"instrument": "seed-001-standing-committee-practice", "article": "p7"},
        ]
    )
    rule = Registry([spec], LIBRARY).by_id["test.window"]
    assert rule.source_level is SourceLevel.NATIONAL
    assert (rule.effective_from, rule.effective_to) == (date(2014, 1, 14), date(2019, 3, 2))


def test_a_corroborating_citation_never_moves_the_window() -> None:
    """Marking the 守则 corroborating leaves the 2019 window; as normative it opens the window in 2002."""
    cites: list[dict[str, object]] = [{"instrument": "selection-regulations-2019", "article": "38", "paragraph": 1}]
    corroborating = _spec([*cites, {"instrument": "committee-decision-code", "article": "3", "role": "corroborating"}])
    normative = _spec([*cites, {"instrument": "committee-decision-code", "article": "3"}])
    assert Registry([corroborating], LIBRARY).by_id["test.window"].effective_from == date(2019, 3, 3)
    assert Registry([normative], LIBRARY).by_id["test.window"].effective_from == date(2002, 7, 9)


def test_a_local_rule_states_its_scope() -> None:
    """A local practice without a scope is refused when the registry loads."""
    spec = _spec([{"instrument": "seed-001-standing-committee-practice", "article": "p7"}])
    with pytest.raises(RegulationDataError, match="scope"):
        Registry([spec], LIBRARY)


def test_rules_json_gives_every_window(capsys: pytest.CaptureFixture[str]) -> None:
    """`cadre-rules rules --format json` gives each rule its window and each citation its role."""
    assert main(["rules", "--format", "json"]) == 0
    rules = {r["rule_id"]: r for r in json.loads(capsys.readouterr().out)}
    assert len(rules) == len(REGISTRY.rules)
    for rule in REGISTRY.rules:
        entry = rules[rule.id]
        assert entry["effective_from"] == rule.effective_from.isoformat()
        assert entry["effective_to"] == (rule.effective_to.isoformat() if rule.effective_to else None)
        assert all(c["role"] in ("normative", "corroborating") for c in entry["citations"])
    assert rules["committee.quorum"]["effective_from"] == "2002-07-09"
