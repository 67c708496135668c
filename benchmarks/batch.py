"""Batch throughput and memory, JSONL in to JSONL out, measured in one run (not part of the test suite).

Usage: python benchmarks/batch.py [--cases N] [--memory-cases M] [--engines durable,native] [--workers 1,2]

For each engine and worker count, ``cadre-rules batch - --output /dev/null`` is run in a subprocess on N
generated cases (the shipped examples in turn, each with its own case_id) fed on standard input, and the
table gives the wall time, the CPU time of the batch process and its workers, cases per second of wall time,
cases per second per core (cases / CPU seconds), and the peak RSS of the parent and of the largest worker
(workers are sampled from /proc every 0.1 s: Linux only).
A last run over M cases (default 100,000) with 2 workers and the native engine gives the peak RSS after M
cases. The generator's own time is not counted (it runs in this process).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import yaml

from cadre_rules.records._load import _CaseLoader

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

RUNNER = """
import resource, sys
from cadre_rules.cli import main
code = main(["batch", "-", "--output", "/dev/null", *sys.argv[1:]])
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(code, me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime, me.ru_maxrss, kids.ru_maxrss)
"""


def lines(n: int) -> Iterator[bytes]:
    """``n`` JSONL cases: the shipped examples in turn, each with a distinct case_id."""
    examples = [yaml.load(p.read_text(encoding="utf-8"), Loader=_CaseLoader) for p in sorted(EXAMPLES.glob("*.yaml"))]
    for i in range(n):
        case = dict(examples[i % len(examples)], case_id=f"bench-{i}")
        yield (json.dumps(case, ensure_ascii=False, default=str) + "\n").encode()


TICK = os.sysconf("SC_CLK_TCK")


def _descendants(root: int) -> list[int]:
    """The process ids below ``root`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def _sample(pid: int) -> tuple[float, float] | None:
    """CPU seconds and peak RSS (MB) of a live process, or None once it is gone."""
    try:
        fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
        status = (Path("/proc") / str(pid) / "status").read_text()
    except OSError:
        return None
    hwm = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)
    return (int(fields[11]) + int(fields[12])) / TICK, hwm / 1024


class _Watcher(threading.Thread):
    """Samples the worker processes (forkserver children are not the batch process's waited children)."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root, self.done = root, threading.Event()
        self.seen: dict[int, tuple[float, float]] = {}

    def run(self) -> None:
        while not self.done.is_set():
            for pid in _descendants(self.root):
                sample = _sample(pid)
                if sample is not None:
                    self.seen[pid] = sample
            self.done.wait(0.1)


def run(n: int, engine: str, workers: int) -> dict[str, float]:
    """One batch of ``n`` cases: wall and CPU seconds, peak RSS (MB) of the parent and of the largest worker."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", RUNNER, "--engine", engine, "--workers", str(workers)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdin is not None and proc.stdout is not None
    watcher = _Watcher(proc.pid)
    watcher.start()
    for line in lines(n):
        proc.stdin.write(line)
    proc.stdin.close()
    out = proc.stdout.read().decode().split()
    proc.wait()
    wall = time.perf_counter() - start
    watcher.done.set()
    watcher.join()
    _, cpu_self, _, rss_self, _ = (float(x) for x in out)
    cpu = cpu_self + sum(c for c, _ in watcher.seen.values())  # workers: their last sample (≤ 0.1 s short)
    rss_kids = max((r for _, r in watcher.seen.values()), default=0.0) * 1024
    return {
        "wall": wall,
        "cpu": cpu,
        "per_s": n / wall,
        "per_s_core": n / cpu,
        "rss_parent": rss_self / 1024,
        "rss_worker": rss_kids / 1024,
    }


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000)
    parser.add_argument("--memory-cases", type=int, default=100_000)
    parser.add_argument("--engines", default="durable,native")
    parser.add_argument("--workers", default="1,2")
    args = parser.parse_args()
    header = f"{'engine':<8} {'workers':>7} {'cases':>8} {'wall s':>8} {'CPU s':>8} {'cases/s':>8} "
    header += f"{'cases/s/core':>12} {'RSS parent MB':>13} {'RSS worker MB':>13}"
    print(header)
    runs = [(e, int(w), args.cases) for e in args.engines.split(",") for w in args.workers.split(",") if args.cases]
    if args.memory_cases:
        runs.append(("native", 2, args.memory_cases))
    for engine, workers, n in runs:
        r = run(n, engine, workers)
        print(
            f"{engine:<8} {workers:>7} {n:>8} {r['wall']:>8.1f} {r['cpu']:>8.1f} {r['per_s']:>8.1f} "
            f"{r['per_s_core']:>12.1f} {r['rss_parent']:>13.1f} {r['rss_worker']:>13.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
