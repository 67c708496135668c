"""Cost of month-precision dates, measured in one run (not part of the test suite).

Usage: python benchmarks/months.py [--repeat N] [--engine native|durable]

Times validate() on the examples as shipped (dates to the day) and on the same examples with every record date
of the candidate cut to its month (``2007-07-01`` → ``2007-07``, as the 干部任免审批表 records them), and prints
the ratio.  A case with month-precision dates is evaluated in two readings (cadre_rules/_months.py), plus a
search for the deciding day for each rule the month leaves undecided.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Any

from cadre_rules import case_from_mapping, validate
from cadre_rules._yaml import read_yaml
from cadre_rules.records import Case

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
MONTH_FIELDS = ("birth_date", "work_start_date", "party_admission_date", "party_full_membership_date")


def _to_month(value: Any) -> Any:
    return str(value)[:7] if value else value


def monthly(data: dict[str, Any]) -> dict[str, Any]:
    """The case with the candidate's record dates cut to the month."""
    cand = data["candidate"]
    for name in MONTH_FIELDS:
        if name in cand:
            cand[name] = _to_month(cand[name])
    for key, fields in (("career", ("start", "end")), ("training", ("start", "end")), ("education", ("start",))):
        for item in cand.get(key) or []:
            for name in fields:
                if name in item:
                    item[name] = _to_month(item[name])
    return data


def _round(cases: list[Case], engine: str) -> float:
    start = time.perf_counter()
    for case in cases:
        validate(case, engine=engine)  # type: ignore[arg-type]
    return (time.perf_counter() - start) / len(cases)


def measure(days: list[Case], months: list[Case], engine: str, repeat: int) -> tuple[float, float, float]:
    """Medians over interleaved rounds: seconds per case to the day, to the month, and their ratio per round.

    The two variants alternate round by round so that load from other processes hits both alike.
    """
    _round(days, engine), _round(months, engine)  # warm up: compile rulesets, load data
    t_days, t_months, ratios = [], [], []
    for _ in range(repeat):
        d, m = _round(days, engine), _round(months, engine)
        t_days.append(d)
        t_months.append(m)
        ratios.append(m / d)
    return statistics.median(t_days), statistics.median(t_months), statistics.median(ratios)


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--engine", default="native")
    args = parser.parse_args()
    raw = [read_yaml(p) for p in sorted(EXAMPLES.glob("*.yaml"))]
    days = [case_from_mapping(d) for d in raw]
    months = [case_from_mapping(monthly(d)) for d in raw]
    undecided = sum(
        1 for c in months for f in validate(c, engine=args.engine).findings if f.status == "indeterminate"
    ) - sum(1 for c in days for f in validate(c, engine=args.engine).findings if f.status == "indeterminate")
    t_days, t_months, ratio = measure(days, months, args.engine, args.repeat)
    print(f"engine {args.engine}: {len(days)} examples x {args.repeat} rounds (median of per-round means)")
    print(f"dates to the day  : {t_days * 1e6:8.1f} µs per case")
    print(f"dates to the month: {t_months * 1e6:8.1f} µs per case ({undecided} findings left undecided by a month)")
    print(f"ratio month/day (median of per-round ratios): {ratio:.2f}")


if __name__ == "__main__":
    main()
