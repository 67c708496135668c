"""The C YAML loaders (libyaml) give exactly what the pure-Python loaders give, in both dialects."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cadre_rules import _yaml
from cadre_rules._yaml import CaseLoader, PureCaseLoader, PureSafeLoader, SafeLoader, load_case_yaml
from tests.conftest import ROOT, examples

pytestmark = pytest.mark.skipif(not _yaml.WITH_LIBYAML, reason="PyYAML without libyaml: the pure loaders are used")

YAML_FILES = sorted(
    p
    for folder in ("examples", "tests", "regulations", "cadre_rules")
    for p in (ROOT / folder).rglob("*.yaml")
    if ".hypothesis" not in p.parts
)


def typed(value: Any, seen: dict[int, int] | None = None) -> Any:
    """The value with every scalar's type beside it (``True == 1`` and ``1 == 1.0`` must not pass as equal).

    A container met again (a YAML alias) is written as a reference to its first appearance, so the sharing is
    compared too and an alias bomb (tests/profiles/hostile/alias-bomb.yaml) is never expanded.
    """
    seen = {} if seen is None else seen
    if isinstance(value, dict | list):
        if id(value) in seen:
            return ("ref", seen[id(value)])
        seen[id(value)] = len(seen)
    if isinstance(value, dict):
        return ("dict", [(typed(k, seen), typed(v, seen)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v, seen) for v in value])
    return (type(value).__name__, repr(value))


def outcome(text: str, loader: type[yaml.SafeLoader]) -> Any:
    """What ``loader`` makes of ``text``: the typed value, or which error it raised (malformed YAML, or an
    impossible date in the shipped-data dialect, which reads dates)."""
    try:
        return typed(yaml.load(text, Loader=loader))
    except yaml.YAMLError:
        return "malformed"
    except (ValueError, OverflowError) as exc:
        return type(exc).__name__


def test_the_fast_loaders_are_libyaml() -> None:
    """With libyaml present, shipped data and cases are parsed by the C loaders."""
    assert issubclass(SafeLoader, yaml.CSafeLoader)
    assert issubclass(CaseLoader, yaml.CSafeLoader)
    assert CaseLoader.yaml_implicit_resolvers is PureCaseLoader.yaml_implicit_resolvers


def test_every_shipped_and_test_file_loads_alike() -> None:
    """Every YAML file of the repository (regulations, specs, profiles, bases, examples, test cases) loads the
    same with the C and the pure loader, in both dialects."""
    assert len(YAML_FILES) > 200
    for path in YAML_FILES:
        text = path.read_text(encoding="utf-8")
        assert outcome(text, SafeLoader) == outcome(text, PureSafeLoader), path
        assert outcome(text, CaseLoader) == outcome(text, PureCaseLoader), path


def test_case_dialect_keeps_dates_and_months_as_text() -> None:
    """A case's dates are text (its field path names a bad one); 2010.07 is a month, not the float 2010.07."""
    data = load_case_yaml("a: 2010-07-01\nb: 2010.07\nc: 2010.10\nd: 2023-02-29\ne: 2010.07.15\nf: 1.5\ng: yes\n")
    assert data == {"a": "2010-07-01", "b": "2010.07", "c": "2010.10", "d": "2023-02-29", "e": "2010.07.15"} | {
        "f": 1.5,
        "g": True,
    }
    assert _yaml.load_yaml("a: 2010-07-01\nb: 2010.10\n") == {"a": date(2010, 7, 1), "b": 2010.1}


def test_malformed_yaml_names_the_place() -> None:
    """Both loaders reject a malformed document and mark the line."""
    text = "a: [1, 2\nb: 3\n"
    for loader in (CaseLoader, PureCaseLoader):
        with pytest.raises(yaml.YAMLError) as info:
            yaml.load(text, Loader=loader)
        mark = getattr(info.value, "problem_mark", None)
        assert mark is not None and mark.line >= 1


_digits = st.integers(min_value=0, max_value=9999)
_scalars = st.one_of(
    st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", _digits, st.integers(0, 13), st.integers(0, 32)),
    st.builds(lambda y, m, d: f"{y}-{m}-{d}", _digits, st.integers(0, 13), st.integers(0, 32)),
    st.builds(lambda y, m: f"{y:04d}.{m:02d}", _digits, st.integers(0, 13)),
    st.builds(lambda y, m, d: f"{y:04d}.{m:02d}.{d:02d}", _digits, st.integers(0, 13), st.integers(0, 32)),
    st.builds(lambda y, m: f"{y:04d}-{m:02d}", _digits, st.integers(0, 13)),
    st.sampled_from(["2024-02-29", "2023-02-29", "2000-02-29", "1900-02-29", "2024-02-30", "2010-07-01T08:00:00Z"]),
    st.sampled_from(["2010-07-01 08:00:00", "2010-07-01t08:00:00.5+08:00", "2010.7", "2010.007", "10.07"]),
    st.integers().map(str),
    st.sampled_from(["0o17", "017", "0x1F", "0b101", "1_000", "+12", "-0", "1:20", "190:20:30", "0.", ".5"]),
    st.sampled_from(["1e3", "1.0e+3", "6.8523015e+5", ".inf", "-.Inf", ".NaN", "1_0.5"]),
    st.floats(allow_nan=False).map(repr),
    st.sampled_from(["yes", "no", "on", "off", "true", "False", "TRUE", "y", "n", "Yes", "NO", "oN"]),
    st.sampled_from(["~", "null", "Null", "NULL", "", "<<", "=", "-", "否", "是"]),
    st.text(alphabet="0123456789.-:+_ eEtTzZ年月日中共干部", max_size=12),
)
_styles = st.sampled_from(["plain", "double", "single", "flow", "block_list", "key"])


def _document(scalars: list[str], styles: list[str]) -> str:
    lines = []
    for i, (s, style) in enumerate(zip(scalars, styles, strict=False)):
        if style == "plain":
            lines.append(f"k{i}: {s}")
        elif style == "double":
            lines.append(f"k{i}: {json.dumps(s, ensure_ascii=False)}")
        elif style == "single":
            lines.append(f"k{i}: '{s.replace(chr(39), chr(39) * 2)}'")
        elif style == "flow":
            lines.append(f"k{i}: [{s}, {{x: {s}}}]")
        elif style == "block_list":
            lines.append(f"k{i}:\n  - {s}\n  - n: {s}")
        else:
            lines.append(f"{s}: k{i}")
    return "\n".join(lines) + "\n"


@settings(max_examples=examples(300))
@given(st.lists(_scalars, min_size=1, max_size=8), st.lists(_styles, min_size=8, max_size=8))
def test_generated_scalars_load_alike(scalars: list[str], styles: list[str]) -> None:
    """Dates, months, 29 February, ints, floats, bools and nulls in every style resolve the same under the C and the
    pure loader, in both dialects (or both reject the document)."""
    text = _document(scalars, styles)
    assert outcome(text, CaseLoader) == outcome(text, PureCaseLoader), text
    assert outcome(text, SafeLoader) == outcome(text, PureSafeLoader), text


def test_case_files_parse_alike_through_load_case() -> None:
    """load_case reads every example with the C loader into the same case as the pure loader gives."""
    from cadre_rules import case_from_mapping, load_case

    for path in sorted((ROOT / "examples").glob("*.yaml")):
        pure = yaml.load(path.read_text(encoding="utf-8"), Loader=PureCaseLoader)
        assert load_case(path) == case_from_mapping(pure)
