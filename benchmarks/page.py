"""The checking page: time to render a report as HTML, and to answer ``POST /check`` in-process.

    python benchmarks/page.py [--repeat 20]

For each example: the size of the page, the median and p90 time of :func:`render_report_html` on a report already
computed, and of a whole ``POST /check`` (form parsing, check with the default engine, rendering) through
FastAPI's test client. Figures depend on the machine and its load; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from fastapi.testclient import TestClient

from cadre_rules import validate
from cadre_rules.service import create_app
from cadre_rules.service._page import render_report_html

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _quantiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered) * 1000, ordered[int(0.9 * (len(ordered) - 1))] * 1000


def main() -> None:
    """Print one line per example: page size, render time and POST /check time (median and p90, ms)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    client = TestClient(create_app())
    print(f"{'example':45} {'KiB':>6} {'render ms (p50/p90)':>20} {'POST ms (p50/p90)':>20}")
    for path in sorted(EXAMPLES.glob("*.yaml")):
        report = validate(path)
        render_report_html(report)  # warm the template and word caches
        renders = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            render_report_html(report)
            renders.append(time.perf_counter() - start)
        text = path.read_text("utf-8")
        posts = []
        size = 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            response = client.post("/check", data={"case_text": text})
            posts.append(time.perf_counter() - start)
            size = len(response.content)
        r50, r90 = _quantiles(renders)
        p50, p90 = _quantiles(posts)
        print(f"{path.name:45} {size / 1024:6.0f} {r50:9.1f} / {r90:7.1f}  {p50:9.1f} / {p90:7.1f}")


if __name__ == "__main__":
    main()
