"""POST /v1/batch: one line per case, in order, exactly as `cadre-rules batch` writes them."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from starlette.requests import Request

from cadre_rules.cli import main
from cadre_rules.records import load_case
from cadre_rules.service import create_app
from cadre_rules.service._batch import SPOOL_MEMORY, spool_body

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _jsonl(paths: list[Path]) -> bytes:
    return b"".join(load_case(p).model_dump_json(exclude_none=True).encode() + b"\n" for p in paths)


def test_lines_are_those_of_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Valid cases, a malformed line, a blank line and an invalid case give the CLI's lines, in order."""
    body = _jsonl(EXAMPLES[:3]) + b"{broken\n\n" + b'{"case_id": "x"}\n' + _jsonl(EXAMPLES[3:4])
    response = TestClient(create_app()).post(
        "/v1/batch?engine=native", content=body, headers={"content-type": "application/x-ndjson"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    file = tmp_path / "cases.jsonl"
    file.write_bytes(body)
    main(["batch", str(file), "--engine", "native"])
    expected = capsys.readouterr().out.replace(str(file), "(body)")
    assert response.text == expected
    outcomes = [json.loads(line)["outcome"] for line in response.text.splitlines()]
    assert len(outcomes) == 6 and outcomes[3] == outcomes[4] == "error"


def test_a_line_over_the_limit_is_a_failure_line_and_the_batch_goes_on() -> None:
    """A line longer than the single-check limit is named as a failure without being read; the next is checked."""
    case = _jsonl(EXAMPLES[:1])
    body = b'{"case_id": "' + b"x" * (len(case) + 100) + b'"}\n' + case
    response = TestClient(create_app(max_body=len(case) + 10)).post("/v1/batch", content=body)
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert [line["outcome"] for line in lines] == ["error", "compliant"]
    assert lines[0]["source"] == "(body):1" and "limit" in lines[0]["message"]["en"]


def test_an_unknown_profile_is_refused_before_any_case() -> None:
    """The batch's parameters are checked first: an unknown profile is a 400, not a failure line per case."""
    response = TestClient(create_app()).post("/v1/batch?profile=nowhere", content=_jsonl(EXAMPLES[:1]))
    assert response.status_code == 400 and response.json()["error"] == "unknown_profile"


def test_an_empty_batch_is_an_empty_answer() -> None:
    """No case, no line."""
    response = TestClient(create_app()).post("/v1/batch", content=b"\n\n")
    assert response.status_code == 200 and response.text == ""


def test_no_body_is_422() -> None:
    """A batch without a body is refused saying one case per line is expected."""
    response = TestClient(create_app()).post("/v1/batch")
    assert response.status_code == 422 and response.json()["problems"][0]["path"] == "(body)"


def test_a_large_body_goes_to_disk_and_is_read_line_by_line() -> None:
    """A batch body over 1 MiB is spooled to a temporary file; each of its 2,000 lines is answered, in order."""
    lines = [json.dumps({"case_id": f"c{i}", "pad": "x" * 600}).encode() + b"\n" for i in range(2000)]
    body = b"".join(lines)
    assert len(body) > SPOOL_MEMORY

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": body, "more_body": False}

    spool = asyncio.run(spool_body(Request({"type": "http", "method": "POST", "headers": []}, receive)))
    assert spool._rolled  # on disk, not in memory
    spool.close()
    response = TestClient(create_app()).post("/v1/batch?engine=native", content=body)
    answers = [json.loads(line) for line in response.text.splitlines()]
    assert [a["source"] for a in answers] == [f"(body):{i}" for i in range(1, 2001)]
    assert {a["case_id"] for a in answers} == {f"c{i}" for i in range(2000)}
