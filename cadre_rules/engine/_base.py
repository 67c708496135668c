"""The engine interface: given compiled rules and one flat fact, which conditions hold."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from cadre_rules._errors import CadreRulesError
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


class EngineError(CadreRulesError, RuntimeError):
    """The rule engine failed; no partial result is returned."""


class EngineUnavailableError(EngineError):
    """The durable_rules engine was asked for where it cannot be imported (Python 3.13 and later): the native
    engine gives identical findings."""
