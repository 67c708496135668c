"""Prepared conditions (compiled once to closures) give exactly :func:`evaluate`'s value and read the same keys."""

from __future__ import annotations

import pickle
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cadre_rules.facts import FACTS
from cadre_rules.rules import CompiledRule, default_registry
from cadre_rules.rules._expr import Const, Core, CoreBool, CoreCompare, core_keys, evaluate, prepare, unknown_keys
from tests.conftest import examples

RULES = default_registry().rules


def _constants(core: Core, out: dict[str, set[Any]]) -> None:
    """The constants each key is compared with (so generated values hit the interesting ones)."""
    if isinstance(core, CoreBool):
        for item in core.items:
            _constants(item, out)
        return
    assert isinstance(core, CoreCompare)
    for side, other in ((core.left, core.right), (core.right, core.left)):
        if isinstance(other, Const):
            for key in core_keys(CoreCompare(core.op, side, side)):
                out.setdefault(key, set()).add(other.value)


def _value(key: str, constants: set[Any]) -> st.SearchStrategy[Any]:
    kind = FACTS[key].type if key in FACTS else "int"  # parameters (``p__…``) are integers
    if kind == "bool":
        base: st.SearchStrategy[Any] = st.booleans()
    elif kind == "int":
        base = st.integers(-3, 80)
    elif kind == "date":
        base = st.dates().map(lambda d: d.isoformat())
    else:
        base = st.text(max_size=3)
    hits = sorted((c for c in constants if type(c) is {"bool": bool, "int": int}.get(kind, str)), key=repr)
    values = st.one_of(base, st.sampled_from(hits)) if hits else base
    return st.one_of(st.none(), values)


@st.composite
def rule_and_fact(draw: st.DrawFn) -> tuple[CompiledRule, dict[str, Any]]:
    """A shipped rule and a fact over the keys it reads (each possibly missing)."""
    rule = draw(st.sampled_from(RULES))
    constants: dict[str, set[Any]] = {}
    cores = [c for c in (rule.applies_core, rule.violated_core) if c is not None]
    for core in cores:
        _constants(core, constants)
    fact = {key: draw(_value(key, constants.get(key, set()))) for key in sorted(rule.reads)}
    return rule, {k: v for k, v in fact.items() if v is not None or draw(st.booleans())}


@settings(max_examples=examples(400))
@given(rule_and_fact())
def test_prepared_tests_equal_evaluate_on_every_shipped_condition(drawn: tuple[CompiledRule, dict[str, Any]]) -> None:
    """On any fact (keys absent, None, or of the catalogued type), the compiled test and evaluate() agree."""
    rule, fact = drawn
    for core in (rule.applies_core, rule.violated_core):
        if core is not None:
            assert prepare(core).test(fact) == evaluate(core, fact)


def test_prepared_keys_are_the_keys_each_condition_reads() -> None:
    """A rule's prepared keys are its core conditions' keys; ``reads`` is their union."""
    for rule in RULES:
        assert rule.violated_prepared.keys == core_keys(rule.violated_core)
        applies = rule.applies_prepared
        assert (applies is None) == (rule.applies_core is None)
        expected = core_keys(rule.violated_core) | (core_keys(rule.applies_core) if rule.applies_core else set())
        assert rule.reads == expected


def test_a_pickled_rule_leaves_its_closures_behind_and_prepares_again() -> None:
    """The registry cache pickles rules: the compiled closures are not pickled, and are prepared again on use."""
    rule = next(r for r in RULES if r.applies_core is not None)
    assert rule.violated_prepared is rule.violated_prepared  # prepared once
    copy = pickle.loads(pickle.dumps(rule))
    assert "violated_prepared" not in copy.__dict__
    assert copy.violated_prepared.keys == rule.violated_prepared.keys
    assert copy.id == rule.id


@settings(max_examples=examples(400))
@given(rule_and_fact())
def test_prepared_three_valued_pass_equals_unknown_keys(drawn: tuple[CompiledRule, dict[str, Any]]) -> None:
    """The compiled three-valued evaluation gives :func:`unknown_keys`' answer (decided, or the missing keys)."""
    rule, fact = drawn
    for core in (rule.applies_core, rule.violated_core):
        if core is not None:
            assert prepare(core).unknown(fact) == unknown_keys(core, fact)
