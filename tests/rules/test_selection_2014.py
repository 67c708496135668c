"""The 2014 条例 judges acts from 2014-01-14 to 2019-03-02, the 2019 条例 acts from 2019-03-03 on."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cadre_rules import Report, default_registry, validate
from cadre_rules.testing import deep_merge
from tests.conftest import example, examples

LAST_2014_DAY = date(2019, 3, 2)
ONLY_2014 = (
    "eligibility.inspection_bar_assessment_three_years_2014",
    "eligibility.inspection_bar_sanction_influence_2014",
    "appointment.trial_period_2014",
    "discipline.sudden_promotion_2014",
)
ONLY_2019 = (
    "eligibility.inspection_bar_previous_assessment",
    "eligibility.inspection_bar_political_discipline",
    "appointment.trial_period",
    "discipline.sudden_promotion",
)
SHARED = (
    "eligibility.county_work_years",
    "eligibility.lower_level_posts",
    "eligibility.exceptional_not_two_levels",
    "inspection.team_size",
    "committee.decision_threshold",
    "publicity.min_working_days",
)
TEXTS = {"selection-regulations-2014", "selection-regulations-2019"}


def _report(day: date, engine: str = "native", patch: dict[str, Any] | None = None) -> Report:
    case = deep_merge(example("compliant-county-promotion-2017.yaml"), {"as_of": day.isoformat(), **(patch or {})})
    return validate(case, engine=engine)


def _statuses(day: date, engine: str = "native", patch: dict[str, Any] | None = None) -> dict[str, str]:
    return {f.rule_id: f.status for f in _report(day, engine, patch).findings}


def test_every_2014_only_rule_cites_the_2014_text_alone() -> None:
    """A rule whose id ends in _2014 cites only the 2014 条例 (so its window ends with that text)."""
    rules = [r for r in default_registry().rules if r.id.endswith("_2014")]
    assert {r.id for r in rules} >= set(ONLY_2014)
    for rule in rules:
        assert {c.instrument for c in rule.normative} == {"selection-regulations-2014"}, rule.id
        assert rule.effective_to == LAST_2014_DAY, rule.id


@settings(max_examples=examples(60), deadline=None)
@given(st.dates(date(2014, 1, 14), date(2026, 12, 31)))
def test_the_text_in_force_on_the_act_date_decides(day: date) -> None:
    """2014-only rules apply up to 2019-03-02, 2019-only rules from 2019-03-03, shared rules throughout."""
    statuses = _statuses(day)
    under_2014 = day <= LAST_2014_DAY
    for rule_id in ONLY_2014:
        assert (statuses[rule_id] != "not_applicable") == under_2014, (rule_id, day)
    for rule_id in ONLY_2019:
        assert (statuses[rule_id] != "not_applicable") == (not under_2014), (rule_id, day)
    for rule_id in SHARED:
        assert statuses[rule_id] != "not_applicable", (rule_id, day)


@settings(max_examples=examples(40), deadline=None)
@given(st.dates(date(2014, 1, 14), date(2026, 12, 31)))
def test_a_shared_rule_quotes_the_text_in_force_on_the_act_date(day: date) -> None:
    """A rule citing both 条例 shows the 2014 article up to 2019-03-02 and the 2019 article from 2019-03-03."""
    expected = "selection-regulations-2014" if day <= LAST_2014_DAY else "selection-regulations-2019"
    by_id = {f.rule_id: f for f in _report(day).findings}
    for rule_id in SHARED:
        shown = {c.instrument for c in by_id[rule_id].citations} & TEXTS
        assert shown == {expected}, (rule_id, day, shown)


def test_a_2017_finding_quotes_the_2014_article_and_its_number() -> None:
    """The five-year rule on a 2017 act quotes 2014 第八条第一款第（一）项, not the 2019 article."""
    finding = next(f for f in _report(date(2017, 6, 12)).findings if f.rule_id == "eligibility.county_work_years")
    assert [(c.instrument, c.article, c.paragraph, c.item) for c in finding.citations] == [
        ("selection-regulations-2014", "8", 1, 1)
    ]
    assert "五年以上工龄" in finding.citations[0].text


def test_the_day_before_2014_01_14_no_2014_rule_applies() -> None:
    """Before the 2014 条例 took effect (the 2002 条例, not encoded) its rules do not apply."""
    statuses = _statuses(date(2014, 1, 13))
    for rule_id in (*ONLY_2014, *ONLY_2019, "eligibility.county_work_years", "publicity.min_working_days"):
        assert statuses[rule_id] == "not_applicable", rule_id


def test_both_engines_agree_on_either_side_of_2019_03_03() -> None:
    """The durable and native engines give the same statuses on 2019-03-02 and 2019-03-03."""
    low_2016 = {"candidate": {"assessments": [{"year": y, "grade": "excellent"} for y in (2014, 2015)]}}
    low_2016["candidate"]["assessments"].append({"year": 2016, "grade": "basically_competent"})
    for day in (LAST_2014_DAY, date(2019, 3, 3)):
        assert _statuses(day, "durable", low_2016) == _statuses(day, "native", low_2016)
    assert _statuses(LAST_2014_DAY, patch=low_2016)[ONLY_2014[0]] == "violated"
    assert _statuses(date(2019, 3, 3), patch=low_2016)[ONLY_2019[0]] == "violated"
