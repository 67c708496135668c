"""Walk the case model for its bounded fields and place them in the shipped compliant cases (test support).

The fields come from the pydantic models (a new field is covered without editing a list); where a field
sits in a case comes from the shipped compliant bases, plus :data:`SEEDS` for the few records no base holds.
"""

from __future__ import annotations

import copy
import types
import typing
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from annotated_types import Ge, Le
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from cadre_rules.records import Case, case_from_mapping
from cadre_rules.testing import base_methods, base_variants, compliant_base, deep_merge

Path = tuple[str | int, ...]

SEEDS: dict[str, tuple[str, str | None, dict[str, Any]]] = {
    "KinRelation": (
        "standard",
        None,
        {"candidate": {"family": [{"relation": {"kind": "blood", "up": 1, "down": 0}, "name": "王某"}]}},
    ),
    "AgeRelaxation": (
        "open_selection",
        None,
        {"procedure": {"announcement": {"age_relaxations": [{"group": "female", "years": 1}]}}},
    ),
    "LevelRequirement": (
        "open_selection",
        None,
        {
            "procedure": {
                "announcement": {
                    "min_years_at_level": {
                        "tier": "township_section",
                        "role": "principal",
                        "years": 2,
                        "counted_to": "2025-03-01",
                    }
                }
            }
        },
    ),
}
"""Records that no shipped base holds, by model name: the base to put them in and the patch that does."""


@dataclass(frozen=True)
class NumberField:
    """An int or float field of a record model with its inclusive bounds."""

    model: type[BaseModel]
    name: str
    kind: type
    low: int | float | None
    high: int | float | None


def _leaves(tp: Any) -> list[tuple[Any, list[Any]]]:
    """The leaf types of an annotation with the metadata of their Annotated wrappers."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        inner, *meta = typing.get_args(tp)
        return [(leaf, list(meta) + m) for leaf, m in _leaves(inner)]
    if origin in (typing.Union, types.UnionType, list):
        return [pair for arg in typing.get_args(tp) for pair in _leaves(arg)]
    return [(tp, [])]


def _bound(metadata: list[Any]) -> tuple[Any, Any]:
    metadata = [m for item in metadata for m in (item.metadata if isinstance(item, FieldInfo) else [item])]
    low = next((m.ge for m in metadata if isinstance(m, Ge)), None)
    high = next((m.le for m in metadata if isinstance(m, Le)), None)
    return low, high


@cache
def models() -> tuple[type[BaseModel], ...]:
    """Every record model reachable from :class:`Case`, in the order first met."""
    seen: list[type[BaseModel]] = []

    def walk(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.append(model)
        for field in model.model_fields.values():
            for leaf, _ in _leaves(field.annotation):
                if isinstance(leaf, type) and issubclass(leaf, BaseModel):
                    walk(leaf)

    walk(Case)
    return tuple(seen)


@cache
def number_fields() -> tuple[NumberField, ...]:
    """Every int and float field of the case model, with the bounds its metadata gives (None when unbounded)."""
    out = []
    for model in models():
        for name, field in model.model_fields.items():
            for leaf, meta in _leaves(field.annotation):
                if leaf in (int, float):
                    low, high = _bound(meta + list(field.metadata))
                    out.append(NumberField(model, name, leaf, low, high))
    return tuple(out)


@cache
def date_fields() -> tuple[tuple[type[BaseModel], str], ...]:
    """Every date field of the case model (day or month precision)."""
    return tuple(
        (model, name)
        for model in models()
        for name, field in model.model_fields.items()
        if any(leaf is date for leaf, _ in _leaves(field.annotation))
    )


def _instances(node: Any, path: Path, out: dict[str, Path]) -> None:
    if isinstance(node, BaseModel):
        out.setdefault(type(node).__name__, path)
        for name in type(node).model_fields:
            _instances(getattr(node, name), (*path, name), out)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            _instances(item, (*path, index), out)


@cache
def _located() -> dict[str, tuple[str, str | None, Path]]:
    where: dict[str, tuple[str, str | None, Path]] = {}
    settings = [(m, v) for v in (None, *base_variants()) for m in base_methods(v)]
    for method, variant in settings:
        found: dict[str, Path] = {}
        _instances(case_from_mapping(compliant_base(method, variant)), (), found)
        for name, path in found.items():
            where.setdefault(name, (method, variant, path))
    for name, (method, variant, patch) in SEEDS.items():
        found = {}
        _instances(case_from_mapping(deep_merge(compliant_base(method, variant), patch)), (), found)
        where.setdefault(name, (method, variant, found[name]))
    return where


def base_holding(model: type[BaseModel]) -> tuple[dict[str, Any], Path] | None:
    """A compliant case mapping that holds a record of ``model``, and that record's path; None if none does."""
    located = _located().get(model.__name__)
    if located is None:
        return None
    method, variant, path = located
    data = compliant_base(method, variant)
    if model.__name__ in SEEDS and SEEDS[model.__name__][:2] == (method, variant):
        data = deep_merge(data, SEEDS[model.__name__][2])
    return data, path


def put(data: dict[str, Any], path: Path, value: Any) -> dict[str, Any]:
    """A copy of ``data`` with ``value`` at ``path`` (the relation of a relative may be a 称谓 or a mapping)."""
    out = copy.deepcopy(data)
    node: Any = out
    for step in path[:-1]:
        if isinstance(node, dict) and step not in node:
            node[step] = {}
        node = node[step]
    node[path[-1]] = value
    return out


def dotted(path: Path) -> str:
    """A path as CaseError names it: ``procedure.candidates[0].ballot.agree``."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else ("." if text else "") + step
    return text


def number_paths(data: dict[str, Any]) -> list[tuple[Path, NumberField]]:
    """Where each number field can be set in the case ``data`` (a path for each record that holds it)."""
    found: list[tuple[str, Path]] = []

    def walk(node: Any, path: Path) -> None:
        if isinstance(node, BaseModel):
            found.append((type(node).__name__, path))
            for name in type(node).model_fields:
                walk(getattr(node, name), (*path, name))
        elif isinstance(node, list):
            for index, item in enumerate(node):
                walk(item, (*path, index))

    walk(case_from_mapping(data), ())
    by_model: dict[str, list[NumberField]] = {}
    for field in number_fields():
        by_model.setdefault(field.model.__name__, []).append(field)
    return [((*path, f.name), f) for name, path in found for f in by_model.get(name, [])]
