"""Loading rule specs, checking every reference, and compiling conditions once per process."""

from __future__ import annotations

import difflib
import threading
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from cadre_rules import _cache
from cadre_rules._errors import RegulationDataError, UnknownRuleError
from cadre_rules._yaml import YAMLError, read_yaml
from cadre_rules.facts import FACTS
from cadre_rules.instruments import Library, SourceLevel, default_library
from cadre_rules.records._enums import Tier
from cadre_rules.rules._expr import lower, parse, references, type_of
from cadre_rules.rules._spec import CitationSpec, CompiledRule, RuleFile, RuleSpec, placeholders


def _article_key(number: str) -> tuple[int, int, str]:
    if number.isdigit():
        return (0, int(number), "")
    if number.startswith("p") and number[1:].isdigit():
        return (1, int(number[1:]), "")
    return (2, 0, number)


class Registry:
    """The compiled rules, in the deterministic report order (instrument, article, paragraph, item, id)."""

    def __init__(self, specs: list[RuleSpec], library: Library) -> None:
        self.library = library
        fact_types = {name: spec.type for name, spec in FACTS.items()}
        param_types = {name: library.param_type(name) for name in library.params}
        compiled: dict[str, CompiledRule] = {}
        for spec in specs:
            if spec.id in compiled:
                raise RegulationDataError(f"duplicate rule id {spec.id!r}")
            compiled[spec.id] = self._compile(spec, fact_types, param_types)
        for rule in compiled.values():
            target = rule.spec.exception_to
            if target is not None and target not in compiled:
                raise RegulationDataError(f"rule {rule.id}: exception_to unknown rule {target!r}")
        self.rules: tuple[CompiledRule, ...] = tuple(sorted(compiled.values(), key=lambda r: r.sort_key))
        self.by_id = {r.id: r for r in self.rules}

    def rule(self, rule_id: str) -> CompiledRule:
        """The rule with this id; :class:`UnknownRuleError` (suggesting the closest ids) when there is none."""
        found = self.by_id.get(rule_id)
        if found is not None:
            return found
        close = difflib.get_close_matches(rule_id, list(self.by_id), n=3, cutoff=0.6)
        shown = repr(rule_id[:80])
        hint_en = f"; did you mean {', '.join(close)}?" if close else "; `cadre-rules rules` lists every rule"
        hint_zh = f"；是否应为 {'、'.join(close)}？" if close else "；用 cadre-rules rules 列出全部规则"
        raise UnknownRuleError(f"未知规则 {shown}{hint_zh} / unknown rule {shown}{hint_en}")

    def _compile(self, spec: RuleSpec, fact_types: Mapping[str, str], param_types: Mapping[str, str]) -> CompiledRule:
        where = f"rule {spec.id}"
        try:
            resolved = [self.library.resolve(c.ref()) for c in spec.citations]
        except RegulationDataError as exc:
            raise RegulationDataError(f"{where}: {exc}") from None
        first = spec.citations[0]
        inst = self.library.instruments[first.instrument]
        level = spec.source_level or resolved[0].source_level
        normative = tuple(
            c
            for c, r in zip(spec.citations, resolved, strict=True)
            if c.role == "normative" and r.source_level is level
        )
        if level is SourceLevel.LOCAL and spec.scope is None:
            raise RegulationDataError(f"{where}: a local practice states its scope (bodies, levels, kinds of post)")
        if not normative:
            raise RegulationDataError(f"{where}: no normative citation of its own source level ({level.value})")
        try:
            applies_text = spec.applies_text()
            violated = parse(spec.violated_when)
            applies = parse(applies_text) if applies_text else None
            facts: set[str] = set()
            params: set[str] = set()
            for node, text in ((violated, spec.violated_when), (applies, applies_text)):
                if node is None or text is None:
                    continue
                if type_of(node, fact_types, param_types, text) != "bool":
                    raise RegulationDataError(f"condition {text!r} is not a condition")
                node_facts, node_params = references(node)
                facts |= node_facts
                params |= node_params
            for lang in (spec.message.zh, spec.message.en):
                for is_param, name in placeholders(lang):
                    known = name in param_types if is_param else name in fact_types
                    if not known:
                        raise RegulationDataError(f"message placeholder {name!r} is unknown")
                    (params if is_param else facts).add(name)
        except RegulationDataError as exc:
            raise RegulationDataError(f"{where}: {exc}") from None
        windows = [self.library.window(c.instrument) for c in normative]
        ends = [end for _, end in windows]
        return CompiledRule(
            spec=spec,
            applies=applies,
            violated=violated,
            applies_core=lower(applies, fact_types, param_types, applies_text or "") if applies else None,
            violated_core=lower(violated, fact_types, param_types, spec.violated_when),
            facts=tuple(sorted(facts)),
            params=tuple(sorted(params)),
            source_level=level,
            effective_from=min(start for start, _ in windows),
            effective_to=None if None in ends else max(e for e in ends if e is not None),
            normative=normative,
            governed_tiers=self._governed_tiers(normative),
            sort_key=(
                0 if inst.meta.source_level.value == "national" else 1,
                first.instrument,
                _article_key(first.article),
                first.paragraph or 0,
                first.item or 0,
                spec.id,
            ),
        )

    def _governed_tiers(self, normative: tuple[CitationSpec, ...]) -> tuple[str, ...] | None:
        """The levels of post the rule's normative texts govern together (None: every level).

        A rule applies where at least one of its normative instruments governs: the union of their scopes, and no
        limit as soon as one of them has none (e.g. the 公务员法 beside the 条例).
        """
        tiers: set[str] = set()
        for citation in normative:
            governs = self.library.instruments[citation.instrument].meta.governs
            if governs is None:
                return None
            tiers |= set(governs.tiers)
        return tuple(t.value for t in Tier if t.value in tiers)


def spec_files() -> list[Path]:
    """The shipped rule spec files."""
    folder = Path(str(resources.files("cadre_rules") / "rules" / "specs"))
    return sorted(folder.glob("*.yaml"))


def load_specs(paths: list[Path]) -> list[RuleSpec]:
    """Read rule specs from YAML files."""
    specs: list[RuleSpec] = []
    for path in paths:
        try:
            data = read_yaml(path)
            specs.extend(RuleFile.model_validate(data).rules)
        except (OSError, YAMLError) as exc:
            raise RegulationDataError(f"{path}: {exc}") from exc
        except ValidationError as exc:
            raise RegulationDataError(f"{path.name}: {exc}") from None
    return specs


_REGISTRY_LOCK = threading.Lock()


def default_registry() -> Registry:
    """The rules shipped with cadre-rules, compiled once per process (read from the user's cache when it holds
    them for this code and data, else built and cached: ``cadre_rules/_cache.py``).  Threads that ask together
    wait for the one build."""
    with _REGISTRY_LOCK:
        return _build_default_registry()


@cache
def _build_default_registry() -> Registry:
    registry = _cache.cached_registry()
    if registry is None:
        registry = Registry(load_specs(spec_files()), default_library())
        _cache.store(_cache.REGISTRY, registry)
    return registry
