"""Fuzz cadre-rules with structured mutations of the shipped cases (not part of the test suite's pass/fail).

Usage:
    python benchmarks/fuzz.py --inputs N --cli-inputs M --seed S --workers W [--out bad.jsonl]

Each input (a shipped case with one to three mutations, the same for a given seed and index) goes through
``validate(mapping)`` on both engines, ``validate(Case)``, ``validate(path)``, and for M of them the CLI
(``cadre-rules check --format json FILE``).  Prints a table of outcome counts and writes each distinct bad
outcome (deduplicated by signature) with its count, the input and a minimal reproducer to a JSONL file.
``--known`` leaves out of the exit status the signatures listed in ``tests/fuzz/known.py`` (causes being
fixed, with their issue).  Exit 0 when there is no bad outcome (none but known ones with ``--known``), else 1.
See README.md, "Fuzzing".
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

from cadre_rules.testing._fuzz import Settings, Summary, cpu_count, run, write_records

ROOT = Path(__file__).resolve().parents[1]


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    """Run the harness and print the table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=1000, help="API inputs (default 1000)")
    parser.add_argument("--cli-inputs", type=int, default=20, help="of which also through the CLI (default 20)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=1, help=f"worker processes (this machine: {cpu_count()})")
    parser.add_argument("--timeout", type=float, default=20.0, help="CPU seconds per API call (default 20)")
    parser.add_argument("--cli-timeout", type=float, default=60.0, help="seconds per CLI run (default 60)")
    parser.add_argument("--hypothesis-examples", type=int, default=24, help="bases drawn from each strategy")
    parser.add_argument("--out", type=Path, default=Path("fuzz-bad.jsonl"), help="JSONL of distinct bad outcomes")
    parser.add_argument("--no-minimise", action="store_true", help="keep each bad input whole (faster)")
    parser.add_argument("--known", action="store_true", help="known signatures (tests/fuzz/known.py) pass")
    parser.add_argument("--progress", type=float, default=30.0, help="seconds between progress lines (0: none)")
    args = parser.parse_args()
    cli_every = max(1, args.inputs // args.cli_inputs) if args.cli_inputs else 0
    settings = Settings(
        seed=args.seed,
        timeout=args.timeout,
        cli_timeout=args.cli_timeout,
        cli_every=cli_every,
        cli_limit=args.cli_inputs,
        hypothesis_examples=args.hypothesis_examples,
        minimise=not args.no_minimise,
    )
    last = [time.perf_counter()]

    def progress(summary: Summary) -> None:
        if args.progress and time.perf_counter() - last[0] >= args.progress:
            last[0] = time.perf_counter()
            bad = summary.outcomes.get("bad", 0)
            print(
                f"… {summary.inputs}/{args.inputs} inputs, {bad} bad, {len(summary.signatures)} signatures",
                file=sys.stderr,
                flush=True,
            )

    signal.signal(signal.SIGTERM, _interrupt)  # `timeout`, a job manager: stop early, still print the table
    summary = run(settings, args.inputs, workers=args.workers, progress=progress)
    print(f"seed {args.seed}, {args.workers} worker(s)")
    print(summary.table())
    write_records(summary, args.out)
    known_hits: list[str] = []
    if args.known:
        sys.path.insert(0, str(ROOT))
        from tests.fuzz.known import known_cause

        known_hits = [s for s in summary.signatures if known_cause(s) is not None]
    print(f"distinct bad outcomes written to {args.out}")
    for signature, count in summary.signatures.most_common():
        mark = " (known)" if signature in known_hits else ""
        print(f"  {count:>7}  {signature[:150]}{mark}")
    return 1 if set(summary.signatures) - set(known_hits) else 0


if __name__ == "__main__":
    raise SystemExit(main())
