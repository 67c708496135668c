"""A blank case (YAML) with a Chinese comment on every field, derived from the models and ``field_docs.yaml``.

Each comment says what the field holds, whether it must be given, the form of its value (the date formats, yes or
no, the allowed values by their Chinese names) and, where the facts show it, the rules that read it. Nothing here
is written by hand per field, so the template follows the models.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from cadre_rules.records._case import Case, Procedure
from cadre_rules.records._docs import Shape, doc_of, field_shape
from cadre_rules.records._enums import AppointmentKind, SelectionMethod, label_zh

_METHOD_ONLY: dict[str, SelectionMethod] = {
    "open_selection_steps": SelectionMethod.OPEN_SELECTION,
    "competitive_post_steps": SelectionMethod.COMPETITIVE_POST,
    "competitive_post": SelectionMethod.COMPETITIVE_POST,
    "posts_applied_for": SelectionMethod.COMPETITIVE_POST,
}
"""Procedure records kept by one selection method only: left out of the other methods' templates."""
_MOST_TITLES = 3
"""How many rule titles a comment quotes (the count gives the rest)."""

_FORM_ZH = {
    "day": "日期，写作 年-月-日（如 2025-06-10）",
    "record_date": "日期，到日（如 2010-07-15 或 2010.07.15）或到月（如 2010-07 或 2010.07）",
    "bool": "是填 true，否填 false",
    "int": "整数",
    "float": "数值",
    "str": "文字",
    "text_or_model": "称谓文字（如 妻子、儿子、表姐夫）",
}


def _rules_by_path() -> dict[str, tuple[str, ...]]:
    """Field path → the Chinese titles of the rules that read it (from the facts: cadre_rules/_leaves.py)."""
    from cadre_rules._leaves import rules_reading

    return rules_reading()


def _comment(model: type[BaseModel], name: str, path: str) -> str:
    doc = doc_of(model, name)
    parts = [doc.zh if doc else name]
    info = model.model_fields[name]
    if info.is_required():
        parts.append("必填")
    shape = field_shape(model, name)
    parts.append(_form(shape))
    titles = _rules_by_path().get(path, ())
    if titles:
        shown = "；".join(titles[:_MOST_TITLES])
        more = f"等 {len(titles)} 条" if len(titles) > _MOST_TITLES else f"共 {len(titles)} 条"
        parts.append(f"用于规则：{shown}（{more}）")
    return "；".join(p for p in parts if p)


def _form(shape: Shape) -> str:
    if shape.kind == "enum" and shape.target is not None:
        return "可选：" + "、".join(label_zh(m) for m in shape.target) + "（填中文名称或代码均可）"
    if shape.kind == "list" and shape.item is not None:
        item = shape.item
        if item.kind == "model":
            return "列表，每项一条，包括下列字段；没有的写 []"
        return "列表，每项" + _form(item).replace("可选：", "可选") + "；没有的写 []"
    if shape.kind == "model":
        return "一段，包括下列字段；不适用的整段删去"
    return _FORM_ZH.get(shape.kind, "")


def _scalar(value: Any) -> str:
    if value is None or value is PydanticUndefined:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def _lines(
    model: type[BaseModel], indent: str, path: str, method: SelectionMethod, preset: dict[str, str], first: str = ""
) -> Iterator[str]:
    """The YAML lines of ``model``'s fields; ``first`` prefixes the first line (``- `` in a list)."""
    lead = first
    for name, info in model.model_fields.items():
        if model is Procedure and name in _METHOD_ONLY and _METHOD_ONLY[name] is not method:
            continue
        where = f"{path}.{name}" if path else name
        comment = _comment(model, name, where)
        shape = field_shape(model, name)
        pad = indent if not lead else indent[: len(indent) - len(lead)] + lead
        lead = ""
        if shape.kind == "model" and shape.target is not None:
            yield f"{pad}{name}:  # {comment}"
            yield from _lines(shape.target, indent + "  ", where, method, preset)
        elif shape.kind == "list" and shape.item is not None and shape.item.kind == "model" and shape.item.target:
            yield f"{pad}{name}:  # {comment}"
            yield from _lines(shape.item.target, indent + "    ", where, method, preset, first="- ")
        else:
            default = info.get_default(call_default_factory=True) if not info.is_required() else None
            value = "[]" if default == [] else preset.get(where, _scalar(default))
            yield f"{pad}{name}: {value}  # {comment}"


def blank_case(
    method: SelectionMethod = SelectionMethod.STANDARD, kind: AppointmentKind = AppointmentKind.PROMOTION
) -> str:
    """A blank case for ``method`` and ``kind`` as YAML, every field with a Chinese comment."""
    header = [
        f"# 干部选拔任用案例（空白模板）：人选产生方式“{label_zh(method)}”，任用类型“{label_zh(kind)}”",
        "# 按各字段注释填写，再用 cadre-rules check 检查。",
        "# 取值可填中文名称（如 县处级、男、本科、常委会）或代码；日期写作 年-月-日，人事档案的日期可只到月。",
        "# 不知道的字段保留空值（null）或删去该行；不适用的整段（及列表中未填的示例项）请删去，",
        "# 否则其中的必填字段会被报告为缺少。",
    ]
    preset = {"kind": kind.value, "procedure.method": method.value}
    return "\n".join([*header, *_lines(Case, "", "", method, preset)]) + "\n"
