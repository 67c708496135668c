"""The generated catalogue of the law (docs/catalogue.md): article by article, the quoted text, the rules that
encode it, the test cases that exercise them, and the articles not encoded with the reason.

Regenerate with ``cadre-rules catalogue --cases tests/cases --output docs/catalogue.md``.  The output is
deterministic (no dates, no machine paths); a test compares the committed file with a fresh generation.
Coverage is counted as described in :mod:`cadre_rules.instruments._coverage` (units, encoded, encodable).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from cadre_rules._errors import RegulationDataError
from cadre_rules._validate import fact_words
from cadre_rules.instruments import CitationRef, Confidence, Instrument, Library
from cadre_rules.instruments._coverage import (
    KIND_WORDS,
    NOT_ENCODABLE,
    REQUIREMENT_WORDS,
    NotEncoded,
    Requirement,
    Unit,
    covers,
    load_coverage,
    load_requirements,
    requirement_ref,
    units,
)
from cadre_rules.instruments._model import Article, Provenance
from cadre_rules.rules import CompiledRule, Registry, default_registry
from cadre_rules.rules._expr import render

REGENERATE = "cadre-rules catalogue --cases tests/cases --output docs/catalogue.md"


@dataclass
class InstrumentCoverage:
    """Coverage of one instrument: units, encoded, encodable, and the units with neither rule nor reason."""

    instrument: str
    units: int = 0
    encoded: int = 0
    encodable: int = 0
    unexplained: list[Unit] = field(default_factory=list)

    @property
    def ratio(self) -> str:
        """``encoded/encodable (percent)``."""
        if not self.encodable:
            return f"{self.encoded}/0 (—)"
        return f"{self.encoded}/{self.encodable} ({100 * self.encoded / self.encodable:.0f}%)"


def case_expectations(cases_dir: Path | None) -> dict[str, list[tuple[str, str]]]:
    """Per rule, the data-driven test cases (``family/file::name``) that expect a status of it."""
    out: dict[str, list[tuple[str, str]]] = {}
    if cases_dir is None:
        return out
    for path in sorted(cases_dir.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        label = path.relative_to(cases_dir).with_suffix("").as_posix()
        for case in data.get("cases", []):
            for rule_id, status in (case.get("expect") or {}).items():
                out.setdefault(rule_id, []).append((f"{label}::{case['name']}", status))
    return out


def _rules_by_instrument(registry: Registry) -> dict[str, list[CompiledRule]]:
    out: dict[str, list[CompiledRule]] = {}
    for rule in registry.rules:
        for inst in dict.fromkeys(c.instrument for c in rule.spec.citations):
            out.setdefault(inst, []).append(rule)
    return out


def coverage(registry: Registry, entries: Mapping[str, list[NotEncoded]]) -> dict[str, InstrumentCoverage]:
    """Coverage per instrument (see the module docstring of ``_coverage`` for the counting rules)."""
    out: dict[str, InstrumentCoverage] = {}
    for inst_id, inst in sorted(registry.library.instruments.items()):
        cites = [c for r in registry.rules for c in r.spec.citations if c.instrument == inst_id]
        cov = InstrumentCoverage(inst_id)
        for unit in units(inst):
            cov.units += 1
            encoded = any(covers(c.article, c.paragraph, c.item, unit) for c in cites)
            listed = [
                e for e in entries.get(inst_id, []) if covers(e.cite.article, e.cite.paragraph, e.cite.item, unit)
            ]
            if encoded:
                cov.encoded += 1
                cov.encodable += 1
            elif not listed:
                cov.encodable += 1
                cov.unexplained.append(unit)
            elif listed[0].kind not in NOT_ENCODABLE:
                cov.encodable += 1
        out[inst_id] = cov
    return out


REQUIREMENT_COLUMNS = (
    "encoded",
    "partial",
    "not_yet",
    "aggregate",
    "out_of_scope",
    "not_checkable",
    "not_a_requirement",
)
NOT_CHECKABLE = frozenset({"not_checkable", "not_a_requirement"})


def requirements(registry: Registry, root: Path | None = None) -> dict[str, list[Requirement]]:
    """The requirements of each document (coverage.yaml), each rule named checked to exist and cite the text."""
    out = load_requirements(registry.library, root)
    for owner, reqs in out.items():
        for req in reqs:
            inst = requirement_ref(owner, req).instrument
            for rule_id in req.rules:
                rule = registry.by_id.get(rule_id)
                if rule is None:
                    raise RegulationDataError(f"{owner}/coverage.yaml requirement {req.id}: unknown rule {rule_id!r}")
                if all(c.instrument != inst for c in rule.spec.citations):
                    raise RegulationDataError(
                        f"{owner}/coverage.yaml requirement {req.id}: rule {rule_id} does not cite {inst}"
                    )
    return out


def _requirement_lines(registry: Registry, reqs: Mapping[str, list[Requirement]]) -> list[str]:
    lines = [
        "## 地方实践文件的要求 Requirements of the source documents",
        "",
        "Every requirement found in each local-practice document (`requirements:` of its coverage.yaml), with",
        "the rules that encode it or the reason none does. Checkable = all but not_checkable and",
        "not_a_requirement; aggregate requirements need a view over many cases and are left to batch checks.",
        "",
        "| document | requirements | checkable | " + " | ".join(REQUIREMENT_COLUMNS) + " |",
        "|---|---|---|" + "---|" * len(REQUIREMENT_COLUMNS),
    ]
    totals = [0] * (len(REQUIREMENT_COLUMNS) + 2)
    for owner, rows in reqs.items():
        counts = [sum(1 for r in rows if r.status == col) for col in REQUIREMENT_COLUMNS]
        row = [len(rows), sum(1 for r in rows if r.status not in NOT_CHECKABLE), *counts]
        totals = [a + b for a, b in zip(totals, row, strict=True)]
        lines.append(f"| `{owner}` | " + " | ".join(map(str, row)) + " |")
    lines += ["| **all** | " + " | ".join(f"**{n}**" for n in totals) + " |", ""]
    for owner, rows in reqs.items():
        lines += [f"### `{owner}`", ""]
        for req in rows:
            resolved = registry.library.resolve(requirement_ref(owner, req))
            head = f"- **{req.id}** “{req.quote}”（{resolved.location_zh()}）：{REQUIREMENT_WORDS[req.status]}"
            if req.rules:
                head += "，" + "、".join(f"`{r}`" for r in req.rules)
            note = req.remaining or req
            if note.reason is not None:
                head += f"。{note.reason.zh}（{note.reason.en}）"
            lines.append(head)
        lines.append("")
    return lines


def _confidence_note(prov: Provenance) -> str:
    number = prov.number_confidence.value if prov.number_confidence else "low"
    text = prov.text_confidence.value if prov.text_confidence else "low"
    return f"条号可信度 {number}，文本可信度 {text}"


def _article_title(art: Article) -> str:
    unconfirmed = "（条号未经核实）" if (art.provenance.number_confidence or Confidence.LOW) is Confidence.LOW else ""
    heading = f" {art.heading}" if art.heading else ""
    return f"#### {art.label}{unconfirmed}{heading}"


def _quote(art: Article) -> list[str]:
    lines: list[str] = []
    for para in art.paragraphs:
        text = para.text.strip()
        if len(art.paragraphs) > 1:
            lines.append(f"> 第{para.number}款：{text}")
        elif text:
            lines.append(f"> {text}")
        for item in para.items:
            lines.append(f">   {item.label or f'({item.number})'}{item.text.strip()}")
        lines.append(">")
    return lines[:-1]


def _at(cite: CitationRef) -> str:
    return (
        f"{cite.instrument} {cite.article}"
        + (f".{cite.paragraph}" if cite.paragraph else "")
        + (f".{cite.item}" if cite.item else "")
    )


def _rule_lines(
    rule: CompiledRule, library: Library, words: Mapping[str, str], tests: list[tuple[str, str]]
) -> list[str]:
    spec = rule.spec
    where = "；".join(f"`{c.instrument}` {library.resolve(c.ref()).location_zh()}" for c in spec.citations)
    lines = [f"- **`{rule.id}`** {spec.title.zh}（{spec.title.en}）— 引用 {where}"]
    waivable = "，可例外（一般应当）" if spec.waivable else ""
    lines.append(f"  - 来源层级 {rule.source_level.value}；{spec.severity}{waivable}；{rule.window_zh()}")
    if spec.scope is not None:
        lines.append(f"  - 适用范围（原文）：{spec.scope.text}")
    if spec.kinds is not None:
        lines.append(f"  - 适用案件：{spec.kinds_zh()}")
    if rule.applies is not None:
        lines.append(f"  - 适用条件：{render(rule.applies, words)}")
    lines.append(f"  - 违反条件：{render(rule.violated, words)}")
    for name in rule.params:
        _, param = library.params[name]
        if len(library.param_sources[name]) > 1:
            values = "；".join(
                f"{d.isoformat()} 起 {v}（出处 {_at(c)}，可信度 {library.resolve(c).confidence.value}）"
                for d, v, c in library.param_values(name)
            )
            lines.append(f"  - 参数 `{name}`（{param.title.zh}，{param.unit}）：{values}")
            continue
        values = "；".join(f"{d.isoformat()} 起 {v}" for d, v in sorted(param.values.items()))
        cite = library.param_citation(name)
        confidence = library.resolve(cite).confidence.value
        lines.append(
            f"  - 参数 `{name}`（{param.title.zh}，{param.unit}）：{values}；出处 {_at(cite)}，可信度 {confidence}"
        )
    by_status: dict[str, list[str]] = {}
    for name, status in tests:
        by_status.setdefault(status, []).append(name)
    if tests:
        parts = []
        for status in ("violated", "satisfied", "indeterminate", "not_applicable"):
            names = by_status.get(status, [])
            if names:
                shown = "；".join(f"`{n}`" for n in names[:4]) + (f" 等 {len(names)} 例" if len(names) > 4 else "")
                parts.append(f"{status} {len(names)}：{shown}")
        lines.append("  - 测试用例：" + "。".join(parts))
    else:
        lines.append("  - 测试用例：无 (no test case)")
    return lines


def _instrument_section(
    inst: Instrument,
    registry: Registry,
    rules: list[CompiledRule],
    entries: list[NotEncoded],
    cov: InstrumentCoverage,
    tests: Mapping[str, list[tuple[str, str]]],
    words: Mapping[str, str],
) -> list[str]:
    meta = inst.meta
    lines = [f"### 《{meta.title.zh}》 `{meta.id}`", ""]
    facts = [
        f"{meta.title.en}",
        f"层级 {meta.source_level.value}",
        f"发布 {meta.issuer or '—'}" + (f"，{meta.document_number}" if meta.document_number else ""),
        f"施行 {meta.effective.isoformat()}",
    ]
    if meta.superseded_by:
        facts.append(f"已被 `{meta.superseded_by}` 取代")
    lines += ["；".join(facts) + "。", "", f"覆盖率 coverage：{cov.ratio}，单元 {cov.units} 个。", ""]
    unexplained = {(u.article, u.paragraph, u.item) for u in cov.unexplained}
    for art in inst.articles:
        lines += [_article_title(art), "", f"*{_confidence_note(art.provenance)}*", ""]
        lines += _quote(art)
        lines.append("")
        encoding = [
            r for r in rules if any(c.instrument == meta.id and c.article == art.number for c in r.spec.citations)
        ]
        for rule in encoding:
            lines += _rule_lines(rule, registry.library, words, tests.get(rule.id, []))
        for entry in (e for e in entries if e.cite.article == art.number):
            span = (f"第{entry.cite.paragraph}款" if entry.cite.paragraph else "全条") + (
                f"第{entry.cite.item}项" if entry.cite.item else ""
            )
            lines.append(f"- 未编码 {span}：{KIND_WORDS[entry.kind]}。{entry.reason.zh}（{entry.reason.en}）")
        missing = [
            u for u in units(inst) if u.article == art.number and (u.article, u.paragraph, u.item) in unexplained
        ]
        if missing:
            spans = "、".join(f"第{u.paragraph}款第{u.item}项" if u.item else "全条" for u in missing)
            lines.append(f"- 未编码且未说明理由 (no rule, no reason recorded)：{spans}")
        lines.append("")
    return lines


def generate(registry: Registry | None = None, cases_dir: Path | None = None) -> str:
    """The catalogue as Markdown (deterministic)."""
    registry = registry or default_registry()
    library = registry.library
    entries = load_coverage(library)
    cov = coverage(registry, entries)
    tests = case_expectations(cases_dir)
    words = fact_words()
    by_inst = _rules_by_instrument(registry)
    order = sorted(library.instruments.values(), key=lambda i: (i.meta.source_level.value != "national", i.meta.id))
    total_encoded = sum(c.encoded for c in cov.values())
    total_encodable = sum(c.encodable for c in cov.values())
    overall = f"{total_encoded}/{total_encodable}" + (
        f" ({100 * total_encoded / total_encodable:.0f}%)" if total_encodable else ""
    )
    lines = [
        "# 规则目录 Catalogue of the encoded law",
        "",
        f"Generated from regulations/ and the rule specs; do not edit. Regenerate with `{REGENERATE}`.",
        "",
        "Each instrument lists its articles with the quoted text (and how sure the number and text are: an",
        "article number of low confidence is marked 条号未经核实), the rules that encode it (conditions in",
        "words, parameters with their dates), the test cases that exercise each rule, and the articles not",
        "encoded with the reason recorded in `regulations/<instrument>/coverage.yaml`.",
        "",
        "## 覆盖率 Coverage",
        "",
        f"**Overall: {overall}** articles encoded / encodable. A unit is an item (项), or an article without",
        "items; it is encoded when a rule cites it, its paragraph or its article; it is encodable unless",
        "coverage.yaml lists it as not_checkable or not_a_requirement. Unexplained = neither encoded nor listed.",
        "",
        "| instrument | level | units | encoded / encodable | unexplained |",
        "|---|---|---|---|---|",
    ]
    for inst in order:
        c = cov[inst.meta.id]
        lines.append(
            f"| `{inst.meta.id}` | {inst.meta.source_level.value} | {c.units} | {c.ratio} | {len(c.unexplained)} |"
        )
    lines += [
        "",
        "## 规则的测试覆盖 Rule coverage of the test suite",
        "",
        "Statuses the data-driven cases (tests/cases) expect of each rule; every rule needs a violated case.",
        "",
        "| rule | violated | satisfied | indeterminate | not_applicable |",
        "|---|---|---|---|---|",
    ]
    for rule in registry.rules:
        statuses = [s for _, s in tests.get(rule.id, [])]
        counts = " | ".join(
            str(statuses.count(s)) for s in ("violated", "satisfied", "indeterminate", "not_applicable")
        )
        lines.append(f"| `{rule.id}` | {counts} |")
    not_fired = [r.id for r in registry.rules if "violated" not in {s for _, s in tests.get(r.id, [])}]
    lines += ["", f"Rules without a firing case: {', '.join(not_fired) if not_fired else 'none'}.", ""]
    lines += _requirement_lines(registry, requirements(registry))
    lines += ["## 文件 Instruments", ""]
    for inst in order:
        lines += _instrument_section(
            inst, registry, by_inst.get(inst.meta.id, []), entries[inst.meta.id], cov[inst.meta.id], tests, words
        )
    return "\n".join(lines).rstrip() + "\n"
