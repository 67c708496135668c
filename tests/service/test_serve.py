"""`cadre-rules serve`: starts uvicorn with worker processes, a decision log, and says how to install the extra."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from cadre_rules.cli import main

ROOT = Path(__file__).resolve().parents[2]
VIOLATIONS = ROOT / "examples" / "violations-finance-principal.yaml"


def test_missing_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Without uvicorn, serve exits 2 saying in Chinese and English to install cadre-rules[serve]."""
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "uvicorn" else real(name, *a))
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "pip install 'cadre-rules[serve]'" in err
    assert "需要安装 serve 附加依赖（缺少 uvicorn）" in err and "(uvicorn missing)" in err


def test_unwritable_decision_log_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A decision log that cannot be appended to is refused before the server starts."""
    assert main(["serve", "--decision-log", str(tmp_path / "no" / "such" / "dir.jsonl")]) == 2
    assert "--decision-log" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serves_with_two_workers_and_a_decision_log(tmp_path: Path) -> None:
    """Two worker processes answer checks; each check is one line of the decision log."""
    port, log = _free_port(), tmp_path / "decisions.jsonl"
    command = [sys.executable, "-m", "cadre_rules.cli", "serve", "--port", str(port), "--workers", "2"]
    output = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen(
        [*command, "--decision-log", str(log)], stdout=output, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            started = server.poll() is None and time.monotonic() < deadline
            assert started, (tmp_path / "server.log").read_text("utf-8", "replace")
            time.sleep(0.5)
        ids = []
        for _ in range(4):
            r = httpx.post(f"{base}/v1/check?engine=native", content=VIOLATIONS.read_bytes(), timeout=60)
            assert r.status_code == 200 and r.json()["outcome"] == "violations"
            ids.append(r.headers["x-decision-id"])
        entries = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
        assert sorted(e["decision_id"] for e in entries) == sorted(ids)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        output.close()
