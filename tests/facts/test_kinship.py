"""The kinship grammar: every recognised 称谓, the three-generation boundary, the in-law list, and the record."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadre_rules import CaseError, case_from_mapping
from cadre_rules.facts._kinship import (
    _BOUND,
    _GROUP_NAMES,
    _NOT_KIN,
    _WORDS,
    AvoidanceGroup,
    avoidance_group,
    group_of_reading,
    is_child,
    is_spouse,
    parse_kin_term,
    relation_of_path,
    within_avoidance,
)
from cadre_rules.records import CousinKind, KinKind, KinLine, KinRelation, MarriageLink
from cadre_rules.testing import deep_merge

G = AvoidanceGroup
SPOUSE, DIRECT, COLLATERAL, IN_LAW = G.SPOUSE, G.DIRECT_BLOOD, G.COLLATERAL_BLOOD, G.CLOSE_IN_LAW

# Every word of the lexicon and the compounds the texts and common use give, with the group it must fall in
# (None: outside all four; a set: the word has readings in several groups, all inside).
TABLE: dict[str, AvoidanceGroup | frozenset[AvoidanceGroup] | None] = {
    # （一）夫妻关系
    **dict.fromkeys(["配偶", "妻子", "丈夫", "妻", "夫", "爱人", "老婆", "老公", "夫人", "媳妇", "老伴"], SPOUSE),
    "夫妻关系": SPOUSE,
    "夫妻": SPOUSE,
    # （二）直系血亲：祖父母、外祖父母、父母、子女、孙子女、外孙子女 (and further generations; adoptive, step)
    **dict.fromkeys(
        [
            "父亲",
            "母亲",
            "父",
            "母",
            "父母",
            "爸爸",
            "妈妈",
            "爸",
            "妈",
            "双亲",
            "养父",
            "养母",
            "养父母",
            "继父",
            "继母",
            "继父母",
            "祖父",
            "祖母",
            "祖父母",
            "爷爷",
            "奶奶",
            "外祖父",
            "外祖母",
            "外祖父母",
            "外公",
            "外婆",
            "姥爷",
            "姥姥",
            "曾祖父",
            "曾祖母",
            "曾祖父母",
            "外曾祖父",
            "外曾祖母",
            "外曾祖父母",
            "太爷爷",
            "太奶奶",
            "子女",
            "儿女",
            "儿子",
            "女儿",
            "子",
            "女",
            "儿",
            "闺女",
            "独生子",
            "独生女",
            "独子",
            "养子",
            "养女",
            "养子女",
            "继子",
            "继女",
            "继子女",
            "孙子",
            "孙女",
            "孙子女",
            "孙",
            "外孙",
            "外孙子",
            "外孙女",
            "外孙子女",
            "曾孙",
            "曾孙子",
            "曾孙女",
            "曾孙子女",
            "重孙",
            "重孙子",
            "重孙女",
            "曾外孙",
            "曾外孙女",
            "长子",
            "次女",
            "三女",
            "大儿子",
            "小女儿",
            "配偶的子女",
            "父亲的配偶",
            "直系血亲",
            "直系血亲关系",
        ],
        DIRECT,
    ),
    # （三）三代以内旁系血亲：伯叔姑舅姨、兄弟姐妹、堂兄弟姐妹、表兄弟姐妹、侄子女、甥子女
    **dict.fromkeys(
        [
            "兄弟姐妹",
            "兄弟",
            "姐妹",
            "兄妹",
            "姐弟",
            "兄",
            "弟",
            "姐",
            "妹",
            "哥",
            "哥哥",
            "弟弟",
            "姐姐",
            "妹妹",
            "胞兄",
            "胞弟",
            "胞姐",
            "胞妹",
            "兄长",
            "姊妹",
            "姊",
            "大哥",
            "二姐",
            "小妹",
            "伯叔姑舅姨",
            "母舅",
            "伯叔",
            "伯",
            "叔",
            "姑",
            "舅",
            "姨",
            "伯父",
            "伯伯",
            "叔父",
            "叔叔",
            "姑母",
            "姑姑",
            "姑妈",
            "舅父",
            "舅舅",
            "姨母",
            "姨妈",
            "三叔",
            "小姨",
            "二舅",
            "堂兄弟姐妹",
            "堂兄",
            "堂弟",
            "堂姐",
            "堂妹",
            "堂哥",
            "表兄弟姐妹",
            "表兄",
            "表弟",
            "表姐",
            "表妹",
            "表哥",
            "侄",
            "侄子",
            "侄女",
            "侄儿",
            "侄子女",
            "甥",
            "甥女",
            "外甥",
            "外甥女",
            "甥子女",
            "外甥子女",
            "父亲的哥哥",
            "母亲的妹妹的女儿",
            "哥哥的儿子",
            "三代以内旁系血亲",
            "三代以内旁系血亲关系",
        ],
        COLLATERAL,
    ),
    # （四）近姻亲：配偶的父母、配偶的兄弟姐妹及其配偶、子女的配偶及子女配偶的父母、三代以内旁系血亲的配偶
    **dict.fromkeys(
        [
            "配偶的父母",
            "岳父",
            "岳母",
            "岳父母",
            "丈人",
            "丈母娘",
            "老丈人",
            "公公",
            "婆婆",
            "公婆",
            "配偶的兄弟姐妹",
            "妻兄",
            "妻弟",
            "妻姐",
            "妻妹",
            "内兄",
            "内弟",
            "夫兄",
            "夫弟",
            "大伯子",
            "小叔子",
            "大姑子",
            "小姑子",
            "大舅子",
            "小舅子",
            "舅子",
            "妻舅",
            "大姨子",
            "小姨子",
            "配偶的兄弟姐妹及其配偶",
            "连襟",
            "襟兄",
            "襟弟",
            "妯娌",
            "妻子的姐姐的丈夫",
            "子女的配偶",
            "儿媳",
            "儿媳妇",
            "女婿",
            "子女的配偶及子女配偶的父母",
            "子女配偶的父母",
            "亲家",
            "亲家公",
            "亲家母",
            "三代以内旁系血亲的配偶",
            "嫂",
            "嫂子",
            "嫂嫂",
            "大嫂",
            "弟媳",
            "弟媳妇",
            "姐夫",
            "妹夫",
            "二姐夫",
            "伯母",
            "大娘",
            "婶",
            "婶婶",
            "婶母",
            "婶子",
            "舅母",
            "舅妈",
            "姑父",
            "姑丈",
            "姑夫",
            "姨父",
            "姨丈",
            "姨夫",
            "侄媳",
            "侄媳妇",
            "侄女婿",
            "甥媳",
            "外甥媳妇",
            "甥女婿",
            "外甥女婿",
            "表姐夫",
            "表嫂",
            "堂嫂",
            "堂妹夫",
            "表哥的妻子",
            "近姻亲",
            "近姻亲关系",
        ],
        IN_LAW,
    ),
    # both readings inside: 弟妹 (a younger brother's wife / younger siblings),
    # 大伯 (the father's / the husband's elder brother)
    "弟妹": frozenset({IN_LAW, COLLATERAL}),
    "大伯": frozenset({IN_LAW, COLLATERAL}),
    # outside: beyond three generations, in-laws the list does not name, not kin
    **dict.fromkeys(
        [
            "侄孙",
            "侄孙子",
            "侄孙女",
            "甥孙",
            "甥孙女",
            "外甥孙",
            "外甥孙女",
            "堂侄",
            "堂侄女",
            "表侄",
            "表外甥",
            "堂叔",
            "堂伯",
            "表叔",
            "表舅",
            "表姨",
            "伯祖",
            "伯祖父",
            "叔祖",
            "叔祖父",
            "伯公",
            "叔公",
            "舅公",
            "姑婆",
            "姨婆",
            "姑奶奶",
            "舅爷",
            "堂兄弟的子女",
            "堂叔的儿子的女儿",
            "表兄的孙子",
            "孙媳",
            "孙女婿",
            "配偶的祖父母",
            "配偶的伯父",
            "配偶的表哥",
            "妻侄",
            "内侄",
            "姐夫的弟弟",
            "连襟的哥哥",
            "侄孙媳",
            "朋友",
            "同学",
            "同事",
            "战友",
            "老乡",
            "同乡",
            "邻居",
            "老师",
            "学生",
            "师生",
            "前妻",
            "前夫",
            "前配偶",
            "干爹",
            "干妈",
            "干亲",
            "干儿子",
            "干女儿",
        ],
        None,
    ),
}

UNRECOGNISED = [
    "远房亲戚",
    "阿姨",
    "发小",
    "旁系血亲",
    "姻亲",
    "血亲",
    "配偶的配偶",
    "子女的父母",
    "内",
    "婿",
    "媳",
    "",
    "  ",
    "x",
]


@pytest.mark.parametrize(("term", "expected"), sorted(TABLE.items(), key=lambda kv: kv[0]))
def test_table(term: str, expected: AvoidanceGroup | frozenset[AvoidanceGroup] | None) -> None:
    """Each 称谓 falls in the group the 公务员回避规定 第五条 gives it (or outside, as decided in _kinship)."""
    found = parse_kin_term(term)
    assert found, f"{term} not recognised"
    groups = frozenset(group_of_reading(r) for r in found)
    wanted = expected if isinstance(expected, frozenset) else frozenset({expected})
    assert groups == wanted, term
    assert within_avoidance(term) is (expected is not None)


def test_table_covers_the_lexicon() -> None:
    """Every word, group name and not-kin word the grammar knows is in the table (or a bound morpheme)."""
    known = set(_WORDS) | set(_GROUP_NAMES) | set(_NOT_KIN)
    assert known - set(TABLE) == set(_BOUND)


@pytest.mark.parametrize("term", UNRECOGNISED)
def test_unrecognised(term: str) -> None:
    """Unknown words, bare degrees of kinship and impossible chains are not recognised: the rule cannot decide."""
    assert parse_kin_term(term) == frozenset()
    assert within_avoidance(term) is None


@pytest.mark.parametrize(
    ("term", "up", "down", "cousin"),
    [
        ("兄弟", 1, 1, None),
        ("伯父", 2, 1, None),
        ("堂兄", 2, 2, CousinKind.TANG),
        ("表妹", 2, 2, CousinKind.BIAO),
        ("侄女", 1, 2, None),
        ("堂侄", 2, 3, CousinKind.TANG),
        ("表叔", 3, 2, CousinKind.BIAO),
        ("堂叔的儿子的女儿", 3, 4, CousinKind.TANG),
        ("曾祖父", 3, 0, None),
    ],
)
def test_blood_counts(term: str, up: int, down: int, cousin: CousinKind | None) -> None:
    """The generations to the common ancestor and down from it, and 堂/表, are read from the 称谓."""
    (rel,) = parse_kin_term(term)
    assert isinstance(rel, KinRelation)
    assert (rel.kind, rel.up, rel.down, rel.cousin) == (KinKind.BLOOD, up, down, cousin)


@pytest.mark.parametrize(
    ("term", "link", "up", "down"),
    [
        ("妻兄", MarriageLink.SPOUSE_BLOOD, 1, 1),
        ("岳母", MarriageLink.SPOUSE_BLOOD, 1, 0),
        ("表姐夫", MarriageLink.BLOOD_SPOUSE, 2, 2),
        ("外甥女婿", MarriageLink.BLOOD_SPOUSE, 1, 2),
        ("儿媳", MarriageLink.BLOOD_SPOUSE, 0, 1),
        ("连襟", MarriageLink.SPOUSE_BLOOD_SPOUSE, 1, 1),
        ("亲家母", MarriageLink.BLOOD_SPOUSE_BLOOD, 0, 1),
        ("连襟的哥哥", MarriageLink.REMOTE, 1, 1),
    ],
)
def test_marriage_links(term: str, link: MarriageLink, up: int, down: int) -> None:
    """In-laws are read with the place of the marriage: the spouse's side, a relative's spouse, or both."""
    (rel,) = parse_kin_term(term)
    assert isinstance(rel, KinRelation)
    assert (rel.kind, rel.link, rel.up, rel.down) == (KinKind.MARRIAGE, link, up, down)


def test_spouse_and_children_for_the_family_facts() -> None:
    """The 裸官 facts recognise the spouse and the children by the grammar."""
    assert is_spouse("妻子") and is_spouse("老公") and not is_spouse("妻兄") and not is_spouse("大伯")
    assert is_child("长子") and is_child("继女") and not is_child("孙子") and not is_child("女婿")
    assert is_spouse(KinRelation(kind=KinKind.MARRIAGE, link=MarriageLink.SPOUSE))


WORD_OF = {"P": ["父亲", "母亲"], "C": ["儿子", "女儿"], "S": ["哥哥", "妹妹"], "H": ["配偶", "丈夫"]}
paths = st.lists(st.sampled_from("PCSH"), min_size=1, max_size=6)


@given(paths, st.data())
def test_chain_of_words_reads_as_its_path(steps: list[str], data: st.DataObject) -> None:
    """A 称谓 written as 'X的Y的Z' reads as the relation of the path X·Y·Z, whatever the words chosen."""
    term = "的".join(data.draw(st.sampled_from(WORD_OF[s])) for s in steps)
    expected = relation_of_path("".join(steps))
    assert parse_kin_term(term) == (frozenset() if expected is None else frozenset({expected}))


@given(st.lists(st.sampled_from("PCS"), min_size=1, max_size=7))
def test_blood_generation_is_parents_minus_children(steps: list[str]) -> None:
    """On a blood path, the relative's generation is the parent steps minus the child steps."""
    rel = relation_of_path("".join(steps))
    if rel is not None:
        assert rel.generation == steps.count("P") - steps.count("C")
        assert rel.blood_line is (KinLine.DIRECT if 0 in (rel.up, rel.down) else KinLine.COLLATERAL)


@given(st.integers(0, 6), st.integers(0, 6))
def test_three_generation_boundary(up: int, down: int) -> None:
    """A blood relative is inside when direct, or collateral with the ancestor and the relative within 三代."""
    if (up, down) == (0, 0):
        return
    rel = KinRelation(kind=KinKind.BLOOD, up=up, down=down)
    inside = up == 0 or down == 0 or (up <= 2 and down <= 2)
    assert (avoidance_group(rel) is not None) is inside
    # its spouse is a 近姻亲 exactly when it is a 三代以内旁系血亲, a child (子女的配偶) or a parent (step-parent)
    spouse = KinRelation(kind=KinKind.MARRIAGE, link=MarriageLink.BLOOD_SPOUSE, up=up, down=down)
    spouse_inside = (1 <= up <= 2 and 1 <= down <= 2) or (up, down) in {(0, 1), (1, 0)}
    assert (avoidance_group(spouse) is not None) is spouse_inside


@pytest.mark.parametrize(
    ("relation", "message"),
    [
        ({"kind": "blood", "link": "spouse_blood", "up": 1}, "no marriage link"),
        ({"kind": "marriage", "up": 1}, "needs its link"),
        ({"kind": "blood"}, "cannot both be 0"),
        ({"kind": "marriage", "link": "spouse", "up": 1}, "no blood link"),
        ({"kind": "blood", "up": 1, "down": 1, "line": "direct"}, "contradicts"),
        ({"kind": "marriage", "link": "blood_spouse", "up": 1, "in_law_up": 1}, "blood_spouse_blood"),
    ],
)
def test_inconsistent_structured_relation_is_named(
    compliant: dict[str, Any], relation: dict[str, Any], message: str
) -> None:
    """A structured relation that contradicts itself is a CaseError at the relation's path."""
    with pytest.raises(CaseError) as info:
        case_from_mapping(deep_merge(compliant, {"candidate": {"family": [{"relation": relation}]}}))
    assert [p.path for p in info.value.problems] == ["candidate.family[0].relation"]
    assert message in info.value.problems[0].message_en


def test_structured_relation_unknown_field_and_plain_string(compliant: dict[str, Any]) -> None:
    """Extra keys are refused at their path; a plain 称谓 string still loads."""
    with pytest.raises(CaseError) as info:
        case_from_mapping(
            deep_merge(compliant, {"candidate": {"family": [{"relation": {"kind": "blood", "up": 1, "sex": "m"}}]}})
        )
    assert [p.path for p in info.value.problems] == ["candidate.family[0].relation.sex"]
    case = case_from_mapping(deep_merge(compliant, {"candidate": {"family": [{"relation": "表姐夫"}]}}))
    assert case.candidate.family is not None and case.candidate.family[0].relation == "表姐夫"
