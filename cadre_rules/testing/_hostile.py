"""Hostile YAML built around a real case record: alias bombs and nested aliases, for the loader's tests and for
benchmarks/hostile.py (one builder for both, so the two measure the same input)."""

from __future__ import annotations

from typing import Any

import yaml


def alias_bomb_head(levels: int = 8, fan: int = 115) -> list[str]:
    """YAML lines of an unknown top-level key ``bombs`` defining anchors ``l0 … l{levels-1}``, each a list of
    ``fan`` references to the one before (``*l{levels-1}`` would expand to ``fan ** levels`` items)."""
    lines = ["bombs:", f"  l0: &l0 [{', '.join(['lol'] * fan)}]"]
    lines += [f"  l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * fan)}]" for i in range(1, levels)]
    return lines


def nested_aliases_head(count: int = 3000) -> list[str]:
    """YAML lines of an unknown key ``anchors`` whose ``*cs`` is ``count`` candidates each with ``count``
    recommendation rounds: right-typed records, ``count ** 2`` of them once expanded."""
    return [
        "anchors:",
        "  r: &r {round: 1, votes: 3}",
        f"  rs: &rs [{', '.join(['*r'] * count)}]",
        "  c: &c {name: 张三, recommendation_rounds: *rs}",
        f"  cs: &cs [{', '.join(['*c'] * count)}]",
    ]


def yaml_with(record: dict[str, Any], placements: dict[str, str], head: list[str]) -> str:
    """``record`` as YAML after the ``head`` lines, each placeholder value in ``placements`` replaced by raw YAML
    (an alias such as ``*l7``).  Raises ``ValueError`` naming a placeholder the record does not hold."""
    text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
    for placeholder, raw in placements.items():
        if placeholder not in text:
            raise ValueError(f"placeholder {placeholder!r} is not in the record")
        text = text.replace(f"'{placeholder}'", raw).replace(placeholder, raw)
    return "\n".join([*head, text])
