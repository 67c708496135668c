"""Date boundaries of the seed 001/004 rules that compare two dates: the day before, the same day, the day after."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cadre_rules import validate
from cadre_rules.testing import compliant_base, deep_merge

MEETING = date(2025, 6, 10)  # the compliant base's decision date
OFFSETS = st.integers(min_value=-3, max_value=3)


def _status(patch: dict[str, Any], rule_id: str, profile: str = "default") -> str:
    case = deep_merge(compliant_base(), patch)
    statuses = {
        engine: {f.rule_id: f.status for f in validate(case, engine=engine, profile=profile).findings}[rule_id]
        for engine in ("native", "durable")
    }
    assert statuses["native"] == statuses["durable"]
    return statuses["native"]


@settings(max_examples=15, deadline=None)
@given(OFFSETS)
def test_term_change_meeting_on_or_after_the_talks_end(offset: int) -> None:
    """At a 换届 the meeting recommendation may fall on the day the talks end, never before."""
    talks_end = date(2025, 4, 10)
    patch = {
        "procedure": {
            "term_change": True,
            "recommendation": {"talk_date": talks_end.isoformat(), "meeting_date": str(talks_end + timedelta(offset))},
        }
    }
    expected = "violated" if offset < 0 else "satisfied"
    assert _status(patch, "recommendation.talk_before_meeting_at_term_change", "seed-004") == expected


@settings(max_examples=15, deadline=None)
@given(OFFSETS)
def test_joint_review_opinion_no_later_than_the_discussion(offset: int) -> None:
    """A 会审 opinion dated the day of the meeting is in time; the day after is not."""
    day = MEETING + timedelta(offset)
    bodies = ["discipline_supervision", "procuratorate", "political_legal_committee", "public_order", "civility_office"]
    review = [
        {"body": b, "obtained_on": (day if b == "procuratorate" else date(2025, 5, 19)).isoformat()} for b in bodies
    ]
    patch = {"procedure": {"inspection": {"joint_review": review}}}
    expected = "violated" if offset > 0 else "satisfied"
    assert _status(patch, "inspection.joint_review_before_discussion", "seed-001") == expected


@settings(max_examples=15, deadline=None)
@given(OFFSETS)
def test_talk_on_or_after_the_decision(offset: int) -> None:
    """The 任前谈话 may be held on the day of the decision, never before it."""
    patch = {"procedure": {"appointment": {"talk_date": (MEETING + timedelta(offset)).isoformat()}}}
    expected = "violated" if offset < 0 else "satisfied"
    assert _status(patch, "appointment.talk_after_decision", "seed-001") == expected
