"""Properties over generated variations of a real case: no crash, one finding per rule, engines agree."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cadre_rules import default_registry, validate
from cadre_rules.testing import deep_merge
from tests.conftest import example

BASE = example("compliant-county-promotion.yaml")
NAMES = [m["name"] for m in BASE["procedure"]["meeting"]["members"]]
day = st.dates(min_value=date(2019, 3, 3), max_value=date(2026, 12, 31))
maybe_bool = st.one_of(st.none(), st.booleans())


@st.composite
def variations(draw: st.DrawFn) -> dict[str, Any]:
    """The compliant example with dates, attendance, votes, flags and levels varied (None = unrecorded)."""
    meeting_day = draw(day)
    pub_start = meeting_day + timedelta(days=draw(st.integers(-3, 10)))
    pub_end = pub_start + timedelta(days=draw(st.integers(0, 15)))
    present = draw(st.lists(maybe_bool, min_size=len(NAMES), max_size=len(NAMES)))
    members = [
        {"name": n, "principal": i == 0, "present": p} for i, (n, p) in enumerate(zip(NAMES, present, strict=True))
    ]
    votes = [  # a member recorded absent cannot vote (the record would contradict itself)
        {"member": n, "vote": draw(st.sampled_from(["agree", "disagree", "defer"]))}
        for n, p in list(zip(NAMES, present, strict=True))[: draw(st.integers(0, len(NAMES)))]
        if p is not False
    ]
    patch: dict[str, Any] = {
        "kind": draw(st.sampled_from(["promotion", "lateral", "other"])),
        "candidate": {
            "work_start_date": draw(st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=meeting_day))),
            "current_tier": draw(st.sampled_from([None, "township_section", "county_division"])),
            "current_role": draw(st.sampled_from([None, "principal", "deputy"])),
        },
        "post": {
            "tier": draw(
                st.sampled_from(["township_section", "county_division", "department_bureau", "province_ministry"])
            ),
            "role": draw(st.sampled_from(["principal", "deputy"])),
            "special_post": draw(st.booleans()),
            "finance_responsibility": draw(
                st.sampled_from([None, "none", "unit_principal", "deputy_in_charge_of_finance"])
            ),
        },
        "procedure": {
            "motion": {
                "initiator": draw(st.sampled_from([None, "secretary", "organisation_department"])),
                "names_specific_person": draw(maybe_bool),
                "fixes_candidate_pool": draw(maybe_bool),
            },
            "inspection": {"economic_audit": {"required": draw(maybe_bool), "done": draw(maybe_bool)}},
            "meeting": {
                "date": meeting_day,
                "body": draw(st.sampled_from([None, "standing_committee", "secretaries_meeting"])),
                "members": members,
                "votes": votes,
                "speaking_order": draw(st.one_of(st.none(), st.permutations(NAMES))),
                "ad_hoc_motion": draw(maybe_bool),
                "org_department_unified_opinion": draw(maybe_bool),
                "inspection_procedure_complied": draw(maybe_bool),
            },
            "publicity": {"start": pub_start, "end": pub_end},
            "appointment": {"notice_date": pub_end + timedelta(days=draw(st.integers(-2, 5)))},
        },
    }
    return deep_merge(BASE, patch)  # type: ignore[no-any-return]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(variations())
def test_engines_agree_and_every_rule_has_one_status(case: dict[str, Any]) -> None:
    """No valid case makes validation raise; each rule has exactly one finding; both engines agree."""
    durable = validate(case, engine="durable")
    native = validate(case, engine="native")
    assert durable.to_dict() | {"engine": ""} == native.to_dict() | {"engine": ""}
    ids = [f.rule_id for f in durable.findings]
    assert sorted(ids) == sorted(r.id for r in default_registry().rules)
    for finding in durable.findings:
        assert (finding.status == "indeterminate") == bool(finding.missing)


@settings(max_examples=60, deadline=None)
@given(variations(), st.integers(0, 9))
def test_more_members_present_never_breaks_a_quorum(case: dict[str, Any], extra: int) -> None:
    """Marking one more member present never turns a satisfied quorum into a violation."""
    before = {f.rule_id: f.status for f in validate(case, engine="native").findings}
    members = case["procedure"]["meeting"]["members"]
    members[extra % len(members)]["present"] = True
    after = {f.rule_id: f.status for f in validate(case, engine="native").findings}
    if before["committee.quorum"] == "satisfied":
        assert after["committee.quorum"] == "satisfied"


def test_examples_identical_on_both_engines() -> None:
    """Every example gives identical reports on durable_rules and native."""
    from tests.conftest import EXAMPLES

    for path in sorted(EXAMPLES.glob("*.yaml")):
        assert validate(path, engine="durable").to_dict() | {"engine": ""} == validate(
            path, engine="native"
        ).to_dict() | {"engine": ""}
