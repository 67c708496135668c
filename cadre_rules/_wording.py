"""The Chinese words of a report: fact values, field paths and codes in words, the fields a finding lacks.

Shared by the text report (:mod:`cadre_rules.report`) and the checking page (:mod:`cadre_rules.service._page`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cadre_rules.records._enums import code_label_zh

if TYPE_CHECKING:
    from cadre_rules.report import Finding

_ASCII_GLOSS = re.compile(r"（[^（）]*[A-Za-z][^（）]*）")
_GLOSS_ITEM = re.compile(r"([a-z][a-z0-9_]*)\s+([^；）\s][^；）]*)")
_PATH = re.compile(r"(?<![\w.])(?:case_id|kind|as_of|candidate|post|procedure|waivers)(?:\.[A-Za-z_]\w*|\[\d+\])*")
_CODE = re.compile(r"(?<![\w.])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w.])")


def value_zh(value: Any, gloss: Mapping[str, str] | None = None) -> str:
    """A fact's value as the Chinese report shows it: yes/no, and a code by its Chinese name where it has one
    (the fact's own gloss first: ``deputy_to_principal`` 副职提正职)."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str):
        return (gloss or {}).get(value) or code_label_zh(value) or value
    if isinstance(value, list | tuple):
        return "、".join(value_zh(v, gloss) for v in value)
    return str(value)


def fact_glosses(words: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """The codes a fact's description explains (``提任路径（deputy_to_principal 副职提正职；…）``), per fact."""
    out: dict[str, dict[str, str]] = {}
    for key, word in words.items():
        for gloss in _ASCII_GLOSS.findall(word):
            out.setdefault(key, {}).update(_GLOSS_ITEM.findall(gloss))
    return out


def leaf_paths(f: Finding) -> list[str]:
    """The fields a finding lacks: a whole record not recorded is replaced by the fields of it the rule reads."""
    from cadre_rules._leaves import leaves_in
    from cadre_rules.records._docs import field_at, field_shape

    out: list[str] = []
    for path in f.missing:
        where = None if path.startswith("p.") else field_at(path)
        leaves = leaves_in(f.rule_id, path) if where is not None and field_shape(*where).kind == "model" else []
        out += leaves or [path]
    return list(dict.fromkeys(out))


def field_zh(path: str, words: Mapping[str, str]) -> str:
    """A missing field in Chinese words; a whole record named (a block not recorded) says so."""
    if path.startswith("p."):
        return words.get(path) or "参数"
    from cadre_rules.records._docs import field_at, field_shape, path_zh

    zh = path_zh(path)
    if zh is None:
        year = re.fullmatch(r"calendar\.(\d{4})", path)
        return f"{year[1]} 年的节假日和调休安排（日历文件）" if year else f"〔{path}〕"
    where = field_at(path)
    if where is not None and field_shape(*where).kind == "model":
        return f"{zh}（整段未记载）"
    return zh


def zh_paths(text: str, words: Mapping[str, str]) -> str:
    """A Chinese message with each case field path in it given in words (an unknown path kept, in 〔〕)."""
    from cadre_rules.records._docs import path_zh

    text = _PATH.sub(lambda m: path_zh(m.group()) or f"〔{m.group()}〕", text)
    return _CODE.sub(lambda m: words.get(f"p.{m.group()}") or words.get(m.group()) or m.group(), text)


def key_zh(key: str) -> str:
    """An evidence key with no Chinese word: a parameter or fact name shown as an identifier, in 〔〕."""
    return f"〔{key}〕"


def plain_words(words: Mapping[str, str]) -> dict[str, str]:
    """Fact words for a Chinese report: glosses listing codes, ``（promotion 提任；…）``, dropped, and a code
    left in a word (``公开选拔步骤 announcement 已进行``) given by its Chinese name."""
    out = {}
    for key, word in words.items():
        plain = _ASCII_GLOSS.sub("", word)
        plain = re.sub(r"\s*\b([a-z][a-z0-9_]*)\b\s*", lambda m: code_label_zh(m.group(1)) or m.group(), plain)
        out[key] = plain
    return out
