"""The outcome of a check: one finding per rule, with citations, evidence and missing fields."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cadre_rules._errors import ArgumentError, CaseError, Problem, clip, has_id, mask_ids
from cadre_rules._wording import fact_glosses, field_zh, key_zh, leaf_paths, plain_words, value_zh, zh_paths
from cadre_rules.records import Stage

REPORT_SCHEMA_VERSION = "1.0"
"""The version of the report's JSON (its ``schema_version``): raised when a key is removed or changes meaning."""
REPORT_SCHEMA_ID = f"https://cadre-rules.example.org/schema/report/{REPORT_SCHEMA_VERSION}.json"

Status = Literal["violated", "satisfied", "indeterminate", "not_applicable", "not_yet_due"]
Outcome = Literal["compliant", "violations", "indeterminate"]
CitationMode = Literal["inline", "ref"]
"""How a report's JSON gives citations: in full in each finding (``inline``), or by id into one table (``ref``)."""

OUTCOME_ZH: dict[str, str] = {"compliant": "合规", "violations": "存在违规", "indeterminate": "部分无法判断"}
STATUS_ZH: dict[str, str] = {
    "violated": "违反",
    "satisfied": "符合",
    "indeterminate": "无法判断",
    "not_applicable": "不适用",
    "not_yet_due": "尚未到期",
}
_CONF_ZH = {"high": "高", "medium": "中", "low": "低"}
SEVERITY_ZH: dict[str, str] = {"error": "严重", "warning": "一般", "advice": "参考"}
"""The severity of a finding in Chinese (``advice``: local practice shown beside the national rules)."""


class ReportError(CaseError):
    """A report's JSON cannot be read back (:meth:`Report.from_json`): names each key at fault."""


@dataclass(frozen=True)
class Citation:
    """A cited provision with its quoted text and how sure the transcription is."""

    instrument: str
    title: str
    article: str
    paragraph: int | None
    item: int | None
    label: str
    location: str
    text: str
    confidence: str
    number_confidence: str
    text_confidence: str
    version_note: str | None = None  # the cited text predates a revision whose text is not encoded


@dataclass(frozen=True)
class Finding:
    """The status of one rule on one case (read-only: a finding that shows nothing of the case may be shared by
    many reports, :func:`shared_finding`)."""

    rule_id: str
    status: Status
    severity: str
    title: dict[str, str]
    message: dict[str, str]
    source_level: str
    citations: list[Citation]
    evidence: dict[str, Any] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    waiver: str | None = None
    stage: str | None = None  # the step of the procedure the rule checks (motion … appointment)


@dataclass(frozen=True)
class Report:
    """The findings for a case, in deterministic order, with what they were judged by."""

    case_id: str
    as_of: str
    profile: str
    engine: str
    ruleset_version: str
    findings: list[Finding]
    notice: dict[str, str] | None = None  # why the report cannot be complete (zh, en), e.g. no law encoded for the date
    stage: str | None = None  # the step the dossier has reached; None: the whole procedure was checked
    profile_notice: dict[str, str] | None = None  # the national rules the profile leaves out (zh, en); None: none

    @property
    def outcome(self) -> Outcome:
        """Over the binding findings (advice aside): ``violations`` if any is violated, else ``indeterminate``
        if any is or the report carries a notice, else ``compliant``."""
        statuses = {f.status for f in self.findings if f.severity != "advice"}
        if "violated" in statuses:
            return "violations"
        if "indeterminate" in statuses or self.notice is not None:
            return "indeterminate"
        return "compliant"

    @property
    def violations(self) -> list[Finding]:
        """The violated binding findings (local practice shown as advice aside)."""
        return [f for f in self.findings if f.status == "violated" and f.severity != "advice"]

    @property
    def not_yet_due(self) -> list[Finding]:
        """Rules about steps after the dossier's stage: what comes next (neither satisfied nor indeterminate)."""
        return [f for f in self.findings if f.status == "not_yet_due"]

    @property
    def advice(self) -> list[Finding]:
        """Local practice shown as advice (under ``default``): findings that never turn the outcome."""
        return [f for f in self.findings if f.severity == "advice"]

    @classmethod
    def from_json(cls, text: str | bytes) -> Report:
        """The report a :meth:`to_json` text holds (citations inline or by id): ``from_json(r.to_json()).to_json()
        == r.to_json()``. A citation's ``text_confidence``, which the JSON does not carry, reads as its
        ``confidence``. Raise :class:`ReportError` naming each key at fault."""
        from cadre_rules.records._load import problems_from_validation

        try:
            data = ReportJSON.model_validate_json(text)
        except ValidationError as exc:
            raise ReportError(problems_from_validation(exc)) from None
        if data.schema_version != REPORT_SCHEMA_VERSION:
            raise ReportError(
                [
                    Problem(
                        "schema_version",
                        f"report schema version {clip(data.schema_version, 40)!r} is not {REPORT_SCHEMA_VERSION!r}",
                        f"报告格式版本不符：应为 {REPORT_SCHEMA_VERSION}",
                    )
                ]
            )
        table = data.citations or {}
        findings = []
        for i, f in enumerate(data.findings):
            cites = []
            given_citations: list[CitationJSON | str] = list(f.citations)
            for k, given in enumerate(given_citations):
                if isinstance(given, str):
                    if given not in table:
                        where = f"findings[{i}].citations[{k}]"
                        raise ReportError(
                            [Problem(where, "no such id in the citations table", "引用编号不在引用表（citations）中")]
                        )
                    cited = table[given]
                else:
                    cited = given
                cites.append(Citation(**cited.model_dump(), text_confidence=cited.confidence))
            findings.append(Finding(**f.model_dump(exclude={"citations"}), citations=cites))
        report = cls(
            **data.model_dump(exclude={"outcome", "schema_version", "findings", "citations"}), findings=findings
        )
        if report.outcome != data.outcome:
            raise ReportError(
                [
                    Problem(
                        "outcome",
                        f"outcome {data.outcome!r} contradicts the findings ({report.outcome})",
                        f"结论与各项结果不符（应为“{OUTCOME_ZH[report.outcome]}”）",
                    )
                ]
            )
        return report

    def to_dict(self, *, citations: CitationMode = "inline", show_id: bool = False) -> dict[str, Any]:
        """The JSON contract of design.md as plain data (fresh containers the caller may change).

        ``citations="inline"`` (the contract) gives each finding its citations in full; ``"ref"`` gives each
        finding the ids of its citations and the report a ``citations`` table (id → citation) once.
        ID numbers in the text taken from the case (``case_id``, messages, evidence, waiver reasons) are masked
        (``110105********123X``) unless ``show_id`` (:meth:`masked`).
        """
        return (self if show_id else self.masked())._data(citations, fresh=True)

    def to_json(self, *, indent: int | None = None, citations: CitationMode = "inline", show_id: bool = False) -> str:
        """Deterministic JSON (same case, profile and version give the same bytes, engine field aside).

        Compact by default (for machines); ``indent=2`` for people.  Chinese is written as is (UTF-8), not escaped.
        ID numbers are masked unless ``show_id``.
        """
        return self.to_json_bytes(indent=indent, citations=citations, show_id=show_id).decode("utf-8")

    def to_json_bytes(
        self, *, indent: int | None = None, citations: CitationMode = "inline", show_id: bool = False
    ) -> bytes:
        """:meth:`to_json` as UTF-8 bytes (what a file or a pipe receives), without decoding them."""
        texts = _case_texts(self)
        report = self if show_id else self._masked(texts)
        out = _compact_json(report, citations) if indent is None else None
        if out is None:  # pretty, or what orjson refuses (an integer beyond 64 bits): through dump_json's fallback
            out = dump_json(report._data(citations, fresh=False), indent=indent)
        if _breaks_lines(texts):  # only the case's own text can hold one
            out = one_line_json(out)
        return out

    def masked(self) -> Report:
        """This report with every ID number (a run of 15 or more digits) in the text taken from the case masked to
        its first six and last four characters: ``case_id``, each finding's message, text evidence and waiver
        reason, and the notices. The report itself when there is none (the usual case: no copy is made)."""
        return self._masked(_case_texts(self))

    def _masked(self, texts: list[str]) -> Report:
        """:meth:`masked`, given the report's :func:`_case_texts`."""
        if not _holds_any_id(texts):  # the usual case, found with one search over every text taken from the case
            return self
        findings = [_masked_finding(f) for f in self.findings]
        notices = [n for n in (self.notice, self.profile_notice) if n is not None]
        unchanged = all(new is old for new, old in zip(findings, self.findings, strict=True))
        if unchanged and not has_id(self.case_id) and not any(has_id(t) for n in notices for t in n.values()):
            return self
        return replace(
            self,
            case_id=mask_ids(self.case_id),
            findings=findings,
            notice=_masked_texts(self.notice),
            profile_notice=_masked_texts(self.profile_notice),
        )

    def _data(self, citations: CitationMode, *, fresh: bool, fragments: bool = False) -> dict[str, Any]:
        """The report as plain data; ``fresh=False`` shares the per-citation dicts (for serialising only);
        ``fragments`` gives citations as their compact JSON (:class:`orjson.Fragment`, for compact orjson only)."""
        if citations not in ("inline", "ref"):
            shown = repr(citations)[:40]
            raise ArgumentError(
                f"未知引用方式 {shown}：应为 inline 或 ref / unknown citation mode {shown}: use 'inline' or 'ref'"
            )
        table: dict[str, Any] | None = {} if citations == "ref" else None
        ids = _CitationIds()
        findings = [_finding_data(f, table, ids, fresh, fragments) for f in self.findings]
        out: dict[str, Any] = {
            "outcome": self.outcome,
            "case_id": self.case_id,
            "as_of": self.as_of,
            "profile": self.profile,
            "engine": self.engine,
            "ruleset_version": self.ruleset_version,
            "schema_version": REPORT_SCHEMA_VERSION,
            "notice": dict(self.notice) if fresh and self.notice is not None else self.notice,
            "profile_notice": dict(self.profile_notice)
            if fresh and self.profile_notice is not None
            else self.profile_notice,
            "stage": self.stage,
            "findings": findings,
        }
        if table is not None:
            out["citations"] = {k: dict(v) for k, v in table.items()} if fresh else table
        return out

    def to_text(
        self, *, show_not_applicable: bool = False, words: Mapping[str, str] | None = None, show_id: bool = False
    ) -> str:
        """A Chinese report for a reader checking a dossier; ``words`` names evidence keys in Chinese.

        In order: 违反 (with severity), 无法判断 (each with the fields to collect, then one list of all of them),
        地方实践提示 (local practice shown as advice), and 符合 folded to a count line. ``show_not_applicable``
        (the CLI's ``--all``) lists the satisfied findings too, and the rules that do not apply or are not yet due.
        No English code appears in a Chinese line: codes are shown by their Chinese names, field paths in words
        (the combined list gives each path in 〔〕 as well), rule ids only as identifiers in brackets. ID numbers are
        masked unless ``show_id``.
        """
        if not show_id and (masked := self.masked()) is not self:
            return masked.to_text(show_not_applicable=show_not_applicable, words=words, show_id=True)
        glosses = fact_glosses(words or {})
        words = plain_words(words or {})
        binding = [f for f in self.findings if f.severity != "advice"]
        lines = [
            f"案件 {self.case_id}：{OUTCOME_ZH[self.outcome]}",
            f"判断日期 {self.as_of}　规则集〔{self.profile}〕（{self.ruleset_version}）　引擎〔{self.engine}〕"
            + (f"　案卷环节 {Stage(self.stage).zh}" if self.stage else ""),
            _counts_zh(binding),
        ]
        if self.profile_notice is not None:
            lines.insert(2, f"注意：{self.profile_notice['zh']}")
        if self.advice:
            lines.append("地方实践参考：" + _counts_zh(self.advice))
        lines.append("")
        if self.notice is not None:
            lines += [f"注意：{self.notice['zh']}", ""]
        violated = [f for f in binding if f.status == "violated"]
        unknown = [f for f in binding if f.status == "indeterminate"]
        satisfied = [f for f in binding if f.status == "satisfied"]
        if violated:
            lines += [f"—— 违反（{len(violated)} 项）——", ""]
            for f in violated:
                lines += _finding_lines(f, words, glosses)
        if unknown:
            lines += [f"—— 无法判断（{len(unknown)} 项，须补充材料）——", ""]
            for f in unknown:
                lines += _finding_lines(f, words, glosses)
            lines += _to_collect(unknown, words)
        advice = [f for f in self.advice if f.status in ("violated", "indeterminate")]
        if show_not_applicable:
            advice = [f for f in self.advice if f.status not in ("not_yet_due", "not_applicable")]
        if advice:
            lines += ["—— 地方实践提示（不影响结论；采用该做法的地方请选用相应规则集）——", ""]
            for f in advice:
                lines += _finding_lines(f, words, glosses)
        if satisfied and show_not_applicable:
            lines += [f"—— 符合（{len(satisfied)} 项）——", ""]
            for f in satisfied:
                lines += _finding_lines(f, words, glosses)
        elif satisfied:
            lines += [f"—— 符合 {len(satisfied)} 项（已折叠；加 --all 逐项列出，并列出不适用和尚未到期的规则）——", ""]
        if show_not_applicable:
            inapplicable = [f for f in self.findings if f.status == "not_applicable"]
            if inapplicable:
                lines += [f"—— 不适用（{len(inapplicable)} 项）——", ""]
                lines += [
                    f"【不适用】{f.title['zh']}〔{f.rule_id}〕：{zh_paths(f.message['zh'], words)}"
                    for f in inapplicable
                ]
                lines.append("")
            lines += self._next_steps_zh()
        elif self.not_yet_due:
            lines += self._next_steps_folded()
        return "\n".join(lines).rstrip() + "\n"

    def _next_steps_folded(self) -> list[str]:
        """One line naming the later steps and how many rules will check each (the list with ``--all``)."""
        later: dict[str, int] = {}
        for f in self.not_yet_due:
            later[f.stage or ""] = later.get(f.stage or "", 0) + 1
        steps = "、".join(f"{_stage_zh(s)}（{later[s]} 项）" for s in sorted(later, key=_stage_rank))
        head = f"—— 后续环节（案卷处于“{_stage_zh(self.stage)}”环节）尚未到期的检查：{steps}；加 --all 逐项列出 ——"
        return [head, ""]

    def _next_steps_zh(self) -> list[str]:
        """The later steps and the rules that will check them, for a dossier checked at a stage."""
        later: dict[str, list[Finding]] = {}
        for f in self.not_yet_due:
            later.setdefault(f.stage or "", []).append(f)
        if not later:
            return []
        lines = [f"—— 后续环节（案卷处于“{_stage_zh(self.stage)}”环节，以下检查尚未到期）——", ""]
        for stage in sorted(later, key=_stage_rank):
            titles = "；".join(dict.fromkeys(f.title["zh"] for f in later[stage]))
            lines += [f"{_stage_zh(stage)}（{len(later[stage])} 项）：{titles}", ""]
        return lines


def _strings(value: Any, out: list[str]) -> None:
    """Append to ``out`` the texts in an evidence value (a text, or a list or tuple holding texts)."""
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, list | tuple):
        for item in value:
            _strings(item, out)


_ID_FREE: set[str] = set()
"""Texts known to hold no ID number (messages made from a rule's words recur in every report): a set lookup is far
cheaper than the regular expression over Chinese text. Bounded: emptied when full."""
_ID_FREE_MOST = 20_000


def _compact_json(report: Report, citations: CitationMode) -> bytes | None:
    """Compact JSON, each citation list written once per process and copied in (:class:`orjson.Fragment`); None
    for what orjson refuses."""
    try:
        return orjson.dumps(report._data(citations, fresh=False, fragments=True))
    except orjson.JSONEncodeError:
        return None


def _finding_texts(f: Finding, out: list[str]) -> None:
    """Append to ``out`` the texts of a finding that may come from the case: its message, evidence and waiver."""
    out.extend(f.message.values())
    for value in f.evidence.values():
        if isinstance(value, str | list | tuple):
            _strings(value, out)
    if f.waiver is not None:
        out.append(f.waiver)


def _case_texts(report: Report) -> list[str]:
    """The texts of the report that may come from the case (a shared finding's aside: it holds no ID number and no
    line break, see :func:`shared_finding`)."""
    texts = [report.case_id]
    for notice in (report.notice, report.profile_notice):
        if notice is not None:
            texts.extend(notice.values())
    shared = _SHARED_FINDINGS
    for f in report.findings:
        if id(f) not in shared:
            _finding_texts(f, texts)
    return texts


LINE_BREAKS = "\u2028\u2029\x85"
"""The characters that JSON may leave unescaped inside a string and that some readers take as the end of a line
(Python's ``str.splitlines``, Unicode line-boundary rules): LINE SEPARATOR, PARAGRAPH SEPARATOR, NEXT LINE."""

_LINE_BREAK_ESCAPES = ((b"\xe2\x80\xa8", b"\\u2028"), (b"\xe2\x80\xa9", b"\\u2029"), (b"\xc2\x85", b"\\u0085"))


def _breaks_lines(texts: list[str]) -> bool:
    """Whether any of ``texts`` holds one of :data:`LINE_BREAKS` (one search of each over the texts joined)."""
    joined = "\x00".join(texts)
    return any(c in joined for c in LINE_BREAKS)


def one_line_json(data: bytes) -> bytes:
    """UTF-8 JSON with U+2028, U+2029 and U+0085 written as escapes: the same JSON value, and safe as one line of
    JSON Lines for every reader (these three are left as they are by JSON encoders, and end a line for some)."""
    for raw, escaped in _LINE_BREAK_ESCAPES:
        data = data.replace(raw, escaped)
    return data


def _holds_any_id(texts: list[str]) -> bool:
    """Whether any of a report's :func:`_case_texts` holds an ID number (:func:`has_id`), each text searched once
    unless it is already known to hold none."""
    known = _ID_FREE
    for text in texts:  # (a finding shared between reports holds none: it was looked at when it was shared)
        if text in known:
            continue
        if has_id(text):
            return True
        if len(known) >= _ID_FREE_MOST:
            known.clear()
        known.add(text)
    return False


def _masked_texts(texts: dict[str, str] | None) -> dict[str, str] | None:
    return None if texts is None else {k: mask_ids(v) for k, v in texts.items()}


def _masked_value(value: Any) -> Any:
    if isinstance(value, str):
        return mask_ids(value)
    if isinstance(value, list | tuple):
        return [_masked_value(v) for v in value]
    return value


def _holds_id(value: Any) -> bool:
    if isinstance(value, str):
        return has_id(value)
    if isinstance(value, list | tuple):
        return any(_holds_id(v) for v in value)
    return False


def _masked_finding(f: Finding) -> Finding:
    """``f`` with ID numbers masked in its message, text evidence and waiver reason; ``f`` itself when none."""
    if not (
        any(has_id(t) for t in f.message.values())
        or any(_holds_id(v) for v in f.evidence.values())
        or (f.waiver is not None and has_id(f.waiver))
    ):
        return f
    return replace(
        f,
        message={k: mask_ids(v) for k, v in f.message.items()},
        evidence={k: _masked_value(v) for k, v in f.evidence.items()},
        waiver=mask_ids(f.waiver) if f.waiver is not None else None,
    )


def dump_json(data: Any, *, indent: int | None = None) -> bytes:
    """Plain data as UTF-8 JSON with orjson: compact (no spaces) by default, ``indent=2`` for people.

    Falls back to the standard library, with the same separators, for what orjson refuses (an integer beyond 64
    bits, another indent).
    """
    if indent in (None, 2):
        try:
            return orjson.dumps(data, option=orjson.OPT_INDENT_2 if indent == 2 else None)
        except orjson.JSONEncodeError:
            pass
    separators = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, which UTF-8 cannot hold: JSON can, as an escape
        return json.dumps(data, ensure_ascii=True, indent=indent, separators=separators).encode("ascii")


def citation_data(c: Citation) -> dict[str, Any]:
    """A citation as the report's JSON gives it (resolved once per citation and shared: do not change it)."""
    return _citation_entry(c)[1]


def _citation_entry(c: Citation) -> tuple[Citation, dict[str, Any]]:
    """The citation and its data, made once per citation object (found by identity: no dataclass hash per use)."""
    entry = _CITATION_DATA.get(id(c))
    if entry is None or entry[0] is not c:
        data = {
            "instrument": c.instrument,
            "title": c.title,
            "article": c.article,
            "paragraph": c.paragraph,
            "item": c.item,
            "text": c.text,
            "confidence": c.confidence,
            "label": c.label,
            "location": c.location,
            "number_confidence": c.number_confidence,
            "version_note": c.version_note,
        }
        if len(_CITATION_DATA) >= _CACHE_MOST:  # citations made outside the registry (from_json): stay bounded
            _CITATION_DATA.clear()
        entry = _CITATION_DATA[id(c)] = (c, data)  # the entry holds ``c``: its id is not reused while cached
    return entry


_CACHE_MOST = 4096  # entries per cache of citation data and JSON (a few MB at most)
_CITATION_DATA: dict[int, tuple[Citation, dict[str, Any]]] = {}
_CITATION_JSON: dict[int, tuple[Citation, orjson.Fragment]] = {}
_CITATIONS_JSON: dict[tuple[int, ...], tuple[tuple[Citation, ...], orjson.Fragment]] = {}


def _citation_fragment(c: Citation) -> orjson.Fragment:
    """A citation's compact JSON, written once per citation object."""
    entry = _CITATION_JSON.get(id(c))
    if entry is None or entry[0] is not c:
        if len(_CITATION_JSON) >= _CACHE_MOST:
            _CITATION_JSON.clear()
        entry = _CITATION_JSON[id(c)] = (c, orjson.Fragment(orjson.dumps(citation_data(c))))
    return entry[1]


def _citations_fragment(cites: list[Citation]) -> orjson.Fragment:
    """A finding's list of citations as compact JSON, written once per sequence of citation objects (a rule's
    citations on a span of dates are the same objects in every report)."""
    key = tuple(map(id, cites))
    entry = _CITATIONS_JSON.get(key)  # the entry holds the objects of its key's ids: a hit is the same objects
    if entry is None:
        if len(_CITATIONS_JSON) >= _CACHE_MOST:
            _CITATIONS_JSON.clear()
        shown = orjson.dumps([citation_data(c) for c in cites])
        entry = _CITATIONS_JSON[key] = (tuple(cites), orjson.Fragment(shown))
    return entry[1]


_SHARED_FINDINGS: dict[int, list[Any]] = {}  # id -> [the finding, its compact JSON with citations inline or None]
_SHARED_MOST = 8192  # shared findings marked (each holds about 1.5 kB of JSON once written)


def shared_finding(f: Finding) -> Finding:
    """Mark ``f`` as shared by many reports (a finding that shows nothing of the case: not applicable, not yet due)
    and return it: its compact JSON is then written once. It must be treated as read-only. A finding with an ID
    number or a line break (:func:`one_line_json`) in its message, evidence or waiver is not marked."""
    if id(f) not in _SHARED_FINDINGS and _masked_finding(f) is f and not _finding_breaks_line(f):
        if len(_SHARED_FINDINGS) >= _SHARED_MOST:
            _SHARED_FINDINGS.clear()
        _SHARED_FINDINGS[id(f)] = [f, None]  # the entry holds ``f``: its id is not reused while marked
    return f


def _finding_breaks_line(f: Finding) -> bool:
    texts: list[str] = []
    _finding_texts(f, texts)
    return _breaks_lines(texts)


class _CitationIds:
    """The ids of a report's citations table, by citation: found by identity first, else by equality (an equal
    citation made apart gets the same id, as a dict keyed by the citation gives it)."""

    def __init__(self) -> None:
        self.by_object: dict[int, tuple[Citation, str]] = {}
        self.by_value: dict[Citation, str] = {}

    def get(self, c: Citation) -> str | None:
        entry = self.by_object.get(id(c))
        if entry is not None and entry[0] is c:
            return entry[1]
        key = self.by_value.get(c)
        if key is not None:
            self.by_object[id(c)] = (c, key)
        return key

    def add(self, c: Citation, key: str) -> None:
        self.by_object[id(c)] = (c, key)
        self.by_value[c] = key


def citation_id(c: Citation) -> str:
    """The id of a citation in a report's ``citations`` table: ``instrument:article[.paragraph[.item]]``."""
    where = c.article if c.paragraph is None else f"{c.article}.{c.paragraph}"
    return f"{c.instrument}:{where}" if c.item is None else f"{c.instrument}:{where}.{c.item}"


def _plain(value: Any) -> Any:
    """A copy of evidence data: containers copied, scalars shared."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return value


def _finding_data(
    f: Finding, table: dict[str, Any] | None, ids: _CitationIds, fresh: bool, fragments: bool = False
) -> dict[str, Any]:
    """One finding as plain data; with ``table``, its citations are ids into it (added as first met);
    ``fragments`` gives citations as their compact JSON."""
    cites: Any
    if fragments and table is None:
        entry = _SHARED_FINDINGS.get(id(f))
        if entry is not None:
            if entry[1] is None:
                entry[1] = orjson.Fragment(orjson.dumps(_finding_data(f, None, ids, False)))
            return entry[1]  # type: ignore[no-any-return]
    if table is None:
        if fragments:
            cites = _citations_fragment(f.citations)
        else:
            cites = [dict(citation_data(c)) if fresh else citation_data(c) for c in f.citations]
    else:
        cites = []
        for c in f.citations:
            key = ids.get(c)
            if key is None:
                key = base = citation_id(c)
                n = 1
                while key in table:  # the same place with another version note (a month read at both ends)
                    n += 1
                    key = f"{base}~{n}"
                ids.add(c, key)
                table[key] = _citation_fragment(c) if fragments else citation_data(c)
            cites.append(key)
    return {
        "rule_id": f.rule_id,
        "status": f.status,
        "severity": f.severity,
        "title": dict(f.title) if fresh else f.title,
        "message": dict(f.message) if fresh else f.message,
        "source_level": f.source_level,
        "citations": cites,
        "evidence": _plain(f.evidence) if fresh else f.evidence,
        "missing": list(f.missing) if fresh else f.missing,
        "waiver": f.waiver,
        "stage": f.stage,
    }


def _stage_zh(stage: str | None) -> str:
    return Stage(stage).zh if stage else "全部"


def _stage_rank(stage: str) -> int:
    return Stage(stage).rank if stage else -1


def _counts_zh(findings: list[Finding]) -> str:
    return "　".join(f"{zh} {sum(1 for f in findings if f.status == s)}" for s, zh in STATUS_ZH.items())


def _finding_lines(f: Finding, words: Mapping[str, str], glosses: Mapping[str, Mapping[str, str]]) -> list[str]:
    level = "国家规定" if f.source_level == "national" else "地方实践"
    head = STATUS_ZH[f.status] + (f"·{SEVERITY_ZH.get(f.severity, f.severity)}" if f.status == "violated" else "")
    lines = [f"【{head}】{f.title['zh']}〔{f.rule_id}〕{level}"]
    if f.status == "indeterminate" and f.message["zh"].startswith("缺少数据"):
        pass  # the fields to collect follow: the message only lists their paths
    else:
        lines.append(f"  {zh_paths(f.message['zh'], words)}")
    for c in f.citations:
        lines.append(f"  依据：《{c.title}》{c.location}（可信度：{_CONF_ZH[c.confidence]}）")
        lines.append(f"    “{c.text}”")
        if c.version_note:
            lines.append(f"    （{c.version_note}）")
    if f.evidence:
        shown = (
            f"{words.get(k) or key_zh(k)}＝{zh_paths(value_zh(v, glosses.get(k)), words)}"
            for k, v in f.evidence.items()
        )
        lines.append("  事实：" + "；".join(shown))
    if f.missing:
        lines.append("  需补充：" + "、".join(dict.fromkeys(field_zh(p, words) for p in leaf_paths(f))))
    if f.waiver:
        lines.append(f"  例外理由：{f.waiver}")
    lines.append("")
    return lines


def _to_collect(findings: list[Finding], words: Mapping[str, str]) -> list[str]:
    """One list of every field the indeterminate findings lack, each with the number of rules waiting on it."""
    waiting: dict[str, int] = {}
    for f in findings:
        for path in dict.fromkeys(leaf_paths(f)):
            waiting[path] = waiting.get(path, 0) + 1
    if not waiting:
        return []
    lines = [f"需补充的材料（共 {len(waiting)} 项，括号内为案例文件中的位置）："]
    from cadre_rules.records._docs import path_zh

    for path, count in sorted(waiting.items(), key=lambda item: (-item[1], item[0])):
        where = f"〔{path}〕" if path_zh(path) is not None else ""
        lines.append(f"  · {field_zh(path, words)}{where}（{count} 项规则待判断）")
    lines.append("")
    return lines


_STAGE_ENUM: dict[str, Any] = {"enum": [None, *(s.value for s in Stage)]}


class _JSONRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class CitationJSON(_JSONRecord):
    """A cited provision as the report's JSON gives it."""

    instrument: str = Field(description="文件编号 / instrument id")
    title: str = Field(description="文件名称 / title of the instrument")
    article: str = Field(description="条 / article")
    paragraph: int | None = Field(description="款 / paragraph")
    item: int | None = Field(description="项 / item")
    text: str = Field(description="所引原文 / the quoted text")
    confidence: Literal["high", "medium", "low"] = Field(description="转录可信度 / confidence of the transcription")
    label: str = Field(description="条款标注 / the provision's label")
    location: str = Field(description="条款位置 / where in the instrument")
    number_confidence: str = Field(description="条号可信度 / confidence of the article number")
    version_note: str | None = Field(description="版本说明 / note on the version cited")


class FindingJSON(_JSONRecord):
    """One rule's status on the case, as the report's JSON gives it."""

    rule_id: str = Field(description="规则编号 / rule id")
    status: Status = Field(description="结果 / status")
    severity: Literal["error", "warning", "advice"] = Field(description="严重程度 / severity (error, warning, advice)")
    title: dict[str, str] = Field(description="规则标题（zh、en） / rule title")
    message: dict[str, str] = Field(description="说明（zh、en） / message")
    source_level: Literal["national", "local"] = Field(description="来源层级：国家规定或地方实践 / national or local")
    citations: list[CitationJSON] | list[str] = Field(
        description="依据（完整或引用表编号） / citations, in full or as ids into the citations table"
    )
    evidence: dict[str, Any] = Field(description="判断所依据的事实和参数 / the facts and parameters that decided it")
    missing: list[str] = Field(description="缺少的字段路径 / paths of the fields missing")
    waiver: str | None = Field(description="例外理由 / reason of a waiver")
    stage: str | None = Field(description="所检查的程序环节 / the step the rule checks", json_schema_extra=_STAGE_ENUM)


class ReportJSON(_JSONRecord):
    """The report's JSON (``Report.to_json``): the contract of design.md plus ``schema_version``."""

    outcome: Outcome = Field(description="结论 / outcome")
    case_id: str = Field(description="案件编号 / case id")
    as_of: str = Field(description="判断日期 / as-of date")
    profile: str = Field(description="规则集 / profile")
    engine: Literal["durable", "native"] = Field(description="引擎 / engine")
    ruleset_version: str = Field(description="规则集版本 / ruleset version")
    schema_version: str = Field(description="报告格式版本 / version of this format")
    notice: dict[str, str] | None = Field(description="报告不完整的原因 / why the report cannot be complete")
    profile_notice: dict[str, str] | None = Field(description="规则集略去的国家规定 / national rules left out")
    stage: str | None = Field(
        description="案卷所处环节 / the step the dossier has reached", json_schema_extra=_STAGE_ENUM
    )
    findings: list[FindingJSON] = Field(description="各项结果 / the findings")
    citations: dict[str, CitationJSON] | None = Field(
        None, description="引用表（citations=ref 时） / the citations table (with citations=ref)"
    )


def report_schema() -> dict[str, Any]:
    """The JSON Schema of a report's JSON, with ``$id`` and ``schema_version``."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": REPORT_SCHEMA_ID,
        "schema_version": REPORT_SCHEMA_VERSION,
        **ReportJSON.model_json_schema(),
    }
