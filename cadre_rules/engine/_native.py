"""The native evaluator: plain Python over the same core conditions (reference oracle and fast path)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cadre_rules.engine._base import Scalar, applies_key, check_fact_ints, violated_key
from cadre_rules.rules import CompiledRule


class NativeEngine:
    """Evaluates every rule's core conditions directly, each compiled once to closures (``Prepared``)."""

    name = "native"

    def __init__(self) -> None:
        self._keys: dict[str, tuple[str, str]] = {}  # rule id -> its #applies and #violated keys

    def fired(self, rules: Sequence[CompiledRule], fact: Mapping[str, Scalar]) -> set[str]:
        """The ``#applies`` / ``#violated`` keys whose condition holds on ``fact``."""
        check_fact_ints(fact)
        out: set[str] = set()
        keys = self._keys
        for rule in rules:
            names = keys.get(rule.id)
            if names is None:
                names = keys[rule.id] = (applies_key(rule.id), violated_key(rule.id))
            applies = rule.applies_prepared
            if applies is not None and applies.test(fact):
                out.add(names[0])
            if rule.violated_prepared.test(fact):
                out.add(names[1])
        return out
