"""The fast pass over a tree-shaped input (records/_load.py ``_scan_tree``) finds exactly what the full scan finds."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadre_rules.records import _load
from cadre_rules.records._load import MAX_ITEMS, input_problems

texts = st.text(alphabet=st.sampled_from(["a", "中", "\ud800", "1", " "]), max_size=4)
scalars = st.one_of(texts, st.integers(), st.none(), st.booleans())
trees = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.one_of(texts, st.integers(0, 3)), inner, max_size=4)
    ),
    max_leaves=30,
)


def _full_scan(data: Any, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    with monkeypatch.context() as m:
        m.setattr(_load, "_scan_tree", lambda _: None)
        return input_problems(data)


@given(st.one_of(st.lists(trees, max_size=4), st.dictionaries(texts, trees, max_size=4)))
def test_tree_pass_agrees_with_full_scan(data: Any) -> None:
    """Lone surrogates in texts and keys, keys that are not texts: the same problems, named the same way."""
    with pytest.MonkeyPatch.context() as m:
        expected = _full_scan(data, m)
    assert input_problems(data) == expected


@pytest.mark.parametrize(
    "data",
    [
        {"a": ["x"] * (MAX_ITEMS + 1)},
        {"a": [[1] * 10_000] * 21},  # shared: an alias, too large once expanded
        {"a": [list(range(9_000)) for _ in range(23)]},  # a tree over the value limit
    ],
)
def test_tree_pass_leaves_large_or_shared_input_to_the_full_scan(data: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Too long, shared or too large: the fast pass steps aside and the full scan names the problem."""
    assert _load._scan_tree(data) is None
    assert input_problems(data) == _full_scan(data, monkeypatch) != []
