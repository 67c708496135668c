"""Domain bounds of the case model: every number and date is bounded, and a value outside is a named CaseError."""

from __future__ import annotations

import json
import subprocess
import sys
import typing
from datetime import date, datetime
from pathlib import Path

import pytest

from cadre_rules import CaseError, validate
from cadre_rules.records import MonthDate, case_from_mapping
from cadre_rules.records._bounds import (
    EARLIEST_DATE,
    LATEST_DATE,
    MAX_COUNT,
    MAX_FACT_INT,
    MAX_HOURS,
    DateInRange,
)
from cadre_rules.records._case import RecordDate
from cadre_rules.testing import compliant_base, deep_merge
from tests.records.bounds_walk import base_holding, date_fields, dotted, number_fields, put


def _refused(data: dict[str, typing.Any], path: str) -> CaseError:
    with pytest.raises(CaseError) as caught:
        case_from_mapping(data)
    assert path in [p.path for p in caught.value.problems], caught.value
    assert len(str(caught.value)) < 2000
    return caught.value


def test_every_number_field_has_both_bounds() -> None:
    """Every int and float field of the model has a lower and an upper bound, within what the engines compute."""
    fields = number_fields()
    assert len(fields) >= 40
    for field in fields:
        assert field.low is not None and field.high is not None, f"{field.model.__name__}.{field.name}"
        assert 0 <= field.low <= field.high <= max(MAX_COUNT, MAX_HOURS), f"{field.model.__name__}.{field.name}"
        assert field.high <= MAX_FACT_INT


def test_every_date_field_is_range_checked() -> None:
    """Every date field is a day date (IsoDate) or a record date (RecordDate), and both check the range."""
    fields = date_fields()
    assert len(fields) >= 70
    for model, name in fields:
        text = repr(model.model_fields[name].annotation) + repr(model.model_fields[name].metadata)
        assert repr(DateInRange) in text or "_record_date" in text, f"{model.__name__}.{name}"
    assert "_record_date" in repr(typing.get_args(RecordDate))


@pytest.mark.parametrize("field", number_fields(), ids=lambda f: f"{f.model.__name__}.{f.name}")
def test_number_outside_its_bounds_is_refused_naming_the_field(field: typing.Any) -> None:
    """Just below, just above and far above (2**63, 10**5000) the bounds: a CaseError naming the field path."""
    held = base_holding(field.model)
    assert held is not None, f"no shipped case holds a {field.model.__name__}: add it to SEEDS"
    data, path = held
    where = dotted((*path, field.name))
    below = _refused(put(data, (*path, field.name), field.low - 1), where)
    assert any(f"{field.low}" in p.message_zh for p in below.problems if p.path == where)
    above = _refused(put(data, (*path, field.name), field.high + 1), where)
    assert any("数值过大" in p.message_zh and "less than or equal" in p.message_en for p in above.problems)
    _refused(put(data, (*path, field.name), 2**63), where)
    if field.kind is int:
        huge = _refused(put(data, (*path, field.name), 10**5000), where)
        assert "5001 digits" in str(huge)


@pytest.mark.parametrize(
    ("value", "month"),
    [("1899-12-31", False), ("2101-01-01", False), ("1899.12", True), ("0001-01-01", False), ("9999-12-31", False)],
)
def test_dates_outside_the_domain_are_refused(value: str, month: bool) -> None:
    """Every located date field refuses a date before 1900-01-01 or after 2100-12-31, in Chinese and English."""
    checked = 0
    for model, name in date_fields():
        held = base_holding(model)
        if held is None:
            continue
        data, path = held
        is_record_date = "_record_date" in repr(model.model_fields[name].metadata) + repr(
            model.model_fields[name].annotation
        )
        if month and not is_record_date:
            continue
        given: typing.Any = [value] if name == "other_recorded_birth_dates" else value
        where = dotted((*path, name, 0) if name == "other_recorded_birth_dates" else (*path, name))
        error = _refused(put(data, (*path, name), given), where)
        problem = next(p for p in error.problems if p.path == where)
        assert "1900-01-01" in problem.message_zh and "2100-12-31" in problem.message_en
        checked += 1
    assert checked >= (10 if month else 55)


def test_the_bounds_themselves_are_accepted() -> None:
    """The first and the last day (and month) of the domain are valid record dates."""
    data = deep_merge(
        compliant_base(),
        {"candidate": {"other_recorded_birth_dates": ["1900-01-01", "1900.01", "2100.12", "2100-12-31"]}},
    )
    dates = case_from_mapping(data).candidate.other_recorded_birth_dates
    assert dates is not None
    assert dates[0] == EARLIEST_DATE and isinstance(dates[1], MonthDate) and dates[2].last_day == LATEST_DATE
    assert dates[3] == LATEST_DATE


def test_a_python_date_object_is_checked_too() -> None:
    """A date object (as YAML or Python code gives it) is held to the same range as text."""
    data = put(compliant_base(), ("procedure", "meeting", "date"), date(1, 1, 1))
    _refused(data, "procedure.meeting.date")
    data = put(compliant_base(), ("candidate", "birth_date"), MonthDate(9999, 12, 1))
    _refused(data, "candidate.birth_date")


def test_scores_are_finite() -> None:
    """A score of infinity or NaN is refused (it would compare unlike on the engines)."""
    held = base_holding(next(f.model for f in number_fields() if f.name == "assessment_score"))
    assert held is not None
    data, path = held
    for value in (float("inf"), float("nan")):
        _refused(put(data, (*path, "assessment_score"), value), dotted((*path, "assessment_score")))


def test_sums_the_facts_take_are_bounded() -> None:
    """Training hours over all records, and the posts an announcement lists, add up to at most their bound."""
    training = [{"start": "2021-03-01", "end": "2021-03-31", "hours": MAX_HOURS}] * 2
    error = _refused(deep_merge(compliant_base(), {"candidate": {"training": training}}), "candidate")
    assert "candidate.training[].hours" in str(error) and "合计" in str(error)
    posts_model = next(f.model for f in number_fields() if f.name == "count" and f.high == MAX_COUNT)
    data, path = base_holding(posts_model) or ({}, ())
    posts = [{"title": "某职位", "count": MAX_COUNT}, {"title": "某职位", "count": 1}]
    _refused(put(data, (*path[:-2], "posts"), posts), dotted(path[:-2]))


@pytest.mark.parametrize("day", [date(9999, 12, 31), date(1, 1, 1), date(1899, 12, 31), date(2101, 1, 1)])
def test_an_as_of_date_outside_the_domain_is_a_case_error(day: date) -> None:
    """validate(as_of=...) beyond the date bounds is a CaseError naming as_of (it overflowed relativedelta)."""
    with pytest.raises(CaseError) as caught:
        validate(compliant_base(), as_of=day, engine="native")
    assert [p.path for p in caught.value.problems] == ["as_of"]
    assert "1900-01-01" in caught.value.problems[0].message_zh


def test_an_as_of_that_is_not_a_day_is_a_case_error() -> None:
    """A datetime (or text) given as as_of is refused by name, not compared with dates."""
    for value in (datetime(2025, 6, 10, 12, 0), "2025-06-10"):
        with pytest.raises(CaseError, match="as_of"):
            validate(compliant_base(), as_of=value, engine="native")  # type: ignore[arg-type]


@pytest.mark.parametrize("day", [EARLIEST_DATE, LATEST_DATE])
def test_an_as_of_date_at_the_bounds_gives_one_report_on_both_engines(day: date) -> None:
    """The first and the last day of the domain are valid as-of dates, judged alike by both engines."""
    native = validate(compliant_base(), as_of=day, engine="native").to_dict()
    durable = validate(compliant_base(), as_of=day, engine="durable").to_dict()
    assert native | {"engine": ""} == durable | {"engine": ""}
    assert native["as_of"] == day.isoformat()


def test_the_cli_refuses_an_as_of_beyond_the_domain(tmp_path: Path) -> None:
    """``--as-of 9999-12-31`` exits 2 with a named message, no traceback."""
    file = tmp_path / "case.json"
    file.write_text(json.dumps(compliant_base()), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "cadre_rules.cli", "check", str(file), "--as-of", "9999-12-31", "--engine", "native"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "as_of" in done.stderr and "Traceback" not in done.stderr
