"""One parameter set by several instruments: each dated value comes with the article of its own text."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from cadre_rules import CitationRef, RegulationDataError, default_library
from cadre_rules.instruments import data_root, load_library

Y2014 = "selection-regulations-2014"
Y2019 = "selection-regulations-2019"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped regulations/ folder."""
    target = tmp_path / "regulations"
    shutil.copytree(data_root(), target)
    return target


def _edit_param(root: Path, instrument: str, name: str, change: Callable[[dict[str, Any]], None]) -> None:
    path = root / instrument / "params.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(next(p for p in data["params"] if p["id"] == name))
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_the_2014_value_and_article_govern_before_2019_03_03() -> None:
    """min_work_years_county: 5 cited to 2014 第八条 on 2019-03-02, 5 cited to 2019 第八条 on 2019-03-03."""
    library = default_library()
    assert library.param_value("min_work_years_county", date(2014, 1, 13)) is None
    assert library.param_value("min_work_years_county", date(2017, 6, 12)) == 5
    assert library.param_citation("min_work_years_county", date(2019, 3, 2)) == CitationRef(Y2014, "8", 1, 1)
    assert library.param_citation("min_work_years_county", date(2019, 3, 3)) == CitationRef(Y2019, "8", 1, 1)
    assert library.param_citation("min_work_years_county") == CitationRef(Y2019, "8", 1, 1)


def test_values_list_every_source_oldest_first() -> None:
    """param_values gives each dated value with its own citation; the merged spec holds them all."""
    library = default_library()
    values = library.param_values("quorum_ratio")
    assert [(d, c.instrument, c.article) for d, _, c in values] == [
        (date(2002, 7, 9), "committee-decision-code", "3"),
        (date(2014, 1, 14), Y2014, "37"),
        (date(2019, 3, 3), Y2019, "38"),
    ]
    inst, spec = library.params["quorum_ratio"]
    assert inst.meta.id == Y2019
    assert sorted(spec.values) == [date(2002, 7, 9), date(2014, 1, 14), date(2019, 3, 3)]


def test_a_single_source_parameter_is_unchanged() -> None:
    """A parameter of one instrument keeps its one citation."""
    library = default_library()
    assert len(library.param_sources["trial_period_years"]) == 1
    assert library.param_citation("trial_period_years", date(2017, 1, 1)) == CitationRef(Y2014, "42", 2)


def test_rejects_a_value_dated_after_its_instrument_ceased(data_copy: Path) -> None:
    """A 2014 value dated 2019-03-03 or later is not the 2014 text's value."""
    _edit_param(data_copy, Y2014, "min_work_years_county", lambda p: p.update({"values": {"2020-01-01": 5}}))
    with pytest.raises(RegulationDataError, match="after selection-regulations-2014 ceased"):
        load_library(data_copy)


def test_rejects_two_sources_with_a_value_on_the_same_date(data_copy: Path) -> None:
    """Two instruments cannot both set a parameter on one day."""
    _edit_param(data_copy, Y2019, "min_work_years_county", lambda p: p.update({"values": {"2019-03-03": 5}}))
    _edit_param(data_copy, Y2014, "min_work_years_county", lambda p: p.update({"values": {"2019-03-03": 5}}))
    with pytest.raises(RegulationDataError, match="min_work_years_county"):
        load_library(data_copy)


def test_rejects_sources_in_different_units(data_copy: Path) -> None:
    """The sources of one parameter measure the same thing."""
    _edit_param(data_copy, Y2014, "min_work_years_county", lambda p: p.update({"unit": "months"}))
    with pytest.raises(RegulationDataError, match="differ in unit"):
        load_library(data_copy)


def test_rejects_a_parameter_twice_in_one_instrument(data_copy: Path) -> None:
    """Within one instrument a parameter id is unique."""
    path = data_copy / Y2014 / "params.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["params"].append(dict(data["params"][0]))
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RegulationDataError, match="duplicate parameter id"):
        load_library(data_copy)
