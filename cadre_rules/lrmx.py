"""Import a 干部任免审批表 exchange file (``.lrmx``, the 任免审批表编辑器 3.x format) into a case's candidate.

The file is read with a hardened XML parser (defusedxml: no DTD, no entities, no external references) and a
size bound; anything malformed or hostile is a :class:`~cadre_rules.CaseError`. Each form field is mapped to
the :class:`~cadre_rules.records.Candidate` field that means the same thing (../shared/reference
cadre-records.md §1); what the form does not say precisely enough is left unrecorded and named in the
import's ``notes`` rather than guessed.

The 简历 is parsed into :class:`~cadre_rules.records.CareerEntry` lines. The case model reads a line
without a ``tier`` as *not* a leadership post, so the career is written into the candidate only when the
level of every work line is known from its title (a small explicit table: the 2019 职级, 股长/副股长, and
posts that are not leadership posts such as 科员). Otherwise it is kept as ``career_draft`` for the user to
complete, and ``candidate.career`` stays unrecorded (the rules that need it are indeterminate).

The older ``.lrm`` (任免审批表 2.0, GB2312 text) is not read: the reference does not give its field order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import yaml
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from pydantic import ValidationError
from stdnum.cn import ric
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidLength
from stdnum.exceptions import ValidationError as IdError

from cadre_rules._errors import CaseError, Problem, mask_id, mask_ids
from cadre_rules._files import load_data, read_bytes
from cadre_rules.facts._kinship import parse_kin_term
from cadre_rules.records import (
    Assessment,
    AssessmentGrade,
    Candidate,
    CareerEntry,
    Case,
    Degree,
    EducationLevel,
    EducationMode,
    Gender,
    Grade,
    MonthDate,
    Relative,
    Role,
    Tier,
    case_from_mapping,
)
from cadre_rules.records._load import problems_from_validation

MAX_LRMX_BYTES = 5 * 1024 * 1024
"""The largest ``.lrmx`` read (5 MB: a form with its photo is well under 1 MB); a larger file is refused."""

PERSON_ELEMENTS: dict[str, str] = {
    "XingMing": "姓名",
    "XingBie": "性别",
    "ChuShengNianYue": "出生年月",
    "MinZu": "民族",
    "JiGuan": "籍贯",
    "ChuShengDi": "出生地",
    "RuDangShiJian": "入党时间",
    "CanJiaGongZuoShiJian": "参加工作时间",
    "DaoLingNianYue": "到龄年月",
    "JianKangZhuangKuang": "健康状况",
    "ZhuanYeJiShuZhiWu": "专业技术职务",
    "ShuXiZhuanYeYouHeZhuanChang": "熟悉专业有何专长",
    "QuanRiZhiJiaoYu_XueLi": "全日制教育学历",
    "QuanRiZhiJiaoYu_XueWei": "全日制教育学位",
    "QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi": "全日制教育毕业院校系及专业（学历）",
    "QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi": "全日制教育毕业院校系及专业（学位）",
    "ZaiZhiJiaoYu_XueLi": "在职教育学历",
    "ZaiZhiJiaoYu_XueWei": "在职教育学位",
    "ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi": "在职教育毕业院校系及专业（学历）",
    "ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi": "在职教育毕业院校系及专业（学位）",
    "XianRenZhiWu": "现任职务",
    "NiRenZhiWu": "拟任职务",
    "NiMianZhiWu": "拟免职务",
    "JianLi": "简历",
    "JiangChengQingKuang": "奖惩情况",
    "NianDuKaoHeJieGuo": "年度考核结果",
    "RenMianLiYou": "任免理由",
    "JiaTingChengYuan": "家庭主要成员及重要社会关系",
    "ChengBaoDanWei": "呈报单位",
    "GaiGeQianRenZhiNianLingJieXian": "改革前任职年龄界限",
    "JiSuanNianLingShiJian": "计算年龄时间",
    "TianBiaoShiJian": "填表时间",
    "TianBiaoRen": "填表人",
    "ShenFenZheng": "身份证号",
    "ZhaoPian": "照片",
    "Version": "版本",
    "ZhengZhiMianMao": "政治面貌",
}
"""Every element of ``<Person>`` the reader knows (cadre-records.md §1.2), with its label on the form."""

FAMILY_ELEMENTS: dict[str, str] = {
    "ChengWei": "称谓",
    "XingMing": "姓名",
    "ChuShengRiQi": "出生年月",
    "ZhengZhiMianMao": "政治面貌",
    "GongZuoDanWeiJiZhiWu": "工作单位及职务",
}
"""The elements of a ``JiaTingChengYuan/Item`` (cadre-records.md §1.7)."""

# Elements read into the candidate; every other non-empty element is named in the notes as not mapped.
_MAPPED = {
    "XingMing",
    "XingBie",
    "ChuShengNianYue",
    "MinZu",
    "RuDangShiJian",
    "CanJiaGongZuoShiJian",
    "JianKangZhuangKuang",
    "JianLi",
    "NianDuKaoHeJieGuo",
    "JiaTingChengYuan",
    "ShenFenZheng",
    "XianRenZhiWu",
    "NiRenZhiWu",
}
_EDUCATION_PREFIXES = {"QuanRiZhiJiaoYu": EducationMode.FULL_TIME, "ZaiZhiJiaoYu": EducationMode.IN_SERVICE}
_MAPPED |= {f"{p}_{s}" for p in _EDUCATION_PREFIXES for s in ("XueLi", "XueWei", "XueLi_BiYeYuanXiaoXi")}
_MAPPED |= {f"{p}_XueWei_BiYeYuanXiaoXi" for p in _EDUCATION_PREFIXES}
# Administrative elements of the form itself: not facts about the candidate, so not reported as unmapped.
_FORM_ONLY = {"Version", "TianBiaoRen", "TianBiaoShiJian", "JiSuanNianLingShiJian", "ZhaoPian", "ChengBaoDanWei"}

# Full-width ASCII (U+FF01..U+FF5E) and the ideographic space read as ASCII, one character for one, so that
# positions in the translated text are positions in the original.
_HALF_WIDTH = {0xFF01 + i: 0x21 + i for i in range(0x5E)} | {0x3000: 0x20}
_DASHES = "-‐‑‒–—―－～~〜"
_DATE = r"(\d{4})\s*(?:[./年]\s*(\d{1,2})\s*月?|(\d{2}))"
# groups: 1-3 start (year, month, compact month); 4 separator; 5-7 end; 8 至今 after a separator;
# 9 至今 straight after the start; 10 the description
_RESUME_LINE = re.compile(rf"^\s*{_DATE}\s*(?:([{_DASHES}]+|至)\s*(?:{_DATE}|(至今|今))?|(至今))?\s*(.*)$", re.DOTALL)
_STARTS_WITH_DATE = re.compile(r"^\s*\d{4}")
_INTERIM = re.compile(r"[（(]\s*(?:[其期]间\s*[：:]?)?\s*(\d{4}[^（()）]*?)[)）]")
_STUDY_WORDS = (
    "学习",
    "进修",
    "就读",
    "读书",
    "中专",
    "大专",
    "本科",
    "研究生",
    "学位",
    "毕业",
    "硕士",
    "博士",
    "学生",
)
_WORK_WORDS = ("工作", "教师", "讲师", "教授", "博士后", "任", "科员", "干部", "职员", "长", "书记", "主任")
_DATE_TEXT = re.compile(r"^\s*(\d{4})\s*[-./年]?\s*(\d{1,2})\s*月?\s*(?:[-./]?\s*(\d{1,2})\s*日?)?\s*$")

# Titles whose level does not depend on the unit (cadre-records.md §4): the 2019 职级, the 股级 posts, and
# posts that are not leadership posts. Longest first, so 副股长 is not read as 股长.
_GRADE_TITLES: dict[str, Grade] = {
    "一级巡视员": Grade.LEVEL1_INSPECTOR,
    "二级巡视员": Grade.LEVEL2_INSPECTOR,
    "一级调研员": Grade.LEVEL1_RESEARCHER,
    "二级调研员": Grade.LEVEL2_RESEARCHER,
    "三级调研员": Grade.LEVEL3_RESEARCHER,
    "四级调研员": Grade.LEVEL4_RESEARCHER,
    "一级主任科员": Grade.LEVEL1_PRINCIPAL_STAFF,
    "二级主任科员": Grade.LEVEL2_PRINCIPAL_STAFF,
    "三级主任科员": Grade.LEVEL3_PRINCIPAL_STAFF,
    "四级主任科员": Grade.LEVEL4_PRINCIPAL_STAFF,
    "一级科员": Grade.LEVEL1_STAFF,
    "二级科员": Grade.LEVEL2_STAFF,
}
_LEVEL_TITLES: dict[str, tuple[Tier, Role]] = {
    "副股长": (Tier.SECTION_UNIT, Role.DEPUTY),
    "股长": (Tier.SECTION_UNIT, Role.PRINCIPAL),
}
# Not leadership posts (领导职务): the pre-2019 非领导职务 and plain staff posts. A title ending in one of
# these is recorded without a level, which the case model reads as "not a leadership post".
_NON_LEADERSHIP_TITLES = (
    "副主任科员",
    "主任科员",
    "副调研员",
    "调研员",
    "巡视员",
    "副巡视员",
    "科员",
    "办事员",
    "职员",
)
_TITLE_SPLIT = re.compile(r"[、，,；;]|兼任?")

_LEVEL_WORDS: dict[str, EducationLevel] = {
    "研究生": EducationLevel.POSTGRADUATE,
    "研究生班": EducationLevel.POSTGRADUATE,
    "博士研究生": EducationLevel.POSTGRADUATE,
    "硕士研究生": EducationLevel.POSTGRADUATE,
    "中央党校研究生": EducationLevel.POSTGRADUATE,
    "省委党校研究生": EducationLevel.POSTGRADUATE,
    "省（区、市）委党校研究生": EducationLevel.POSTGRADUATE,
    "大学": EducationLevel.UNDERGRADUATE,
    "大学本科": EducationLevel.UNDERGRADUATE,
    "本科": EducationLevel.UNDERGRADUATE,
    "中央党校大学": EducationLevel.UNDERGRADUATE,
    "省委党校大学": EducationLevel.UNDERGRADUATE,
    "省（区、市）委党校大学": EducationLevel.UNDERGRADUATE,
    "大专": EducationLevel.JUNIOR_COLLEGE,
    "大学专科": EducationLevel.JUNIOR_COLLEGE,
    "专科": EducationLevel.JUNIOR_COLLEGE,
    "大学普通班": EducationLevel.JUNIOR_COLLEGE,
    "中央党校大专": EducationLevel.JUNIOR_COLLEGE,
    "省委党校大专": EducationLevel.JUNIOR_COLLEGE,
    "省（区、市）委党校大专": EducationLevel.JUNIOR_COLLEGE,
    "中专": EducationLevel.SECONDARY_VOCATIONAL,
    "中技": EducationLevel.SECONDARY_VOCATIONAL,
    "高中": EducationLevel.HIGH_SCHOOL,
    "初中": EducationLevel.JUNIOR_MIDDLE,
    "小学": EducationLevel.PRIMARY,
}
"""学历 words of the ZB64 code table (cadre-records.md §1.8) and their common spelled-out forms."""

_ASSESSMENT_TOKEN = re.compile(r"(\d{4})|(基本称职|不称职|不定等次|称职|优秀)|(至|到|[-—～~－])")
_ASSESSMENT_GRADES = {
    "优秀": AssessmentGrade.EXCELLENT,
    "称职": AssessmentGrade.COMPETENT,
    "基本称职": AssessmentGrade.BASICALLY_COMPETENT,
    "不称职": AssessmentGrade.INCOMPETENT,
    "不定等次": AssessmentGrade.NOT_GRADED,
}
_GENDER_ZH = {Gender.MALE: "男", Gender.FEMALE: "女"}
_NON_CPC = ("民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟", "无党派", "群众", "共青团员")
_DECEASED = ("去世", "已故", "病故", "逝世", "亡故")
_ABROAD = ("移居", "定居", "移民", "国籍", "绿卡")
_NIL = {"", "无", "暂无", "/", "-", "—"}


def _half_width(text: str) -> str:
    return text.translate(_HALF_WIDTH)


def _note(path: str, en: str, zh: str) -> Problem:
    # a note quotes the form's text, and an ID number is often typed into the wrong box: masked here, at the
    # source, so every reader of ``notes`` (not only ``Problem.render``) sees no full ID number
    return Problem(mask_ids(path), mask_ids(en), mask_ids(zh))


@dataclass(frozen=True)
class LrmxImport:
    """What a ``.lrmx`` gave: the candidate, the 简历 lines when their levels are incomplete, and the notes.

    ``notes`` names every element or 简历 line that could not be mapped into the candidate, and every value
    that was refused (such as an ID number with a wrong check digit); ``proposed_post`` is the 拟任职务 text.
    """

    candidate: Candidate
    notes: list[Problem] = field(default_factory=list)
    career_draft: list[CareerEntry] | None = None
    proposed_post: str | None = None
    source: str = ""

    def candidate_mapping(self) -> dict[str, Any]:
        """The candidate as plain data (dates as ``YYYY-MM`` for a month, ``YYYY-MM-DD`` for a day)."""
        return self.candidate.model_dump(mode="json", exclude_none=True, exclude_defaults=True)

    def to_yaml(self, *, show_id: bool = False) -> str:
        """The candidate part of a case as YAML (Chinese kept), with the incomplete 简历 lines as a comment.

        Unless ``show_id``, the ID number is left out of the data and shown masked in a comment
        (``110105********123X``), and any other ID number in the text is masked: pass ``show_id=True``
        (``cadre-rules import --show-id``) to write it as data.
        """
        mapping = self.candidate_mapping()
        hidden = None if show_id else mapping.pop("id_number", None)
        head = [
            f"# 由《干部任免审批表》{self.source} 导入 / imported from the 任免审批表 {self.source}".rstrip(),
            "# 请补充 kind、post、procedure，或用 `cadre-rules check --candidate 文件.lrmx 案例.yaml` 合并检查",
            "# complete kind, post and procedure, or merge with `cadre-rules check --candidate FILE.lrmx CASE.yaml`",
        ]
        if self.proposed_post:
            head.append(f"# 拟任职务 / proposed post: {self.proposed_post}")
        body = yaml.safe_dump({"candidate": mapping}, allow_unicode=True, sort_keys=False, width=1000)
        text = "\n".join(head) + "\n" + body
        if hidden is not None:
            text += (
                f"  # id_number: {mask_id(str(hidden))}（已遮蔽，用 --show-id 导出完整号码 / masked: "
                "--show-id writes it in full）\n"
            )
        if self.career_draft:
            text += (
                "  # 简历各行的职务层次（tier/role 或 grade）未能全部从职务名称确定：补全后取消注释\n"
                "  # the level (tier/role or grade) of some 简历 lines is not known from the title: complete, "
                "then uncomment\n"
            )
            draft = yaml.safe_dump(
                {
                    "career": [
                        e.model_dump(mode="json", exclude_none=True, exclude_defaults=True) for e in self.career_draft
                    ]
                },
                allow_unicode=True,
                sort_keys=False,
                width=1000,
            )
            text += "".join(f"  # {line}\n" for line in draft.splitlines())
        return text if show_id else mask_ids(text)


def _refuse(path: str, en: str, zh: str) -> CaseError:
    return CaseError([Problem(path, en, zh)])


def read_lrmx(path: str | Path) -> LrmxImport:
    """Read a ``.lrmx`` file into an :class:`LrmxImport` (candidate, notes on what was not mapped).

    A file that is missing, larger than :data:`MAX_LRMX_BYTES`, not XML, hostile (a DTD, entities, external
    references) or not a 任免审批表 raises :class:`~cadre_rules.CaseError` naming the problem in Chinese and
    English. The older ``.lrm`` format is refused with the same error.
    """
    file = Path(path)
    if file.suffix.lower() == ".lrm":
        raise _refuse(
            str(file),
            "the older .lrm (任免审批表 2.0) format is not supported: save the form as .lrmx in the 任免审批表编辑器",
            "不支持旧版 .lrm（任免审批表 2.0）格式：请在任免审批表编辑器中另存为 .lrmx",
        )
    data = read_bytes(file, limit=MAX_LRMX_BYTES, what=("file", "文件"))
    return parse_lrmx(data, source=file.name)


def parse_lrmx(data: bytes, *, source: str = "") -> LrmxImport:
    """Parse the bytes of a ``.lrmx`` (see :func:`read_lrmx`); ``source`` names the file in messages."""
    where = source or "(lrmx)"
    if len(data) > MAX_LRMX_BYTES:
        raise _refuse(
            where,
            f"file larger than {MAX_LRMX_BYTES // (1024 * 1024)} MB: not a 任免审批表",
            f"文件超过 {MAX_LRMX_BYTES // (1024 * 1024)} MB，不是任免审批表",
        )
    if data[:4] == b"PK\x03\x04":
        raise _refuse(
            where,
            "a zip archive, not a .lrmx (an XML file): unpack it and import the .lrmx inside",
            "这是压缩包而不是 .lrmx（XML 文件）：请解压后导入其中的 .lrmx 文件",
        )
    data = _as_utf8(data, where)
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise _refuse(
            where,
            f"refused: the file declares a DTD, entities or external references ({type(exc).__name__})",
            "拒绝读取：文件含有 DTD、实体或外部引用声明，不是任免审批表编辑器生成的文件",
        ) from None
    except ParseError as exc:
        line, column = exc.position
        raise _refuse(f"{where}:{line}:{column + 1}", f"malformed XML: {exc}", "XML 格式错误") from None
    except (ValueError, LookupError) as exc:  # an unknown or wrong declared encoding
        raise _refuse(where, f"cannot decode the XML: {exc}", "无法解码 XML（编码声明有误）") from None
    return _read_person(root, where)


_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.-]+)["']""")
_CHINESE_ENCODINGS = {b"gb2312", b"gbk", b"gb18030", b"cp936"}


def _as_utf8(data: bytes, where: str) -> bytes:
    """Re-encode a file declared GB2312/GBK/GB18030 (which expat cannot read) as UTF-8; others pass as they are."""
    m = _DECLARED_ENCODING.match(data)
    if m is None or m[1].lower() not in _CHINESE_ENCODINGS:
        return data
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise _refuse(
            where, f"not valid {m[1].decode()} text as declared", f"文件内容与声明的编码 {m[1].decode()} 不符"
        ) from None
    return data[: m.start(1)] + b"utf-8" + text[m.end(1) :].encode("utf-8")  # the declaration is ASCII


def _text(element: Element, path: str) -> str:
    if len(element):
        raise _refuse(path, "expected text, found nested elements", "应为文本，却含有下级元素")
    return (element.text or "").strip()


def _read_person(root: Element, source: str) -> LrmxImport:
    if root.tag != "Person":
        raise _refuse(
            f"{source}: <{root.tag}>",
            "the root element is not <Person>: not a 任免审批表 (.lrmx)",
            "根元素不是 <Person>：不是任免审批表（.lrmx）文件",
        )
    fields: dict[str, str] = {}
    family: Element | None = None
    notes: list[Problem] = []
    for child in root:
        tag = child.tag if isinstance(child.tag, str) else ""
        if not tag:
            continue  # a comment or processing instruction
        if tag in fields or (tag == "JiaTingChengYuan" and family is not None):
            raise _refuse(f"Person/{tag}", "element repeated", "元素重复出现")
        if tag == "JiaTingChengYuan":
            family = child
            fields[tag] = ""
            continue
        value = _text(child, f"Person/{tag}")
        fields[tag] = value
        if tag not in PERSON_ELEMENTS and value:
            notes.append(_note(f"Person/{tag}", "unknown element, not mapped", "未知元素，未导入"))
    reader = _Reader(fields, notes)
    data = reader.candidate_data(family)
    try:
        candidate = Candidate.model_validate(data)
    except ValidationError as exc:
        problems = [Problem(f"candidate.{p.path}", p.message_en, p.message_zh) for p in problems_from_validation(exc)]
        raise CaseError(problems) from None
    proposed = fields.get("NiRenZhiWu") or None
    return LrmxImport(candidate, notes, reader.career_draft, proposed, source)


class _Reader:
    """Maps the text of the form's fields to candidate data, collecting notes on what it could not map."""

    def __init__(self, fields: dict[str, str], notes: list[Problem]) -> None:
        self.fields = fields
        self.notes = notes
        self.career_draft: list[CareerEntry] | None = None

    def _unmapped(self, tag: str, en: str, zh: str) -> None:
        self.notes.append(_note(f"Person/{tag}（{PERSON_ELEMENTS.get(tag, tag)}）", en, zh))

    def _date(self, tag: str) -> date | None:
        text = self.fields.get(tag, "")
        if not text:
            return None
        day = parse_form_date(text)
        if day is None:
            self._unmapped(tag, f"not a date: {text!r}", f"不是日期：{text!r}")
        return day

    def candidate_data(self, family: Element | None) -> dict[str, Any]:
        f = self.fields
        data: dict[str, Any] = {"name": "".join(f.get("XingMing", "").split())}
        if not data["name"]:
            raise _refuse("Person/XingMing（姓名）", "the name is empty", "姓名为空")
        gender = {"男": Gender.MALE, "1": Gender.MALE, "女": Gender.FEMALE, "2": Gender.FEMALE}.get(
            f.get("XingBie", "")
        )
        if gender is not None:
            data["gender"] = gender
        elif f.get("XingBie"):
            self._unmapped("XingBie", f"not 男 or 女: {f['XingBie']!r}", f"不是“男”或“女”：{f['XingBie']!r}")
        data["birth_date"] = self._date("ChuShengNianYue")
        data["work_start_date"] = self._date("CanJiaGongZuoShiJian")
        if f.get("MinZu"):
            data["ethnicity"] = f["MinZu"]
        self._party(data)
        health = f.get("JianKangZhuangKuang", "")
        if health == "健康":
            data["health_fit"] = True
        elif health:
            self._unmapped(
                "JianKangZhuangKuang",
                f"{health!r} does not say whether the body is fit for the duties: health_fit left unrecorded",
                f"“{health}”不能表明是否具有正常履行职责的身体条件：“身体条件”（health_fit）未记载",
            )
        self._id_number(data)
        self._current_post(data)
        data["education"] = self._education()
        self._career(data)
        data["assessments"] = self._assessments()
        data["family"] = self._family(family) if family is not None else None
        for tag, value in f.items():
            if value and tag in PERSON_ELEMENTS and tag not in _MAPPED and tag not in _FORM_ONLY:
                self._unmapped(tag, "the case has no field for it: not imported", "案例中没有对应字段，未导入")
        return {k: v for k, v in data.items() if v is not None}

    def _current_post(self, data: dict[str, Any]) -> None:
        title = self.fields.get("XianRenZhiWu", "")
        if not title:
            return
        level = classify_title(title)
        if "tier" in level:
            data["current_tier"], data["current_role"] = level["tier"], level["role"]
        elif "grade" not in level and not _not_leadership(title):
            self._unmapped(
                "XianRenZhiWu",
                "the level of the current post is not known from its title: current_tier/current_role left unrecorded",
                "不能从现任职务名称确定职务层次：现任职务层次（current_tier、current_role）未记载",
            )

    def _party(self, data: dict[str, Any]) -> None:
        text = self.fields.get("RuDangShiJian", "")
        if not text:
            return
        day = parse_form_date(re.split(r"[；;，,、\s]", _half_width(text), maxsplit=1)[0])
        if day is not None:
            data["party_admission_date"] = day
            data["party_member"] = True
        elif any(word in text for word in _NON_CPC):
            data["party_member"] = False
        else:
            self._unmapped(
                "RuDangShiJian", f"neither a date nor a party name: {text!r}", f"既不是日期也不是党派名称：{text!r}"
            )

    def _id_number(self, data: dict[str, Any]) -> None:
        text = "".join(_half_width(self.fields.get("ShenFenZheng", "")).split()).upper()
        if not text:
            return
        tag = "ShenFenZheng"
        try:
            data["id_number"] = number = ric.validate(text)
        except InvalidChecksum:
            self._unmapped(
                tag,
                "wrong check digit (GB 11643, ISO 7064 MOD 11-2): the ID number is not imported",
                "校验码错误（GB 11643，ISO 7064 MOD 11-2）：身份证号未导入",
            )
        except InvalidLength:
            self._unmapped(tag, "not 18 characters: the ID number is not imported", "不是18位：身份证号未导入")
        except InvalidComponent:
            self._unmapped(
                tag,
                "the birth date or region code in it is impossible: the ID number is not imported",
                "其中的出生日期或地址码不存在：身份证号未导入",
            )
        except IdError:
            self._unmapped(tag, "not an ID number: not imported", "不是身份证号码：未导入")
        else:
            # GB 11643: the sequence code is odd for a man, even for a woman (cadre-records.md §5)
            sex = Gender.MALE if int(number[16]) % 2 else Gender.FEMALE
            if data.get("gender") not in (None, sex):
                self._unmapped(
                    tag,
                    f"the ID number's sequence code says {sex.value}, the form's 性别 says {data['gender'].value}",
                    f"身份证号的顺序码表明性别为“{_GENDER_ZH[sex]}”，与性别栏“{_GENDER_ZH[data['gender']]}”不一致",
                )

    def _education(self) -> list[dict[str, Any]] | None:
        records: list[dict[str, Any]] = []
        complete = True
        for prefix, mode in _EDUCATION_PREFIXES.items():
            level_text = self.fields.get(f"{prefix}_XueLi", "")
            degree_text = self.fields.get(f"{prefix}_XueWei", "")
            school = self.fields.get(f"{prefix}_XueLi_BiYeYuanXiaoXi", "") or self.fields.get(
                f"{prefix}_XueWei_BiYeYuanXiaoXi", ""
            )
            if not level_text and not degree_text:
                continue
            level = education_level(level_text) if level_text else None
            degree = degree_of(degree_text) if degree_text else None
            if degree_text and degree is None:
                self._unmapped(
                    f"{prefix}_XueWei",
                    f"not a 学士/硕士/博士 degree: {degree_text!r}",
                    f"不是学士、硕士或博士学位：{degree_text!r}",
                )
            if level is None:
                what = f"学历 {level_text!r} is not a ZB64 level" if level_text else "a 学位 without a 学历"
                zh = f"学历“{level_text}”不在学历代码表（ZB64）中" if level_text else "只有学位而没有学历"
                self._unmapped(
                    f"{prefix}_XueLi",
                    f"{what}: candidate.education left unrecorded",
                    f"{zh}：学历学位（candidate.education）未记载",
                )
                complete = False
                continue
            institution, major = split_school(school)
            record = {"level": level, "mode": mode, "degree": degree, "institution": institution, "major": major}
            records.append({k: v for k, v in record.items() if v is not None})
        # An empty 学历 box is not "no education"; a column not read leaves the other one misleading alone.
        return records if records and complete else None

    def _career(self, data: dict[str, Any]) -> None:
        text = self.fields.get("JianLi", "")
        if not text:
            return
        entries, problems = parse_resume(text)
        self.notes.extend(problems)
        if not entries:
            return
        open_work = [e for e in entries if e.end is None and e.is_work]
        if len(open_work) == 1 and open_work[0] is entries[-1]:
            data["current_post_start"] = open_work[0].start
        elif self.fields.get("XianRenZhiWu"):
            self._unmapped(
                "XianRenZhiWu",
                "the 简历 has no single open last line for the current post: current_post_start left unrecorded",
                "简历中没有唯一一条未结束的最后一行对应现任职务：现职起始时间（current_post_start）未记载",
            )
        unknown = [e for e in entries if e.is_work and not _level_known(e)]
        for entry in unknown:
            period = f"{entry.start:%Y.%m}--{entry.end:%Y.%m}" if entry.end else f"{entry.start:%Y.%m}--"
            self.notes.append(
                _note(
                    f"Person/JianLi（简历）{period} {entry.title or ''}".rstrip(),
                    "the level (tier/role) is not known from the title: candidate.career left unrecorded "
                    "(the parsed lines are in the draft)",
                    "不能从职务名称确定职务层次：工作经历（candidate.career）未记载（解析结果见草稿）",
                )
            )
        if problems or unknown:
            self.career_draft = entries
            if not unknown:
                self._unmapped(
                    "JianLi",
                    "some 简历 lines could not be read: candidate.career left unrecorded",
                    "部分简历行无法解析：工作经历（candidate.career）未记载",
                )
            return
        data["career"] = entries

    def _assessments(self) -> list[Assessment] | None:
        text = self.fields.get("NianDuKaoHeJieGuo", "")
        if not text or text in _NIL:
            if text:
                self._unmapped(
                    "NianDuKaoHeJieGuo",
                    f"{text!r} is not a list of results: assessments left unrecorded",
                    f"“{text}”不是考核结果：年度考核（assessments）未记载",
                )
            return None
        found, leftover = parse_assessments(text)
        if leftover:
            self._unmapped(
                "NianDuKaoHeJieGuo",
                f"not read: {leftover!r}; assessments left unrecorded",
                f"无法解读：{leftover!r}；年度考核（assessments）未记载",
            )
            return None
        return found

    def _family(self, element: Element) -> list[Relative] | None:
        relatives: list[Relative] = []
        unmapped: dict[str, list[int]] = {}
        for number, item in enumerate((c for c in element if isinstance(c.tag, str)), start=1):
            path = f"JiaTingChengYuan/Item[{number}]"
            if item.tag != "Item":
                raise _refuse(
                    f"Person/{path}", f"expected <Item>, found <{item.tag}>", f"应为 <Item>，实为 <{item.tag}>"
                )
            values: dict[str, str] = {}
            for child in item:
                if not isinstance(child.tag, str):
                    continue
                if child.tag in values:
                    raise _refuse(f"Person/{path}/{child.tag}", "element repeated", "元素重复出现")
                values[child.tag] = _text(child, f"Person/{path}/{child.tag}")
            if not any(values.values()):
                continue
            relation = "".join(values.get("ChengWei", "").split())
            if not relation:
                self.notes.append(
                    _note(
                        f"Person/{path}/ChengWei（称谓）",
                        "no 称谓: this relative is not imported",
                        "缺少称谓：此成员未导入",
                    )
                )
                continue
            if not parse_kin_term(relation):
                self.notes.append(
                    _note(
                        f"Person/{path}/ChengWei（称谓）",
                        f"{relation!r} is not a 称谓 the kinship rules read: they may be indeterminate",
                        f"“{relation}”不是可识别的称谓：任职回避规则可能无法判断",
                    )
                )
            work = values.get("GongZuoDanWeiJiZhiWu", "")
            relative: dict[str, Any] = {"relation": relation, "name": values.get("XingMing") or None}
            if work and work not in _NIL:
                relative["organisation"] = work
            if any(word in work for word in _DECEASED):
                relative["same_organ"] = False
            elif any(word in work for word in _ABROAD):
                self.notes.append(
                    _note(
                        f"Person/{path}/GongZuoDanWeiJiZhiWu（工作单位及职务）",
                        f"{work!r} may say the relative emigrated: record emigrated by hand",
                        f"“{work}”可能表明已移居国（境）外：请手工填写是否已移居国（境）外（emigrated）",
                    )
                )
            for tag, value in values.items():
                if value and tag not in ("ChengWei", "XingMing", "GongZuoDanWeiJiZhiWu"):
                    unmapped.setdefault(tag, []).append(number)
            relatives.append(Relative.model_validate({k: v for k, v in relative.items() if v is not None}))
        if not relatives:
            return None  # an empty table (the editor writes ten blank rows) records nothing
        for tag, numbers in unmapped.items():
            label = FAMILY_ELEMENTS.get(tag, tag)
            items = ",".join(str(n) for n in numbers)
            known = tag in FAMILY_ELEMENTS
            self.notes.append(
                _note(
                    f"Person/JiaTingChengYuan/Item[{items}]/{tag}（{label}）",
                    "the case has no field for it: not imported" if known else "unknown element, not mapped",
                    "案例中没有对应字段，未导入" if known else "未知元素，未导入",
                )
            )
        return relatives


def _level_known(entry: CareerEntry) -> bool:
    return entry.grade is not None or entry.tier is not None or _not_leadership(entry.title or "")


def _parts(title: str) -> list[str]:
    return [p.strip() for p in _TITLE_SPLIT.split(title) if p.strip()]


def _not_leadership(title: str) -> bool:
    parts = _parts(title)
    return bool(parts) and all(
        p.endswith(_NON_LEADERSHIP_TITLES) and not p.endswith(tuple(_GRADE_TITLES)) for p in parts
    )


def classify_title(title: str) -> dict[str, Any]:
    """The level a 简历 title gives unambiguously: ``{"grade": …}``, ``{"tier": …, "role": …}`` or ``{}``.

    Only titles whose level does not depend on the unit are classified (the 2019 职级 such as 四级调研员,
    股长, 副股长); 副局长, 镇长 or 副县长 are left unclassified, since the level of the unit (and a 高配)
    decides theirs. A title of several posts (``、``, ``兼``) is classified only when one post carries a level
    and the others are not leadership posts.
    """
    levels: list[dict[str, Any]] = []
    for part in _parts(title):
        grade = next((g for word, g in _GRADE_TITLES.items() if part.endswith(word)), None)
        if grade is not None:
            levels.append({"grade": grade})
            continue
        level = next((lv for word, lv in _LEVEL_TITLES.items() if part.endswith(word)), None)
        if level is not None:
            levels.append({"tier": level[0], "role": level[1]})
        elif not part.endswith(_NON_LEADERSHIP_TITLES):
            return {}
    return levels[0] if len(levels) == 1 else {}


def parse_form_date(text: str) -> date | None:
    """A date of the form: ``yyyyMM``, ``yyyy.MM``, ``yyyy-MM``, ``yyyy年M月`` (a :class:`MonthDate`) or
    ``yyyyMMdd``, ``yyyy.MM.dd`` (a day); None when the text is not a date."""
    m = _DATE_TEXT.match(_half_width(text))
    if m is None:
        return None
    digits = re.sub(r"\D", "", _half_width(text))
    year, month = int(m[1]), int(m[2])
    day = m[3]
    if len(digits) == 8 and day is None:  # yyyyMMdd read as yyyy MM + dd
        year, month, day = int(digits[:4]), int(digits[4:6]), digits[6:]
    try:
        if day is None:
            return MonthDate(year, month, 1)
        return date(year, month, int(day))
    except ValueError:
        return None


def education_level(text: str) -> EducationLevel | None:
    """The 学历 level of a form's 学历 cell (ZB64 words; 毕业/结业/肄业 suffix ignored only for 毕业)."""
    word = "".join(_half_width(text).split()).replace("(", "（").replace(")", "）").removesuffix("毕业")
    return _LEVEL_WORDS.get(word)


def degree_of(text: str) -> Degree | None:
    """The degree of a 学位 cell: a name ending in 学士, 硕士 or 博士 (名誉博士 is not an earned degree)."""
    word = "".join(text.split())
    if word.startswith("名誉"):
        return None
    for suffix, degree in (("学士", Degree.BACHELOR), ("硕士", Degree.MASTER), ("博士", Degree.DOCTOR)):
        if word.endswith(suffix) or word.endswith(suffix + "学位"):
            return degree
    return None


_SCHOOL_END = re.compile(r"^(.+?(?:大学|党校|学院|学校))(.*)$")


def split_school(text: str) -> tuple[str | None, str | None]:
    """Split 毕业院校系及专业 into the institution and the major: ``某某大学经济学院经济学专业`` →
    (某某大学, 经济学). Text that does not end in 专业 keeps only the institution, the rest being unknown."""
    text = "".join(text.split())
    if not text:
        return None, None
    m = _SCHOOL_END.match(text)
    if m is None:
        return text, None
    institution, rest = m[1], m[2]
    if not rest.endswith("专业"):
        return institution, None
    major = re.sub(r"^.*(?:学院|系|研究所|研究院)", "", rest).removesuffix("专业")
    return institution, major or None


def parse_assessments(text: str) -> tuple[list[Assessment], str]:
    """Read 年度考核结果 text into assessments: each year (or range ``2021至2023年``, list ``2021、2022年``)
    takes the next grade word. Returns the assessments and the text that could not be read ('' when all was).
    """
    normal = _half_width(text)
    pending: list[int] = []
    result: dict[int, AssessmentGrade] = {}
    leftover: list[str] = []
    range_from: int | None = None
    for m in _ASSESSMENT_TOKEN.finditer(normal):
        if m[1]:
            year = int(m[1])
            if range_from is not None and range_from < year:
                pending.extend(range(range_from + 1, year + 1))
            else:
                pending.append(year)
            range_from = None
        elif m[3]:
            range_from = pending[-1] if pending else None
        else:
            grade = _ASSESSMENT_GRADES[m[2]]
            if not pending:
                leftover.append(m[2])
            for year in pending:
                if result.get(year, grade) is not grade:
                    leftover.append(f"{year}（{m[2]}）")
                result[year] = grade
            pending = []
            range_from = None
    leftover.extend(str(y) for y in pending)
    try:
        found = [Assessment(year=y, grade=g) for y, g in sorted(result.items())]
    except ValidationError:
        return [], text
    return found, "，".join(leftover)


def parse_resume(text: str) -> tuple[list[CareerEntry], list[Problem]]:
    """Parse the 简历 text into career lines, and name each line that could not be read.

    A line starts with a period ``yyyy.MM--yyyy.MM`` (dashes of any width: ``-``, ``--``, ``—``, ``－``,
    ``～``, or ``至``; ``yyyyMM`` and ``yyyy年M月`` too; full-width digits); an open end (``2019.03--``,
    ``至今``) is the current post. A line that does not start with a year continues the previous one. A
    period without an end on a line that is not the last is not read (the form does not say when it ended).
    ``（其间：…）`` clauses of study become lines of their own with ``is_work`` false; other clauses are named.
    """
    raw = [line for line in re.split(r"\r\n|\r|\n", text) if line.strip()]
    joined: list[tuple[int, str]] = []
    problems: list[Problem] = []
    for number, line in enumerate(raw, start=1):
        if _STARTS_WITH_DATE.match(_half_width(line)) or not joined:
            joined.append((number, line.strip()))
        else:
            first, previous = joined[-1]
            joined[-1] = (first, previous + line.strip())
    entries: list[CareerEntry] = []
    last = len(joined) - 1
    for index, (number, line) in enumerate(joined):
        path = f"Person/JianLi（简历）第{number}行"
        normal = _half_width(line)
        m = _RESUME_LINE.match(normal)
        if m is None or not (m[4] or m[9]):
            problems.append(
                _note(path, f"no period yyyy.MM--yyyy.MM at the start: {line!r}", f"行首没有起止年月：{line!r}")
            )
            continue
        start = _month(m[1], m[2] or m[3])
        end = _month(m[5], m[6] or m[7]) if m[5] else None
        if start is None or (m[5] and end is None):
            problems.append(_note(path, f"impossible month in {line!r}", f"年月不存在：{line!r}"))
            continue
        description = line[m.start(10) :].strip()
        if end is None and not (m[8] or m[9]) and index != last:
            problems.append(
                _note(path, f"no end date, and not the last line: {line!r}", f"缺少截止年月且不是最后一行：{line!r}")
            )
            continue
        interim, description = _interim_clauses(description, path, problems)
        entry = _entry(start, end, description, path, problems)
        if entry is not None:
            entries.append(entry)
        entries.extend(interim)
    return entries, problems


def _month(year: str, month: str | None) -> MonthDate | None:
    try:
        return MonthDate(int(year), int(month or 0), 1)
    except ValueError:
        return None


def _entry(start: date, end: date | None, description: str, path: str, problems: list[Problem]) -> CareerEntry | None:
    text = _half_width(description)
    study = any(w in text for w in _STUDY_WORDS) and not any(w in text for w in _WORK_WORDS)
    data: dict[str, Any] = {"start": start, "end": end, "title": description or None, "is_work": not study}
    if not study:
        data |= classify_title(description)
    try:
        return CareerEntry.model_validate({k: v for k, v in data.items() if v is not None})
    except ValidationError:
        problems.append(
            _note(path, f"the end is before the start: {description!r}", f"截止年月早于起始年月：{description!r}")
        )
        return None


def _interim_clauses(description: str, path: str, problems: list[Problem]) -> tuple[list[CareerEntry], str]:
    entries: list[CareerEntry] = []
    kept: list[str] = []
    position = 0
    for m in _INTERIM.finditer(_half_width(description)):
        clause = description[m.start(1) : m.end(1)]
        inner = _RESUME_LINE.match(_half_width(clause))
        if inner is None or not inner[5] or any(w in clause for w in _WORK_WORDS if w != "任"):
            problems.append(_note(path, f"interim clause not read: {clause!r}", f"其间经历未能解析：{clause!r}"))
        else:
            text = _half_width(clause[inner.start(10) :])
            start, end = _month(inner[1], inner[2] or inner[3]), _month(inner[5], inner[6] or inner[7])
            if start is None or end is None or not any(w in text for w in _STUDY_WORDS):
                problems.append(_note(path, f"interim clause not read: {clause!r}", f"其间经历未能解析：{clause!r}"))
            else:
                title = clause[inner.start(10) :].strip()
                try:
                    entries.append(
                        CareerEntry.model_validate(
                            {"start": start, "end": end, "title": title or None, "is_work": False}
                        )
                    )
                except ValidationError:
                    problems.append(
                        _note(path, f"interim clause not read: {clause!r}", f"其间经历未能解析：{clause!r}")
                    )
        kept.append(description[position : m.start()])
        position = m.end()
    kept.append(description[position:])
    return entries, "".join(kept).strip()


def _case_file_mapping(path: Path) -> dict[str, Any]:
    data = load_data(path)
    if not isinstance(data, dict):
        raise _refuse(str(path), "expected a mapping at the top level", "顶层应为对象（映射）")
    return data


def case_with_candidate(case_file: str | Path, lrmx: LrmxImport) -> Case:
    """A case from a file holding the post and procedure, with the candidate taken from an imported form.

    The case file's own ``candidate`` keys (for what the form does not record: ``current_tier``,
    ``party_full_membership_date``, a completed ``career``…) take precedence over the imported ones.
    """
    return merge_candidate(_case_file_mapping(Path(case_file)), lrmx)


def merge_candidate(data: dict[str, Any], lrmx: LrmxImport) -> Case:
    """A case from the mapping of a post-and-procedure case (read from a file, or from text in memory as the HTTP
    service receives it), with the candidate taken from an imported form; the mapping's own ``candidate`` keys
    take precedence."""
    own = data.get("candidate")
    if own is not None and not isinstance(own, dict):
        raise _refuse("candidate", "expected a mapping", "应为对象（映射）")
    data = dict(data)
    data["candidate"] = lrmx.candidate_mapping() | (own or {})
    return case_from_mapping(data)
