"""The outcome of a check: one finding per rule, with citations, evidence and missing fields."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import orjson

from cadre_rules._errors import has_id, mask_ids
from cadre_rules.records import Stage
from cadre_rules.records._enums import code_label_zh

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


def _value_zh(value: Any) -> str:
    """A fact's value as the Chinese report shows it: yes/no, and a code by its Chinese label where it has one."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str):
        return code_label_zh(value) or value
    if isinstance(value, list | tuple):
        return "、".join(_value_zh(v) for v in value)
    return str(value)


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
    """The status of one rule on one case."""

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
        return dump_json((self if show_id else self.masked())._data(citations, fresh=False), indent=indent)

    def masked(self) -> Report:
        """This report with every ID number (a run of 15 or more digits) in the text taken from the case masked to
        its first six and last four characters: ``case_id``, each finding's message, text evidence and waiver
        reason, and the notices. The report itself when there is none (the usual case: no copy is made)."""
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

    def _data(self, citations: CitationMode, *, fresh: bool) -> dict[str, Any]:
        """The report as plain data; ``fresh=False`` shares the per-citation dicts (for serialising only)."""
        if citations not in ("inline", "ref"):
            raise ValueError(f"unknown citation mode {citations!r}: use 'inline' or 'ref'")
        table: dict[str, dict[str, Any]] | None = {} if citations == "ref" else None
        ids: dict[Citation, str] = {}
        findings = [_finding_data(f, table, ids, fresh) for f in self.findings]
        out: dict[str, Any] = {
            "outcome": self.outcome,
            "case_id": self.case_id,
            "as_of": self.as_of,
            "profile": self.profile,
            "engine": self.engine,
            "ruleset_version": self.ruleset_version,
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
        ID numbers are masked unless ``show_id``."""
        if not show_id and (masked := self.masked()) is not self:
            return masked.to_text(show_not_applicable=show_not_applicable, words=words, show_id=True)
        words = words or {}
        outcome_zh = OUTCOME_ZH[self.outcome]
        lines = [
            f"案件 {self.case_id}：{outcome_zh}",
            f"判断日期 {self.as_of}　规则集 {self.profile}（{self.ruleset_version}）　引擎 {self.engine}"
            + (f"　案卷环节 {Stage(self.stage).zh}" if self.stage else ""),
            _counts_zh([f for f in self.findings if f.severity != "advice"]),
        ]
        if self.profile_notice is not None:
            lines.insert(2, f"注意：{self.profile_notice['zh']}")
        if self.advice:
            lines.append("地方实践参考：" + _counts_zh(self.advice))
        lines.append("")
        if self.notice is not None:
            lines += [f"注意：{self.notice['zh']}", ""]
        hidden = {"not_yet_due"} if show_not_applicable else {"not_yet_due", "not_applicable"}
        shown = [f for f in self.findings if f.status not in hidden]
        for f in shown:
            if f.severity != "advice":
                lines += _finding_lines(f, words)
        advice = [f for f in shown if f.severity == "advice"]
        if advice:
            lines += ["—— 地方实践参考（不影响结论；采用该做法的地方请选用相应规则集）——", ""]
            for f in advice:
                lines += _finding_lines(f, words)
        lines += self._next_steps_zh()
        return "\n".join(lines).rstrip() + "\n"

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
    return json.dumps(data, ensure_ascii=False, indent=indent, separators=separators).encode("utf-8")


def citation_data(c: Citation) -> dict[str, Any]:
    """A citation as the report's JSON gives it (resolved once per citation and shared: do not change it)."""
    data = _CITATION_DATA.get(c)
    if data is None:
        data = _CITATION_DATA[c] = {
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
    return data


_CITATION_DATA: dict[Citation, dict[str, Any]] = {}


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
    f: Finding, table: dict[str, dict[str, Any]] | None, ids: dict[Citation, str], fresh: bool
) -> dict[str, Any]:
    """One finding as plain data; with ``table``, its citations are ids into it (added as first met)."""
    cites: list[Any]
    if table is None:
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
                ids[c] = key
                table[key] = citation_data(c)
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


def _finding_lines(f: Finding, words: Mapping[str, str]) -> list[str]:
    level = "国家规定" if f.source_level == "national" else "地方实践"
    lines = [f"【{STATUS_ZH[f.status]}】{f.title['zh']}（{f.rule_id}，{level}）", f"  {f.message['zh']}"]
    for c in f.citations:
        lines.append(f"  依据：《{c.title}》{c.location}（可信度：{_CONF_ZH[c.confidence]}）")
        lines.append(f"    “{c.text}”")
        if c.version_note:
            lines.append(f"    （{c.version_note}）")
    if f.evidence:
        shown = (f"{words.get(k, k)}＝{_value_zh(v)}" for k, v in f.evidence.items())
        lines.append("  事实：" + "；".join(shown))
    if f.missing:
        lines.append("  缺少：" + "、".join(f.missing))
    if f.waiver:
        lines.append(f"  例外理由：{f.waiver}")
    lines.append("")
    return lines
