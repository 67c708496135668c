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
