"""The garbage collector paused while the package is imported (imported first by ``cadre_rules/__init__.py``).

Importing builds thousands of pydantic classes and schemas: tens of thousands of new objects, none of them garbage,
which the collector would scan over and over (about 12 ms of a 200 ms import).  It is paused for the import only and
restored as it was by :func:`resume`, which ``__init__`` calls when its imports end, whether they succeed or fail.
"""

from __future__ import annotations

import gc

_was_enabled = gc.isenabled()
gc.disable()


def resume() -> None:
    """Restore the collector as it was before the package's import."""
    if _was_enabled:
        gc.enable()
