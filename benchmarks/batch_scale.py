"""A batch at scale: ``cadre-rules batch`` over N generated cases, its peak memory per process, its engine errors,
and a sample of its lines compared with one-by-one ``validate`` (issue 11: "1,000,000 generated cases with 2
workers … peak RSS < 300 MB per process, identical reports to one-by-one validate on a sample, 0 engine
errors"); not part of the test suite.

Usage: python benchmarks/batch_scale.py [--cases N] [--workers W] [--engine durable|native] [--sample-every K]

The cases are the shipped examples in turn, each with its own ``case_id`` (``scale-<i>``), written to the batch's
standard input by a thread; its standard output is read here line by line and never stored: every K-th line is
compared byte for byte with ``validate(case).to_json_bytes()`` computed here for the same case, the others are
only counted. Peak RSS (``VmHWM`` from /proc, sampled every second) is reported for the batch process and for
its largest worker. Exit 0 when every sampled line matched, the summary counts no engine error and no invalid
input, and every process stayed under ``--max-rss-mb`` (default 300); else 1. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from cadre_rules import validate
from cadre_rules.records._load import _CaseLoader

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _examples() -> list[dict[str, Any]]:
    return [yaml.load(p.read_text("utf-8"), Loader=_CaseLoader) for p in sorted(EXAMPLES.glob("*.yaml"))]


def case_of(examples: list[dict[str, Any]], index: int) -> dict[str, Any]:
    """The ``index``-th generated case."""
    return dict(examples[index % len(examples)], case_id=f"scale-{index}")


def lines(n: int) -> Iterator[bytes]:
    """The JSONL input of ``n`` generated cases."""
    examples = _examples()
    for i in range(n):
        yield (json.dumps(case_of(examples, i), ensure_ascii=False, default=str) + "\n").encode()


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(c) for c in found]


def _peak_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class PeakWatcher(threading.Thread):
    """Samples the peak RSS (VmHWM) of a process and of every process below it, every ``interval`` seconds."""

    def __init__(self, root: int, interval: float = 1.0) -> None:
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.peaks: dict[int, int] = {}
        self.done = threading.Event()

    def run(self) -> None:
        """Sample until ``done`` is set."""
        while not self.done.is_set():
            pending = [self.root]
            while pending:
                pid = pending.pop()
                self.peaks[pid] = max(self.peaks.get(pid, 0), _peak_kb(pid))
                pending.extend(_children(pid))
            self.done.wait(self.interval)


def main() -> int:
    """Run the batch, read and sample its output, print the verdict."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engine", choices=["durable", "native"], default="durable")
    parser.add_argument("--sample-every", type=int, default=1_000)
    parser.add_argument("--max-rss-mb", type=float, default=300.0)
    parser.add_argument("--progress", type=float, default=60.0, help="seconds between progress lines")
    args = parser.parse_args()
    examples = _examples()
    with tempfile.TemporaryDirectory(prefix="cadre-scale-") as folder:
        summary_path = Path(folder) / "summary.json"
        command = [sys.executable, "-m", "cadre_rules.cli", "batch", "-", "--workers", str(args.workers)]
        command += ["--engine", args.engine, "--summary", str(summary_path)]
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert proc.stdin is not None and proc.stdout is not None
        watcher = PeakWatcher(proc.pid)
        watcher.start()

        def feed() -> None:
            assert proc.stdin is not None
            for line in lines(args.cases):
                proc.stdin.write(line)
            proc.stdin.close()

        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        count = sampled = mismatched = 0
        first_mismatch = ""
        last = time.perf_counter()
        for raw in proc.stdout:
            if count % args.sample_every == 0:
                sampled += 1
                expected = validate(case_of(examples, count), engine=args.engine).to_json_bytes()
                if raw.rstrip(b"\n") != expected:
                    mismatched += 1
                    first_mismatch = first_mismatch or f"line {count + 1} (scale-{count})"
            count += 1
            if args.progress and time.perf_counter() - last >= args.progress:
                last = time.perf_counter()
                rate = count / (last - start)
                peak = max(watcher.peaks.values(), default=0) / 1024
                print(f"… {count} lines, {rate:.0f}/s, peak RSS so far {peak:.0f} MB", file=sys.stderr, flush=True)
        code = proc.wait()
        wall = time.perf_counter() - start
        watcher.done.set()
        watcher.join()
        feeder.join()
        summary = json.loads(summary_path.read_text("utf-8")) if summary_path.exists() else {}
    outcomes = summary.get("outcomes", {})
    parent = watcher.peaks.get(proc.pid, 0) / 1024
    workers = [kb / 1024 for pid, kb in watcher.peaks.items() if pid != proc.pid]
    worst = max([parent, *workers])
    print(
        f"{count} of {args.cases} cases, {args.workers} workers, engine {args.engine}: {wall:.0f} s wall, "
        f"{count / wall:.1f} cases/s; batch exit {code}"
    )
    print(f"outcomes: {json.dumps(outcomes, ensure_ascii=False)}")
    print(
        f"peak RSS: batch process {parent:.0f} MB, largest worker {max(workers, default=0):.0f} MB "
        f"({len(workers)} child processes seen)"
    )
    print(
        f"sample: {sampled} lines compared with one-by-one validate, {mismatched} differ"
        + (f" (first: {first_mismatch})" if first_mismatch else "")
    )
    ok = (
        count == args.cases
        and not mismatched
        and not outcomes.get("engine_error")
        and not outcomes.get("invalid_input")
        and worst < args.max_rss_mb
    )
    print("verdict: " + ("pass" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
