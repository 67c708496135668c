"""Every rule's Chinese title and message template is free of English codes (issue 12: a test scans every
template); the placeholders it holds are filled with Chinese words or labelled values when a report is made."""

from __future__ import annotations

import re

import pytest

from cadre_rules import CompiledRule, default_registry
from tests.test_report_text import english_codes

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@pytest.mark.parametrize("rule", default_registry().rules, ids=lambda r: r.id)
def test_chinese_title_and_message_template_hold_no_english_code(rule: CompiledRule) -> None:
    """The Chinese title and message, placeholders aside, contain no ASCII identifier or enum code."""
    for text in (rule.spec.title.zh, rule.spec.message.zh):
        assert english_codes(_PLACEHOLDER.sub("", text)) == [], text


def test_the_scan_would_find_a_code_in_a_template() -> None:
    """The scan is not vacuous: a code left in a template is found, a placeholder is not."""
    assert english_codes(_PLACEHOLDER.sub("", "人选 {age} 岁，超过 max_age_limit")) != []
    assert english_codes(_PLACEHOLDER.sub("", "人选 {age} 岁，超过任职年龄界限")) == []
