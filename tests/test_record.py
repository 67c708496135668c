"""全程记实: the record of every step, written for each shipped example."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cadre_rules import load_case, procedure_record, validate
from cadre_rules.cli import main
from cadre_rules.records import Stage
from tests.conftest import EXAMPLES

EXAMPLE_FILES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLE_FILES)
def test_the_record_is_written_for_each_example(example: str, tmp_path: Path) -> None:
    """`cadre-rules record` writes the Markdown and JSON record; every step is there, in procedural order."""
    md, js = tmp_path / "record.md", tmp_path / "record.json"
    code = main(["record", str(EXAMPLES / example), "--output", str(md)])
    assert code == main(["check", str(EXAMPLES / example)])  # the record's exit code is the check's
    assert main(["record", str(EXAMPLES / example), "--format", "json", "--output", str(js)]) == code
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# 干部选拔任用工作全程记实")
    assert [s["stage"] for s in json.loads(js.read_text(encoding="utf-8"))["steps"]] == [s.value for s in Stage]
    prose = re.sub(r"`[^`]*`", "", text)  # identifiers (case, profile, rules) are quoted as code; no other English
    assert not re.search(r"[A-Za-z]{3,}", prose), prose


def test_each_step_lists_its_facts_its_responsible_and_the_rules_that_checked_it() -> None:
    """The discussion step of the compliant example: date, body, attendance, votes, who, and the committee rules."""
    case = load_case(EXAMPLES / "compliant-county-promotion.yaml")
    report = validate(case, engine="native")
    record = procedure_record(case, report)
    step = record.steps[Stage.DISCUSSION.rank]
    facts = dict(step.facts)
    assert facts["日期"] == "2025-06-10" and facts["会议"] == "常委会"
    assert facts["到会"].startswith("9/9 人") and facts["表决结果"] == "同意 8 票，缓议 1 票"
    assert step.responsible == "市委组织部部长 赵刚"
    checked = {c.rule_id for c in step.checks}
    assert "committee.quorum" in checked and "publicity.held" not in checked
    applicable = [f for f in report.findings if f.status != "not_applicable"]
    assert sum(len(s.checks) for s in record.steps) == len(applicable)


def test_a_step_without_a_record_says_so() -> None:
    """The dossier at inspection has no meeting: its record says the step is not recorded, and not yet due."""
    case = load_case(EXAMPLES / "dossier-at-inspection.yaml")
    record = procedure_record(case, validate(case, engine="native"))
    step = record.steps[Stage.DISCUSSION.rank]
    assert not step.recorded and step.facts == []
    assert {c.status for c in step.checks} == {"not_yet_due"}
    assert "本环节无记录。" in record.to_markdown()


def test_the_candidates_of_a_competitive_selection_are_recorded_each_with_votes_inspection_ballot_and_choice() -> None:
    """差额: each considered candidate is a row of the record (rounds, 考察对象, 票决, chosen), in JSON and Markdown."""
    case = load_case(EXAMPLES / "compliant-open-selection-three-candidates.yaml")
    record = procedure_record(case, validate(case, engine="native"))
    assert case.procedure.candidates is not None
    assert [c.name for c in record.candidates] == [c.name for c in case.procedure.candidates]
    chosen = {c.name: dict(c.facts)["确定为拟任人选"] for c in record.candidates}
    assert chosen[case.candidate.name] == "是" and list(chosen.values()).count("是") == 1
    first = dict(record.candidates[0].facts)
    assert re.fullmatch(r"第1轮 \d+/\d+ 票(；第2轮 \d+/\d+ 票)?", first["民主推荐"])
    assert json.loads(record.to_json())["candidates"][0]["facts"][0]["label"] == "民主推荐"
    assert "## 人选" in record.to_markdown()


def test_a_case_with_one_candidate_records_no_candidates_table() -> None:
    """A case that lists no candidates keeps its record as short as before."""
    case = load_case(EXAMPLES / "compliant-county-promotion.yaml")
    record = procedure_record(case, validate(case, engine="native"))
    assert record.candidates == [] and "## 人选" not in record.to_markdown()


def test_a_removal_is_recorded_as_the_post_left() -> None:
    """A removal's record names the cadre and the post to be removed from (拟免), and its talk step."""
    case = load_case(EXAMPLES / "compliant-county-removal.yaml")
    record = procedure_record(case, validate(case, engine="native"))
    text = record.to_markdown()
    assert "| 拟免人选 | 周立 |" in text and "| 拟免职务 | 某市商务局副局长" in text and "拟任人选" not in text
    assert record.to_dict()["removal"] is True
