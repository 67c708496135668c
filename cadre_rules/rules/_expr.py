"""The rule condition language: parsed once, type-checked, lowered to one core form for both engines.

Grammar (no Python ``eval`` anywhere)::

    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := sum (OP sum | ["not"] "in" "[" literal ("," literal)* "]")?
    sum     := product (("+" | "-") product)*
    product := atom ("*" atom)*
    atom    := INT | STRING | "true" | "false" | NAME | "p." NAME | "(" expr ")"

``NAME`` is a fact (see the fact catalogue); ``p.NAME`` is a dated parameter.  There is no division: a
ratio parameter (``2/3``) may appear as a factor, and lowering multiplies the comparison through by its
denominator, so every comparison is evaluated on integers by both engines (the durable_rules C engine
divides integers by truncation, which would silently change "三分之二以上").
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Union

from cadre_rules._errors import RegulationDataError

Scalar = int | str | bool
FactType = Literal["int", "bool", "str", "date"]
ParamType = Literal["int", "ratio"]

# ---------------------------------------------------------------- surface AST


@dataclass(frozen=True)
class Name:
    """A fact reference."""

    name: str


@dataclass(frozen=True)
class Param:
    """A parameter reference (``p.name``)."""

    name: str


@dataclass(frozen=True)
class Lit:
    """A literal."""

    value: Scalar


@dataclass(frozen=True)
class Arith:
    """``left op right`` with op in + - *."""

    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Compare:
    """``left op right`` with op in < <= > >= == !=."""

    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class In:
    """``operand in [values]`` (or ``not in``)."""

    operand: Node
    values: tuple[Scalar, ...]
    negated: bool


@dataclass(frozen=True)
class BoolOp:
    """``and`` / ``or`` of several operands."""

    op: str
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    """Negation."""

    item: Node


Node = Union[Name, Param, Lit, Arith, Compare, In, BoolOp, Not]  # noqa: UP007

_TOKEN = re.compile(
    r"\s*(?:(?P<int>\d+)|(?P<str>'[^']*'|\"[^\"]*\")|(?P<op><=|>=|==|!=|<|>|\+|-|\*|\(|\)|\[|\]|,)"
    r"|(?P<param>p\.[A-Za-z_][A-Za-z0-9_]*)|(?P<name>[A-Za-z_][A-Za-z0-9_]*))"
)
_KEYWORDS = {"and", "or", "not", "in", "true", "false"}
COMPARISONS = ("<", "<=", ">", ">=", "==", "!=")


def _tokenize(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            raise RegulationDataError(f"cannot read the condition at {text[pos:]!r}")
        kind = match.lastgroup
        assert kind is not None
        value = match.group(kind)
        if kind == "name" and value in _KEYWORDS:
            kind = "kw"
        tokens.append((kind, value))
        pos = match.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.pos = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        tok = self.peek()
        if tok is None or (value is not None and tok[1] != value):
            raise RegulationDataError(f"in condition {self.text!r}: expected {value or 'more'}, got {tok}")
        self.pos += 1
        return tok

    def at(self, value: str) -> bool:
        tok = self.peek()
        return tok is not None and tok[1] == value and tok[0] in ("kw", "op")

    def parse(self) -> Node:
        node = self.or_()
        if self.peek() is not None:
            raise RegulationDataError(f"in condition {self.text!r}: unexpected {self.peek()}")
        return node

    def or_(self) -> Node:
        items = [self.and_()]
        while self.at("or"):
            self.take()
            items.append(self.and_())
        return items[0] if len(items) == 1 else BoolOp("or", tuple(items))

    def and_(self) -> Node:
        items = [self.not_()]
        while self.at("and"):
            self.take()
            items.append(self.not_())
        return items[0] if len(items) == 1 else BoolOp("and", tuple(items))

    def not_(self) -> Node:
        if self.at("not"):
            self.take()
            return Not(self.not_())
        return self.compare()

    def compare(self) -> Node:
        left = self.sum_()
        tok = self.peek()
        if tok is not None and tok[0] == "op" and tok[1] in COMPARISONS:
            self.take()
            return Compare(tok[1], left, self.sum_())
        negated = False
        if self.at("not") and self.pos + 1 < len(self.tokens) and self.tokens[self.pos + 1][1] == "in":
            self.take()
            negated = True
        if self.at("in"):
            self.take()
            self.take("[")
            values = [self.literal()]
            while self.at(","):
                self.take()
                values.append(self.literal())
            self.take("]")
            return In(left, tuple(values), negated)
        return left

    def literal(self) -> Scalar:
        node = self.atom()
        if not isinstance(node, Lit):
            raise RegulationDataError(f"in condition {self.text!r}: a list holds literals only")
        return node.value

    def sum_(self) -> Node:
        node = self.product()
        while self.at("+") or self.at("-"):
            op = self.take()[1]
            node = Arith(op, node, self.product())
        return node

    def product(self) -> Node:
        node = self.atom()
        while self.at("*"):
            self.take()
            node = Arith("*", node, self.atom())
        return node

    def atom(self) -> Node:
        kind, value = self.take()
        if kind == "int":
            return Lit(int(value))
        if kind == "str":
            return Lit(value[1:-1])
        if kind == "kw" and value in ("true", "false"):
            return Lit(value == "true")
        if kind == "param":
            return Param(value[2:])
        if kind == "name":
            return Name(value)
        if value == "(":
            node = self.or_()
            self.take(")")
            return node
        raise RegulationDataError(f"in condition {self.text!r}: unexpected {value!r}")


def parse(text: str) -> Node:
    """Parse a condition; raise :class:`RegulationDataError` on a syntax error."""
    return _Parser(text).parse()


# ---------------------------------------------------------------- type check


def _lit_type(value: Scalar) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    return "str"


def type_of(node: Node, facts: Mapping[str, str], params: Mapping[str, str], text: str) -> str:
    """Type-check ``node``; return "bool" for conditions, else the value type. Raise on any mismatch."""

    def fail(why: str) -> RegulationDataError:
        return RegulationDataError(f"in condition {text!r}: {why}")

    if isinstance(node, Name):
        if node.name not in facts:
            raise fail(f"unknown fact {node.name!r}")
        return facts[node.name]
    if isinstance(node, Param):
        if node.name not in params:
            raise fail(f"unknown parameter p.{node.name}")
        return params[node.name]
    if isinstance(node, Lit):
        return _lit_type(node.value)
    if isinstance(node, Arith):
        lt = type_of(node.left, facts, params, text)
        rt = type_of(node.right, facts, params, text)
        if lt not in ("int", "ratio") or rt not in ("int", "ratio"):
            raise fail(f"arithmetic needs integers, got {lt} {node.op} {rt}")
        if node.op != "*" and "ratio" in (lt, rt):
            raise fail("a ratio parameter may only multiply")
        return "ratio" if "ratio" in (lt, rt) else "int"
    if isinstance(node, Compare):
        lt = type_of(node.left, facts, params, text)
        rt = type_of(node.right, facts, params, text)
        numeric = {"int", "ratio"}
        if not (lt == rt or (lt in numeric and rt in numeric)):
            raise fail(f"cannot compare {lt} with {rt}")
        if lt == "bool" and node.op not in ("==", "!="):
            raise fail("booleans compare only with == and !=")
        return "bool"
    if isinstance(node, In):
        ot = type_of(node.operand, facts, params, text)
        if ot not in ("str", "int") or not isinstance(node.operand, Name):
            raise fail("membership needs a fact of type str or int on the left")
        for value in node.values:
            if _lit_type(value) != ot:
                raise fail(f"list value {value!r} is not a {ot}")
        return "bool"
    if isinstance(node, BoolOp):
        for item in node.items:
            if type_of(item, facts, params, text) != "bool":
                raise fail(f"'{node.op}' needs conditions")
        return "bool"
    if isinstance(node, Not):
        if type_of(node.item, facts, params, text) != "bool":
            raise fail("'not' needs a condition")
        return "bool"
    raise fail(f"unknown node {node!r}")


def references(node: Node) -> tuple[set[str], set[str]]:
    """The fact names and parameter names a condition reads."""
    facts: set[str] = set()
    params: set[str] = set()

    def walk(n: Node) -> None:
        if isinstance(n, Name):
            facts.add(n.name)
        elif isinstance(n, Param):
            params.add(n.name)
        elif isinstance(n, Arith | Compare):
            walk(n.left)
            walk(n.right)
        elif isinstance(n, In):
            walk(n.operand)
        elif isinstance(n, BoolOp):
            for item in n.items:
                walk(item)
        elif isinstance(n, Not):
            walk(n.item)

    walk(node)
    return facts, params


# ---------------------------------------------------------------- core form

# A term is (coefficient, field names multiplied); a sum is a tuple of terms.  Field names are the keys of
# the flat fact sent to the engines: facts by name, integer parameters as ``p__NAME``, ratio parameters
# as ``p__NAME__num`` / ``p__NAME__den``.
Term = tuple[int, tuple[str, ...]]
Sum = tuple[Term, ...]


@dataclass(frozen=True)
class Field:
    """A non-numeric operand read from the fact."""

    key: str


@dataclass(frozen=True)
class Const:
    """A non-numeric constant."""

    value: Scalar


@dataclass(frozen=True)
class CoreCompare:
    """A comparison in core form: numeric sides are sums of products; others are fields or constants."""

    op: str
    left: Sum | Field | Const
    right: Sum | Field | Const


@dataclass(frozen=True)
class CoreBool:
    """``and`` / ``or`` in core form (negation has been pushed into the comparisons)."""

    op: str
    items: tuple[Core, ...]


Core = Union[CoreCompare, CoreBool]  # noqa: UP007

NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


def param_key(name: str, part: str | None = None) -> str:
    """Key of a parameter in the flat fact."""
    return f"p__{name}" if part is None else f"p__{name}__{part}"


def param_of_key(key: str) -> str | None:
    """The parameter name behind a flat key made by :func:`param_key`, or None for a fact's key."""
    return key[3:].split("__")[0] if key.startswith("p__") else None


def _to_sum(node: Node, params: Mapping[str, str]) -> Sum:
    if isinstance(node, Lit):
        assert isinstance(node.value, int) and not isinstance(node.value, bool)
        return ((node.value, ()),) if node.value else ()
    if isinstance(node, Name):
        return ((1, (node.name,)),)
    if isinstance(node, Param):
        key = param_key(node.name, "ratio") if params[node.name] == "ratio" else param_key(node.name)
        return ((1, (key,)),)
    if isinstance(node, Arith):
        left = _to_sum(node.left, params)
        right = _to_sum(node.right, params)
        if node.op == "+":
            return left + right
        if node.op == "-":
            return left + tuple((-c, f) for c, f in right)
        return tuple((lc * rc, tuple(sorted(lf + rf))) for lc, lf in left for rc, rf in right)
    raise RegulationDataError(f"not a numeric expression: {node!r}")


def _eliminate_ratio(left: Sum, right: Sum, text: str) -> tuple[Sum, Sum]:
    ratios = {f for _, fs in left + right for f in fs if f.endswith("__ratio")}
    if not ratios:
        return left, right
    if len(ratios) > 1:
        raise RegulationDataError(f"in condition {text!r}: at most one ratio parameter per comparison")
    ratio = ratios.pop()
    base = ratio.removesuffix("__ratio")
    num, den = base + "__num", base + "__den"

    def scale(side: Sum) -> Sum:
        out: list[Term] = []
        for coef, fs in side:
            if fs.count(ratio) > 1:
                raise RegulationDataError(f"in condition {text!r}: a ratio parameter squared")
            if ratio in fs:
                out.append((coef, tuple(sorted(num if f == ratio else f for f in fs))))
            else:
                out.append((coef, tuple(sorted((*fs, den)))))
        return tuple(out)

    return scale(left), scale(right)


def lower(node: Node, facts: Mapping[str, str], params: Mapping[str, str], text: str) -> Core:
    """Lower a type-checked condition to core form (negation normal form, integer comparisons)."""

    def go(n: Node, negated: bool) -> Core:
        if isinstance(n, Not):
            return go(n.item, not negated)
        if isinstance(n, BoolOp):
            op = n.op if not negated else ("or" if n.op == "and" else "and")
            return CoreBool(op, tuple(go(i, negated) for i in n.items))
        if isinstance(n, In):
            assert isinstance(n.operand, Name)
            is_not = n.negated != negated
            parts = tuple(CoreCompare("!=" if is_not else "==", Field(n.operand.name), Const(v)) for v in n.values)
            return CoreBool("and" if is_not else "or", parts)
        if isinstance(n, Name):  # a bare boolean fact
            return CoreCompare("!=" if negated else "==", Field(n.name), Const(True))
        if isinstance(n, Compare):
            op = NEGATE[n.op] if negated else n.op
            kind = type_of(n.left, facts, params, text)
            if kind in ("int", "ratio"):
                left, right = _eliminate_ratio(_to_sum(n.left, params), _to_sum(n.right, params), text)
                return CoreCompare(op, left, right)
            return CoreCompare(op, _operand(n.left), _operand(n.right))
        raise RegulationDataError(f"in condition {text!r}: {n!r} is not a condition")

    return go(node, False)


def _operand(node: Node) -> Field | Const:
    if isinstance(node, Name):
        return Field(node.name)
    if isinstance(node, Lit):
        return Const(node.value)
    raise RegulationDataError(f"only facts and literals compare as text or dates, got {node!r}")


# ---------------------------------------------------------------- native evaluation


def _sum_value(side: Sum, fact: Mapping[str, Scalar]) -> int:
    total = 0
    for coef, fs in side:
        value = coef
        for f in fs:
            factor = fact[f]
            assert isinstance(factor, int)
            value *= factor
        total += value
    return total


def _value(side: Sum | Field | Const, fact: Mapping[str, Scalar]) -> Scalar:
    if isinstance(side, Field):
        return fact[side.key]
    if isinstance(side, Const):
        return side.value
    return _sum_value(side, fact)


def evaluate(core: Core, fact: Mapping[str, Scalar | None]) -> bool:
    """Evaluate a core condition; a comparison that reads a missing key is false (as in durable_rules)."""
    if isinstance(core, CoreBool):
        if core.op == "and":
            return all(evaluate(i, fact) for i in core.items)
        return any(evaluate(i, fact) for i in core.items)
    if any(fact.get(k) is None for k in side_keys(core.left) | side_keys(core.right)):
        return False
    left = _value(core.left, fact)  # type: ignore[arg-type]
    right = _value(core.right, fact)  # type: ignore[arg-type]
    if core.op == "==":
        return left == right
    if core.op == "!=":
        return left != right
    assert not isinstance(left, bool) and not isinstance(right, bool)
    if (isinstance(left, int) and isinstance(right, int)) or (isinstance(left, str) and isinstance(right, str)):
        if core.op == "<":
            return left < right  # type: ignore[operator]
        if core.op == "<=":
            return left <= right  # type: ignore[operator]
        if core.op == ">":
            return left > right  # type: ignore[operator]
        return left >= right  # type: ignore[operator]
    raise TypeError(f"cannot compare {left!r} with {right!r}")


# ---------------------------------------------------------------- prepared for repeated evaluation

Test = Callable[[Mapping[str, Scalar | None]], bool]
"""A compiled condition: the value :func:`evaluate` gives for the same core condition and fact."""

_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


@dataclass(frozen=True)
class Prepared:
    """A core condition prepared once for evaluation on many facts.

    ``keys`` are the fact keys it reads (when all of them are known its truth value is known, so the
    three-valued pass has nothing to add); ``test`` is the condition compiled to nested closures, which gives
    exactly :func:`evaluate`'s value without re-walking the tree or recomputing the keys of each comparison.
    """

    core: Core
    keys: frozenset[str]
    test: Test
    kleene: Kleene

    def unknown(self, fact: Mapping[str, Scalar | None]) -> set[str] | None:
        """:func:`unknown_keys` of the condition, compiled: None when decided, else the missing keys."""
        value, missing = self.kleene(fact)
        return None if value is not None else missing


Kleene = Callable[[Mapping[str, Scalar | None]], tuple[bool | None, set[str]]]
"""A compiled three-valued evaluation: :func:`_kleene`'s value and missing keys for the same condition and fact."""


def prepare(core: Core) -> Prepared:
    """Prepare ``core``: the keys it reads, its compiled test and its compiled three-valued evaluation."""
    return Prepared(core, frozenset(core_keys(core)), _compile(core), _compile_kleene(core))


def _compile_kleene(core: Core) -> Kleene:
    if isinstance(core, CoreCompare):
        keys = tuple(sorted(side_keys(core.left) | side_keys(core.right)))
        test = _compile_compare(core)

        def compare(fact: Mapping[str, Scalar | None]) -> tuple[bool | None, set[str]]:
            absent = {k for k in keys if fact.get(k) is None}
            if absent:
                return None, absent
            return test(fact), set()

        return compare
    parts = tuple(_compile_kleene(item) for item in core.items)
    decisive = core.op == "or"  # the value that decides: True for or, False for and

    def combine(fact: Mapping[str, Scalar | None]) -> tuple[bool | None, set[str]]:
        missing: set[str] = set()
        unknown = False
        for part in parts:
            value, item_missing = part(fact)
            if value is decisive:
                return decisive, set()
            if value is None:
                unknown = True
                missing |= item_missing
        return (None, missing) if unknown else (not decisive, set())

    return combine


def _compile(core: Core) -> Test:
    if isinstance(core, CoreBool):
        parts = tuple(_compile(item) for item in core.items)
        if core.op == "and":

            def all_of(fact: Mapping[str, Scalar | None]) -> bool:
                for part in parts:  # noqa: SIM110 - a loop: all() over a generator costs a frame per item
                    if not part(fact):
                        return False
                return True

            return all_of

        def any_of(fact: Mapping[str, Scalar | None]) -> bool:
            for part in parts:  # noqa: SIM110 - a loop: any() over a generator costs a frame per item
                if part(fact):
                    return True
            return False

        return any_of
    return _compile_compare(core)


def _compile_compare(core: CoreCompare) -> Test:
    keys = tuple(sorted(side_keys(core.left) | side_keys(core.right)))
    left, right = core.left, core.right
    if core.op in ("<", "<=", ">", ">="):
        return _ordered(core)
    compare = _ORDER[core.op]
    left_key = _single_key(left)
    if left_key is not None and isinstance(right, Const):  # the common form: a fact against a literal
        constant = right.value

        def field_const(fact: Mapping[str, Scalar | None]) -> bool:
            value = fact.get(left_key)
            return value is not None and compare(value, constant)

        return field_const

    def general(fact: Mapping[str, Scalar | None]) -> bool:
        for key in keys:
            if fact.get(key) is None:
                return False
        return compare(_value(left, fact), _value(right, fact))  # type: ignore[arg-type]

    return general


def _ordered(core: CoreCompare) -> Test:
    """An ordering comparison: exactly :func:`evaluate`, which refuses to order booleans or mixed types."""
    keys = tuple(sorted(side_keys(core.left) | side_keys(core.right)))
    left, right = core.left, core.right
    compare = _ORDER[core.op]
    left_key, right_key, constant = _single_key(left), _single_key(right), _constant(right)
    if left_key is not None and (right_key is not None or constant is not None):  # fact against fact or number

        def simple(fact: Mapping[str, Scalar | None]) -> bool:
            a = fact.get(left_key)
            if a is None:
                return False
            if right_key is None:
                b: Scalar | None = constant
            else:
                b = fact.get(right_key)
                if b is None:
                    return False
            if (type(a) is int and type(b) is int) or (type(a) is str and type(b) is str):
                return compare(a, b)
            return _checked(compare, a, b)  # type: ignore[arg-type]

        return simple

    def ordered(fact: Mapping[str, Scalar | None]) -> bool:
        for key in keys:
            if fact.get(key) is None:
                return False
        a = _value(left, fact)  # type: ignore[arg-type]
        b = _value(right, fact)  # type: ignore[arg-type]
        return _checked(compare, a, b)

    return ordered


def _checked(compare: Callable[[Any, Any], bool], a: Scalar, b: Scalar) -> bool:
    """Order two values as :func:`evaluate` does: never booleans, only two integers or two strings."""
    assert not isinstance(a, bool) and not isinstance(b, bool)
    if (isinstance(a, int) and isinstance(b, int)) or (isinstance(a, str) and isinstance(b, str)):
        return compare(a, b)
    raise TypeError(f"cannot compare {a!r} with {b!r}")


def _constant(side: Sum | Field | Const) -> int | None:
    """The number when ``side`` is a sum of constant terms only (``()`` is 0)."""
    if isinstance(side, tuple) and all(not fields for _, fields in side):
        return sum(coef for coef, _ in side)
    return None


def _single_key(side: Sum | Field | Const) -> str | None:
    """The key when ``side`` is one fact read as is (a field, or a sum of one term ``1 * key``)."""
    if isinstance(side, Field):
        return side.key
    if isinstance(side, tuple) and len(side) == 1 and side[0][0] == 1 and len(side[0][1]) == 1:
        return side[0][1][0]
    return None


# ---------------------------------------------------------------- rendering in words


def render(node: Node, words: Mapping[str, str]) -> str:
    """Render a condition with each name replaced by ``words[name]`` (its description) when known."""
    if isinstance(node, Name):
        return words.get(node.name, node.name)
    if isinstance(node, Param):
        return words.get("p." + node.name, "p." + node.name)
    if isinstance(node, Lit):
        if isinstance(node.value, bool):
            return "是" if node.value else "否"
        return repr(node.value) if isinstance(node.value, str) else str(node.value)
    if isinstance(node, Arith):
        return f"{render(node.left, words)} {node.op} {render(node.right, words)}"
    if isinstance(node, Compare):
        return f"{render(node.left, words)} {node.op} {render(node.right, words)}"
    if isinstance(node, In):
        values = "、".join(str(v) for v in node.values)
        return f"{render(node.operand, words)} {'不属于' if node.negated else '属于'} {{{values}}}"
    if isinstance(node, BoolOp):
        joiner = " 且 " if node.op == "and" else " 或 "
        return joiner.join(f"({render(i, words)})" for i in node.items)
    return f"并非 ({render(node.item, words)})"


# ---------------------------------------------------------------- missing data (three-valued)


def side_keys(side: Sum | Field | Const) -> set[str]:
    """The fact keys one side of a core comparison reads."""
    if isinstance(side, Field):
        return {side.key}
    if isinstance(side, Const):
        return set()
    return {f for _, fs in side for f in fs}


def core_keys(core: Core) -> set[str]:
    """Every fact key a core condition reads."""
    if isinstance(core, CoreBool):
        return set().union(*(core_keys(item) for item in core.items))
    return side_keys(core.left) | side_keys(core.right)


def unknown_keys(core: Core, fact: Mapping[str, Scalar | None]) -> set[str] | None:
    """Kleene evaluation: None when the truth value is decided by the known facts, else the missing keys.

    A comparison reading a missing (absent or None) key is unknown; ``and`` is decided by any known false
    item, ``or`` by any known true item.  When the value is decided, treating every unknown comparison as
    false (as durable_rules does for absent keys) gives the same value, so both engines agree.
    """
    value, missing = _kleene(core, fact)
    return None if value is not None else missing


def _kleene(core: Core, fact: Mapping[str, Scalar | None]) -> tuple[bool | None, set[str]]:
    if isinstance(core, CoreCompare):
        absent = {k for k in side_keys(core.left) | side_keys(core.right) if fact.get(k) is None}
        if absent:
            return None, absent
        return evaluate(core, fact), set()
    decisive = core.op == "or"  # the value that decides: True for or, False for and
    missing: set[str] = set()
    unknown = False
    for item in core.items:
        value, item_missing = _kleene(item, fact)
        if value is decisive:
            return decisive, set()
        if value is None:
            unknown = True
            missing |= item_missing
    return (None, missing) if unknown else (not decisive, set())
