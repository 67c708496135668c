"""Kinship terms (称谓) parsed by a grammar into structured relations, and the avoidance groups they fall in.

The four groups are those of 《公务员回避规定（试行）》(2011) 第五条, which 《领导干部任职回避暂行规定》(2006)
第三条 and 《公务员法》(2018) 第七十四条 name: （一）夫妻关系；（二）直系血亲关系，包括祖父母、外祖父母、父母、子女、
孙子女、外孙子女；（三）三代以内旁系血亲关系，包括伯叔姑舅姨、兄弟姐妹、堂兄弟姐妹、表兄弟姐妹、侄子女、甥子女；
（四）近姻亲关系，包括配偶的父母、配偶的兄弟姐妹及其配偶、子女的配偶及子女配偶的父母、三代以内旁系血亲的配偶。

**Grammar.**  A 称谓 is read as a chain of kin words, each a path of steps P (parent), C (child), S (sibling),
H (spouse); ``X的Y`` and the compound ``XY`` both mean "Y of X" (妻兄 = 妻 H + 兄 S, 姐夫 = 姐 S + 夫 H, 外甥女婿
= 外甥女 SC + 婿 H, 子女配偶的父母 = 子女 C + 配偶 H + 父母 P).  堂/表 before a word put its sibling step one
generation further out (兄 S → 堂兄 P·S·C; 叔 PS → 堂叔 PPSC; 侄 SC → 表侄 PSCC).  Ordinals (大, 二 … 小, 长, 次,
老) are ignored.  Words are matched longest first, so lexicalised compounds win over their parts (姑父 is the
aunt's husband, not 姑 + 父; 大伯子 the husband's elder brother; 外甥女婿 = 外甥女 + 婿).  ``A及其B`` reads as A
and A's B; ``A及B`` as A and B; a trailing 关系 is dropped.  A word with two readings (弟妹: a younger
brother's wife, or younger siblings; 大伯: the father's elder brother, or the husband's) yields both; the
avoidance rule decides only when every reading falls on the same side.

**Counting "三代以内".**  The path reduces to ``up`` generations to the common ancestor and ``down`` from it
(:class:`~cadre_rules.records.KinRelation`).  Counting the candidate as the first generation, 三代以内 means the
common ancestor is at most the grandparents and the relative at most the ancestor's grandchild: ``up <= 2`` and
``down <= 2``.  So 兄弟姐妹 (1, 1), 伯叔姑舅姨 (2, 1), 堂/表兄弟姐妹 (2, 2), 侄子女/甥子女 (1, 2) are inside;
堂侄/表侄 (2, 3), 侄孙 (1, 3), 堂叔/表叔/表舅 (3, 2), 叔祖 (3, 1) and 堂叔伯的子女's children (3, 4) are outside.

**Decisions on the text (each tested in tests/facts/test_kinship.py).**
* 直系血亲 is not limited by generations: 曾祖父母 and 曾孙子女 are 直系血亲 (第五条（二）'s list is "包括").
* Adoptive and step relations: 养父母/养子女 are 拟制血亲 and count as blood.  继父母/继子女 are read as 父母/子女
  (民法典 第一千零七十二条 applies the parent-child rules where there is 抚养教育; the record cannot show it, so
  the stricter reading is taken); 配偶的子女 and 父母的配偶 are read the same way.
* 近姻亲 is the list of 第五条（四） exactly: 配偶的父母 (1, 0); 配偶的兄弟姐妹 (1, 1) and their spouses (连襟, 妯娌);
  子女的配偶 (儿媳, 女婿); 子女配偶的父母 (亲家); the spouse of any 三代以内旁系血亲 (嫂, 弟媳, 姐夫, 妹夫, 伯母, 婶,
  姑父, 姨父, 舅母, 侄媳, 侄女婿, 甥媳, 外甥女婿, 表姐夫, 堂嫂 …).  Other in-laws are outside: 配偶的祖父母,
  配偶的伯叔姑舅姨, 配偶的堂/表兄弟姐妹, 配偶的侄子女 (妻侄, 内侄), 孙子女的配偶 (孙媳, 孙女婿), 姐夫的兄弟, 连襟的兄弟.
* A former spouse (前妻, 前夫) is outside: 夫妻关系 ends with the divorce.  Friends, classmates, colleagues and
  the like (朋友, 同学, 同事, 战友, 老乡, 邻居, 干亲) are recognised as not kin.
* Anything else — an unknown word (远房亲戚, 阿姨, 发小), 旁系血亲 or 姻亲 without the degree — is unrecognised:
  the rule is indeterminate naming the relative's ``relation`` field, never silently outside.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from cadre_rules.records._enums import CousinKind, KinKind, KinLine, MarriageLink
from cadre_rules.records._kinship import KinRelation


class AvoidanceGroup(StrEnum):
    """The four relations of 公务员回避规定 第五条 (item number in the value's comment)."""

    SPOUSE = "spouse"  # （一）夫妻关系
    DIRECT_BLOOD = "direct_blood"  # （二）直系血亲关系
    COLLATERAL_BLOOD = "collateral_blood"  # （三）三代以内旁系血亲关系
    CLOSE_IN_LAW = "close_in_law"  # （四）近姻亲关系


class NotKin(StrEnum):
    """A 称谓 recognised as outside kinship (a friend, a former spouse …)."""

    NOT_KIN = "not_kin"


Reading = KinRelation | AvoidanceGroup | NotKin
"""One reading of a 称谓: a structured relation, a group named directly (直系血亲), or not kin."""

GROUP_ITEM = {
    AvoidanceGroup.SPOUSE: 1,
    AvoidanceGroup.DIRECT_BLOOD: 2,
    AvoidanceGroup.COLLATERAL_BLOOD: 3,
    AvoidanceGroup.CLOSE_IN_LAW: 4,
}
"""The item of 公务员回避规定 第五条 that names each group."""

# --- lexicon: word -> its readings, each a path over P (parent), C (child), S (sibling), H (spouse) ---

_WORDS: dict[str, tuple[str, ...]] = {}


def _add(paths: str | tuple[str, ...], *words: str) -> None:
    for word in words:
        _WORDS[word] = (paths,) if isinstance(paths, str) else paths


_add("H", "配偶", "妻子", "丈夫", "妻", "夫", "爱人", "老婆", "老公", "夫人", "媳妇", "老伴", "内", "婿", "媳")
_add("P", "父亲", "母亲", "父", "母", "父母", "爸爸", "妈妈", "爸", "妈", "双亲", "养父", "养母", "养父母")
_add("P", "继父", "继母", "继父母")
_add("PP", "祖父", "祖母", "祖父母", "爷爷", "奶奶", "外祖父", "外祖母", "外祖父母", "外公", "外婆", "姥爷", "姥姥")
_add("PPP", "曾祖父", "曾祖母", "曾祖父母", "外曾祖父", "外曾祖母", "外曾祖父母", "太爷爷", "太奶奶")
_add("C", "子女", "儿女", "儿子", "女儿", "子", "女", "儿", "闺女", "独生子", "独生女", "独子")
_add("C", "养子", "养女", "养子女", "继子", "继女", "继子女")
_add("CC", "孙子", "孙女", "孙子女", "孙", "外孙", "外孙子", "外孙女", "外孙子女")
_add("CCC", "曾孙", "曾孙子", "曾孙女", "曾孙子女", "重孙", "重孙子", "重孙女", "曾外孙", "曾外孙女")
_add("S", "兄弟姐妹", "兄弟", "姐妹", "兄妹", "姐弟", "兄", "弟", "姐", "妹", "哥", "哥哥", "弟弟", "姐姐", "妹妹")
_add("S", "胞兄", "胞弟", "胞姐", "胞妹", "兄长", "姊妹", "姊")
_add("PS", "伯叔姑舅姨", "伯叔", "伯", "叔", "姑", "舅", "姨", "伯父", "伯伯", "叔父", "叔叔", "姑母", "姑姑")
_add("PS", "姑妈", "舅父", "舅舅", "姨母", "姨妈", "母舅")
_add("PPS", "伯祖", "伯祖父", "叔祖", "叔祖父", "伯公", "叔公", "舅公", "姑婆", "姨婆", "姑奶奶", "舅爷")
_add(("PS", "HS"), "大伯")  # the father's elder brother, or colloquially the husband's
_add("PSH", "伯母", "大娘", "婶", "婶婶", "婶母", "婶子", "舅母", "舅妈", "姑父", "姑丈", "姨父", "姨丈")
_add("SC", "侄", "侄子", "侄女", "侄儿", "侄子女", "甥", "甥女", "外甥", "外甥女", "甥子女", "外甥子女")
_add("SCC", "侄孙", "侄孙子", "侄孙女", "甥孙", "甥孙女", "外甥孙", "外甥孙女")
_add("SH", "嫂", "嫂子", "嫂嫂")
_add(("SH", "S"), "弟妹")  # a younger brother's wife, or younger brothers and sisters
_add("HP", "岳父", "岳母", "岳父母", "丈人", "丈母娘", "老丈人", "公公", "婆婆", "公婆")
_add("HS", "大伯子", "小叔子", "大姑子", "小姑子", "大舅子", "小舅子", "舅子", "妻舅", "大姨子", "小姨子")
_add("HSH", "连襟", "襟兄", "襟弟", "妯娌")
_add("CH", "儿媳", "儿媳妇", "女婿")
_add("CHP", "亲家", "亲家公", "亲家母")

_PREFIXES = {"堂": CousinKind.TANG, "表": CousinKind.BIAO}
_ORDINALS = frozenset("大二三四五六七八九十小长次幺老")
_JOINERS = frozenset({"的"})

_GROUP_NAMES: dict[str, AvoidanceGroup] = {
    "夫妻": AvoidanceGroup.SPOUSE,
    "直系血亲": AvoidanceGroup.DIRECT_BLOOD,
    "三代以内旁系血亲": AvoidanceGroup.COLLATERAL_BLOOD,
    "近姻亲": AvoidanceGroup.CLOSE_IN_LAW,
    "三代以内旁系血亲的配偶": AvoidanceGroup.CLOSE_IN_LAW,
}
_NOT_KIN = frozenset(
    {
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
    }
)

_BOUND = frozenset({"内", "婿", "媳"})
"""Morphemes that occur only inside a compound (内兄, 女婿, 儿媳), never as a 称谓 alone."""

_SOLO = frozenset({"子", "女", "儿"})
"""Single characters that mean a child only standing alone (长子, 次女): in a chain they make no 称谓 (女子, 母子)."""

_MAX_WORD = max(len(w) for w in _WORDS)


@dataclass(frozen=True)
class _Token:
    word: str
    cousin: CousinKind | None = None


def _segmentation(text: str) -> list[_Token] | None:
    """The segmentation of ``text`` into words, longest word first at each position (backtracking only when
    the rest cannot be segmented at all); None when there is none."""

    def walk(i: int, cousin: CousinKind | None) -> list[_Token] | None:
        if i == len(text):
            return [] if cousin is None else None
        for size in range(min(_MAX_WORD, len(text) - i), 0, -1):
            word = text[i : i + size]
            if word in _WORDS:
                rest = walk(i + size, None)
                if rest is not None:
                    return [_Token(word, cousin), *rest]
        ch = text[i]
        if cousin is None and ch in _PREFIXES:
            return walk(i + 1, _PREFIXES[ch])
        if cousin is None and (ch in _ORDINALS or ch in _JOINERS):
            return walk(i + 1, None)
        return None

    return walk(0, None)


def _widen(path: str) -> str | None:
    """堂/表: the first sibling step becomes parent's sibling's child (one generation further out)."""
    i = path.find("S")
    return None if i < 0 else path[:i] + "PSC" + path[i + 1 :]


def _reduce(steps: str) -> tuple[int, int] | None:
    """(up, down) of a blood path; None when it returns to the starting person (e.g. 子女的父母)."""
    up = down = 0
    for step in steps:
        if step == "C":
            down += 1
        elif step == "P":
            if down > 0:
                down -= 1
            else:
                up += 1
        elif step == "S" and down == 0:  # a sibling of a descendant of the ancestor stays at its depth
            up, down = up + 1, 1
        if (up, down) == (0, 0):
            return None
    return up, down


def relation_of_path(path: str, cousin: CousinKind | None = None) -> KinRelation | None:
    """The structured relation of a path over P/C/S/H; None when the path is not a relation to another person."""
    parts = path.split("H")
    marriages = len(parts) - 1
    blood = [_reduce(p) if p else (0, 0) for p in parts]
    if any(b is None for b in blood):
        return None
    segs = [b for b in blood if b is not None]
    # an empty segment between two marriages (spouse's spouse) returns to the start
    if any(seg == (0, 0) for seg in segs[1:-1]):
        return None
    if marriages == 0:
        up, down = segs[0]
        return KinRelation(kind=KinKind.BLOOD, up=up, down=down, cousin=cousin)
    first, last = segs[0], segs[-1]
    if marriages == 1:
        if first == (0, 0) and last == (0, 0):
            return KinRelation(kind=KinKind.MARRIAGE, link=MarriageLink.SPOUSE)
        if first == (0, 0):
            return KinRelation(
                kind=KinKind.MARRIAGE, link=MarriageLink.SPOUSE_BLOOD, up=last[0], down=last[1], cousin=cousin
            )
        if last == (0, 0):
            return KinRelation(
                kind=KinKind.MARRIAGE, link=MarriageLink.BLOOD_SPOUSE, up=first[0], down=first[1], cousin=cousin
            )
        return KinRelation(
            kind=KinKind.MARRIAGE,
            link=MarriageLink.BLOOD_SPOUSE_BLOOD,
            up=first[0],
            down=first[1],
            in_law_up=last[0],
            in_law_down=last[1],
            cousin=cousin,
        )
    if marriages == 2 and first == (0, 0) and last == (0, 0):
        middle = segs[1]
        return KinRelation(
            kind=KinKind.MARRIAGE, link=MarriageLink.SPOUSE_BLOOD_SPOUSE, up=middle[0], down=middle[1], cousin=cousin
        )
    up, down = next(s for s in segs if s != (0, 0))
    return KinRelation(kind=KinKind.MARRIAGE, link=MarriageLink.REMOTE, up=up, down=down, cousin=cousin)


def _readings_of_term(text: str) -> frozenset[Reading]:
    if text in _GROUP_NAMES:
        return frozenset({_GROUP_NAMES[text]})
    if text in _NOT_KIN:
        return frozenset({NotKin.NOT_KIN})
    tokens = _segmentation(text)
    if not tokens or (len(tokens) == 1 and tokens[0].word in _BOUND):
        return frozenset()
    if len(tokens) > 1 and any(t.word in _SOLO for t in tokens):
        return frozenset()
    options: list[list[tuple[str, CousinKind | None]]] = []
    for token in tokens:
        alternatives = []
        for path in _WORDS[token.word]:
            widened = _widen(path) if token.cousin is not None else path
            if widened is not None:
                alternatives.append((widened, token.cousin))
        options.append(alternatives)
    found: set[Reading] = set()
    for combo in itertools.product(*options):
        cousins = [c for _, c in combo if c is not None]
        rel = relation_of_path("".join(p for p, _ in combo), cousins[-1] if cousins else None)
        if rel is not None:
            found.add(rel)
    return frozenset(found)


@lru_cache(maxsize=4096)
def parse_kin_term(term: str) -> frozenset[Reading]:
    """Every reading of a 称谓 (empty when it is not recognised); see the module docstring for the grammar."""
    text = "".join(term.split()).removesuffix("关系")
    if not text:
        return frozenset()
    if "及其" in text:
        head, _, tail = text.partition("及其")
        first, second = parse_kin_term(head), parse_kin_term(head + "的" + tail)
        return first | second if first and second else frozenset()
    if "及" in text:
        head, _, tail = text.partition("及")
        first, second = parse_kin_term(head), parse_kin_term(tail)
        return first | second if first and second else frozenset()
    return _readings_of_term(text)


def avoidance_group(relation: KinRelation) -> AvoidanceGroup | None:
    """The group of 第五条 a structured relation falls in, or None when it is outside all four."""
    up, down = relation.up, relation.down
    within_three = 1 <= up <= 2 and 1 <= down <= 2
    direct = relation.blood_line is KinLine.DIRECT
    match relation.link:
        case None:
            return AvoidanceGroup.DIRECT_BLOOD if direct else AvoidanceGroup.COLLATERAL_BLOOD if within_three else None
        case MarriageLink.SPOUSE:
            return AvoidanceGroup.SPOUSE
        case MarriageLink.SPOUSE_BLOOD:
            if (up, down) == (0, 1):  # 配偶的子女: a stepchild, read as 子女
                return AvoidanceGroup.DIRECT_BLOOD
            return AvoidanceGroup.CLOSE_IN_LAW if (up, down) in {(1, 0), (1, 1)} else None
        case MarriageLink.BLOOD_SPOUSE:
            if (up, down) == (1, 0):  # 父母的配偶: a step-parent, read as 父母
                return AvoidanceGroup.DIRECT_BLOOD
            return AvoidanceGroup.CLOSE_IN_LAW if (up, down) == (0, 1) or within_three else None
        case MarriageLink.SPOUSE_BLOOD_SPOUSE:
            return AvoidanceGroup.CLOSE_IN_LAW if (up, down) == (1, 1) else None
        case MarriageLink.BLOOD_SPOUSE_BLOOD:
            pair = ((up, down), (relation.in_law_up, relation.in_law_down))
            return AvoidanceGroup.CLOSE_IN_LAW if pair == ((0, 1), (1, 0)) else None
        case _:
            return None


def group_of_reading(reading: Reading) -> AvoidanceGroup | None:
    """The group of one reading (None: outside the four groups)."""
    if isinstance(reading, AvoidanceGroup):
        return reading
    if isinstance(reading, NotKin):
        return None
    return avoidance_group(reading)


def readings(relation: str | KinRelation) -> frozenset[Reading]:
    """The readings of a recorded relation: the structured one itself, or the parse of the 称谓."""
    return frozenset({relation}) if isinstance(relation, KinRelation) else parse_kin_term(relation)


def within_avoidance(relation: str | KinRelation) -> bool | None:
    """True inside the four groups, False outside, None when unrecognised or its readings disagree."""
    found = readings(relation)
    sides = {group_of_reading(r) is not None for r in found}
    return sides.pop() if len(sides) == 1 else None


def is_spouse(relation: str | KinRelation) -> bool:
    """Every reading is the spouse (配偶)."""
    found = readings(relation)
    return bool(found) and all(group_of_reading(r) is AvoidanceGroup.SPOUSE for r in found)


def is_child(relation: str | KinRelation) -> bool:
    """Every reading is a child (子女, adoptive and step children included)."""
    found = readings(relation)
    return bool(found) and all(
        isinstance(r, KinRelation) and (r.up, r.down) == (0, 1) and r.link in (None, MarriageLink.SPOUSE_BLOOD)
        for r in found
    )
