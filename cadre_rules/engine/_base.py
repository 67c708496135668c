"""The engine interface: given compiled rules and one flat fact, which conditions hold."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from cadre_rules.rules import CompiledRule

Scalar = int | str | bool


def applies_key(rule_id: str) -> str:
    """Key reported when a rule's applicability condition holds."""
    return f"{rule_id}#applies"


def violated_key(rule_id: str) -> str:
    """Key reported when a rule's violation condition holds."""
    return f"{rule_id}#violated"


class Engine(Protocol):
    """Evaluates compiled conditions; both implementations must return the same set for the same input."""

    name: str

    def fired(self, rules: Sequence[CompiledRule], fact: Mapping[str, Scalar]) -> set[str]:
        """The ``#applies`` / ``#violated`` keys whose condition holds on ``fact``."""
        ...


class EngineError(RuntimeError):
    """The rule engine failed; no partial result is returned."""
