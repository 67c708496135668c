"""The package imports what a single check needs and loads the batch and 任免审批表 modules on first use."""

from __future__ import annotations

import subprocess
import sys

import pytest

import cadre_rules


def test_a_check_imports_neither_the_batch_machinery_nor_the_lrmx_reader() -> None:
    """`import cadre_rules.cli` (a cold `cadre-rules check`) leaves cadre_rules._batch and cadre_rules.lrmx out."""
    code = (
        "import sys, cadre_rules.cli; "
        "print(sorted(m for m in ('cadre_rules._batch', 'cadre_rules.lrmx') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("name", ["BatchSummary", "CaseFailure", "validate_many", "LrmxImport", "read_lrmx"])
def test_the_lazy_public_names_resolve_to_their_modules_objects(name: str) -> None:
    """Each lazily imported public name is the object of the module that defines it, and listed in __all__."""
    assert name in cadre_rules.__all__
    obj = getattr(cadre_rules, name)
    assert obj.__module__ in ("cadre_rules._batch", "cadre_rules.lrmx")


def test_an_unknown_name_is_an_attribute_error() -> None:
    """A name the package does not have raises AttributeError, as for any module."""
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = cadre_rules.no_such_name
