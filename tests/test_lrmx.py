"""The 干部任免审批表 (.lrmx) import: hardened reading, field mapping, the 简历 parser, the CLI."""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import event, given, settings
from hypothesis import strategies as st

from cadre_rules import CaseError, read_lrmx, validate
from cadre_rules.cli import main
from cadre_rules.lrmx import (
    MAX_LRMX_BYTES,
    case_with_candidate,
    classify_title,
    merge_candidate,
    parse_assessments,
    parse_form_date,
    parse_lrmx,
    parse_resume,
    split_school,
)
from cadre_rules.records import (
    AssessmentGrade,
    Degree,
    EducationLevel,
    EducationMode,
    Gender,
    Grade,
    MonthDate,
    Role,
    Tier,
)
from cadre_rules.records._load import _CaseLoader

DATA = Path(__file__).parent / "data" / "lrmx"


def _paths(notes: list[object]) -> str:
    return "\n".join(getattr(n, "path", "") for n in notes)


def test_full_form_maps_every_candidate_field() -> None:
    """A full form gives name, gender, month dates, party, health, ID, education, assessments, family."""
    result = read_lrmx(DATA / "full.lrmx")
    c = result.candidate
    assert c.name == "张伟"  # the inner space of "张 伟" is removed
    assert c.gender is Gender.MALE
    assert isinstance(c.birth_date, MonthDate) and c.birth_date == MonthDate(1980, 3, 1)
    assert c.work_start_date == MonthDate(2002, 7, 1) and c.party_admission_date == MonthDate(2001, 5, 1)
    assert c.party_member is True and c.health_fit is True and c.ethnicity == "汉族"
    assert c.id_number == "110105198003151234"
    assert c.current_post_start == MonthDate(2019, 3, 1)
    assert c.education is not None
    full, in_service = c.education
    assert (full.level, full.mode, full.degree) == (
        EducationLevel.UNDERGRADUATE,
        EducationMode.FULL_TIME,
        Degree.BACHELOR,
    )
    assert (full.institution, full.major) == ("某某大学", "国民经济学")
    assert (in_service.level, in_service.mode, in_service.degree) == (
        EducationLevel.POSTGRADUATE,
        EducationMode.IN_SERVICE,
        Degree.MASTER,
    )
    assert [(a.year, a.grade) for a in c.assessments or []] == [
        (2022, AssessmentGrade.COMPETENT),
        (2023, AssessmentGrade.EXCELLENT),
        (2024, AssessmentGrade.EXCELLENT),
    ]
    assert [(r.relation, r.name, r.organisation) for r in c.family or []] == [
        ("妻子", "王芳", "某县第一中学教师"),
        ("儿子", "张小明", "某县中学学生"),
        ("父亲", "张建国", "已去世"),
    ]
    assert (c.family or [])[2].same_organ is False  # a deceased relative works in no organ
    assert result.proposed_post == "某市发展和改革委员会副主任"


def test_full_form_names_what_it_could_not_map() -> None:
    """Unclassified 简历 titles leave the career unrecorded (kept as a draft); unmapped elements are named."""
    result = read_lrmx(DATA / "full.lrmx")
    assert result.candidate.career is None
    assert result.career_draft is not None and len(result.career_draft) == 6
    paths = _paths(result.notes)
    for name in ("副镇长", "副局长", "2019.03-- 某县发展和改革局局长", "JiGuan", "XianRenZhiWu", "JiangChengQingKuang"):
        assert name in paths
    assert "Item[1,2,3]/ChuShengRiQi" in paths
    assert "ZhaoPian" not in paths and "Version" not in paths  # form administration, not facts


def test_month_dates_and_classified_career() -> None:
    """yyyy.MM, yyyy-MM and yyyy年M月 dates are months; 职级 and 股长 titles classify, so the career is written."""
    c = read_lrmx(DATA / "month-dates.lrmx").candidate
    assert c.birth_date == MonthDate(1986, 7, 1) and c.work_start_date == MonthDate(2008, 8, 1)
    assert c.party_admission_date == MonthDate(2007, 11, 1)
    assert c.gender is Gender.FEMALE
    assert c.career is not None
    study, clerk, chief, staff, researcher = c.career
    assert study.is_work is False and study.start == MonthDate(2004, 9, 1)
    assert clerk.tier is None and clerk.grade is None
    assert (chief.tier, chief.role) == (Tier.SECTION_UNIT, Role.PRINCIPAL)
    assert staff.grade is Grade.LEVEL1_PRINCIPAL_STAFF
    assert researcher.grade is Grade.LEVEL4_RESEARCHER and researcher.end is None
    assert c.current_post_start == MonthDate(2022, 1, 1)
    years = [(a.year, a.grade) for a in c.assessments or []]
    competent, excellent = AssessmentGrade.COMPETENT, AssessmentGrade.EXCELLENT
    assert years == [(2021, competent), (2022, competent), (2023, excellent), (2024, excellent)]


def test_wrong_check_digit_is_named_and_not_imported() -> None:
    """An ID number with a wrong check digit is listed as a problem and left out of the case."""
    result = read_lrmx(DATA / "bad-check-digit.lrmx")
    assert result.candidate.id_number is None
    note = next(n for n in result.notes if "ShenFenZheng" in n.path)
    assert "校验码" in note.message_zh and "check digit" in note.message_en


def test_id_number_sex_digit_against_the_form() -> None:
    """An ID number whose sequence code contradicts 性别 is named (both are kept)."""
    form = (DATA / "full.lrmx").read_bytes().replace("<XingBie>男".encode(), "<XingBie>女".encode())
    result = parse_lrmx(form)
    assert result.candidate.id_number == "110105198003151234"
    note = next(n for n in result.notes if "ShenFenZheng" in n.path)
    assert "不一致" in note.message_zh and "male" in note.message_en


@pytest.mark.parametrize("name", ["billion-laughs.lrmx", "external-entity.lrmx"])
def test_entities_are_refused(name: str) -> None:
    """A DTD with entities (billion laughs, an external entity) is refused, never expanded."""
    with pytest.raises(CaseError) as info:
        read_lrmx(DATA / name)
    assert "DTD" in info.value.problems[0].message_zh
    assert "passwd" not in str(info.value) and "lol" not in str(info.value)


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    """A file over the size bound is refused before it is parsed."""
    big = tmp_path / "big.lrmx"
    big.write_bytes(
        b'<?xml version="1.0" encoding="utf-8"?><Person><ZhaoPian>' + b"A" * MAX_LRMX_BYTES + b"</ZhaoPian>"
    )
    with pytest.raises(CaseError) as info:
        read_lrmx(big)
    assert "5 MB" in info.value.problems[0].message_zh


def test_malformed_xml_names_the_position() -> None:
    """Broken XML is a CaseError naming the file, line and column."""
    with pytest.raises(CaseError) as info:
        read_lrmx(DATA / "malformed.lrmx")
    problem = info.value.problems[0]
    assert problem.path.startswith("malformed.lrmx:") and "XML 格式错误" in problem.message_zh


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"PK\x03\x04rest", "压缩包"),
        (b"<Root><XingMing>a</XingMing></Root>", "<Person>"),
        (b"<Person><XingMing>a</XingMing><XingMing>b</XingMing></Person>", "重复"),
        (b"<Person><XingBie>\xe7\x94\xb7</XingBie></Person>", "姓名为空"),
        (b"<Person><XingMing><b>a</b></XingMing></Person>", "下级元素"),
    ],
)
def test_not_a_form_is_refused(data: bytes, needle: str) -> None:
    """A zip, another root, a repeated element, no name or nested markup is a CaseError, not a traceback."""
    with pytest.raises(CaseError) as info:
        parse_lrmx(data, source="x.lrmx")
    assert needle in str(info.value)


def test_gbk_declared_form_is_read() -> None:
    """A form saved as GBK/GB2312 (declared so) is read; bytes that are not GBK are a CaseError."""
    form = (DATA / "month-dates.lrmx").read_text(encoding="utf-8").replace('encoding="utf-8"', 'encoding="GB2312"')
    assert parse_lrmx(form.encode("gb18030")).candidate.name == "陈静"
    with pytest.raises(CaseError, match="编码"):
        parse_lrmx(b'<?xml version="1.0" encoding="gbk"?><Person><XingMing>\x81</XingMing></Person>')


def test_older_lrm_is_refused(tmp_path: Path) -> None:
    """The 2.0 .lrm format is refused with a clear message."""
    old = tmp_path / "a.lrm"
    old.write_bytes('"张三","男"'.encode("gb2312"))
    with pytest.raises(CaseError, match=r"\.lrm"):
        read_lrmx(old)


def test_missing_file() -> None:
    """A missing file is a CaseError naming it."""
    with pytest.raises(CaseError, match="文件不存在"):
        read_lrmx(DATA / "nope.lrmx")


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        ("2002.07--2008.07  某县某镇人民政府科员", MonthDate(2002, 7, 1), MonthDate(2008, 7, 1)),
        ("２００２．０７－－２００８．０７　某县某镇人民政府科员", MonthDate(2002, 7, 1), MonthDate(2008, 7, 1)),
        ("2002.07—2008.07 某县某镇人民政府科员", MonthDate(2002, 7, 1), MonthDate(2008, 7, 1)),
        ("2002.07——2008.07 某县某镇人民政府科员", MonthDate(2002, 7, 1), MonthDate(2008, 7, 1)),
        ("2002.07－2008.07 某县某镇人民政府科员", MonthDate(2002, 7, 1), MonthDate(2008, 7, 1)),
        ("2002.07-2008.07 某县某镇人民政府科员", MonthDate(2002, 7, 1), MonthDate(2008, 7, 1)),
        ("200207～200807 某县某镇人民政府科员", MonthDate(2002, 7, 1), MonthDate(2008, 7, 1)),
        ("2002年7月至2008年7月 某县某镇人民政府科员", MonthDate(2002, 7, 1), MonthDate(2008, 7, 1)),
        ("2002.07--至今 某县某镇人民政府科员", MonthDate(2002, 7, 1), None),
        ("2002.07至今 某县某镇人民政府科员", MonthDate(2002, 7, 1), None),
        ("2002.07--      某县某镇人民政府科员", MonthDate(2002, 7, 1), None),
    ],
)
def test_resume_line_forms(line: str, start: date, end: date | None) -> None:
    """Full-width digits, every dash width, yyyyMM, 年月, 至 and 至今 read as one period."""
    entries, problems = parse_resume(line)
    assert problems == []
    assert [(e.start, e.end, e.title) for e in entries] == [(start, end, "某县某镇人民政府科员")]


def test_resume_continuation_and_interim() -> None:
    """A wrapped line joins the previous entry; a 其间 study clause becomes a study line of its own."""
    text = (
        "2012.03--2019.03  某县发展和改革局\n"
        "    副局长（其间：2013.09--2016.06 在某某大学在职研究生学习）\n"
        "2019.03--  局长"
    )
    entries, problems = parse_resume(text)
    assert problems == []
    assert [(e.title, e.is_work) for e in entries] == [
        ("某县发展和改革局副局长", True),
        ("在某某大学在职研究生学习", False),
        ("局长", True),
    ]


def test_resume_missing_end_and_bad_lines_are_named() -> None:
    """An open period that is not the last line, a line without a period and an impossible month are named."""
    text = "2002.07--  某镇科员\n2005年 某镇干部\n2008.13--2010.01 某局科员\n2010.01--2012.01 某局科员"
    entries, problems = parse_resume(text)
    assert [e.start for e in entries] == [MonthDate(2010, 1, 1)]
    assert [p.path for p in problems] == [f"Person/JianLi（简历）第{n}行" for n in (1, 2, 3)]


def test_resume_overlapping_periods_are_kept() -> None:
    """Overlapping periods are read as written: the case's career facts report the overlap."""
    entries, problems = parse_resume("2010.01--2015.01 某局科员\n2014.01--2016.01 某办科员")
    assert problems == [] and entries[0].end is not None and entries[1].start < entries[0].end


def test_resume_end_before_start_is_named() -> None:
    """A period ending before it starts is named, not imported."""
    entries, problems = parse_resume("2015.01--2010.01 某局科员")
    assert entries == [] and "早于" in problems[0].message_zh


def test_incomplete_resume_leaves_career_unrecorded() -> None:
    """When a 简历 line cannot be read the career is left out (an incomplete list would under-count)."""
    form = (DATA / "month-dates.lrmx").read_bytes().replace("2008.08——2015.12".encode(), b"2008")
    result = parse_lrmx(form)
    assert result.candidate.career is None and result.career_draft is not None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("某局四级调研员", {"grade": Grade.LEVEL4_RESEARCHER}),
        ("某局二级主任科员", {"grade": Grade.LEVEL2_PRINCIPAL_STAFF}),
        ("某局副股长", {"tier": Tier.SECTION_UNIT, "role": Role.DEPUTY}),
        ("某局股长", {"tier": Tier.SECTION_UNIT, "role": Role.PRINCIPAL}),
        ("某局科员", {}),
        ("某县副县长", {}),
        ("某局副局长、一级调研员", {}),
        ("某局办公室科员、一级科员", {"grade": Grade.LEVEL1_STAFF}),
    ],
)
def test_classify_title(title: str, expected: dict[str, object]) -> None:
    """Only unit-independent titles are classified; 副县长 or 副局长 are not."""
    assert classify_title(title) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("199001", MonthDate(1990, 1, 1)),
        ("1990.01", MonthDate(1990, 1, 1)),
        ("1990-1", MonthDate(1990, 1, 1)),
        ("19900115", date(1990, 1, 15)),
        ("199013", None),
        ("民盟", None),
    ],
)
def test_form_dates(text: str, expected: date | None) -> None:
    """Form dates: yyyyMM and friends are months, yyyyMMdd a day, anything else not a date."""
    assert parse_form_date(text) == expected


def test_assessment_text() -> None:
    """Lists, ranges and full-width digits are read; a year without a grade is left over."""
    found, leftover = parse_assessments("２０２１年度优秀；2022至2023年度均为称职，2024年度基本称职；2025年度")
    assert [(a.year, a.grade.value) for a in found] == [
        (2021, "excellent"),
        (2022, "competent"),
        (2023, "competent"),
        (2024, "basically_competent"),
    ]
    assert leftover == "2025"


def test_unreadable_assessment_leaves_assessments_unrecorded() -> None:
    """A 年度考核结果 that cannot be fully read is not half-imported."""
    form = (DATA / "full.lrmx").read_bytes().replace("2024年度考核优秀".encode(), "2024年度考核良好".encode())
    result = parse_lrmx(form)
    assert result.candidate.assessments is None
    assert any("NianDuKaoHeJieGuo" in n.path for n in result.notes)


def test_split_school() -> None:
    """毕业院校系及专业 splits into institution and major only when the text names the 专业."""
    assert split_school("某某大学经济学院国民经济学专业") == ("某某大学", "国民经济学")
    assert split_school("某某政法学院法律系") == ("某某政法学院", None)
    assert split_school("") == (None, None)


def test_party_and_family_variants() -> None:
    """A democratic-party member is not a CPC member; an unknown 称谓 and a possible emigration are named."""
    form = (
        (DATA / "month-dates.lrmx")
        .read_text(encoding="utf-8")
        .replace("<RuDangShiJian>2007-11</RuDangShiJian>", "<RuDangShiJian>民盟</RuDangShiJian>")
        .replace("<ChengWei>丈夫</ChengWei>", "<ChengWei>发小</ChengWei>")
        .replace("某市人民医院医生", "已移居加拿大")
    )
    result = parse_lrmx(form.encode())
    assert result.candidate.party_member is False and result.candidate.party_admission_date is None
    paths = _paths(result.notes)
    assert "Item[1]/ChengWei" in paths and "Item[1]/GongZuoDanWeiJiZhiWu" in paths


def test_yaml_output_loads_as_the_case_loader_reads_it() -> None:
    """The YAML keeps Chinese, writes months the loader reads, and the draft career is a comment."""
    result = read_lrmx(DATA / "full.lrmx")
    text = result.to_yaml()
    assert "张伟" in text and "# career:" in text
    data = yaml.load(text, Loader=_CaseLoader)
    assert data["candidate"]["birth_date"] == "1980-03"
    assert data["candidate"]["family"][0]["relation"] == "妻子"


def test_end_to_end_import_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """import writes the candidate; check --candidate with a procedure file gives a report naming the gaps."""
    out = tmp_path / "candidate.yaml"
    assert main(["import", str(DATA / "full.lrmx"), "--output", str(out)]) == 0
    assert "Person/JiGuan" in capsys.readouterr().err
    assert yaml.load(out.read_text(encoding="utf-8"), Loader=_CaseLoader)["candidate"]["name"] == "张伟"

    code = main(["check", "--candidate", str(DATA / "full.lrmx"), str(DATA / "procedure.yaml"), "--format", "json"])
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert code == 3 and report["outcome"] == "indeterminate"
    assert not [f for f in report["findings"] if f["status"] == "violated"]
    missing = {m for f in report["findings"] for m in f["missing"]}
    assert "candidate.career" in missing
    assert "Person/JianLi" in captured.err


def test_form_dates_decide_a_rule(tmp_path: Path) -> None:
    """A 参加工作时间 on the form that is too recent makes the 工龄 rule violated, from the form alone."""
    form = tmp_path / "recent.lrmx"
    text = (DATA / "full.lrmx").read_text(encoding="utf-8")
    form.write_text(text.replace("<CanJiaGongZuoShiJian>200207<", "<CanJiaGongZuoShiJian>202207<"), encoding="utf-8")
    report = validate(case_with_candidate(DATA / "procedure.yaml", read_lrmx(form)), engine="native")
    assert "eligibility.county_work_years" in {f.rule_id for f in report.violations}


def test_case_file_candidate_completes_the_form(tmp_path: Path) -> None:
    """The case file's candidate fields (a completed career, relatives' organs) take precedence and decide."""
    imported = read_lrmx(DATA / "full.lrmx")
    data = yaml.load((DATA / "procedure.yaml").read_text(encoding="utf-8"), Loader=_CaseLoader)
    draft = [e.model_dump(mode="json", exclude_none=True) for e in imported.career_draft or []]
    levels = {
        2: ("township_section", "deputy"),
        3: ("township_section", "deputy"),
        5: ("township_section", "principal"),
    }
    for index, (tier, role) in levels.items():
        draft[index] |= {"tier": tier, "role": role}
    for entry in draft:
        if entry["is_work"]:
            entry["grassroots"] = True
    family = imported.candidate_mapping()["family"]
    for relative in family:
        relative["same_organ"] = False
    data["candidate"] |= {"career": draft, "family": family}
    case_file = tmp_path / "case.yaml"
    case_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    case = case_with_candidate(case_file, imported)
    assert case.candidate.birth_date == MonthDate(1980, 3, 1) and case.candidate.career is not None
    report = validate(case, engine="native")
    assert not report.violations
    assert "candidate.career" not in {m for f in report.findings for m in f.missing}


def test_json_case_file_with_tabs(tmp_path: Path) -> None:
    """A JSON case file (tab-indented, which YAML refuses) merges with the form."""
    data = yaml.load((DATA / "procedure.yaml").read_text(encoding="utf-8"), Loader=_CaseLoader)
    case_file = tmp_path / "case.json"
    case_file.write_text(json.dumps(data, ensure_ascii=False, indent="\t", default=str), encoding="utf-8")
    case = case_with_candidate(case_file, read_lrmx(DATA / "full.lrmx"))
    assert case.candidate.name == "张伟" and case.post.title == "某市发展和改革委员会副主任"


def test_check_candidate_errors_are_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A hostile .lrmx given to check --candidate exits 2 with a message, no traceback."""
    code = main(["check", "--candidate", str(DATA / "billion-laughs.lrmx"), str(DATA / "procedure.yaml")])
    err = capsys.readouterr().err
    assert code == 2 and "DTD" in err and "Traceback" not in err


@settings(max_examples=200, deadline=None)
@given(
    st.binary(max_size=300)
    | st.text(max_size=200).map(lambda t: f"<Person><XingMing>甲</XingMing>{t}</Person>".encode())
)
def test_any_bytes_give_a_form_or_a_case_error(data: bytes) -> None:
    """Whatever the bytes, the reader returns an import or raises CaseError: never another exception."""
    with contextlib.suppress(CaseError):
        parse_lrmx(data)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.－-—～至今年月（）(): \n其间某局科员学习２０", max_size=80))
def test_resume_parser_never_raises(text: str) -> None:
    """The 简历 parser names what it cannot read instead of raising."""
    entries, _problems = parse_resume(text)
    assert all(e.end is None or e.end >= e.start for e in entries)


def test_check_of_a_form_alone_points_to_candidate(capsys: pytest.CaptureFixture[str]) -> None:
    """check FILE.lrmx without a procedure says how to check a form, exit 2."""
    assert main(["check", str(DATA / "full.lrmx")]) == 2
    assert "--candidate" in capsys.readouterr().err


def test_import_help_is_bilingual(capsys: pytest.CaptureFixture[str]) -> None:
    """import --help says what it does in Chinese and English."""
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "干部任免审批表" in out and "candidate part of a case" in out


# ---------------------------------------------------------------- structured mutations of a whole form

_FORM = (DATA / "full.lrmx").read_text("utf-8")
_LEAVES = sorted(set(re.findall(r"<([A-Za-z_]+)>[^<]*</\1>", _FORM)))
_ID_LIKE = re.compile(r"(?<!\d)(?:\d{17}[\dXx]|\d{15})(?![\dXx])")
_ODD = st.sampled_from(
    [
        "",
        " ",
        "0001.01",
        "000101",
        "00010101",
        "999912",
        "99991231",
        "9999.12.31",
        "20240229",
        "20230229",
        "202402",
        "202413",
        "198000",
        "1980.02.30",
        "１９８０．０３",
        "-1",
        "1" * 5000,
        "一九八〇年三月",
        "1998.09--",
        "--2002.07",
        "2019.03--1998.01  某局科员",
        "2002.07--2008.07  某县某镇人民政府科员（其间：",
        "2002.07--2099.07  某县副县长\n2002.07--2008.07  某县某镇人民政府科员",
        "1998.09-2002.07 学习\n\n\n",
        "110105198003151235",
        "11010519800315123X",
        "110105800315123",
        "999999999999999999",
        "妻子",
        "已去世",
        "2022年度考核不称职；9999年度考核优秀",
        "研究生",
        "博士",
        "中共党员",
        "群众",
        "男",
        "女",
        "未知",
        "\u202e局长\u202c",
        "\ufeff198003",
        "某" * 20_000,
    ]
)
_VALUES = _ODD | st.text(
    alphabet="0123456789.－-—～至今年月（）():：；、 \n其间某局县科员副正处级学习２０X", max_size=60
)


def _mutated(form: str, tag: str, how: str, value: str) -> str:
    """``form`` with the first ``<tag>`` element's text replaced by ``value`` (escaped), or removed, or doubled."""
    element = re.search(rf"<{tag}>[^<]*</{tag}>", form)
    if element is None:  # removed by an earlier mutation
        return form
    if how == "remove":
        new = ""
    elif how == "double":
        new = element.group() * 2
    else:
        new = f"<{tag}>{html.escape(value, quote=False)}</{tag}>"
    return form[: element.start()] + new + form[element.end() :]


@settings(max_examples=int(os.environ.get("LRMX_FUZZ_EXAMPLES", "150")), deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_LEAVES), st.sampled_from(["set", "set", "remove", "double"]), _VALUES),
        min_size=1,
        max_size=3,
    )
)
def test_a_mutated_form_ends_in_a_report_or_a_case_error(mutations: list[tuple[str, str, str]]) -> None:
    """A real form with one to three of its fields set to odd values (dates at the ends of the calendar, 29 and
    30 February, month 13, full-width digits, reversed or open 简历 periods, ID numbers with a wrong check digit,
    huge texts), removed or doubled: the import gives a form or a CaseError, the case built from it gives a
    report from both engines (the same one) or a CaseError, and no output shows a full ID number."""
    form = _FORM
    for tag, how, value in mutations:
        form = _mutated(form, tag, how, value)
    ids = set(_ID_LIKE.findall(form))
    procedure = yaml.load((DATA / "procedure.yaml").read_text("utf-8"), Loader=_CaseLoader)
    outputs: list[str] = []
    try:
        imported = parse_lrmx(form.encode("utf-8", "surrogatepass"), source="form.lrmx")
        outputs += [imported.to_yaml(), *(f"{n.path} {n.message_en} {n.message_zh}" for n in imported.notes)]
        case = merge_candidate(procedure, imported)
        native, durable = (validate(case, engine=e).to_json_bytes() for e in ("native", "durable"))
        assert native == durable.replace(b'"engine":"durable"', b'"engine":"native"', 1)
        outputs.append(native.decode("utf-8"))
        event("a report")
    except CaseError as exc:
        outputs.append(str(exc))
        event("a CaseError")
    for number in ids:
        shown = [text[max(0, text.find(number) - 200) : text.find(number) + 40] for text in outputs if number in text]
        assert not shown, f"{number[:4]}… shown: {shown[:1]}"
