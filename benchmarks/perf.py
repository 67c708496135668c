"""Where the time of a check goes, measured in one run (not part of the test suite).

Usage: python benchmarks/perf.py [--example NAME] [--cold N] [--min-time SECONDS] [--quick] [--json FILE]
                                 [--batch-cases N] [--only SECTION]

Prints one table:

* **stages**: the cost of each stage of one case (reading the file, YAML, pydantic parse, fact derivation, each
  engine's evaluation, building the findings, JSON serialisation), the stages of ``validate()`` timed inside it;
* **ratios**: native file→JSON against pydantic's parse and dump of the same case, durable against native;
* **cold start**: ``cadre-rules check FILE`` in a new process (median of N; CPU time beside wall time), with the
  registry cache warm, without it, and the import alone; the CPU time of each stage of one cold check; and a
  check that compiles every module from source (``PYTHONDONTWRITEBYTECODE``: what a cold check costs where
  bytecode is never written; the other runs read bytecode from a folder of their own, as an installed package does);
* **scaling**: the cost against résumé length (5 → 500 career lines), committee size (9 → 1,000 members) and rule
  count (10 → all), on cases generated from the example.

Sections are functions ``(Options) -> list[Row]`` listed in :data:`SECTIONS`; the batch benchmark
(``benchmarks/batch.py``: cases/s, RSS) joins the same table when it is there (:func:`_more_sections`).
The machine is shared: in-process figures are CPU time (:data:`CLOCK`), medians; they still vary by tens of percent
from run to run under load (caches are shared); ratios hold better.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import importlib.util
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cadre_rules import Case, Report, case_from_mapping, load_profile, validate
from cadre_rules import _validate as validate_module
from cadre_rules._batch import CaseInput, Settings, _Checker, _read
from cadre_rules._yaml import PureCaseLoader, load_case_yaml, load_yaml
from cadre_rules.engine import DurableEngine, NativeEngine
from cadre_rules.records import load_case
from cadre_rules.rules import default_registry

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"


@dataclass(frozen=True)
class Options:
    """What a run measures: the example, how long each timing runs, how many cold starts."""

    example: Path
    min_time: float
    cold_runs: int
    quick: bool
    batch_cases: int = 1000


@dataclass(frozen=True)
class Row:
    """One figure of the table."""

    section: str
    measure: str
    value: float
    unit: str
    note: str = ""


Section = Callable[[Options], list[Row]]

CLOCK = time.process_time
"""The clock of every in-process timing: CPU time of this process, not wall time (the machine is shared, and a
busy neighbour inflates wall time by its share of the cores; cold starts report both)."""


def per_call(fn: Callable[[], Any], min_time: float, rounds: int = 5) -> float:
    """Median seconds per call of ``fn`` over ``rounds`` rounds of at least ``min_time / rounds`` seconds each."""
    fn()  # warm up
    number = 1
    while True:
        start = CLOCK()
        for _ in range(number):
            fn()
        elapsed = CLOCK() - start
        if elapsed >= min_time / rounds or number >= 1 << 20:
            break
        number *= 2
    samples = [elapsed / number]
    for _ in range(rounds - 1):
        start = CLOCK()
        for _ in range(number):
            fn()
        samples.append((CLOCK() - start) / number)
    return statistics.median(samples)


class Stopwatch:
    """Accumulates the time spent inside chosen functions while ``validate()`` runs (wrapped, then restored)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}

    @contextlib.contextmanager
    def timing(self, targets: dict[str, tuple[Any, str]]) -> Iterator[None]:
        """Wrap ``getattr(owner, attr)`` for each ``name: (owner, attr)``; restore them on exit."""
        saved = []
        for name, (owner, attr) in targets.items():
            original = getattr(owner, attr)
            saved.append((owner, attr, original))
            setattr(owner, attr, self._wrap(name, original))
        try:
            yield
        finally:
            for owner, attr, original in saved:
                setattr(owner, attr, original)

    def _wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = CLOCK()
            try:
                return fn(*args, **kwargs)
            finally:
                self.spent[name] = self.spent.get(name, 0.0) + CLOCK() - start

        return timed


def validate_stages(record: Case, engine: str, min_time: float) -> dict[str, float]:
    """Seconds per case of validate() and of its stages inside it: fact derivation and the engine's evaluation."""
    total = per_call(lambda: validate(record, engine=engine), min_time)  # type: ignore[arg-type]
    watch = Stopwatch()
    calls = 50
    fired = (NativeEngine, "fired") if engine == "native" else (DurableEngine, "fired")
    targets = {"derive": (validate_module, "derive"), "engine": fired, "check": (validate_module, "checked_case")}
    with watch.timing(targets):
        for _ in range(calls):
            validate(record, engine=engine)  # type: ignore[arg-type]
    derive = watch.spent["derive"] / calls
    evaluation = watch.spent["engine"] / calls
    check = watch.spent["check"] / calls
    findings = max(total - derive - evaluation - check, 0.0)
    return {"total": total, "derive": derive, "engine": evaluation, "check": check, "findings": findings}


def stages(opts: Options) -> list[Row]:
    """Per-stage cost of one case, and the ratios the issue asks for."""
    path = opts.example
    text = path.read_text(encoding="utf-8")
    data = load_case_yaml(text)
    record = case_from_mapping(data)
    report = validate(record, engine="native")
    line = CaseInput("<perf>:1", "line", (json.dumps(data, ensure_ascii=False, default=str) + "\n").encode())
    t = opts.min_time
    rows = [
        Row("stages", "read file", per_call(lambda: path.read_text(encoding="utf-8"), t) * 1e3, "ms"),
        Row("stages", "YAML load (libyaml)", per_call(lambda: load_case_yaml(text), t) * 1e3, "ms"),
        Row("stages", "YAML load (pure Python)", per_call(lambda: load_yaml(text, PureCaseLoader), t) * 1e3, "ms"),
        Row("stages", "pydantic parse", per_call(lambda: case_from_mapping(data), t) * 1e3, "ms"),
        Row("stages", "JSONL line → Case (JSON, scan, model)", per_call(lambda: _read(line), t) * 1e3, "ms"),
    ]
    by_engine = {engine: validate_stages(record, engine, t) for engine in ("native", "durable")}
    rows += [
        Row("stages", "fact derivation", by_engine["native"]["derive"] * 1e3, "ms"),
        Row("stages", "engine evaluation, native", by_engine["native"]["engine"] * 1e3, "ms"),
        Row("stages", "engine evaluation, durable", by_engine["durable"]["engine"] * 1e3, "ms"),
        Row("stages", "findings (3-valued pass, messages)", by_engine["native"]["findings"] * 1e3, "ms", "native"),
        Row("stages", "re-check inside validate(Case)", by_engine["native"]["check"] * 1e3, "ms", "native"),
        Row("stages", "validate(Case), native", by_engine["native"]["total"] * 1e3, "ms"),
        Row("stages", "validate(Case), durable", by_engine["durable"]["total"] * 1e3, "ms"),
        Row("stages", "JSON, compact (orjson)", per_call(report.to_json_bytes, t) * 1e3, "ms"),
        Row("stages", "JSON, pretty (orjson)", per_call(lambda: report.to_json_bytes(indent=2), t) * 1e3, "ms"),
        Row("stages", "JSON, citations by id", per_call(lambda: report.to_json_bytes(citations="ref"), t) * 1e3, "ms"),
        Row("stages", "to_dict (fresh plain data)", per_call(report.to_dict, t) * 1e3, "ms"),
        Row("stages", "report size, inline / by id", len(report.to_json_bytes()) / 1e3, "kB", _ref_size(report)),
    ]

    def file_to_json() -> bytes:
        return validate(load_case(path), engine="native").to_json_bytes()

    def pydantic_parse_dump() -> str:
        return case_from_mapping(data).model_dump_json()

    def pydantic_file_parse_dump() -> str:
        return case_from_mapping(load_case_yaml(path.read_text(encoding="utf-8"))).model_dump_json()

    def line_to_line(engine: str) -> Callable[[], Any]:
        checker = _Checker(Settings(engine=engine, serialise=True))  # type: ignore[arg-type]
        return lambda: checker.check(line).line

    rows += [
        Row("stages", f"JSONL line → JSONL line, {engine}", per_call(line_to_line(engine), t) * 1e3, "ms", "in-process")
        for engine in ("native", "durable")
    ]
    native_file = per_call(file_to_json, t)
    parse_dump = per_call(pydantic_parse_dump, t)
    parse_dump_file = per_call(pydantic_file_parse_dump, t)
    durable_ratio = by_engine["durable"]["total"] / by_engine["native"]["total"]
    rows += [
        Row("ratios", "native file→JSON", native_file * 1e3, "ms"),
        Row("ratios", "pydantic parse+dump (mapping)", parse_dump * 1e3, "ms"),
        Row("ratios", "pydantic parse+dump (file, YAML)", parse_dump_file * 1e3, "ms"),
        Row("ratios", "file→JSON / pydantic parse+dump", native_file / parse_dump, "×", "mapping"),
        Row("ratios", "file→JSON / pydantic file parse+dump", native_file / parse_dump_file, "×", "file"),
        Row("ratios", "durable / native (validate)", durable_ratio, "×"),
    ]
    return rows


def _ref_size(report: Report) -> str:
    return f"by id: {len(report.to_json_bytes(citations='ref')) / 1e3:.0f} kB"


def _command() -> list[str]:
    script = Path(sys.executable).parent / "cadre-rules"
    return [str(script)] if script.exists() else [sys.executable, "-m", "cadre_rules.cli"]


def _timed_runs(argv: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``runs`` runs of ``argv`` (one run first, untimed, to fill caches)."""
    walls, cpus = [], []
    subprocess.run(argv, env=env, capture_output=True, check=False)
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, env=env, capture_output=True, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


_COLD_STAGES = """
import gc, json, sys, time
clock = time.process_time
marks = [("start", clock())]
import pydantic.main, yaml
marks.append(("import pydantic and PyYAML", clock()))
import cadre_rules.cli
marks.append(("import cadre_rules.cli (the rest)", clock()))
gc.disable()  # as `cadre-rules check` does around its check (cli._check_one)
from cadre_rules import _validate, validate
from cadre_rules.records import load_case
from cadre_rules.rules import default_registry
case = load_case(sys.argv[1])
marks.append(("first case read (builds the Case schema)", clock()))
registry = default_registry()
marks.append(("registry (from the cache when warm)", clock()))
_validate.get_engine("durable", registry)
marks.append(("durable engine built", clock()))
report = validate(case, engine="durable")
marks.append(("first validate (profile, facts, findings)", clock()))
report.to_json()
marks.append(("report JSON", clock()))
print(json.dumps({name: now - before for (_, before), (name, now) in zip(marks, marks[1:])}))
"""
"""One cold check in stages, in a new process: CPU seconds of each (printed as JSON)."""


def _cold_env(folder: str, bytecode: bool) -> dict[str, str]:
    """The environment of a cold start: the registry cache in ``folder``; bytecode written to and read from a
    folder of its own (as after the first run of an installed package), or never (``PYTHONDONTWRITEBYTECODE``
    with an empty prefix: every module compiled from source on every run)."""
    env = {**os.environ, "CADRE_RULES_CACHE_DIR": folder, "PYTHONPYCACHEPREFIX": os.path.join(folder, "pyc")}
    env.pop("CADRE_RULES_NO_CACHE", None)
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["PYTHONPYCACHEPREFIX"] = os.path.join(folder, "no-pyc")
    return env


def cold_start(opts: Options) -> list[Row]:
    """``cadre-rules check FILE`` in a new process: with the registry cache, without it, and the import alone; then
    the stages of one cold check (warm cache), and a check without bytecode."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        env = _cold_env(folder, bytecode=True)
        check = [*_command(), "check", str(opts.example), "--format", "json"]
        runs = [
            ("python -c pass", [sys.executable, "-c", "pass"], env),
            ("import cadre_rules.cli", [sys.executable, "-c", "import cadre_rules.cli"], env),
            ("check, durable (cache warm)", check, env),
            ("check, native (cache warm)", [*check, "--engine", "native"], env),
            ("check, durable, no cache", check, {**env, "CADRE_RULES_NO_CACHE": "1"}),
        ]
        for name, argv, run_env in runs:
            wall, cpu = _timed_runs(argv, run_env, opts.cold_runs)
            rows.append(
                Row("cold start", name, wall * 1e3, "ms", f"CPU {cpu * 1e3:.0f} ms, median of {opts.cold_runs}")
            )
        stages: dict[str, list[float]] = {}
        for _ in range(opts.cold_runs):
            out = subprocess.run(
                [sys.executable, "-c", _COLD_STAGES, str(opts.example)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            for name, seconds in json.loads(out.stdout).items():
                stages.setdefault(name, []).append(seconds)
        for name, samples in stages.items():
            note = f"CPU, median of {opts.cold_runs}, cache warm"
            rows.append(Row("cold start", f"  stage: {name}", statistics.median(samples) * 1e3, "ms", note))
        runs_without = max(1, opts.cold_runs // 3)
        wall, cpu = _timed_runs(check, _cold_env(folder, bytecode=False), runs_without)
        note = f"CPU {cpu * 1e3:.0f} ms, median of {runs_without}: PYTHONDONTWRITEBYTECODE, every module compiled"
        rows.append(Row("cold start", "check, durable, no bytecode", wall * 1e3, "ms", note))
    return rows


def with_career(data: dict[str, Any], lines: int) -> dict[str, Any]:
    """The case with ``lines`` career lines: the middle post of the example cut into consecutive spells."""
    out = copy.deepcopy(data)
    career = out["candidate"]["career"]
    first, middle, *rest = career
    spells = max(lines - 1 - len(rest), 1)
    start, end = _day(middle["start"]), _day(middle["end"])
    step = (end - start) / spells
    cut = [start + round(step * i) for i in range(spells)] + [end]
    pieces = [middle | {"start": _iso(a), "end": _iso(b)} for a, b in itertools.pairwise(cut)]
    out["candidate"]["career"] = [first, *pieces, *rest]
    return out


def _day(value: Any) -> int:
    return date.fromisoformat(str(value)).toordinal()


def _iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


def with_committee(data: dict[str, Any], size: int) -> dict[str, Any]:
    """The case decided by a committee of ``size`` members, all present, all voting to agree."""
    out = copy.deepcopy(data)
    meeting = out["procedure"]["meeting"]
    principal = next(m for m in meeting["members"] if m.get("principal"))
    others = [{"name": f"常委{i:04d}", "present": True} for i in range(1, size)]
    meeting["members"] = [principal, *others]
    meeting["speaking_order"] = [m["name"] for m in others] + [principal["name"]]
    meeting["votes"] = [{"member": m["name"], "vote": "agree"} for m in meeting["members"]]
    return out


def scaling(opts: Options) -> list[Row]:
    """Cost against résumé length, committee size and rule count (cases generated from the example)."""
    data = load_case_yaml(opts.example.read_text(encoding="utf-8"))
    t = opts.min_time / 2
    rows = []

    def measure(section: str, label: str, case_data: dict[str, Any], profile: Any = "default") -> None:
        record = case_from_mapping(case_data)
        report = validate(record, engine="native", profile=profile)
        native = per_call(lambda: validate(record, engine="native", profile=profile), t)
        durable = per_call(lambda: validate(record, engine="durable", profile=profile), t)
        parse = per_call(lambda: case_from_mapping(case_data), t)
        dump = per_call(report.to_json_bytes, t)
        note = f"durable {durable * 1e3:.2f} ms, parse {parse * 1e3:.2f} ms, JSON {dump * 1e3:.2f} ms"
        rows.append(Row(section, label, native * 1e3, "ms", note + f", {report.outcome}"))

    lines = (5, 50, 500) if opts.quick else (5, 20, 50, 100, 200, 500)
    for n in lines:
        measure("résumé length", f"{n} career lines, native", with_career(data, n))
    sizes = (9, 100, 1000) if opts.quick else (9, 30, 100, 300, 1000)
    for n in sizes:
        measure("committee size", f"{n} members, native", with_committee(data, n))
    registry = default_registry()
    base = load_profile("default", registry)
    selected = [r.id for r in registry.rules if base.selects(r)]
    for n in (10, 50, 100, len(selected)):
        kept = set(selected[:n])
        profile = base.model_copy(update={"exclude_rules": [r for r in selected if r not in kept]})
        measure("rule count", f"{n} rules, native", data, profile)
    return rows


SECTIONS: list[Section] = [stages, cold_start, scaling]
"""The sections of the table, in order."""


def _more_sections() -> list[Section]:
    """The batch benchmark's figures (``benchmarks/batch.py``: cases/s, cases/s/core, RSS), when it is there.

    It joins the table through its ``sections() -> list[Section]`` if it defines one, else through its
    ``run(n, engine, workers) -> dict[str, float]`` (one batch of ``n`` generated cases, JSONL in and out), called
    for each engine with one worker; every figure it returns becomes a row.
    """
    path = HERE / "batch.py"
    if not path.exists():
        return []
    spec = importlib.util.spec_from_file_location("benchmarks_batch", path)
    if spec is None or spec.loader is None:
        return []
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if hasattr(module, "sections"):
        return list(module.sections())
    if not hasattr(module, "run"):
        return []
    run: Callable[[int, str, int], dict[str, float]] = module.run

    def batch(opts: Options) -> list[Row]:
        rows = []
        for engine in ("native", "durable"):
            if opts.batch_cases:
                figures = run(opts.batch_cases, engine, 1)
                for name, value in figures.items():
                    rows.append(Row("batch", f"{engine}, 1 worker: {name}", value, "", f"{opts.batch_cases} cases"))
        return rows

    return [batch]


def table(rows: list[Row]) -> str:
    """The rows as a plain-text table."""
    width = max(len(r.measure) for r in rows)
    lines, section = [], None
    for r in rows:
        if r.section != section:
            section = r.section
            lines += ["", f"== {section} =="]
        value = f"{r.value:10.3f}" if r.value < 100 else f"{r.value:10.1f}"
        lines.append(f"{r.measure:<{width}}  {value} {r.unit:<3} {r.note}".rstrip())
    return "\n".join(lines).lstrip("\n")


def main() -> None:
    """Run every section and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--example", default="compliant-county-promotion.yaml")
    parser.add_argument("--cold", type=int, default=9, help="runs of each cold start (the median is shown)")
    parser.add_argument("--min-time", type=float, default=1.0, help="seconds spent timing each figure")
    parser.add_argument("--quick", action="store_true", help="fewer points, shorter timings")
    parser.add_argument("--json", default=None, help="also write the rows to this JSON file")
    parser.add_argument("--batch-cases", type=int, default=1000, help="cases per batch run (0: none)")
    parser.add_argument("--only", default=None, help="run only the section of this name (e.g. cold_start)")
    args = parser.parse_args()
    example = Path(args.example) if Path(args.example).exists() else EXAMPLES / args.example
    opts = Options(example, args.min_time / (4 if args.quick else 1), args.cold, args.quick, args.batch_cases)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"example {example.name}; Python {sys.version.split()[0]}; {os.cpu_count()} CPUs, load {load:.2f}")
    rows: list[Row] = []
    sections = [*SECTIONS, *_more_sections()] if args.only is None else [*SECTIONS]
    for section in sections:
        if args.only is None or section.__name__ == args.only:
            rows += section(opts)
    print(table(rows))
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
