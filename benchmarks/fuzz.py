"""Fuzz cadre-rules with structured mutations of the shipped cases (not part of the test suite's pass/fail).

Usage:
    python benchmarks/fuzz.py --inputs N --cli-inputs M --seed S --workers W [--out bad.jsonl]

Each input (a shipped case with one to three mutations, the same for a given seed and index) goes through
``validate(mapping)`` on both engines, ``validate(Case)``, ``validate(path)``, and for M of them the CLI
(``cadre-rules check --format json FILE``).  Prints a table of outcome counts and writes each distinct bad
outcome (deduplicated by signature) with its count, the input and a minimal reproducer to a JSONL file.
``--known`` leaves out of the exit status the signatures listed in ``tests/fuzz/known.py`` (causes being
fixed, with their issue).  Exit 0 when there is no bad outcome (none but known ones with ``--known``), else 1.

A long run may be done in parts: ``--start K`` begins at input K of the seed, ``--summary FILE`` writes the part's
counts as JSON (with its seed, range and commit), and ``--aggregate FILE…`` prints the table of the parts together
(refusing parts of one seed that overlap).  See README.md, "Fuzzing".
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
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
    parser.add_argument("--start", type=int, default=0, help="first input index of the seed (a run in parts)")
    parser.add_argument("--summary", type=Path, help="write this part's counts as JSON")
    parser.add_argument("--aggregate", type=Path, nargs="+", help="print the table of these --summary files together")
    args = parser.parse_args()
    if args.aggregate:
        return aggregate(args.aggregate, known=args.known)
    cli_every = max(1, args.inputs // args.cli_inputs) if args.cli_inputs else 0
    settings = Settings(
        seed=args.seed,
        timeout=args.timeout,
        cli_timeout=args.cli_timeout,
        cli_every=cli_every,
        cli_limit=args.cli_inputs,
        cli_start=args.start,
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
    summary = run(settings, args.inputs, workers=args.workers, progress=progress, start=args.start)
    print(f"seed {args.seed}, inputs {args.start}…{args.start + summary.inputs - 1}, {args.workers} worker(s)")
    print(summary.table())
    write_records(summary, args.out)
    print(f"distinct bad outcomes written to {args.out}")
    if args.summary:
        part = {
            "seed": args.seed,
            "start": args.start,
            "inputs_asked": args.inputs,
            "cli_inputs_asked": args.cli_inputs,
            "workers": args.workers,
            "commit": _commit(),
            "summary": summary.to_dict(),
        }
        args.summary.write_text(json.dumps(part, ensure_ascii=False, indent=1), encoding="utf-8")
    return _verdict(summary, known=args.known)


def _commit() -> str:
    done = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=False)
    return done.stdout.strip() or "unknown"


def _verdict(summary: Summary, *, known: bool) -> int:
    """List the signatures; 1 when one is not known (or any, without ``known``)."""
    known_hits: list[str] = []
    if known:
        sys.path.insert(0, str(ROOT))
        from tests.fuzz.known import known_cause

        known_hits = [s for s in summary.signatures if known_cause(s) is not None]
    for signature, count in summary.signatures.most_common():
        mark = " (known)" if signature in known_hits else ""
        print(f"  {count:>7}  {signature[:150]}{mark}")
    return 1 if set(summary.signatures) - set(known_hits) else 0


def aggregate(paths: list[Path], *, known: bool) -> int:
    """The table of parts of a long run together; parts of one seed must not overlap."""
    parts = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
    ranges: dict[int, list[tuple[int, int, str]]] = {}
    total = Summary()
    for path, part in zip(paths, parts, strict=True):
        done = Summary.from_dict(part["summary"])
        span = (part["start"], part["start"] + done.inputs, path.name)
        for other in ranges.get(part["seed"], []):
            if span[0] < other[1] and other[0] < span[1]:
                print(f"{path.name} and {other[2]}: seed {part['seed']} inputs overlap", file=sys.stderr)
                return 2
        ranges.setdefault(part["seed"], []).append(span)
        total = total.merge(done)
    for seed, spans in sorted(ranges.items()):
        shown = ", ".join(f"{a}…{b - 1}" for a, b, _ in sorted(spans))
        print(f"seed {seed}: inputs {shown}")
    commits = sorted({str(part["commit"])[:10] for part in parts})
    print(f"{len(parts)} part(s), commits {', '.join(commits)}")
    print(total.table())
    return _verdict(total, known=known)


if __name__ == "__main__":
    raise SystemExit(main())
