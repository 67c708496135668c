"""Shared fixtures: the repository root, example cases, and a loader for data-driven case files."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CASES = ROOT / "tests" / "cases"


def deep_merge(base: Any, patch: Any) -> Any:
    """Merge ``patch`` into ``base``: mappings merge key by key, anything else is replaced."""
    if isinstance(base, dict) and isinstance(patch, dict):
        out = dict(base)
        for key, value in patch.items():
            out[key] = deep_merge(base[key], value) if key in base else copy.deepcopy(value)
        return out
    return copy.deepcopy(patch)


def load_yaml(path: Path) -> Any:
    """Read a YAML file."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def example(name: str) -> dict[str, Any]:
    """An example case as a mapping (a fresh copy)."""
    data: dict[str, Any] = load_yaml(EXAMPLES / name)
    return data


@pytest.fixture
def compliant() -> dict[str, Any]:
    """The compliant example case."""
    return example("compliant-county-promotion.yaml")
