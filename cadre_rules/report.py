"""The outcome of a check: one finding per rule, with citations, evidence and missing fields."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from cadre_rules.records import Stage

Status = Literal["violated", "satisfied", "indeterminate", "not_applicable", "not_yet_due"]
Outcome = Literal["compliant", "violations", "indeterminate"]

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
    if isinstance(value, bool):
        return "是" if value else "否"
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

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of design.md as a dict."""
        findings = []
        for f in self.findings:
            d = asdict(f)
            d["citations"] = [
                {k: c[k] for k in ("instrument", "title", "article", "paragraph", "item", "text", "confidence")}
                | {
                    "label": c["label"],
                    "location": c["location"],
                    "number_confidence": c["number_confidence"],
                    "version_note": c["version_note"],
                }
                for c in d["citations"]
            ]
            findings.append(d)
        return {
            "outcome": self.outcome,
            "case_id": self.case_id,
            "as_of": self.as_of,
            "profile": self.profile,
            "engine": self.engine,
            "ruleset_version": self.ruleset_version,
            "notice": self.notice,
            "profile_notice": self.profile_notice,
            "stage": self.stage,
            "findings": findings,
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """Deterministic JSON (same case, profile and version give the same bytes, engine field aside)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, sort_keys=False)

    def to_text(self, *, show_not_applicable: bool = False, words: Mapping[str, str] | None = None) -> str:
        """A Chinese report for a reader checking a dossier; ``words`` names evidence keys in Chinese."""
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
