"""Reading a record by dotted path, keeping the path of what is missing."""

from __future__ import annotations

from typing import Any


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
