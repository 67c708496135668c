"""Data-driven cases (tests/cases/<family>/*.yaml) run through both engines, which must agree."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cadre_rules import CaseError, validate
from cadre_rules.testing import deep_merge
from tests.conftest import CASES, EXAMPLES, ROOT, RULE_COVERAGE, load_yaml


def _collect() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(CASES.rglob("*.yaml")):
        data = load_yaml(path)
        for case in data["cases"]:
            if "base" in data:  # a file-level base example for every case that names none
                case = {"base": data["base"], **case}
            if "patch" in data:  # a file-level patch applied to the base before each case's own
                case = {**case, "patch": deep_merge(data["patch"], case.get("patch", {}))}
            out.append((f"{path.relative_to(CASES).with_suffix('')}::{case['name']}", case))
    return out


CASE_LIST = _collect()


def build(case: dict[str, Any]) -> dict[str, Any]:
    """The case record: the base example with the patch applied."""
    base = load_yaml(EXAMPLES / case.get("base", "compliant-county-promotion.yaml"))
    return deep_merge(base, case.get("patch", {}))  # type: ignore[no-any-return]


@pytest.mark.parametrize(("name", "case"), CASE_LIST, ids=[n for n, _ in CASE_LIST])
def test_case(name: str, case: dict[str, Any]) -> None:
    """Each expected status holds, and the durable and native engines give identical reports."""
    record = build(case)
    profile = case.get("profile", "default")
    if profile.endswith(".yaml"):
        profile = str(ROOT / profile)
    as_of = date.fromisoformat(str(case["as_of"])) if "as_of" in case else None
    calendar = str(ROOT / case["calendar"]) if "calendar" in case else None  # a calendar file (docs/calendar.md)
    stage = case.get("stage")  # the step the dossier has reached (else the record's procedure.stage)
    if "expect_error" in case:  # a record the model refuses: every engine raises the same CaseError
        for engine in ("durable", "native"):
            with pytest.raises(CaseError) as caught:
                validate(record, profile=profile, engine=engine, as_of=as_of, calendar=calendar, stage=stage)
            for text in case["expect_error"]:
                assert text in str(caught.value), f"{name}: {text!r} not in {caught.value}"
        return
    durable = validate(record, profile=profile, engine="durable", as_of=as_of, calendar=calendar, stage=stage)
    native = validate(record, profile=profile, engine="native", as_of=as_of, calendar=calendar, stage=stage)
    assert durable.to_dict() | {"engine": ""} == native.to_dict() | {"engine": ""}
    RULE_COVERAGE.record(durable)
    by_id = {f.rule_id: f for f in durable.findings}
    for rule_id, expected in case.get("expect", {}).items():
        assert rule_id in by_id, f"{name}: rule {rule_id} not in the report"
        assert by_id[rule_id].status == expected, f"{name}: {rule_id} is {by_id[rule_id].status}: {by_id[rule_id]}"
    for rule_id, paths in case.get("expect_missing", {}).items():
        assert sorted(paths) == by_id[rule_id].missing
    for rule_id, texts in case.get("expect_message", {}).items():
        message = by_id[rule_id].message
        for text in texts:
            assert text in message["zh"] or text in message["en"], f"{name}: {text!r} not in {message}"
    for rule_id, severity in case.get("expect_severity", {}).items():
        assert by_id[rule_id].severity == severity, f"{name}: {rule_id} has severity {by_id[rule_id].severity}"
    for rule_id, cited in case.get("expect_citations", {}).items():
        shown = [f"{c.instrument} {c.article}" for c in by_id[rule_id].citations]
        assert shown == cited, f"{name}: {rule_id} cites {shown}"
    if "expect_outcome" in case:
        assert durable.outcome == case["expect_outcome"], f"{name}: outcome {durable.outcome}"
    if "expect_notice" in case:
        assert (durable.notice is not None) == case["expect_notice"], f"{name}: notice {durable.notice}"


def test_every_rule_has_a_firing_and_a_non_firing_case() -> None:
    """Every shipped rule is violated by at least one case and satisfied by another."""
    from cadre_rules import default_registry

    seen: dict[str, set[str]] = {}
    for _, case in CASE_LIST:
        for rule_id, status in case.get("expect", {}).items():
            seen.setdefault(rule_id, set()).add(status)
    for rule in default_registry().rules:
        statuses = seen.get(rule.id, set())
        assert "violated" in statuses, f"{rule.id} has no firing case"
        assert "satisfied" in statuses, f"{rule.id} has no non-firing case"


def test_case_files_exist() -> None:
    """The case folder is not empty (a typo in the path would silently test nothing)."""
    assert len(CASE_LIST) > 20
    assert Path(CASES).is_dir()
