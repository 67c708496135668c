"""One answer per case whatever the path: validate() on a mapping, on a file and on a Case built in Python."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cadre_rules import CaseError, validate
from cadre_rules.records import Case, Unit, case_from_mapping
from cadre_rules.records._load import checked_case
from cadre_rules.testing import compliant_base, deep_merge


def _three_ways(data: dict[str, Any], case: Case, tmp_path: Path) -> list[str]:
    """The JSON report, or the CaseError text, of validate() on the mapping, on a JSON file and on ``case``."""
    file = tmp_path / "case.json"
    file.write_text(json.dumps(data), encoding="utf-8")  # ASCII escapes: a lone surrogate is written as \\ud800
    out = []
    for given in (data, file, case):
        try:
            out.append(validate(given, engine="native").to_json())
        except CaseError as exc:
            out.append("CaseError: " + str(exc))
    return out


def test_a_valid_case_gives_one_report(tmp_path: Path) -> None:
    """The compliant base gives the same report as a mapping, a file and a Case."""
    data = compliant_base("open_selection")
    answers = _three_ways(data, case_from_mapping(data), tmp_path)
    assert answers[0].startswith("{") and answers[0] == answers[1] == answers[2]


def test_month_dates_survive_the_recheck(tmp_path: Path) -> None:
    """A month-precision date stays a month when a Case is re-checked (the report reads it at both ends)."""
    data = deep_merge(compliant_base(), {"candidate": {"birth_date": "1985.07"}})
    case = case_from_mapping(data)
    assert checked_case(case) == case
    assert type(checked_case(case).candidate.birth_date) is type(case.candidate.birth_date)
    answers = _three_ways(data, case, tmp_path)
    assert answers[0] == answers[1] == answers[2]


def test_a_duplicate_vote_slipped_in_by_model_copy_is_the_same_error(tmp_path: Path) -> None:
    """A second vote of one member, added with model_copy (which runs no validator), is refused as in a mapping."""
    data = compliant_base()
    votes = data["procedure"]["meeting"]["votes"]
    bad = deep_merge(data, {"procedure": {"meeting": {"votes": [*votes, votes[0]]}}})
    case = case_from_mapping(data)
    meeting = case.procedure.meeting
    assert meeting is not None and meeting.votes is not None
    copied = case.model_copy(
        update={
            "procedure": case.procedure.model_copy(
                update={"meeting": meeting.model_copy(update={"votes": [*meeting.votes, meeting.votes[0]]})}
            )
        }
    )
    answers = _three_ways(bad, copied, tmp_path)
    assert answers[0].startswith("CaseError") and "votes[].member" in answers[0]
    assert answers[0] == answers[1] == answers[2]


def test_a_count_beyond_its_bound_built_with_model_construct_is_the_same_error(tmp_path: Path) -> None:
    """``Unit.model_construct`` skips the bounds: validate() on the Case still refuses 2**63 - 1 by name."""
    data = compliant_base()
    unit = {"name": "某单位", "holders_before": 2**63 - 1, "approved_quota": 5}
    bad = deep_merge(data, {"post": {"unit": unit}})
    case = case_from_mapping(data)
    copied = case.model_copy(update={"post": case.post.model_copy(update={"unit": Unit.model_construct(**unit)})})
    answers = _three_ways(bad, copied, tmp_path)
    assert answers[0].startswith("CaseError") and "post.unit.holders_before" in answers[0]
    assert answers[0] == answers[1] == answers[2]


def test_a_lone_surrogate_in_a_case_built_directly_is_the_same_error(tmp_path: Path) -> None:
    """``Case(...)`` accepts a lone surrogate in case_id; validate() refuses it as it refuses the mapping."""
    data = deep_merge(compliant_base(), {"case_id": "案-\ud800"})
    case = Case(**data)
    answers = _three_ways(data, case, tmp_path)
    assert answers[0].startswith("CaseError") and "case_id" in answers[0]
    assert answers[0] == answers[2]
    # a JSON file cannot hold the character itself, only its escape, which reads back as the same text
    assert answers[1] == answers[0]


def test_a_cross_field_contradiction_built_with_model_construct_is_the_same_error(tmp_path: Path) -> None:
    """A candidates list that does not name the proposed appointee, slipped past the Case's validator."""
    data = compliant_base("open_selection")
    case = case_from_mapping(data)
    renamed = case.model_copy(update={"candidate": case.candidate.model_copy(update={"name": "不在名单中"})})
    bad = deep_merge(data, {"candidate": {"name": "不在名单中"}})
    answers = _three_ways(bad, renamed, tmp_path)
    assert answers[0].startswith("CaseError") and "candidate.name" in answers[0]
    assert answers[0] == answers[1] == answers[2]


@pytest.mark.parametrize("method", ["standard", "competitive_post"])
def test_checked_case_returns_an_equal_case(method: str) -> None:
    """Re-checking a valid Case gives an equal Case (nothing is lost or changed by the round trip)."""
    case = case_from_mapping(compliant_base(method))
    assert checked_case(case) == case
