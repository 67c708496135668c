"""The one place that parses YAML: libyaml's C parser when PyYAML carries it, else PyYAML's pure-Python parser.

Two dialects, each with a C and a pure-Python loader that give the same results (tests/test_yaml.py holds them to
it on every shipped file, every test case and generated scalars):

* shipped data (regulations, rule specs, profiles, coverage, fault bases): YAML 1.1 as ``yaml.safe_load`` reads
  it, dates included (:data:`SafeLoader`, :func:`read_yaml`);
* cases and calendar files (:data:`CaseLoader`, :func:`load_case_yaml`): dates stay text, so an impossible date
  is reported with its field path, and a month as the 任免审批表 writes it (``2010.07``) is text, not a float.

Only the resolver table differs between the dialects; libyaml parses, and PyYAML's resolver (the same Python
class in both loaders) decides what a plain scalar means, so the C and the pure loader resolve alike.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

YAMLError = yaml.YAMLError
"""What a malformed document raises (whichever loader parsed it)."""

WITH_LIBYAML: bool = bool(getattr(yaml, "__with_libyaml__", False))
"""Whether PyYAML carries libyaml (its wheels do); without it the pure-Python loaders are used."""

PureSafeLoader = yaml.SafeLoader
"""PyYAML's pure-Python safe loader: the reference the C loader is held to."""

SafeLoader: type[yaml.SafeLoader] = yaml.CSafeLoader if WITH_LIBYAML else yaml.SafeLoader  # type: ignore[assignment]
"""The safe loader for shipped data: libyaml's when available (same results as :data:`PureSafeLoader`)."""

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


class PureCaseLoader(yaml.SafeLoader):
    """The pure-Python case loader: dates stay text, dotted months are text (the reference for :class:`CaseLoader`)."""

    yaml_implicit_resolvers = _CASE_RESOLVERS


class _CCaseLoader(yaml.CSafeLoader if WITH_LIBYAML else yaml.SafeLoader):  # type: ignore[misc]
    """libyaml's parser with the case resolver table (the same table object as :class:`PureCaseLoader`)."""

    yaml_implicit_resolvers = _CASE_RESOLVERS


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
    "WITH_LIBYAML",
    "CaseLoader",
    "PureCaseLoader",
    "PureSafeLoader",
    "SafeLoader",
    "YAMLError",
    "load_case_yaml",
    "load_yaml",
    "read_yaml",
]
