"""The checking page for officers: paste or upload a case (or a 任免审批表 ``.lrmx`` with a post-and-procedure file),
see the report in Chinese, rendered on the server (no JavaScript needed), printable on A4.

``GET /`` is the form; ``POST /check`` (multipart form) checks the case with
:func:`cadre_rules.service._input.check_upload` and answers the same page with the report, or with the problems
of a bad input (HTTP 422).  The report is rendered by :func:`render_report_html`, a pure function; the templates,
stylesheet, script and the Chinese words for field names are package data under ``cadre_rules/service/page/``.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from cadre_rules._errors import CadreRulesError, Problem, has_id, mask_ids
from cadre_rules._validate import __version__, fact_words
from cadre_rules._wording import fact_glosses, field_zh, key_zh, leaf_paths, plain_words, value_zh, zh_paths
from cadre_rules.engine import EngineError
from cadre_rules.profiles import available_profiles, load_profile
from cadre_rules.records import Stage
from cadre_rules.records._enums import LABELS_ZH, code_label_zh
from cadre_rules.report import (
    SEVERITY_ZH,
    STATUS_ZH,
    Citation,
    Finding,
    Report,
)
from cadre_rules.rules import default_registry
from cadre_rules.service._errors import library_error
from cadre_rules.service._input import CheckSettings, import_upload, is_lrmx

LOG = logging.getLogger("cadre_rules.service")

router = APIRouter()
"""The page's routes (``GET /``, ``POST /check``, ``GET /page/{asset}``), included by :func:`create_app`."""

ASSET_BASE = "/page"
"""Where the stylesheet and the script are served."""
ASSET_HREF = "page"
"""How the page links them: relative, so the page also works with the app mounted under a prefix."""
ASSETS: dict[str, str] = {"style.css": "text/css; charset=utf-8", "page.js": "text/javascript; charset=utf-8"}
"""The files served from the package data, with their media types (nothing else is served)."""
MAX_FORM_PART = 8 * 1024 * 1024
"""The largest pasted case the form accepts (the service's body limit bounds the whole request as well)."""
PASTED_NAME = "粘贴的案例"
"""How a pasted case is named in error messages (no file ending: JSON or YAML is judged by the text)."""

BANNER_ZH: dict[str, str] = {"compliant": "合规", "violations": "有违反", "indeterminate": "无法判断"}
"""The outcome as the page's banner states it."""
CONFIDENCE_ZH: dict[str, str] = {"high": "高", "medium": "中", "low": "低"}
ENGINE_ZH: dict[str, str] = {"durable": "规则推理引擎", "native": "内置求值器"}
"""The engines in Chinese (their names are shown beside as identifiers)."""
LEVEL_ZH: dict[str, str] = {"national": "国家规定", "local": "地方实践"}

_SOURCE_FILE = re.compile(r"^（([^（）]+\.txt)）")
_UNVERIFIED = "条号未经核实"


# ----------------------------------------------------------------------------------------------------------------
# Words: field paths, facts and values in Chinese


def path_words(path: str, words: Mapping[str, str] | None = None) -> str:
    """A missing field path in Chinese words, as the text report gives it (``procedure.inspection.responsible`` →
    ``考察·责任人``; ``p.NAME`` → the parameter's title; a whole record not recorded says so)."""
    if words is None or words is _fact_words():
        return _path_words(path)
    return _path_words_with(path, words)


@lru_cache(maxsize=8192)
def _path_words(path: str) -> str:
    """:func:`path_words` with the fact words of the library, remembered (a path's words never change)."""
    return _path_words_with(path, _fact_words())


def _path_words_with(path: str, words: Mapping[str, str]) -> str:
    return field_zh(path, words)


@cache
def _fact_words() -> dict[str, str]:
    """Fact and parameter words as the text report gives them (glosses spelling codes in English left out)."""
    return plain_words(fact_words())


@cache
def _value_words() -> dict[str, dict[str, str]]:
    """Per fact, the Chinese of the codes its description explains, as the text report reads them."""
    return fact_glosses(fact_words())


_WORD = re.compile(r"(?<![\w.])[A-Za-z_][A-Za-z0-9_]*(?![\w.])")


def _code_zh(code: str, words: Mapping[str, str]) -> str | None:
    """A code in a message in Chinese: yes/no, an enumeration value by its label (a value several enumerations
    name differently by its name as a step of the procedure, else its first label), a parameter by its title."""
    if code in ("True", "False"):
        return "是" if code == "True" else "否"
    label = code_label_zh(code)
    if label is not None:
        return label
    if code in Stage.__members__.values():
        return Stage(code).zh
    for (_, value), zh in LABELS_ZH.items():
        if value == code:
            return zh
    return words.get(f"p.{code}") or words.get(code)


def message_zh(text: str, words: Mapping[str, str]) -> str:
    """A finding's Chinese message for the page: field paths in words (as the text report gives them) and any code
    left in it by its Chinese name (a word with no Chinese name is kept as it is)."""
    text = zh_paths(text, words)
    return _WORD.sub(lambda m: _code_zh(m.group(), words) or m.group(), text)


def evidence_value(fact: str, value: Any) -> str:
    """A fact's value in Chinese: yes/no, a code by the label the fact catalogue gives it for this fact, else by
    its label in the enumerations (as the text report shows it); ``none`` reads 无; a code inside a text (a
    parameter named in a derived description) by its Chinese name."""
    if isinstance(value, list | tuple):
        return "、".join(evidence_value(fact, v) for v in value) or "（空）"
    if isinstance(value, str):
        said = value_zh(value, _value_words().get(fact))
        if said == "none":
            return "无"
        return said if said != value else message_zh(value, _fact_words())
    return value_zh(value)


# ----------------------------------------------------------------------------------------------------------------
# The report as the templates see it


@dataclass(frozen=True)
class CitationView:
    """A quoted provision as the page shows it."""

    text: str
    title: str
    location: str
    file: str | None
    unverified: bool
    location_says_unverified: bool
    confidence_zh: str
    version_note: str | None


@dataclass(frozen=True)
class FindingView:
    """A finding as the page shows it: Chinese words only, the rule id as an identifier."""

    rule_id: str
    status: str
    status_zh: str
    severity: str
    severity_zh: str
    title: str
    level_zh: str
    message: str
    citations: list[CitationView]
    evidence: list[tuple[str, str]]
    missing: list[str]
    waiver: str | None
    stage: str | None


@dataclass(frozen=True)
class Material:
    """One item to collect: a missing field in Chinese words and how many checks wait for it."""

    path: str
    words: str
    count: int


@dataclass(frozen=True)
class LaterGroup:
    """The rules of one later step of the procedure (not yet due at the dossier's stage)."""

    stage_zh: str
    findings: list[FindingView]


@dataclass(frozen=True)
class ReportView:
    """A report grouped for the page: 违反 / 无法判断 (with the materials to collect) / 地方实践提示 / 符合 /
    不适用 / 尚未到期."""

    outcome: str
    outcome_zh: str
    case_id: str
    as_of: str
    profile: str
    profile_title: str
    engine: str
    engine_zh: str
    ruleset_version: str
    stage_zh: str | None
    notices: list[str]
    violated: list[FindingView]
    indeterminate: list[FindingView]
    materials: list[Material]
    satisfied: list[FindingView]
    advice_shown: list[FindingView]
    advice_satisfied: list[FindingView]
    advice_sources: list[str]
    not_applicable: list[FindingView]
    not_yet_due: list[FindingView]
    later: list[LaterGroup] = field(default_factory=list)


def _citation_view(c: Citation) -> CitationView:
    location, file = c.location, None
    m = _SOURCE_FILE.match(location)
    if m is not None:  # a local-practice document: its source file is an identifier, shown apart from the words
        file, location = m[1], location[m.end() :]
    return CitationView(
        text=c.text,
        title=c.title,
        location=location,
        file=file,
        unverified=c.number_confidence == "low",
        location_says_unverified=_UNVERIFIED in location,
        confidence_zh=CONFIDENCE_ZH.get(c.confidence, c.confidence),
        version_note=c.version_note,
    )


def finding_view(f: Finding, words: Mapping[str, str]) -> FindingView:
    """A finding in the page's words: evidence keys by their Chinese description, values by their labels, missing
    fields in words."""
    return FindingView(
        rule_id=f.rule_id,
        status=f.status,
        status_zh=STATUS_ZH[f.status],
        severity=f.severity,
        severity_zh=SEVERITY_ZH.get(f.severity, "") if f.status == "violated" or f.severity == "advice" else "",
        title=f.title["zh"],
        level_zh=LEVEL_ZH.get(f.source_level, "地方实践"),
        message="所需材料不全，无法判断" if f.status == "indeterminate" else message_zh(f.message["zh"], words),
        citations=[_citation_view(c) for c in f.citations],
        evidence=[(words.get(k) or key_zh(k), evidence_value(k, v)) for k, v in f.evidence.items()],
        missing=list(dict.fromkeys(path_words(p, words) for p in leaf_paths(f))),
        waiver=f.waiver,
        stage=f.stage,
    )


def materials(findings: Iterable[Finding], words: Mapping[str, str] | None = None) -> list[Material]:
    """One combined, de-duplicated list of the fields ``findings`` lack (a whole record not recorded replaced by the
    fields of it each rule reads, as the text report lists them), each with how many findings wait for it: the most
    awaited first, then by path."""
    waiting: dict[str, int] = {}
    for f in findings:
        for path in leaf_paths(f):
            waiting[path] = waiting.get(path, 0) + 1
    ordered = sorted(waiting.items(), key=lambda item: (-item[1], item[0]))
    return [Material(path, path_words(path, words), n) for path, n in ordered]


@cache
def _profile_titles() -> dict[str, str]:
    registry = default_registry()
    return {name: load_profile(name, registry).title.zh for name in available_profiles()}


def report_view(report: Report, *, words: Mapping[str, str] | None = None) -> ReportView:
    """``report`` grouped and worded for the page (see :class:`ReportView`)."""
    words = words if words is not None else _fact_words()
    binding = [f for f in report.findings if f.severity != "advice"]
    advice = [f for f in report.findings if f.severity == "advice"]

    def views(fs: Iterable[Finding]) -> list[FindingView]:
        return [finding_view(f, words) for f in fs]

    indeterminate = [f for f in binding if f.status == "indeterminate"]
    advice_shown = [f for f in advice if f.status in ("violated", "indeterminate")]
    not_yet_due = [f for f in report.findings if f.status == "not_yet_due"]
    later: dict[str, list[Finding]] = {}
    for f in not_yet_due:
        later.setdefault(f.stage or "", []).append(f)
    notices = [n["zh"] for n in (report.profile_notice, report.notice) if n is not None]
    return ReportView(
        outcome=report.outcome,
        outcome_zh=BANNER_ZH[report.outcome],
        case_id=report.case_id,
        as_of=report.as_of,
        profile=report.profile,
        profile_title=_profile_titles().get(report.profile, "自定义规则集"),
        engine=report.engine,
        engine_zh=ENGINE_ZH.get(report.engine, "规则引擎"),
        ruleset_version=report.ruleset_version,
        stage_zh=Stage(report.stage).zh if report.stage else None,
        notices=notices,
        violated=views(f for f in binding if f.status == "violated"),
        indeterminate=views(indeterminate),
        materials=materials(indeterminate, words),
        satisfied=views(f for f in binding if f.status == "satisfied"),
        advice_shown=views(advice_shown),
        advice_satisfied=views(f for f in advice if f.status == "satisfied"),
        advice_sources=list(
            dict.fromkeys(c.title for f in advice_shown for c in f.citations if c.instrument.startswith("seed-"))
        ),
        not_applicable=views(f for f in report.findings if f.status == "not_applicable"),
        not_yet_due=views(not_yet_due),
        later=[
            LaterGroup(Stage(s).zh if s else "其他", views(later[s]))
            for s in sorted(later, key=lambda s: Stage(s).rank if s else -1)
        ],
    )


# ----------------------------------------------------------------------------------------------------------------
# HTML


@cache
def _env() -> Environment:
    """The template environment: every value HTML-escaped unless marked safe by this module."""
    return Environment(
        loader=PackageLoader("cadre_rules.service", "page"),
        autoescape=select_autoescape(["html"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_report_html(report: Report, *, words: Mapping[str, str] | None = None) -> str:
    """The report as an HTML fragment (``<div class="report">``): the outcome banner, as-of date, profile, engine
    and ruleset version, then 违反 (with severity), 无法判断 (with one combined list of the materials to collect),
    地方实践提示 (labelled with its source documents), 符合 (folded), 不适用 and 尚未到期 (folded); each finding
    with its quoted articles and its evidence.  Every text from the report is HTML-escaped."""
    return _report_fragment(report_view(report, words=words))


def _report_fragment(view: ReportView) -> str:
    return _env().get_template("report.html").render(r=view)


@dataclass(frozen=True)
class FormState:
    """What the form shows: the submitted values (empty for a fresh page)."""

    case_text: str = ""
    profile: str = "default"
    engine: str = ""
    stage: str = ""
    as_of: str = ""

    def shown(self) -> FormState:
        """The form as the page shows it again: pasted text that holds an ID number (15 or more digits in a row) is
        not echoed back, so the answer carries no full ID number (the report masks it; the text box would not)."""
        return replace(self, case_text="") if has_id(self.case_text) else self

    @property
    def withheld(self) -> bool:
        """Whether the pasted text is not shown again (it holds an ID number)."""
        return has_id(self.case_text)


@dataclass(frozen=True)
class ProblemView:
    """One problem of a bad input."""

    path: str
    zh: str
    en: str


@dataclass(frozen=True)
class ErrorView:
    """A bad input, as the page lists it (the service's error body, in Chinese and English)."""

    message_zh: str
    message_en: str
    problems: list[ProblemView]
    more: int


def error_view(body: Mapping[str, Any]) -> ErrorView:
    """An error body of the service (``{"message": {"zh", "en"}, "problems": [...], "more"}``) for the page."""
    return ErrorView(
        message_zh=str(body["message"]["zh"]),
        message_en=str(body["message"]["en"]),
        problems=[ProblemView(p["path"], p["message_zh"], p["message_en"]) for p in body.get("problems", [])],
        more=int(body.get("more", 0)),
    )


@dataclass(frozen=True)
class _Option:
    value: str
    label: str


@dataclass(frozen=True)
class _ProfileOption:
    id: str
    title: str


def render_page(
    *,
    form: FormState | None = None,
    report: Report | None = None,
    error: ErrorView | None = None,
    notes: Sequence[Problem] = (),
    action: str = "",
) -> str:
    """The whole page: the form (with ``form``'s values), then the problems of a bad input or the report, after
    the ``notes`` of a ``.lrmx`` import (what of the form was not imported; ID numbers masked)."""
    engines = [_Option("", "默认（规则推理引擎）")] + [_Option(k, v) for k, v in ENGINE_ZH.items()]
    stages = [_Option("", "按案例所载环节")] + [_Option(s.value, s.zh) for s in Stage]
    titles = _profile_titles()
    view = report_view(report) if report is not None else None
    page = _env().get_template("page.html")
    return page.render(
        form=(form or FormState()).shown(),
        text_withheld=form is not None and form.withheld,
        profiles=[_ProfileOption(p, titles[p]) for p in available_profiles()],
        engines=engines,
        stages=stages,
        report=view,
        report_html=Markup(_report_fragment(view)) if view is not None else None,  # escaped by its own template
        error=error,
        notes=[ProblemView(mask_ids(n.path), mask_ids(n.message_zh), mask_ids(n.message_en)) for n in notes],
        asset_base=ASSET_HREF,
        action=action or "check#result",
        version=__version__,
    )


# ----------------------------------------------------------------------------------------------------------------
# Routes


def _html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers={"Cache-Control": "no-store"})


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def page() -> HTMLResponse:
    """The checking page: a form to paste or upload a case."""
    return _html(render_page())


@router.get(ASSET_BASE + "/{name}", include_in_schema=False)
def asset(name: str) -> Response:
    """The page's stylesheet and script (package data); 404 for any other name."""
    media = ASSETS.get(name)
    if media is None:
        return Response("未找到 / not found", status_code=404, media_type="text/plain; charset=utf-8")
    data = resources.files("cadre_rules.service").joinpath("page", name).read_bytes()
    return Response(data, media_type=media, headers={"Cache-Control": "max-age=3600"})


def _field(form: Mapping[str, Any], name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


async def _upload(form: Mapping[str, Any], name: str) -> tuple[bytes, str] | None:
    """An uploaded file's bytes and name, or None when the field is absent or no file was chosen."""
    value = form.get(name)
    if not isinstance(value, UploadFile) or not value.filename:
        return None
    return await value.read(), value.filename


def _bad(zh: str, en: str, path: str) -> ErrorView:
    return ErrorView(zh, en, [ProblemView(path, zh, en)], 0)


def _as_of(text: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _FormError(
            _bad("判断日期应为“年-月-日”格式，如 2025-06-10", "as-of date must be YYYY-MM-DD, e.g. 2025-06-10", "as_of")
        ) from None


class _FormError(Exception):
    def __init__(self, view: ErrorView) -> None:
        super().__init__(view.message_en)
        self.view = view


@router.post("/check", response_class=HTMLResponse, include_in_schema=False)
async def check(request: Request) -> HTMLResponse:
    """Check the submitted case and answer the page with its report, or with the problems of a bad input (422)."""
    try:
        form = await request.form(max_files=4, max_fields=16, max_part_size=MAX_FORM_PART)
    except Exception as exc:  # a malformed or oversized multipart body: starlette's parser names the cause
        LOG.info("page: unreadable form: %s", exc)
        view = _bad("表单内容无法读取（格式不符或过大）", f"the form could not be read: {exc}", "(form)")
        return _html(render_page(error=view), 422)
    state = FormState(
        case_text=_field(form, "case_text"),
        profile=_field(form, "profile") or "default",
        engine=_field(form, "engine"),
        stage=_field(form, "stage"),
        as_of=_field(form, "as_of"),
    )
    try:
        report, notes = await _check(form, state)
    except _FormError as exc:
        return _html(render_page(form=state, error=exc.view), 422)
    except (CadreRulesError, EngineError, ValueError) as exc:  # as the API answers them (a ValueError: bad input)
        response = library_error(exc)
        body = json.loads(bytes(response.body))
        return _html(render_page(form=state, error=error_view(body)), response.status_code)
    except Exception:  # a fault of ours: logged with its traceback on the server, never shown on the page
        LOG.exception("page: checking a case failed")
        view = _bad("检查时发生内部错误，未得出结论；请联系管理员", "internal error: no result", "(server)")
        return _html(render_page(form=state, error=view), 500)
    finally:
        await form.close()
    return _html(render_page(form=state, report=report, notes=notes))


async def _check(form: Mapping[str, Any], state: FormState) -> tuple[Report, list[Problem]]:
    """The report of the submitted case (an uploaded file first, else the pasted text) and a ``.lrmx``'s notes."""
    upload = await _upload(form, "case_file")
    procedure = await _upload(form, "procedure_file")
    as_of = _as_of(state.as_of)
    if upload is not None:
        data, name = upload
        if is_lrmx(name) and procedure is None and state.case_text:  # the post and procedure pasted beside the form
            procedure = (state.case_text.encode("utf-8"), PASTED_NAME)
    elif state.case_text:
        data, name = state.case_text.encode("utf-8"), PASTED_NAME
    else:
        raise _FormError(
            _bad(
                "请粘贴案例，或上传案例文件（或任免审批表及岗位与程序文件）",
                "paste a case, or upload a case file (or a .lrmx with a post-and-procedure file)",
                "case_text",
            )
        )
    proc_data, proc_name = procedure if procedure is not None else (None, None)

    def work() -> tuple[Report, list[Problem]]:
        settings = CheckSettings.of(
            profile=state.profile, engine=state.engine or None, as_of=as_of, stage=state.stage or None
        )
        case, notes = import_upload(data, name, procedure=proc_data, procedure_name=proc_name)
        return settings.check(case), notes

    return await run_in_threadpool(work)


__all__ = [
    "ErrorView",
    "FindingView",
    "FormState",
    "Material",
    "ReportView",
    "error_view",
    "evidence_value",
    "finding_view",
    "materials",
    "message_zh",
    "path_words",
    "render_page",
    "render_report_html",
    "report_view",
    "router",
]
