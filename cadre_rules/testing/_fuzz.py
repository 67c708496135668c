"""Structured fuzzing of cadre-rules: mutations of the shipped cases, every outcome classified.

An *input* is a base case (an example, a data-driven test case, or a case drawn from the hypothesis strategies)
with one to three :class:`Mutation` applied: drop a field, set it to None or empty, swap its type, put an extreme
date or number in it, blow a list up or duplicate a row, add an unknown key (an ID number under ``身份证号``),
put odd Unicode in a text, shuffle a list.  Input ``i`` of seed ``s`` is the same on every machine
(:func:`make_input`), and a mutation is plain JSON data, so a reproducer replays exactly (:func:`rebuild`).

:func:`probe_input` sends an input through ``validate(mapping)`` on both engines, ``validate(Case)``,
``validate(path)`` and optionally the CLI, and :func:`classify` turns what came back into the *bad* outcomes
(:class:`Bad`): an exception that is not a :class:`CadreRulesError`, an engine error, a hang, the engines
disagreeing, the API paths disagreeing, the CLI disagreeing with the API, a traceback or a full ID number in any
output, an error message too long to read.  Each bad outcome has a signature (its class and where it arose) so a
million inputs reduce to a handful of distinct findings.  :func:`run` drives the whole thing in worker processes
with a hard timeout per input (``benchmarks/fuzz.py`` is its command line; ``tests/fuzz`` runs a short one).
"""

from __future__ import annotations

import json
import math
import multiprocessing
import os
import pickle
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

import yaml

from cadre_rules._errors import CadreRulesError
from cadre_rules.engine import EngineError

ERROR_LIMIT = 10_000
"""The longest error message (characters) a caller can be expected to read (issue 14: under 10 KB)."""
_ID_LIKE = re.compile(r"(?<!\d)(?:\d{17}[\dXx]|\d{15})(?![\dXx])")
VALID_ID = "11010519491231002X"
"""A resident ID number with a correct check digit (GB 11643), used where a fuzzed input carries one."""
WRONG_CHECK_ID = "110105194912310021"
"""The same number with a wrong check digit."""
OLD_ID = "110105491231002"
"""A 15-digit first-generation ID number."""

_DATES = (
    "0001-01-01",
    "9999-12-31",
    "0001-01",
    "9999-12",
    "0001.01",
    "9999.12",
    "2024-02-29",
    "2023-02-29",
    "2100-02-29",
    "2000-02-29",
    "2023-04-31",
    "2023-04-30",
    "2024-12-31",
    "2025-01-31",
    "1900-01-01",
    "1970-01-01",
    "2099-12-31",
    "2025-13-01",
    "2025-00-10",
    "2025-6-1",
    "20250610",
    "2010-07",
    "2010.07",
    "2010.7",
    "2010-07-01T00:00:00",
    "2010-07-01 ",
    "０２０２-０１-０１",
)
_INTS: tuple[int | str, ...] = (
    0,
    -1,
    1,
    2**31 - 1,
    2**31,
    -(2**31),
    2**53 + 1,
    2**63 - 1,
    2**63,
    -(2**63),
    2**64,
    "10**4299",
    "10**5000",
    "-10**5000",
)
_FLOATS: tuple[float | str, ...] = (0.5, -0.0, 3.0, 1e308, 1e-300, "nan", "inf", "-inf")
_ODD_TEXT = (
    "lone_surrogate",
    "bom",
    "rtl",
    "zero_width",
    "nul",
    "combining",
    "long_ascii",
    "long_cjk",
    "emoji",
    "newlines",
    "digits_5000",
    "fullwidth_digits",
    "id_number",
)
_UNKNOWN_KEYS = ("身份证号", "id_no", "extra", "备注", "", "__class__", "Name", "candidate")
_SHAPES = ("int", "str", "list", "dict", "float", "bool")


@dataclass(frozen=True)
class Mutation:
    """One structured change to a case mapping: ``op`` at ``path`` (keys and list indexes) with a JSON ``arg``."""

    op: str
    path: tuple[str | int, ...]
    arg: Any = None

    def to_dict(self) -> dict[str, Any]:
        """The mutation as JSON data (``path`` a list)."""
        return {"op": self.op, "path": list(self.path), "arg": self.arg}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mutation:
        """The mutation written by :meth:`to_dict`."""
        return cls(str(data["op"]), tuple(data["path"]), data.get("arg"))


@dataclass(frozen=True)
class FuzzInput:
    """A fuzzed input: the base it starts from, the mutations applied in order, and how its file is written."""

    index: int
    base: str
    mutations: tuple[Mutation, ...]
    file_format: str  # "json" or "yaml"
    bom: bool  # the file opens with a UTF-8 byte-order mark

    def to_dict(self) -> dict[str, Any]:
        """The input as JSON data: enough, with the same bases, to rebuild it (:func:`rebuild`)."""
        return {
            "index": self.index,
            "base": self.base,
            "mutations": [m.to_dict() for m in self.mutations],
            "file_format": self.file_format,
            "bom": self.bom,
        }


# ---------------------------------------------------------------- bases


def repository_root() -> Path | None:
    """The source checkout holding ``examples/`` and ``tests/cases/``, or None for an installed package."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / "examples").is_dir() and (root / "tests" / "cases").is_dir() else None


@cache
def bases(hypothesis_examples: int = 24) -> tuple[tuple[str, dict[str, Any]], ...]:
    """Every base case as (name, mapping), in a fixed order: the shipped compliant bases, the examples and the
    data-driven test cases of a source checkout, and ``hypothesis_examples`` cases from each of the testing
    strategies (derandomized, so the same on every run)."""
    from cadre_rules._yaml import read_yaml
    from cadre_rules.testing._data import base_methods, base_variants, compliant_base, deep_merge

    out: list[tuple[str, dict[str, Any]]] = []
    for variant in (None, *base_variants()):
        for method in base_methods(variant):
            out.append((f"bases/{variant or ''}/{method}", compliant_base(method, variant)))
    root = repository_root()
    if root is not None:
        examples = {p.name: _as_text(read_yaml(p)) for p in sorted((root / "examples").glob("*.yaml"))}
        out.extend((f"examples/{name}", fresh_copy(data)) for name, data in examples.items())
        for path in sorted((root / "tests" / "cases").rglob("*.yaml")):
            data = _as_text(read_yaml(path))
            for case in data.get("cases", []):
                base = examples[case.get("base", data.get("base", "compliant-county-promotion.yaml"))]
                patch = deep_merge(data.get("patch", {}), case.get("patch", {}))
                name = f"cases/{path.relative_to(root / 'tests' / 'cases').with_suffix('')}::{case['name']}"
                out.append((name, deep_merge(base, patch)))
    out.extend(_drawn(hypothesis_examples))
    return tuple(out)


def _as_text(data: Any) -> Any:
    """``data`` with every date written as text (as a case file holds it): a mapping of JSON types."""
    if isinstance(data, dict):
        return {k: _as_text(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_as_text(v) for v in data]
    if isinstance(data, date):
        return data.isoformat()
    return data


def _drawn(count: int) -> list[tuple[str, dict[str, Any]]]:
    """Cases drawn from the hypothesis strategies, derandomized (hypothesis is a test dependency)."""
    if count <= 0:
        return []
    try:
        from hypothesis import strategies as st
    except ImportError:  # pragma: no cover - the harness still runs on the shipped cases
        return []
    from cadre_rules.records import Case
    from cadre_rules.testing._strategies import case_records, compliant_cases, single_fault_cases

    strategies: list[tuple[str, st.SearchStrategy[Case]]] = [
        ("case_records", case_records()),
        ("case_records_months", case_records(month_precision=True)),
        ("compliant_cases", compliant_cases()),
        ("single_fault", st.sampled_from(_fault_ids()).flatmap(single_fault_cases)),
    ]
    out: list[tuple[str, dict[str, Any]]] = []
    for label, strategy in strategies:
        drawn = _draw(strategy, count)
        out.extend((f"hypothesis/{label}/{i}", c.model_dump(mode="json")) for i, c in enumerate(drawn))
    return out


def _draw(strategy: Any, count: int) -> list[Any]:
    """``count`` examples of ``strategy``, the same on every run (derandomized, no example database)."""
    from hypothesis import HealthCheck, given, settings

    drawn: list[Any] = []

    @settings(
        max_examples=count, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck)
    )
    @given(strategy)
    def collect(case: Any) -> None:
        drawn.append(case)

    collect()
    return drawn[:count]


def _fault_ids() -> list[str]:
    from cadre_rules.testing._data import faults

    return sorted(faults())


# ---------------------------------------------------------------- mutations


def _nodes(data: Any) -> list[tuple[tuple[str | int, ...], Any]]:
    """Every (path, value) in ``data``, the root included, in document order."""
    out: list[tuple[tuple[str | int, ...], Any]] = []
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        out.append((path, value))
        if isinstance(value, dict):
            stack.extend(((*path, k), v) for k, v in reversed(list(value.items())))
        elif isinstance(value, list) and len(value) <= 200:
            stack.extend(((*path, i), v) for i, v in reversed(list(enumerate(value))))
    return out


_DATE_TEXT = re.compile(r"^\d{4}[-.]\d{1,2}([-.]\d{1,2})?$")


def choose_mutation(data: Any, rng: random.Random) -> Mutation:
    """A mutation fitting a node of ``data`` chosen at random (dates get date extremes, lists row changes…)."""
    nodes = _nodes(data)
    path, value = nodes[0] if len(nodes) == 1 or rng.random() < 0.01 else rng.choice(nodes[1:])
    if path == ():
        return Mutation("top", (), rng.choice(["list", "str", "null", "int", "empty"]))
    if isinstance(value, str) and _DATE_TEXT.match(value) and rng.random() < 0.7:
        return Mutation("set", path, rng.choice(_DATES))
    choices: list[tuple[str, Any]] = [
        ("drop", None),
        ("set", None),
        ("empty", rng.choice(["str", "list", "dict"])),
        ("shape", rng.choice(_SHAPES)),
    ]
    if isinstance(value, bool):
        choices += [("int", rng.choice([0, 1, 2, -1])), ("set", rng.choice(["true", "是", "yes", 1.0]))]
    elif isinstance(value, int):
        choices += [("int", rng.choice(_INTS))] * 4 + [("float", rng.choice(_FLOATS))] * 2
        choices += [("set", rng.choice(["12", "１２", "1e3", " 7", "0x10"]))]
    elif isinstance(value, str):
        choices += [("text", rng.choice(_ODD_TEXT))] * 4 + [("int", rng.choice(_INTS)), ("set", rng.choice(_DATES))]
        if path[-1] in ("id_number",):
            choices += [("set", rng.choice([VALID_ID, WRONG_CHECK_ID, OLD_ID, "11010519491231002x"]))] * 3
            choices += [("int", int(WRONG_CHECK_ID))]
    elif isinstance(value, list):
        choices += [("shuffle", rng.randrange(1 << 30)), ("huge", rng.choice([300, 2000, 10_001]))] * 2
        if value:
            choices += [("duplicate", rng.randrange(len(value)))] * 4
    elif isinstance(value, dict):
        key = rng.choice(_UNKNOWN_KEYS)
        choices += [("unknown_key", [key, rng.choice(["id", "id_int", "text", "list", "null"])])] * 3
        if value:
            choices += [("odd_key", [rng.choice(list(value)), rng.choice(_ODD_TEXT)])]
    op, arg = rng.choice(choices)
    return Mutation(op, path, arg)


def _big(spec: int | str) -> int:
    """An integer from its spec: an int, or ``"10**N"`` / ``"-10**N"`` for one too long to write out here."""
    if isinstance(spec, int):
        return spec
    sign = -1 if spec.startswith("-") else 1
    power: int = 10 ** int(spec.lstrip("-").removeprefix("10**"))
    return sign * power


def _odd_text(kind: str, old: Any) -> str:
    text = old if isinstance(old, str) else str(old)[:50]
    middle = len(text) // 2
    return {
        "lone_surrogate": text[:middle] + "\ud800" + text[middle:],
        "bom": "\ufeff" + text,
        "rtl": "\u202e" + text + "\u202c",
        "zero_width": text[:middle] + "\u200b\u200d" + text[middle:],
        "nul": text + "\x00",
        "combining": text + "\u0301\u0308" * 3,
        "long_ascii": "x" * 100_000,
        "long_cjk": "王" * 100_000,
        "emoji": text + "\U0001f600\U0001f1e8\U0001f1f3",
        "newlines": text + "\r\n\u2028\u2029",
        "digits_5000": "1" + "0" * 5000,
        "fullwidth_digits": "２０２５－０６－１０",
        "id_number": VALID_ID,
    }[kind]


def _reshaped(shape: str, old: Any) -> Any:
    """``old`` with its type swapped (int ↔ str ↔ list ↔ dict, float, bool)."""
    if shape == "int":
        return int(old) if isinstance(old, str) and old.strip().isdigit() and len(old) < 30 else len(str(old)[:50])
    if shape == "str":
        return "文字" if isinstance(old, str) else str(old)[:200]
    if shape == "list":
        return [old]
    if shape == "dict":
        return {"value": old}
    if shape == "float":
        return float(len(str(old)[:50])) + 0.5
    return bool(old)


def _unknown_value(kind: str) -> Any:
    return {"id": VALID_ID, "id_int": int(VALID_ID[:17] + "0"), "text": "备注", "list": [1, 2], "null": None}[kind]


def apply(data: Any, mutation: Mutation) -> Any:
    """``data`` with ``mutation`` applied (in place where it can; the new root is returned).

    A mutation whose path no longer exists (an earlier one removed it) changes nothing.
    """
    op, path, arg = mutation.op, mutation.path, mutation.arg
    if op == "top":
        return {"list": [data], "str": "case", "null": None, "int": 1, "empty": {}}[str(arg)]
    parent: Any = data
    for part in path[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return data
    last = path[-1] if path else None
    if not isinstance(parent, dict | list) or last is None:
        return data
    if isinstance(parent, dict) and last not in parent:
        return data
    if isinstance(parent, list) and (not isinstance(last, int) or last >= len(parent)):
        return data
    old = parent[last]  # type: ignore[index]
    if op == "drop":
        del parent[last]  # type: ignore[arg-type]
        return data
    new: Any
    if op == "set":
        new = arg
    elif op == "empty":
        new = {"str": "", "list": [], "dict": {}}[str(arg)]
    elif op == "shape":
        new = _reshaped(str(arg), old)
    elif op == "int":
        new = _big(arg)
    elif op == "float":
        new = float(arg)
    elif op == "text":
        new = _odd_text(str(arg), old)
    elif op == "shuffle" and isinstance(old, list):
        new = list(old)
        random.Random(arg).shuffle(new)
    elif op == "huge":
        items = old if isinstance(old, list) and old else [old]
        blobs = [pickle.dumps(item, pickle.HIGHEST_PROTOCOL) for item in items]
        new = [pickle.loads(blobs[i % len(blobs)]) for i in range(int(arg))]
    elif op == "duplicate" and isinstance(old, list) and old:
        new = [*old, fresh_copy(old[int(arg) % len(old)])]
    elif op == "unknown_key" and isinstance(old, dict):
        key, kind = arg
        new = {**old, key: _unknown_value(kind)}
    elif op == "odd_key" and isinstance(old, dict) and arg[0] in old:
        renamed = _odd_text(arg[1], arg[0])[:200]
        new = {(renamed if k == arg[0] else k): v for k, v in old.items()}
    else:
        return data
    parent[last] = new  # type: ignore[index]
    return data


def fresh_copy(data: Any) -> Any:
    """An independent copy of plain data (mappings, lists, texts, numbers, dates): a pickle round trip, equal to
    ``copy.deepcopy`` on such data and several times faster on the large lists the mutations make."""
    return pickle.loads(pickle.dumps(data, pickle.HIGHEST_PROTOCOL))


def rebuild(base: dict[str, Any], mutations: Sequence[Mutation]) -> Any:
    """The mapping of an input: a copy of ``base`` with ``mutations`` applied in order."""
    data: Any = fresh_copy(base)
    with long_ints():  # a mutation may write out an integer of 5,000 digits an earlier one put there
        for mutation in mutations:
            data = apply(data, mutation)
    return data


def make_input(seed: int, index: int, pool: Sequence[tuple[str, dict[str, Any]]]) -> tuple[FuzzInput, Any]:
    """Input ``index`` of ``seed`` over ``pool`` (see :func:`bases`) and its mapping; the same on every run."""
    rng = random.Random(f"cadre-rules-fuzz:{seed}:{index}")
    name, base = pool[rng.randrange(len(pool))]
    data: Any = fresh_copy(base)
    mutations = []
    with long_ints():  # as in rebuild (seed 1 input 123,106: a 5,000-digit integer then reshaped into text)
        for _ in range(rng.choices([1, 2, 3], weights=[6, 3, 1])[0]):
            mutation = choose_mutation(data, rng)
            data = apply(data, mutation)
            mutations.append(mutation)
    fmt = "yaml" if rng.random() < 0.5 else "json"
    return FuzzInput(index, name, tuple(mutations), fmt, rng.random() < 0.03), data


# ---------------------------------------------------------------- files


_DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@contextmanager
def long_ints() -> Iterator[None]:
    """Let this process write and read integers of any length (the harness's own files only)."""
    before = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        yield
    finally:
        sys.set_int_max_str_digits(before)


def _same(a: Any, b: Any) -> bool:
    """Structural equality where NaN equals NaN and a bool is not an int."""
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def write_case(data: Any, item: FuzzInput, folder: Path) -> Path:
    """Write the input's mapping as its file (YAML when YAML can hold it faithfully, else JSON)."""
    with long_ints():
        text: str | None = None
        suffix = ".json"
        if item.file_format == "yaml":
            try:
                dumped = yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)
                if _same(yaml.load(dumped, Loader=_LOADER), data):
                    text, suffix = dumped, ".yaml"
            except (yaml.YAMLError, ValueError, RecursionError):
                text = None
        if text is None:
            text = json.dumps(data, ensure_ascii=True)
    path = folder / f"case-{item.index}{suffix}"
    path.write_bytes(("\ufeff" if item.bom else "").encode() + text.encode("utf-8"))
    return path


# ---------------------------------------------------------------- probes


class _Timeout(BaseException):
    """Raised by the alarm when one probe outlives its time."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise _Timeout


# A probe's time is its process's CPU time (all threads), not the wall clock: a shared or niced machine does not
# turn a slow turn of the scheduler into a hang.  The timer fires again every second after it expires, so an
# alarm swallowed where Python ignores exceptions (a gc callback) is raised again.
_TIMER = (signal.SIGPROF, signal.ITIMER_PROF) if hasattr(signal, "SIGPROF") else None
_TIMER_REPEAT = 1.0
WALL_FACTOR = 5
"""A worker blocked (using no CPU) on one input is a hang after this many times the CPU limit on the wall clock."""


def cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user and system) a process has used, from /proc; None where there is no /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Probe:
    """What one way of checking an input gave: a report, a named error, another exception, or a hang."""

    kind: str  # "report", "case_error", "engine_error", "exception", "hang"
    text: str = ""  # the report's JSON, or the error message
    exc_type: str = ""
    where: str = ""  # the innermost frames of cadre_rules (file:function) for an exception or a hang
    seconds: float = 0.0
    exit_code: int | None = None  # for the CLI
    stderr: str = ""  # for the CLI


def _frames(tb: TracebackType | None) -> str:
    """The innermost frames of the traceback inside cadre_rules (else of anything), as a short signature."""
    frames = traceback.extract_tb(tb)
    ours = [f for f in frames if "cadre_rules" in f.filename and "_fuzz" not in f.filename]
    chosen = (ours or frames)[-2:]
    return " < ".join(f"{Path(f.filename).name}:{f.name}" for f in reversed(chosen))


def _probe(call: Callable[[], str], timeout: float) -> Probe:
    """Run ``call`` (which returns a report's JSON) under an alarm and classify what it does.

    An alarm that lands just outside the call (between arming the timer and the call, or while disarming it) also
    means the time was spent: a hang, caught here so it never ends the worker."""
    start = time.perf_counter()
    try:
        return _timed_probe(call, timeout)
    except _Timeout:
        if _TIMER is not None:
            signal.setitimer(_TIMER[1], 0)  # the next repeat is a second of CPU away
        return Probe("hang", where="(at the edge of the call)", seconds=time.perf_counter() - start)


def _timed_probe(call: Callable[[], str], timeout: float) -> Probe:
    start = time.perf_counter()
    timer = _TIMER if timeout > 0 else None
    if timer is not None:
        previous = signal.signal(timer[0], _on_alarm)
        signal.setitimer(timer[1], timeout, _TIMER_REPEAT)
    try:
        text = call()
        probe = Probe("report", text)
    except _Timeout:
        probe = Probe("hang", where=_frames(sys.exc_info()[2]))
    except (CadreRulesError, EngineError) as exc:
        kind = "engine_error" if isinstance(exc, EngineError) else "case_error"
        probe = Probe(kind, _message(exc), type(exc).__name__, _frames(exc.__traceback__))
    except Exception as exc:
        probe = Probe("exception", _message(exc), type(exc).__name__, _frames(exc.__traceback__))
    finally:
        if timer is not None:
            signal.setitimer(timer[1], 0)
            signal.signal(timer[0], previous)
    probe.seconds = time.perf_counter() - start
    return probe


def _message(exc: BaseException) -> str:
    try:
        return str(exc)
    except Exception as inner:  # an error whose message cannot even be formed is itself a finding
        return f"<message failed: {type(inner).__name__}>"


def _report_json(case: Any, engine: str) -> str:
    from cadre_rules import validate

    return validate(case, engine=engine).to_json()  # type: ignore[arg-type]


def _via_case(data: Any) -> str:
    from cadre_rules import case_from_mapping, validate

    return validate(case_from_mapping(data), engine="native").to_json()


def run_cli(path: Path, timeout: float) -> Probe:
    """``cadre-rules check --format json FILE`` in a subprocess: its exit code, output and time."""
    start = time.perf_counter()
    command = [sys.executable, "-m", "cadre_rules.cli", "check", "--format", "json", str(path)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return Probe("hang", where="cli", seconds=time.perf_counter() - start)
    out = done.stdout.decode("utf-8", "backslashreplace").strip()
    err = done.stderr.decode("utf-8", "backslashreplace")
    kind = {0: "report", 1: "report", 3: "report", 2: "case_error"}.get(done.returncode, "exception")
    return Probe(kind, out, "", "", time.perf_counter() - start, done.returncode, err)


PROBES = ("mapping_native", "mapping_durable", "case_native", "file_durable")
"""The API paths every input goes through (the CLI runs on a sample)."""


def probe_input(
    data: Any, item: FuzzInput, folder: Path, *, timeout: float, cli: bool, cli_timeout: float
) -> dict[str, Probe]:
    """Every way of checking the input: the API on the mapping (both engines), on a Case, on a file; the CLI."""
    path = write_case(data, item, folder)
    try:
        probes = {
            "mapping_native": _probe(lambda: _report_json(fresh_copy(data), "native"), timeout),
            "mapping_durable": _probe(lambda: _report_json(fresh_copy(data), "durable"), timeout),
            "case_native": _probe(lambda: _via_case(fresh_copy(data)), timeout),
            "file_durable": _probe(lambda: _report_json(path, "durable"), timeout),
        }
        if cli:
            probes["cli"] = run_cli(path, cli_timeout)
    finally:
        path.unlink(missing_ok=True)
    return probes


# ---------------------------------------------------------------- classification


@dataclass(frozen=True)
class Bad:
    """A bad outcome: its class, a signature that groups the same cause, and a short detail."""

    cls: str
    signature: str
    detail: str


def _digits_masked(text: str) -> str:
    return re.sub(r"\d+", "N", text)


def _statuses(report_json: str) -> dict[str, str]:
    try:
        data = json.loads(report_json)
        return {f["rule_id"]: f["status"] for f in data["findings"]} | {"(outcome)": data["outcome"]}
    except (ValueError, KeyError, TypeError):
        return {}


def _differing(a: str, b: str) -> str:
    """The rule ids whose status differs between two report JSONs (else the top-level keys that differ)."""
    sa, sb = _statuses(a), _statuses(b)
    rules = sorted(k for k in sa.keys() | sb.keys() if sa.get(k) != sb.get(k))
    if rules:
        return ",".join(rules)
    try:
        da, db = json.loads(a), json.loads(b)
        keys = sorted(k for k in da.keys() | db.keys() if k != "engine" and da.get(k) != db.get(k))
        return "fields:" + ",".join(keys)
    except ValueError:
        return "unparsable"


def _without_engine(report_json: str) -> str:
    try:
        data = json.loads(report_json)
    except ValueError:
        return report_json
    data.pop("engine", None)
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def id_numbers_in(data: Any) -> set[str]:
    """Every ID-number-like text (18 or 15 digits) in ``data``'s values and keys, integers included."""
    found: set[str] = set()
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            found.update(_ID_LIKE.findall(value[:5000]))
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int):
            if 10**14 <= abs(value) < 10**18:
                found.update(_ID_LIKE.findall(str(abs(value))))
        elif isinstance(value, dict):
            stack.extend(value.values())
            stack.extend(value.keys())
        elif isinstance(value, list):
            stack.extend(value[:200])
    return found


_EXPECTED_EXIT = {"compliant": 0, "violations": 1, "indeterminate": 3}


def classify(probes: dict[str, Probe], ids: set[str], *, wide: bool = False) -> list[Bad]:
    """The bad outcomes among ``probes`` of one input (``ids``: the ID numbers it carries; ``wide``: it holds an
    integer beyond 2^53, where durable_rules' numbers are inexact, marked so in an engine disagreement's
    signature)."""
    width = "wide int|" if wide else ""
    bad: list[Bad] = []
    for name, p in probes.items():
        if p.kind == "exception" and name != "cli":
            sig = f"exception|{p.exc_type}|{p.where}|{_digits_masked(p.text[:30])}"
            bad.append(Bad("exception", sig, f"{name}: {p.exc_type}: {p.text[:300]}"))
        elif p.kind == "engine_error":
            bad.append(Bad("engine_error", f"engine_error|{width}{p.where}", f"{name}: {p.text[:300]}"))
        elif p.kind == "hang":
            bad.append(Bad("hang", f"hang|{name}|{p.where}", f"{name} outlived its time at {p.where}"))
        if p.kind == "case_error" and len(p.text) > ERROR_LIMIT and name != "cli":
            bad.append(Bad("error_too_long", f"error_too_long|{p.exc_type}", f"{name}: {len(p.text)} characters"))
        for number in ids:
            shown = [where for where, text in (("output", p.text), ("stderr", p.stderr)) if number in text]
            if shown:
                sig = f"id_leak|{name if name == 'cli' else 'api'}|{p.kind}|{shown[0]}"
                bad.append(Bad("id_leak", sig, f"{name} {p.kind} shows {number[:4]}… in its {shown[0]}"))
                break
    native, durable = probes["mapping_native"], probes["mapping_durable"]
    settled = ("report", "case_error")
    if native.kind in settled and durable.kind in settled:
        if native.kind != durable.kind:
            sig = f"engine_disagreement|{width}native {native.kind}, durable {durable.kind}"
            bad.append(Bad("engine_disagreement", sig, sig))
        elif native.kind == "report" and _without_engine(native.text) != _without_engine(durable.text):
            rules = _differing(native.text, durable.text)
            sig = f"engine_disagreement|{width}{rules}"
            bad.append(Bad("engine_disagreement", sig, f"statuses differ: {rules}"))
    for name, ref in (("case_native", native), ("file_durable", durable)):
        p = probes[name]
        if p.kind in settled and ref.kind in settled:
            if p.kind != ref.kind:
                sig = f"path_disagreement|{name} {p.kind}, mapping {ref.kind}|{_reason(p, ref)}"
                detail = (p.text if p.kind == "case_error" else ref.text)[:300]
                bad.append(Bad("path_disagreement", sig, f"{sig}: {detail}"))
            elif p.kind == "report" and p.text != ref.text:
                rules = _differing(p.text, ref.text)
                sig = f"path_disagreement|{name} report|{rules}"
                bad.append(Bad("path_disagreement", sig, f"{name} and the mapping differ: {rules}"))
    cli = probes.get("cli")
    if cli is not None:
        bad.extend(_cli_bad(cli, probes["file_durable"]))
    return bad


def _reason(*probes: Probe) -> str:
    """The English reason of the first problem of the probe that gave an error (digits masked), for a signature."""
    for p in probes:
        if p.kind == "case_error":
            first = p.text.splitlines()[0] if p.text else ""
            return _digits_masked(first.rsplit(" / ", 1)[-1][:40])
    return ""


def has_wide_int(data: Any) -> bool:
    """Whether ``data`` holds an integer beyond 2^53 in magnitude (where a double cannot hold every integer)."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
            return True
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value[:200])
    return False


def _cli_bad(cli: Probe, api: Probe) -> list[Bad]:
    out: list[Bad] = []
    if "Traceback (most recent call last)" in cli.stderr:
        last = [line for line in cli.stderr.strip().splitlines() if line.strip()][-1:]
        sig = f"cli_traceback|{_digits_masked(last[0][:80]) if last else ''}"
        out.append(Bad("cli_traceback", sig, cli.stderr[-400:]))
    if cli.kind == "hang" or api.kind not in ("report", "case_error"):
        return out
    if api.kind == "report":
        outcome = str(json.loads(api.text).get("outcome"))
        expected = _EXPECTED_EXIT.get(outcome, -1)
        if cli.exit_code != expected:
            sig = f"cli_disagreement|exit {cli.exit_code}, api {outcome}"
            out.append(Bad("cli_disagreement", sig, f"{sig}: {cli.stderr[:300]}"))
        elif cli.text != api.text:
            rules = _differing(cli.text, api.text)
            out.append(Bad("cli_disagreement", f"cli_disagreement|json|{rules}", f"the CLI's JSON differs: {rules}"))
    elif cli.exit_code != 2:
        sig = f"cli_disagreement|exit {cli.exit_code}, api case_error"
        out.append(Bad("cli_disagreement", sig, f"{sig}: {api.text[:300]}"))
    return out


def outcome_of(probes: dict[str, Probe], bad: Sequence[Bad]) -> str:
    """The input's outcome for the table: ``report`` or ``case_error`` when nothing went wrong, else ``bad``."""
    return "bad" if bad else probes["mapping_native"].kind


# ---------------------------------------------------------------- one input, end to end


@dataclass
class Settings:
    """How a run checks each input."""

    seed: int = 0
    timeout: float = 20.0  # per API probe (seconds)
    cli_timeout: float = 60.0
    cli_every: int = 0  # the CLI runs on inputs whose index is a multiple of this (0: never)
    cli_limit: int = 0  # … up to this many
    cli_start: int = 0  # … counted from this input (the first of a part of a long run)
    hypothesis_examples: int = 24
    minimise: bool = True

    def cli_for(self, index: int) -> bool:
        """Whether input ``index`` also goes through the CLI."""
        offset = index - self.cli_start
        return self.cli_every > 0 and offset % self.cli_every == 0 and 0 <= offset // self.cli_every < self.cli_limit


@dataclass
class Checked:
    """The result of one input: its outcome, the probes' kinds, the bad outcomes and their reproducers."""

    index: int
    outcome: str
    kinds: dict[str, str]
    bad: list[Bad]
    seconds: float
    item: dict[str, Any]
    reproducers: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # signature → minimal mutations


class Checker:
    """Checks inputs one at a time in this process (a worker of :func:`run`, or a test)."""

    def __init__(self, settings: Settings, folder: Path) -> None:
        self.settings = settings
        self.folder = folder
        self.pool = bases(settings.hypothesis_examples)
        self.by_name = dict(self.pool)
        self.minimised: set[str] = set()

    def check(self, index: int) -> Checked:
        """Check input ``index``: probe it, classify it, and minimise each bad signature seen first here."""
        start = time.perf_counter()
        item, data = make_input(self.settings.seed, index, self.pool)
        cli = self.settings.cli_for(index)
        bad = self._bad(item, data, cli)
        probes_kinds = self._last_kinds
        result = Checked(index, self._last_outcome, probes_kinds, bad, 0.0, item.to_dict())
        for b in bad:
            if self.settings.minimise and b.signature not in self.minimised and b.cls != "hang":
                self.minimised.add(b.signature)
                result.reproducers[b.signature] = [m.to_dict() for m in self.minimal(item, b.signature, cli)]
        result.seconds = time.perf_counter() - start
        return result

    _last_kinds: dict[str, str]
    _last_outcome: str

    def _bad(self, item: FuzzInput, data: Any, cli: bool) -> list[Bad]:
        ids = id_numbers_in(data)
        s = self.settings
        probes = probe_input(data, item, self.folder, timeout=s.timeout, cli=cli, cli_timeout=s.cli_timeout)
        bad = classify(probes, ids, wide=has_wide_int(data))
        self._last_kinds = {name: p.kind for name, p in probes.items()}
        self._last_outcome = outcome_of(probes, bad)
        return bad

    def minimal(self, item: FuzzInput, signature: str, cli: bool) -> list[Mutation]:
        """The fewest of the input's mutations (tried alone, then in pairs) that give the same signature."""
        mutations = list(item.mutations)
        base = self.by_name[item.base]
        candidates: list[list[Mutation]] = [[m] for m in mutations]
        if len(mutations) > 2:
            candidates += [[a, b] for i, a in enumerate(mutations) for b in mutations[i + 1 :]]
        for subset in candidates:
            if len(subset) >= len(mutations):
                break
            trial = FuzzInput(item.index, item.base, tuple(subset), item.file_format, item.bom)
            data = rebuild(base, subset)
            if any(b.signature == signature for b in self._bad(trial, data, cli)):
                return subset
        return mutations


# ---------------------------------------------------------------- many inputs, in workers


def _worker(settings: Settings, folder: Path, tasks: Any, results: Any) -> None:
    """A worker process: check each index it is sent (its files in ``folder``), send back the result (None ends
    it)."""
    checker = Checker(settings, folder)
    results.send(("ready", None))
    while True:
        index = tasks.recv()
        if index is None:
            break
        try:
            checked = checker.check(index)
            results.send(("done", checked))
            if any(b.cls == "hang" for b in checked.bad):
                break  # an alarm interrupted the library mid-call: its state is suspect, a fresh worker follows
        except Exception as exc:  # the harness itself failed on this input: report it, never hide it
            results.send(("harness", (index, f"{type(exc).__name__}: {exc}", traceback.format_exc()[-1500:])))


@dataclass
class Summary:
    """Counts over a run and the distinct bad outcomes, each with its first reproducer."""

    inputs: int = 0
    cli_inputs: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    classes: Counter[str] = field(default_factory=Counter)
    signatures: Counter[str] = field(default_factory=Counter)
    first: dict[str, dict[str, Any]] = field(default_factory=dict)
    seconds: float = 0.0
    interrupted: bool = False

    def add(self, checked: Checked) -> None:
        """Count one checked input."""
        self.inputs += 1
        self.cli_inputs += "cli" in checked.kinds
        self.outcomes[checked.outcome] += 1
        for cls in {b.cls for b in checked.bad}:
            self.classes[cls] += 1
        for b in {b.signature: b for b in checked.bad}.values():
            self.signatures[b.signature] += 1
            if b.signature not in self.first:
                self.first[b.signature] = {
                    "class": b.cls,
                    "signature": b.signature,
                    "detail": b.detail,
                    "input": checked.item,
                    "minimal_mutations": checked.reproducers.get(b.signature, checked.item.get("mutations", [])),
                }

    def to_dict(self) -> dict[str, Any]:
        """The counts and the distinct bad outcomes as JSON-ready data (see :meth:`from_dict`, :meth:`merge`)."""
        return {
            "inputs": self.inputs,
            "cli_inputs": self.cli_inputs,
            "outcomes": dict(self.outcomes),
            "classes": dict(self.classes),
            "signatures": dict(self.signatures),
            "first": self.first,
            "seconds": self.seconds,
            "interrupted": self.interrupted,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Summary:
        """The summary :meth:`to_dict` wrote."""
        return cls(
            inputs=int(data["inputs"]),
            cli_inputs=int(data["cli_inputs"]),
            outcomes=Counter(data["outcomes"]),
            classes=Counter(data["classes"]),
            signatures=Counter(data["signatures"]),
            first=dict(data["first"]),
            seconds=float(data["seconds"]),
            interrupted=bool(data["interrupted"]),
        )

    def merge(self, other: Summary) -> Summary:
        """The counts of two runs over distinct inputs together (a long run done in parts)."""
        return Summary(
            inputs=self.inputs + other.inputs,
            cli_inputs=self.cli_inputs + other.cli_inputs,
            outcomes=self.outcomes + other.outcomes,
            classes=self.classes + other.classes,
            signatures=self.signatures + other.signatures,
            first=other.first | self.first,
            seconds=self.seconds + other.seconds,
            interrupted=self.interrupted or other.interrupted,
        )

    def records(self) -> list[dict[str, Any]]:
        """One JSON record per distinct bad outcome, with its count, most frequent first."""
        return [self.first[s] | {"count": n} for s, n in self.signatures.most_common()]

    def table(self) -> str:
        """The counts as a plain-text table."""
        rate = self.inputs / self.seconds if self.seconds else 0.0
        lines = [
            f"inputs {self.inputs} (CLI {self.cli_inputs}) in {self.seconds:.1f} s ({rate:.1f} inputs/s)"
            + (" (interrupted)" if self.interrupted else ""),
            "outcome                 inputs",
        ]
        lines += [f"  {name:<22}{self.outcomes.get(name, 0):>8}" for name in ("report", "case_error", "bad")]
        lines.append("bad outcome class       inputs")
        for name in BAD_CLASSES:
            lines.append(f"  {name:<22}{self.classes.get(name, 0):>8}")
        lines.append(f"distinct signatures     {len(self.signatures)}")
        return "\n".join(lines)


BAD_CLASSES = (
    "exception",
    "engine_error",
    "hang",
    "engine_disagreement",
    "path_disagreement",
    "cli_disagreement",
    "cli_traceback",
    "id_leak",
    "error_too_long",
    "harness_error",
)
"""Every class of bad outcome, in the order the table shows them."""


def run(
    settings: Settings,
    inputs: int,
    *,
    workers: int = 1,
    progress: Callable[[Summary], None] | None = None,
    hard_timeout: float | None = None,
    start: int = 0,
) -> Summary:
    """Check inputs ``start … start+inputs-1`` in ``workers`` worker processes (a long run may be done in parts);
    an input whose worker spends ``hard_timeout`` CPU seconds on it (default: four times the per-probe timeout,
    plus the CLI's), or is blocked ``WALL_FACTOR`` times as long, is a hang, and its worker is replaced.  Probe
    timeouts are CPU time too."""
    limit = hard_timeout or settings.timeout * 4 + settings.cli_timeout
    with tempfile.TemporaryDirectory(prefix="cadre-fuzz-") as folder:  # removed even when a worker was killed
        return _run(settings, range(start, start + inputs), Path(folder), workers, progress, limit)


def _run(
    settings: Settings,
    inputs: range,
    folder: Path,
    workers: int,
    progress: Callable[[Summary], None] | None,
    limit: float,
) -> Summary:
    context = multiprocessing.get_context("spawn")
    summary = Summary()
    start = time.perf_counter()
    pending = iter(inputs)
    slots: list[dict[str, Any]] = []

    def spawn() -> dict[str, Any]:
        task_out, task_in = context.Pipe(duplex=False)
        result_out, result_in = context.Pipe(duplex=False)
        process = context.Process(target=_worker, args=(settings, folder, task_out, result_in), daemon=True)
        process.start()
        slot = {"process": process, "tasks": task_in, "results": result_out, "index": None, "since": 0.0}
        kind, _ = result_out.recv()  # the worker has built its bases and is ready
        assert kind == "ready"
        return slot

    def feed(slot: dict[str, Any]) -> None:
        index = next(pending, None)
        slot["index"] = index
        slot["since"] = time.perf_counter()
        slot["cpu_since"] = cpu_seconds(slot["process"].pid) or 0.0
        if index is not None:
            slot["tasks"].send(index)

    for _ in range(max(1, workers)):
        slots.append(spawn())
        feed(slots[-1])
    try:
        while any(s["index"] is not None for s in slots):
            for n, slot in enumerate(slots):
                if slot["index"] is None:
                    continue
                if slot["results"].poll(0.05):
                    kind, payload = slot["results"].recv()
                    if kind == "done":
                        summary.add(payload)
                        if any(b.cls == "hang" for b in payload.bad):  # the worker ends itself after a hang
                            slot["process"].join(timeout=30)
                            slots[n] = slot = spawn()
                    else:
                        index, message, trace = payload
                        summary.add(_harness_failure(index, message, trace, settings))
                    feed(slot)
                    if progress is not None:
                        progress(summary)
                elif _outlived(slot, limit):
                    slot["process"].kill()
                    slot["process"].join()
                    summary.add(_hard_hang(slot["index"], settings, limit))
                    slots[n] = spawn()
                    feed(slots[n])
    except KeyboardInterrupt:  # stopped early (Ctrl-C, SIGTERM): what was checked still counts
        summary.interrupted = True
        for slot in slots:
            slot["process"].kill()
            slot["process"].join()
        slots = []
    for slot in slots:
        slot["tasks"].send(None)
        slot["process"].join(timeout=30)
    summary.seconds = time.perf_counter() - start
    return summary


def _outlived(slot: dict[str, Any], limit: float) -> bool:
    """Whether the worker's input has used ``limit`` CPU seconds (its worker's CPU time since it took the input),
    or, blocked, ``WALL_FACTOR`` times that on the wall clock."""
    wall: float = time.perf_counter() - slot["since"]
    if wall > limit * WALL_FACTOR:
        return True
    used = cpu_seconds(slot["process"].pid)
    if used is None:
        return wall > limit
    since: float = slot["cpu_since"]
    return used - since > limit


def _hard_hang(index: int, settings: Settings, limit: float) -> Checked:
    bad = Bad("hang", "hang|worker|killed", f"input {index} outlived {limit:.0f} CPU seconds; its worker was killed")
    return Checked(index, "bad", {}, [bad], limit, _item_of(index, settings))


def _harness_failure(index: int, message: str, trace: str, settings: Settings) -> Checked:
    bad = Bad("harness_error", f"harness_error|{_digits_masked(message[:80])}", trace)
    return Checked(index, "bad", {}, [bad], 0.0, _item_of(index, settings))


def _item_of(index: int, settings: Settings) -> dict[str, Any]:
    """The input ``index`` as JSON data, for the record of a bad outcome found outside a worker's check; the
    index alone where the input cannot even be made (the harness failing there is the finding, not a crash)."""
    try:
        return make_input(settings.seed, index, bases(settings.hypothesis_examples))[0].to_dict()
    except Exception as exc:
        return {"index": index, "unmade": f"{type(exc).__name__}: {exc}"[:300]}


def write_records(summary: Summary, path: Path) -> None:
    """The distinct bad outcomes as JSON lines (lone surrogates escaped), most frequent first."""
    with path.open("w", encoding="utf-8") as out:
        for record in summary.records():
            out.write(json.dumps(record, ensure_ascii=True) + "\n")


def cpu_count() -> int:
    """The processors this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
