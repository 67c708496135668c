"""The report's JSON: the same data as the contract always gave (compact or pretty), citations inline or by id."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict, replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import cadre_rules
from cadre_rules import Report, validate
from cadre_rules.instruments import data_root
from cadre_rules.records._load import _CaseLoader
from cadre_rules.report import LINE_BREAKS, REPORT_SCHEMA_VERSION, citation_id, dump_json, one_line_json
from tests.conftest import EXAMPLES

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
SHIPPED_TEXT = {".yaml", ".py", ".html", ".js", ".css"}


def contract_dict(report: Report) -> dict[str, Any]:
    """The report as ``Report.to_dict`` built it before serialisation was made fast (``dataclasses.asdict``)."""
    findings = []
    for f in report.findings:
        d = asdict(f)
        d["citations"] = [
            {k: c[k] for k in ("instrument", "title", "article", "paragraph", "item", "text", "confidence")}
            | {k: c[k] for k in ("label", "location", "number_confidence", "version_note")}
            for c in d["citations"]
        ]
        findings.append(d)
    return {
        "outcome": report.outcome,
        "case_id": report.case_id,
        "as_of": report.as_of,
        "profile": report.profile,
        "engine": report.engine,
        "ruleset_version": report.ruleset_version,
        "schema_version": REPORT_SCHEMA_VERSION,
        "notice": report.notice,
        "profile_notice": report.profile_notice,
        "stage": report.stage,
        "findings": findings,
    }


def canonical(data: Any) -> str:
    """JSON text that differs whenever the data, its types or its key order differ."""
    return json.dumps(data, ensure_ascii=False)


@cache
def report_of(name: str, profile: str = "default") -> Report:
    """The native report of an example (cached: the examples are checked once)."""
    return validate(EXAMPLES / name, engine="native", profile=profile)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
@pytest.mark.parametrize("profile", ["default", "seed-000"])
def test_json_carries_the_contract_data_unchanged(path: Any, profile: str) -> None:
    """Compact JSON, pretty JSON and to_dict give, key for key and type for type, what asdict gave."""
    report = report_of(path.name, profile)
    old = canonical(contract_dict(report))
    assert canonical(json.loads(report.to_json())) == old
    assert canonical(json.loads(report.to_json(indent=2))) == old
    assert canonical(report.to_dict()) == old


def test_pretty_json_is_the_former_output_byte_for_byte() -> None:
    """indent=2 writes exactly what json.dumps(indent=2, ensure_ascii=False) wrote."""
    report = report_of("violations-finance-principal.yaml")
    assert report.to_json(indent=2) == json.dumps(contract_dict(report), ensure_ascii=False, indent=2)


def test_compact_json_is_compact_and_keeps_chinese() -> None:
    """The default JSON has no indentation and writes Chinese as UTF-8, never as \\u escapes."""
    text = report_of("violations-finance-principal.yaml").to_json()
    assert "\n" not in text and '": ' not in text
    assert "选拔任用" in text and "\\u" not in text


def test_citations_by_reference_resolve_to_the_inline_ones() -> None:
    """With citations="ref" every finding names ids into one table, and resolving them gives the inline report."""
    for path in EXAMPLE_FILES:
        report = report_of(path.name)
        inline = report.to_dict()
        ref = json.loads(report.to_json(citations="ref"))
        table = ref.pop("citations")
        assert len(table) < sum(len(f["citations"]) for f in inline["findings"])
        for finding in ref["findings"]:
            finding["citations"] = [table[i] for i in finding["citations"]]
        assert canonical(ref) == canonical(inline)
        assert report.to_dict(citations="ref")["citations"] == table


def test_to_dict_gives_fresh_data() -> None:
    """Changing what to_dict returned changes neither the report nor the next to_dict."""
    report = report_of("compliant-county-promotion.yaml")
    first = report.to_dict()
    before = canonical(report.to_dict())
    first["findings"][0]["citations"][0]["text"] = "changed"
    first["findings"][0]["title"]["zh"] = "changed"
    first["findings"][0]["evidence"]["changed"] = 1
    assert canonical(report.to_dict()) == before
    assert json.loads(report.to_json()) == json.loads(before)


def test_an_unknown_citation_mode_is_refused() -> None:
    """A citation mode other than inline or ref is a ValueError."""
    with pytest.raises(ValueError, match="citation mode"):
        report_of("compliant-county-promotion.yaml").to_json(citations="footnotes")  # type: ignore[arg-type]


def test_cli_json_options() -> None:
    """check --format json is compact; --pretty indents; --citations ref gives the table; the data is the same."""
    path = str(EXAMPLES / "violations-finance-principal.yaml")

    def run(*extra: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "cadre_rules.cli", "check", path, "--format", "json", "--engine", "native", *extra],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 1, result.stderr
        return result.stdout

    compact, pretty, ref = run(), run("--pretty"), run("--citations", "ref")
    assert compact.count("\n") == 1 and pretty.startswith('{\n  "outcome": "violations"')
    assert json.loads(compact) == json.loads(pretty)
    assert set(json.loads(ref)) == set(json.loads(compact)) | {"citations"}


def test_one_place_with_two_version_notes_gets_two_ids() -> None:
    """Two citations of one place that differ (a version note on one reading only) get distinct ids in the table."""
    report = report_of("compliant-county-promotion.yaml")
    first = report.findings[0]
    cite = first.citations[0]
    noted = replace(cite, version_note="修订后条文未收录")
    other = replace(first, rule_id="x.other", citations=[noted])
    data = replace(report, findings=[first, other]).to_dict(citations="ref")
    ids = [data["findings"][0]["citations"][0], data["findings"][1]["citations"][0]]
    assert ids == [citation_id(cite), citation_id(cite) + "~2"]
    assert data["citations"][ids[1]]["version_note"] == "修订后条文未收录"
    assert data["citations"][ids[0]]["version_note"] == cite.version_note


def _with_case_id(case_id: str) -> dict[str, Any]:
    """The first example's mapping with ``case_id``."""
    data: dict[str, Any] = yaml.load(EXAMPLE_FILES[0].read_text("utf-8"), Loader=_CaseLoader)
    return data | {"case_id": case_id}


@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(LINE_BREAKS)))
def test_one_line_json_keeps_the_value_and_breaks_no_line(text: str) -> None:
    """Any text, written compact and made one line, reads back the same and is one line for every reader."""
    written = one_line_json(dump_json({"text": text}))
    assert json.loads(written) == {"text": text}
    assert len(written.decode("utf-8").splitlines()) == 1


def test_a_line_break_in_the_case_text_is_written_as_an_escape() -> None:
    """U+2028, U+2029 and U+0085 in the case's own text (here the case id, which the report quotes) are written
    escaped, compact and pretty, so a report is one line for a reader that splits on every Unicode line boundary;
    the value read back is the case's."""
    odd = f"a{LINE_BREAKS[0]}b{LINE_BREAKS[1]}c{LINE_BREAKS[2]}d"
    report = validate(_with_case_id(odd), engine="native")
    compact, pretty = report.to_json(), report.to_json(indent=2)
    assert not any(c in compact + pretty for c in LINE_BREAKS)
    assert len(compact.splitlines()) == 1 and "\\u2028" in compact and "\\u0085" in compact
    assert json.loads(compact)["case_id"] == json.loads(pretty)["case_id"] == odd
    plain = validate(_with_case_id("abcd"), engine="native")
    assert plain.to_json() == compact.replace("a\\u2028b\\u2029c\\u0085d", "abcd")  # nothing else changed


def test_no_shipped_text_holds_a_line_break() -> None:
    """The report searches only the case's texts for U+2028, U+2029 and U+0085 (``Report.to_json_bytes``): that
    holds while no article, message or title the package writes holds one. Every shipped text file is read."""
    package = Path(cadre_rules.__file__).parent
    files = [p for p in sorted(data_root().rglob("*")) + sorted(package.rglob("*")) if p.suffix in SHIPPED_TEXT]
    assert len(files) > 100
    holding = [str(p) for p in files if any(c in p.read_text(encoding="utf-8") for c in LINE_BREAKS)]
    assert holding == []
