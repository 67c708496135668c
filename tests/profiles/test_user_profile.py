"""The user profile of docs/profiles.md: stricter attendance, longer publicity, a different audit scope."""

from __future__ import annotations

from typing import Any

import pytest

from cadre_rules import validate
from cadre_rules._errors import RegulationDataError
from tests.conftest import ROOT, example

PROFILE = str(ROOT / "tests" / "profiles" / "strict-city-profile.yaml")


def _statuses(record: dict[str, object], profile: str) -> dict[str, str]:
    return {f.rule_id: f.status for f in validate(record, profile=profile, engine="native").findings}


def _absent(record: dict[str, Any], *indices: int) -> dict[str, Any]:
    """The record with these members absent: they neither speak nor vote."""
    meeting = record["procedure"]["meeting"]
    gone = {meeting["members"][i]["name"] for i in indices}
    for i in indices:
        meeting["members"][i]["present"] = False
    meeting["votes"] = [v for v in meeting["votes"] if v["member"] not in gone]
    meeting["speaking_order"] = [n for n in meeting["speaking_order"] if n not in gone]
    return record


def test_stricter_quorum() -> None:
    """Six of nine present meets two thirds (default) but not three quarters (the user's profile)."""
    record = _absent(example("compliant-county-promotion.yaml"), 1, 2, 3)
    assert _statuses(record, "default")["committee.quorum"] == "satisfied"
    assert _statuses(record, PROFILE)["committee.quorum"] == "violated"


def test_seven_of_nine_meets_three_quarters() -> None:
    """Boundary: 7 of 9 is at least three quarters (28 >= 27)."""
    record = _absent(example("compliant-county-promotion.yaml"), 1, 2)
    assert _statuses(record, PROFILE)["committee.quorum"] == "satisfied"


def test_longer_publicity() -> None:
    """Five working days satisfy the default profile and violate the user's seven."""
    record = example("compliant-county-promotion.yaml")
    assert _statuses(record, "default")["publicity.min_working_days"] == "satisfied"
    assert _statuses(record, PROFILE)["publicity.min_working_days"] == "violated"


def test_audit_scope_and_excluded_rule() -> None:
    """The finance-post audit of seed 002 is in scope and binding; seed 002's secret ballot and seed 001 are not."""
    record = example("compliant-county-township-principal.yaml")  # seed 002's scope: a county's 乡局级 posts
    record["post"]["finance_responsibility"] = "deputy_in_charge_of_finance"
    record["procedure"]["inspection"]["economic_audit"] = {"required": False, "done": False}
    report = validate(record, profile=PROFILE, engine="native")
    statuses = {f.rule_id: f.status for f in report.findings}
    assert statuses["finance_audit.finance_post_pre_appointment"] == "violated"
    assert report.outcome == "violations"  # the profile adopts it (local_practice: binding)
    assert "committee.secret_ballot" not in statuses
    assert "inspection.notice" not in statuses  # seed 001 is not selected
    assert "finance_audit.finance_post_pre_appointment" not in _statuses(record, "national")


def test_unknown_parameter_is_rejected(tmp_path: object) -> None:
    """A typo in a parameter name is an error, never silently ignored."""
    from pathlib import Path

    bad = Path(str(tmp_path)) / "bad.yaml"
    bad.write_text("id: bad\ntitle: {zh: 错, en: bad}\nparams: {quorum: '3/4'}\n", encoding="utf-8")
    with pytest.raises(RegulationDataError, match="unknown parameter"):
        validate(example("compliant-county-promotion.yaml"), profile=str(bad), engine="native")


def test_documented_profile_is_the_tested_file() -> None:
    """docs/profiles.md shows the same settings as the tested profile file."""
    import yaml

    doc = (ROOT / "docs" / "profiles.md").read_text(encoding="utf-8")
    block = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    tested = yaml.safe_load((ROOT / "tests" / "profiles" / "strict-city-profile.yaml").read_text(encoding="utf-8"))
    shown = yaml.safe_load(block)
    assert {k: v for k, v in shown.items() if k != "title"} == {k: v for k, v in tested.items() if k != "title"}
