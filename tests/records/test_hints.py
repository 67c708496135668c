"""The input-error hints: "did you mean" is difflib's closest match, long texts are not compared letter by letter."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cadre_rules import CaseError
from cadre_rules._errors import MAX_PROBLEMS
from cadre_rules.records import case_from_mapping
from cadre_rules.records._enums import AppointmentKind
from cadre_rules.records._hints import closest, did_you_mean, enum_hint
from tests.conftest import example

WORDS = st.text(alphabet="abcdeoiu_提任拔", max_size=40)


@settings(max_examples=300, deadline=None)
@given(word=WORDS, choices=st.lists(st.text(alphabet="abcdeoiu_提任拔", min_size=1, max_size=12), max_size=8))
def test_closest_is_difflibs_closest_match(word: str, choices: list[str]) -> None:
    """The length bound only skips comparisons that cannot reach the cutoff: the answer is difflib's."""
    expected = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    assert closest(word, choices) == (expected[0] if expected else None)


def test_a_long_text_is_near_no_code() -> None:
    """A word more than (2/0.6 - 1) times the longest choice cannot be close; a word just short of it can."""
    assert closest("promotion" * 3, ["promotion"]) is None
    assert closest("promotion" + "x" * 11, ["promotion"]) == "promotion"  # 20 letters, ratio 18/29 ≥ 0.6
    assert did_you_mean("x" * 100_000, ["promotion"]) == ("", "")


def test_an_unknown_enumeration_value_is_hinted_with_its_closest_code() -> None:
    """``kind: promotoin`` names the allowed Chinese names and suggests ``promotion``."""
    hint = enum_hint("kind", "promotoin")
    assert hint is not None
    en, zh = hint
    assert "did you mean 'promotion'" in en
    assert AppointmentKind.PROMOTION.value in en and "应为：" in zh
    assert enum_hint("kind", "x" * 100_000) == ("", zh.split("；")[0])


def test_only_the_listed_problems_are_hinted(monkeypatch: pytest.MonkeyPatch) -> None:
    """An error lists the first MAX_PROBLEMS problems: a thousand rows with an unknown value are hinted twenty
    times, not a thousand, and the listed ones carry their hint."""
    import cadre_rules.records._hints as hints

    calls: list[str] = []
    real = hints.enum_hint
    monkeypatch.setattr(hints, "enum_hint", lambda path, given: calls.append(path) or real(path, given))
    data = example("compliant-county-promotion.yaml")
    data["candidate"]["education"] = [{**data["candidate"]["education"][0], "level": "undergraduat"}] * 1000
    with pytest.raises(CaseError) as info:
        case_from_mapping(data)
    assert len(calls) == MAX_PROBLEMS
    assert len(info.value.problems) == MAX_PROBLEMS and info.value.more == 1000 - MAX_PROBLEMS
    assert all("did you mean 'undergraduate'" in p.message_en for p in info.value.problems)
