"""The garbage collector paused where it only costs time: while the package is imported, while the registry cache
is unpickled, and for a single check on the command line.

Importing builds thousands of pydantic classes and schemas, unpickling the registry makes tens of thousands of
objects, and a cold check builds the case's pydantic schema: none of it is garbage, yet the collector would scan
it over and over (about a fifth of a cold ``cadre-rules check``).  Each pause restores the collector as it was.
The import pause starts when this module is imported (first, by ``cadre_rules/__init__.py``) and ends with
:func:`resume_import`, which ``__init__`` calls when its imports end, whether they succeed or fail.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

_enabled_before_import = gc.isenabled()
gc.disable()


def resume_import() -> None:
    """End the pause begun by importing the package: restore the collector as it was before."""
    if _enabled_before_import:
        gc.enable()


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
