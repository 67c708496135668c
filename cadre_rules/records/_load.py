"""Reading a case from a file or a mapping, turning every problem into a :class:`CaseError`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cadre_rules._errors import CaseError, Problem
from cadre_rules._yaml import CaseLoader, YAMLError, load_case_yaml
from cadre_rules.records._case import RECORD_DATE_ZH, Case

_ZH = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段",
    "enum": "取值不在允许范围内",
    "value_error": "取值无效",
    "bool_type": "应为布尔值 true/false",
    "bool_parsing": "应为布尔值 true/false",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "string_type": "应为字符串",
    "list_type": "应为列表",
    "model_type": "应为对象（映射）",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "string_too_short": "不能为空",
    "record_date": RECORD_DATE_ZH,
    "day_date": "应为精确到日的日期（年-月-日，如 2025-06-10）：此项日期须具体到日",
    "recused_not_member": "回避名单中有人不是会议成员",
    "member_repeated": "会议成员（members）中同一姓名出现两次",
    "vote_repeated": "同一成员表决（votes）两次：每名成员对一项任免只能表决一次",
    "vote_not_member": "表决（votes）中有人不是会议成员（members）",
    "vote_absent_member": "记为未到会（present 为 false）的成员却有表决（votes）",
    "reconsideration_over_members": "同意复议的人数多于会议成员人数",
    "ballot_over_members": "差额票决中某一人选的同意票数多于会议成员人数",
    "count_over_whole": "部分人数多于其所属的总人数（如参加人数多于应参加人数）",
    "votes_over_participants": "得票数（votes）多于参加推荐人数（participants）",
    "ballot_empty": "票决结果应填写同意票数（agree）或成员表决（member_votes）",
    "ballot_contradiction": "同意票数（agree）与成员表决（member_votes）中的同意票不一致",
    "round_repeated": "推荐结果（recommendation_rounds）中同一轮次出现两次",
    "ballot_not_voted": "未列入差额票决（voted_on 为 false）却有票决结果（ballot）",
    "chosen_not_voted": "确定为拟任人选（chosen）却未列入差额票决（voted_on 为 false）",
    "candidates_repeated": "人选名单（procedure.candidates）中同一姓名出现两次",
    "candidate_not_listed": "拟任人选（candidate.name）不在人选名单（procedure.candidates[].name）之中",
    "candidate_not_chosen": "人选名单（procedure.candidates）记载拟任人选（candidate）未被确定或未列入票决",
    "chosen_over_posts": "确定的拟任人选（procedure.candidates[].chosen）多于拟任职务人数（procedure.posts_to_fill）",
    "inspection_count_contradiction": (
        "考察对象人数（procedure.inspection.candidate_count）与人选名单中的考察对象"
        "（procedure.candidates[].inspection_candidate）不一致"
    ),
    "ballot_meeting_contradiction": (
        "拟任人选的票决结果（procedure.candidates[].ballot）与会议表决（procedure.meeting.votes）的同意票数不一致"
    ),
    "votes_alone_contradiction": (
        "是否简单以推荐票确定考察对象（procedure.recommendation.candidates_by_votes_only）与人选名单记载的"
        "综合考虑情况（procedure.candidates[].considerations）不一致"
    ),
    "step_flag_contradicts_date": "推荐环节记为未进行（false），却填写了该环节的日期",
    "disagree_exceeds_opinions": "提名环节不同意的人数多于发表意见的人数",
    "evaluation_no_votes": "考核测评（candidate.evaluations）应至少记载一张票",
    "removal_post_not_current": (
        "免职案件（kind 为 removal）的职务（post）应为干部免去的现任职务：职务层次或正副职（post.tier、post.role）"
        "与记载的现任职务（candidate.current_tier、candidate.current_role）不一致"
    ),
}

_CaseLoader = CaseLoader  # the name this loader had here (benchmarks import it); it now lives in cadre_rules._yaml


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out or "(case)"


def problems_from_validation(exc: ValidationError) -> list[Problem]:
    """Translate pydantic errors into problems naming the field path."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith(("function-", "tag-"))))
        msg = str(err["msg"]).removeprefix("Value error, ")
        given = err.get("input")
        came = "" if err["type"] == "missing" or isinstance(given, dict) else f"; got {given!r}"
        problems.append(Problem(_path(loc), msg + came, _ZH.get(str(err["type"]), "取值无效") + came))
    return problems


def case_from_mapping(data: Any) -> Case:
    """Validate a mapping as a :class:`Case`; raise :class:`CaseError` listing every problem."""
    if not isinstance(data, dict):
        raise CaseError([Problem("(case)", "expected a mapping at the top level", "顶层应为对象（映射）")])
    try:
        return Case.model_validate(data)
    except ValidationError as exc:
        raise CaseError(problems_from_validation(exc)) from None


def read_input(file: Path, error: type[CaseError] = CaseError, what: tuple[str, str] = ("file", "文件")) -> str:
    """The text of an input file; a missing or unreadable file raises ``error`` naming it (``what``: en, zh)."""
    try:
        return file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error([Problem(str(file), f"{what[0]} does not exist", f"{what[1]}不存在")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise error([Problem(str(file), f"cannot read the {what[0]}: {exc}", f"无法读取{what[1]}")]) from None


def load_case(path: str | Path) -> Case:
    """Read a case from a JSON or YAML file and validate it."""
    file = Path(path)
    text = read_input(file)
    try:
        data = json.loads(text) if file.suffix.lower() == ".json" else load_case_yaml(text)
    except json.JSONDecodeError as exc:
        problem = Problem(f"{file}:{exc.lineno}:{exc.colno}", f"malformed JSON: {exc.msg}", "JSON 格式错误")
        raise CaseError([problem]) from None
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{file}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(file)
        raise CaseError([Problem(where, f"malformed YAML: {exc}", "YAML 格式错误")]) from None
    return case_from_mapping(data)
