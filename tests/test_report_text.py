"""The Chinese text report: its order (违反 → 无法判断 → 地方实践提示 → 符合 folded) and no English code in it."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Any

import pytest

from cadre_rules import CaseError, Report, validate
from cadre_rules._validate import fact_words
from cadre_rules._wording import field_zh, leaf_paths
from cadre_rules.records._docs import enums_of
from tests.conftest import EXAMPLES, ROOT
from tests.test_cases import CASE_LIST, build

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
_IDENTIFIER = re.compile(r"(?<![\w.])[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*")
_WORD = re.compile(r"(?<![\w.\-])[a-z][a-z_]*(?![\w.\-])")
_BRACKETED = re.compile(r"〔[^〔〕]*〕")
_SOURCE_FILE = re.compile(r"（\w+\.txt）")  # a local-practice source is named by its file in the seed collection


@cache
def _enum_codes() -> frozenset[str]:
    """Every code of every enumeration of the case records (``standing_committee``, ``male``, ``other`` …)."""
    codes: set[str] = set()
    for enum in enums_of().values():
        codes.update(m.value for m in enum if isinstance(m, StrEnum))
    return frozenset(codes)


def english_codes(text: str) -> list[str]:
    """ASCII identifiers with ``_`` and enumeration codes in the Chinese lines of ``text``; identifiers shown as
    such in 〔〕 (rule ids, field paths, profile and engine names) and the file names of seed sources are allowed."""
    found = []
    codes = _enum_codes()
    for line in text.splitlines():
        if not re.search(r"[\u4e00-\u9fff]", line):
            continue
        bare = _SOURCE_FILE.sub("", _BRACKETED.sub("", line))
        found += [m.group() for m in _IDENTIFIER.finditer(bare) if "_" in m.group()]
        found += [m.group() for m in _WORD.finditer(bare) if m.group() in codes]
    return list(dict.fromkeys(found))


@cache
def _example_report(name: str) -> Report:
    return validate(EXAMPLES / name, engine="native")


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
@pytest.mark.parametrize("show_all", [False, True])
def test_no_english_code_in_the_text_report_of_an_example(path: Any, show_all: bool) -> None:
    """Every example's Chinese report, folded and with --all, is free of English codes."""
    text = _example_report(path.name).to_text(show_not_applicable=show_all, words=fact_words())
    assert english_codes(text) == []


_CHECKED = [(n, c) for n, c in CASE_LIST if "expect_error" not in c]


@pytest.mark.parametrize(("name", "case"), _CHECKED, ids=[n for n, _ in _CHECKED])
def test_no_english_code_in_the_text_report_of_a_test_case(name: str, case: dict[str, Any]) -> None:
    """Every data-driven case's Chinese report (with --all, so every finding is shown) is free of English codes."""
    profile = case.get("profile", "default")
    if profile.endswith(".yaml"):
        profile = str(ROOT / profile)
    as_of = date.fromisoformat(str(case["as_of"])) if "as_of" in case else None
    calendar = str(ROOT / case["calendar"]) if "calendar" in case else None
    try:
        report = validate(
            build(case), profile=profile, engine="native", as_of=as_of, calendar=calendar, stage=case.get("stage")
        )
    except CaseError:  # pragma: no cover - test_cases.py holds these cases to their outcome
        pytest.fail(f"{name} does not validate")
    assert english_codes(report.to_text(show_not_applicable=True, words=fact_words())) == [], name


def test_the_scan_finds_codes() -> None:
    """The scan itself: a code or an identifier in a Chinese line is found; in 〔〕 or an ASCII line it is not."""
    assert english_codes("会议形式＝standing_committee") == ["standing_committee"]
    assert english_codes("性别＝male") == ["male"]
    assert english_codes("缺少 candidate.work_start_date") == ["candidate.work_start_date"]
    assert english_codes("依据 eligibility.county_work_years") == ["eligibility.county_work_years"]
    assert english_codes("规则〔eligibility.county_work_years〕") == []
    assert english_codes("engine native standing_committee") == []


def test_sections_come_in_order_and_satisfied_findings_are_folded() -> None:
    """violations-finance-principal: 违反 before 无法判断 before 符合; 符合 is one count line without --all."""
    report = _example_report("violations-finance-principal.yaml")
    text = report.to_text(words=fact_words())
    satisfied = sum(1 for f in report.findings if f.status == "satisfied" and f.severity != "advice")
    assert "—— 违反（" in text and f"—— 符合 {satisfied} 项（已折叠" in text
    assert text.index("—— 违反（") < text.index("—— 符合 ")
    assert "【符合】" not in text and "【不适用】" not in text
    violated = [f for f in report.violations]
    assert violated and all(f"【违反·严重】{f.title['zh']}" in text for f in violated if f.severity == "error")
    full = report.to_text(show_not_applicable=True, words=fact_words())
    assert "【符合】" in full and "—— 不适用（" in full


def test_indeterminate_findings_name_the_fields_in_chinese_and_list_them_once() -> None:
    """indeterminate-missing-records: each finding's fields in Chinese; one combined list with every path."""
    report = _example_report("indeterminate-missing-records.yaml")
    text = report.to_text(words=fact_words())
    assert text.index("—— 无法判断（") < text.index("需补充的材料（")
    assert "需补充：拟任人选·参加工作时间" in text
    assert "缺少数据，无法判断：candidate" not in text
    combined = text[text.index("需补充的材料（") :]
    for f in report.findings:
        if f.status != "indeterminate" or f.severity == "advice":
            continue
        for path in leaf_paths(f):  # a whole record not recorded is listed by the fields of it the rule reads
            assert f"〔{path}〕" in combined or path.startswith("p.") or field_zh(path, {}) in combined, path
