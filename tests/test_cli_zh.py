"""The CLI for people: help and usage errors in Chinese (with English), several files, template, schemas."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from cadre_rules import CadreRulesError, Report, UnknownEngineError, UnknownRuleError, load_profile, validate
from cadre_rules._yaml import load_case_yaml
from cadre_rules.cli import _parser, main, usage_error_zh
from cadre_rules.engine import EngineUnavailableError
from cadre_rules.records import AppointmentKind, SelectionMethod
from cadre_rules.records._docs import CASE_SCHEMA_VERSION, case_schema
from cadre_rules.records._load import case_from_mapping
from cadre_rules.records._template import blank_case
from cadre_rules.report import REPORT_SCHEMA_VERSION, ReportError, report_schema
from cadre_rules.rules import default_registry
from tests.conftest import EXAMPLES
from tests.test_report_text import english_codes

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
CJK = re.compile(r"[\u4e00-\u9fff]")
COMPLIANT = str(EXAMPLES / "compliant-county-promotion.yaml")
VIOLATIONS = str(EXAMPLES / "violations-finance-principal.yaml")
INDETERMINATE = str(EXAMPLES / "indeterminate-missing-records.yaml")


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_and_option_has_chinese_then_english_help() -> None:
    """Each option and argument of the CLI and of every subcommand: Chinese first, then `` / `` and English."""
    parser = _parser()
    for name, command in [("cadre-rules", parser), *_subparsers(parser).items()]:
        for action in command._actions:
            if action.help == argparse.SUPPRESS or isinstance(action, argparse._SubParsersAction):
                continue
            assert action.help and " / " in action.help, (name, action.dest)
            zh, en = action.help.split(" / ", 1)
            assert CJK.search(zh) and re.search(r"[A-Za-z]{3,}", en), (name, action.dest)
    for name, sub in _subparsers(parser).items():
        help_line = next(
            a.help
            for a in next(x for x in parser._actions if isinstance(x, argparse._SubParsersAction))._choices_actions
            if a.dest == name
        )
        assert help_line and CJK.search(help_line.split(" / ", 1)[0]) and " / " in help_line, name
        assert sub.prog.endswith(name)


@pytest.mark.parametrize("command", [[], ["check"], ["template"], ["schema"], ["batch"], ["explain"]])
def test_help_uses_chinese_words_for_argparses_own(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """`--help`: the usage line, the section titles and -h's own help are in Chinese (with English)."""
    with pytest.raises(SystemExit) as done:
        main([*command, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法 / usage: cadre-rules")
    assert "选项 / options:" in out and "显示本帮助后退出 / show this help message and exit" in out
    assert "\noptions:" not in out and "positional arguments:\n" not in out.replace(
        "位置参数 / positional arguments", ""
    )
    if command:
        assert "位置参数 / positional arguments:" in out or command == ["template"] or command == ["schema"]


def test_usage_errors_are_bilingual_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A missing argument and an invalid choice: exit 2, the Chinese then argparse's English, and did you mean."""
    with pytest.raises(SystemExit) as done:
        main(["check"])
    err = capsys.readouterr().err
    assert done.value.code == 2
    assert "用法 / usage:" in err and "缺少必需的参数：FILE / the following arguments are required: FILE" in err
    with pytest.raises(SystemExit) as done:
        main(["chek", COMPLIANT])
    err = capsys.readouterr().err
    assert done.value.code == 2 and "是否应为 check？" in err and "did you mean check?" in err
    with pytest.raises(SystemExit):
        main(["check", COMPLIANT, "--engine", "durabel"])
    assert "是否应为 durable？" in capsys.readouterr().err


def test_argparse_messages_are_translated() -> None:
    """The translation table covers argparse's common errors; a message it did not write is left alone."""
    assert usage_error_zh("unrecognized arguments: --x") == "无法识别的参数：--x"
    assert usage_error_zh("argument --as-of: expected one argument") == "参数 --as-of 需要一个值"
    assert usage_error_zh("任何中文 / ours") == ""


def test_several_files_in_text_each_under_a_header_exit_the_worst(capsys: pytest.CaptureFixture[str]) -> None:
    """Compliant then violations: two reports under their file headers, exit 1; with indeterminate only, 3."""
    assert main(["check", COMPLIANT, VIOLATIONS, "--engine", "native"]) == 1
    out = capsys.readouterr().out
    assert out.index(f"文件 / file {COMPLIANT}") < out.index("：合规") < out.index(f"文件 / file {VIOLATIONS}")
    assert out.count("案件 ") == 2
    assert main(["check", COMPLIANT, INDETERMINATE, "--engine", "native"]) == 3
    assert main(["check", COMPLIANT, COMPLIANT, "--engine", "native"]) == 0


def test_several_files_in_json_are_json_lines_and_a_bad_file_does_not_stop_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSON: one line per file in order; an invalid file gives batch's error line and a message naming it on
    standard error; the other files are still checked; exit 2."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("case_id: x\nkind: promotion\n", encoding="utf-8")
    code = main(["check", COMPLIANT, str(bad), VIOLATIONS, "--format", "json", "--engine", "native"])
    captured = capsys.readouterr()
    assert code == 2
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert [line["outcome"] for line in lines] == ["compliant", "error", "violations"]
    assert lines[1]["source"] == str(bad) and lines[1]["error"] == "invalid_input"
    assert f"{bad}：输入无效 / invalid input" in captured.err and "candidate" in captured.err
    for line in (lines[0], lines[2]):
        assert Report.from_json(json.dumps(line, ensure_ascii=False)).outcome == line["outcome"]


def test_several_files_refuse_a_form_to_merge(capsys: pytest.CaptureFixture[str]) -> None:
    """--candidate merges one form into one case file: with two files it is a usage error."""
    assert main(["check", "--candidate", "x.lrmx", COMPLIANT, VIOLATIONS]) == 2
    err = capsys.readouterr().err
    assert "只能与一个案例文件合并" in err and "one case file only" in err


def test_durable_asked_for_where_it_cannot_import(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    """Where durable_rules does not import (Python 3.13+), --engine durable says so in both languages, exit 2; the
    API raises EngineUnavailableError, a CadreRulesError."""
    import cadre_rules.cli as cli
    import cadre_rules.engine._durable as durable

    monkeypatch.setattr(cli, "DURABLE_AVAILABLE", False)
    assert main(["check", COMPLIANT, "--engine", "durable"]) == 2
    err = capsys.readouterr().err
    assert "无法使用 durable 引擎" in err and "native 引擎给出完全相同的结论" in err
    assert "durable engine is unavailable" in err and "identical findings" in err
    assert main(["batch", COMPLIANT, "--engine", "durable"]) == 2
    assert "无法使用 durable 引擎" in capsys.readouterr().err
    monkeypatch.setattr(durable, "AVAILABLE", False)
    with pytest.raises(EngineUnavailableError) as caught:
        durable.DurableEngine([])
    assert isinstance(caught.value, CadreRulesError)


def test_api_errors_are_cadre_rules_errors() -> None:
    """Unknown engine, unknown profile and unknown rule: each a CadreRulesError with did you mean when one is near."""
    with pytest.raises(UnknownEngineError) as engine:
        validate(COMPLIANT, engine="fast")  # type: ignore[arg-type]
    assert isinstance(engine.value, CadreRulesError) and isinstance(engine.value, ValueError)
    assert "did you mean" not in str(engine.value)
    with pytest.raises(UnknownEngineError) as near:
        validate(COMPLIANT, engine="durabel")  # type: ignore[arg-type]
    assert "(did you mean 'durable'?)" in str(near.value) and "（是否想用 'durable'？）" in str(near.value)
    with pytest.raises(CadreRulesError) as profile:
        load_profile("seed-00", default_registry())
    assert "did you mean" in str(profile.value) and "是否应为" in str(profile.value)
    with pytest.raises(UnknownRuleError) as rule:
        default_registry().rule("eligibility.county_work_year")
    assert "eligibility.county_work_years" in str(rule.value) and isinstance(rule.value, CadreRulesError)


def test_explain_an_unknown_rule_suggests_the_closest(capsys: pytest.CaptureFixture[str]) -> None:
    """`explain` with a misspelt id: exit 2, the closest ids in both halves."""
    assert main(["explain", "committee.collective_decisoin"]) == 2
    err = capsys.readouterr().err
    assert "未知规则" in err and "unknown rule" in err and "committee.collective_decision" in err


def test_unknown_profile_on_the_command_line_suggests_the_closest(capsys: pytest.CaptureFixture[str]) -> None:
    """`--profile defualt`: exit 2 and did you mean default."""
    assert main(["check", COMPLIANT, "--profile", "defualt"]) == 2
    err = capsys.readouterr().err
    assert "是否应为 default？" in err and "did you mean 'default'?" in err


def test_case_schema_describes_every_property_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    """`schema`: $id, schema_version, and every property of every record with a Chinese and an English description."""
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema == case_schema()
    assert (
        schema["$id"].endswith(f"/case/{CASE_SCHEMA_VERSION}.json") and schema["schema_version"] == CASE_SCHEMA_VERSION
    )
    count = 0
    for sub in [schema, *schema["$defs"].values()]:
        for name, prop in sub.get("properties", {}).items():
            count += 1
            assert CJK.search(prop["x-description-zh"]) and re.search(r"[A-Za-z]", prop["x-description-en"]), name
            assert prop["description"] == f"{prop['x-description-zh']} / {prop['x-description-en']}"
            assert english_codes(prop["x-description-zh"]) == [], name
    assert count >= 382


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
def test_examples_validate_against_the_case_schema(path: Path) -> None:
    """Each example, as read from YAML (dates as text), is valid under the published case schema."""
    jsonschema.validate(load_case_yaml(path.read_text(encoding="utf-8")), case_schema())


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
def test_report_json_round_trips_and_follows_its_schema(path: Path) -> None:
    """from_json(to_json()) gives the same JSON (inline and ref), and the JSON is valid under the report schema."""
    report = validate(path, engine="native")
    schema = report_schema()
    for mode in ("inline", "ref"):
        text = report.to_json(citations=mode)  # type: ignore[arg-type]
        assert Report.from_json(text).to_json(citations=mode) == text  # type: ignore[arg-type]
        jsonschema.validate(json.loads(text), schema)
    assert json.loads(report.to_json())["schema_version"] == REPORT_SCHEMA_VERSION


def test_report_schema_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    """`schema --report` prints the report schema, with its $id and version."""
    assert main(["schema", "--report"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema == report_schema() and "/report/" in schema["$id"] and "findings" in schema["required"]


def test_from_json_names_what_is_wrong() -> None:
    """A report JSON with a key missing, a bad status, or an outcome that contradicts its findings: ReportError."""
    data = json.loads(validate(VIOLATIONS, engine="native").to_json())
    del data["case_id"]
    with pytest.raises(ReportError) as missing:
        Report.from_json(json.dumps(data))
    assert missing.value.problems[0].path == "case_id" and isinstance(missing.value, CadreRulesError)
    data = json.loads(validate(VIOLATIONS, engine="native").to_json())
    data["outcome"] = "compliant"
    with pytest.raises(ReportError, match="outcome"):
        Report.from_json(json.dumps(data))
    data["outcome"], data["findings"][0]["status"] = "violations", "broken"
    with pytest.raises(ReportError, match=r"findings\[0\]\.status"):
        Report.from_json(json.dumps(data))


def _fill(template: Any, example: Any) -> Any:
    """The template filled in with the example's values: the example's value wherever it gives one; a record or
    list the example leaves out is deleted (as the template says), a scalar keeps the template's value."""
    if isinstance(template, dict) and isinstance(example, dict):
        out = {}
        for key, value in template.items():
            if key in example:
                out[key] = _fill(value, example[key])
            elif not isinstance(value, dict | list) and value is not None:
                out[key] = value
        return out
    return example


def _keys(data: Any, path: str = "") -> set[str]:
    """Every key path of a record (list items merged as ``[]``)."""
    out: set[str] = set()
    if isinstance(data, dict):
        for k, v in data.items():
            out.add(f"{path}.{k}")
            out |= _keys(v, f"{path}.{k}")
    elif isinstance(data, list):
        for item in data:
            out |= _keys(item, f"{path}[]")
    return out


@pytest.mark.parametrize("method", list(SelectionMethod))
def test_template_parses_and_every_comment_is_chinese(method: SelectionMethod) -> None:
    """The template of each method is YAML; every comment is Chinese with no English code; every field has one."""
    text = blank_case(method, AppointmentKind.PROMOTION)
    data = yaml.safe_load(text)
    assert data["procedure"]["method"] == method.value and data["kind"] == "promotion"
    for line in text.splitlines():
        comment = line.split("#", 1)[1] if "#" in line else ""
        if line.strip() and not line.strip().startswith("#"):
            assert comment, f"a field without a comment: {line}"
        if comment:
            assert CJK.search(comment) and english_codes(comment) == [], line
            assert not re.search(r"\b[a-z]+_[a-z_]+\b", comment), line


@pytest.mark.parametrize(
    "name", ["compliant-county-promotion.yaml", "compliant-open-selection.yaml", "compliant-competitive-posts.yaml"]
)
def test_template_filled_with_an_example_validates(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The template (from the CLI) has every field the example uses, and filled with its values it validates."""
    example = load_case_yaml((EXAMPLES / name).read_text(encoding="utf-8"))
    method = example["procedure"].get("method", "standard")
    assert main(["template", "--method", method, "--kind", example["kind"]]) == 0
    template = load_case_yaml(capsys.readouterr().out)
    assert _keys(example) <= _keys(template), sorted(_keys(example) - _keys(template))
    filled = _fill(template, example)
    assert case_from_mapping(filled) == case_from_mapping(example)
