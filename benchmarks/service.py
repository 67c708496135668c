"""Load test of the HTTP service on loopback (not part of the test suite).

Usage: python benchmarks/service.py [--seconds 20] [--concurrency 8] [--workers 2] [--engines durable,native]
                                    [--citations inline,ref]

Starts ``cadre-rules serve --workers W`` on a free loopback port, waits for ``/healthz``, then for each engine
(and citation mode) drives ``POST /v1/check`` for the given time with C concurrent clients (httpx, asyncio),
each sending the shipped examples in turn as YAML.  Prints requests per second, p50/p90/p99 latency and the count
of non-200 answers per engine.  A few requests per engine warm the workers first (not counted).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_ready(base: str, server: subprocess.Popen[bytes], limit: float = 180) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}")
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit("the server did not answer /healthz in time")


async def _drive(url: str, bodies: list[bytes], seconds: float, concurrency: int) -> tuple[list[float], int, float]:
    """Latencies (s) of the 200 answers, the count of other answers, and the wall time."""
    latencies: list[float] = []
    failures = 0
    headers = {"content-type": "application/yaml"}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:

        async def one(worker: int) -> None:
            nonlocal failures
            i = worker
            while time.monotonic() < stop:
                start = time.perf_counter()
                response = await client.post(url, content=bodies[i % len(bodies)], headers=headers)
                await response.aread()
                elapsed = time.perf_counter() - start
                if response.status_code == 200:
                    latencies.append(elapsed)
                else:
                    failures += 1
                i += concurrency

        begin = time.monotonic()
        stop = begin + seconds
        await asyncio.gather(*(one(w) for w in range(concurrency)))
        return latencies, failures, time.monotonic() - begin


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    """Run the load test and print one line per engine."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engines", default="durable,native")
    parser.add_argument("--citations", default="inline")
    args = parser.parse_args()
    bodies = [p.read_bytes() for p in EXAMPLES]
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "cadre_rules.cli", "serve", "--port", str(port), "--workers", str(args.workers)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait_ready(base, server)
        print(
            f"cadre-rules serve --workers {args.workers} on loopback; {os.cpu_count()} CPUs; "
            f"{args.concurrency} concurrent clients; {args.seconds:g} s per run; {len(bodies)} example cases (YAML)"
        )
        head = ("requests", "req/s", "p50 ms", "p90 ms", "p99 ms", "non-200")
        print(f"{'engine':<8} {'citations':<9} " + " ".join(f"{h:>8}" for h in head))
        for engine in args.engines.split(","):
            for citations in args.citations.split(","):
                url = f"{base}/v1/check?engine={engine}&citations={citations}"
                asyncio.run(_drive(url, bodies, 2, args.concurrency))  # warm-up, not counted
                latencies, failures, wall = asyncio.run(_drive(url, bodies, args.seconds, args.concurrency))
                ms = [x * 1000 for x in latencies]
                p50 = statistics.median(ms) if ms else float("nan")
                p90 = _percentile(ms, 0.90) if ms else float("nan")
                p99 = _percentile(ms, 0.99) if ms else float("nan")
                print(
                    f"{engine:<8} {citations:<9} {len(ms):>8} {len(ms) / wall:>8.1f} {p50:>8.0f} {p90:>8.0f} "
                    f"{p99:>8.0f} {failures:>8}"
                )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
