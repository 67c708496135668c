"""The engine interface: given compiled rules and one flat fact, which conditions hold."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from cadre_rules._errors import CadreRulesError
from cadre_rules.records._bounds import MAX_FACT_INT
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


def check_fact_ints(fact: Mapping[str, Scalar | None]) -> None:
    """Raise :class:`EngineError` when an integer of the flat fact lies outside ±``MAX_FACT_INT``.

    Both engines call it first.  durable_rules computes in 64-bit integers and wraps silently (a
    ``holders_before`` of 2**63 - 1 plus one compared below the quota), whereas the native evaluator computes
    exactly; the record's bounds keep every derived integer and parameter within ``MAX_FACT_INT``, so that the
    compiler's worst case (``_durable_compile.check_magnitude``) holds.  A value outside is a derivation bug,
    refused on both engines alike rather than answered differently.
    """
    for key, value in fact.items():
        if type(value) is int and not -MAX_FACT_INT <= value <= MAX_FACT_INT:
            raise EngineError(f"fact {key} is outside ±{MAX_FACT_INT}: the engines would not compute it alike")


class EngineUnavailableError(EngineError):
    """The durable_rules engine was asked for where it cannot be imported (Python 3.13 and later): the native
    engine gives identical findings."""
