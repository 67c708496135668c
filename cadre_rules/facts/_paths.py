"""Reading a record by dotted path, keeping the path of what is missing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cadre_rules.facts._derive import Facts
    from cadre_rules.records._case import Case


def at_path(root: Any, path: str) -> tuple[Any, str]:
    """Walk a dotted attribute path; return (value, the path of the first missing part, or '')."""
    current = root
    walked: list[str] = []
    for part in path.split("."):
        walked.append(part)
        current = getattr(current, part)
        if current is None:
            return None, ".".join(walked)
    return current, ""


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
