"""Shared fixtures: the repository root, example cases, and a loader for data-driven case files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from cadre_rules._yaml import read_yaml
from cadre_rules.testing import RuleCoverage

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CASES = ROOT / "tests" / "cases"


def run_json(script: str, *args: str, env: dict[str, str]) -> dict[str, object]:
    """Run a Python ``script`` with ``args`` in a new process (this environment plus ``env``); its JSON output."""
    result = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=True, env={**os.environ, **env}
    )
    out: dict[str, object] = json.loads(result.stdout)
    return out


def load_yaml(path: Path) -> Any:
    """Read a YAML file (as ``yaml.safe_load`` reads it, with libyaml's parser: tests/test_yaml.py)."""
    return read_yaml(path)


def example(name: str) -> dict[str, Any]:
    """An example case as a mapping (a fresh copy)."""
    data: dict[str, Any] = load_yaml(EXAMPLES / name)
    return data


@pytest.fixture
def compliant() -> dict[str, Any]:
    """The compliant example case."""
    return example("compliant-county-promotion.yaml")


# Hypothesis settings: the default run finishes in minutes; CADRE_RULES_HYPOTHESIS=heavy multiplies every
# property's example count by HEAVY_FACTOR (see README, "Property tests").
HEAVY = os.environ.get("CADRE_RULES_HYPOTHESIS", "") == "heavy"
HEAVY_FACTOR = 20
settings.register_profile(
    "cadre-rules", deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.load_profile("cadre-rules")


def examples(default: int) -> int:
    """A property's example count: ``default`` normally, ``HEAVY_FACTOR`` times more under the heavy setting."""
    return default * HEAVY_FACTOR if HEAVY else default


# Rule coverage of the data-driven cases (tests/test_cases.py records every report it checks): printed at
# the end of the run; tests/test_cases.py fails when a rule has no firing case.
RULE_COVERAGE = RuleCoverage()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print which rules the data-driven cases fired and which they did not."""
    if not RULE_COVERAGE.counts:
        return
    not_fired = RULE_COVERAGE.not_fired()
    fired = RULE_COVERAGE.fired()
    terminalreporter.write_line(
        f"rule coverage: {len(fired)} rules fired by tests/cases; not fired: {', '.join(not_fired) or 'none'}"
    )
