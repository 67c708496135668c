"""Chinese labels of enumeration values: each enumeration keeps its own names, even where values coincide."""

from __future__ import annotations

from cadre_rules.records._enums import (
    AppointmentKind,
    CompetitivePostStep,
    MotionGround,
    OpenSelectionPart,
    OpenSelectionStep,
    SelectionConsideration,
    Stage,
    label_zh,
)


def test_values_shared_by_several_enumerations_keep_each_enumerations_label() -> None:
    """ "other", "inspection" and "publicity" are values of several enumerations with different Chinese names."""
    assert label_zh(AppointmentKind.OTHER) == "其他"
    assert label_zh(SelectionConsideration.OTHER) == "其他情况"
    assert label_zh(MotionGround.OTHER) == "其他"
    assert label_zh(Stage.INSPECTION) == "考察"
    assert label_zh(OpenSelectionPart.INSPECTION) == "组织考察"
    assert label_zh(CompetitivePostStep.INSPECTION) == "确定考察对象，进行组织考察"
    assert label_zh(OpenSelectionStep.PUBLICITY) == "公示任用"
    assert label_zh(Stage.PUBLICITY) == "任前公示"


def test_a_bare_code_has_its_label_or_a_neutral_word_when_enumerations_name_it_differently() -> None:
    """Fact values are bare codes: standing_committee reads 常委会; "other" (其他 / 其他情况) reads 其他."""
    from cadre_rules.records._enums import code_label_zh

    assert code_label_zh("standing_committee") == "常委会"
    assert code_label_zh("county_division") == "县处级"
    assert code_label_zh("postgraduate") == "研究生"
    assert code_label_zh("other") == "其他"
    assert code_label_zh("secretary") == "书记"
    assert code_label_zh("李明") is None


def test_every_code_of_every_enumeration_has_a_chinese_word() -> None:
    """No enumeration value reaches a Chinese text as its English code: each has a label, each bare code a word."""
    from cadre_rules.records._docs import enums_of
    from cadre_rules.records._enums import LABELS_ZH, code_label_zh

    for enum in enums_of().values():
        for member in enum:
            assert (enum, member.value) in LABELS_ZH, member
            assert code_label_zh(member.value), member


def test_the_chinese_report_shows_codes_of_facts_by_their_labels() -> None:
    """The text report's 事实 lines name the meeting body and the post's level in Chinese, not by their codes."""
    from cadre_rules import validate
    from cadre_rules._validate import fact_words
    from tests.conftest import EXAMPLES

    text = validate(EXAMPLES / "violations-finance-principal.yaml", engine="native").to_text(words=fact_words())
    assert "讨论决定的会议形式＝常委会" in text and "拟任职务层次＝县处级" in text
    assert "＝standing_committee" not in text and "＝county_division" not in text
