"""Candidate facts: influence periods at their boundaries, the retirement date, relaxed cut-offs, waiver bases."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from cadre_rules import CaseError, validate
from cadre_rules.facts import derive
from cadre_rules.facts._candidate import statutory_retirement_date
from cadre_rules.instruments import default_library
from cadre_rules.records import RetirementCategory, case_from_mapping
from cadre_rules.testing import deep_merge
from tests.conftest import example

LIB = default_library()
AS_OF_2025 = date(2025, 6, 10)


def _facts(patch: dict[str, Any], as_of: date = AS_OF_2025) -> dict[str, Any]:
    case = case_from_mapping(deep_merge(example("compliant-county-promotion.yaml"), patch))
    facts = derive(case, as_of, library=LIB)
    return facts.values | {k: None for k in facts.missing}


# (kind, measure, months, first decision date the period holds for, appointment kind)
PERIODS = [
    ("party_sanction", "警告", 12, date(2016, 1, 1)),
    ("party_sanction", "严重警告", 18, date(2016, 1, 1)),
    ("party_sanction", "撤销党内职务", 24, date(2016, 1, 1)),
    ("administrative_sanction", "警告", 6, date(2020, 7, 1)),
    ("administrative_sanction", "记过", 12, date(2020, 7, 1)),
    ("administrative_sanction", "记大过", 18, date(2020, 7, 1)),
    ("administrative_sanction", "撤职", 24, date(2020, 7, 1)),
    ("civil_servant_sanction", "降级", 24, date(2019, 6, 1)),
    ("admonishment", "诫勉", 6, date(2015, 7, 13)),
    ("organisational_measure", "责令辞职", 24, date(2019, 3, 3)),
]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(PERIODS),
    st.dates(min_value=date(2020, 7, 1), max_value=date(2026, 6, 30)),
)
def test_a_sanction_bars_until_the_day_before_its_period_ends(
    period: tuple[str, str, int, date], decided: date
) -> None:
    """On the last day of the period the candidate is barred; on the day it ends, free (29 Feb clamps)."""
    kind, measure, months, _ = period
    end = decided + relativedelta(months=months)
    sanctions = {"candidate": {"sanctions": [{"kind": kind, "measure": measure, "decided_on": decided.isoformat()}]}}
    assert _facts(sanctions, end - timedelta(days=1))["sanctions_in_influence"] == 1
    assert _facts(sanctions, end)["sanctions_in_influence"] == 0


def test_the_revision_in_force_on_the_decision_date_governs() -> None:
    """A 2017 serious warning reads the 2015 条例 (18 months), a 2019 one the 2018 条例, a 2024 one the 2023 条例."""
    for decided, param in [
        ("2017-05-01", "party_serious_warning_influence_months_2015"),
        ("2019-05-01", "party_serious_warning_influence_months_2018"),
        ("2024-05-01", "party_serious_warning_influence_months"),
    ]:
        patch = {"candidate": {"sanctions": [{"kind": "party_sanction", "measure": "严重警告", "decided_on": decided}]}}
        detail = _facts(patch, date.fromisoformat(decided) + timedelta(days=30))["sanction_influence_detail"]
        assert detail.endswith(f"（{param}）"), detail


def test_several_sanctions_are_each_counted() -> None:
    """Both running periods are listed ("按照影响期长的规定执行": the longest governs the bar)."""
    patch = {
        "candidate": {
            "sanctions": [
                {"kind": "party_sanction", "measure": "警告", "decided_on": "2025-01-01"},
                {"kind": "administrative_sanction", "measure": "记大过", "decided_on": "2025-01-01"},
            ]
        }
    }
    facts = _facts(patch)
    assert facts["sanctions_in_influence"] == 2
    assert "至2026-07-01" in facts["sanction_influence_detail"]


@pytest.mark.parametrize(
    ("birth", "category", "expected"),
    [
        (date(1964, 12, 15), RetirementCategory.MALE, date(2024, 12, 15)),  # before the first cohort: 60
        (date(1965, 1, 15), RetirementCategory.MALE, date(2025, 2, 15)),  # 60 and 1 month
        (date(1965, 4, 15), RetirementCategory.MALE, date(2025, 5, 15)),  # still 1 month
        (date(1965, 5, 15), RetirementCategory.MALE, date(2025, 7, 15)),  # 2 months
        (date(1976, 9, 1), RetirementCategory.MALE, date(2039, 9, 1)),  # full effect: 63
        (date(1984, 11, 1), RetirementCategory.FEMALE_50, date(2039, 11, 1)),  # full effect: 55
        (date(1981, 9, 1), RetirementCategory.FEMALE_55, date(2039, 9, 1)),  # full effect: 58
        (date(1972, 2, 29), RetirementCategory.FEMALE_55, date(2027, 9, 29)),  # 55y7m from 29 Feb
        (date(1972, 2, 29), RetirementCategory.FEMALE_50, date(2022, 2, 28)),  # 50 from 29 Feb: clamps
        (date(1964, 12, 15), RetirementCategory.FEMALE_COUNTY_60, date(2024, 12, 15)),  # 县处级 woman: 60
        (date(1965, 1, 15), RetirementCategory.FEMALE_COUNTY_60, date(2025, 2, 15)),  # men's schedule: 60y1m
        (date(1972, 1, 10), RetirementCategory.FEMALE_COUNTY_60, date(2033, 11, 10)),  # 60 + 22 months
        (date(1976, 9, 1), RetirementCategory.FEMALE_COUNTY_60, date(2039, 9, 1)),  # full effect: 63
    ],
)
def test_retirement_date_anchor_points(birth: date, category: RetirementCategory, expected: date) -> None:
    """The anchors of regulations.md §6 (checked against the pages cited there)."""
    assert statutory_retirement_date(birth, category, LIB, date(2025, 6, 1)) == expected


@given(
    st.dates(min_value=date(1955, 1, 1), max_value=date(2000, 12, 31)),
    st.dates(min_value=date(1955, 1, 1), max_value=date(2000, 12, 31)),
    st.sampled_from(list(RetirementCategory)),
)
def test_retirement_date_is_monotone_and_bounded(a: date, b: date, category: RetirementCategory) -> None:
    """A younger person never retires earlier; the delay never exceeds the cap."""
    young, old = max(a, b), min(a, b)
    ra = statutory_retirement_date(young, category, LIB, date(2025, 6, 1))
    rb = statutory_retirement_date(old, category, LIB, date(2025, 6, 1))
    assert ra is not None and rb is not None
    assert rb <= ra
    base = {"male": 60, "female_55": 55, "female_50": 50, "female_county_60": 60}[category.value]
    cap = 60 if category is RetirementCategory.FEMALE_50 else 36
    assert young + relativedelta(years=base) <= ra <= young + relativedelta(years=base, months=cap)


def test_no_retirement_date_before_the_measures_take_effect() -> None:
    """Before 2025-01-01 the measures give no parameters."""
    assert statutory_retirement_date(date(1970, 1, 1), RetirementCategory.MALE, LIB, date(2024, 12, 31)) is None


@given(st.integers(min_value=0, max_value=5), st.dates(min_value=date(1975, 1, 1), max_value=date(1995, 12, 31)))
def test_a_relaxation_only_ever_helps(years: int, cutoff: date) -> None:
    """The relaxed cut-off is never later than the announced one, and moves back by the years."""
    relax = [{"group": "ethnic_minority", "years": years}] if years else []
    patch = {
        "candidate": {"ethnicity": "藏族"},
        "procedure": {"announcement": {"born_on_or_after": cutoff.isoformat(), "age_relaxations": relax}},
    }
    facts = _facts(patch)
    assert facts["age_cutoff_for_candidate"] == (cutoff - relativedelta(years=years)).isoformat()


def test_an_exceptional_waiver_needs_a_declared_exceptional_promotion() -> None:
    """A 破格 waiver without procedure.exceptional_promotion is invalid input naming the field."""
    case = example("compliant-county-promotion.yaml")
    case["waivers"] = [{"rule_id": "eligibility.county_work_years", "reason": "急需", "basis": "exceptional_promotion"}]
    with pytest.raises(CaseError) as err:
        validate(case)
    assert err.value.problems[0].path == "waivers[0].basis"


def test_an_exceptional_promotion_cannot_waive_the_protected_items() -> None:
    """第十条: health (第八条第一款第六项) cannot be broken by 破格."""
    case = deep_merge(
        example("compliant-county-promotion.yaml"),
        {
            "procedure": {"exceptional_promotion": {"ground": "critical_moment"}},
            "waivers": [{"rule_id": "eligibility.health", "reason": "急需", "basis": "exceptional_promotion"}],
        },
    )
    with pytest.raises(CaseError) as err:
        validate(case)
    assert err.value.problems[0].path == "waivers[0].rule_id"
    assert "第十条" in err.value.problems[0].message_zh


def test_an_exceptional_waiver_says_so_in_the_finding() -> None:
    """A qualification broken by 破格 reports satisfied with the 第九条 explanation and the reason."""
    case = deep_merge(
        example("compliant-county-promotion.yaml"),
        {
            "candidate": {"work_start_date": "2022-07-01"},
            "procedure": {"exceptional_promotion": {"ground": "remote_area_need"}},
            "waivers": [
                {
                    "rule_id": "eligibility.county_work_years",
                    "reason": "艰苦边远地区急需",
                    "basis": "exceptional_promotion",
                }
            ],
        },
    )
    finding = next(f for f in validate(case).findings if f.rule_id == "eligibility.county_work_years")
    assert finding.status == "satisfied"
    assert finding.waiver == "艰苦边远地区急需"
    assert "破格" in finding.message["zh"]
