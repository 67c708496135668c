"""Translation of core conditions into durable_rules JSON rule definitions (pure data, no engine import)."""

from __future__ import annotations

from typing import Any

from cadre_rules.engine._base import EngineError
from cadre_rules.records._bounds import ENGINE_INT_LIMIT, MAX_FACT_INT
from cadre_rules.rules import CompiledRule
from cadre_rules.rules._expr import FLIP, Const, Core, CoreBool, CoreCompare, Field, Sum, Term, side_keys

ZERO_KEY = "_zero"
_OPS = {"<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte", "!=": "$neq"}


def _product(coef: int, fields: tuple[str, ...]) -> Any:
    expr: Any = None
    for f in fields:
        ref = {"$m": f}
        expr = ref if expr is None else {"$mul": {"$l": expr, "$r": ref}}
    if expr is None:
        return coef
    return expr if coef == 1 else {"$mul": {"$l": expr, "$r": coef}}


def _sum(terms: Sum) -> Any:
    ordered: list[Term] = sorted(terms, key=lambda t: (not t[1], t[1], t[0]))
    expr: Any = None
    for coef, fields in ordered:
        if coef == 0:
            continue
        part = _product(abs(coef), fields)
        if expr is None:
            expr = part if coef > 0 else {"$sub": {"$l": {"$m": ZERO_KEY}, "$r": part}}
        else:
            expr = {"$add" if coef > 0 else "$sub": {"$l": expr, "$r": part}}
    return 0 if expr is None else expr


def _simple_field(side: Sum | Field | Const) -> str | None:
    if isinstance(side, Field):
        return side.key
    if isinstance(side, tuple) and len(side) == 1 and side[0][0] == 1 and len(side[0][1]) == 1:
        return side[0][1][0]
    return None


def _value(side: Sum | Field | Const) -> Any:
    if isinstance(side, Field):
        return {"$m": side.key}
    if isinstance(side, Const):
        return side.value
    return _sum(side)


def _test(op: str, key: str, value: Any) -> dict[str, Any]:
    if op == "==":
        return {key: value}
    return {_OPS[op]: {key: value}}


def compile_condition(core: Core) -> dict[str, Any]:
    """The durable_rules test for the fact ``m`` that holds exactly when ``core`` holds.

    Every field a comparison reads is guarded by an existence test: measured here, durable_rules evaluates
    an arithmetic expression over an absent ``$m`` reference as if it were present (``0 >= b*2 - a*3``
    matched with ``a`` and ``b`` absent), whereas an absent key must make the comparison false, as in the
    native evaluator.
    """
    if isinstance(core, CoreBool):
        return {"$and" if core.op == "and" else "$or": [compile_condition(i) for i in core.items]}
    guards = [{"$ex": {key: 1}} for key in sorted(side_keys(core.left) | side_keys(core.right))]
    test = _compare(core)
    return {"$and": [*guards, test]} if guards else test


def _compare(core: CoreCompare) -> dict[str, Any]:
    left_key = _simple_field(core.left)
    if left_key is not None:
        return _test(core.op, left_key, _value(core.right))
    right_key = _simple_field(core.right)
    if right_key is not None:
        return _test(FLIP[core.op], right_key, _value(core.left))
    assert isinstance(core.left, tuple) and isinstance(core.right, tuple)
    # L op R  <=>  0 op (R - L): the engine needs a field on the left, so compare the constant 0 field.
    difference: Sum = core.right + tuple((-c, f) for c, f in core.left)
    return _test(core.op, ZERO_KEY, _sum(difference))


def worst_case(core: Core) -> int:
    """The largest magnitude any integer expression of ``core`` can reach, every key at ±``MAX_FACT_INT``.

    The bound holds for every intermediate result too: durable_rules evaluates a sum term by term, and each
    partial sum is at most the sum of the terms' magnitudes.  A comparison whose left side is a field and whose
    right side is an expression compiles as is; one between two expressions compiles as ``0 op (R - L)``, so
    both sides count.
    """
    if isinstance(core, CoreBool):
        return max((worst_case(item) for item in core.items), default=0)
    total = 0
    for side in (core.left, core.right):
        if isinstance(side, tuple):
            total += sum(abs(coef) * MAX_FACT_INT ** len(fields) for coef, fields in side)
    return total


def check_magnitude(rule: CompiledRule) -> None:
    """Raise :class:`EngineError` unless every integer expression of ``rule`` stays within ``ENGINE_INT_LIMIT``
    for all facts and parameters within their bounds: beyond 2**63 durable_rules wraps silently and would
    disagree with the native evaluator (the root of the ``discipline.over_quota`` difference at the edges)."""
    for core in (rule.applies_core, rule.violated_core):
        if core is not None and worst_case(core) > ENGINE_INT_LIMIT:
            raise EngineError(
                f"rule {rule.id}: an integer expression can reach {worst_case(core)} with its inputs at their "
                f"bounds, beyond the {ENGINE_INT_LIMIT} durable_rules computes exactly"
            )
