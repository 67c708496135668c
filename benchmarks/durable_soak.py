"""Sequential durable_rules calls in one process: engine errors, RSS and threads over a long run (issue 13's
"1,000,000 sequential durable calls: 0 EngineError, RSS flat"); not part of the test suite.

Usage: python benchmarks/durable_soak.py [--calls N] [--every K] [--level validate|engine] [--json FILE]

Each call is ``validate(case, engine="durable")`` on the next of a rotation of distinct cases (the shipped examples,
the compliant base of every method and the single-fault case of every rule), each compared with the native engine's
report of the same case computed once up front, so a wrong durable answer counts as well as an error. With ``--level
engine`` each call is one evaluation of the durable engine itself (``DurableEngine.fired``, every selected ruleset
asserted on a fresh session that is then deleted) on the facts a check of those cases gave it, compared with the
native engine's answer: the calls into durable_rules without the rest of a check, about six times as many in the
same time. Every K calls a row gives the calls so far, calls/s, RSS (MB, from /proc/self/status), the process's thread
count and the errors so far. RSS is *flat* when the last sample is within ``--rss-slack`` MB (default 16) of the
sample at 10% of the run (the first 10% fills the caches: registry, shared findings, calendars). Exit 0 when there was
no engine error, no other exception, no wrong report and RSS stayed flat; else 1.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from cadre_rules import validate
from cadre_rules.engine import DurableEngine, EngineError, NativeEngine
from cadre_rules.records import Case, case_from_mapping
from cadre_rules.records._load import _CaseLoader
from cadre_rules.rules import CompiledRule
from cadre_rules.testing import base_methods, compliant_base, fault, faults

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _status(field: str) -> int:
    """A count from /proc/self/status (``VmRSS`` in kB, ``Threads``); 0 where there is no /proc."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def rotation() -> list[Case]:
    """The cases the soak cycles through: examples, every method's compliant base, every rule's fault."""
    cases = [
        case_from_mapping(yaml.load(p.read_text("utf-8"), Loader=_CaseLoader)) for p in sorted(EXAMPLES.glob("*.yaml"))
    ]
    cases += [case_from_mapping(compliant_base(m)) for m in base_methods()]
    cases += [fault(rule_id).case() for rule_id in sorted(faults())]
    return cases


def _validate_calls(cases: list[Case]) -> list[tuple[Callable[[], bytes], bytes]]:
    """One call per case: ``validate(case, engine="durable")`` serialised, and the native report it must equal."""

    def call(case: Case) -> Callable[[], bytes]:
        def run() -> bytes:
            body = validate(case, engine="durable").to_json_bytes()
            return body.replace(b'"engine":"durable"', b'"engine":"native"', 1)

        return run

    return [(call(c), validate(c, engine="native").to_json_bytes()) for c in cases]


def _engine_calls(cases: list[Case]) -> list[tuple[Callable[[], bytes], bytes]]:
    """One call per evaluation a check of each case makes (a month-precision date makes more than one): the
    durable engine's ``fired(rules, fact)`` on the facts ``validate`` gave it, and the native engine's answer."""
    recorded: list[tuple[DurableEngine, Sequence[CompiledRule], dict[str, Any]]] = []
    fired = DurableEngine.fired

    def recording(self: DurableEngine, rules: Sequence[CompiledRule], fact: Mapping[str, Any]) -> set[str]:
        recorded.append((self, list(rules), dict(fact)))
        return fired(self, rules, fact)

    DurableEngine.fired = recording  # type: ignore[method-assign]
    try:
        for case in cases:
            validate(case, engine="durable")
    finally:
        DurableEngine.fired = fired  # type: ignore[method-assign]

    def call(engine: DurableEngine, rules: Sequence[CompiledRule], fact: dict[str, Any]) -> Callable[[], bytes]:
        return lambda: json.dumps(sorted(engine.fired(rules, fact))).encode()

    native = NativeEngine()
    return [(call(e, r, f), json.dumps(sorted(native.fired(r, f))).encode()) for e, r, f in recorded]


def soak(calls: int, every: int, level: str) -> dict[str, Any]:
    """Run the soak at ``level`` (``validate``: whole checks; ``engine``: the durable engine's evaluations) and
    return its rows and totals."""
    cases = rotation()
    work = _engine_calls(cases) if level == "engine" else _validate_calls(cases)
    work[0][0]()  # the engine built before the clock starts
    rows: list[dict[str, Any]] = []
    engine_errors = exceptions = wrong = 0
    first_error = ""
    start = time.perf_counter()
    for n in range(1, calls + 1):
        run, expected = work[n % len(work)]
        try:
            if run() != expected:
                wrong += 1
                first_error = first_error or f"call {n}: durable differs from native on call {n % len(work)}"
        except EngineError as exc:
            engine_errors += 1
            first_error = first_error or f"call {n}: EngineError {str(exc)[:200]}"
        except Exception as exc:  # counted and named, the soak goes on
            exceptions += 1
            first_error = first_error or f"call {n}: {type(exc).__name__} {str(exc)[:200]}"
        if n % every == 0 or n == calls:
            elapsed = time.perf_counter() - start
            row = {
                "calls": n,
                "calls_per_s": round(n / elapsed, 1),
                "rss_mb": round(_status("VmRSS") / 1024, 1),
                "threads": _status("Threads"),
                "engine_errors": engine_errors,
                "exceptions": exceptions,
                "wrong": wrong,
            }
            rows.append(row)
            print(
                f"{row['calls']:>9} calls {row['calls_per_s']:>8.1f}/s  RSS {row['rss_mb']:>7.1f} MB  "
                f"threads {row['threads']:>3}  engine errors {engine_errors}  exceptions {exceptions}  wrong {wrong}",
                flush=True,
            )
    return {
        "level": level,
        "calls": calls,
        "distinct_cases": len(cases),
        "distinct_calls": len(work),
        "seconds": round(time.perf_counter() - start, 1),
        "engine_errors": engine_errors,
        "exceptions": exceptions,
        "wrong_reports": wrong,
        "first_error": first_error,
        "rows": rows,
    }


def main() -> int:
    """Run the soak, print the rows and the verdict."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--every", type=int, default=10_000, help="calls between rows")
    parser.add_argument("--rss-slack", type=float, default=16.0, help="MB the RSS may grow after 10%% of the run")
    parser.add_argument("--json", type=Path, help="also write the result to this file")
    parser.add_argument(
        "--level",
        choices=("validate", "engine"),
        default="validate",
        help="validate: whole checks (default); engine: only the durable engine's evaluations, on the facts a check "
        "of each case gave it",
    )
    args = parser.parse_args()
    result = soak(args.calls, max(1, min(args.every, args.calls)), args.level)
    rows = result["rows"]
    settled = next((r for r in rows if r["calls"] >= args.calls // 10), rows[0])
    growth = rows[-1]["rss_mb"] - settled["rss_mb"]
    result["rss_growth_mb_after_10pct"] = round(growth, 1)
    flat = growth <= args.rss_slack
    print(
        f"{result['calls']} {args.level} calls over {result['distinct_calls']} distinct calls "
        f"({result['distinct_cases']} cases) in {result['seconds']} s: "
        f"{result['engine_errors']} engine errors, {result['exceptions']} other exceptions, "
        f"{result['wrong_reports']} reports differing from native; RSS {settled['rss_mb']} MB at "
        f"{settled['calls']} calls, {rows[-1]['rss_mb']} MB at the end ({'flat' if flat else 'GROWING'})"
    )
    if result["first_error"]:
        print(f"first: {result['first_error']}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    bad = result["engine_errors"] or result["exceptions"] or result["wrong_reports"] or not flat
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
