"""The corrections of the verification pass (issue 9, items 4 and 6): confidences, paragraphs, current citations."""

from __future__ import annotations

from datetime import date

import pytest

from cadre_rules import CitationRef, Confidence, default_library, default_registry, validate
from tests.conftest import example

H, M, L = Confidence.HIGH, Confidence.MEDIUM, Confidence.LOW
SR19 = "selection-regulations-2019"
SR14 = "selection-regulations-2014"
CSL = "civil-servant-law-2018"

# (instrument, article, paragraph, item) -> (number confidence, text confidence) as set by the verification pass.
EXPECTED: dict[tuple[str, str, int | None, int | None], tuple[Confidence, Confidence]] = {
    # 2019 条例: article numbers confirmed by selection-regulations-2019-verified.md
    (SR19, "8", 1, 2): (H, H),
    (SR19, "8", 1, 3): (H, H),
    (SR19, "8", 1, 1): (H, M),  # 2014 wording; the 2019 wording of item (一) was not found
    (SR19, "8", 1, 6): (H, M),  # likewise item (六)
    (SR19, "16", 1, None): (H, M),
    (SR19, "18", 1, 2): (H, H),
    (SR19, "20", 1, None): (H, H),
    (SR19, "23", 1, None): (H, M),
    (SR19, "24", 1, 6): (H, H),
    (SR19, "31", 2, None): (H, M),
    (SR19, "33", 1, None): (H, M),
    (SR19, "42", 2, None): (H, M),
    (SR19, "53", 1, None): (H, M),
    # kept or marked low
    (SR19, "10", 1, None): (L, L),  # may be 第九条第四款
    (SR19, "13", 1, None): (L, L),  # the shipped wording is the 2014 formulation
    (SR19, "13", 2, None): (L, L),
    (SR19, "43", 2, None): (L, L),  # derived numbers of 第七章 and 第十一章, text not retrieved
    (SR19, "44", 1, None): (L, L),
    (SR19, "45", 1, 1): (L, L),
    (SR19, "63", 1, 1): (L, L),
    (SR19, "63", 1, 8): (L, L),
    (SR19, "63", 1, 10): (L, L),
    # 公务员法 2018: texts confirmed against the LawRefBook copy (numbers unchanged)
    (CSL, "34", 1, None): (M, H),
    (CSL, "39", 1, None): (M, H),
    (CSL, "43", 1, None): (M, H),
    (CSL, "45", 2, None): (M, H),
    (CSL, "48", 1, None): (M, H),
    (CSL, "49", 1, None): (M, H),
    (CSL, "50", 2, None): (M, H),
    (CSL, "64", 2, None): (M, H),
    (CSL, "65", 2, None): (M, H),
}


@pytest.mark.parametrize(("ref", "expected"), list(EXPECTED.items()), ids=[" ".join(map(str, k)) for k in EXPECTED])
def test_confidence_set_by_the_verification_pass(
    ref: tuple[str, str, int | None, int | None], expected: tuple[Confidence, Confidence]
) -> None:
    """Each provision named by the verification pass carries the number and text confidence it was given."""
    resolved = default_library().resolve(CitationRef(*ref))
    assert (resolved.number_confidence, resolved.text_confidence) == expected


def test_low_numbers_are_flagged_in_the_location() -> None:
    """A derived 2019 number is shown as unverified wherever it is quoted."""
    for article in ("10", "13", "43", "44", "45", "63"):
        resolved = default_library().resolve(CitationRef(SR19, article, 1))
        assert "条号未经核实" in resolved.location_zh(), article


def test_exceptional_restrictions_name_both_possible_numbers() -> None:
    """The 破格 restrictions say they may be 第九条第四款 rather than 第十条."""
    resolved = default_library().resolve(CitationRef(SR19, "10", 1))
    assert resolved.note is not None
    assert "第九条第四款" in resolved.note
    assert "第十条" in resolved.note


def test_article_13_says_why_its_text_is_low() -> None:
    """The 2019 第十三条 note explains that the shipped wording is the 2014 one."""
    note = default_library().resolve(CitationRef(SR19, "13", 1)).note or ""
    assert "2014" in note and "NOT FOUND" in note


def test_civil_servant_law_65_paragraph_2_is_complete() -> None:
    """公务员法 第六十五条第二款 opens with 解除处分后 (it was a fragment before)."""
    text = default_library().resolve(CitationRef(CSL, "65", 2)).text
    assert text.startswith("解除处分后，晋升工资档次")


@pytest.mark.parametrize(
    ("instrument", "article"),
    [
        ("party-discipline-regulations-2023", "11"),
        ("party-discipline-regulations-2023", "12"),
        ("party-discipline-regulations-2018", "11"),
        ("party-discipline-regulations-2018", "12"),
        ("party-discipline-regulations-2015", "11"),
    ],
)
def test_two_year_rules_are_the_third_paragraph(instrument: str, article: str) -> None:
    """The 二年内 rules of 撤销党内职务 and 留党察看 are 第三款, and no other paragraph holds them."""
    library = default_library()
    third = library.resolve(CitationRef(instrument, article, 3)).text
    assert "二年内" in third and "不得在党内担任" in third
    art = next(a for a in library.instruments[instrument].articles if a.number == article)
    assert [p.number for p in art.paragraphs if "二年内" in p.text] == [3]


@pytest.mark.parametrize(
    "param",
    [
        "party_post_removal_influence_months",
        "party_probation_post_restoration_influence_months",
        "party_post_removal_influence_months_2018",
        "party_probation_post_restoration_influence_months_2018",
        "party_probation_post_restoration_influence_months_2015",
    ],
)
def test_two_year_parameters_cite_the_third_paragraph(param: str) -> None:
    """The influence-period parameters of the two-year rules cite 第三款."""
    assert default_library().param_citation(param).paragraph == 3


CURRENT_TEXT = {
    # rule id -> keeps the 2014 citation (same requirement) or not (the texts differ)
    "appointment.trial_period": False,
    "appointment.talk": True,
    "appointment.tenure_from_decision": True,
    "discipline.sudden_promotion": False,
    "discipline.birth_dates_consistent": True,
    "discipline.party_dates_consistent": True,
    "discipline.over_quota": True,
}


@pytest.mark.parametrize(("rule_id", "keeps_2014"), list(CURRENT_TEXT.items()))
def test_current_rules_cite_the_2019_article_first(rule_id: str, keeps_2014: bool) -> None:
    """Rules for acts after 2019-03-03 cite the 2019 article first; the 2014 one only for the same requirement."""
    rule = default_registry().by_id[rule_id]
    instruments = [c.instrument for c in rule.spec.citations]
    assert instruments[0] == SR19
    assert (SR14 in instruments) is keeps_2014


def test_no_current_finding_leads_with_the_2014_text() -> None:
    """On a 2025 act, no finding that was checked cites the 2014 条例 as its governing (first) article."""
    report = validate(example("compliant-county-promotion.yaml"), engine="native")
    assert date.fromisoformat(report.as_of) >= date(2019, 3, 3)
    checked = [f for f in report.findings if f.status != "not_applicable" and f.citations]
    assert checked
    for finding in checked:
        assert finding.citations[0].instrument != SR14, finding.rule_id
