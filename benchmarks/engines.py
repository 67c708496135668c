"""Per-case time of each engine on the examples, measured in one run (not part of the test suite).

Usage: python benchmarks/engines.py [--repeat N]

Prints, for each engine, the mean time per validate() call over the examples (facts derivation, engine,
report), and the ratio durable / native measured in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from cadre_rules import load_case, validate

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def measure(engine: str, cases: list[object], repeat: int) -> float:
    """Mean seconds per case for ``engine``."""
    for case in cases:  # warm up: compile rulesets, load data
        validate(case, engine=engine)  # type: ignore[arg-type]
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        for case in cases:
            validate(case, engine=engine)  # type: ignore[arg-type]
        samples.append((time.perf_counter() - start) / len(cases))
    return statistics.median(samples)


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    cases = [load_case(p) for p in sorted(EXAMPLES.glob("*.yaml"))]
    native = measure("native", cases, args.repeat)
    durable = measure("durable", cases, args.repeat)
    print(f"cases: {len(cases)} examples x {args.repeat} rounds (median of per-round means)")
    print(f"native : {native * 1e6:8.1f} µs per case")
    print(f"durable: {durable * 1e6:8.1f} µs per case")
    print(f"ratio durable/native: {durable / native:.2f}")


if __name__ == "__main__":
    main()
