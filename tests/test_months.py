"""Month-precision dates against their days: the combined status, the deciding day, the two readings (hypothesis)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from hypothesis import example as hypothesis_example
from hypothesis import given, settings
from hypothesis import strategies as st

from cadre_rules import default_registry, validate
from cadre_rules.records import Case
from cadre_rules.report import Finding
from cadre_rules.testing import case_records, deep_merge
from tests.conftest import example, examples

BASE = example("compliant-county-promotion.yaml")
RULE_IDS = sorted(r.id for r in default_registry().rules)

# 29 February, month ends of 31, 30 and 28 days, and the days after them.
SPECIAL_DAYS = [
    date(2024, 2, 29),
    date(2028, 2, 29),
    date(2025, 2, 28),
    date(2025, 3, 1),
    date(2024, 3, 1),
    date(2025, 1, 31),
    date(2025, 4, 30),
    date(2025, 5, 31),
    date(2026, 6, 30),
    date(2025, 12, 31),
    date(2026, 1, 1),
]
as_of_days = st.one_of(st.sampled_from(SPECIAL_DAYS), st.dates(date(2019, 3, 3), date(2030, 12, 31)))
cut_off_days = st.one_of(
    st.sampled_from([date(1984, 2, 29), date(1988, 2, 29), date(1985, 2, 28), date(1985, 3, 31), date(1986, 4, 30)]),
    st.dates(date(1965, 1, 1), date(1995, 12, 31)),
)
_DECISION = re.compile(r": (\w[\w ]*?) if it is on or (before|after) (\d{4}-\d{2}-\d{2}), (\w[\w ]*?) otherwise")
_WORDS = {"satisfied": "satisfied", "violated": "violated", "not applicable": "not_applicable"}


def month_text(first: date, dotted: bool) -> str:
    """The month of ``first`` written as the form does (``2010.07``) or ISO-like (``2010-07``)."""
    return f"{first.year:04d}{'.' if dotted else '-'}{first.month:02d}"


def _against_corners(
    build: Callable[[list[str]], dict[str, Any]], months: list[date], days: list[int], *, dotted: bool
) -> list[tuple[str, set[str], Finding, str]]:
    """For each rule: the statuses at every combination of month ends, the finding of the months as written, and
    the status when each month is read as the given day inside it (clamped to the month's last day)."""
    combined = {
        f.rule_id: f for f in validate(build([month_text(m, dotted) for m in months]), engine="native").findings
    }
    corners: dict[str, set[str]] = {rule_id: set() for rule_id in RULE_IDS}
    for ends in itertools.product((False, True), repeat=len(months)):
        values = [(m + relativedelta(day=31) if end else m).isoformat() for m, end in zip(months, ends, strict=True)]
        for f in validate(build(values), engine="native").findings:
            corners[f.rule_id].add(f.status)
    inside = [
        m + timedelta(days=min(d, (m + relativedelta(day=31) - m).days)) for m, d in zip(months, days, strict=True)
    ]
    some_day = {f.rule_id: f.status for f in validate(build([d.isoformat() for d in inside]), engine="native").findings}
    return [(rule_id, corners[rule_id], combined[rule_id], some_day[rule_id]) for rule_id in RULE_IDS]


def finding(data: dict[str, Any], rule_id: str, engine: str = "native") -> Finding:
    """The finding of one rule."""
    report = validate(data, engine=engine)  # type: ignore[arg-type]
    return next(f for f in report.findings if f.rule_id == rule_id)


def check_month(build: Any, rule_id: str, path: str, first: date, dotted: bool, interior: int, engine: str) -> None:
    """The combined status of a month against the statuses of its days, and the deciding day it names."""
    last = first + relativedelta(day=31)
    combined = finding(build(month_text(first, dotted)), rule_id, engine)
    at_first = finding(build(first.isoformat()), rule_id).status
    at_last = finding(build(last.isoformat()), rule_id).status
    middle = first + timedelta(days=min(interior, (last - first).days))
    at_middle = finding(build(middle.isoformat()), rule_id).status
    if at_first == at_last:
        assert combined.status == at_first
        assert at_middle == at_first
        return
    assert combined.status == "indeterminate"
    assert combined.missing == [path]
    match = _DECISION.search(combined.message["en"])
    assert match, combined.message
    stated, direction, day_text, other = match.groups()
    day = date.fromisoformat(day_text)
    assert first <= day <= last
    assert finding(build(day_text), rule_id).status == _WORDS[stated]
    beyond = day + timedelta(days=1 if direction == "before" else -1)
    assert first <= beyond <= last
    assert finding(build(beyond.isoformat()), rule_id).status == _WORDS[other]
    assert at_middle in (at_first, at_last)


@settings(max_examples=examples(40))
@hypothesis_example(as_of=date(2024, 2, 29), shift=0, dotted=True, interior=28, engine="native")  # Feb 2019 (28 days)
@hypothesis_example(as_of=date(2025, 2, 28), shift=0, dotted=False, interior=10, engine="native")
@hypothesis_example(as_of=date(2025, 4, 30), shift=0, dotted=True, interior=29, engine="native")  # April (30 days)
@hypothesis_example(as_of=date(2025, 5, 31), shift=0, dotted=False, interior=30, engine="durable")  # May (31 days)
@given(
    as_of=as_of_days,
    shift=st.integers(-1, 1),
    dotted=st.booleans(),
    interior=st.integers(0, 30),
    engine=st.sampled_from(["native", "durable"]),
)
def test_work_start_month_decides_five_years_as_its_days_do(
    as_of: date, shift: int, dotted: bool, interior: int, engine: str
) -> None:
    """A work start given to the month: the day statuses at both ends agree → that status; else undecided, named."""
    first = (as_of - relativedelta(years=5)).replace(day=1) + relativedelta(months=shift)

    def build(text: str) -> dict[str, Any]:
        return deep_merge(BASE, {"as_of": as_of.isoformat(), "candidate": {"work_start_date": text}})  # type: ignore[no-any-return]

    check_month(build, "eligibility.county_work_years", "candidate.work_start_date", first, dotted, interior, engine)


@settings(max_examples=examples(40))
@hypothesis_example(
    cut_off=date(1984, 2, 29), shift=0, dotted=True, interior=28, engine="native"
)  # February of a leap year
@hypothesis_example(cut_off=date(1985, 2, 28), shift=0, dotted=False, interior=27, engine="native")
@hypothesis_example(cut_off=date(1985, 3, 31), shift=0, dotted=True, interior=15, engine="durable")
@hypothesis_example(cut_off=date(1986, 4, 30), shift=0, dotted=False, interior=0, engine="native")
@given(
    cut_off=cut_off_days,
    shift=st.integers(-1, 1),
    dotted=st.booleans(),
    interior=st.integers(0, 30),
    engine=st.sampled_from(["native", "durable"]),
)
def test_birth_month_decides_an_age_cut_off_as_its_days_do(
    cut_off: date, shift: int, dotted: bool, interior: int, engine: str
) -> None:
    """A birth date given to the month against an announcement's age cut-off (born on or after a day)."""
    first = cut_off.replace(day=1) + relativedelta(months=shift)

    def build(text: str) -> dict[str, Any]:
        patch = {
            "candidate": {"birth_date": text, "id_number": None},
            "procedure": {"announcement": {"born_on_or_after": cut_off.isoformat()}},
        }
        return deep_merge(BASE, patch)  # type: ignore[no-any-return]

    check_month(build, "eligibility.announcement_age_cutoff", "candidate.birth_date", first, dotted, interior, engine)


# ---------------------------------------------------------------- two readings against every corner

FIELDS = ("birth_date", "work_start_date", "party_admission_date", "party_full_membership_date")


@settings(max_examples=examples(12))
@given(
    birth=st.integers(0, 5),
    work=st.sampled_from([*range(190, 197), *range(421, 427)]),
    admission=st.integers(216, 222),
    probation=st.integers(0, 13),
    days=st.lists(st.integers(0, 30), min_size=4, max_size=4),
)
def test_two_readings_agree_with_every_corner(
    birth: int, work: int, admission: int, probation: int, days: list[int]
) -> None:
    """With several dates to the month (birth, work start, admission, full membership), each rule's combined status
    is the status shared by all 16 combinations of month ends, and indeterminate when they differ; any one choice of
    days inside the months gives a status among the corners'."""
    origin = date(1985, 1, 1)
    months = [origin + relativedelta(months=m) for m in (birth, birth + work, birth + admission)]
    months.append(months[2] + relativedelta(months=probation))

    def build(values: list[str]) -> dict[str, Any]:
        return deep_merge(BASE, {"candidate": dict(zip(FIELDS, values, strict=True)) | {"id_number": None}})  # type: ignore[no-any-return]

    for rule_id, statuses, combined, some_day in _against_corners(build, months, days, dotted=False):
        if len(statuses) == 1:
            assert combined.status in statuses, (rule_id, statuses, combined)
            assert some_day in statuses, (rule_id, statuses, some_day)
        else:
            assert combined.status == "indeterminate", (rule_id, statuses, combined)
            assert set(combined.missing) & {f"candidate.{f}" for f in FIELDS}


# ---------------------------------------------------------------- generated cases with months


@settings(max_examples=examples(25))
@given(case_records(month_precision=True))
def test_generated_month_cases_validate_on_both_engines(case: Case) -> None:
    """Cases with record dates to the month validate on both engines alike, one status per rule, and an
    indeterminate finding always says what it lacks."""
    durable = validate(case, engine="durable").to_dict()
    native = validate(case, engine="native").to_dict()
    assert durable | {"engine": ""} == native | {"engine": ""}
    assert sorted(f["rule_id"] for f in native["findings"]) == RULE_IDS
    for f in native["findings"]:
        assert (f["status"] == "indeterminate") == bool(f["missing"])


@settings(max_examples=examples(12))
@given(
    start=st.integers(0, 60),
    principal=st.integers(0, 4),
    step=st.integers(-1, 1),
    days=st.lists(st.integers(0, 30), min_size=3, max_size=3),
)
def test_two_readings_agree_with_every_corner_of_a_resume(
    start: int, principal: int, step: int, days: list[int]
) -> None:
    """A resume to the month (副科 line, then 正科 from about June 2022; decided 2025-06-10): each rule's combined
    status is the one all 8 combinations of month ends share, and indeterminate when they differ."""
    first = date(2012, 1, 1) + relativedelta(months=start)
    end = date(2022, 4, 1) + relativedelta(months=principal)
    months = [first, end, end + relativedelta(months=step)]

    def build(values: list[str]) -> dict[str, Any]:
        career = [
            {"start": values[0], "end": values[1], "tier": "township_section", "role": "deputy", "grassroots": True},
            {"start": values[2], "tier": "township_section", "role": "principal", "grassroots": True},
        ]
        return deep_merge(BASE, {"candidate": {"career": career, "current_post_start": None}})  # type: ignore[no-any-return]

    for rule_id, statuses, combined, some_day in _against_corners(build, months, days, dotted=True):
        if rule_id == "eligibility.plausibility_career_overlap":
            # Overlaps are read by month (a line ending in the month the next starts is a transfer): the days of
            # a touching month never make it fire, though two plain days in that month may overlap.
            continue
        if len(statuses) == 1:
            assert combined.status in statuses, (rule_id, statuses, combined)
            assert some_day in statuses, (rule_id, statuses, some_day)
        else:
            assert combined.status == "indeterminate", (rule_id, statuses, combined)


@settings(max_examples=examples(8))
@hypothesis_example(as_of=date(2025, 6, 10), shift=0, length=111, hours=100)  # violated / satisfied / violated
@hypothesis_example(as_of=date(2024, 2, 29), shift=0, length=90, hours=600)
@given(
    as_of=as_of_days,
    shift=st.integers(-1, 1),
    length=st.integers(60, 120),
    hours=st.sampled_from([100, 600]),
)
def test_training_start_month_against_every_day(as_of: date, shift: int, length: int, hours: int) -> None:
    """A course start given to the month near the opening of the five-year window (where counting is not
    monotone: a course counts only if it starts inside): the combined status is the one every day of the month
    gives, and indeterminate when the days disagree."""
    first = (as_of - relativedelta(years=5)).replace(day=1) + relativedelta(months=shift)
    last = first + relativedelta(day=31)
    end = (first + timedelta(days=length)).isoformat()
    rule_id = "eligibility.training_before_promotion"

    def build(start: str) -> dict[str, Any]:
        training = [{"start": start, "end": end, "hours": hours}]
        return deep_merge(BASE, {"as_of": as_of.isoformat(), "candidate": {"training": training}})  # type: ignore[no-any-return]

    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    statuses = {finding(build(d.isoformat()), rule_id).status for d in days}
    combined = finding(build(month_text(first, True)), rule_id)
    if len(statuses) == 1:
        assert combined.status in statuses
    else:
        assert combined.status == "indeterminate"
        assert combined.missing == ["candidate.training[0].start"]
