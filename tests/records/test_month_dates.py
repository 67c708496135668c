"""Record dates to the month (干部任免审批表 ``2010.07``): the forms accepted, the errors, the schema, the classes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, PlainValidator

from cadre_rules import CaseError, case_from_mapping, load_case
from cadre_rules._months import CLASSES, LABELS, month_fields
from cadre_rules.records import Case, MonthDate
from cadre_rules.records._case import RECORD_DATE_PATTERN, _record_date
from cadre_rules.testing import deep_merge

CANDIDATE_MONTH_FIELDS = [
    "birth_date",
    "work_start_date",
    "party_admission_date",
    "party_full_membership_date",
    "current_post_start",
]


def with_candidate(compliant: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """The compliant case with candidate fields replaced."""
    return deep_merge(compliant, {"candidate": fields})  # type: ignore[no-any-return]


@pytest.mark.parametrize("text", ["2007-07", "2007.07"])
@pytest.mark.parametrize("name", CANDIDATE_MONTH_FIELDS)
def test_candidate_months_parse(compliant: dict[str, Any], name: str, text: str) -> None:
    """Each 三龄 date and the current-post start accept a month in both forms, read as a MonthDate."""
    value = getattr(case_from_mapping(with_candidate(compliant, **{name: text})).candidate, name)
    assert isinstance(value, MonthDate)
    assert (value.year, value.month) == (2007, 7)
    assert value.first_day == date(2007, 7, 1) and value.last_day == date(2007, 7, 31)


@pytest.mark.parametrize(("text", "expected"), [("2007-07-15", date(2007, 7, 15)), ("2007.07.15", date(2007, 7, 15))])
def test_days_in_both_forms(compliant: dict[str, Any], text: str, expected: date) -> None:
    """A day in the ISO or the dotted form is a plain date, not a month."""
    value = case_from_mapping(with_candidate(compliant, work_start_date=text)).candidate.work_start_date
    assert value == expected and not isinstance(value, MonthDate)


def test_resume_education_training_sanction_months(compliant: dict[str, Any]) -> None:
    """Resume lines, education, training, sanctions, other birth records and the last promotion take months."""
    data = with_candidate(
        compliant,
        career=[{"start": "2007.07", "end": "2019-03"}, {"start": "2019.03"}],
        education=[{"level": "undergraduate", "mode": "full_time", "start": "2003.09", "graduation": "2007.07"}],
        training=[{"start": "2023.03", "end": "2023.06", "hours": 560}],
        sanctions=[{"kind": "party_sanction", "measure": "警告", "decided_on": "2016.05"}],
        other_recorded_birth_dates=["1985.03", "1985-03-15"],
        last_promotion={"date": "2019.03"},
    )
    case = case_from_mapping(data)
    paths = [f.path for f in month_fields(case)]
    assert paths == [
        "candidate.other_recorded_birth_dates[0]",
        "candidate.last_promotion.date",
        "candidate.career[0].start",
        "candidate.career[0].end",
        "candidate.career[1].start",
        "candidate.training[0].start",
        "candidate.training[0].end",
        "candidate.education[0].start",
        "candidate.education[0].graduation",
        "candidate.sanctions[0].decided_on",
    ]


@pytest.mark.parametrize(
    "bad",
    ["2010.13", "2010-00", "2010-7-1", "2010.7", "2010/07", "2010-02-30", "2010-07.01", "201007", "July 2010", 2010.07],
)
def test_bad_forms_name_the_field(compliant: dict[str, Any], bad: object) -> None:
    """A malformed record date is a CaseError naming the field, in Chinese and English."""
    with pytest.raises(CaseError) as info:
        case_from_mapping(with_candidate(compliant, work_start_date=bad))
    (problem,) = info.value.problems
    assert problem.path == "candidate.work_start_date"
    assert "YYYY-MM" in problem.message_en and "YYYY.MM" in problem.message_en
    assert "年月" in problem.message_zh and not re.search(r"[A-Za-z]{3,}", problem.message_zh.split("；实际为")[0])


def test_out_of_range_month_says_why(compliant: dict[str, Any]) -> None:
    """A month 13 is reported as out of range, not only as a bad form."""
    with pytest.raises(CaseError) as info:
        case_from_mapping(with_candidate(compliant, birth_date="1985.13"))
    assert "month must be in 1..12" in info.value.problems[0].message_en


def test_procedure_dates_stay_days(compliant: dict[str, Any]) -> None:
    """A meeting date given to the month is rejected: procedure dates must be days."""
    data = deep_merge(compliant, {"procedure": {"meeting": {"date": "2025.06"}}})
    with pytest.raises(CaseError) as info:
        case_from_mapping(data)
    (problem,) = info.value.problems
    assert problem.path == "procedure.meeting.date"
    assert "given to the day" in problem.message_en and "须具体到日" in problem.message_zh


def test_month_date_object_in_a_day_field_is_rejected(compliant: dict[str, Any]) -> None:
    """A MonthDate object passed in Python to a day field is rejected too."""
    data = deep_merge(compliant, {"as_of": MonthDate(2025, 6, 1)})
    with pytest.raises(CaseError) as info:
        case_from_mapping(data)
    assert info.value.problems[0].path == "as_of"


def test_span_end_compared_by_month(compliant: dict[str, Any]) -> None:
    """A resume line ending in the month it started (to the month) is valid; one ending a month earlier is not."""
    ok = with_candidate(compliant, career=[{"start": "2019-03-15", "end": "2019.03"}])
    assert case_from_mapping(ok).candidate.career
    bad = with_candidate(compliant, career=[{"start": "2019-03-15", "end": "2019.02"}])
    with pytest.raises(CaseError) as info:
        case_from_mapping(bad)
    assert info.value.problems[0].path == "candidate.career[0]"


def test_yaml_month_is_text_not_float(tmp_path: Path, compliant: dict[str, Any]) -> None:
    """In a YAML case an unquoted 2010.10 is the month October 2010, not the number 2010.1."""
    text = (Path(__file__).parents[2] / "examples" / "compliant-county-promotion.yaml").read_text(encoding="utf-8")
    text = text.replace("work_start_date: 2007-07-01", "work_start_date: 2007.10")
    text = text.replace("birth_date: 1985-03-15", "birth_date: 1985.03")
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    cand = load_case(path).candidate
    assert isinstance(cand.work_start_date, MonthDate) and cand.work_start_date.month == 10
    assert isinstance(cand.birth_date, MonthDate) and cand.birth_date.month == 3


def test_json_round_trip_keeps_the_month(compliant: dict[str, Any]) -> None:
    """Dumped to JSON a month stays a month (YYYY-MM) and a day stays a day, and it loads back the same."""
    case = case_from_mapping(with_candidate(compliant, work_start_date="2007.07", birth_date="1985.03.15"))
    dumped = case.model_dump(mode="json")
    assert dumped["candidate"]["work_start_date"] == "2007-07"
    assert dumped["candidate"]["birth_date"] == "1985-03-15"
    again = case_from_mapping(json.loads(json.dumps(dumped)))
    assert isinstance(again.candidate.work_start_date, MonthDate)
    assert again == case


def test_schema_shows_the_forms() -> None:
    """The JSON Schema gives record dates the four forms and procedure dates the ISO date format."""
    schema = json.loads(
        subprocess.run(
            [sys.executable, "-m", "cadre_rules.cli", "schema"], capture_output=True, text=True, check=True
        ).stdout
    )
    defs = schema["$defs"]
    work = defs["Candidate"]["properties"]["work_start_date"]["anyOf"][0]
    assert work["pattern"] == RECORD_DATE_PATTERN and "YYYY.MM" in work["description"]
    career_start = defs["CareerEntry"]["properties"]["start"]
    assert career_start["pattern"] == RECORD_DATE_PATTERN
    assert defs["Meeting"]["properties"]["date"]["anyOf"][0] == {"type": "string", "format": "date"}
    pattern = re.compile(RECORD_DATE_PATTERN)
    for good in ("2010-07", "2010.07", "2010-07-15", "2010.07.15"):
        assert pattern.match(good)
    for bad in ("2010-07.15", "2010/07", "2010-7"):
        assert not pattern.match(bad)


def _record_date_fields() -> set[tuple[str, str]]:
    """Every (model, field) of the case records typed as a record date (day or month)."""
    found: set[tuple[str, str]] = set()
    seen: set[type[BaseModel]] = set()

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            if any(isinstance(m, PlainValidator) and m.func is _record_date for m in info.metadata):
                found.add((model.__name__, name))
            text = repr(info.annotation)
            if "PlainValidator" in text and "_record_date" in text:
                found.add((model.__name__, name))
            for arg in _models_in(info.annotation):
                visit(arg)

    visit(Case)
    return found


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    out = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        out.append(annotation)
    for arg in getattr(annotation, "__args__", ()) or ():
        out.extend(_models_in(arg))
    return out


def test_every_record_date_has_a_class_and_a_label() -> None:
    """Each field that may hold a month is classed (early/late) and named in Chinese, and nothing else is."""
    fields = _record_date_fields()
    assert ("Candidate", "work_start_date") in fields and ("CareerEntry", "end") in fields
    assert fields == set(CLASSES) == set(LABELS)
