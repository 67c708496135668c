"""The regulation data: every citation resolves, every article has provenance, the loader rejects bad data."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from cadre_rules import CitationRef, Confidence, RegulationDataError, default_library, default_registry
from cadre_rules.instruments import data_root, load_library


def test_shipped_data_loads() -> None:
    """The shipped instruments load and include the ones the rules cite."""
    library = default_library()
    for needed in (
        "selection-regulations-2019",
        "committee-decision-code",
        "seed-001-standing-committee-practice",
    ):
        assert needed in library.instruments


def test_every_rule_citation_resolves_to_text_with_confidence() -> None:
    """Each rule cites at least one provision whose quoted text is not empty."""
    registry = default_registry()
    for rule in registry.rules:
        for cite in rule.spec.citations:
            resolved = registry.library.resolve(cite.ref())
            assert resolved.text.strip()
            assert resolved.confidence in Confidence


def test_every_parameter_has_a_citation_and_a_value() -> None:
    """Every parameter cites a provision and has at least one dated value."""
    library = default_library()
    for name in library.params:
        assert library.resolve(library.param_citation(name)).text
        assert library.params[name][1].values


def test_low_number_confidence_is_flagged() -> None:
    """The derived article numbers of the meeting chapter are low confidence and say so."""
    resolved = default_library().resolve(CitationRef("selection-regulations-2019", "38", 1))
    assert resolved.number_confidence is Confidence.LOW
    assert "条号未经核实" in resolved.location_zh()


def test_param_values_are_dated() -> None:
    """A parameter has no value before its instrument is in force."""
    from datetime import date

    library = default_library()
    assert library.param_value("min_publicity_working_days", date(2019, 3, 2)) is None
    assert library.param_value("min_publicity_working_days", date(2019, 3, 3)) == 5


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the regulation data."""
    target = tmp_path / "regulations"
    shutil.copytree(data_root(), target)
    return target


def _edit(path: Path, change: object) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_rejects_duplicate_article(data_copy: Path) -> None:
    """Two articles with one number in an instrument are rejected."""
    text = data_copy / "selection-regulations-2019" / "text.yaml"
    _edit(text, lambda d: d["articles"].append(d["articles"][0]))
    with pytest.raises(RegulationDataError, match="duplicate article"):
        load_library(data_copy)


def test_rejects_dangling_parameter_citation(data_copy: Path) -> None:
    """A parameter citing an article that does not exist is rejected."""
    params = data_copy / "selection-regulations-2019" / "params.yaml"
    _edit(params, lambda d: d["params"][0]["cite"].update({"article": "999"}))
    with pytest.raises(RegulationDataError, match="unknown article"):
        load_library(data_copy)


def test_rejects_effective_before_promulgated(data_copy: Path) -> None:
    """An instrument in force before it was promulgated is impossible."""
    meta = data_copy / "civil-servant-law-2018" / "meta.yaml"
    _edit(meta, lambda d: d.update({"effective": "2018-12-01"}))
    with pytest.raises(RegulationDataError, match="before promulgated"):
        load_library(data_copy)


def test_superseded_instrument_states_its_last_day(data_copy: Path) -> None:
    """A superseded instrument must end before its successor takes effect."""
    meta = data_copy / "selection-regulations-2014" / "meta.yaml"
    _edit(meta, lambda d: d.update({"in_force_until": "2019-03-03"}))
    with pytest.raises(RegulationDataError, match="in_force_until must be set, before that date"):
        load_library(data_copy)


def test_in_force_until_is_inclusive() -> None:
    """The 2014 条例 governs 2019-03-02 and not 2019-03-03; the 2019 条例 the reverse."""
    library = load_library()
    assert library.in_force("selection-regulations-2014", date(2019, 3, 2))
    assert not library.in_force("selection-regulations-2014", date(2019, 3, 3))
    assert library.in_force("selection-regulations-2019", date(2019, 3, 3))
    assert not library.in_force("selection-regulations-2019", date(2019, 3, 2))
    assert not library.core_in_force(date(2014, 1, 13))
    assert library.core_in_force(date(2014, 1, 14))


def test_rejects_unknown_superseding_instrument(data_copy: Path) -> None:
    """superseded_by must name a known instrument."""
    meta = data_copy / "selection-regulations-2014" / "meta.yaml"
    _edit(meta, lambda d: d.update({"superseded_by": "no-such-instrument"}))
    with pytest.raises(RegulationDataError, match="unknown instrument"):
        load_library(data_copy)


def test_rejects_bad_confidence_label(data_copy: Path) -> None:
    """A confidence outside high/medium/low is rejected."""
    text = data_copy / "selection-regulations-2019" / "text.yaml"
    _edit(text, lambda d: d["articles"][0]["provenance"].update({"text_confidence": "certain"}))
    with pytest.raises(RegulationDataError):
        load_library(data_copy)


def test_training_window_matches_its_parameter() -> None:
    """The facts' fixed five-year training window equals the cited parameter."""
    from datetime import date

    from cadre_rules.facts._derive import TRAINING_WINDOW_YEARS

    assert default_library().param_value("training_window_years", date(2025, 1, 1)) == TRAINING_WINDOW_YEARS
