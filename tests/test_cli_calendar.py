"""`cadre-rules check FILE --calendar FILE`: a supplied year decides, a bad file exits 2 naming the field."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from cadre_rules.testing import deep_merge
from tests.conftest import EXAMPLES, ROOT, load_yaml

CALENDAR = ROOT / "examples" / "calendars" / "calendar-2027.yaml"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a subprocess, as a user would."""
    return subprocess.run([sys.executable, "-m", "cadre_rules.cli", *args], capture_output=True, text=True, check=False)


def case_2027(tmp_path: Path, start: str, end: str) -> Path:
    """The compliant example moved to a publicity around National Day 2027."""
    base = load_yaml(EXAMPLES / "compliant-county-promotion.yaml")
    patch = {
        "as_of": "2027-09-27",
        "procedure": {
            "meeting": {"date": "2027-09-27"},
            "publicity": {"start": start, "end": end},
            "appointment": {"notice_date": "2027-10-11"},
        },
    }
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(deep_merge(base, patch), allow_unicode=True), encoding="utf-8")
    return path


def publicity_status(stdout: str) -> str:
    """The status of publicity.min_working_days in a JSON report."""
    report = json.loads(stdout)
    return next(f["status"] for f in report["findings"] if f["rule_id"] == "publicity.min_working_days")  # type: ignore[no-any-return]


def test_make_up_day_counted_through_the_cli(tmp_path: Path) -> None:
    """With the 2027 file, Saturday 9 October (make-up) is the fifth working day."""
    case = case_2027(tmp_path, "2027-09-28", "2027-10-09")
    result = run("check", str(case), "--calendar", str(CALENDAR), "--format", "json", "--engine", "native")
    assert publicity_status(result.stdout) == "satisfied"


def test_holiday_not_counted_through_the_cli(tmp_path: Path) -> None:
    """With the 2027 file, 1-7 October are not counted: three working days fire the rule (exit 1)."""
    case = case_2027(tmp_path, "2027-09-29", "2027-10-08")
    result = run("check", str(case), "--calendar", str(CALENDAR), "--format", "json")
    assert publicity_status(result.stdout) == "violated"
    assert result.returncode == 1


def test_without_calendar_2027_is_indeterminate(tmp_path: Path) -> None:
    """Without the file, the package does not know 2027: indeterminate naming calendar.2027."""
    case = case_2027(tmp_path, "2027-09-28", "2027-10-09")
    result = run("check", str(case), "--format", "json")
    report = json.loads(result.stdout)
    finding = next(f for f in report["findings"] if f["rule_id"] == "publicity.min_working_days")
    assert finding["status"] == "indeterminate"
    assert finding["missing"] == ["calendar.2027"]


def test_bad_calendar_file_exits_2_naming_the_field(tmp_path: Path) -> None:
    """A bad calendar file: exit 2, the field in Chinese and English on stderr, no traceback."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("year: 2027\nworkdays: [2027-02-03]\n", encoding="utf-8")
    result = run("check", str(EXAMPLES / "compliant-county-promotion.yaml"), "--calendar", str(bad))
    assert result.returncode == 2
    assert "workdays[0]" in result.stderr
    assert "调休上班日应为周六或周日" in result.stderr and "make-up working days fall on Saturday" in result.stderr
    assert "Traceback" not in result.stderr
    missing = run("check", str(EXAMPLES / "compliant-county-promotion.yaml"), "--calendar", str(tmp_path / "no.yaml"))
    assert missing.returncode == 2 and "日历文件不存在" in missing.stderr
