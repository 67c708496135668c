"""The shipped test data: compliant bases per method, one single-fault mutation per rule."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cadre_rules import default_registry, validate
from cadre_rules.records import SelectionMethod
from cadre_rules.testing import (
    base_methods,
    base_variants,
    compliant_base,
    expected_violations,
    fault,
    faults,
    single_fault_cases,
    unreachable_alone,
)
from tests.conftest import example, examples

RULE_IDS = [r.id for r in default_registry().rules]

# Methods that have no compliant base yet, with the reason.  When a base is added, remove it here (a test
# fails until you do, so this list never goes stale).
METHODS_WITHOUT_BASE: dict[str, str] = {}


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_has_a_single_fault_mutation(rule_id: str) -> None:
    """Every registered rule has a fault entry in faults.yaml, or a reasoned unreachable-alone exclusion."""
    excluded = unreachable_alone()
    assert rule_id in faults() or rule_id in excluded, (
        f"rule {rule_id} has no single-fault mutation: add an entry to cadre_rules/testing/faults.yaml "
        "(rule, patch against a compliant base, implies) or, if it cannot be violated alone, to unreachable_alone"
    )
    if rule_id in excluded:
        assert excluded[rule_id].strip(), f"{rule_id}: the exclusion needs a reason"


def test_fault_data_names_only_registered_rules() -> None:
    """Faults, their implied rules and exclusions name registered rules; a rule is never both."""
    known = set(RULE_IDS)
    for rule_id, entry in faults().items():
        assert rule_id in known, f"faults.yaml: unknown rule {rule_id}"
        assert entry.implies <= known, f"faults.yaml {rule_id}: implies unknown {sorted(entry.implies - known)}"
        assert rule_id not in entry.implies
        assert entry.method in base_methods(entry.variant), (
            f"faults.yaml {rule_id}: no compliant base for {entry.method}"
        )
    assert not set(unreachable_alone()) & set(faults())
    assert set(unreachable_alone()) <= known


@pytest.mark.parametrize("rule_id", sorted(faults()))
def test_fault_violates_exactly_its_rule(rule_id: str) -> None:
    """On the unvaried base, each fault violates its rule and the documented implied set, nothing else."""
    case = fault(rule_id).case()
    for engine in ("durable", "native"):
        report = validate(case, engine=engine)
        violated = {f.rule_id for f in report.findings if f.status == "violated"}
        assert violated == set(fault(rule_id).expected), f"{rule_id} on {engine}: {sorted(violated)}"
        assert not [f.rule_id for f in report.findings if f.status == "indeterminate"]


@pytest.mark.parametrize("rule_id", sorted(r for r, f in faults().items() if f.id_follows_birth_date))
@settings(max_examples=examples(25), deadline=None)
@given(data=st.data())
def test_an_id_number_fault_follows_the_varied_birth_date(rule_id: str, data: st.DataObject) -> None:
    """The strategies move the birth date by up to two years: an ID-number fault keeps its birth digits in step,
    so it still violates its rule alone (a fixed 1985-03-15 also broke the birth-date cross-check)."""
    case = data.draw(single_fault_cases(rule_id))
    assert case.candidate.id_number is not None and case.candidate.birth_date is not None
    assert case.candidate.id_number[6:14] == case.candidate.birth_date.strftime("%Y%m%d")
    report = validate(case, engine="native")
    violated = {f.rule_id for f in report.findings if f.status == "violated"}
    assert violated == set(fault(rule_id).expected), sorted(violated)


def test_expected_violations_follow_the_profile() -> None:
    """A profile that leaves out the implied local rule leaves it out of the expected set."""
    assert expected_violations("committee.quorum") == {"committee.quorum", "committee.not_discuss_members_incomplete"}
    assert expected_violations("committee.quorum", "national") == {"committee.quorum"}


@pytest.mark.parametrize("method", [m.value for m in SelectionMethod])
def test_every_method_has_a_compliant_base(method: str) -> None:
    """Each selection method has a shipped compliant base, or is listed (with its reason) as lacking one."""
    if method in METHODS_WITHOUT_BASE:
        assert method not in base_methods(), f"{method} now has a base: remove it from METHODS_WITHOUT_BASE"
        return
    assert method in base_methods(), f"no compliant base for {method}: add cadre_rules/testing/bases/{method}.yaml"
    for engine in ("durable", "native"):
        report = validate(compliant_base(method), engine=engine)
        assert report.outcome == "compliant", [f.rule_id for f in report.findings if f.status != "satisfied"]


@pytest.mark.parametrize(("variant", "method"), [(e, m) for e in base_variants() for m in base_methods(e)])
def test_every_variant_base_is_compliant(variant: str, method: str) -> None:
    """A variant's base is compliant; an earlier text's (2014) is judged by that text's rules."""
    for engine in ("durable", "native"):
        report = validate(compliant_base(method, variant), engine=engine)
        assert report.outcome == "compliant", [f.rule_id for f in report.findings if f.status != "satisfied"]
        cited = {c.instrument for f in report.findings if f.status == "satisfied" for c in f.citations}
        if variant.isdigit():  # an earlier text's variant is judged by that text
            assert f"selection-regulations-{variant}" in cited


def test_standard_base_is_the_compliant_example() -> None:
    """The shipped standard base is the compliant example of examples/ (the two never drift apart)."""
    from cadre_rules.records import case_from_mapping

    shipped = compliant_base("standard")
    assert shipped == case_from_mapping(example("compliant-county-promotion.yaml")).model_dump(mode="json")


def test_unknown_rule_or_method_is_named() -> None:
    """Asking for a fault or base that does not exist names what is missing."""
    with pytest.raises(KeyError, match=r"no\.such"):
        fault("no.such")
    with pytest.raises(ValueError, match="no compliant base"):
        compliant_base("no_such_method")


def test_rule_coverage_counts_fired_and_not_fired_rules() -> None:
    """RuleCoverage over the shipped faults fires every rule; over the compliant base, none."""
    from cadre_rules.testing import RuleCoverage

    coverage = RuleCoverage()
    coverage.record(validate(compliant_base(), engine="native"))
    assert coverage.fired() == []
    assert coverage.not_fired() == sorted(RULE_IDS)
    for rule_id in faults():
        coverage.record(validate(fault(rule_id).case(), engine="native"))
    assert coverage.not_fired() == sorted(set(RULE_IDS) - set(faults()))
    assert "committee.quorum\t" in coverage.summary()
