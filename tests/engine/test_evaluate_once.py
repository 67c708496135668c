"""Evaluate once never changes an answer: every report equals the one computed with the three-valued pass forced
for every rule (``_validate._FORCE_THREE_VALUED``), on every data-driven case, every example, both engines."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from cadre_rules import _validate, validate
from cadre_rules.engine import DURABLE_AVAILABLE
from cadre_rules.rules._expr import unknown_keys
from tests.conftest import EXAMPLES, ROOT, examples
from tests.test_cases import CASE_LIST, build
from tests.test_properties import variations

ENGINES = ["durable", "native"] if DURABLE_AVAILABLE else ["native"]
CHECKED = [(name, case) for name, case in CASE_LIST if "expect_error" not in case]


@pytest.fixture
def forced() -> Iterator[None]:
    """Within the test, the three-valued pass is asked of every rule (restored after)."""
    yield
    _validate._FORCE_THREE_VALUED = False


def _both(engine: str, **kwargs: Any) -> tuple[bytes, bytes]:
    """The report's JSON computed once, then with the three-valued pass forced for every rule."""
    assert _validate._FORCE_THREE_VALUED is False
    once = validate(engine=engine, **kwargs).to_json_bytes()  # type: ignore[arg-type]
    _validate._FORCE_THREE_VALUED = True
    try:
        every = validate(engine=engine, **kwargs).to_json_bytes()  # type: ignore[arg-type]
    finally:
        _validate._FORCE_THREE_VALUED = False
    return once, every


@pytest.mark.parametrize(("name", "case"), CHECKED, ids=[n for n, _ in CHECKED])
def test_case_reports_equal_the_three_valued_pass_for_every_rule(name: str, case: dict[str, Any]) -> None:
    """Each data-driven case gives byte-identical JSON whether or not the three-valued pass runs for every rule."""
    profile = case.get("profile", "default")
    if profile.endswith(".yaml"):
        profile = str(ROOT / profile)
    kwargs = {
        "case": build(case),
        "profile": profile,
        "as_of": date.fromisoformat(str(case["as_of"])) if "as_of" in case else None,
        "calendar": str(ROOT / case["calendar"]) if "calendar" in case else None,
        "stage": case.get("stage"),
    }
    for engine in ENGINES:
        once, every = _both(engine, **kwargs)
        assert once == every, f"{name} on {engine}"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_example_reports_equal_the_three_valued_pass_for_every_rule(path: Path) -> None:
    """Each example gives byte-identical JSON whether or not the three-valued pass runs for every rule."""
    for engine in ENGINES:
        once, every = _both(engine, case=path)
        assert once == every, f"{path.name} on {engine}"


@settings(max_examples=examples(40))
@given(variations())
def test_generated_reports_equal_the_three_valued_pass_for_every_rule(case: dict[str, Any]) -> None:
    """Generated variations (unrecorded flags, votes, levels) give identical JSON either way, on both engines."""
    for engine in ENGINES:
        once, every = _both(engine, case=case)
        assert once == every


def test_the_switch_reaches_the_three_valued_pass(forced: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the switch on, the three-valued pass runs for every rule the engine is asked about (the guard is live)."""
    calls: list[object] = []

    def counted(core: Any, fact: Any) -> set[str] | None:
        calls.append(core)
        return unknown_keys(core, fact)

    monkeypatch.setattr(_validate, "unknown_keys", counted)
    validate(EXAMPLES / "compliant-county-promotion.yaml", engine="native")
    once = len(calls)
    calls.clear()
    _validate._FORCE_THREE_VALUED = True
    validate(EXAMPLES / "compliant-county-promotion.yaml", engine="native")
    assert len(calls) > once
