"""The garbage collector kept out of the way where it only costs time: while the registry cache is unpickled, and
in a ``cadre-rules check`` process.

Unpickling the registry makes tens of thousands of objects and a cold check builds the case's pydantic schema:
none of it is garbage, yet the collector would scan it over and over (a fifth of a cold check).  At the exit of a
command-line process, the interpreter's last collections scan every object of the ~200,000 that importing
pydantic and the package made (another fifth); freezing them first skips that.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the collector for the block; restore it as it was after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def no_collection_at_exit() -> None:
    """At interpreter exit, freeze every object so that the final collections skip them (for a process that ends
    after its command: the objects are released with the process, and no finalizer of ours needs the collector)."""
    atexit.register(gc.freeze)
