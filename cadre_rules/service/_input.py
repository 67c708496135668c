"""What the HTTP service and its page receive, turned into a case and checked.

A case comes as JSON or YAML bytes (a request body or an uploaded file), or as a 任免审批表 ``.lrmx`` with a
post-and-procedure case file merged in, as ``cadre-rules check --candidate`` does.  The profile is a shipped
profile's name only (a request never names a file on the server), the engine ``durable`` or ``native``.  Every
problem raises a :class:`~cadre_rules.CaseError` or another :class:`~cadre_rules.CadreRulesError` naming the
field, in Chinese and English.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from cadre_rules._errors import CadreRulesError, CaseError, Problem, ProfileError, clip
from cadre_rules._validate import EngineName, validate
from cadre_rules._yaml import YAMLError, load_case_yaml
from cadre_rules.engine import DURABLE_AVAILABLE
from cadre_rules.lrmx import merge_candidate, parse_lrmx
from cadre_rules.profiles import available_profiles
from cadre_rules.records import Case, Stage
from cadre_rules.records._hints import did_you_mean
from cadre_rules.records._load import case_from_text
from cadre_rules.report import Report

ENGINES: tuple[EngineName, ...] = ("durable", "native")
"""The engines a request may name (none: the default engine)."""
CaseFormat = Literal["json", "yaml"]
"""How a case's bytes are written."""
LRMX_SUFFIXES = (".lrmx", ".lrm")
"""File endings of a 任免审批表 (the older ``.lrm`` is refused with a clear message by the importer)."""


class ParameterError(CadreRulesError, ValueError):
    """A request parameter is not one of its allowed values (an unknown engine or stage): ``kind`` names it
    (``unknown_engine``, ``unknown_stage``) and ``problems`` say what is allowed, in Chinese and English."""

    def __init__(self, kind: str, problems: list[Problem]) -> None:
        self.kind = kind
        self.problems = problems
        self.more = 0
        super().__init__("\n".join(p.render() for p in problems))


def shipped_profile(name: str) -> str:
    """``name`` when it is a shipped profile; else :class:`ProfileError` listing the shipped ones (a request
    never names a profile file on the server)."""
    known = available_profiles()
    if name in known:
        return name
    hint_en, hint_zh = did_you_mean(name, known)
    listed = ", ".join(known)
    shown = clip(repr(name), 80)
    problem = Problem(
        "profile",
        f"unknown profile {shown}{hint_en}: use one of {listed}",
        f"未知规则集 {shown}{hint_zh}：应为以下之一：{listed}",
    )
    raise ProfileError(clip(name, 80), [problem])


def engine_name(name: str | None) -> EngineName | None:
    """The engine a request names (``None`` or empty: the default); else :class:`ParameterError` (an unknown
    engine, or durable where durable_rules does not import)."""
    if name is None or name == "":
        return None
    if name == "durable" and not DURABLE_AVAILABLE:
        problem = Problem(
            "engine",
            f"the durable engine (durable_rules) is not available on Python {sys.version_info.major}."
            f"{sys.version_info.minor}: use native (the same findings), or leave engine out",
            f"当前 Python {sys.version_info.major}.{sys.version_info.minor} 上没有 durable 规则引擎（durable_rules）："
            "请改用 native（结论相同），或不指定引擎",
        )
        raise ParameterError("engine_unavailable", [problem])
    for engine in ENGINES:
        if name == engine:
            return engine
    hint_en, hint_zh = did_you_mean(name, list(ENGINES))
    shown = clip(repr(name), 80)
    problem = Problem(
        "engine",
        f"unknown engine {shown}{hint_en}: use durable or native",
        f"未知规则引擎 {shown}{hint_zh}：应为 durable 或 native",
    )
    raise ParameterError("unknown_engine", [problem])


def stage_name(name: str | None) -> Stage | None:
    """The stage a request names (``None`` or empty: the case's own); else :class:`ParameterError`."""
    if name is None or name == "":
        return None
    try:
        return Stage(name)
    except ValueError:
        pass
    values = [s.value for s in Stage]
    hint_en, hint_zh = did_you_mean(name, values)
    shown = clip(repr(name), 80)
    problem = Problem(
        "stage",
        f"unknown stage {shown}{hint_en}: use one of {', '.join(values)}",
        f"未知案卷环节 {shown}{hint_zh}：应为以下之一：{'、'.join(f'{s.value}（{s.zh}）' for s in Stage)}",
    )
    raise ParameterError("unknown_stage", [problem])


def as_of_date(text: str | None) -> date | None:
    """The as-of date a request gives as ``YYYY-MM-DD`` (``None`` or empty: the case's own); else
    :class:`ParameterError` (``bad_parameter``)."""
    if not text:
        return None
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
    except ValueError:
        pass
    shown = clip(repr(text), 40)
    problem = Problem(
        "as_of", f"{shown} is not a date YYYY-MM-DD", f"{shown} 不是有效日期，应为 年-月-日，如 2025-06-10"
    )
    raise ParameterError("bad_parameter", [problem])


def _text(data: bytes, source: str) -> str:
    """UTF-8 text (a byte-order mark allowed); anything else is a :class:`CaseError` naming ``source``."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CaseError(
            [Problem(source, f"not UTF-8 text: {exc.reason} at byte {exc.start}", "不是 UTF-8 编码的文本")]
        ) from None


def format_of(filename: str, text: str) -> CaseFormat:
    """JSON for a ``.json`` file; YAML for ``.yaml``/``.yml``; otherwise JSON when the text opens with ``{``."""
    suffix = PurePosixPath(filename).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    return "json" if text.lstrip().startswith("{") else "yaml"


def case_from_bytes(data: bytes, source: str, *, fmt: CaseFormat | None = None) -> Case:
    """A case from JSON or YAML bytes (``fmt``; ``None``: by ``source``'s ending, else by the text).

    Raises :class:`CaseError` for text that is not UTF-8, malformed JSON or YAML, or an invalid case.
    """
    text = _text(data, source)
    try:
        return case_from_text(text, Path(source), as_json=(fmt or format_of(source, text)) == "json")
    except RecursionError:  # JSON nested thousands deep: the parser's recursion gives out
        raise CaseError([_too_deep(source)]) from None


def _too_deep(source: str) -> Problem:
    return Problem(source, "lists and mappings nested too deeply to read", "列表和对象嵌套层数过多，无法读取")


def is_lrmx(filename: str) -> bool:
    """Whether ``filename`` names a 任免审批表 (``.lrmx``, or the older ``.lrm``)."""
    return filename.lower().endswith(LRMX_SUFFIXES)


def read_upload(data: bytes, filename: str, *, procedure: bytes | None, procedure_name: str | None) -> Case:
    """The case of an upload: a JSON/YAML case file, or a ``.lrmx`` merged with a post-and-procedure case file
    (its own ``candidate`` keys take precedence, as with ``cadre-rules check --candidate``).  An empty
    ``procedure`` without a name counts as none (a form's file field left empty); a procedure with a case file,
    or an empty upload, is a :class:`CaseError`."""
    return import_upload(data, filename, procedure=procedure, procedure_name=procedure_name)[0]


def import_upload(
    data: bytes, filename: str, *, procedure: bytes | None, procedure_name: str | None
) -> tuple[Case, list[Problem]]:
    """:func:`read_upload`, with the notes of a ``.lrmx`` import: what of the form could not be mapped into the
    candidate (as ``cadre-rules check --candidate`` prints them); none for a case file."""
    name = clip(PurePosixPath(filename or "").name, 120) or "(file)"
    if not data:
        raise CaseError([Problem("file", "no file, or an empty file, was uploaded", "未上传文件，或上传的文件为空")])
    if procedure is not None and not procedure and not procedure_name:
        procedure = None  # a form's file field left empty
    if not is_lrmx(name):
        if procedure is not None:
            raise CaseError(
                [
                    Problem(
                        "procedure",
                        "a procedure file goes only with a 任免审批表 (.lrmx): a case file already holds the procedure",
                        "程序文件只与任免审批表（.lrmx）一同上传：案例文件本身已含程序",
                    )
                ]
            )
        return case_from_bytes(data, name), []
    if name.lower().endswith(".lrm"):
        raise CaseError(
            [
                Problem(
                    name,
                    "the older .lrm (任免审批表 2.0) format is not supported: "
                    "save the form as .lrmx in the 任免审批表编辑器",
                    "不支持旧版 .lrm（任免审批表 2.0）格式：请在任免审批表编辑器中另存为 .lrmx",
                )
            ]
        )
    if procedure is None:
        raise CaseError(
            [
                Problem(
                    "procedure",
                    "a 任免审批表 (.lrmx) holds only the candidate: upload a case file giving kind, post and "
                    "procedure with it",
                    "任免审批表（.lrmx）只含人选信息：请同时上传写明案件类型、拟任职务和程序的案例文件",
                )
            ]
        )
    imported = parse_lrmx(data, source=name)
    proc_name = clip(PurePosixPath(procedure_name or "").name, 120) or "(procedure)"
    return merge_candidate(procedure_mapping(procedure, proc_name), imported), list(imported.notes)


def procedure_mapping(data: bytes, source: str) -> dict[str, Any]:
    """The mapping of a post-and-procedure case file given as bytes (JSON or YAML, by ``source``'s ending or the
    text), read as a case file is; anything else raises :class:`CaseError` naming ``source``."""
    text = _text(data, source)
    try:
        mapping = json.loads(text) if format_of(source, text) == "json" else load_case_yaml(text)
    except json.JSONDecodeError as exc:
        problem = Problem(f"{source}:{exc.lineno}:{exc.colno}", f"malformed JSON: {exc.msg}", "JSON 格式错误")
        raise CaseError([problem]) from None
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark is not None else source
        reason = " ".join(str(p) for p in (getattr(exc, "context", None), getattr(exc, "problem", None)) if p)
        problem = Problem(
            where, f"malformed YAML: {clip(reason or type(exc).__name__, 200)}", "YAML 格式错误（见所示行、列）"
        )
        raise CaseError([problem]) from None
    except RecursionError:
        raise CaseError([_too_deep(source)]) from None
    if not isinstance(mapping, dict):
        raise CaseError([Problem(source, "expected a mapping at the top level", "顶层应为对象（映射）")])
    return mapping


@dataclass(frozen=True)
class CheckSettings:
    """What a request judges a case by, each parameter checked before the case is read."""

    profile: str
    engine: EngineName | None
    stage: Stage | None
    as_of: date | None

    @classmethod
    def of(cls, *, profile: str, engine: str | None, as_of: date | None, stage: str | None) -> CheckSettings:
        """The settings of a request: :class:`ProfileError` or :class:`ParameterError` for an unknown one."""
        return cls(shipped_profile(profile), engine_name(engine), stage_name(stage), as_of)

    def check(self, case: Case) -> Report:
        """Check ``case`` (see :func:`~cadre_rules.validate`)."""
        return validate(case, as_of=self.as_of, profile=self.profile, engine=self.engine, stage=self.stage)


def check_upload(
    data: bytes,
    filename: str,
    *,
    procedure: bytes | None,
    procedure_name: str | None,
    profile: str,
    engine: str | None,
    as_of: date | None,
    stage: str | None,
) -> Report:
    """Check an uploaded case: JSON or YAML bytes, or a ``.lrmx`` with a post-and-procedure case file
    (``procedure``, named ``procedure_name``).

    Raises :class:`CaseError` for bad input, :class:`ProfileError` for a profile that is not shipped and
    :class:`ParameterError` for an unknown engine or stage, each naming the field in Chinese and English.
    """
    settings = CheckSettings.of(profile=profile, engine=engine, as_of=as_of, stage=stage)
    return settings.check(read_upload(data, filename, procedure=procedure, procedure_name=procedure_name))
