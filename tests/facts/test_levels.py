"""The level ladder below 副科: 科员 and 股级 share one step under 副科; promotion steps from it."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cadre_rules import case_from_mapping
from cadre_rules.facts._candidate import level_of, step_of
from cadre_rules.facts._derive import _promotion_step
from cadre_rules.records import CareerEntry, Grade, Role, Tier
from cadre_rules.testing import deep_merge


def test_ranks_above_section_unit_are_unchanged() -> None:
    """乡科级 keeps rank 1 (rules compare post_tier_rank >= 2 for 县处级); 股级/科员 is rank 0."""
    assert [t.rank for t in Tier] == [0, 1, 2, 3, 4, 5]
    assert Tier.TOWNSHIP_SECTION.rank == 1 and Tier.COUNTY_DIVISION.rank == 2


@given(
    st.sampled_from(list(Tier)), st.sampled_from(list(Role)), st.sampled_from(list(Tier)), st.sampled_from(list(Role))
)
def test_ladder_order(t1: Tier, r1: Role, t2: Tier, r2: Role) -> None:
    """Steps follow tier then role; the step below 副科 is one, whatever the role (股长 = 副股长 = 科员)."""
    a, b = step_of(t1, r1), step_of(t2, r2)
    if t1 is Tier.SECTION_UNIT and t2 is Tier.SECTION_UNIT:
        assert a == b == 1
    elif t1.rank != t2.rank:
        assert (a < b) == (t1.rank < t2.rank)
    else:
        assert (a < b) == (r1 is Role.DEPUTY and r2 is Role.PRINCIPAL)
    assert step_of(Tier.SECTION_UNIT, r1) + 1 == step_of(Tier.TOWNSHIP_SECTION, Role.DEPUTY)


def test_staff_grades_sit_below_deputy_section() -> None:
    """一级、二级科员 on a resume line are on the step below 副科."""
    for grade in (Grade.LEVEL1_STAFF, Grade.LEVEL2_STAFF):
        entry = CareerEntry.model_validate(
            {"start": "2015-07-01", "organisation": "某局", "title": "科员", "grade": grade}
        )
        level = level_of(entry)
        assert level is not None and step_of(*level) == 1


def test_promotion_steps_from_section_unit(compliant: dict[str, Any]) -> None:
    """科员/股级 → 乡科级 is its own step, never a 下级正职 → 上级副职 step; within 股级 it is 'other'."""

    def step(current: tuple[str, str], post: tuple[str, str]) -> str | None:
        patch = {
            "candidate": {"current_tier": current[0], "current_role": current[1]},
            "post": {"tier": post[0], "role": post[1]},
        }
        return _promotion_step(case_from_mapping(deep_merge(compliant, patch)))

    assert step(("section_unit", "principal"), ("township_section", "deputy")) == "from_section_unit"
    assert step(("section_unit", "deputy"), ("township_section", "principal")) == "from_section_unit"
    assert step(("section_unit", "deputy"), ("section_unit", "principal")) == "other"
    assert step(("township_section", "principal"), ("county_division", "deputy")) == "lower_principal_to_upper_deputy"
