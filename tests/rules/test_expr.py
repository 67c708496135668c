"""The condition language: parsing, type checks, lowering, three-valued missing data."""

from __future__ import annotations

import pytest

from cadre_rules import RegulationDataError
from cadre_rules.rules._expr import evaluate, lower, parse, references, render, type_of, unknown_keys

FACTS = {"a": "int", "b": "int", "s": "str", "flag": "bool", "d": "date"}
PARAMS = {"r": "ratio", "n": "int"}
FACT = {"a": 2, "b": 3, "s": "x", "flag": True, "d": "2025-01-01", "p__r__num": 2, "p__r__den": 3, "p__n": 4}


def check(text: str, fact: dict[str, object] = FACT) -> bool:
    """Parse, type-check, lower and evaluate a condition."""
    node = parse(text)
    assert type_of(node, FACTS, PARAMS, text) == "bool"
    return evaluate(lower(node, FACTS, PARAMS, text), fact)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a < b", True),
        ("a * 3 >= b * 2", True),
        ("a * 3 > b * 2", False),
        ("a >= b * p.r", True),
        ("a > b * p.r", False),
        ("not a >= b", True),
        ("s in ['x', 'y']", True),
        ("s not in ['x', 'y']", False),
        ("not (flag or a > 10)", False),
        ("flag and not s == 'z'", True),
        ("a + b - 1 == p.n", True),
        ("d <= d", True),
    ],
)
def test_conditions(text: str, expected: bool) -> None:
    """Each condition evaluates as arithmetic and logic say."""
    assert check(text) is expected


def test_ratio_is_exact_at_two_thirds() -> None:
    """6 of 9 is exactly two thirds: ">=" holds, ">" does not (no float rounding)."""
    fact = FACT | {"a": 6, "b": 9}
    assert check("a >= b * p.r", fact)
    assert not check("a > b * p.r", fact)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("a <", "expected"),
        ("a < 'x'", "cannot compare"),
        ("flag < true", "booleans"),
        ("unknown > 1", "unknown fact"),
        ("a > p.missing", "unknown parameter"),
        ("a + p.r > 1", "only multiply"),
        ("s + 1 > 2", "arithmetic"),
        ("a in ['x']", "not a int"),
        ("a > 1 $", "cannot read"),
    ],
)
def test_bad_conditions_are_rejected(text: str, why: str) -> None:
    """Syntax and type errors raise RegulationDataError naming the problem."""
    with pytest.raises(RegulationDataError, match=why):
        type_of(parse(text), FACTS, PARAMS, text)


def test_missing_data_is_unknown_unless_decided() -> None:
    """A missing input makes a condition unknown unless the known inputs decide it."""
    core = lower(parse("flag or a > 1"), FACTS, PARAMS, "")
    assert unknown_keys(core, {"flag": True}) is None
    assert unknown_keys(core, {"flag": False}) == {"a"}
    core = lower(parse("not flag and a > 1"), FACTS, PARAMS, "")
    assert unknown_keys(core, {"flag": True}) is None
    assert unknown_keys(core, {"a": 2}) == {"flag"}


def test_references_and_words() -> None:
    """References list facts and parameters; render substitutes descriptions."""
    node = parse("a >= b * p.r and flag")
    assert references(node) == ({"a", "b", "flag"}, {"r"})
    assert render(node, {"a": "到会", "p.r": "比例"}) == "(到会 >= b * 比例) 且 (flag)"
