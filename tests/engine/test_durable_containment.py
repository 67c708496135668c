"""durable_rules contained: no idle threads, one engine per process, a failure retried once then reported."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from cadre_rules.engine import DURABLE_AVAILABLE, DurableEngine, EngineError, NativeEngine, shared_engine
from tests.engine.test_engines import RULES

pytestmark = pytest.mark.skipif(not DURABLE_AVAILABLE, reason="durable_rules does not import here")

FACT = {"a": 1, "b": 2, "c": 3, "s": "x", "flag": True, "other": False, "p__r__num": 2, "p__r__den": 3}


@pytest.fixture
def thread_starts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the threads started while the fixture is active."""
    started: list[str] = []
    original = threading.Thread.start

    def start(self: threading.Thread) -> None:
        started.append(type(self).__name__)
        original(self)

    monkeypatch.setattr(threading.Thread, "start", start)
    yield started


IDLE = """
import threading, time
started = []
original = threading.Thread.start
def start(self):
    started.append(type(self).__name__)
    original(self)
threading.Thread.start = start
from durable import engine
from cadre_rules.engine import DurableEngine
from tests.engine.test_engines import RULES
quiet = DurableEngine(RULES)
quiet.fired(RULES, {"a": 1})
time.sleep(0.5)
print(len(started))
engine.Host()
time.sleep(0.7)
print(len(started))
"""


def test_the_plain_host_starts_timer_threads_while_idle() -> None:
    """The measurement: durable's own Host starts timer threads while idle, the adapter's starts none."""
    out = subprocess.run([sys.executable, "-c", IDLE], capture_output=True, text=True, check=True, timeout=300)
    quiet, plain = map(int, out.stdout.split())
    assert quiet == 0
    assert plain >= 2


def test_the_adapter_starts_no_thread_while_idle(thread_starts: list[str]) -> None:
    """An engine built, used, then left idle starts no thread at all."""
    engine = DurableEngine(RULES)
    engine.fired(RULES, FACT)
    time.sleep(0.7)
    assert engine.fired(RULES, FACT) == NativeEngine().fired(RULES, FACT)
    assert thread_starts == []


def test_a_failure_is_retried_once_on_a_fresh_session(monkeypatch: pytest.MonkeyPatch) -> None:
    """One failed call (an engine exception) is retried on a new session and gives the right answer."""
    engine = DurableEngine(RULES)
    real = engine._dispatch
    sids: list[str] = []
    calls = iter(range(1_000_000))

    def flaky(name: str, message: dict[str, Any]) -> Any:
        sids.append(message["sid"])
        if next(calls) == 0:
            raise RuntimeError("engine error 303")
        return real(name, message)

    monkeypatch.setattr(engine, "_dispatch", flaky)
    assert engine.fired(RULES, FACT) == NativeEngine().fired(RULES, FACT)
    assert sids[0] != sids[-1]


def test_a_dropped_fact_is_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    """A ruleset whose actions did not run (the sentinel missing) is retried, not reported as no finding."""
    engine = DurableEngine(RULES)
    real = engine._dispatch
    calls = iter(range(1_000_000))

    def dropping(name: str, message: dict[str, Any]) -> Any:
        if next(calls) == 0:
            return []  # as if an action had been taken elsewhere: nothing ran in this call
        return real(name, message)

    monkeypatch.setattr(engine, "_dispatch", dropping)
    assert engine.fired(RULES, FACT) == NativeEngine().fired(RULES, FACT)


def test_a_second_failure_is_an_engine_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Failing twice raises EngineError naming both failures: never a partial or empty result."""
    engine = DurableEngine(RULES)

    def broken(name: str, message: dict[str, Any]) -> Any:
        raise RuntimeError("engine error 302")

    monkeypatch.setattr(engine, "_dispatch", broken)
    with pytest.raises(EngineError, match="failed twice"):
        engine.fired(RULES, FACT)


def test_a_shared_engine_is_built_once_per_rule_set() -> None:
    """The same rules give the same engine, whatever key asks for them."""
    first = shared_engine(object(), RULES)
    assert shared_engine(object(), list(RULES)) is first
    assert shared_engine(object(), RULES[:3]) is not first


RACE = """
import threading
from cadre_rules.engine import _durable
from cadre_rules import validate

built = []
init = _durable.DurableEngine.__init__
def counting(self, rules):
    built.append(1)
    init(self, rules)
_durable.DurableEngine.__init__ = counting
barrier = threading.Barrier(8)
outcomes = []
def check():
    barrier.wait()
    outcomes.append(validate("examples/compliant-county-promotion.yaml", engine="durable").outcome)
threads = [threading.Thread(target=check) for _ in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(built), sorted(set(outcomes)), len(outcomes))
"""


def test_threads_racing_on_the_first_validate_build_one_engine() -> None:
    """Eight threads calling the first validate of a process together build exactly one durable engine."""
    out = subprocess.run([sys.executable, "-c", RACE], capture_output=True, text=True, check=True, timeout=300)
    assert out.stdout.split() == ["1", "['compliant']", "8"]


def test_the_adapter_reads_each_fired_action_by_name_only() -> None:
    """The dispatch reads the name of each fired action (the key of ``{"NAME": fact}``); a message in another
    layout is decoded in full, and an action the adapter did not define is an engine error."""
    engine = DurableEngine(RULES)
    key = sorted(engine._known)[0]
    assert engine._action_name('{"' + key + '":{"a":1,"sid":"0"}}') == key
    assert engine._action_name('{ "' + key + '" : {"a": 1}}') == key
    with pytest.raises(EngineError, match="did not define"):
        engine._action_name('{"no such action":{"a":1}}')


def test_an_action_run_by_durable_rules_own_dispatch_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """durable_rules' own dispatch (which decodes every matched fact) never runs the adapter's actions: if it did,
    the evaluation fails (then on retry) with an engine error, never a silent result."""
    engine = DurableEngine(RULES)

    def own_dispatch(name: str, message: dict[str, Any]) -> list[str]:
        engine._host.assert_fact(name, message)  # runs the registered functions, as a Host would
        return []

    monkeypatch.setattr(engine, "_dispatch", own_dispatch)
    with pytest.raises(EngineError, match="outside the adapter's dispatch"):
        engine.fired(RULES, FACT)
