"""Digests of the JSON reports of every test case and example, to show an optimisation changes no byte of a report.

Usage: python benchmarks/report_guard.py --write FILE   (record the digests, e.g. before a change)
       python benchmarks/report_guard.py --check FILE   (compare; exit 1 naming every case whose report changed)

For each case of tests/cases (the base example with its patch, its profile, as-of date, calendar and stage) and each
example, the report of each engine is serialised four ways (citations inline or by id, ID numbers masked or shown)
and each serialisation hashed (SHA-256); a case the model refuses records its error text instead. The examples and
the cases are also run through the batch path (``check_inputs`` over JSONL lines, one worker, serialised as
``cadre-rules batch`` writes them) and each line hashed. Both engines' reports must be identical apart from the
engine field; this is checked too.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from cadre_rules import CaseError, validate
from cadre_rules._batch import Settings, check_inputs, jsonl_inputs
from cadre_rules._yaml import read_yaml
from cadre_rules.testing import deep_merge

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CASES = ROOT / "tests" / "cases"


ENGINES = ("durable", "native")
VARIANTS = (("inline", False), ("inline", True), ("ref", False), ("ref", True))


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def cases() -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """Every test case and example: its name, its record and the keyword arguments of ``validate``."""
    for path in sorted(EXAMPLES.glob("*.yaml")):
        yield f"examples/{path.name}", read_yaml(path), {}
    for path in sorted(CASES.rglob("*.yaml")):
        data = read_yaml(path)
        for case in data["cases"]:
            if "base" in data:
                case = {"base": data["base"], **case}
            if "patch" in data:
                case = {**case, "patch": deep_merge(data["patch"], case.get("patch", {}))}
            base = read_yaml(EXAMPLES / case.get("base", "compliant-county-promotion.yaml"))
            record = deep_merge(base, case.get("patch", {}))
            profile = case.get("profile", "default")
            kwargs: dict[str, Any] = {
                "profile": str(ROOT / profile) if profile.endswith(".yaml") else profile,
                "as_of": date.fromisoformat(str(case["as_of"])) if "as_of" in case else None,
                "calendar": str(ROOT / case["calendar"]) if "calendar" in case else None,
                "stage": case.get("stage"),
            }
            yield f"{path.relative_to(CASES).with_suffix('')}::{case['name']}", record, kwargs


def digests() -> dict[str, str]:
    """Name → digest for every case, engine and serialisation (plus the batch lines)."""
    out: dict[str, str] = {}
    plain: list[tuple[str, dict[str, Any]]] = []
    for name, record, kwargs in cases():
        if not any(kwargs.values()):
            plain.append((name, record))
        reports = {}
        for engine in ENGINES:
            try:
                report = validate(record, engine=engine, **kwargs)  # type: ignore[arg-type]
            except CaseError as exc:
                out[f"{name} [{engine}] error"] = _digest(str(exc).encode())
                continue
            reports[engine] = report
            for citations, show_id in VARIANTS:
                key = f"{name} [{engine}] {citations}{' show_id' if show_id else ''}"
                out[key] = _digest(report.to_json_bytes(citations=citations, show_id=show_id))  # type: ignore[arg-type]
            out[f"{name} [{engine}] pretty"] = _digest(report.to_json_bytes(indent=2))
        if len(reports) == 2:
            durable, native = (r.to_dict(show_id=True) | {"engine": ""} for r in reports.values())
            if durable != native:
                out[f"{name} ENGINES DIFFER"] = "differ"
    lines = [(json.dumps(record, ensure_ascii=False, default=str) + "\n").encode() for _, record in plain]
    for engine in ENGINES:
        for show_id in (False, True):
            settings = Settings(engine=engine, serialise=True, show_id=show_id)  # type: ignore[arg-type]
            checked = check_inputs(jsonl_inputs(iter(lines), "<guard>"), settings)
            for (name, _), result in zip(plain, checked, strict=True):
                assert result.line is not None
                out[f"{name} [{engine}] batch{' show_id' if show_id else ''}"] = _digest(result.line.encode())
    return out


def main() -> int:
    """Write or check the digests."""
    parser = argparse.ArgumentParser()
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", metavar="FILE")
    group.add_argument("--check", metavar="FILE")
    args = parser.parse_args()
    now = digests()
    differ = [k for k in now if k.endswith("ENGINES DIFFER")]
    if args.write:
        Path(args.write).write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{len(now)} digests written to {args.write}; engines differ on {len(differ)} cases")
        return 1 if differ else 0
    before: dict[str, str] = json.loads(Path(args.check).read_text(encoding="utf-8"))
    changed = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    for key in changed[:50]:
        print(f"changed: {key}")
    print(f"{len(now)} digests, {len(changed)} changed; engines differ on {len(differ)} cases")
    return 1 if changed or differ else 0


if __name__ == "__main__":
    sys.exit(main())
