"""Descriptions of the case fields (``field_docs.yaml``), the shape of each field, and the JSON Schema built on them.

The descriptions are data, keyed by model and field, so that the schema (``cadre-rules schema``), the blank case
(``cadre-rules template``) and the Chinese names of missing fields in a report all read the same words, and a test
holds every field of every model to having them.
"""

from __future__ import annotations

import re
import types
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from importlib.resources import files
from typing import Annotated, Any, Literal, Union, get_args, get_origin, get_type_hints

from pydantic import BaseModel

from cadre_rules._errors import RegulationDataError
from cadre_rules._yaml import load_yaml
from cadre_rules.records._case import RECORD_DATE_PATTERN, Case

CASE_SCHEMA_VERSION = "1.1"
"""The version of the case schema: raised when a field is removed or changes meaning (additions keep it)."""
CASE_SCHEMA_ID = f"https://cadre-rules.example.org/schema/case/{CASE_SCHEMA_VERSION}.json"
"""The ``$id`` of the case schema."""

ShapeKind = Literal["model", "list", "enum", "day", "record_date", "bool", "int", "float", "str", "text_or_model"]


@dataclass(frozen=True)
class FieldDoc:
    """What a field holds, in Chinese and in English."""

    zh: str
    en: str


@dataclass(frozen=True)
class Shape:
    """The kind of value a field takes: ``target`` is the model or enumeration, ``item`` a list's items."""

    kind: ShapeKind
    target: type[Any] | None = None
    item: Shape | None = None


@cache
def field_docs() -> dict[str, dict[str, FieldDoc]]:
    """Every documented field: model name → field name → description (``_shared`` for any model)."""
    text = files("cadre_rules.records").joinpath("field_docs.yaml").read_text(encoding="utf-8")
    data = load_yaml(text)
    out: dict[str, dict[str, FieldDoc]] = {}
    for model, fields in data.items():
        out[model] = {}
        for name, doc in fields.items():
            if not isinstance(doc, dict) or set(doc) != {"zh", "en"}:
                raise RegulationDataError(f"field_docs.yaml: {model}.{name} needs exactly zh and en")
            out[model][name] = FieldDoc(str(doc["zh"]), str(doc["en"]))
    return out


def doc_of(model: type[BaseModel], name: str) -> FieldDoc | None:
    """The description of ``model.name`` (its own, else the shared one for that field name)."""
    docs = field_docs()
    return docs.get(model.__name__, {}).get(name) or docs["_shared"].get(name)


def _unwrap(annotation: Any) -> tuple[Any, tuple[Any, ...]]:
    """The annotation without ``Optional`` and ``Annotated``, and the metadata ``Annotated`` carried."""
    meta: tuple[Any, ...] = ()
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            args = get_args(annotation)
            annotation, meta = args[0], meta + tuple(args[1:])
        elif origin in (Union, types.UnionType):
            rest = [a for a in get_args(annotation) if a is not type(None)]
            if len(rest) != 1:
                return annotation, meta
            annotation = rest[0]
        else:
            return annotation, meta


@cache
def _hints(model: type[BaseModel]) -> dict[str, Any]:
    """A model's field annotations resolved (its forward references too), ``Annotated`` extras kept."""
    return get_type_hints(model, include_extras=True)


def field_shape(model: type[BaseModel], name: str) -> Shape:
    """The kind of value the field ``name`` of ``model`` takes."""
    return shape_of(_hints(model)[name])


def shape_of(annotation: Any) -> Shape:
    """The kind of value an annotation takes (a model, a list, an enumeration, a date to the day or a record date)."""
    inner, meta = _unwrap(annotation)
    origin = get_origin(inner)
    if origin in (Union, types.UnionType):
        options = [_unwrap(a)[0] for a in get_args(inner)]
        models = [a for a in options if isinstance(a, type) and issubclass(a, BaseModel)]
        return Shape("text_or_model", models[0] if models else None)
    if origin is list:
        return Shape("list", item=shape_of(get_args(inner)[0]))
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return Shape("model", inner)
    if isinstance(inner, type) and issubclass(inner, StrEnum):
        return Shape("enum", inner)
    if inner is bool:
        return Shape("bool")
    if inner is int:
        return Shape("int")
    if inner is float:
        return Shape("float")
    if isinstance(inner, type) and issubclass(inner, date):
        schema = [m for m in meta if getattr(m, "json_schema", None)]
        record = any(getattr(m, "json_schema", {}).get("pattern") == RECORD_DATE_PATTERN for m in schema)
        return Shape("record_date" if record else "day")
    return Shape("str")


def models_of(root: type[BaseModel] = Case) -> dict[str, type[BaseModel]]:
    """Every model reachable from ``root`` by its fields, by class name (as the schema's ``$defs`` name them)."""
    found: dict[str, type[BaseModel]] = {}
    stack = [root]
    while stack:
        model = stack.pop()
        if model.__name__ in found:
            continue
        found[model.__name__] = model
        for field_name in model.model_fields:
            shape = field_shape(model, field_name)
            while shape.kind == "list" and shape.item is not None:
                shape = shape.item
            if shape.target is not None and issubclass(shape.target, BaseModel):
                stack.append(shape.target)
    return found


def enums_of(root: type[BaseModel] = Case) -> dict[str, type[StrEnum]]:
    """Every enumeration a field of a model reachable from ``root`` takes, by class name."""
    out: dict[str, type[StrEnum]] = {}
    for model in models_of(root).values():
        for field_name in model.model_fields:
            shape = field_shape(model, field_name)
            while shape.kind == "list" and shape.item is not None:
                shape = shape.item
            if shape.kind == "enum" and shape.target is not None:
                out[shape.target.__name__] = shape.target
    return out


def undocumented(root: type[BaseModel] = Case) -> list[str]:
    """``Model.field`` of every field without a description (empty when all are described)."""
    return [
        f"{name}.{field}"
        for name, model in sorted(models_of(root).items())
        for field in model.model_fields
        if doc_of(model, field) is None
    ]


_STEP = re.compile(r"\[(\d+)\]|\[(\w+)=([^\]]*)\]|([^.\[\]]+)")
"""A step of a field path: a list index ``[0]``, a selector ``[year=2022]`` (the item whose field has that value,
as facts name an item not recorded), or a field name."""


def field_at(path: str, root: type[BaseModel] = Case) -> tuple[type[BaseModel], str] | None:
    """The model and field a dotted path names (``candidate.career[0].grassroots``), or ``None``."""
    model: type[BaseModel] | None = root
    last: tuple[type[BaseModel], str] | None = None
    for match in _STEP.finditer(path):
        name = match.group(4)
        if name is None:
            continue  # a list index or selector: the list's item model is already current
        if model is None or name not in model.model_fields:
            return None
        last = (model, name)
        shape = field_shape(model, name)
        while shape.kind == "list" and shape.item is not None:
            shape = shape.item
        model = shape.target if shape.target is not None and issubclass(shape.target, BaseModel) else None
    return last


def short_zh(doc: FieldDoc) -> str:
    """The name part of a Chinese description: before its first ``；``, without a closing bracketed note."""
    head = doc.zh.split("；", 1)[0]
    return re.sub(r"（[^（）]*）$", "", head) or head


def path_zh(path: str, root: type[BaseModel] = Case) -> str | None:
    """A field path in Chinese words, ``candidate.career[0].grassroots`` → 人选·简历第1项·属于基层工作经历;
    ``None`` when a step of the path is not a field."""
    model: type[BaseModel] | None = root
    words: list[str] = []
    for match in _STEP.finditer(path):
        index, key, value, name = match.groups()
        if index is not None:
            if words:
                words[-1] += f"第{int(index) + 1}项"
            continue
        if key is not None:
            doc = doc_of(model, key) if model is not None and key in model.model_fields else None
            if doc is None or not words:
                return None
            from cadre_rules.records._enums import code_label_zh

            words[-1] += f"（{short_zh(doc)}为{code_label_zh(value) or value}）"
            continue
        if model is None or name not in model.model_fields:
            return None
        doc = doc_of(model, name)
        words.append(short_zh(doc) if doc else name)
        shape = field_shape(model, name)
        while shape.kind == "list" and shape.item is not None:
            shape = shape.item
        model = shape.target if shape.target is not None and issubclass(shape.target, BaseModel) else None
    return "·".join(words) if words else None


def _describe(prop: dict[str, Any], doc: FieldDoc) -> None:
    prop["description"] = f"{doc.zh} / {doc.en}"
    prop["x-description-zh"] = doc.zh
    prop["x-description-en"] = doc.en


def _coded_enums() -> dict[str, type[StrEnum]]:
    from cadre_rules.records._enums import CodedEnum

    found: dict[str, type[StrEnum]] = {}
    pending: list[type[StrEnum]] = list(CodedEnum.__subclasses__())
    while pending:
        cls = pending.pop()
        found[cls.__name__] = cls
        pending.extend(cls.__subclasses__())
    return found


def _accept_chinese_names(defs: dict[str, Any]) -> None:
    """Each enumeration's schema accepts its Chinese names as validation does (``Gender("男")``): ``enum`` lists the
    codes then the names, and ``x-names-zh`` maps each name to its code."""
    from cadre_rules.records._enums import chinese_names

    for name, cls in _coded_enums().items():
        sub = defs.get(name)
        if sub is None or "enum" not in sub:
            continue
        names = {zh: member.value for zh, member in chinese_names(cls).items()}
        sub["enum"] = [*sub["enum"], *names]
        sub["x-names-zh"] = names


def case_schema() -> dict[str, Any]:
    """The JSON Schema of a case: every property described in Chinese and English, with ``$id`` and version;
    an enumeration accepts its codes and its Chinese names."""
    schema = Case.model_json_schema()
    _accept_chinese_names(schema.get("$defs", {}))
    models = models_of()
    for name, sub in [("Case", schema), *schema.get("$defs", {}).items()]:
        model = models.get(name)
        if model is None:
            continue
        for field, prop in sub.get("properties", {}).items():
            doc = doc_of(model, field)
            if doc is not None:
                _describe(prop, doc)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": CASE_SCHEMA_ID,
        "schema_version": CASE_SCHEMA_VERSION,
        **schema,
    }
