"""Bad input gets a CaseError naming every field, in Chinese and English; never a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cadre_rules import CaseError, case_from_mapping, load_case, validate
from cadre_rules.testing import deep_merge
from tests.conftest import EXAMPLES


def paths(exc: CaseError) -> list[str]:
    """The field paths of a CaseError."""
    return [p.path for p in exc.problems]


def test_examples_load() -> None:
    """Every example is a valid case."""
    for path in sorted(EXAMPLES.glob("*.yaml")):
        assert load_case(path).case_id


def test_unknown_field_is_named(compliant: dict[str, Any]) -> None:
    """An unknown field is rejected with its path."""
    with pytest.raises(CaseError) as info:
        case_from_mapping(deep_merge(compliant, {"candidate": {"nickname": "小李"}}))
    assert paths(info.value) == ["candidate.nickname"]
    assert "未知字段" in str(info.value)


def test_every_problem_is_listed(compliant: dict[str, Any]) -> None:
    """Several problems are all reported at once (nothing is half-checked)."""
    bad = deep_merge(compliant, {"kind": "coronation", "candidate": {"birth_date": "1985/03/15"}})
    bad["post"]["tier"] = "galactic"
    with pytest.raises(CaseError) as info:
        case_from_mapping(bad)
    assert sorted(paths(info.value)) == ["candidate.birth_date", "kind", "post.tier"]


def test_end_before_start_is_named(compliant: dict[str, Any]) -> None:
    """A career line ending before it starts is rejected at its index."""
    bad = deep_merge(compliant, {})
    bad["candidate"]["career"][1]["end"] = "2001-01-01"
    with pytest.raises(CaseError) as info:
        case_from_mapping(bad)
    assert paths(info.value) == ["candidate.career[1]"]
    assert "before start" in str(info.value)


def test_publicity_end_before_start(compliant: dict[str, Any]) -> None:
    """Publicity ending before it starts is rejected."""
    with pytest.raises(CaseError) as info:
        case_from_mapping(deep_merge(compliant, {"procedure": {"publicity": {"end": "2025-06-01"}}}))
    assert paths(info.value) == ["procedure.publicity"]


def test_timestamps_are_not_dates(compliant: dict[str, Any]) -> None:
    """Dates are YYYY-MM-DD only: a number is not silently read as a timestamp."""
    with pytest.raises(CaseError) as info:
        case_from_mapping(deep_merge(compliant, {"candidate": {"work_start_date": 1183248000}}))
    assert paths(info.value) == ["candidate.work_start_date"]


def test_missing_required_field(compliant: dict[str, Any]) -> None:
    """A missing required field is named."""
    del compliant["post"]["title"]
    with pytest.raises(CaseError) as info:
        case_from_mapping(compliant)
    assert paths(info.value) == ["post.title"]


def test_top_level_must_be_a_mapping() -> None:
    """A list is not a case."""
    with pytest.raises(CaseError):
        case_from_mapping([1, 2])


def test_missing_file(tmp_path: Path) -> None:
    """A file that does not exist is named."""
    with pytest.raises(CaseError, match="does not exist"):
        load_case(tmp_path / "nope.yaml")


def test_malformed_json_and_yaml(tmp_path: Path) -> None:
    """Malformed JSON and YAML are reported with their position."""
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"case_id": ', encoding="utf-8")
    with pytest.raises(CaseError, match="malformed JSON"):
        load_case(bad_json)
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("case_id: [unclosed\n", encoding="utf-8")
    with pytest.raises(CaseError, match="malformed YAML"):
        load_case(bad_yaml)


def test_json_case_loads(tmp_path: Path, compliant: dict[str, Any]) -> None:
    """A JSON case is read like a YAML one."""
    path = tmp_path / "case.json"
    path.write_text(json.dumps(compliant, default=str, ensure_ascii=False), encoding="utf-8")
    assert load_case(path).case_id == compliant["case_id"]


def test_waiver_of_a_strict_rule_is_rejected(compliant: dict[str, Any]) -> None:
    """Only "一般应当" rules can be waived; a waiver of a strict rule is invalid input."""
    case = deep_merge(compliant, {"waivers": [{"rule_id": "eligibility.county_work_years", "reason": "急需"}]})
    with pytest.raises(CaseError) as info:
        validate(case, engine="native")
    assert paths(info.value) == ["waivers[0].rule_id"]


def test_no_as_of_date(compliant: dict[str, Any]) -> None:
    """Without an as-of date or any dated step the case cannot be judged."""
    proc = compliant["procedure"]
    proc["meeting"]["date"] = None
    proc["inspection"]["start"] = proc["inspection"]["end"] = proc["recommendation"]["date"] = None
    proc["motion"]["date"] = None
    with pytest.raises(CaseError) as info:
        validate(compliant, engine="native")
    assert paths(info.value) == ["as_of"]


def test_as_of_falls_back_to_the_latest_step(compliant: dict[str, Any]) -> None:
    """A dossier not yet discussed is judged on the date of its latest step (here the end of the inspection)."""
    compliant["procedure"]["meeting"]["date"] = None
    assert validate(compliant, engine="native").as_of == compliant["procedure"]["inspection"]["end"].isoformat()
