"""Reading a case from a file or a mapping, turning every problem into a :class:`CaseError`."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from cadre_rules._errors import MAX_PROBLEMS, CaseError, Problem, clip, describe_value
from cadre_rules._files import (
    decode_text,
    load_data,
    looks_like_json,
    parse_text,
    read_stream,
    read_text,
)
from cadre_rules._yaml import CaseLoader
from cadre_rules.records._bounds import EARLIEST_DATE, LATEST_DATE
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
    "greater_than_equal": "数值过小（应不小于 {ge}）",
    "less_than_equal": "数值过大（应不大于 {le}）",
    "too_long": "项数过多（最多 {max_length} 项）",
    "string_too_long": "文字过长（最多 {max_length} 个字符）",
    "too_short": "项数过少（至少 {min_length} 项）",
    "string_pattern_mismatch": "格式不符",
    "literal_error": "取值不在允许范围内",
    "dict_type": "应为对象（映射）",
    "profile_unknown_rule": "未知规则编号",
    "profile_unknown_instrument": "未知文件（规范）编号",
    "profile_unknown_param": "未知参数",
    "profile_ratio_type": "比例应加引号按文字填写：分数如 '2/3'，或精确小数如 '0.75'",
    "profile_ratio_form": "比例格式不符：应为分数如 '2/3' 或精确小数如 '0.75'，分母不能为 0",
    "profile_ratio_range": "比例应在 0 与 1 之间",
    "profile_ratio_precision": "比例过细：小数至多 {places} 位，或写成分数 a/b（b 不超过 {most}）",
    "profile_drops_national": (
        "规则集不能去掉国家规定（来源层级须含国家规定）；要排除某项国家规定，请在排除规则清单中逐项列出"
    ),
    "string_too_short": "不能为空",
    "record_date": RECORD_DATE_ZH,
    "date_out_of_range": "日期超出允许范围（应在 {earliest} 至 {latest} 之间）",
    "finite_number": "应为有限数值",
    "total_over_bound": "各项数值合计超过允许的上限 {most}",
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


PERSONAL_FIELDS = frozenset(
    {
        "name",
        "names",
        "id_number",
        "member",
        "responsible",
        "speaking_order",
        "related_members",
        "recused_members",
        "eligible_pool",
        "by",
    }
)
"""Fields that hold personal data (ID numbers, names of people): their values are never quoted in messages."""
MAX_ITEMS = 10_000
"""The most items a list (or keys a mapping) of a record may hold: far above any committee, resume or list of
candidates, and low enough that checking a hostile input stays fast and small."""
MAX_VALUES = 200_000
"""The most values a record may hold once YAML aliases are expanded: a real dossier holds a few thousand; a
4.7 KB alias bomb would hold trillions, and validating it would never end."""


def _masked(err_type: str, loc: tuple[int | str, ...]) -> bool:
    """An unknown key's value and the value of a personal field are described, never quoted."""
    named = [p for p in loc if isinstance(p, str)]
    return err_type == "extra_forbidden" or bool(named and named[-1] in PERSONAL_FIELDS)


def _came(err_type: str, loc: tuple[int | str, ...], given: Any) -> tuple[str, str]:
    """What came, bounded and discreet (English, Chinese); empty for a missing field or a whole object."""
    if err_type == "missing" or (isinstance(given, dict) and not err_type.endswith(("_type", "_parsing"))):
        return "", ""
    en, zh = describe_value(given, masked=_masked(err_type, loc))
    named = [p for p in loc if isinstance(p, str)]
    if isinstance(given, int) and not isinstance(given, bool) and named and named[-1] == "id_number":
        en, zh = en + " (write the ID number in quotes, as text)", zh + "（身份证号应加引号，按文字填写）"
    return f"; got {en}", f"；实际为 {zh}"


def _zh(err_type: str, ctx: dict[str, Any] | None) -> str:
    """The Chinese explanation of an error type, its placeholders filled from the error's context."""
    text = _ZH.get(err_type, "取值无效")
    if ctx and "{" in text:
        try:
            return text.format_map({k: clip(str(v), 80) for k, v in ctx.items()})
        except (KeyError, ValueError, IndexError):
            return text
    return text


def problems_from_validation(exc: ValidationError) -> list[Problem]:
    """Translate pydantic errors into problems naming the field path; values are described, never expanded.

    An unknown enumeration value lists the allowed values in both halves (Chinese names, codes) and suggests the
    closest; an unknown field suggests the closest field name of its record. Only the first :data:`MAX_PROBLEMS`
    problems get these hints: an error lists no more (a list of 10,000 bad rows is not compared 10,000 times).
    """
    from cadre_rules.records._hints import enum_hint, field_hint

    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith(("function-", "tag-"))))
        err_type = str(err["type"])
        msg = clip(str(err["msg"]).removeprefix("Value error, "))
        en, zh = _came(err_type, loc, err.get("input"))
        zh_text = _zh(err_type, err.get("ctx"))
        hint: tuple[str, str] | None = None
        if len(problems) < MAX_PROBLEMS:  # errors list the first ones only: the rest need no hint
            if err_type == "enum":
                hint = enum_hint(_path(loc), err.get("input"))
            elif err_type == "extra_forbidden" and loc and isinstance(loc[-1], str):
                hint = field_hint(_path(loc[:-1]), loc[-1])
        if hint is not None:
            msg, zh_text = clip(msg + hint[0], 1000), zh_text + hint[1]
        problems.append(Problem(clip(_path(loc), 200), msg + en, zh_text + zh))
    return problems


def input_problems(data: Any) -> list[Problem]:
    """Text that cannot be written (a lone surrogate) and lists or mappings too long to be a record, each named
    by its path; a value shared through YAML aliases is looked at once, never expanded, and a record too large
    once its aliases are expanded (:data:`MAX_VALUES`) is refused naming where."""
    sizes: dict[int, int]
    tree = _scan_tree(data)
    if tree is not None:  # the usual input (JSON, or YAML without aliases): nothing shared, small, plain
        if not tree:
            return []
        sizes, odd = {}, True  # a text or a key to name: the full walk below names it
    else:
        sizes, odd = _scan(data)
    if isinstance(data, dict | list) and sizes.get(id(data), 0) > MAX_VALUES:
        return [_too_large(data, sizes)]
    if not odd:
        return []
    problems: list[Problem] = []
    seen: set[int] = set()
    stack: list[tuple[Any, tuple[int | str, ...]]] = [(data, ())]
    while stack:
        value, loc = stack.pop()
        if isinstance(value, str):
            if not value.isascii() and _unwritable(value):
                en = "text contains a character that cannot be written (a lone surrogate, e.g. \\ud800)"
                problems.append(Problem(_where(loc), en, "文字中含有无法写出的字符（孤立的代理码位）"))
            continue
        if not isinstance(value, dict | list) or id(value) in seen:
            continue
        seen.add(id(value))
        if len(value) > MAX_ITEMS:
            en, zh = describe_value(value)
            en, zh = f"too many items: at most {MAX_ITEMS}; got {en}", f"项数过多，最多 {MAX_ITEMS} 项；实际为 {zh}"
            problems.append(Problem(_where(loc), en, zh))
            continue
        if isinstance(value, dict):
            for key, item in reversed(value.items()):
                part = key if isinstance(key, str) else str(key)
                if not part.isascii() and _unwritable(part):
                    zh = "字段名中含有无法写出的字符（孤立的代理码位）"
                    problems.append(Problem(_where((*loc, part)), "a key contains a lone surrogate", zh))
                stack.append((item, (*loc, part)))
        else:
            stack.extend((value[i], (*loc, i)) for i in reversed(range(len(value))))
    return problems


def _scan_tree(data: Any) -> bool | None:
    """The fast pass for a tree of plain dicts and lists (no container reached twice, no subclass, none longer than
    :data:`MAX_ITEMS`, at most :data:`MAX_VALUES` values): whether a text or a key holds a lone surrogate or a key
    is not a text. ``None`` when the data is not such a tree (YAML aliases, a subclass, too long or too large):
    :func:`_scan` then measures it."""
    if type(data) is not dict and type(data) is not list:
        return None
    seen: set[int] = set()
    total = 0
    odd = False
    stack: list[Any] = [data]
    while stack:
        value = stack.pop()
        key = id(value)
        if key in seen or len(value) > MAX_ITEMS:
            return None
        seen.add(key)
        total += 1
        if type(value) is dict:
            for k in value:
                if type(k) is not str or (not k.isascii() and _unwritable(k)):
                    odd = True
            items: Any = value.values()
        else:
            items = value
        for item in items:
            kind = type(item)
            if kind is str:
                total += 1
                if not item.isascii() and _unwritable(item):
                    odd = True
            elif kind is dict or kind is list:
                stack.append(item)
            elif isinstance(item, dict | list):
                return None
            else:
                total += 1
        if total > MAX_VALUES:
            return None
    return odd


def _scan(data: Any) -> tuple[dict[int, int], bool]:
    """The fast pass of :func:`input_problems`, over each distinct list and mapping once: the size of every
    container once YAML aliases are expanded (values counted, capped just above :data:`MAX_VALUES`; a
    container that contains itself counts as too large), and whether any text holds a lone surrogate or any
    list or mapping is too long (paths are worked out only then)."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    odd = False
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        value, done = stack.pop()
        kind = type(value)
        if kind is str:
            odd = odd or (not value.isascii() and _unwritable(value))
            continue
        if not isinstance(value, dict | list):
            continue
        key = id(value)
        items = list(value.values()) if isinstance(value, dict) else value
        if done:
            on_path.discard(key)
            total = 1
            for item in items:
                total += sizes.get(id(item), MAX_VALUES + 1) if isinstance(item, dict | list) else 1
                if total > MAX_VALUES:
                    total = MAX_VALUES + 1
                    break
            sizes[key] = total
            continue
        if key in sizes or key in on_path:
            continue
        if kind is not dict and kind is not list:
            odd = True  # a subclass: let the full walk look at it
        if len(value) > MAX_ITEMS:
            odd = True
            sizes[key] = 1  # named by the full walk as too long, never looked into
            continue
        if isinstance(value, dict):
            odd = odd or not all(type(k) is str and (k.isascii() or not _unwritable(k)) for k in value)
        on_path.add(key)
        stack.append((value, True))
        stack.extend((item, False) for item in items if isinstance(item, dict | list | str))
    return sizes, odd


def _too_large(data: Any, sizes: dict[int, int]) -> Problem:
    """The deepest list or mapping that alone is too large once aliases are expanded, named by its path."""
    loc: tuple[int | str, ...] = ()
    value = data
    seen: set[int] = set()
    while id(value) not in seen:
        seen.add(id(value))
        pairs = list(value.items()) if isinstance(value, dict) else list(enumerate(value))
        bigger = [
            (k, v) for k, v in pairs if isinstance(v, dict | list) and sizes.get(id(v), MAX_VALUES + 1) > MAX_VALUES
        ]
        if not bigger:
            break
        key, value = bigger[0]
        loc = (*loc, key if isinstance(key, int) else str(key))
    en = f"too large once YAML aliases (&, *) are expanded: more than {MAX_VALUES} values, or it contains itself"
    zh = f"展开 YAML 别名（&、*）后过大：超过 {MAX_VALUES} 个值，或引用了自身"
    return Problem(_where(loc), en, zh)


def _where(loc: tuple[int | str, ...]) -> str:
    """A path for a message: each key cut to 60 characters, a lone surrogate escaped."""
    return clip(_path(tuple(p if isinstance(p, int) else clip(p, 60) for p in loc)), 200)


def _unwritable(text: str) -> bool:
    """True when ``text`` cannot be encoded as UTF-8 (it holds a lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def case_from_mapping(data: Any) -> Case:
    """Validate a mapping as a :class:`Case`; raise :class:`CaseError` listing every problem."""
    if not isinstance(data, dict):
        raise CaseError([Problem("(case)", "expected a mapping at the top level", "顶层应为对象（映射）")])
    if problems := input_problems(data):
        raise CaseError(problems)
    try:
        return Case.model_validate(data)
    except ValidationError as exc:
        raise CaseError(problems_from_validation(exc)) from None


def checked_case(case: Case) -> Case:
    """``case`` checked exactly as :func:`case_from_mapping` checks a mapping; raise :class:`CaseError` otherwise.

    A :class:`Case` built in Python may have skipped checks: ``Case.model_construct`` and
    ``case.model_copy(update=...)`` run no validator (bounds, the meeting's reconciliation, the cross-field
    checks), and no ``Case(...)`` goes through :func:`input_problems` (lone surrogates, over-long lists).  Its
    fields are dumped as they are (dates stay dates, month-precision dates stay :class:`MonthDate`) and read
    back through the mapping path, so a case gives the same report or the same error whatever way it came.
    """
    return case_from_mapping(case.model_dump(mode="python", round_trip=True, warnings=False))


def checked_as_of(day: Any) -> date:
    """The as-of date a caller gives (``validate(as_of=...)``, ``--as-of``) when it is a day within the record's
    date bounds; else :class:`CaseError` naming ``as_of`` (a date outside would overflow the date arithmetic)."""
    if not isinstance(day, date) or isinstance(day, datetime):
        en, zh = describe_value(day)
        raise CaseError(
            [Problem("as_of", f"expected a date (YYYY-MM-DD); got {en}", f"应为日期（年-月-日）；实际为 {zh}")]
        )
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        first, last = EARLIEST_DATE.isoformat(), LATEST_DATE.isoformat()
        raise CaseError(
            [
                Problem(
                    "as_of",
                    f"the date to judge by lies between {first} and {last}; got {day.isoformat()}",
                    f"判断日期应在 {first} 至 {last} 之间；实际为 {day.isoformat()}",
                )
            ]
        )
    return day


def read_input(
    file: Path, error: type[CaseError] = CaseError, what: tuple[str, str] = ("file", "文件"), limit: int | None = None
) -> str:
    """The UTF-8 text of an input file, read safely (:func:`cadre_rules._files.read_text`: regular files only,
    bounded, a BOM allowed, another encoding named); every problem raises ``error`` naming the file."""
    return read_text(file, limit=limit, error=error, what=what)


def load_case(path: str | Path, *, max_bytes: int | None = None) -> Case:
    """Read a case from a JSON (``.json``) or YAML file and validate it.

    The file is read safely (see :mod:`cadre_rules._files`): a regular file only, at most ``max_bytes`` (else
    ``CADRE_RULES_MAX_INPUT_BYTES``, else 10 MB), nested at most 64 levels, no key written twice, UTF-8 with or
    without a BOM. Every problem raises :class:`CaseError` naming the file or field.
    """
    return case_from_mapping(load_data(path, limit=max_bytes))


def case_from_text(text: str, source: Path, *, as_json: bool) -> Case:
    """Parse a case's JSON or YAML text (``source`` names it in errors) and validate it."""
    return case_from_mapping(parse_text(text, source, as_json=as_json))


def case_from_stream(stream: IO[bytes], source: str = "<stdin>", *, max_bytes: int | None = None) -> Case:
    """Read a case from a binary stream (standard input), bounded like a file: JSON when it opens with ``{``,
    else YAML."""
    text = decode_text(read_stream(stream, source, limit=max_bytes), source, what=("standard input", "标准输入"))
    return case_from_text(text, Path(source), as_json=looks_like_json(text, source))
