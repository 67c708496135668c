"""Threads that ask for the shipped registry together get the one registry built once."""

from __future__ import annotations

import os
import subprocess
import sys

_CODE = """
import threading
from cadre_rules.rules import _registry

built = []
original = _registry.Registry.__init__

def counting(self, *args, **kwargs):
    built.append(1)
    original(self, *args, **kwargs)

_registry.Registry.__init__ = counting
barrier = threading.Barrier(8)
got = []

def ask():
    barrier.wait()
    got.append(id(_registry.default_registry()))

threads = [threading.Thread(target=ask) for _ in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(set(got)), len(built))
"""


def test_eight_threads_asking_together_share_one_registry_built_once() -> None:
    """Without the user cache (so the registry is compiled), eight racing threads see one registry, built once."""
    env = {**os.environ, "CADRE_RULES_NO_CACHE": "1"}
    out = subprocess.run([sys.executable, "-c", _CODE], capture_output=True, text=True, check=True, env=env).stdout
    assert out.split() == ["1", "1"]
