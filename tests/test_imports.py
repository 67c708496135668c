"""The package imports what a single check needs and loads the batch, record and 任免审批表 modules on first use."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import cadre_rules
from tests.conftest import ROOT, run_json

EXAMPLE = ROOT / "examples" / "violations-finance-principal.yaml"

NOT_ON_THE_CHECK_PATH = (
    "cadre_rules._batch",
    "cadre_rules._record",
    "cadre_rules.lrmx",
    "cadre_rules.service",
    "cadre_rules.catalogue",
    "cadre_rules.lint",
    "cadre_rules.testing",
    "cadre_rules.instruments._coverage",
    "fastapi",
    "starlette",
    "uvicorn",
    "jinja2",
    "hypothesis",
    "defusedxml",
    "tqdm",
    "rich",
    "multiprocessing",
    "concurrent.futures",
    "jsonschema",
    "httpx",
)
"""Modules a cold `cadre-rules check` must not import (the serve, page, batch, import, lint and testing tools)."""

LAZY: dict[str, str] = cadre_rules._LAZY

CHECK = """
import contextlib, io, json, sys
import cadre_rules, cadre_rules.cli
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = cadre_rules.cli.main(["check", sys.argv[1], "--format", "json"])
names = json.loads(sys.argv[2])
print(json.dumps({
    "code": code,
    "outcome": json.loads(out.getvalue())["outcome"],
    "imported": sorted(n for n in names if n in sys.modules or any(m.startswith(n + ".") for m in sys.modules)),
}))
"""


def run_check(path: Path, names: tuple[str, ...], env: dict[str, str]) -> dict[str, object]:
    """Run `cadre-rules check PATH` through cli.main in a new process; which of ``names`` it imported."""
    return run_json(CHECK, str(path), json.dumps(names), env=env)


@pytest.mark.parametrize("cache", ["warm", "none"])
def test_a_check_imports_none_of_the_other_commands_machinery(cache: str, tmp_path: Path) -> None:
    """A whole `cadre-rules check` (import, case, registry, durable engine, report) imports no module that only
    serve, batch, import, record, lint or the test strategies need, with the registry cache or without it."""
    env = {"CADRE_RULES_CACHE_DIR": str(tmp_path / "cache")}
    if cache == "none":
        env["CADRE_RULES_NO_CACHE"] = "1"
    else:
        run_check(EXAMPLE, (), env)  # fills the cache
    out = run_check(EXAMPLE, NOT_ON_THE_CHECK_PATH, env)
    assert out["code"] == 1 and out["outcome"] == "violations"  # the check ran to its report
    assert out["imported"] == []


def test_the_guard_would_see_an_imported_module(tmp_path: Path) -> None:
    """The same probe lists a module the check does import (so an empty list above is a real answer)."""
    out = run_check(EXAMPLE, ("pydantic", "cadre_rules.engine", "no_such_module"), {"CADRE_RULES_NO_CACHE": "1"})
    assert out["imported"] == ["cadre_rules.engine", "pydantic"]


def test_python_stdnum_is_imported_only_for_an_id_number(tmp_path: Path) -> None:
    """python-stdnum is imported to check an ID number: the same case without one never loads it."""
    with_id = ROOT / "examples" / "compliant-county-promotion.yaml"
    text = with_id.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.strip().startswith("id_number:")]
    assert len(lines) == len(text.splitlines()) - 1
    without = tmp_path / "case.yaml"
    without.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {"CADRE_RULES_NO_CACHE": "1"}
    assert run_check(with_id, ("stdnum",), env)["imported"] == ["stdnum"]
    assert run_check(without, ("stdnum",), env)["imported"] == []


@pytest.mark.parametrize("name", sorted(LAZY))
def test_the_lazy_public_names_resolve_to_their_modules_objects(name: str) -> None:
    """Each lazily imported public name is the object of the module that defines it, listed in __all__ and dir()."""
    assert name in cadre_rules.__all__
    assert name in dir(cadre_rules)
    obj = getattr(cadre_rules, name)
    assert obj.__module__ == LAZY[name]
    assert obj is getattr(sys.modules[LAZY[name]], name)


def test_from_import_of_a_lazy_name_works_in_a_new_process() -> None:
    """`from cadre_rules import procedure_record, validate_many` works before anything else imported them."""
    code = (
        "import sys; from cadre_rules import procedure_record, validate_many, read_lrmx; "
        "print(procedure_record.__module__, validate_many.__module__, read_lrmx.__module__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["cadre_rules._record", "cadre_rules._batch", "cadre_rules.lrmx"]


def test_an_unknown_name_is_an_attribute_error() -> None:
    """A name the package does not have raises AttributeError, as for any module."""
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = cadre_rules.no_such_name
