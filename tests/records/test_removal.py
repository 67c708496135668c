"""A removal (免职) names as its post the post the cadre leaves; contradictions are a CaseError in both languages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cadre_rules import CaseError, validate
from cadre_rules.records import AppointmentKind, case_from_mapping
from cadre_rules.records._enums import label_zh
from cadre_rules.testing import compliant_base, deep_merge
from tests.conftest import EXAMPLES


def test_removal_is_a_kind_of_case_with_a_chinese_name() -> None:
    """kind: removal is read, and its Chinese name is 免职."""
    case = case_from_mapping(compliant_base("standard", "removal"))
    assert case.kind is AppointmentKind.REMOVAL
    assert label_zh(AppointmentKind.REMOVAL) == "免职"


def test_a_removal_from_another_level_than_the_current_post_is_rejected() -> None:
    """post.tier contradicting candidate.current_tier names both fields, in Chinese and English."""
    case = deep_merge(compliant_base("standard", "removal"), {"candidate": {"current_tier": "township_section"}})
    with pytest.raises(CaseError) as info:
        validate(case, engine="native")
    text = str(info.value)
    assert "post.tier (county_division) contradicts candidate.current_tier (township_section)" in text
    assert "免职案件" in text and "candidate.current_tier" in text and "post.tier" in text


def test_a_removal_from_another_role_than_the_current_post_is_rejected() -> None:
    """post.role contradicting candidate.current_role is rejected the same way."""
    case = deep_merge(compliant_base("standard", "removal"), {"candidate": {"current_role": "principal"}})
    with pytest.raises(CaseError, match=r"post\.role \(deputy\) contradicts candidate\.current_role"):
        validate(case, engine="native")


def test_a_removal_without_a_recorded_current_post_is_read() -> None:
    """The current post unrecorded: nothing to contradict, the post is taken as the one the cadre leaves."""
    case = deep_merge(
        compliant_base("standard", "removal"), {"candidate": {"current_tier": None, "current_role": None}}
    )
    assert validate(case, engine="native").outcome == "compliant"


def test_an_appointment_may_differ_from_the_current_post() -> None:
    """The check is the removal's: a promotion's post is above the current one."""
    assert case_from_mapping(compliant_base()).post.tier.value != compliant_base()["candidate"]["current_tier"]


def test_an_evaluation_without_votes_is_rejected() -> None:
    """A 考核测评 records at least one vote."""
    case = deep_merge(
        compliant_base(), {"candidate": {"evaluations": [{"date": "2024-12-20", "excellent": 0, "competent": 0}]}}
    )
    with pytest.raises(CaseError, match=r"candidate\.evaluations\[0\]") as info:
        validate(case, engine="native")
    assert "至少记载一张票" in str(info.value)


def test_the_contradiction_exits_2_on_the_command_line(tmp_path: Path) -> None:
    """The CLI reports the contradiction on stderr with exit 2, no traceback."""
    text = (EXAMPLES / "compliant-county-removal.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("current_role: deputy", "current_role: principal"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "cadre_rules.cli", "check", str(bad)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "candidate.current_role" in result.stderr and "Traceback" not in result.stderr
