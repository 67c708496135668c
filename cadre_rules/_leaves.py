"""The fields a rule reads inside a record, found from the facts: for naming what to collect when a whole record
(``procedure.recommendation``) is absent, and for the template's "rules that read it".

Facts are derived for two bare cases, one with every field absent and one with each procedure record present but
empty; a fact's missing fields then name the fields it reads, and a rule reads its facts.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from cadre_rules.facts import derive
from cadre_rules.records._case import Procedure
from cadre_rules.records._docs import field_shape
from cadre_rules.records._load import case_from_mapping
from cadre_rules.rules import default_registry

_BARE: dict[str, Any] = {
    "case_id": "bare",
    "kind": "promotion",
    "candidate": {"name": "bare"},
    "post": {"title": "bare", "tier": "county_division", "role": "deputy"},
}
_ON = date(2025, 6, 10)


def _empty_records() -> dict[str, Any]:
    """Every procedure record that may be given empty (all its fields optional), as ``{}``."""
    out: dict[str, Any] = {}
    for name in Procedure.model_fields:
        shape = field_shape(Procedure, name)
        if shape.kind == "model" and shape.target is not None:
            try:
                shape.target.model_validate({})
            except ValueError:
                continue
            out[name] = {}
    return out


@cache
def fields_read() -> dict[str, frozenset[str]]:
    """Fact name → the field paths it reads (list items as the list's path), from the two bare cases."""
    reads: dict[str, set[str]] = {}
    for data in (_BARE, {**_BARE, "procedure": _empty_records()}):
        facts = derive(case_from_mapping(data), _ON)
        for fact, paths in facts.missing.items():
            reads.setdefault(fact, set()).update(p.split("[", 1)[0] for p in paths)
    return {fact: frozenset(paths) for fact, paths in reads.items()}


@cache
def rule_fields(rule_id: str) -> frozenset[str]:
    """The field paths the rule ``rule_id`` reads (empty for an unknown rule)."""
    rule = default_registry().by_id.get(rule_id)
    if rule is None:
        return frozenset()
    read = fields_read()
    return frozenset(p for fact in rule.facts for p in read.get(fact, ()))


def leaves_in(rule_id: str, record: str) -> list[str]:
    """The fields inside ``record`` (a path such as ``procedure.recommendation``) that the rule reads, sorted."""
    return sorted(p for p in rule_fields(rule_id) if p.startswith(f"{record}."))


@cache
def rules_reading() -> dict[str, tuple[str, ...]]:
    """Field path → the Chinese titles of the rules that read it."""
    read = fields_read()
    titles: dict[str, dict[str, None]] = {}
    for rule in default_registry().rules:
        for path in {p for fact in rule.facts for p in read.get(fact, ())}:
            titles.setdefault(path, {})[rule.spec.title.zh] = None
    return {path: tuple(t) for path, t in titles.items()}
