"""The generated catalogue (docs/catalogue.md) and the coverage data behind it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cadre_rules import RegulationDataError, default_registry
from cadre_rules.catalogue import REGENERATE, coverage, generate
from cadre_rules.cli import main
from cadre_rules.instruments import data_root
from cadre_rules.instruments._coverage import NOT_ENCODABLE, NotEncoded, covers, load_coverage, units
from tests.conftest import CASES, ROOT

CATALOGUE = ROOT / "docs" / "catalogue.md"


def test_committed_catalogue_is_up_to_date() -> None:
    """docs/catalogue.md equals a fresh generation."""
    fresh = generate(cases_dir=CASES)
    committed = CATALOGUE.read_text(encoding="utf-8") if CATALOGUE.exists() else ""
    assert committed == fresh, f"docs/catalogue.md is stale: regenerate it with `{REGENERATE}`"


def test_catalogue_is_deterministic_and_quotes_the_law() -> None:
    """Two generations are identical; the text quotes Chinese articles and names every rule."""
    text = generate(cases_dir=CASES)
    assert text == generate(cases_dir=CASES)
    assert "第三十八条" in text or "第38条" in text or "三分之二以上" in text
    for rule in default_registry().rules:
        assert f"`{rule.id}`" in text


def test_low_confidence_article_numbers_are_flagged() -> None:
    """An article whose number is of low confidence is never shown as certain."""
    library = default_registry().library
    low = [
        a
        for inst in library.instruments.values()
        for a in inst.articles
        if a.provenance.number_confidence is None or a.provenance.number_confidence.value == "low"
    ]
    assert low, "the data has low-confidence article numbers"
    text = generate()
    for art in low:
        assert f"#### {art.label}（条号未经核实）" in text


def test_cli_writes_the_catalogue(tmp_path: Path) -> None:
    """cadre-rules catalogue --output writes the same text as the module function."""
    out = tmp_path / "catalogue.md"
    assert main(["catalogue", "--cases", str(CASES), "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == generate(cases_dir=CASES)


def _copy_regulations(tmp_path: Path) -> Path:
    root = tmp_path / "regulations"
    shutil.copytree(data_root(), root)
    return root


def test_coverage_entry_with_a_dangling_cite_is_rejected(tmp_path: Path) -> None:
    """A not_encoded entry citing an article that does not exist fails at load, naming file and entry."""
    root = _copy_regulations(tmp_path)
    (root / "selection-regulations-2019" / "coverage.yaml").write_text(
        'not_encoded:\n  - cite: {article: "999"}\n    kind: not_yet\n    reason: {zh: 无, en: none}\n',
        encoding="utf-8",
    )
    with pytest.raises(RegulationDataError, match=r"selection-regulations-2019/coverage.yaml not_encoded\[0\]"):
        load_coverage(default_registry().library, root)


def test_coverage_entry_with_an_unknown_kind_is_rejected(tmp_path: Path) -> None:
    """A kind outside the four agreed ones is invalid data."""
    root = _copy_regulations(tmp_path)
    (root / "selection-regulations-2019" / "coverage.yaml").write_text(
        'not_encoded:\n  - cite: {article: "7"}\n    kind: maybe\n    reason: {zh: 无, en: none}\n', encoding="utf-8"
    )
    with pytest.raises(RegulationDataError, match=r"coverage\.yaml"):
        load_coverage(default_registry().library, root)


def _entry(article: str, kind: str) -> NotEncoded:
    return NotEncoded.model_validate(
        {"cite": {"article": article}, "kind": kind, "reason": {"zh": "理由", "en": "why"}}
    )


def test_not_checkable_articles_leave_the_denominator_and_not_yet_ones_stay() -> None:
    """not_checkable removes an article's units from the encodable count; not_yet keeps them; encoded wins."""
    registry = default_registry()
    inst = "selection-regulations-2019"
    seven = [u for u in units(registry.library.instruments[inst]) if u.article == "7"]
    assert seven
    base = coverage(registry, {})[inst]
    fewer = coverage(registry, {inst: [_entry("7", "not_checkable")]})[inst]
    same = coverage(registry, {inst: [_entry("7", "not_yet")]})[inst]
    assert fewer.encodable == base.encodable - len(seven)
    assert same.encodable == base.encodable
    encoded = coverage(registry, {inst: [_entry("8", "not_checkable")]})[inst]
    assert encoded.encoded == base.encoded


def test_citation_of_a_paragraph_covers_its_items() -> None:
    """A citation of a paragraph covers each of its items; an item citation covers only that item."""
    from cadre_rules.instruments._coverage import Unit

    assert covers("8", 1, None, Unit("8", 1, 4))
    assert covers("8", None, None, Unit("8", 1, 4))
    assert not covers("8", 1, 3, Unit("8", 1, 4))
    assert covers("38", 2, None, Unit("38"))
    assert not covers("9", 1, None, Unit("8", 1, 1))


def test_shipped_coverage_lists_no_encoded_unit_as_unencodable() -> None:
    """No unit a rule encodes is also listed as not_checkable or not_a_requirement (contradictory data)."""
    registry = default_registry()
    entries = load_coverage(registry.library)
    for inst_id, listed in entries.items():
        cites = [c for r in registry.rules for c in r.spec.citations if c.instrument == inst_id]
        for unit in units(registry.library.instruments[inst_id]):
            encoded_by = [c for c in cites if covers(c.article, c.paragraph, c.item, unit)]
            for entry in listed:
                if entry.kind in NOT_ENCODABLE and covers(
                    entry.cite.article, entry.cite.paragraph, entry.cite.item, unit
                ):
                    assert not encoded_by, f"{inst_id} {unit} is encoded but listed as {entry.kind}"
