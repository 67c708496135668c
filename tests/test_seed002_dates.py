"""Date boundaries of the seed 002 篇1 rules that compare two dates: the day before, the same day, the day after."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadre_rules import validate
from cadre_rules.records import Case
from cadre_rules.testing import deep_merge
from tests.conftest import EXAMPLES, load_yaml

ANCHOR = date(2025, 6, 10)  # the decision date of the base example

# rule id, the patch dating the step that must come first at the moved date (the other at ANCHOR), and whether
# the same day is in time.
CASES: list[tuple[str, Any, bool]] = [
    (
        "motion.consultation_before_meeting",
        lambda moved: {"procedure": {"motion": {"committee_settled_on": ANCHOR, "consulted_on": moved}}},
        True,
    ),
    (
        "motion.settled_before_recommendation",
        lambda moved: {
            "procedure": {
                "motion": {"committee_settled_on": moved, "consulted_on": moved - timedelta(days=1)},
                "recommendation": {"date": ANCHOR},
            }
        },
        True,
    ),
    (
        "motion.consultation_nomination_opinions",
        lambda moved: {
            "post": {"role": "deputy"},
            "procedure": {
                "motion": {
                    "nomination_mode": "consultation",
                    "reference_list_size": None,
                    "deputy_secretary_consulted_on": ANCHOR - timedelta(days=5),
                    "discipline_secretary_consulted_on": moved,
                    "secretary_approved_on": ANCHOR,
                }
            },
        },
        True,
    ),
    (
        "committee.internal_review_before_decision",
        lambda moved: {"procedure": {"pre_appointment_review": {"supervision_office_reviewed_on": moved}}},
        True,
    ),
    (
        "committee.internal_review_before_department_meeting",
        lambda moved: {
            "procedure": {
                "pre_appointment_review": {
                    "department_meeting_on": ANCHOR - timedelta(days=10),
                    "supervision_office_reviewed_on": moved - timedelta(days=10),
                }
            }
        },
        True,
    ),
    (
        "committee.upper_department_review",
        lambda moved: {"procedure": {"pre_appointment_review": {"upper_department_reviewed_on": moved}}},
        True,
    ),
    (
        "publicity.departure_before_decision",
        lambda moved: {
            "kind": "lateral",
            "procedure": {"departure_publicity": {"start": ANCHOR - timedelta(days=20), "end": moved}},
        },
        False,
    ),
    (
        "publicity.departure_objections_investigated",
        lambda moved: {
            "kind": "lateral",
            "procedure": {
                "departure_publicity": {
                    "start": ANCHOR - timedelta(days=20),
                    "end": ANCHOR - timedelta(days=14),
                    "objections_received": True,
                    "objections_investigated_on": moved,
                }
            },
        },
        True,
    ),
]


@pytest.mark.parametrize(("rule_id", "patch", "same_day_ok"), CASES, ids=[c[0] for c in CASES])
@given(offset=st.integers(-3, 3))
def test_the_later_step_on_or_after_the_earlier(rule_id: str, patch: Any, same_day_ok: bool, offset: int) -> None:
    """The step that must come first, dated ``offset`` days after the other: late is violated, early satisfied."""
    base = load_yaml(EXAMPLES / "compliant-county-township-principal.yaml")
    record = deep_merge(base, patch(ANCHOR + timedelta(days=offset)))
    case = Case.model_validate(record)
    finding = next(f for f in validate(case, engine="native").findings if f.rule_id == rule_id)
    late = offset > 0 or (offset == 0 and not same_day_ok)
    assert finding.status == ("violated" if late else "satisfied"), (offset, finding)
