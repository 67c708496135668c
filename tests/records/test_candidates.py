"""The candidates list (差额) must agree with the proposed appointee and the counts recorded elsewhere."""

from __future__ import annotations

from typing import Any

import pytest

from cadre_rules import CaseError, validate
from cadre_rules.records import case_from_mapping
from cadre_rules.testing import deep_merge
from tests.conftest import example

LI = {
    "name": "李明",
    "recommendation_rounds": [{"round": 2, "participants": 60, "votes": 44}],
    "inspection_candidate": True,
    "considerations": ["post_fit"],
    "ballot": {"agree": 8},
    "chosen": True,
}
ZHAO = {
    "name": "赵强",
    "recommendation_rounds": [{"round": 2, "participants": 60, "votes": 35}],
    "inspection_candidate": True,
    "considerations": ["post_fit"],
    "ballot": {"agree": 1},
    "chosen": False,
}


def _case(procedure: dict[str, Any]) -> dict[str, Any]:
    return deep_merge(example("compliant-open-selection.yaml"), {"procedure": procedure})  # type: ignore[no-any-return]


def _problems(procedure: dict[str, Any]) -> str:
    with pytest.raises(CaseError) as info:
        case_from_mapping(_case(procedure))
    return str(info.value)


def test_the_two_candidate_example_loads() -> None:
    """The shipped list is consistent: appointee listed and chosen, counts and tallies agree."""
    case = case_from_mapping(_case({"candidates": [LI, ZHAO]}))
    assert case.procedure.candidates is not None and len(case.procedure.candidates) == 2


def test_the_appointee_must_be_listed() -> None:
    """A list that does not name the proposed appointee is rejected, naming both fields in Chinese and English."""
    text = _problems({"candidates": [ZHAO, {**LI, "name": "周华"}]})
    assert "candidate.name" in text and "procedure.candidates[].name" in text
    assert "不在人选名单" in text


def test_the_appointee_must_not_be_recorded_unchosen() -> None:
    """The appointee recorded as not chosen contradicts the case."""
    assert "未被确定" in _problems({"candidates": [{**LI, "chosen": False}, ZHAO]})


def test_more_chosen_than_posts_is_rejected() -> None:
    """Two chosen for one post contradicts procedure.posts_to_fill."""
    text = _problems({"candidates": [LI, {**ZHAO, "chosen": True}]})
    assert "procedure.posts_to_fill" in text


def test_inspection_count_must_agree_with_the_list() -> None:
    """inspection.candidate_count that contradicts the 考察对象 of the list is rejected, naming both fields."""
    text = _problems({"inspection": {"candidate_count": 3}, "candidates": [LI, ZHAO]})
    assert "procedure.inspection.candidate_count" in text and "inspection_candidate" in text


def test_an_unrecorded_flag_leaves_room_in_the_count() -> None:
    """With one 考察对象 flag unrecorded, a count of one or two is consistent."""
    for count in (1, 2):
        case_from_mapping(
            _case(
                {"inspection": {"candidate_count": count}, "candidates": [LI, {**ZHAO, "inspection_candidate": None}]}
            )
        )


def test_the_appointee_tally_must_agree_with_the_meeting_votes() -> None:
    """The appointee's ballot and procedure.meeting.votes are the same vote: their agree counts must match."""
    text = _problems({"candidates": [{**LI, "ballot": {"agree": 7}}, ZHAO]})
    assert "procedure.meeting.votes" in text


def test_declared_votes_alone_must_agree_with_the_list() -> None:
    """candidates_by_votes_only contradicting the recorded considerations is rejected."""
    text = _problems({"recommendation": {"candidates_by_votes_only": True}, "candidates": [LI, ZHAO]})
    assert "candidates_by_votes_only" in text and "considerations" in text


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        ({**ZHAO, "recommendation_rounds": [{"round": 2, "participants": 60, "votes": 61}]}, "participants"),
        ({**ZHAO, "ballot": {"agree": 1, "member_votes": [{"member": "常委乙", "vote": "disagree"}]}}, "member_votes"),
        ({**ZHAO, "ballot": {}}, "agree"),
        ({**ZHAO, "voted_on": False}, "voted_on"),
        (
            {
                **ZHAO,
                "recommendation_rounds": [
                    {"round": 2, "participants": 60, "votes": 1},
                    {"round": 2, "participants": 60, "votes": 2},
                ],
            },
            "recommendation_rounds",
        ),
    ],
)
def test_an_entry_that_contradicts_itself_is_rejected(entry: dict[str, Any], field: str) -> None:
    """Votes over participants, a tally against member votes, an empty ballot, a ballot not voted on, a round twice."""
    text = _problems({"candidates": [LI, entry]})
    assert field in text


def test_a_repeated_name_is_rejected() -> None:
    """Each candidate is listed once."""
    assert "同一姓名" in _problems({"candidates": [LI, ZHAO, ZHAO]})


def test_validate_reports_the_error_not_a_traceback() -> None:
    """validate() raises CaseError (a ValueError) for a contradictory list."""
    with pytest.raises(ValueError, match=r"candidate\.name"):
        validate(_case({"candidates": [ZHAO]}), engine="native")
