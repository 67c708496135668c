"""The native evaluator: plain Python over the same core conditions (reference oracle and fast path)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cadre_rules.engine._base import Scalar, applies_key, check_fact_ints, violated_key
from cadre_rules.rules import CompiledRule
from cadre_rules.rules._expr import evaluate


class NativeEngine:
    """Evaluates every rule's core conditions directly."""

    name = "native"

    def fired(self, rules: Sequence[CompiledRule], fact: Mapping[str, Scalar]) -> set[str]:
        """The ``#applies`` / ``#violated`` keys whose condition holds on ``fact``."""
        check_fact_ints(fact)
        out: set[str] = set()
        for rule in rules:
            if rule.applies_core is not None and evaluate(rule.applies_core, fact):
                out.add(applies_key(rule.id))
            if evaluate(rule.violated_core, fact):
                out.add(violated_key(rule.id))
        return out
