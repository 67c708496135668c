"""Hints for input errors: the allowed values of an enumeration in both languages, and "did you mean"."""

from __future__ import annotations

import difflib
from enum import StrEnum
from functools import cache, lru_cache
from typing import Any

from pydantic import BaseModel

from cadre_rules.records._case import Case
from cadre_rules.records._docs import doc_of, field_at, field_shape, short_zh
from cadre_rules.records._enums import SYNONYMS_ZH, label_zh


def closest(word: str, choices: list[str], *, cutoff: float = 0.6) -> str | None:
    """The choice closest to ``word`` (difflib), or ``None`` when none is close enough."""
    # difflib's ratio is 2M/(len(a)+len(b)) with M ≤ the shorter length: a word longer than (2/cutoff - 1) times
    # every choice cannot reach the cutoff, so a long text (a pasted paragraph) is neither compared letter by
    # letter nor kept in the cache
    longest = max(map(len, choices), default=0)
    if len(word) * cutoff > (2 - cutoff) * longest:
        return None
    return _closest(word, tuple(choices), cutoff)


@lru_cache(maxsize=1024)
def _closest(word: str, choices: tuple[str, ...], cutoff: float) -> str | None:
    found = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(word: str, choices: list[str]) -> tuple[str, str]:
    """A "did you mean" hint (English, Chinese) for ``word`` among ``choices``, or two empty strings."""
    near = closest(word, choices)
    if near is None:
        return "", ""
    return f" (did you mean {near!r}?)", f"（是否想用 {near!r}？）"


def _enum_at(path: str) -> type[StrEnum] | None:
    where = field_at(path)
    if where is None:
        return None
    shape = field_shape(*where)
    while shape.kind == "list" and shape.item is not None:
        shape = shape.item
    if shape.kind == "enum" and shape.target is not None and issubclass(shape.target, StrEnum):
        return shape.target
    return None


@cache
def _enum_words(enum: type[StrEnum]) -> tuple[str, dict[str, StrEnum]]:
    """An enumeration's Chinese names joined for a message, and every word that names a member (its code, its
    Chinese name, its Chinese synonyms)."""
    names = {label_zh(m): m for m in enum} | {n: m for m in enum for n in SYNONYMS_ZH.get(m, ())}  # type: ignore[call-overload]
    return "、".join(label_zh(m) for m in enum), {m.value: m for m in enum} | names


def enum_hint(path: str, given: Any) -> tuple[str, str] | None:
    """What to add to an unknown enumeration value's message (English, Chinese): the allowed Chinese names
    (the English half already lists the codes) and the closest value, when one is close."""
    enum = _enum_at(path)
    if enum is None:
        return None
    allowed, by_word = _enum_words(enum)
    en, zh = "", f"，应为：{allowed}（或相应英文代码）"
    if isinstance(given, str):
        match = closest(given.strip(), list(by_word))
        if match is not None:
            member = by_word[match]
            en, zh = f"; did you mean {member.value!r}?", zh + f"；是否应为“{label_zh(member)}”？"
    return en, zh


def _model_at(path: str) -> type[BaseModel] | None:
    if path in ("", "(case)"):
        return Case
    where = field_at(path)
    if where is None:
        return None
    shape = field_shape(*where)
    while shape.kind == "list" and shape.item is not None:
        shape = shape.item
    target = shape.target
    return target if target is not None and issubclass(target, BaseModel) else None


def field_hint(parent: str, key: str) -> tuple[str, str] | None:
    """What to add to an unknown field's message (English, Chinese): the closest field name of its record, by
    its name or by its Chinese description."""
    model = _model_at(parent)
    if model is None:
        return None
    fields = list(model.model_fields)
    match = closest(key, fields)
    if match is None:
        by_zh = {short_zh(d): f for f in fields if (d := doc_of(model, f)) is not None}
        word = closest(key, list(by_zh), cutoff=0.5)
        match = by_zh[word] if word is not None else None
    if match is None:
        return None
    doc = doc_of(model, match)
    zh_name = f"（{short_zh(doc)}）" if doc else ""
    return f"; did you mean {match!r}?", f"；是否应为 {match}{zh_name}？"
