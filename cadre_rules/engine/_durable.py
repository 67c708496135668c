"""The durable_rules adapter, with every guardrail of shared/reference/durable-rules.md.

* facts are asserted with ``assert_fact`` (events would fire one rule only);
* one fresh session id per evaluation, deleted in ``finally`` (1,024 live sessions crash the engine);
* one private ``Host`` per compiled rule set (ruleset names register once per host);
* one lock around every call (the C engine is not thread-safe and loses results when shared);
* actions take exactly one parameter and never raise: an error is recorded and re-raised after the call;
* at most ``CHUNK`` rules (two conditions each) per ruleset, so fewer than 64 sibling tests pass at once;
* every ruleset has a sentinel rule that matches every fact: measured here, ``delete_state`` on a session
  whose fact matched no rule (``MessageNotHandledException``) crashes the process with a segmentation
  fault, so no fact may go unhandled;
* facts are flat JSON scalars without ``None`` (absent keys), dates as ISO strings, booleans kept apart
  from integers by name; "missing data" is decided outside the engine.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from cadre_rules.engine._base import EngineError, Scalar, applies_key, violated_key
from cadre_rules.engine._durable_compile import ZERO_KEY, compile_condition
from cadre_rules.rules import CompiledRule

CHUNK = 30  # rules per ruleset: 2 conditions each + the sentinel, at most 61 co-passing sibling tests (< 64)
SENTINEL = "_handled"

try:  # durable_rules does not import on Python 3.13+
    from durable import engine as _durable_engine

    AVAILABLE = True
except ImportError:  # pragma: no cover - depends on the interpreter
    _durable_engine = None
    AVAILABLE = False

_host_counter = itertools.count()


class DurableEngine:
    """Evaluates compiled rules with durable_rules' Rete engine."""

    name = "durable"

    def __init__(self, rules: Sequence[CompiledRule]) -> None:
        if not AVAILABLE:
            raise EngineError("durable_rules cannot be imported here (Python 3.13+?); use engine='native'")
        self._rule_ids = frozenset(r.id for r in rules)
        self._lock = threading.Lock()
        self._fired: list[str] = []
        self._errors: list[BaseException] = []
        self._sids = itertools.count()
        prefix = f"cadre{next(_host_counter)}"
        definitions: dict[str, dict[str, Any]] = {}
        for index in range(0, len(rules), CHUNK):
            ruleset: dict[str, Any] = {}
            for rule in rules[index : index + CHUNK]:
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
            definitions[f"{prefix}_{index // CHUNK}"] = ruleset
        self._names = sorted(definitions)
        assert _durable_engine is not None
        self._host = _durable_engine.Host()
        self._host.set_rulesets(definitions)

    def _action(self, key: str) -> Callable[[Any], None]:
        def act(c: Any) -> None:  # exactly one parameter: two would make the action asynchronous
            try:
                self._fired.append(key)
            except BaseException as exc:  # pragma: no cover - recorded, re-raised after the call
                self._errors.append(exc)

        return act

    def fired(self, rules: Sequence[CompiledRule], fact: Mapping[str, Scalar]) -> set[str]:
        """The ``#applies`` / ``#violated`` keys whose condition holds on ``fact``."""
        unknown = {r.id for r in rules} - self._rule_ids
        if unknown:
            raise EngineError(f"rules not compiled into this engine: {sorted(unknown)}")
        assert _durable_engine is not None
        with self._lock:
            self._fired = []
            self._errors = []
            sid = str(next(self._sids))
            message: dict[str, Any] = {k: v for k, v in fact.items() if v is not None}
            message[ZERO_KEY] = 0
            message["sid"] = sid
            for name in self._names:
                try:
                    state = self._host.assert_fact(name, dict(message))
                except Exception as exc:
                    raise EngineError(f"durable_rules failed on ruleset {name}: {exc}") from exc
                finally:
                    try:
                        self._host.delete_state(name, sid)
                    except Exception as exc:  # pragma: no cover - a leaked session would crash later
                        raise EngineError(f"durable_rules could not delete session {sid}: {exc}") from exc
                if isinstance(state, dict) and state.get("exception"):
                    raise EngineError(f"durable_rules action failed: {state['exception']}")
            if self._errors:
                raise EngineError(f"durable_rules action failed: {self._errors[0]!r}")
            if self._fired.count(SENTINEL) != len(self._names):
                raise EngineError("durable_rules dropped a fact: a ruleset's sentinel rule did not fire")
            wanted = {r.id for r in rules}
            return {k for k in self._fired if k.split("#", 1)[0] in wanted}
