"""The rules and the case schema as the CLI gives them (``rules --format json``, ``explain``, ``schema``)."""

from __future__ import annotations

import difflib
import importlib
import importlib.util
from functools import cache
from typing import Any

from cadre_rules._errors import CadreRulesError, Problem, clip
from cadre_rules._validate import fact_words
from cadre_rules.records import Case
from cadre_rules.report import dump_json
from cadre_rules.rules import default_registry
from cadre_rules.rules._expr import render


class UnknownRuleError(CadreRulesError, LookupError):
    """No rule has the id asked for; ``problems`` names it, with the closest ids."""

    def __init__(self, rule_id: str, suggestions: list[str]) -> None:
        shown = clip(repr(rule_id), 120)
        hint_en = f" (did you mean {', '.join(suggestions)}?)" if suggestions else ""
        hint_zh = f"（是否想查 {'、'.join(suggestions)}？）" if suggestions else ""
        self.problems = [Problem("rule_id", f"no rule {shown}{hint_en}", f"没有编号为 {shown} 的规则{hint_zh}")]
        super().__init__(self.problems[0].render())


def rule_list() -> list[dict[str, Any]]:
    """Every rule with its citations and parameters, as ``cadre-rules rules --format json`` prints them."""
    from cadre_rules.cli import _rule_dict

    return [_rule_dict(r) for r in default_registry().rules]


@cache
def rule_list_json() -> bytes:
    """:func:`rule_list` as JSON, built once per process (the rules do not change while it runs)."""
    return dump_json(rule_list())


def explain_rule(rule_id: str) -> dict[str, Any]:
    """One rule as :func:`rule_list` gives it, with what ``cadre-rules explain`` adds in words: its window, the
    step it checks, the kinds of case, and its conditions (``applies_when_zh``, ``violated_when_zh``).

    Raises :class:`UnknownRuleError` (with the closest ids) when there is no such rule.
    """
    from cadre_rules.cli import _rule_dict

    registry = default_registry()
    rule = registry.by_id.get(rule_id)
    if rule is None:
        raise UnknownRuleError(rule_id, difflib.get_close_matches(rule_id, list(registry.by_id), n=3, cutoff=0.6))
    words = fact_words()
    return _rule_dict(rule) | {
        "window_zh": rule.window_zh(),
        "stage_zh": rule.stage.zh,
        "kinds_zh": rule.spec.kinds_zh(),
        "applies_when_zh": render(rule.applies, words) if rule.applies is not None else None,
        "violated_when_zh": render(rule.violated, words),
    }


def case_schema() -> dict[str, Any]:
    """The JSON Schema of a case, as ``cadre-rules schema`` prints it: the library's documented schema
    (``cadre_rules.records._docs.case_schema``, with descriptions, ``$id`` and version) where it has one, else the
    models' own."""
    if importlib.util.find_spec("cadre_rules.records._docs") is not None:
        documented: Any = getattr(importlib.import_module("cadre_rules.records._docs"), "case_schema", None)
        if documented is not None:
            return dict(documented())
    return Case.model_json_schema()


@cache
def case_schema_json() -> bytes:
    """:func:`case_schema` as JSON, built once per process."""
    return dump_json(case_schema())
