"""Reading a record by dotted path, keeping the path of what is missing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cadre_rules.facts._derive import Facts
    from cadre_rules.records._case import Case


def at_path(root: Any, path: str) -> tuple[Any, str]:
    """Walk a dotted attribute path; return (value, the path of the first missing part, or '')."""
    parts = _PARTS.get(path)
    if parts is None:
        parts = tuple(path.split("."))
        if len(_PARTS) < 4096:
            _PARTS[path] = parts
    current = root
    for i, part in enumerate(parts):
        current = getattr(current, part)
        if current is None:
            return None, ".".join(parts[: i + 1])
    return current, ""


_PARTS: dict[str, tuple[str, ...]] = {}  # a path's parts (the facts read a fixed few hundred paths; bounded)


def put_path(case: Case, facts: Facts, name: str, path: str) -> None:
    """Put the value at ``path`` (an enumeration as its value) as fact ``name``; absent, unknown with the path."""
    value, miss = at_path(case, path)
    facts.put(name, value.value if hasattr(value, "value") else value, miss)


def put_held(case: Case, facts: Facts, name: str, path: str) -> None:
    """A record is held when it exists; absent, it is unknown unless the case declares its record complete."""
    value, miss = at_path(case, path)
    if value is not None:
        facts.put(name, True)
    elif case.procedure.record_complete:
        facts.put(name, False)
    else:
        facts.put(name, None, miss)
