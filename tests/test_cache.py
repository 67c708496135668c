"""The registry cache: the same reports as without it, rebuilt when the data or code changes, never fatal."""

from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from cadre_rules import _cache
from cadre_rules.instruments import load_library
from cadre_rules.rules import Registry, default_registry
from cadre_rules.rules._registry import load_specs, spec_files
from tests.conftest import ROOT, run_json

SCRIPT = """
import json, sys
from cadre_rules import _cache, validate
from pathlib import Path
reports = [
    validate(p, engine=e).to_json()
    for p in sorted(Path(sys.argv[1]).glob("*.yaml"))
    for e in ("durable", "native")
]
print(json.dumps({"from_cache": _cache.cached_registry() is not None, "reports": reports}, ensure_ascii=False))
"""


def run_checks(env: dict[str, str]) -> dict[str, object]:
    """Check every example on both engines in a new process with ``env``; whether it read the cache."""
    return run_json(SCRIPT, str(ROOT / "examples"), env=env)


def test_cached_registry_gives_the_same_reports(tmp_path: Path) -> None:
    """Reports are byte-identical without the cache, when building it, and when reading it."""
    folder = str(tmp_path / "cache")
    plain = run_checks({_cache.NO_CACHE_ENV: "1", _cache.CACHE_DIR_ENV: folder})
    assert not (tmp_path / "cache").exists() and not plain["from_cache"]
    building = run_checks({_cache.CACHE_DIR_ENV: folder})
    assert not building["from_cache"] and list((tmp_path / "cache").glob("registry-*.pickle"))
    reading = run_checks({_cache.CACHE_DIR_ENV: folder})
    assert reading["from_cache"]
    assert plain["reports"] == building["reports"] == reading["reports"]


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh cache folder (and fresh keys before and after the test)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(_cache.CACHE_DIR_ENV, str(folder))
    monkeypatch.delenv(_cache.NO_CACHE_ENV, raising=False)
    forget_keys()
    yield folder
    forget_keys()


def forget_keys() -> None:
    """Compute the cache key afresh, as a new process does."""
    _cache.forget()


def test_editing_a_data_file_invalidates_the_cache(
    cache_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A registry cached from the data is not read once a parameter value is edited; the rebuilt one has it."""
    data = tmp_path / "regulations"
    shutil.copytree(ROOT / "regulations", data)
    monkeypatch.setattr("cadre_rules.instruments.data_root", lambda: data)

    def build() -> Registry:
        return Registry(load_specs(spec_files()), load_library(data))

    first = _cache.cached("registry", Registry, build)
    assert _cache.load("registry", Registry) is not None
    params = data / "selection-regulations-2019" / "params.yaml"
    text = params.read_text(encoding="utf-8")
    assert "      2019-03-03: 5\n" in text
    params.write_text(text.replace("      2019-03-03: 5\n", "      2019-03-03: 6\n", 1), encoding="utf-8")
    forget_keys()
    assert _cache.load("registry", Registry) is None
    second = _cache.cached("registry", Registry, build)
    changed = [
        name
        for name in first.library.params
        if first.library.params[name][1].values != second.library.params[name][1].values
    ]
    assert changed
    reread = _cache.load("registry", Registry)
    assert reread is not None
    assert all(reread.library.params[n][1].values == second.library.params[n][1].values for n in changed)


def test_a_damaged_or_foreign_file_is_rebuilt(cache_folder: Path) -> None:
    """A truncated file, or one holding another key or another type, is ignored and replaced."""
    registry = default_registry()
    _cache.store("registry", registry)
    (path,) = cache_folder.glob("registry-*.pickle")
    path.write_bytes(path.read_bytes()[:1000])
    assert _cache.load("registry", Registry) is None
    path.write_bytes(pickle.dumps(("another key", registry)))
    assert _cache.load("registry", Registry) is None
    path.write_bytes(pickle.dumps((_cache.fingerprint(), "not a registry")))
    assert _cache.load("registry", Registry) is None
    rebuilt = _cache.cached("registry", Registry, lambda: registry)
    assert rebuilt is registry and _cache.load("registry", Registry) is not None


def test_no_cache_reads_and_writes_nothing(cache_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """CADRE_RULES_NO_CACHE=1 leaves the folder alone and reads nothing."""
    _cache.store("registry", default_registry())
    monkeypatch.setenv(_cache.NO_CACHE_ENV, "1")
    assert not _cache.enabled()
    assert _cache.load("registry", Registry) is None
    shutil.rmtree(cache_folder)
    _cache.store("registry", default_registry())
    assert not cache_folder.exists()


def test_an_unwritable_folder_only_costs_speed(cache_folder: Path) -> None:
    """A cache folder that cannot be created (a file is in the way) is no error."""
    cache_folder.write_text("not a folder", encoding="utf-8")
    _cache.store("registry", default_registry())
    assert _cache.load("registry", Registry) is None
    assert _cache.cached("registry", Registry, default_registry) is default_registry()


def test_old_files_are_pruned(cache_folder: Path) -> None:
    """At most KEEP cache files of a name are kept, the newest."""
    cache_folder.mkdir()
    for i in range(_cache.KEEP + 3):
        old = cache_folder / f"registry-{i:032d}.pickle"
        old.write_bytes(b"old")
        os.utime(old, ns=(i * 10**9, i * 10**9))
    _cache.store("registry", default_registry())
    kept = sorted(cache_folder.glob("registry-*.pickle"))
    assert len(kept) == _cache.KEEP
    assert _cache._path("registry", _cache.fingerprint()) in kept


def test_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """CADRE_RULES_CACHE_DIR, else XDG_CACHE_HOME/cadre-rules, else ~/.cache/cadre-rules."""
    monkeypatch.setenv(_cache.CACHE_DIR_ENV, str(tmp_path / "mine"))
    assert _cache.cache_dir() == tmp_path / "mine"
    monkeypatch.delenv(_cache.CACHE_DIR_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert _cache.cache_dir() == tmp_path / "xdg" / "cadre-rules"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert _cache.cache_dir() == Path.home() / ".cache" / "cadre-rules"


def test_a_file_others_can_write_is_not_loaded(cache_folder: Path) -> None:
    """A cache file writable by the group or others (one planted in a shared folder) is never unpickled."""
    _cache.store("registry", default_registry())
    (path,) = cache_folder.glob("registry-*.pickle")
    assert path.stat().st_mode & 0o777 == 0o600
    path.chmod(0o666)
    assert _cache.load("registry", Registry) is None
    path.chmod(0o600)
    assert _cache.load("registry", Registry) is not None
