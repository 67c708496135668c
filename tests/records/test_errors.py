"""Bounded, discreet errors: a value is described, never expanded; personal data is never echoed; problems are
capped; YAML syntax errors give the line and column only; text that cannot be written is refused at input."""

from __future__ import annotations

import json
import re
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml

from cadre_rules import validate
from cadre_rules._errors import MAX_PROBLEMS, PROBLEM_CHARS, CaseError, Problem, describe_value
from cadre_rules.cli import main
from cadre_rules.records import case_from_mapping, load_case
from cadre_rules.testing._hostile import alias_bomb_head, nested_aliases_head, yaml_with
from tests.conftest import example

ID = "110101199003077777"
FULL_ID = re.compile(r"\d{17}[\dXx]")
ALIAS_LEVELS = 8


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _alias_bomb(tmp_path: Path) -> Path:
    """A ~4.7 KB YAML case whose aliases would expand to 115**8 items: under an unknown key, a name and a list."""
    record = example("compliant-county-promotion.yaml")
    record["candidate"]["name"] = "BOMB_NAME"
    record["candidate"]["grew_up_in"] = "BOMB_LIST"
    record["post"]["title"] = "BOMB_TITLE"
    text = yaml_with(
        record, {"BOMB_NAME": "*l7", "BOMB_LIST": "*l6", "BOMB_TITLE": "*l5"}, alias_bomb_head(ALIAS_LEVELS)
    )
    assert 4_000 < len(text.split("case_id")[0].encode()) < 6_000  # the bomb itself is about 4.7 KB
    return _write(tmp_path, "bomb.yaml", text)


def _bounded(load: Any) -> tuple[CaseError, int]:
    """Run ``load`` (which must raise CaseError) under tracemalloc; return the error and the peak bytes allocated.
    (Timings are measured by benchmarks/hostile.py, never asserted here.)"""
    tracemalloc.start()
    try:
        with pytest.raises(CaseError) as info:
            load()
        return info.value, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_alias_bomb_is_described_not_expanded(tmp_path: Path) -> None:
    """An 8-level alias bomb ends in a message under 10 KB, in bounded memory."""
    error, peak = _bounded(lambda: load_case(_alias_bomb(tmp_path)))
    message = str(error)
    assert len(message.encode()) < 10_000 and peak < 50_000_000
    (problem,) = error.problems
    assert problem.path.startswith("bombs.l") and "aliases" in problem.message_en and "别名" in problem.message_zh
    assert "lol" not in message


def test_nested_alias_expansion_is_refused_before_validation(tmp_path: Path) -> None:
    """Aliases that nest right-typed records (3,000 candidates × 3,000 rounds) are refused at once, naming where,
    instead of validating nine million records."""
    record = example("compliant-county-promotion.yaml")
    record["procedure"]["candidates"] = "CANDIDATES"
    path = _write(tmp_path, "nested.yaml", yaml_with(record, {"CANDIDATES": "*cs"}, nested_aliases_head(3000)))
    error, peak = _bounded(lambda: load_case(path))
    assert peak < 50_000_000
    assert [p.path for p in error.problems] == ["anchors.cs"]


def test_a_list_containing_itself_is_refused(tmp_path: Path) -> None:
    """A recursive YAML alias is named, not followed."""
    record = example("compliant-county-promotion.yaml")
    record["candidate"]["grew_up_in"] = "LOOP"
    path = _write(tmp_path, "loop.yaml", yaml_with(record, {"LOOP": "&loop [a, *loop]"}, []))
    with pytest.raises(CaseError) as info:
        load_case(path)
    assert [p.path for p in info.value.problems] == ["candidate.grew_up_in[1]"]


def _million(tmp_path: Path, where: str) -> Path:
    record = example("compliant-county-promotion.yaml")
    if where == "name":
        record["candidate"]["name"] = list(range(1_000_000))
    else:
        record["candidate"]["grew_up_in"] = [0] * 1_000_000
    return _write(tmp_path, "million.json", json.dumps(record, ensure_ascii=False, default=str))


@pytest.mark.parametrize("where", ["name", "list"])
def test_million_item_list_is_described_not_printed(tmp_path: Path, where: str) -> None:
    """A list of a million wrong-typed items is named with its size: under 10 KB, in bounded memory."""
    path = _million(tmp_path, where)
    error, peak = _bounded(lambda: load_case(path))
    message = str(error)
    assert len(message.encode()) < 10_000 and peak < 200_000_000
    assert "1000000 items" in message
    assert error.problems[0].path == ("candidate.name" if where == "name" else "candidate.grew_up_in")


def test_problems_are_capped_with_a_count(compliant: dict[str, Any]) -> None:
    """Fifty bad items list twenty problems and count the thirty others."""
    compliant["candidate"]["grew_up_in"] = [[i] for i in range(50)]
    with pytest.raises(CaseError) as info:
        case_from_mapping(compliant)
    assert len(info.value.problems) == MAX_PROBLEMS and info.value.more == 50 - MAX_PROBLEMS
    assert f"另有 {50 - MAX_PROBLEMS} 处问题未列出 / {50 - MAX_PROBLEMS} more problems" in str(info.value)


def test_long_text_is_quoted_by_a_short_prefix(compliant: dict[str, Any]) -> None:
    """A megabyte of text in an enum field is described by its length and a 40-character prefix."""
    compliant["candidate"]["gender"] = "m" * 1_000_000
    with pytest.raises(CaseError) as info:
        case_from_mapping(compliant)
    (problem,) = info.value.problems
    assert "1000000 characters" in problem.message_en and "1000000 个字符" in problem.message_zh
    assert "m" * 40 in problem.message_en and "m" * 41 not in problem.message_en


@pytest.mark.parametrize(
    ("patch", "path"),
    [
        ({"candidate": {"id_number": int(ID)}}, "candidate.id_number"),
        ({"candidate": {"id_no": ID}}, "candidate.id_no"),
        ({"candidate": {"身份证号": int(ID)}}, "candidate.身份证号"),
        ({"id_number": ID}, "id_number"),
        ({"candidate": {"name": {"full": ID}}}, "candidate.name"),
    ],
)
def test_personal_data_is_named_not_printed(compliant: dict[str, Any], patch: dict[str, Any], path: str) -> None:
    """An ID number unquoted, or under an unknown key, is refused naming the field without printing it."""
    for key, value in patch.items():
        if isinstance(value, dict):
            compliant[key].update(value)
        else:
            compliant[key] = value
    with pytest.raises(CaseError) as info:
        case_from_mapping(compliant)
    assert path in {p.path for p in info.value.problems}
    assert not FULL_ID.search(str(info.value))


def test_unquoted_id_number_says_to_quote_it(compliant: dict[str, Any]) -> None:
    """An ID number read as an integer is named with its digit count and the advice to quote it."""
    compliant["candidate"]["id_number"] = int(ID)
    with pytest.raises(CaseError) as info:
        case_from_mapping(compliant)
    (problem,) = info.value.problems
    assert "18 digits" in problem.message_en and "in quotes" in problem.message_en
    assert "18 位整数" in problem.message_zh and "加引号" in problem.message_zh


def test_yaml_syntax_error_names_line_and_column_only(tmp_path: Path) -> None:
    """A YAML syntax error gives the file, line and column, never the source line (which may hold an ID)."""
    path = _write(tmp_path, "bad.yaml", f"case_id: x\ncandidate:\n  id_number: {ID}\n   name: [unclosed\n")
    with pytest.raises(CaseError) as info:
        load_case(path)
    (problem,) = info.value.problems
    assert re.search(r"bad\.yaml:\d+:\d+$", problem.path)
    assert ID not in str(info.value) and "id_number" not in str(info.value)


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ('{"case_id": "\\ud800"}', "case_id"),
        ('{"candidate": {"name": "\\udfff张"}}', "candidate.name"),
        ('{"waivers": [{"reason": "a\\ud83d"}]}', "waivers[0].reason"),
        ('{"x\\ud800": 1}', "x\\ud800"),
    ],
)
def test_lone_surrogate_is_refused_at_input(tmp_path: Path, text: str, path: str) -> None:
    """Text that cannot be written as UTF-8 is a CaseError naming the field, before any check runs."""
    with pytest.raises(CaseError) as info:
        load_case(_write(tmp_path, "s.json", text))
    assert path in {p.path for p in info.value.problems}
    str(info.value).encode("utf-8")  # the message itself can be written


def test_lone_surrogate_in_yaml_escape(tmp_path: Path) -> None:
    """A surrogate written as a YAML escape is refused too: by libyaml as malformed at its line and column, or
    (the pure-Python parser accepts the escape) by the input check naming the field."""
    record = example("compliant-county-promotion.yaml")
    record["case_id"] = "SURROGATE"
    text = yaml.safe_dump(record, allow_unicode=True).replace("SURROGATE", '"\\ud800"')
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "ud800" in row)
    with pytest.raises(CaseError) as info:
        load_case(_write(tmp_path, "s.yaml", text))
    [path] = [p.path for p in info.value.problems]
    assert path == "case_id" or re.fullmatch(rf".*s\.yaml:{line}:\d+", path), path


def _hostile_inputs(tmp_path: Path) -> list[Path]:
    record = example("compliant-county-promotion.yaml")
    files = [_alias_bomb(tmp_path), _million(tmp_path, "name")]
    files.append(_write(tmp_path, "unclosed.yaml", f"case_id: x\ncandidate:\n  id_number: {ID}\n   name: [\n"))
    for key, value in (("id_number", int(ID)), ("id_no", ID), ("身份证号", ID), ("name", [ID, ID])):
        bad = json.loads(json.dumps(record, default=str))
        bad["candidate"][key] = value
        files.append(_write(tmp_path, f"pd-{len(files)}.json", json.dumps(bad, ensure_ascii=False, default=str)))
    files.append(_write(tmp_path, "surrogate.json", json.dumps({**record, "case_id": "\ud800"}, default=str)))
    return files


def test_cli_stderr_never_holds_a_full_id_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every hostile input exits 2 with a bounded message, no traceback, and no full ID number."""
    for path in _hostile_inputs(tmp_path):
        assert main(["check", str(path), "--engine", "native"]) == 2, path
        captured = capsys.readouterr()
        assert captured.out == ""
        assert len(captured.err.encode()) < 10_000, path
        assert not FULL_ID.search(captured.err), (path, captured.err)
        assert "Traceback" not in captured.err


def test_describe_value_is_bounded() -> None:
    """Values are described by type and size; personal ones without content; huge integers by digit count."""
    assert describe_value(7) == ("the integer 7", "整数 7")
    assert describe_value(2**62)[0] == "an integer of 19 digits"
    assert describe_value(10**5000)[0].startswith("an integer of 500")
    assert describe_value("张三", masked=True) == ("text of 2 characters (not shown)", "2 个字符的文字（不显示）")
    assert describe_value(["x"] * 3) == ("a list of 3 items", "含 3 项的列表")
    assert describe_value(f"身份证 {ID}")[0] == "text of 22 characters '身份证 110101********7777'"


def test_problem_render_is_one_line() -> None:
    """A problem renders as ``path: 中文 / English``."""
    assert Problem("a.b", "bad", "错").render() == "a.b: 错 / bad"


def test_calendar_file_alias_bomb_is_refused(tmp_path: Path) -> None:
    """A calendar file goes through the same input check: an alias bomb is named, not validated."""
    from cadre_rules._errors import CalendarFileError
    from cadre_rules.facts import WorkingDayCalendar

    lines = ["anchors:", *alias_bomb_head(ALIAS_LEVELS)[1:], "year: 2025", "holidays: *l7"]
    path = _write(tmp_path, "calendar.yaml", "\n".join(lines) + "\n")
    with pytest.raises(CalendarFileError) as info:
        WorkingDayCalendar.from_file(path)
    assert len(str(info.value).encode()) < 10_000 and "lol" not in str(info.value)


def test_an_unknown_waived_rule_is_quoted_by_a_prefix(compliant: dict[str, Any]) -> None:
    """A waiver naming an unknown rule with 100,000 characters (fuzz seed 1, input 516,373: the error was 100,042
    characters long) is named by its path and a prefix of the id; a short unknown id is quoted whole."""
    waiver = {"rule_id": "x" * 100_000, "basis": "default_exception", "reason": "理由"}
    with pytest.raises(CaseError) as info:
        validate(case_from_mapping(compliant | {"waivers": [waiver]}))
    (problem,) = info.value.problems
    assert problem.path == "waivers[0].rule_id" and problem.message_zh == "未知规则"
    assert problem.message_en.startswith("unknown rule 'xxx") and problem.message_en.endswith("…")
    assert len(str(info.value)) < 200
    with pytest.raises(CaseError, match=r"未知规则 / unknown rule 'committee\.no_such_rule'$"):
        validate(case_from_mapping(compliant | {"waivers": [waiver | {"rule_id": "committee.no_such_rule"}]}))


def test_a_problem_is_bounded_whatever_made_it() -> None:
    """A problem's path and messages are cut at PROBLEM_CHARS (… marks the cut); a shorter one is kept as made."""
    long = Problem("p" * 5_000, "e" * 5_000, "中" * 5_000)
    assert [len(t) for t in (long.path, long.message_en, long.message_zh)] == [PROBLEM_CHARS + 1] * 3
    assert long.message_zh.endswith("中…")
    assert Problem("a.b", "x" * PROBLEM_CHARS, "错").message_en == "x" * PROBLEM_CHARS
