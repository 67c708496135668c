"""The batch path gives the answer the library gives, on the fuzz harness's inputs (issue 13: one answer per case
whatever the path): ``cadre-rules batch DIR`` writes, for each fuzzed case file, the line of ``validate()`` on that
file, or an ``invalid_input`` line naming it where ``validate()`` raises a CaseError with the same problems; no
line shows a full ID number. ``BATCH_FUZZ_INPUTS`` sets how many inputs (default 40)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from cadre_rules import CaseError, validate
from cadre_rules.cli import main
from cadre_rules.testing._fuzz import bases, id_numbers_in, long_ints, make_input, write_case

INPUTS = int(os.environ.get("BATCH_FUZZ_INPUTS", "40"))
SEED = 4


def test_batch_lines_are_validates_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every fuzzed file of a directory gets one line, in file order: validate()'s compact report JSON, or an
    invalid_input failure listing the problems of validate()'s CaseError."""
    folder = tmp_path / "cases"
    folder.mkdir()
    pool = bases(4)
    ids: set[str] = set()
    expected: dict[str, str | list[str]] = {}
    with long_ints():
        for index in range(INPUTS):
            item, data = make_input(SEED, index, pool)
            ids |= id_numbers_in(data)
            path = write_case(data, item, folder)
            named = path.rename(folder / f"{index:05d}{path.suffix}")
            try:
                expected[str(named)] = validate(named, engine="native").to_json(indent=None)
            except CaseError as exc:
                expected[str(named)] = [p.path for p in exc.problems]
        out = tmp_path / "out.jsonl"
        code = main(["batch", str(folder), "--engine", "native", "--output", str(out)])
    capsys.readouterr()
    lines = out.read_bytes().decode("utf-8").split("\n")[:-1]  # not splitlines(): a text may hold U+2028
    assert len(lines) == INPUTS
    failures = 0
    for source, line in zip(sorted(expected), lines, strict=True):
        want = expected[source]
        if isinstance(want, str):
            assert line == want, source
        else:
            failures += 1
            got = json.loads(line)
            assert (got["outcome"], got["error"], got["source"]) == ("error", "invalid_input", source)
            assert [p["path"] for p in got["problems"]] == want, source
        assert not any(number in line for number in ids), source
    assert INPUTS // 10 <= failures <= INPUTS - INPUTS // 10, "too few reports or too few errors: the run tests little"
    assert code == 2  # some case could not be checked
    print(
        f"batch fuzz, seed {SEED}: {INPUTS} inputs, {INPUTS - failures} reports, {failures} failures", file=sys.stderr
    )
