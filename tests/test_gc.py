"""The collector pauses (package import, cache unpickling, one CLI check) leave it as they found it."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from cadre_rules._gc import collector_paused


@pytest.mark.parametrize("before", [True, False])
def test_importing_the_package_leaves_the_collector_as_it_was(before: bool) -> None:
    """After ``import cadre_rules`` the collector is enabled exactly when it was before."""
    code = f"import gc\nif not {before}: gc.disable()\nimport cadre_rules\nprint(gc.isenabled())"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == str(before)


def test_a_pause_restores_the_collector() -> None:
    """Inside the block the collector is off; after it (even after an error) it is as it was."""
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_check_through_main_leaves_the_collector_on(capsys: pytest.CaptureFixture[str]) -> None:
    """``main(["check", …])`` called in a process restores the collector when it returns."""
    from cadre_rules.cli import main
    from tests.conftest import EXAMPLES

    assert main(["check", str(EXAMPLES / "compliant-county-promotion.yaml"), "--engine", "native"]) == 0
    assert gc.isenabled()
    assert "合规" in capsys.readouterr().out
