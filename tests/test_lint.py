"""cadre-rules lint: the shipped rules are clean; deliberately bad rules are found."""

from __future__ import annotations

from typing import Any

from cadre_rules import default_registry
from cadre_rules.cli import main
from cadre_rules.lint import lint
from cadre_rules.rules import Registry, RuleSpec, load_specs, spec_files


def _spec(rule_id: str, violated: str, applies: str | None = "is_promotion", item: int = 1) -> RuleSpec:
    data: dict[str, Any] = {
        "id": rule_id,
        "family": "eligibility",
        "title": {"zh": "测试规则", "en": "test rule"},
        "citations": [{"instrument": "selection-regulations-2019", "article": "8", "paragraph": 1, "item": item}],
        "applies_when": applies,
        "violated_when": violated,
        "message": {"zh": "违反", "en": "violated"},
    }
    return RuleSpec.model_validate(data)


def _with(*extra: RuleSpec) -> Registry:
    return Registry([*load_specs(spec_files()), *extra], default_registry().library)


def test_shipped_rules_have_no_unaccepted_finding() -> None:
    """Every shipped rule can fire, no pair conflicts, and every overlap is accepted with a reason."""
    result = lint()
    assert not result.failing, result.to_text()
    assert all(f.accepted for f in result.findings)


def test_a_deliberately_conflicting_pair_is_found() -> None:
    """Two rules over the same fact that no case satisfies together are reported as a conflict."""
    result = lint(
        _with(
            _spec("eligibility.test_short_service", "work_years < 5"),
            _spec("eligibility.test_long_service", "work_years >= 5", item=2),
        ),
        accepted={},
    )
    conflicts = [f.rules for f in result.failing if f.kind == "conflict"]
    assert ("eligibility.test_long_service", "eligibility.test_short_service") in conflicts


def test_rules_that_never_apply_together_do_not_conflict() -> None:
    """Opposite conditions under exclusive applicability are no conflict."""
    result = lint(
        _with(
            _spec("eligibility.test_a", "work_years < 5", "post_tier == 'county_division'"),
            _spec("eligibility.test_b", "work_years >= 5", "post_tier == 'department_bureau'", item=2),
        ),
        accepted={},
    )
    assert not [f for f in result.findings if f.kind == "conflict" and "eligibility.test_a" in f.rules]


def test_a_rule_that_cannot_fire_is_found() -> None:
    """A violation condition no value satisfies (a negative count) is reported as never firing."""
    result = lint(_with(_spec("eligibility.test_never", "work_years < 0")), accepted={})
    assert ("eligibility.test_never",) in [f.rules for f in result.failing if f.kind == "never_fires"]


def test_same_item_with_different_thresholds_is_an_overlap() -> None:
    """Two rules citing the same item and comparing the same fact with different thresholds overlap."""
    result = lint(
        _with(_spec("eligibility.test_three", "work_years < 3"), _spec("eligibility.test_five", "work_years < 5")),
        accepted={},
    )
    overlaps = [f for f in result.failing if f.kind == "threshold_overlap"]
    assert ("eligibility.test_five", "eligibility.test_three") in [f.rules for f in overlaps]


def test_lint_exit_codes(capsys: Any) -> None:
    """cadre-rules lint exits 0 on the shipped rules and prints the accepted finding."""
    assert main(["lint"]) == 0
    assert "accepted" in capsys.readouterr().out
    assert main(["lint", "--format", "json"]) == 0
