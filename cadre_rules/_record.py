"""全程记实: the record of the procedure an organisation department files with a dossier.

Seed 001 (“从推荐、考察、酝酿、讨论决定到监督等每个环节都进行全程记实”) and seed 002 (“从提名到任职各个环节的情况
进行了翔实记载”) ask for a written record of every step: its date, the body, who took part, the result and who
was responsible. :func:`procedure_record` builds it from a case and the report of its check, so each step also
lists the rules that checked it and their status. It renders as JSON (:meth:`ProcedureRecord.to_dict`) and as a
Chinese Markdown document (:meth:`ProcedureRecord.to_markdown`). Only what the case records is shown; a step
with no record says so. Personal data: the candidate's name and post only (no ID number); any ID number typed
into a text of the case is masked unless the caller asks (``show_id``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from cadre_rules._errors import mask_ids
from cadre_rules.records import (
    Appointment,
    Case,
    CompetitorResult,
    ConsideredCandidate,
    Inspection,
    Meeting,
    Motion,
    Publicity,
    Recommendation,
    Stage,
)
from cadre_rules.records._enums import AppointmentKind, label_zh
from cadre_rules.report import OUTCOME_ZH, STATUS_ZH, Finding, Report

_S = TypeVar("_S", Motion, Recommendation, Inspection, Meeting, Publicity, Appointment)


@dataclass(frozen=True)
class StepCheck:
    """A rule that checked a step, with its status (advice: local practice that does not decide)."""

    rule_id: str
    title: str
    status: str
    advice: bool


@dataclass(frozen=True)
class RecordStep:
    """One step of the procedure as recorded: its facts in order (label, value) and the rules that checked it."""

    stage: str
    name: str
    recorded: bool
    responsible: str | None
    facts: list[tuple[str, str]]
    checks: list[StepCheck]


@dataclass(frozen=True)
class RecordCandidate:
    """One candidate considered for the post (差额, or a competitor for a competitive post), as recorded."""

    name: str
    facts: list[tuple[str, str]]


@dataclass(frozen=True)
class ProcedureRecord:
    """The 全程记实 of one dossier."""

    case_id: str
    candidate: str
    post: str
    method: str
    as_of: str
    profile: str
    outcome: str
    stage: str | None
    steps: list[RecordStep]
    method_steps: list[tuple[str, str, str | None]]  # open selection / competitive post steps: name, dates, responsible
    candidates: list[RecordCandidate]
    removal: bool = False  # a removal (免职): the post is the one the cadre leaves

    def to_dict(self, *, show_id: bool = False) -> dict[str, Any]:
        """The record as JSON-ready data (facts as ``{"label", "value"}`` pairs, in order); ID numbers in any text
        (case id, names, responsible persons, recorded values) masked unless ``show_id``."""
        out = asdict(self)
        for item in [*out["steps"], *out["candidates"]]:
            item["facts"] = [{"label": k, "value": v} for k, v in item["facts"]]
        out["method_steps"] = [{"step": n, "dates": d, "responsible": r} for n, d, r in self.method_steps]
        return out if show_id else _masked(out)

    def to_json(self, *, show_id: bool = False) -> str:
        """Deterministic JSON (ID numbers masked unless ``show_id``)."""
        return json.dumps(self.to_dict(show_id=show_id), ensure_ascii=False, indent=2)

    def to_markdown(self, *, show_id: bool = False) -> str:
        """The record as a Chinese document an organisation department can file (ID numbers masked unless
        ``show_id``)."""
        text = self._markdown()
        return text if show_id else mask_ids(text)

    def _markdown(self) -> str:
        reached = Stage(self.stage).zh if self.stage else "全部环节"
        lines = [
            "# 干部选拔任用工作全程记实",
            "",
            "| 项目 | 内容 |",
            "|---|---|",
            f"| 案卷编号 | `{self.case_id}` |",
            f"| {'拟免人选' if self.removal else '拟任人选'} | {self.candidate} |",
            f"| {'拟免职务' if self.removal else '拟任职务'} | {self.post} |",
            f"| 选拔方式 | {self.method} |",
            f"| 案卷环节 | {reached} |",
            f"| 判断日期 | {self.as_of} |",
            f"| 规则集 | `{self.profile}` |",
            f"| 检查结论 | {OUTCOME_ZH[self.outcome]} |",
            "",
        ]
        for n, step in enumerate(self.steps, 1):
            lines += [f"## {n}. {step.name}", ""]
            if not step.recorded:
                lines += ["本环节无记录。", ""]
            rows = [*step.facts, *([("责任人", step.responsible)] if step.responsible else [])]
            if rows:
                lines += ["| 事项 | 记录 |", "|---|---|", *(f"| {k} | {v} |" for k, v in rows), ""]
            if step.checks:
                lines += ["检查：", ""]
                for c in step.checks:
                    note = "（地方实践参考）" if c.advice else ""
                    lines.append(f"- 【{STATUS_ZH[c.status]}】{c.title}{note}（`{c.rule_id}`）")
                lines.append("")
        if self.candidates:
            labels = list(dict.fromkeys(k for person in self.candidates for k, _ in person.facts))
            lines += ["## 人选", "", f"| 人选 | {' | '.join(labels)} |", "|---|" + "---|" * len(labels)]
            for person in self.candidates:
                got = dict(person.facts)
                lines.append(f"| {person.name} | {' | '.join(got.get(k, '—') for k in labels)} |")
            lines.append("")
        if self.method_steps:
            lines += [f"## {self.method}步骤", "", "| 步骤 | 日期 | 责任人 |", "|---|---|---|"]
            lines += [f"| {name} | {dates} | {who or '—'} |" for name, dates, who in self.method_steps]
            lines.append("")
        return "\n".join(lines).rstrip() + "\n"


def _masked(value: Any) -> Any:
    """``value`` (plain data) with every text's ID numbers masked."""
    if isinstance(value, str):
        return mask_ids(value)
    if isinstance(value, dict):
        return {k: _masked(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_masked(v) for v in value]
    return value


def _yes(value: bool | None) -> str | None:
    return None if value is None else ("是" if value else "否")


def _span(start: date | None, end: date | None) -> str | None:
    if start is None and end is None:
        return None
    return f"{start or '？'} 至 {end or '？'}"


def _labels(values: Iterable[StrEnum] | None) -> str | None:
    return "、".join(label_zh(v) for v in values) if values else None


def _facts(*pairs: tuple[str, object]) -> list[tuple[str, str]]:
    """The recorded facts, in order; unrecorded ones (None) left out, enum values in Chinese."""
    out = []
    for label, value in pairs:
        if value is None:
            continue
        out.append((label, label_zh(value) if isinstance(value, StrEnum) else str(value)))
    return out


def _motion(m: Motion) -> list[tuple[str, str]]:
    return _facts(
        ("日期", m.date),
        ("提议", m.initiator),
        ("动议情形", _labels(m.grounds)),
        ("酝酿", _yes(m.consulted)),
        ("酝酿结束", m.consulted_on),
        ("提名方式", m.nomination_mode),
    )


def _recommendation(r: Recommendation) -> list[tuple[str, str]]:
    ways = [way for way, held in (("会议推荐", r.meeting_held), ("个别谈话推荐", r.talk_held)) if held]
    return _facts(
        ("日期", r.date),
        ("方式", "、".join(ways) or None),
        ("参考人选", _people(r.reference_list_size)),
    )


def _inspection(i: Inspection) -> list[tuple[str, str]]:
    return _facts(
        ("考察期间", _span(i.start, i.end)),
        ("考察预告", i.notice_date),
        ("考察组", _people(i.team_size)),
        ("考察对象", _people(i.candidate_count)),
        ("查阅干部档案", _yes(i.file_reviewed)),
        ("核查个人有关事项报告", _yes(i.personal_matters_checked)),
        ("征求纪检监察机关意见", _yes(i.discipline_opinion_obtained)),
        ("经济责任审计完成", i.economic_audit.completed_on if i.economic_audit else None),
    )


def _meeting(mt: Meeting) -> list[tuple[str, str]]:
    members = mt.members or []
    present = [x.name for x in members if x.present]
    expected = [x for x in members if x.should_attend]
    tally: dict[str, int] = {}
    for v in mt.votes or []:
        tally[label_zh(v.vote)] = tally.get(label_zh(v.vote), 0) + 1
    return _facts(
        ("日期", mt.date),
        ("会议", mt.body),
        ("到会", f"{len(present)}/{len(expected)} 人：{'、'.join(present)}" if members else None),
        ("回避", "、".join(mt.recused_members) if mt.recused_members else None),
        ("表决方式", mt.voting_method),
        ("表决结果", "，".join(f"{k} {n} 票" for k, n in tally.items()) or None),
    )


def _publicity(p: Publicity) -> list[tuple[str, str]]:
    return _facts(
        ("公示期间", _span(p.start, p.end)),
        ("收到反映", _yes(p.objections_received)),
        ("反映查核了结", p.objections_resolved_on),
    )


def _appointment(a: Appointment) -> list[tuple[str, str]]:
    return _facts(
        ("任职谈话", a.talk_date),
        ("任职通知", a.notice_date),
        ("任职时间", a.tenure_start),
        ("试用期满", a.trial_end),
    )


def _considered(c: ConsideredCandidate) -> RecordCandidate:
    rounds = sorted(c.recommendation_rounds or [], key=lambda r: r.round)
    return RecordCandidate(
        c.name,
        _facts(
            ("民主推荐", "；".join(f"第{r.round}轮 {r.votes}/{r.participants} 票" for r in rounds) or None),
            ("考察对象", _yes(c.inspection_candidate)),
            ("差额票决", _yes(c.in_vote)),
            ("同意票", c.ballot.agree_count() if c.ballot is not None else None),
            ("确定为拟任人选", _yes(c.chosen)),
        ),
    )


def _competitor(c: CompetitorResult) -> RecordCandidate:
    return RecordCandidate(
        c.name,
        _facts(
            ("考评得分", c.assessment_score),
            ("民主测评", c.evaluation_score),
            ("考察对象", _yes(c.inspection_candidate)),
        ),
    )


def _people(n: int | None) -> str | None:
    return None if n is None else f"{n} 人"


def _step(record: _S | None, facts: Callable[[_S], list[tuple[str, str]]], stage: Stage, report: Report) -> RecordStep:
    return RecordStep(
        stage=stage.value,
        name=stage.zh,
        recorded=record is not None,
        responsible=record.responsible if record is not None else None,
        facts=facts(record) if record is not None else [],
        checks=_checks(report.findings, stage),
    )


def _checks(findings: list[Finding], stage: Stage) -> list[StepCheck]:
    return [
        StepCheck(f.rule_id, f.title["zh"], f.status, f.severity == "advice")
        for f in findings
        if f.stage == stage.value and f.status != "not_applicable"
    ]


def procedure_record(case: Case, report: Report) -> ProcedureRecord:
    """The 全程记实 of ``case``, with the rules of ``report`` (its check) listed under the step they check."""
    proc = case.procedure
    steps = [
        _step(proc.motion, _motion, Stage.MOTION, report),
        _step(proc.recommendation, _recommendation, Stage.RECOMMENDATION, report),
        _step(proc.inspection, _inspection, Stage.INSPECTION, report),
        _step(proc.meeting, _meeting, Stage.DISCUSSION, report),
        _step(proc.publicity, _publicity, Stage.PUBLICITY, report),
        _step(proc.appointment, _appointment, Stage.APPOINTMENT, report),
    ]
    flow = proc.open_selection_steps or proc.competitive_post_steps or []
    post = case.post
    return ProcedureRecord(
        case_id=case.case_id,
        candidate=case.candidate.name,
        post=f"{post.title}（{label_zh(post.tier)}{label_zh(post.role)}）",
        method=label_zh(proc.method),
        as_of=report.as_of,
        profile=report.profile,
        outcome=report.outcome,
        stage=report.stage,
        steps=steps,
        method_steps=[(label_zh(s.step), _span(s.start, s.end) or "—", s.responsible) for s in flow],
        candidates=[
            *map(_considered, proc.candidates or []),
            *map(_competitor, proc.competitive_post.competitors or [] if proc.competitive_post else []),
        ],
        removal=case.kind is AppointmentKind.REMOVAL,
    )
