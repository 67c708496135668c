"""Hostile inputs through the CLI, each in its own process: time and peak memory (not part of the test suite).

Usage: python benchmarks/hostile.py [--engine native|durable] [--only NAME ...] [--json FILE]

Issue 13 sets the bounds every hostile file must keep: ``cadre-rules check`` exits 2 with a clean message (no
traceback) in under 5 seconds and under 500 MB of memory. This script builds each hostile input in a temporary
folder (an 8-level YAML alias bomb, a million-item list, aliases nesting 3,000 × 3,000 records, a FIFO,
``/dev/zero`` and ``/dev/urandom`` as the case file and ``/dev/zero`` on standard input, a directory, JSON and YAML
nested 100,000 deep, duplicate keys, a GBK file, a lone surrogate, a file over the size limit), runs
``python -m cadre_rules.cli check`` on it, and prints one row per input: the exit code, the wall time, the
child's peak RSS (``wait4``), the size of its standard error, whether a traceback appeared, and whether the row
keeps the bounds; the first row, a valid case (exit 0), is the cost of a cold check for comparison. The exit
status is 1 when any row breaks them.

Timings vary with the machine (it is shared): they are measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from cadre_rules.testing._hostile import alias_bomb_head, nested_aliases_head, yaml_with

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "compliant-county-promotion.yaml"
MAX_SECONDS = 5.0
MAX_RSS_MB = 500.0
TIMEOUT = 60.0
BASELINE = "baseline-valid-case"
DEEP = 100_000


@dataclass
class Row:
    """One hostile input's run."""

    name: str
    exit_code: int | None
    seconds: float
    peak_rss_mb: float
    stderr_bytes: int
    traceback: bool
    within_bounds: bool
    first_line: str


def _record() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    return data


def _dump(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, default=str)


def _alias_bomb(folder: Path) -> Path:
    record = _record()
    record["candidate"]["name"] = "BOMB_NAME"
    return _write(folder / "bomb.yaml", yaml_with(record, {"BOMB_NAME": "*l7"}, alias_bomb_head(8)))


def _nested_aliases(folder: Path) -> Path:
    record = _record()
    record["procedure"]["candidates"] = "CANDIDATES"
    return _write(folder / "nested.yaml", yaml_with(record, {"CANDIDATES": "*cs"}, nested_aliases_head(3000)))


def _million(folder: Path) -> Path:
    record = _record()
    record["candidate"]["grew_up_in"] = [0] * 1_000_000
    return _write(folder / "million.json", _dump(record))


def _fifo(folder: Path) -> Path:
    path = folder / "fifo.yaml"
    os.mkfifo(path)
    return path


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


Input = tuple[Callable[[Path], Path | str], str | None]
"""How to make the case argument in a folder, and what to give as standard input (a file path or None)."""

INPUTS: dict[str, Input] = {
    "baseline-valid-case": (lambda folder: EXAMPLE, None),  # the reference: a valid case, exit 0
    "alias-bomb-8-levels": (_alias_bomb, None),
    "nested-aliases-3000x3000": (_nested_aliases, None),
    "million-item-list": (_million, None),
    "fifo": (_fifo, None),
    "directory": (lambda folder: folder, None),
    "dev-zero-as-file": (lambda folder: "/dev/zero", None),
    "dev-urandom-as-file": (lambda folder: "/dev/urandom", None),
    "dev-zero-on-stdin": (lambda folder: "-", "/dev/zero"),
    "dev-urandom-on-stdin": (lambda folder: "-", "/dev/urandom"),
    "json-100000-deep": (lambda folder: _write(folder / "deep.json", "[" * DEEP + "]" * DEEP), None),
    "json-object-100000-deep": (lambda folder: _write(folder / "o.json", '{"a":' * DEEP + "1" + "}" * DEEP), None),
    "yaml-flow-100000-deep": (lambda folder: _write(folder / "deep.yaml", "[" * DEEP + "]" * DEEP), None),
    "yaml-block-100000-deep": (lambda folder: _write(folder / "block.yaml", "- " * DEEP + "x\n"), None),
    "duplicate-key-yaml": (
        lambda folder: _write(folder / "dup.yaml", EXAMPLE.read_text(encoding="utf-8") + "case_id: again\n"),
        None,
    ),
    "duplicate-key-json": (
        lambda folder: _write(folder / "dup.json", _dump(_record())[:-1] + ', "case_id": "again"}'),
        None,
    ),
    "gbk-file": (
        lambda folder: _write_bytes(folder / "gbk.yaml", EXAMPLE.read_text(encoding="utf-8").encode("gb18030")),
        None,
    ),
    "lone-surrogate": (lambda folder: _write(folder / "s.json", '{"case_id": "\\ud800"}'), None),
    "over-10-MB": (lambda folder: _write(folder / "big.yaml", "x: '" + "a" * (11 * 1024 * 1024) + "'\n"), None),
}


def _run(name: str, argument: Path | str, stdin: str | None, engine: str, folder: Path) -> Row:
    """Run ``check`` on one input in a child process; its peak RSS comes from ``wait4``."""
    command = [sys.executable, "-m", "cadre_rules.cli", "check", str(argument), "--engine", engine]
    err_path = folder / f"{name}.stderr"
    with open(err_path, "wb") as err, open(stdin or os.devnull, "rb") as given:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdin=given, stdout=subprocess.DEVNULL, stderr=err)
        status = None
        while time.perf_counter() - started < TIMEOUT:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.01)
        else:
            child.send_signal(signal.SIGKILL)
            _, status, usage = os.wait4(child.pid, 0)
            status = None
        seconds = time.perf_counter() - started
        child.returncode = 0  # reaped by wait4 above: keep Popen from waiting again
    code = os.waitstatus_to_exitcode(status) if status is not None else None
    text = err_path.read_text(encoding="utf-8", errors="replace")
    rss = usage.ru_maxrss / 1024  # kilobytes on Linux
    traceback = "Traceback" in text
    ok = code == (0 if name == BASELINE else 2) and not traceback and seconds < MAX_SECONDS and rss < MAX_RSS_MB
    first = next((line.strip() for line in text.splitlines()[1:2]), text.strip()[:100])
    return Row(name, code, seconds, rss, len(text.encode()), traceback, ok, first[:110])


def main(argv: list[str] | None = None) -> int:
    """Run every hostile input (or those named by ``--only``) and print the table; 1 if any breaks the bounds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--engine", choices=["native", "durable"], default="native")
    parser.add_argument("--only", nargs="*", choices=sorted(INPUTS), default=None)
    parser.add_argument("--json", default=None, help="also write the rows as JSON to this file")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (make, stdin) in INPUTS.items():
            if args.only and name not in args.only:
                continue
            folder = Path(tmp) / name
            folder.mkdir()
            rows.append(_run(name, make(folder), stdin, args.engine, folder))
    print(f"bounds: exit 2, no traceback, < {MAX_SECONDS:g} s, < {MAX_RSS_MB:g} MB peak RSS (issue 13)")
    print(f"{'input':<26} {'exit':>4} {'seconds':>8} {'RSS MB':>7} {'stderr B':>8}  ok   message")
    for r in rows:
        code = "hang" if r.exit_code is None else str(r.exit_code)
        mark = "yes" if r.within_bounds else "NO "
        figures = f"{code:>4} {r.seconds:>8.2f} {r.peak_rss_mb:>7.1f} {r.stderr_bytes:>8}"
        print(f"{r.name:<26} {figures}  {mark}  {r.first_line}")
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2) + "\n")
    return 0 if all(r.within_bounds for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
