"""The durable_rules adapter, with every guardrail of shared/reference/durable-rules.md.

* facts are asserted with ``assert_fact`` (events would fire one rule only);
* one fresh session id per evaluation, deleted in ``finally`` (1,024 live sessions crash the engine);
* one private ``Host`` per compiled rule set (ruleset names register once per host), without the background
  dispatch timers (they took actions outside the lock);
* one lock around every call into durable_rules, shared by every engine of the process (the C engine is
  not thread-safe and loses results when shared), construction included;
* one engine per rule set and process (:func:`shared_engine`), built under that lock even when threads
  race to build it (four threads calling the first ``validate`` together used to build 4–10 engines);
* a failed evaluation (an engine error, a swallowed action exception, a ruleset whose sentinel did not fire)
  is retried once on a fresh session; a second failure raises :class:`EngineError`, never a partial result;
* the adapter dispatches the fired actions itself, through the engine's C interface (``start_action_for_state``,
  then ``complete_and_start_action`` until none is left), reading only each action's name: durable_rules' own
  dispatch decoded the whole matched fact and re-encoded the session state for every action (about a third of
  a case's time); the rule functions it registers are never run by it, and one that runs is an error;
* rules are packed into rulesets so that their conditions' alternative paths (an ``or`` adds one per
  disjunct) total at most ``MAX_SIBLINGS``: fewer than 64 sibling tests can pass at once (engine error
  303, or 302 as measured with 134 rules in a shuffled order);
* every ruleset has a sentinel rule that matches every fact: measured here, ``delete_state`` on a session
  whose fact matched no rule (``MessageNotHandledException``) crashes the process with a segmentation
  fault, so no fact may go unhandled;
* facts are flat JSON scalars without ``None`` (absent keys), dates as ISO strings, booleans kept apart
  from integers by name; "missing data" is decided outside the engine;
* each ruleset is sent only the keys its rules read, at most ``MAX_PROPERTIES`` of them: a fact may have
  at most ~253 properties (measured here: 130 facts plus every parameter failed with engine error 302 and
  corrupted the next session's deletion, error 309).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import math
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from cadre_rules.engine._base import (
    EngineError,
    EngineUnavailableError,
    Scalar,
    applies_key,
    check_fact_ints,
    violated_key,
)
from cadre_rules.engine._durable_compile import ZERO_KEY, check_magnitude, compile_condition
from cadre_rules.rules import CompiledRule
from cadre_rules.rules._expr import Core, CoreBool

MAX_SIBLINGS = 62  # alternative paths per ruleset; with the sentinel at most 63 co-passing sibling tests (< 64)
MAX_PROPERTIES = 200  # keys of the fact sent to one ruleset (the engine's limit is ~253)
SENTINEL = "_handled"

try:  # durable_rules does not import on Python 3.13+
    import durable_rules_engine as _c_engine
    from durable import engine as _durable_engine

    AVAILABLE = True
except ImportError:  # pragma: no cover - depends on the interpreter
    _durable_engine = _c_engine = None
    AVAILABLE = False

_host_counter = itertools.count()
_LOCK = threading.RLock()  # every call into durable_rules, from every engine of the process
_SHARED: dict[tuple[Any, ...], DurableEngine] = {}  # by the rules' ids and conditions
_SHARED_BY_KEY: dict[int, tuple[Any, DurableEngine]] = {}  # by the identity of the caller's key (kept alive)


def _quiet_host() -> Any:
    """A ``Host`` without its background dispatch timers.

    ``Host.__init__`` starts two self-rescheduling ``threading.Timer`` loops (``_run``) that dispatch queued
    actions and timers: ~40 threads a second while idle, and now and then one of them takes an action of a
    session outside the adapter's lock (measured: the sentinel check then fails, about once in 60,000 calls,
    and a late action could reach the next evaluation).  The adapter uses neither queued messages nor timers:
    ``assert_fact`` runs the actions of its session synchronously, so the loops are never started.
    """
    assert _durable_engine is not None

    class QuietHost(_durable_engine.Host):  # type: ignore[misc]
        def _run(self) -> None:
            return None

    return QuietHost()


def branches(core: Core) -> int:
    """Alternative paths a condition adds under the ruleset root (an upper bound on its sibling tests)."""
    if isinstance(core, CoreBool):
        counts = [branches(item) for item in core.items]
        return sum(counts) if core.op == "or" else math.prod(counts)
    return 1


def rule_keys(rule: CompiledRule) -> frozenset[str]:
    """The fact keys a rule's conditions read (prepared once per rule)."""
    return rule.reads


def pack(rules: Sequence[CompiledRule]) -> list[list[CompiledRule]]:
    """Consecutive groups of rules with at most ``MAX_SIBLINGS`` paths and ``MAX_PROPERTIES`` keys each."""
    groups: list[list[CompiledRule]] = []
    current: list[CompiledRule] = []
    width, keys = 0, frozenset[str]()
    for rule in rules:
        need = branches(rule.violated_core) + (branches(rule.applies_core) if rule.applies_core is not None else 0)
        reads = rule_keys(rule)
        if need > MAX_SIBLINGS or len(reads) > MAX_PROPERTIES:
            raise EngineError(f"rule {rule.id}: {need} alternative paths, {len(reads)} keys: too many for one ruleset")
        if current and (width + need > MAX_SIBLINGS or len(keys | reads) > MAX_PROPERTIES):
            groups.append(current)
            current, width, keys = [], 0, frozenset()
        current.append(rule)
        width += need
        keys |= reads
    if current:
        groups.append(current)
    return groups


class DurableEngine:
    """Evaluates compiled rules with durable_rules' Rete engine."""

    name = "durable"

    def __init__(self, rules: Sequence[CompiledRule]) -> None:
        if not AVAILABLE:
            raise EngineUnavailableError(durable_unavailable_message())
        self._rule_ids = frozenset(r.id for r in rules)
        self._lock = _LOCK
        self._fired: list[str] = []
        self._errors: list[BaseException] = []
        self._sids = itertools.count()
        prefix = f"cadre{next(_host_counter)}"
        definitions: dict[str, dict[str, Any]] = {}
        self._keys: dict[str, frozenset[str]] = {}
        self._ruleset_of: dict[str, str] = {}  # rule id -> the ruleset holding it
        for index, group in enumerate(pack(rules)):
            ruleset: dict[str, Any] = {}
            for rule in group:
                check_magnitude(rule)
                if rule.applies_core is not None:
                    key = applies_key(rule.id)
                    ruleset[key] = {
                        "all": [{"m": compile_condition(rule.applies_core)}],
                        "run": self._action(key),
                    }
                key = violated_key(rule.id)
                ruleset[key] = {
                    "all": [{"m": compile_condition(rule.violated_core)}],
                    "run": self._action(key),
                }
            ruleset[SENTINEL] = {"all": [{"m": {ZERO_KEY: 0}}], "run": self._action(SENTINEL)}
            definitions[f"{prefix}_{index}"] = ruleset
            self._keys[f"{prefix}_{index}"] = frozenset().union(*(rule_keys(r) for r in group))
            self._ruleset_of.update((r.id, f"{prefix}_{index}") for r in group)
        self._names = sorted(definitions)
        self._known = frozenset(key for ruleset in definitions.values() for key in ruleset)
        self._chosen: dict[frozenset[str], tuple[str, ...]] = {}  # wanted rule ids -> their rulesets
        with self._lock:
            self._host = _quiet_host()
            self._host.set_rulesets(definitions)

    def _action(self, key: str) -> Callable[[Any], None]:
        """The function a ruleset definition needs for ``key``; the adapter's dispatch never runs it."""

        def act(c: Any) -> None:  # exactly one parameter: two would make the action asynchronous
            self._errors.append(EngineError(f"durable_rules ran the action {key} outside the adapter's dispatch"))

        return act

    def fired(self, rules: Sequence[CompiledRule], fact: Mapping[str, Scalar]) -> set[str]:
        """The ``#applies`` / ``#violated`` keys whose condition holds on ``fact``.

        A failed evaluation is retried once on a fresh session; a second failure raises :class:`EngineError`
        naming both.
        """
        wanted = {r.id for r in rules}
        unknown = wanted - self._rule_ids
        if unknown:
            raise EngineError(f"rules not compiled into this engine: {sorted(unknown)}")
        check_fact_ints(fact)
        names = self._rulesets(wanted)
        with self._lock:
            try:
                keys = self._fire(fact, names)
            except EngineError as first:
                try:
                    keys = self._fire(fact, names)
                except EngineError as second:
                    raise EngineError(f"durable_rules failed twice on one fact: {first}; then {second}") from second
        return {k for k in keys if k.split("#", 1)[0] in wanted}

    def _rulesets(self, wanted: frozenset[str] | set[str]) -> tuple[str, ...]:
        """The rulesets holding the ``wanted`` rules, in order: a fact is asserted only into those."""
        key = frozenset(wanted)
        names = self._chosen.get(key)
        if names is None:
            held = {self._ruleset_of[rule_id] for rule_id in key}
            names = tuple(n for n in self._names if n in held)
            if len(self._chosen) >= 256:  # selections are few (profiles, dates, levels, kinds); stay bounded
                self._chosen.clear()
            self._chosen[key] = names
        return names

    def _fire(self, fact: Mapping[str, Scalar], names: Sequence[str]) -> list[str]:
        """One evaluation on a fresh session (the caller holds the lock): the keys of the actions that ran."""
        self._fired = []
        self._errors = []
        sid = str(next(self._sids))
        for name in names:
            message: dict[str, Any] = {k: fact[k] for k in self._keys[name] if fact.get(k) is not None}
            message[ZERO_KEY] = 0
            message["sid"] = sid
            try:
                self._fired.extend(self._dispatch(name, message))
            except Exception as exc:
                raise EngineError(f"durable_rules failed on ruleset {name}: {exc}") from exc
            finally:
                try:
                    self._host.delete_state(name, sid)
                except Exception as exc:  # pragma: no cover - a leaked session would crash later
                    raise EngineError(f"durable_rules could not delete session {sid}: {exc}") from exc
        if self._errors:
            raise EngineError(f"durable_rules action failed: {self._errors[0]!r}")
        if self._fired.count(SENTINEL) != len(names):
            raise EngineError("durable_rules dropped a fact: a ruleset's sentinel rule did not fire")
        return list(self._fired)

    def _dispatch(self, name: str, message: Mapping[str, Any]) -> list[str]:
        """Assert ``message`` into ruleset ``name`` and take every action it fired, in the engine's order: the
        action names (the caller holds the lock and deletes the session)."""
        assert _c_engine is not None
        rules = self._host.get_ruleset(name)
        state = rules.assert_fact(message)  # durable_rules' own call: the fact encoded, its result codes raised
        names: list[str] = []
        try:
            started = _c_engine.start_action_for_state(rules._handle, state)
            text: str | None = started[1] if started else None
            while text:
                names.append(self._action_name(text))
                text = _c_engine.complete_and_start_action(rules._handle, state)
        except BaseException:
            with contextlib.suppress(Exception):  # as durable_rules' dispatch does before reporting the error
                _c_engine.abandon_action(rules._handle, state)
            raise
        return names

    def _action_name(self, text: str) -> str:
        """The name of the action a fired message is for: the key of ``{"NAME": {…the matched fact…}}``, read
        without decoding the fact (the adapter's keys hold no quote or escape); decoded in full otherwise."""
        end = text.find('"', 2)
        name = text[2:end] if text.startswith('{"') and end > 2 else ""
        if name not in self._known:
            decoded = json.loads(text)
            name = next(iter(decoded), "") if isinstance(decoded, dict) else ""
            if name not in self._known:
                raise EngineError(f"durable_rules fired an action the adapter did not define: {name[:80]!r}")
        return name


def shared_engine(key: Any, rules: Sequence[CompiledRule]) -> DurableEngine:
    """The process's one engine for ``rules`` (``key`` identifies them, e.g. the registry), built once.

    Built under the adapter's lock: threads racing on the first evaluation get the same engine.  Rules equal
    by id and condition share an engine whatever the key (two registries loaded by racing threads).
    """
    with _LOCK:
        known = _SHARED_BY_KEY.get(id(key))
        if known is not None and known[0] is key:
            return known[1]
        content = tuple((r.id, r.applies_core, r.violated_core) for r in rules)
        engine = _SHARED.get(content)
        if engine is None:
            engine = DurableEngine(rules)
            _SHARED[content] = engine
        _SHARED_BY_KEY[id(key)] = (key, engine)
        return engine


def durable_unavailable_message() -> str:
    """Why durable_rules cannot be used here, in Chinese and English, and what gives the same findings."""
    import platform

    version = platform.python_version()
    return (
        f"本机 Python {version} 上无法使用 durable 引擎（durable_rules 不支持 Python 3.13 及以上版本）；"
        "native 引擎给出完全相同的结论，请改用 --engine native，或不指定引擎（自动选用 native） / "
        f"the durable engine is unavailable on Python {version} (durable_rules does not support Python 3.13 "
        "and later); the native engine gives identical findings: use --engine native, or leave the engine out "
        "(native is then chosen)"
    )
