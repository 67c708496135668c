"""The CLI contract: exit codes, JSON report shape, rules/explain/schema, and errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cadre_rules.cli import main
from cadre_rules.engine import DURABLE_AVAILABLE
from tests.conftest import EXAMPLES


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a subprocess, as a user would."""
    return subprocess.run([sys.executable, "-m", "cadre_rules.cli", *args], capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    ("example", "code", "outcome"),
    [
        ("compliant-county-promotion.yaml", 0, "compliant"),
        ("compliant-bureau-section-chief.yaml", 0, "compliant"),
        ("compliant-county-township-principal.yaml", 0, "compliant"),
        ("compliant-county-promotion-2017.yaml", 0, "compliant"),
        ("violations-finance-principal.yaml", 1, "violations"),
        ("indeterminate-missing-records.yaml", 3, "indeterminate"),
        ("dossier-at-inspection.yaml", 0, "compliant"),
    ],
)
@pytest.mark.parametrize("engine", ["durable", "native"])
def test_examples_through_the_cli(example: str, code: int, outcome: str, engine: str) -> None:
    """Each example gives its outcome and exit code on both engines."""
    result = run("check", str(EXAMPLES / example), "--format", "json", "--engine", engine)
    if engine == "durable" and not DURABLE_AVAILABLE:  # Python 3.13+: said plainly, in both languages
        assert result.returncode == 2 and "native 引擎给出完全相同的结论" in result.stderr
        assert "the native engine gives identical findings" in result.stderr
        return
    assert result.returncode == code, result.stderr
    report = json.loads(result.stdout)
    assert report["outcome"] == outcome
    assert report["engine"] == engine
    assert set(report) == {
        "outcome",
        "case_id",
        "as_of",
        "profile",
        "engine",
        "ruleset_version",
        "schema_version",
        "notice",
        "profile_notice",
        "stage",
        "findings",
    }
    for finding in report["findings"]:
        assert finding["status"] in {"violated", "satisfied", "indeterminate", "not_applicable", "not_yet_due"}
        assert {
            "rule_id",
            "severity",
            "title",
            "message",
            "source_level",
            "citations",
            "evidence",
            "missing",
        } <= set(finding)
        for cite in finding["citations"]:
            assert cite["text"] and cite["confidence"] in {"high", "medium", "low"}


def test_violations_example_names_the_expected_rules() -> None:
    """The violations example fails the rules its story describes, each with evidence."""
    result = run("check", str(EXAMPLES / "violations-finance-principal.yaml"), "--format", "json")
    findings = {f["rule_id"]: f for f in json.loads(result.stdout)["findings"]}
    violated = {k for k, f in findings.items() if f["status"] == "violated"}
    assert {
        "eligibility.county_work_years",
        "eligibility.deputy_years_before_principal",
        "committee.quorum",
        "committee.decision_threshold",
        "committee.principal_speaks_last",
        "committee.no_ad_hoc_motion",
        "publicity.min_working_days",
        "publicity.before_notice",
        "finance_audit.required_audit_done_beforehand",
    } <= violated
    # a city bureau's 处级 post: seed 002's county practices are outside their scope
    for rule_id in ("finance_audit.finance_post_pre_appointment", "motion.secretary_listed_grounds"):
        assert findings[rule_id]["status"] == "not_applicable"
    assert findings["committee.quorum"]["evidence"] == {
        "member_count": 11,
        "members_present": 7,
        "p.quorum_ratio": "2/3",
    }
    assert findings["publicity.min_working_days"]["evidence"]["publicity_working_days"] == 3


def test_indeterminate_example_names_missing_fields() -> None:
    """The indeterminate example lists the record fields (and the calendar year) it lacks."""
    result = run("check", str(EXAMPLES / "indeterminate-missing-records.yaml"), "--format", "json")
    missing = {f["rule_id"]: f["missing"] for f in json.loads(result.stdout)["findings"]}
    assert missing["eligibility.county_work_years"] == ["candidate.work_start_date"]
    assert missing["publicity.min_working_days"] == ["calendar.2027"]
    assert missing["committee.quorum"] == ["procedure.meeting.members"]


def test_text_report_quotes_the_article() -> None:
    """The text report quotes the cited article and flags unconfirmed numbers."""
    result = run("check", str(EXAMPLES / "violations-finance-principal.yaml"))
    assert result.returncode == 1
    assert "公示期不少于五个工作日" in result.stdout
    assert "条号未经核实" in result.stdout


def test_json_is_deterministic() -> None:
    """The same case checked twice gives byte-identical JSON."""
    first = run("check", str(EXAMPLES / "violations-finance-principal.yaml"), "--format", "json").stdout
    second = run("check", str(EXAMPLES / "violations-finance-principal.yaml"), "--format", "json").stdout
    assert first == second


def test_as_of_flag_changes_the_judgement() -> None:
    """--as-of judges by another date: before 2019-03-03 the 2014 条例 governs, and 2019-only rules do not apply."""
    result = run(
        "check",
        str(EXAMPLES / "compliant-county-promotion.yaml"),
        "--as-of",
        "2019-03-02",
        "--format",
        "json",
    )
    findings = {f["rule_id"]: f for f in json.loads(result.stdout)["findings"]}
    assert findings["eligibility.inspection_bar_political_discipline"]["status"] == "not_applicable"
    cited = [(c["instrument"], c["article"]) for c in findings["eligibility.county_work_years"]["citations"]]
    assert cited == [("selection-regulations-2014", "8")]


def test_bad_input_exits_2_with_field_names(tmp_path: Path) -> None:
    """Invalid input exits 2, names each field on stderr, and prints no traceback."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("case_id: x\nkind: promotion\ncandidate: {name: 甲, birth_date: 1985-02-30}\npost: {}\n", "utf-8")
    result = run("check", str(bad))
    assert result.returncode == 2
    assert "candidate.birth_date" in result.stderr
    assert "post.title" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["check", "/no/such/file.yaml"],
        ["check", str(EXAMPLES / "compliant-county-promotion.yaml"), "--as-of", "2025-13-01"],
        ["check", str(EXAMPLES / "compliant-county-promotion.yaml"), "--profile", "no-such-profile"],
        ["check", str(EXAMPLES / "compliant-county-promotion.yaml"), "--engine", "warp"],
        ["explain", "no.such_rule"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    """Usage errors exit 2 without a traceback."""
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_rules_json_lists_every_rule_with_a_cited_text(capsys: pytest.CaptureFixture[str]) -> None:
    """rules --format json: every rule has a citation with non-empty text and a stated confidence."""
    assert main(["rules", "--format", "json"]) == 0
    rules = json.loads(capsys.readouterr().out)
    assert len(rules) >= 20
    for rule in rules:
        assert rule["citations"]
        for cite in rule["citations"]:
            assert cite["text"].strip() and cite["confidence"] in {"high", "medium", "low"}


def test_explain_quotes_and_words(capsys: pytest.CaptureFixture[str]) -> None:
    """explain shows the condition in words, the parameter values and the quoted text."""
    assert main(["explain", "committee.quorum"]) == 0
    out = capsys.readouterr().out
    assert "到会成员数 < 党委（党组）成员数 *" in out
    assert "三分之二以上" in out
    assert "2/3" in out


def test_schema_is_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """schema prints the JSON Schema of a case."""
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Case"
    assert "candidate" in schema["properties"]


def test_an_act_no_encoded_text_governs_exits_3_with_the_notice() -> None:
    """An act in 2010 (before the 2014 条例) is never compliant: exit 3, the notice in Chinese and English."""
    result = run(
        "check", str(EXAMPLES / "compliant-county-promotion.yaml"), "--as-of", "2010-06-10", "--format", "json"
    )
    assert result.returncode == 3, result.stderr
    report = json.loads(result.stdout)
    assert report["outcome"] == "indeterminate"
    assert "2010-06-10" in report["notice"]["zh"] and "not encoded" in report["notice"]["en"]
    text = run("check", str(EXAMPLES / "compliant-county-promotion.yaml"), "--as-of", "2010-06-10")
    assert text.returncode == 3 and "注意：" in text.stdout


def test_local_advice_is_shown_apart_and_adopted_by_its_profile() -> None:
    """Under default seed 002's plenary vote is advice (exit 0, its own section); its profile makes it decide."""
    example_path = str(EXAMPLES / "compliant-county-township-principal.yaml")
    default = run("check", example_path)
    assert default.returncode == 0
    advice = default.stdout.split("地方实践提示（不影响结论")[1]
    assert "committee.plenary_vote_township_principal" in advice
    assert run("check", example_path, "--profile", "seed-002").returncode == 1


def test_a_dossier_checked_at_its_stage_and_later() -> None:
    """At its stage the dossier exits 0 and says what comes next; at stage appointment its missing steps exit 1."""
    path = str(EXAMPLES / "dossier-at-inspection.yaml")
    at_stage = run("check", path)
    assert at_stage.returncode == 0, at_stage.stderr
    assert "案卷环节 考察" in at_stage.stdout
    later = at_stage.stdout.split("后续环节")[1]
    assert "讨论决定（" in later and "任前公示（" in later and "任职（" in later
    complete = run("check", path, "--stage", "appointment", "--format", "json")
    assert complete.returncode == 1
    report = json.loads(complete.stdout)
    assert report["stage"] == "appointment"
    violated = {f["rule_id"] for f in report["findings"] if f["status"] == "violated"}
    assert {"committee.decided_at_meeting", "publicity.held", "appointment.talk"} <= violated
    assert run("check", path, "--stage", "vetting").returncode == 2


@pytest.mark.parametrize("profile", ["default", "seed-000"])
def test_three_candidates_open_selection_is_compliant(profile: str) -> None:
    """Three candidates, a 差额 inspection and a 差额票决: exit 0 under default and under seed 000's profile."""
    path = str(EXAMPLES / "compliant-open-selection-three-candidates.yaml")
    result = run("check", path, "--profile", profile, "--format", "json")
    assert result.returncode == 0, result.stderr
    findings = {f["rule_id"]: f for f in json.loads(result.stdout)["findings"]}
    vote = findings["method_flow.open_selection_competitive_vote_candidates"]
    assert vote["status"] == "satisfied" and vote["evidence"]["vote_candidate_count"] == 3
    assert findings["inspection.voted_candidates_inspected"]["status"] == "satisfied"


def test_version_names_the_package_and_the_ruleset() -> None:
    """`--version` prints the package version and the ruleset version a report would carry, and exits 0."""
    result = run("--version")
    report = json.loads(run("check", str(EXAMPLES / "compliant-county-promotion.yaml"), "--format", "json").stdout)
    assert result.returncode == 0
    assert result.stdout.startswith("cadre-rules ") and report["ruleset_version"] in result.stdout


@pytest.mark.parametrize("as_json", [False, True], ids=["yaml", "json"])
def test_a_case_on_standard_input_is_checked_like_its_file(as_json: bool) -> None:
    """`check -` reads the case from standard input (YAML, or JSON when it opens with a brace, a BOM allowed)."""
    path = EXAMPLES / "violations-finance-principal.yaml"
    from_file = run("check", str(path), "--format", "json")
    text = path.read_text(encoding="utf-8")
    if as_json:
        from cadre_rules.records._load import load_case

        text = "\ufeff" + json.dumps(load_case(path).model_dump(mode="json", exclude_none=True), ensure_ascii=False)
    piped = subprocess.run(
        [sys.executable, "-m", "cadre_rules.cli", "check", "-", "--format", "json"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
    )
    assert piped.returncode == from_file.returncode == 1
    assert json.loads(piped.stdout) == json.loads(from_file.stdout)


def test_standard_input_cannot_be_merged_with_a_form() -> None:
    """`check --candidate FORM.lrmx -` is refused in both languages (the merge needs the case file's path)."""
    result = run("check", "--candidate", "form.lrmx", "-")
    assert result.returncode == 2 and "标准输入" in result.stderr and "standard input" in result.stderr


def test_a_reader_that_stops_early_ends_the_output_quietly() -> None:
    """`cadre-rules schema | head -1`: the closed pipe ends the command without a traceback (exit 141, as SIGPIPE).

    The schema (over 200 KB) outgrows a pipe's buffer, so the writer always meets the closed pipe (the rules list,
    about 50 KB, could be written whole before the reader closed, and the test then saw exit 0)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "cadre_rules.cli", "schema"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr
