"""Invariants of the rule set, each a hypothesis property over generated cases (cadre_rules.testing).

Example counts are the defaults (a few minutes in all); CADRE_RULES_HYPOTHESIS=heavy runs 20 times more.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from cadre_rules import Case, Finding, default_registry, validate
from cadre_rules.engine import DurableEngine, NativeEngine
from cadre_rules.facts import DEFAULT_CALENDAR, derive
from cadre_rules.rules import Registry, load_specs, spec_files
from cadre_rules.testing import (
    base_methods,
    base_variants,
    case_records,
    compliant_base,
    compliant_cases,
    fault,
    faults,
    optional_paths,
    patched,
    single_fault_cases,
    without,
)
from tests.conftest import examples

REGISTRY = default_registry()
RULE_IDS = [r.id for r in REGISTRY.rules]


def _statuses(case: Case | dict[str, Any], **kwargs: Any) -> dict[str, str]:
    return {f.rule_id: f.status for f in validate(case, engine="native", **kwargs).findings}


def _same_report(case: Case | dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Both engines' reports, asserted identical (engine name aside); returns the native one as a dict."""
    durable = validate(case, engine="durable", **kwargs).to_dict()
    native = validate(case, engine="native", **kwargs).to_dict()
    assert durable | {"engine": ""} == native | {"engine": ""}
    return native


fault_cases = st.sampled_from(sorted(faults())).flatmap(single_fault_cases)
any_case = st.one_of(case_records(), compliant_cases(), fault_cases)


# ---------------------------------------------------------------- no crash, one status, engines agree


@settings(max_examples=examples(150))
@given(case_records())
def test_valid_cases_validate_with_one_status_per_rule_on_both_engines(case: Case) -> None:
    """No schema-valid case makes validation raise; one finding per rule; durable and native agree."""
    report = _same_report(case)
    ids = [f["rule_id"] for f in report["findings"]]
    assert sorted(ids) == sorted(RULE_IDS)
    for finding in report["findings"]:
        assert finding["status"] in ("violated", "satisfied", "indeterminate", "not_applicable")
        assert (finding["status"] == "indeterminate") == bool(finding["missing"])


# ---------------------------------------------------------------- determinism and order independence


def _reverse_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _reverse_keys(value[k]) for k in reversed(list(value))}
    if isinstance(value, list):
        return [_reverse_keys(v) for v in value]
    return value


@settings(max_examples=examples(60))
@given(any_case)
def test_same_input_gives_byte_identical_json_whatever_the_field_order(case: Case) -> None:
    """Validating twice, or from a mapping with every key order reversed, gives byte-identical JSON."""
    first = validate(case, engine="native").to_json()
    assert validate(case, engine="native").to_json() == first
    reordered = _reverse_keys(case.model_dump(mode="json"))
    assert validate(reordered, engine="native").to_json() == first


def _shuffled_registries() -> list[Registry]:
    specs = load_specs(spec_files())
    out = []
    for seed in (1, 2):
        shuffled = list(specs)
        random.Random(seed).shuffle(shuffled)
        out.append(Registry(shuffled, REGISTRY.library))
    out.append(Registry(list(reversed(specs)), REGISTRY.library))
    return out


SHUFFLED = _shuffled_registries()
SHUFFLED_DURABLE = [DurableEngine(r.rules) for r in SHUFFLED]


def test_registration_order_does_not_change_the_rule_order() -> None:
    """Rules registered in any order come out in the same report order."""
    for registry in SHUFFLED:
        assert [r.id for r in registry.rules] == RULE_IDS


@settings(max_examples=examples(40))
@given(any_case)
def test_registration_order_does_not_change_what_fires(case: Case) -> None:
    """durable_rules rulesets built from rules registered in another order fire exactly the same conditions."""
    when = case.as_of or (case.procedure.meeting.date if case.procedure.meeting else None)
    assert when is not None
    facts = derive(case, when, DEFAULT_CALENDAR)
    flat: dict[str, int | str | bool] = dict(facts.values)
    for name in REGISTRY.library.params:
        value = REGISTRY.library.param_value(name, when)
        if value is None:
            continue
        if REGISTRY.library.param_type(name) == "ratio":
            assert not isinstance(value, int)
            flat[f"p__{name}__num"], flat[f"p__{name}__den"] = value.numerator, value.denominator
        else:
            assert isinstance(value, int)
            flat[f"p__{name}"] = value
    rules = [r for r in REGISTRY.rules if all(f"p__{p}" in flat or f"p__{p}__num" in flat for p in r.params)]
    expected = NativeEngine().fired(rules, flat)
    for registry, engine in zip(SHUFFLED, SHUFFLED_DURABLE, strict=True):
        shuffled_rules = [registry.by_id[r.id] for r in reversed(rules)]
        assert engine.fired(shuffled_rules, flat) == expected


# ---------------------------------------------------------------- compliance and single faults


_ALL_BASES = [compliant_base(m) for m in base_methods()] + [
    compliant_base(m, variant) for variant in base_variants() for m in base_methods(variant)
]


@settings(max_examples=examples(40))
@given(st.sampled_from(_ALL_BASES).flatmap(lambda base: compliant_cases(base["procedure"]["method"], base=base)))
def test_compliant_cases_have_no_violation_and_nothing_indeterminate(case: Case) -> None:
    """A compliant case (any variation of a shipped base) has no violation on either engine."""
    report = _same_report(case)
    assert report["outcome"] == "compliant", [
        (f["rule_id"], f["status"]) for f in report["findings"] if f["status"] in ("violated", "indeterminate")
    ]


@settings(max_examples=examples(120))
@given(st.data())
def test_a_single_fault_violates_exactly_its_rule(data: st.DataObject) -> None:
    """Each rule's fault, on any compliant variation, violates that rule and its documented implied set only."""
    rule_id = data.draw(st.sampled_from(sorted(faults())), label="rule")
    case = data.draw(single_fault_cases(rule_id), label="case")
    report = _same_report(case)
    violated = {f["rule_id"] for f in report["findings"] if f["status"] == "violated"}
    indeterminate = [f["rule_id"] for f in report["findings"] if f["status"] == "indeterminate"]
    assert violated == fault(rule_id).expected, f"fault of {rule_id} violated {sorted(violated)}"
    assert not indeterminate, f"fault of {rule_id} left {indeterminate} indeterminate"


# ---------------------------------------------------------------- missing data


@settings(max_examples=examples(150))
@given(st.data())
def test_dropping_a_recorded_field_never_decides_differently(data: st.DataObject) -> None:
    """Unrecording one field turns a decided status into itself or indeterminate, never into another status.

    So missing data yields indeterminate, never a silent "satisfied": an indeterminate rule stays so.
    """
    case = data.draw(any_case, label="case")
    paths = optional_paths(case)
    if not paths:
        return
    path = data.draw(st.sampled_from(paths), label="path")
    when = case.as_of or (case.procedure.meeting.date if case.procedure.meeting else None)
    before = _statuses(case, as_of=when)
    after = _statuses(without(case, path), as_of=when)
    for rule_id, status in after.items():
        assert status in (before[rule_id], "indeterminate"), f"{rule_id}: {before[rule_id]} → {status} without {path}"


# ---------------------------------------------------------------- monotonicity where the law implies it


@settings(max_examples=examples(60))
@given(st.one_of(case_records(), compliant_cases()), st.integers(1, 4000))
def test_more_years_of_service_never_creates_a_service_violation(case: Case, days: int) -> None:
    """An earlier work start (more 工龄) never violates the work-years rule that a later one satisfied."""
    start = case.candidate.work_start_date
    birth = case.candidate.birth_date
    if start is None or (birth is not None and start - timedelta(days=days) <= birth):
        return
    earlier = patched(case, {"candidate": {"work_start_date": (start - timedelta(days=days)).isoformat()}})
    before, after = _statuses(case), _statuses(earlier)
    if before["eligibility.county_work_years"] == "satisfied":
        assert after["eligibility.county_work_years"] == "satisfied"


@settings(max_examples=examples(60))
@given(st.one_of(case_records(), fault_cases), st.integers(1, 4000))
def test_a_younger_candidate_never_fails_an_age_cutoff_an_older_one_passes(case: Case, days: int) -> None:
    """A later birth date never fails the announcement's age cut-off that an earlier one met."""
    birth = case.candidate.birth_date
    if birth is None:
        return
    younger = patched(case, {"candidate": {"birth_date": (birth + timedelta(days=days)).isoformat()}})
    if _statuses(case)["eligibility.announcement_age_cutoff"] == "satisfied":
        assert _statuses(younger)["eligibility.announcement_age_cutoff"] == "satisfied"


@settings(max_examples=examples(60))
@given(st.one_of(case_records(), fault_cases), st.integers(0, 20))
def test_more_members_present_never_breaks_a_quorum(case: Case, which: int) -> None:
    """Marking one more member present never turns a satisfied quorum into a violation."""
    meeting = case.procedure.meeting
    if meeting is None or not meeting.members:
        return
    members = [m.model_dump(mode="json") for m in meeting.members]
    members[which % len(members)]["present"] = True
    more = patched(case, {"procedure": {"meeting": {"members": members}}})
    if _statuses(case)["committee.quorum"] == "satisfied":
        assert _statuses(more)["committee.quorum"] == "satisfied"


# ---------------------------------------------------------------- version boundaries


def _boundary(rule_id: str) -> date:
    """The first day a rule is in force: the start of its window (a parameter not yet valued is missing data)."""
    return REGISTRY.by_id[rule_id].effective_from


def _finding(case: Case, rule_id: str, when: date) -> Finding:
    return next(f for f in validate(case, as_of=when, engine="native").findings if f.rule_id == rule_id)


@settings(max_examples=examples(40))
@given(st.data())
def test_a_rule_applies_from_its_effective_date_and_not_the_day_before(data: st.DataObject) -> None:
    """Judged the day before a rule's first day it is not in force; judged on that day it is."""
    rule_id = data.draw(st.sampled_from(RULE_IDS), label="rule")
    faulty = [single_fault_cases(rule_id)] if rule_id in faults() else []  # unreachable-alone rules have none
    case = data.draw(st.one_of(compliant_cases(), *faulty, case_records()), label="case")
    first = _boundary(rule_id)
    on = next(f for f in validate(case, as_of=first, engine="native").findings if f.rule_id == rule_id)
    before = next(
        f for f in validate(case, as_of=first - relativedelta(days=1), engine="native").findings if f.rule_id == rule_id
    )
    assert before.status == "not_applicable" and "not in force on" in before.message["en"]
    assert "not in force on" not in on.message["en"], f"{rule_id} not in force on its first day {first}"


# ---------------------------------------------------------------- citations and parameters


def test_every_citation_resolves_to_text_with_a_confidence() -> None:
    """Every rule citation resolves to non-empty text with a confidence and sources."""
    library = REGISTRY.library
    for rule in REGISTRY.rules:
        for cite in rule.spec.citations:
            resolved = library.resolve(cite.ref())
            assert resolved.text.strip(), f"{rule.id}: empty text at {cite}"
            assert resolved.confidence.value in ("high", "medium", "low")


def test_every_parameter_has_a_source_and_a_confidence() -> None:
    """Every parameter cites text that resolves, with a confidence and at least one source address."""
    library = REGISTRY.library
    for name in library.params:
        ref = library.param_citation(name)
        resolved = library.resolve(ref)
        assert resolved.confidence.value in ("high", "medium", "low"), name
        article = next(a for a in library.instruments[ref.instrument].articles if a.number == ref.article)
        assert article.provenance.sources, f"parameter {name}: {ref.instrument} {ref.article} lists no source"
        assert article.provenance.number_confidence is not None or article.provenance.text_confidence is not None


def test_report_json_is_stable_text() -> None:
    """The JSON report parses back to the same data (a guard for the determinism property)."""
    report = validate(fault("committee.quorum").case(), engine="native")
    assert json.loads(report.to_json()) == report.to_dict()
