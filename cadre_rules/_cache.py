"""A cache of the compiled registry (rules and regulation library) in the user's cache folder, for a fast cold start.

Building the registry reads ~130 YAML files and compiles every condition; a check started from the command line
would pay it on every run.  The built registry is pickled once into ``$CADRE_RULES_CACHE_DIR``, else
``$XDG_CACHE_HOME/cadre-rules``, else ``~/.cache/cadre-rules`` (created private to the user; a file is loaded only
if the user owns it and no one else can write it), under a key that digests everything it was built from: the
contents of the rule specs and the regulation data, the package's code (each file's path, size and modification
time in nanoseconds, as Python's own bytecode cache does), and the package, Python and pydantic versions.  A file
whose key differs is never read, so editing a data file or the code rebuilds it; an unreadable, truncated or
foreign file is ignored and rebuilt.  Files are written atomically (a temporary file renamed into place) and the
oldest beyond :data:`KEEP` are removed.  ``CADRE_RULES_NO_CACHE=1`` disables the cache (nothing read or written);
a folder that cannot be written only costs the speed-up.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from cadre_rules._gc import collector_paused

if TYPE_CHECKING:
    from cadre_rules.rules import Registry

T = TypeVar("T")

CACHE_DIR_ENV = "CADRE_RULES_CACHE_DIR"
"""The environment variable naming the cache folder."""
NO_CACHE_ENV = "CADRE_RULES_NO_CACHE"
"""The environment variable that disables the cache when set to anything but ``""``, ``0`` or ``false``."""
KEEP = 8
"""How many cache files (of different keys, e.g. several installed versions) are kept."""
_FORMAT = 1  # bump when the layout of what is pickled changes without the code that builds it changing


def enabled() -> bool:
    """Whether the cache is used (``CADRE_RULES_NO_CACHE`` unset, empty, ``0`` or ``false``)."""
    return os.environ.get(NO_CACHE_ENV, "").strip().lower() in ("", "0", "false", "no")


def cache_dir() -> Path:
    """The cache folder: ``$CADRE_RULES_CACHE_DIR``, else ``$XDG_CACHE_HOME/cadre-rules``, else ``~/.cache/…``."""
    explicit = os.environ.get(CACHE_DIR_ENV)
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "cadre-rules"


def _files_under(folder: Path, suffix: str) -> list[Path]:
    """Every file under ``folder`` whose name ends with ``suffix``, sorted as paths sort (``os.walk``: a cold check
    pays for this listing, and ``Path.rglob`` takes several times as long)."""
    found: list[Path] = []
    for top, _, names in os.walk(folder):
        found.extend(Path(top, name) for name in names if name.endswith(suffix))
    return sorted(found)


def _data_files() -> list[Path]:
    """The rule spec files, then the regulation data files (regulations/, profiles and coverage included)."""
    from cadre_rules.instruments import data_root
    from cadre_rules.rules import spec_files

    return sorted(spec_files()) + _files_under(data_root(), ".yaml")


@cache
def _data_state() -> tuple[str, tuple[tuple[str, int], ...]]:
    """The SHA-256 over the name and bytes of every file of :func:`_data_files`, in order, and each file's place and
    size (the files are listed and read once per process)."""
    digest = hashlib.sha256()
    places: list[tuple[str, int]] = []
    for path in _data_files():
        data = path.read_bytes()
        digest.update(path.name.encode())
        digest.update(data)
        places.append((str(path), len(data)))
    return digest.hexdigest(), tuple(places)


def data_digest() -> str:
    """SHA-256 over the name and bytes of every file of :func:`_data_files`, in order (read once per process).

    The ruleset version shows its first twelve digits (``ruleset_version()``); the cache key holds it whole.
    """
    return _data_state()[0]


@cache
def fingerprint() -> str:
    """The key of a cached registry (computed once per process): the digest of the data's contents, each data
    file's place and size, each code file's place, size and modification time (as Python's bytecode cache does),
    and the package, Python and pydantic versions."""
    import pydantic

    from cadre_rules._validate import __version__

    digest = hashlib.sha256()
    for part in (str(_FORMAT), __version__, sys.version, pydantic.VERSION, str(pickle.HIGHEST_PROTOCOL)):
        digest.update(part.encode() + b"\0")
    contents, places = _data_state()
    digest.update(contents.encode())
    for place, size in places:
        digest.update(f"{place}\0{size}\0".encode())
    package = Path(__file__).resolve().parent
    for path in _files_under(package, ".py"):
        stat = path.stat()
        digest.update(f"{path.relative_to(package)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def forget() -> None:
    """Forget the key and the data digest computed in this process (the next call lists and reads the files again)."""
    _data_state.cache_clear()
    fingerprint.cache_clear()


def _path(name: str, key: str) -> Path:
    return cache_dir() / f"{name}-{key[:32]}.pickle"


def load(name: str, kind: type[T]) -> T | None:
    """The cached ``name`` if a file for the current :func:`fingerprint` holds a ``kind``; else None."""
    if not enabled():
        return None
    try:
        key = fingerprint()
        data = _read_own(_path(name, key))
        if data is None:
            return None
        with collector_paused():  # tens of thousands of new objects: collecting while they arrive triples the time
            stored_key, value = pickle.loads(data)
    except Exception:
        return None
    if stored_key != key or not isinstance(value, kind):
        return None
    return value


def _read_own(path: Path) -> bytes | None:
    """The bytes of ``path`` if this user owns it and no one else may write it (a pickle is code: one planted in a
    shared folder such as /tmp is never loaded); None otherwise."""
    with path.open("rb") as handle:
        stat = os.fstat(handle.fileno())
        if hasattr(os, "getuid") and (stat.st_uid != os.getuid() or stat.st_mode & 0o022):
            return None
        return handle.read()


def store(name: str, value: object) -> None:
    """Write ``value`` as the cached ``name`` for the current :func:`fingerprint` (atomically; errors ignored)."""
    if not enabled():
        return
    import tempfile

    try:
        key = fingerprint()
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((key, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, _path(name, key))
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
        _prune(folder, name)
    except Exception:
        return


def _prune(folder: Path, name: str) -> None:
    """Keep the :data:`KEEP` newest cache files of ``name``."""
    files = sorted(folder.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in files[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()


def cached(name: str, kind: type[T], build: Callable[[], T]) -> T:
    """The cached ``name`` when valid, else ``build()`` stored for the next process."""
    value = load(name, kind)
    if value is None:
        value = build()
        store(name, value)
    return value


REGISTRY = "registry"
"""The cache name of the shipped registry (which holds the shipped library)."""


@cache
def cached_registry() -> Registry | None:
    """The shipped registry from the cache, if a valid file holds it (looked up once per process)."""
    from cadre_rules.rules import Registry

    return load(REGISTRY, Registry)
