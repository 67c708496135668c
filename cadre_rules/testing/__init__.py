"""Property-testing support: hypothesis strategies, shipped compliant cases and single-fault mutations.

Needs hypothesis (``pip install "cadre-rules[testing]"``).  Use it in your own test suite::

    from hypothesis import given
    from cadre_rules import validate
    from cadre_rules.testing import compliant_cases, expected_violations, single_fault_cases

    @given(compliant_cases())
    def test_compliant(case):
        assert not validate(case, profile="my-city.yaml").violations

    @given(single_fault_cases("committee.quorum"))
    def test_quorum_fault(case):
        report = validate(case, profile="my-city.yaml")
        assert {f.rule_id for f in report.violations} == expected_violations("committee.quorum", "my-city.yaml")

The shipped base cases are compliant under the ``default`` profile; with a stricter profile, pass your own
compliant case as ``base=``.
"""

from __future__ import annotations

from pathlib import Path

from cadre_rules.profiles import Profile, load_profile
from cadre_rules.rules import default_registry
from cadre_rules.testing._coverage import RuleCoverage
from cadre_rules.testing._data import (
    Fault,
    base_methods,
    base_variants,
    compliant_base,
    deep_merge,
    fault,
    faults,
    unreachable_alone,
)
from cadre_rules.testing._strategies import (
    case_records,
    compliant_cases,
    optional_paths,
    patched,
    single_fault_cases,
    without,
)


def expected_violations(rule_id: str, profile: str | Path | Profile = "default") -> frozenset[str]:
    """The rules the shipped fault of ``rule_id`` must violate, restricted to those ``profile`` selects."""
    registry = default_registry()
    prof = profile if isinstance(profile, Profile) else load_profile(profile, registry)
    return frozenset(r for r in fault(rule_id).expected if r in registry.by_id and prof.selects(registry.by_id[r]))


__all__ = [
    "Fault",
    "RuleCoverage",
    "base_methods",
    "base_variants",
    "case_records",
    "compliant_base",
    "compliant_cases",
    "deep_merge",
    "expected_violations",
    "fault",
    "faults",
    "optional_paths",
    "patched",
    "single_fault_cases",
    "unreachable_alone",
    "without",
]
