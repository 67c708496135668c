"""Files read safely (cadre_rules/_files.py): regular files only, bounded size, bounded nesting, no duplicate keys,
a BOM tolerated, other encodings named; every hostile file ends in a named error, never a traceback or a hang."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from cadre_rules._errors import CalendarFileError, CaseError, ProfileError
from cadre_rules._files import (
    DEFAULT_MAX_INPUT_BYTES,
    MAX_DEPTH,
    MAX_INPUT_ENV,
    bounded_lines,
    decode_text,
    encoding_guess,
    max_input_bytes,
    read_bytes,
    read_stream,
)
from cadre_rules._yaml import CaseLoader, PureCaseLoader, PureSafeLoader, SafeLoader
from cadre_rules.cli import main
from cadre_rules.records import load_case
from tests.conftest import ROOT, example

DEEP = 100_000


def _case_json(**patch: Any) -> str:
    record = example("compliant-county-promotion.yaml") | patch
    return json.dumps(record, ensure_ascii=False, default=str)


def _case_yaml() -> str:
    return (ROOT / "examples" / "compliant-county-promotion.yaml").read_text(encoding="utf-8")


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "case.yaml"
    os.mkfifo(path)
    return path


HOSTILE: dict[str, Any] = {
    "fifo": _fifo,
    "directory": lambda tmp: tmp,
    "dev-zero": lambda tmp: Path("/dev/zero"),
    "dev-urandom": lambda tmp: Path("/dev/urandom"),
    "deep-json": lambda tmp: _put(tmp, "deep.json", "[" * DEEP + "]" * DEEP),
    "deep-json-object": lambda tmp: _put(tmp, "deep2.json", '{"a":' * DEEP + "1" + "}" * DEEP),
    "deep-yaml-flow": lambda tmp: _put(tmp, "deep.yaml", "case_id: x\nbad: " + "[" * DEEP + "]" * DEEP + "\n"),
    "deep-yaml-block": lambda tmp: _put(tmp, "deep2.yaml", "- " * DEEP + "x\n"),
    "duplicate-yaml": lambda tmp: _put(tmp, "dup.yaml", _case_yaml() + "case_id: again\n"),
    "duplicate-json": lambda tmp: _put(tmp, "dup.json", _case_json()[:-1] + ', "case_id": "again"}'),
    "gbk": lambda tmp: _put_bytes(tmp, "gbk.yaml", _case_yaml().encode("gb18030")),
    "utf16": lambda tmp: _put_bytes(tmp, "utf16.json", _case_json().encode("utf-16")),
    "binary": lambda tmp: _put_bytes(tmp, "bin.yaml", bytes(range(256)) * 4),
    "long-int-json": lambda tmp: _put(tmp, "long.json", _case_json()[:-1] + ', "x": ' + "9" * 5000 + "}"),
    "long-int-yaml": lambda tmp: _put(tmp, "long.yaml", _case_yaml() + "x: " + "9" * 5000 + "\n"),
}
"""Hostile inputs by name: each must end in exit 2 with a short, named message."""
EXPECTED = {
    "fifo": ("命名管道", "named pipe"),
    "directory": ("目录", "directory"),
    "dev-zero": ("字符设备", "character device"),
    "dev-urandom": ("字符设备", "character device"),
    "deep-json": ("嵌套超过 64 层", "nested deeper than 64"),
    "deep-json-object": ("嵌套超过 64 层", "nested deeper than 64"),
    "deep-yaml-flow": ("嵌套", "nesting"),
    "deep-yaml-block": ("嵌套", "nesting"),
    "duplicate-yaml": ("重复的键 'case_id'", "duplicate key 'case_id'"),
    "duplicate-json": ("重复的键 'case_id'", "duplicate key 'case_id'"),
    "gbk": ("GB18030/GBK", "GB18030/GBK"),
    "utf16": ("UTF-16", "UTF-16"),
    "binary": ("二进制数据", "binary data"),
    "long-int-json": ("整数超过 100 位", "an integer of more than 100 digits"),
    "long-int-yaml": ("整数超过 100 位", "an integer of more than 100 digits"),
}


def _put(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _put_bytes(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_is_a_named_error(tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Each hostile file exits 2 from ``check`` with a short bilingual message naming it, and no traceback."""
    path = HOSTILE[name](tmp_path)
    assert main(["check", str(path), "--engine", "native"]) == 2
    captured = capsys.readouterr()
    zh, en = EXPECTED[name]
    assert captured.out == ""
    assert zh in captured.err and en in captured.err, captured.err
    assert "Traceback" not in captured.err and len(captured.err) < 2_000


def test_duplicate_yaml_key_names_its_line(tmp_path: Path) -> None:
    """A key written twice is refused at the line of the second one."""
    text = _case_yaml()
    path = _put(tmp_path, "dup.yaml", text + "case_id: again\n")
    with pytest.raises(CaseError) as info:
        load_case(path)
    (problem,) = info.value.problems
    assert problem.path == f"{path}:{text.count(chr(10)) + 1}:1"


def test_duplicate_json_key_names_its_line(tmp_path: Path) -> None:
    """A JSON key written twice (even escaped differently) is refused at its line and column."""
    path = _put(tmp_path, "dup.json", '{\n  "a": {"k": 1,\n  "\\u006b": 2}\n}\n')
    with pytest.raises(CaseError) as info:
        load_case(path)
    (problem,) = info.value.problems
    assert problem.path == f"{path}:3:3" and "'k'" in problem.message_en


def test_same_key_in_different_objects_is_fine(tmp_path: Path) -> None:
    """Keys repeat freely across objects: only one object's own keys must differ."""
    record = example("compliant-county-promotion.yaml")
    path = _put(tmp_path, "ok.json", json.dumps(record, ensure_ascii=False, default=str))
    assert load_case(path).case_id == record["case_id"]


def test_yaml_merge_key_still_overrides() -> None:
    """A key after a merge ``<<`` overrides the merged one (YAML's rule), in every loader."""
    text = "base: &b {a: 1, c: 3}\nuse: {<<: *b, a: 2}\n"
    for loader in (CaseLoader, PureCaseLoader, SafeLoader, PureSafeLoader):
        assert yaml.load(text, Loader=loader)["use"] == {"a": 2, "c": 3}


@pytest.mark.parametrize("depth", [MAX_DEPTH, MAX_DEPTH + 1])
def test_nesting_limit_is_exact_and_alike(tmp_path: Path, depth: int) -> None:
    """64 levels load; 65 are refused at the same place by JSON, the C and the pure YAML loaders."""
    text = "[" * depth + "]" * depth
    results = []
    for loader in (CaseLoader, PureCaseLoader):
        try:
            results.append(yaml.load(text, Loader=loader))
        except yaml.YAMLError as exc:
            mark = exc.problem_mark  # type: ignore[attr-defined]
            results.append((mark.line, mark.column, exc.problem))  # type: ignore[attr-defined]
    assert results[0] == results[1]
    path = _put(tmp_path, "n.json", text)
    if depth > MAX_DEPTH:
        assert results[0] == (0, MAX_DEPTH, f"nested deeper than {MAX_DEPTH} levels of lists and mappings")
        with pytest.raises(CaseError) as info:
            load_case(path)
        assert info.value.problems[0].path == f"{path}:1:{MAX_DEPTH + 1}"
    else:
        with pytest.raises(CaseError) as info:  # shallow enough: refused only as not a mapping
            load_case(path)
        assert "mapping" in str(info.value)


def test_alias_chain_counts_as_expanded() -> None:
    """Aliases nesting each other count by the depth they expand to, not by how the text is indented."""
    text = "l0: &l0 [1]\n" + "".join(f"l{i}: &l{i} [*l{i - 1}]\n" for i in range(1, MAX_DEPTH + 2))
    for loader in (CaseLoader, PureCaseLoader):
        with pytest.raises(yaml.YAMLError, match="nested deeper"):
            yaml.load(text, Loader=loader)


def test_bom_is_tolerated_in_json_and_yaml(tmp_path: Path) -> None:
    """A UTF-8 byte-order mark opens a JSON or YAML case without changing it."""
    want = load_case(ROOT / "examples" / "compliant-county-promotion.yaml")
    json_path = _put_bytes(tmp_path, "bom.json", b"\xef\xbb\xbf" + _case_json().encode("utf-8"))
    yaml_path = _put_bytes(tmp_path, "bom.yaml", b"\xef\xbb\xbf" + _case_yaml().encode("utf-8"))
    assert load_case(json_path) == want and load_case(yaml_path) == want


def test_bom_json_checks_from_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI checks a JSON case saved with a BOM (as Windows editors do) like any other."""
    path = _put_bytes(tmp_path, "bom.json", b"\xef\xbb\xbf" + _case_json().encode("utf-8"))
    assert main(["check", str(path), "--engine", "native", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["outcome"] == "compliant"


def test_size_limit_argument_and_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The limit comes from the argument, else the environment variable, else 10 MB; over it is a named error."""
    path = _put(tmp_path, "case.yaml", _case_yaml())
    size = path.stat().st_size
    assert max_input_bytes() == DEFAULT_MAX_INPUT_BYTES
    with pytest.raises(CaseError) as info:
        load_case(path, max_bytes=size - 1)
    assert f"larger than {size - 1} bytes" in str(info.value) and str(path) in info.value.problems[0].path
    assert load_case(path, max_bytes=size).case_id
    monkeypatch.setenv(MAX_INPUT_ENV, str(size - 1))
    with pytest.raises(CaseError, match=MAX_INPUT_ENV):
        load_case(path)
    monkeypatch.setenv(MAX_INPUT_ENV, "ten")
    with pytest.raises(CaseError) as info:
        load_case(path)
    assert info.value.problems[0].path == MAX_INPUT_ENV


def test_read_bytes_reads_at_most_one_byte_over(tmp_path: Path) -> None:
    """A file growing past its stat size is still cut at limit + 1 bytes and refused."""
    path = _put_bytes(tmp_path, "f.json", b"x" * 100)
    assert read_bytes(path, limit=100) == b"x" * 100
    with pytest.raises(CaseError, match="larger than 99 bytes"):
        read_bytes(path, limit=99)


def test_stream_is_bounded() -> None:
    """Standard input is read up to the limit and refused beyond it, whatever its length."""
    assert read_stream(io.BytesIO(b"a" * 10), limit=10) == b"a" * 10
    with pytest.raises(CaseError, match="larger than 10 bytes"):
        read_stream(io.BytesIO(b"a" * 11), limit=10)


def test_bounded_lines_stop_at_an_overlong_line() -> None:
    """JSONL lines are read one at a time; a line over the limit is flagged and ends the stream."""
    lines = list(bounded_lines(io.BytesIO(b"12345\n1234\n" + b"z" * 50 + b"\nnext\n"), limit=6))
    assert lines == [b"12345\n", b"1234\n", None]


@pytest.mark.parametrize(
    ("data", "guess"),
    [
        ("干部任免".encode("gbk"), "GB18030/GBK"),
        ("干部".encode("utf-16"), "UTF-16"),
        ("干部".encode("utf-32"), "UTF-32"),
        ("case_id: 干部".encode("utf-16-le"), "UTF-16 text without"),
        (b"\x00\x01\x02\xff" * 10, "binary"),
        (b"a\x80\x80\x80", None),
    ],
)
def test_encoding_guess(data: bytes, guess: str | None) -> None:
    """Bytes that are not UTF-8 are named with what they look like, when anything fits."""
    found = encoding_guess(data)
    assert (found is None) if guess is None else (found is not None and found[0].startswith(guess)), found


def test_undecodable_text_names_line_and_column() -> None:
    """The first bad byte is named by line and column, in Chinese and English."""
    data = "a: 1\nb: 干部\n".encode("gbk")
    with pytest.raises(CaseError) as info:
        decode_text(data, "x.yaml")
    (problem,) = info.value.problems
    assert "line 2, column 4" in problem.message_en and "第 2 行第 4 列" in problem.message_zh
    assert "GB18030/GBK" in problem.message_en and "另存为 UTF-8" in problem.message_zh


def test_calendar_and_profile_files_use_the_same_reader(tmp_path: Path) -> None:
    """A calendar or a profile that is a directory, or has a duplicate key, is refused by their own error."""
    from cadre_rules.facts import WorkingDayCalendar
    from cadre_rules.profiles import load_profile
    from cadre_rules.rules import default_registry

    with pytest.raises(CalendarFileError, match="directory"):
        WorkingDayCalendar.from_file(tmp_path)
    profile = _put(tmp_path, "p.yaml", "name: x\nname: y\n")
    with pytest.raises(ProfileError, match="duplicate key 'name'"):
        load_profile(str(profile), default_registry())
    with pytest.raises(ProfileError, match="named pipe"):
        load_profile(str(_fifo(tmp_path)), default_registry())


def test_lrmx_fifo_is_refused(tmp_path: Path) -> None:
    """A FIFO named as a 任免审批表 is refused at once, not opened for reading."""
    from cadre_rules.lrmx import read_lrmx

    fifo = tmp_path / "form.lrmx"
    os.mkfifo(fifo)
    with pytest.raises(CaseError, match="named pipe"):
        read_lrmx(fifo)


def test_batch_line_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A JSONL line with a duplicate key or deep nesting is a failure line; a FIFO as the JSONL file is refused."""
    good = _case_json()
    lines = [good, good[:-1] + ', "case_id": "again"}', "[" * DEEP + "]" * DEEP, good]
    jsonl = _put(tmp_path, "cases.jsonl", "\n".join(lines) + "\n")
    assert main(["batch", str(jsonl), "--engine", "native"]) == 2
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["outcome"] for r in out] == ["compliant", "error", "error", "compliant"]
    assert "duplicate key" in out[1]["message"]["en"] and "嵌套超过" in out[2]["message"]["zh"]
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    assert main(["batch", str(fifo), "--engine", "native"]) == 2
    assert "named pipe" in capsys.readouterr().err


def _cli(*args: str, stdin: Any = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "cadre_rules.cli", *args]
    return subprocess.run(command, stdin=stdin, capture_output=True, text=True, timeout=60, check=False)


def test_cli_process_on_hostile_inputs(tmp_path: Path) -> None:
    """In a real process: a FIFO, /dev/zero on standard input and 100,000-deep JSON each exit 2 quickly, with a
    clean message and no traceback (a hang fails by the timeout)."""
    deep = _put(tmp_path, "deep.json", "[" * DEEP + "]" * DEEP)
    with open("/dev/zero", "rb") as zero:
        runs = [
            _cli("check", str(_fifo(tmp_path)), "--engine", "native"),
            _cli("check", "-", "--engine", "native", stdin=zero),
            _cli("check", str(deep), "--engine", "native"),
        ]
    for run, needle in zip(runs, ["named pipe", "larger than 10 MB", "nested deeper"], strict=True):
        assert run.returncode == 2 and needle in run.stderr and "Traceback" not in run.stderr, run.stderr


def test_fifo_swapped_in_after_stat_does_not_hang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A FIFO that passes the first look (os.stat says regular file) is opened without blocking and refused by
    the check on the open descriptor."""
    import cadre_rules._files as files

    regular = _put(tmp_path, "regular.yaml", "a: 1\n").stat()
    fifo = _fifo(tmp_path)
    monkeypatch.setattr(files.os, "stat", lambda path: regular)
    with pytest.raises(CaseError, match="named pipe"):
        read_bytes(fifo)
