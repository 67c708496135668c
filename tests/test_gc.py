"""The collector pauses (cache unpickling, one CLI check) leave it as they found it."""

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
    """``main(["check", …])`` called in a process restores the collector when it returns (and only freezes objects
    at the process's exit)."""
    from cadre_rules.cli import main
    from tests.conftest import EXAMPLES

    assert main(["check", str(EXAMPLES / "compliant-county-promotion.yaml"), "--engine", "native"]) == 0
    assert gc.isenabled()
    assert "合规" in capsys.readouterr().out


def test_a_check_process_exits_cleanly_with_its_output() -> None:
    """A check process whose objects are frozen at exit still writes all of its report and its exit code."""
    from tests.conftest import EXAMPLES

    path = str(EXAMPLES / "violations-finance-principal.yaml")
    args = [sys.executable, "-m", "cadre_rules.cli", "check", path, "--format", "json", "--engine", "native"]
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    assert result.returncode == 1 and result.stdout.endswith("}\n") and not result.stderr
