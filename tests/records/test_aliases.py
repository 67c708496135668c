"""Chinese names accepted for enumeration values: the label and its listed synonyms, stored as the English code."""

from __future__ import annotations

import json

import jsonschema
import pytest

from cadre_rules._errors import CaseError
from cadre_rules.records import EducationLevel, Gender, MeetingBody, Tier
from cadre_rules.records._docs import case_schema, enums_of
from cadre_rules.records._enums import LABELS_ZH, SYNONYMS_ZH
from cadre_rules.records._load import case_from_mapping
from tests.conftest import EXAMPLES


def _example() -> dict[str, object]:
    from cadre_rules._yaml import load_case_yaml

    data = load_case_yaml((EXAMPLES / "compliant-county-promotion.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_issue_names_are_accepted_and_stored_as_codes() -> None:
    """乡科级, 男, 本科 and 常委会 (the names the issue found refused) give the English codes."""
    assert Tier("乡科级") is Tier.TOWNSHIP_SECTION
    assert Gender("男") is Gender.MALE
    assert EducationLevel("本科") is EducationLevel.UNDERGRADUATE
    assert EducationLevel("大学本科") is EducationLevel.UNDERGRADUATE
    assert MeetingBody("常委会") is MeetingBody.STANDING_COMMITTEE
    assert MeetingBody("党组") is MeetingBody.LEADING_PARTY_GROUP


def test_every_label_of_every_case_enumeration_is_accepted() -> None:
    """Each value of each enumeration a case field takes is reached by its Chinese label (or the label is shared)."""
    for enum in enums_of().values():
        labels = [LABELS_ZH[(enum, m.value)] for m in enum]
        for member in enum:
            label = LABELS_ZH[(enum, member.value)]
            if labels.count(label) == 1:
                assert enum(label) is member, (enum.__name__, label)


def test_synonyms_are_accepted() -> None:
    """Each listed synonym reaches its member."""
    for member, names in SYNONYMS_ZH.items():
        for name in names:
            assert type(member)(name) is member, name


def test_a_case_written_with_chinese_names_validates_to_the_same_case() -> None:
    """The example with its enum values written in Chinese validates to the same record as with the codes."""
    data = _example()
    zh = _example()
    candidate = zh["candidate"]
    post = zh["post"]
    assert isinstance(candidate, dict) and isinstance(post, dict)
    post["tier"], post["role"] = "县处级", "副职"
    candidate["current_tier"] = "乡科级"
    if "gender" in candidate:
        candidate["gender"] = {"male": "男", "female": "女"}[str(candidate["gender"])]
    for record in candidate.get("education") or []:
        record["level"] = LABELS_ZH[(EducationLevel, record["level"])]
    assert case_from_mapping(zh) == case_from_mapping(data)
    assert case_from_mapping(zh).post.tier.value == "county_division"


def test_the_case_schema_accepts_what_validation_accepts() -> None:
    """The published JSON Schema lists each enumeration's Chinese names beside its codes (a system validating
    against it before sending accepts 男 as the library does), maps each to its code, and still refuses others."""
    schema = case_schema()
    gender = schema["$defs"]["Gender"]
    assert gender["enum"][:2] == ["male", "female"] and {"男", "女"} <= set(gender["enum"])
    assert gender["x-names-zh"]["男"] == "male"
    for enum in enums_of().values():
        sub = schema["$defs"][enum.__name__]
        assert all(type(enum(name)) is enum and enum(name).value == code for name, code in sub["x-names-zh"].items())
    zh = _example()
    post = zh["post"]
    assert isinstance(post, dict)
    post["tier"], post["role"] = "县处级", "副职"
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors(json.loads(json.dumps(zh, default=str))))
    post["tier"] = "县处级别"
    assert list(validator.iter_errors(json.loads(json.dumps(zh, default=str))))


def test_an_unknown_value_lists_both_halves_and_suggests_the_closest() -> None:
    """An unknown enum value: Chinese labels in the Chinese half, codes in the English half, and a did-you-mean."""
    data = _example()
    post = data["post"]
    assert isinstance(post, dict)
    post["tier"] = "县处"  # a synonym: accepted
    case_from_mapping(data)
    post["tier"] = "county_divison"
    with pytest.raises(CaseError) as info:
        case_from_mapping(data)
    problem = info.value.problems[0]
    assert problem.path == "post.tier"
    assert "县处级" in problem.message_zh and "厅局级" in problem.message_zh
    assert "county_division" not in problem.message_zh
    assert "'county_division'" in problem.message_en and "did you mean 'county_division'" in problem.message_en
    assert "是否应为“县处级”" in problem.message_zh
    post["tier"] = "县级处"
    with pytest.raises(CaseError) as info:
        case_from_mapping(data)
    assert "是否应为“县处级”" in info.value.problems[0].message_zh


def test_an_unknown_field_suggests_the_closest_field_name() -> None:
    """An unknown key names the model's closest field (difflib), in both halves."""
    data = _example()
    candidate = data["candidate"]
    assert isinstance(candidate, dict)
    candidate["birth_dat"] = "1980-01-01"
    with pytest.raises(CaseError) as info:
        case_from_mapping(data)
    problem = info.value.problems[0]
    assert problem.path == "candidate.birth_dat"
    assert "did you mean 'birth_date'" in problem.message_en
    assert "birth_date" in problem.message_zh and "出生日期" in problem.message_zh
