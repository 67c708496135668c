"""The records seeds 001 and 004 ask for reject contradictions with the field path, in Chinese and English."""

from __future__ import annotations

import pytest

from cadre_rules import CaseError, validate
from cadre_rules.testing import compliant_base, deep_merge


def test_a_step_marked_not_held_cannot_carry_a_date() -> None:
    """meeting_held: false with a meeting date is contradictory input, named in both languages."""
    case = deep_merge(
        compliant_base(), {"procedure": {"recommendation": {"meeting_held": False, "meeting_date": "2025-04-10"}}}
    )
    with pytest.raises(CaseError) as info:
        validate(case, engine="native")
    text = str(info.value)
    assert "procedure.recommendation" in text and "meeting_held" in text and "却填写了该环节的日期" in text


def test_more_disagreeing_than_opinions_is_rejected() -> None:
    """A nomination cannot have more people disagreeing than giving an opinion."""
    case = deep_merge(
        compliant_base(), {"procedure": {"motion": {"nomination_opinion_count": 3, "nomination_disagree_count": 4}}}
    )
    with pytest.raises(CaseError, match=r"procedure\.motion") as info:
        validate(case, engine="native")
    assert "不同意的人数多于发表意见的人数" in str(info.value)


def test_an_intervention_date_written_as_text_is_read() -> None:
    """A recorded intervention with its date is valid input; an unknown field in it is rejected."""
    ok = deep_merge(
        compliant_base(),
        {
            "procedure": {
                "interventions": [{"by": "某局长", "intervened_on": "2025-05-01", "recorded": True, "reported": True}]
            }
        },
    )
    statuses = {f.rule_id: f.status for f in validate(ok, engine="native").findings}
    assert statuses["discipline.interventions_reported"] == "satisfied"
    bad = deep_merge(compliant_base(), {"procedure": {"interventions": [{"when": "2025-05-01"}]}})
    with pytest.raises(CaseError, match=r"procedure.interventions\[0\].when"):
        validate(bad, engine="native")
