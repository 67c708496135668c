"""The decision log: one JSON line per check, no name or ID number, safe appends from several processes."""

from __future__ import annotations

import json
import multiprocessing
import uuid
from datetime import datetime
from pathlib import Path

from fastapi.testclient import TestClient

from cadre_rules import validate
from cadre_rules.records import load_case
from cadre_rules.report import Report
from cadre_rules.service import create_app
from cadre_rules.service._app import DECISION_HEADER
from cadre_rules.service._log import DecisionLog

ROOT = Path(__file__).resolve().parents[2]
VIOLATIONS = ROOT / "examples" / "violations-finance-principal.yaml"
ID_NUMBER = "110105198503151230"


def test_off_by_default() -> None:
    """Without a decision log, the app has none and a check sends no decision id."""
    app = create_app()
    response = TestClient(app).post("/v1/check", content=VIOLATIONS.read_bytes())
    assert response.status_code == 200 and DECISION_HEADER not in response.headers
    assert app.state.decision_log is None


def test_one_line_per_check(tmp_path: Path) -> None:
    """Each check appends one line with the decision id it answered, the outcome and the rules at fault."""
    log = tmp_path / "decisions.jsonl"
    client = TestClient(create_app(decision_log=log))
    ids = [client.post("/v1/check?engine=native", content=VIOLATIONS.read_bytes()).headers[DECISION_HEADER]]
    with VIOLATIONS.open("rb") as f:
        ids.append(client.post("/v1/check/upload", files={"file": ("case.yaml", f)}).headers[DECISION_HEADER])
    lines = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
    assert [line["decision_id"] for line in lines] == ids
    report = validate(VIOLATIONS, engine="native")
    first = lines[0]
    assert uuid.UUID(first["decision_id"]).version == 4
    assert datetime.fromisoformat(first["time"]).tzinfo is not None
    assert first["outcome"] == report.outcome == "violations"
    assert (first["profile"], first["engine"], first["case_id"]) == ("default", "native", report.case_id)
    assert first["ruleset_version"] == report.ruleset_version
    binding = [f for f in report.findings if f.severity != "advice"]
    assert first["violated"] == [f.rule_id for f in binding if f.status == "violated"]
    assert first["indeterminate"] == [f.rule_id for f in binding if f.status == "indeterminate"]


def test_no_name_and_no_id_number(tmp_path: Path) -> None:
    """A line never holds the candidate's name or ID number, even when the case id carries the ID number."""
    case = load_case(VIOLATIONS).model_dump(mode="json", exclude_none=True)
    case["candidate"]["id_number"] = ID_NUMBER
    case["case_id"] = f"dossier-{ID_NUMBER}"
    log = tmp_path / "decisions.jsonl"
    response = TestClient(create_app(decision_log=log)).post("/v1/check", json=case)
    assert response.status_code == 200
    text = log.read_text("utf-8")
    assert ID_NUMBER not in text and case["candidate"]["name"] not in text
    assert json.loads(text)["case_id"].startswith("dossier-1101")


def test_batch_logs_each_case(tmp_path: Path) -> None:
    """A batch logs one line per checked case (failures are not decisions)."""
    line = load_case(VIOLATIONS).model_dump_json(exclude_none=True).encode() + b"\n"
    log = tmp_path / "decisions.jsonl"
    TestClient(create_app(decision_log=log)).post("/v1/batch", content=line + b"{}\n" + line)
    lines = [json.loads(x) for x in log.read_text("utf-8").splitlines()]
    assert [x["source"] for x in lines] == ["(body):1", "(body):3"]


def _append(args: tuple[str, int]) -> None:
    path, worker = args
    report = Report(
        case_id=f"w{worker}-" + "x" * 3000, as_of="2025-01-01", profile="default", engine="native",
        ruleset_version="v", findings=[],
    )  # fmt: skip
    log = DecisionLog(Path(path))
    for _ in range(150):
        log.record(report)


def test_appends_from_several_processes_never_interleave(tmp_path: Path) -> None:
    """Four processes appending at once leave only whole lines, every one of them."""
    path = tmp_path / "decisions.jsonl"
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        pool.map(_append, [(str(path), w) for w in range(4)])
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b""
    entries = [json.loads(line) for line in lines[:-1]]
    assert len(entries) == 600
    assert sorted({e["case_id"][:3] for e in entries}) == ["w0-", "w1-", "w2-", "w3-"]
    assert len({e["decision_id"] for e in entries}) == 600


def test_a_line_break_in_the_case_id_stays_inside_its_line(tmp_path: Path) -> None:
    """U+2028, U+2029 and U+0085 in the case id are written as escapes: one check, one line, for any reader."""
    case = load_case(VIOLATIONS).model_dump(mode="json", exclude_none=True) | {"case_id": "a\u2028b\u2029c\x85d"}
    log = tmp_path / "decisions.jsonl"
    TestClient(create_app(decision_log=log)).post("/v1/check", json=case)
    [line] = log.read_text("utf-8").splitlines()
    assert json.loads(line)["case_id"] == case["case_id"]
