"""The one place that parses YAML: libyaml's C parser when PyYAML carries it, else PyYAML's pure-Python parser.

Two dialects, each with a C and a pure-Python loader that give the same results (tests/test_yaml.py holds them to
it on every shipped file, every test case and generated scalars):

* shipped data (regulations, rule specs, profiles, coverage, fault bases): YAML 1.1 as ``yaml.safe_load`` reads
  it, dates included (:data:`SafeLoader`, :func:`read_yaml`);
* cases and calendar files (:data:`CaseLoader`, :func:`load_case_yaml`): dates stay text, so an impossible date
  is reported with its field path, and a month as the 任免审批表 writes it (``2010.07``) is text, not a float.

Only the resolver table differs between the dialects; libyaml parses, and PyYAML's resolver (the same Python
class in both loaders) decides what a plain scalar means, so the C and the pure loader resolve alike.

Every loader here also refuses, naming the line and column (:class:`InputYAMLError`, a :data:`YAMLError`):

* a key written twice in one mapping (PyYAML would keep the last silently); a key after a merge ``<<``
  still overrides the merged one, as YAML specifies;
* lists and mappings nested deeper than :data:`~cadre_rules._files.MAX_DEPTH`, aliases counted as expanded,
  checked on the node graph before anything is constructed (and, in the pure-Python loaders, while composing,
  whose recursion would otherwise overflow); libyaml itself stops at 1,000 levels.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import CollectionNode, MappingNode, Node, ScalarNode, SequenceNode

MAX_INT_DIGITS = 100
"""The most digits an integer of an input may have: every count, year and bound of a case has a handful
(records/_bounds.py), and a longer one would meet Python's 4,300-digit limit on converting text to int (a
``ValueError`` naming no field) or spend time on a number no field allows; it is refused naming its line."""

MAX_DEPTH = 64
"""The deepest nesting of lists and mappings a document may have (the same as :data:`cadre_rules._files.MAX_DEPTH`)."""

YAMLError = yaml.YAMLError
"""What a malformed document raises (whichever loader parsed it)."""

WITH_LIBYAML: bool = bool(getattr(yaml, "__with_libyaml__", False))
"""Whether PyYAML carries libyaml (its wheels do); without it the pure-Python loaders are used."""


class InputYAMLError(ConstructorError):
    """A document refused for its shape (a duplicate key, nesting too deep); ``problem_zh`` says why in Chinese."""

    def __init__(self, problem: str, problem_zh: str, mark: Any) -> None:
        super().__init__(None, None, problem, mark)
        self.problem_zh = problem_zh


def _deep_error(mark: Any) -> InputYAMLError:
    return InputYAMLError(
        f"nested deeper than {MAX_DEPTH} levels of lists and mappings", f"列表和映射嵌套超过 {MAX_DEPTH} 层", mark
    )


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def too_deep(root: Node) -> Node | None:
    """The first node (in document order) nested deeper than :data:`MAX_DEPTH`, aliases counted as expanded,
    or ``None``. Heights are computed bottom-up over each distinct node once, without recursion (a node that
    contains itself is left to the input check, which names it)."""
    heights: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            below = [heights.get(id(c), 0) for c in _children(node) if isinstance(c, CollectionNode)]
            heights[key] = 1 + max(below, default=0)
            continue
        if key in heights or key in on_path:
            continue
        on_path.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in reversed(_children(node)) if isinstance(c, CollectionNode))
    if not isinstance(root, CollectionNode) or heights.get(id(root), 0) <= MAX_DEPTH:
        return None
    node, depth = root, 1
    while depth <= MAX_DEPTH:  # follow the first child that is still too tall
        node = next(c for c in _children(node) if heights.get(id(c), 0) > MAX_DEPTH - depth)
        depth += 1
    return node


class _Checked:
    """What every loader of this module adds: duplicate keys and deep nesting refused, naming the line."""

    _depth = 0

    def get_single_data(self) -> Any:
        """Compose the document, refuse it if it nests too deeply, then construct it."""
        node = self.get_single_node()  # type: ignore[attr-defined]
        if node is None:
            return None
        if (deep := too_deep(node)) is not None:
            raise _deep_error(deep.start_mark)
        return self.construct_document(node)  # type: ignore[attr-defined]

    def construct_mapping(self, node: Node, deep: bool = False) -> Any:
        """A mapping whose keys each appear once (a merge ``<<`` aside)."""
        if isinstance(node, MappingNode):
            seen: set[Any] = set()
            for key_node, _ in node.value:
                if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node)  # type: ignore[attr-defined]
                try:
                    repeated = key in seen
                    seen.add(key)
                except TypeError:  # an unhashable key: the constructor names it
                    continue
                if repeated:
                    from cadre_rules._errors import clip

                    shown = clip(repr(key), 60)
                    raise InputYAMLError(
                        f"duplicate key {shown}: a key may appear once in a mapping",
                        f"重复的键 {shown}：同一映射中每个键只能出现一次",
                        key_node.start_mark,
                    )
        return super().construct_mapping(node, deep)  # type: ignore[misc]


class _CheckedPure(_Checked):
    """The pure-Python composer recurses once per level: stop it at :data:`MAX_DEPTH` before Python's stack does."""

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        """Compose one node, refusing a list or mapping that opens deeper than :data:`MAX_DEPTH`."""
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH and self.check_event(  # type: ignore[attr-defined]
                yaml.SequenceStartEvent, yaml.MappingStartEvent
            ):
                raise _deep_error(self.peek_event().start_mark)  # type: ignore[attr-defined]
            return super().compose_node(parent, index)  # type: ignore[misc,no-any-return]
        finally:
            self._depth -= 1


class PureSafeLoader(_CheckedPure, yaml.SafeLoader):
    """PyYAML's pure-Python safe loader (with the checks above): the reference the C loader is held to."""


class _CSafeLoader(_Checked, yaml.CSafeLoader if WITH_LIBYAML else yaml.SafeLoader):  # type: ignore[misc]
    """libyaml's safe loader with the checks above."""


SafeLoader: type[yaml.SafeLoader] = _CSafeLoader if WITH_LIBYAML else PureSafeLoader
"""The safe loader for shipped data and profiles: libyaml's when available (same results as :data:`PureSafeLoader`)."""

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MONTH = re.compile(r"^\d{4}\.\d{2}(\.\d{2})?$")
"""A month (or day) written with dots, as the 任免审批表 does: ``2010.07``, ``2010.07.15``."""

ResolverTable = dict[str | None, list[tuple[str, re.Pattern[str]]]]


def _case_resolvers() -> ResolverTable:
    """YAML 1.1's implicit resolvers without timestamps, with dotted months as text ahead of floats."""
    base: ResolverTable = yaml.resolver.Resolver.yaml_implicit_resolvers
    table: ResolverTable = {key: [r for r in resolvers if r[0] != _TIMESTAMP] for key, resolvers in base.items()}
    for first in "0123456789":
        table.setdefault(first, []).insert(0, ("tag:yaml.org,2002:str", _MONTH))
    return table


_CASE_RESOLVERS = _case_resolvers()


class PureCaseLoader(_CheckedPure, yaml.SafeLoader):
    """The pure-Python case loader: dates stay text, dotted months are text (the reference for :class:`CaseLoader`)."""

    yaml_implicit_resolvers = _CASE_RESOLVERS


class _CCaseLoader(_Checked, yaml.CSafeLoader if WITH_LIBYAML else yaml.SafeLoader):  # type: ignore[misc]
    """libyaml's parser with the case resolver table (the same table object as :class:`PureCaseLoader`)."""

    yaml_implicit_resolvers = _CASE_RESOLVERS


def _construct_int(loader: yaml.SafeLoader, node: ScalarNode) -> Any:
    """An integer of at most :data:`MAX_INT_DIGITS` digits (a longer one is refused naming its line)."""
    if sum(c.isdigit() for c in node.value) > MAX_INT_DIGITS:
        raise InputYAMLError(
            f"an integer of more than {MAX_INT_DIGITS} digits", f"整数超过 {MAX_INT_DIGITS} 位", node.start_mark
        )
    return loader.construct_yaml_int(node)


for _loader in (PureSafeLoader, _CSafeLoader, PureCaseLoader, _CCaseLoader):
    _loader.add_constructor("tag:yaml.org,2002:int", _construct_int)

CaseLoader: type[yaml.SafeLoader] = _CCaseLoader if WITH_LIBYAML else PureCaseLoader
"""The loader for cases and calendar files (C when available, same results as :class:`PureCaseLoader`)."""


def load_yaml(text: str, loader: type[yaml.SafeLoader] | None = None) -> Any:
    """Parse one YAML document with ``loader`` (default :data:`SafeLoader`); raise :data:`YAMLError` if malformed."""
    return yaml.load(text, Loader=loader or SafeLoader)


def read_yaml(path: Path) -> Any:
    """Read and parse a shipped data file (UTF-8) with :data:`SafeLoader`; raise ``OSError`` or :data:`YAMLError`."""
    return load_yaml(path.read_text(encoding="utf-8"))


def load_case_yaml(text: str) -> Any:
    """Parse a case or calendar document with :data:`CaseLoader`: dates and dotted months stay text."""
    return load_yaml(text, CaseLoader)


__all__ = [
    "MAX_DEPTH",
    "WITH_LIBYAML",
    "CaseLoader",
    "InputYAMLError",
    "PureCaseLoader",
    "PureSafeLoader",
    "SafeLoader",
    "YAMLError",
    "load_case_yaml",
    "load_yaml",
    "read_yaml",
    "too_deep",
]
