"""Batch checking: validate_many and ``cadre-rules batch`` (order, failures, summary, aggregate, memory)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from cadre_rules import (
    BatchSummary,
    Case,
    CaseError,
    CaseFailure,
    EngineError,
    Report,
    load_case,
    validate,
    validate_many,
)
from cadre_rules._batch import (
    CHUNK,
    FAILED_CASE_ID_CHARS,
    WINDOW_PER_WORKER,
    competitive_share,
    share_citation,
    share_class,
)
from cadre_rules.cli import main
from cadre_rules.records import Tier
from cadre_rules.records._enums import AppointmentKind, AppointmentSystem, SelectionMethod
from cadre_rules.records._load import _CaseLoader
from tests.conftest import EXAMPLES

SHIPPED = sorted(EXAMPLES.glob("*.yaml"))
STANDARD = EXAMPLES / "compliant-county-promotion.yaml"
VIOLATING = EXAMPLES / "violations-finance-principal.yaml"
INDETERMINATE = EXAMPLES / "indeterminate-missing-records.yaml"


def json_line(path: Path, **changes: Any) -> str:
    """A case file as one JSONL line (dates as ISO text), with top-level ``changes``."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_CaseLoader)
    return json.dumps(data | changes, ensure_ascii=False, default=str)


def write_jsonl(path: Path, lines: list[str]) -> Path:
    """Write JSONL lines to ``path``."""
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def batch(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, Any]], str]:
    """Run ``cadre-rules batch`` in-process: exit code, the JSONL output parsed, standard error."""
    code = main(["batch", *args])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def test_jsonl_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A JSONL file gives one report per line, in order, and the summary table on stderr."""
    cases = write_jsonl(tmp_path / "cases.jsonl", [json_line(p) for p in SHIPPED])
    code, reports, err = batch(capsys, str(cases), "--engine", "native")
    assert [r["case_id"] for r in reports] == [load_case(p).case_id for p in SHIPPED]
    assert code == 1  # one shipped example has violations
    assert f"共 {len(SHIPPED)} 件" in err
    assert "竞争性选拔比例" in err


def test_directory_sorted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A directory's YAML and JSON case files are checked in name order; other files are ignored."""
    (tmp_path / "b.yaml").write_text(STANDARD.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "a.json").write_text(json_line(INDETERMINATE), encoding="utf-8")
    (tmp_path / "c.yml").write_text(VIOLATING.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a case", encoding="utf-8")
    code, reports, _ = batch(capsys, str(tmp_path), "--engine", "native")
    assert [r["case_id"] for r in reports] == [load_case(p).case_id for p in (INDETERMINATE, STANDARD, VIOLATING)]
    assert code == 1


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """``-`` reads JSONL from standard input; blank lines are skipped."""
    data = f"{json_line(STANDARD)}\n\n{json_line(STANDARD, case_id='second')}\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, reports, _ = batch(capsys, "-", "--engine", "native")
    assert [r["case_id"] for r in reports] == [load_case(STANDARD).case_id, "second"]
    assert code == 0


def test_order_is_kept_with_two_workers() -> None:
    """Two worker processes give the results in input order, the same as one process."""
    cases = [STANDARD, VIOLATING, INDETERMINATE] * 7
    lines = [{"case_id": f"c{i}", "kind": "nope"} if i % 5 == 0 else load_case(p) for i, p in enumerate(cases)]
    two = [(r.outcome, r.case_id) for r in validate_many(lines, workers=2, engine="native")]
    one = [(r.outcome, r.case_id) for r in validate_many(lines, workers=1, engine="native")]
    assert two == one
    assert [case_id for _, case_id in two] == [
        f"c{i}" if i % 5 == 0 else load_case(p).case_id for i, p in enumerate(cases)
    ]


def test_a_bad_line_in_the_middle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A malformed line and an invalid case are lines naming them (line, case_id, zh and en); the batch goes on."""
    bad_kind = json_line(STANDARD, case_id="bad-kind", kind="nope")
    lines = [json_line(STANDARD), "{not json", bad_kind, json_line(STANDARD)]
    cases = write_jsonl(tmp_path / "cases.jsonl", lines)
    code, out, err = batch(capsys, str(cases), "--engine", "native")
    assert code == 2
    assert [r["outcome"] for r in out] == ["compliant", "error", "error", "compliant"]
    malformed, invalid = out[1], out[2]
    assert malformed["source"] == f"{cases}:2"
    assert malformed["case_id"] is None
    assert malformed["error"] == "invalid_input"
    assert "JSON 格式错误" in malformed["message"]["zh"]
    assert "malformed JSON" in malformed["message"]["en"]
    assert invalid["source"] == f"{cases}:3"
    assert invalid["case_id"] == "bad-kind"
    assert [p["path"] for p in invalid["problems"]] == ["kind"] and invalid["more"] == 0
    assert "输入无效" in err


def test_a_failed_case_id_is_cut_and_its_lone_surrogate_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The case_id a failure line shows is the input's own, which failed its checks: a lone surrogate (which no line
    can carry: the batch stopped there) is written as its escape and a huge one is cut; the batch goes on."""
    surrogate = json_line(STANDARD, case_id="CASE").replace('"CASE"', '"a-\\ud800-b"')  # JSON's escape
    huge = json_line(STANDARD, case_id="x" * 100_000, kind="nope")
    cases = write_jsonl(tmp_path / "cases.jsonl", [surrogate, huge, json_line(STANDARD)])
    code, out, _ = batch(capsys, str(cases), "--engine", "native")
    assert code == 2
    assert [r["outcome"] for r in out] == ["error", "error", "compliant"]
    assert out[0]["case_id"] == "a-\\ud800-b"
    assert out[1]["case_id"] == "x" * FAILED_CASE_ID_CHARS + "…"


def test_a_case_with_more_problems_than_listed_says_how_many_more(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A failure line lists the CaseError's bounded problems and counts the rest, in "more" and in both messages."""
    record = load_case(STANDARD).model_dump(mode="json")
    record["candidate"]["training"] = [{"start": "nope", "end": "nope"} for _ in range(30)]
    cases = write_jsonl(tmp_path / "cases.jsonl", [json.dumps(record, ensure_ascii=False)])
    code, out, _ = batch(capsys, str(cases), "--engine", "native")
    [failure] = out
    listed = len(failure["problems"])
    assert code == 2 and failure["error"] == "invalid_input"
    assert listed == 20 and failure["more"] > 0
    assert f"另有 {failure['more']} 处问题未列出" in failure["message"]["zh"]
    assert f"{failure['more']} more problems not listed" in failure["message"]["en"]


def test_a_missing_input_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """An input that does not exist stops the batch before any case (exit 2, no traceback)."""
    code, out, err = batch(capsys, "no/such/file.jsonl")
    assert (code, out) == (2, [])
    assert "no such input" in err


@pytest.mark.parametrize("engine", ["durable", "native"])
def test_reports_identical_to_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str], engine: str) -> None:
    """Each batch line is byte for byte the JSON of ``validate`` on the same shipped example."""
    cases = write_jsonl(tmp_path / "cases.jsonl", [json_line(p) for p in SHIPPED])
    out_file = tmp_path / "out.jsonl"
    main(["batch", str(cases), "--engine", engine, "--output", str(out_file)])
    capsys.readouterr()
    got = out_file.read_text(encoding="utf-8").splitlines()
    assert got == [validate(p, engine=engine).to_json(indent=None) for p in SHIPPED]


def test_summary_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The JSON summary counts cases per outcome and findings per rule, and lists the failures."""
    lines = [json_line(STANDARD), json_line(VIOLATING), json_line(VIOLATING), json_line(INDETERMINATE), "[]"]
    cases = write_jsonl(tmp_path / "cases.jsonl", lines)
    summary_file = tmp_path / "summary.json"
    main(["batch", str(cases), "--engine", "native", "--summary", str(summary_file)])
    capsys.readouterr()
    summary = json.loads(summary_file.read_text(encoding="utf-8"))
    assert summary["cases"] == 5
    assert summary["outcomes"] == {
        "compliant": 1,
        "violations": 2,
        "indeterminate": 1,
        "invalid_input": 1,
        "engine_error": 0,
    }
    expected: dict[str, dict[str, int]] = {}
    for path in (STANDARD, VIOLATING, VIOLATING, INDETERMINATE):
        for f in validate(path, engine="native").findings:
            if f.status in ("violated", "indeterminate"):
                counts = expected.setdefault(f.rule_id, {"violated": 0, "indeterminate": 0})
                counts[f.status] += 1
    assert {k: {s: r[s] for s in ("violated", "indeterminate")} for k, r in summary["rules"].items()} == expected
    assert summary["failures"] == [{"source": f"{cases}:5", "case_id": None, "error": "invalid_input"}]


def test_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """0 all compliant, 3 some indeterminate, 1 any violation, 2 any case not checked."""
    expected = {
        (STANDARD,): 0,
        (STANDARD, INDETERMINATE): 3,
        (STANDARD, INDETERMINATE, VIOLATING): 1,
    }
    for paths, code in expected.items():
        cases = write_jsonl(tmp_path / "cases.jsonl", [json_line(p) for p in paths])
        assert main(["batch", str(cases), "--engine", "native"]) == code
    cases = write_jsonl(tmp_path / "cases.jsonl", [json_line(VIOLATING), "{"])
    assert main(["batch", str(cases), "--engine", "native"]) == 2
    capsys.readouterr()


def test_an_engine_failure_is_a_failure_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """A case on which the engine fails (after its retry) is an engine_error item and is counted; never a report."""
    import cadre_rules._batch as batch_module

    real = batch_module.validate_checked

    def failing(case: Case, **kwargs: Any) -> Report:
        if case.case_id == "doomed":
            raise EngineError("durable_rules failed twice on one fact")
        return real(case, **kwargs)

    monkeypatch.setattr(batch_module, "validate_checked", failing)
    standard = load_case(STANDARD)
    summary = BatchSummary()
    results = list(
        validate_many([standard, standard.model_copy(update={"case_id": "doomed"})], engine="native", summary=summary)
    )
    assert isinstance(results[0], Report)
    failure = results[1]
    assert isinstance(failure, CaseFailure)
    assert (failure.kind, failure.case_id, failure.source) == ("engine_error", "doomed", "#1")
    assert summary.to_dict()["engine_errors"] == 1


def test_progress_only_when_asked_off_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """stderr not a terminal: no progress bar unless --progress (then with a rate)."""
    cases = write_jsonl(tmp_path / "cases.jsonl", [json_line(STANDARD)])
    _, _, quiet = batch(capsys, str(cases), "--engine", "native")
    _, _, shown = batch(capsys, str(cases), "--engine", "native", "--progress")
    assert "case/s" not in quiet
    assert "case/s" in shown or "s/case" in shown


# ------------------------------------------------------------------------------------- the aggregate share


def variant(
    kind: AppointmentKind = AppointmentKind.PROMOTION,
    tier: Tier = Tier.COUNTY_DIVISION,
    system: AppointmentSystem | None = AppointmentSystem.APPOINTED,
    method: SelectionMethod = SelectionMethod.STANDARD,
    case_id: str = "v",
) -> Case:
    """The standard example changed in what the competitive-selection share reads."""
    case = load_case(STANDARD)
    appointment = case.procedure.appointment
    assert appointment is not None
    procedure = case.procedure.model_copy(
        update={"method": method, "appointment": appointment.model_copy(update={"appointment_system": system})}
    )
    post = case.post.model_copy(update={"tier": tier})
    return case.model_copy(update={"kind": kind, "post": post, "procedure": procedure, "case_id": case_id})


def test_which_cases_count_in_the_share() -> None:
    """委任制 promotions at 厅局级 and below count; elected/engaged posts, lateral moves and 股级 posts do not."""
    assert share_class(variant()) == "in_other"
    assert share_class(variant(method=SelectionMethod.OPEN_SELECTION)) == "in_competitive"
    assert share_class(variant(method=SelectionMethod.COMPETITIVE_POST, tier=Tier.DEPARTMENT_BUREAU)) == (
        "in_competitive"
    )
    assert share_class(variant(tier=Tier.TOWNSHIP_SECTION)) == "in_other"
    assert share_class(variant(system=None)) == "unknown_other"
    assert share_class(variant(system=None, method=SelectionMethod.OPEN_SELECTION)) == "unknown_competitive"
    assert share_class(variant(system=AppointmentSystem.ELECTED)) is None
    assert share_class(variant(system=AppointmentSystem.ENGAGED)) is None
    assert share_class(variant(kind=AppointmentKind.LATERAL)) is None
    assert share_class(variant(tier=Tier.SECTION_UNIT)) is None
    assert share_class(variant(tier=Tier.PROVINCE_MINISTRY)) is None


def test_share_met_at_one_third() -> None:
    """One competitive selection in three 委任制 promotions meets 不少于三分之一 (the bound included)."""
    share = competitive_share({"in_competitive": 1, "in_other": 2})
    assert (share["share"], share["met"]) == (round(1 / 3, 6), True)


def test_share_not_met() -> None:
    """One in four is below one third: not met."""
    assert competitive_share({"in_competitive": 1, "in_other": 3})["met"] is False


def test_share_unknown_when_unrecorded_cases_could_decide() -> None:
    """Promotions without a recorded appointment system that could move the share across a third: unknown."""
    share = competitive_share({"in_competitive": 1, "in_other": 2, "unknown_other": 1})
    assert share["met"] is None
    assert share["share_range"] == [0.25, round(1 / 3, 6)]
    assert competitive_share({"in_competitive": 2, "in_other": 2, "unknown_other": 1})["met"] is True
    assert competitive_share({})["met"] is None


def test_share_over_a_batch() -> None:
    """validate_many's summary counts the share over its cases, with the cited text of seed 000."""
    cases = [
        variant(method=SelectionMethod.OPEN_SELECTION, case_id="a"),
        variant(case_id="b"),
        variant(case_id="c"),
        variant(system=AppointmentSystem.ELECTED, case_id="d"),
        variant(kind=AppointmentKind.LATERAL, method=SelectionMethod.COMPETITIVE_POST, case_id="e"),
    ]
    summary = BatchSummary()
    assert len(list(validate_many(cases, engine="native", summary=summary))) == 5
    share = summary.to_dict()["aggregates"]["competitive_selection_share"]
    assert (share["appointed_promotions"], share["competitive"], share["met"]) == (3, 1, True)
    assert share["citation"]["quote"] in share["citation"]["text"]
    assert share["citation"]["location"].endswith("第4段第3句")


def test_share_citation_resolves() -> None:
    """The share quotes seed 000 p4 ¶3 verbatim from the library."""
    cite = share_citation()
    assert cite["text"] == "到2014年，新提拔厅局级以下委任制党政领导干部中，通过竞争性选拔方式产生的应不少于三分之一。"
    assert cite["requirement"] == "000-02"


# ------------------------------------------------------------------------------------- memory


def test_the_window_of_cases_in_flight_is_bounded() -> None:
    """Two workers never read more than the window ahead of what they have yielded."""
    read = 0

    def stream() -> Iterator[dict[str, str]]:
        nonlocal read
        for i in range(2_000):
            read += 1
            yield {"case_id": f"x{i}"}

    ahead = 0
    for yielded, _ in enumerate(validate_many(stream(), workers=2, engine="native"), start=1):
        ahead = max(ahead, read - yielded)
    assert ahead <= (2 * WINDOW_PER_WORKER + 1) * CHUNK


PEAK = """
import resource, sys
from cadre_rules.cli import main
code = main(["batch", sys.argv[1], "--workers", "2", "--engine", "native", "--output", "/dev/null"])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _peak_rss_kb(path: Path) -> int:
    out = subprocess.run([sys.executable, "-c", PEAK, str(path)], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[-1])


def test_parent_memory_does_not_grow_with_the_input(tmp_path: Path) -> None:
    """The parent's peak RSS over 20,000 cases is that over 5,000 (every 500th a full case, the rest invalid)."""
    full = json_line(STANDARD)

    def generate(path: Path, n: int) -> Path:
        with path.open("w", encoding="utf-8") as f:
            for i in range(n):
                f.write(f"{full}\n" if i % 500 == 0 else f'{{"case_id": "gen-{i}", "kind": "promotion"}}\n')
        return path

    small = _peak_rss_kb(generate(tmp_path / "small.jsonl", 5_000))
    large = _peak_rss_kb(generate(tmp_path / "large.jsonl", 20_000))
    assert large - small < 8_000, (small, large)  # KB: flat, not 4× the input


def test_a_calendar_file_is_used_by_every_case() -> None:
    """``calendar=`` (``--calendar``) judges each case as ``validate`` does with the same file."""
    calendar = EXAMPLES / "calendars" / "calendar-2027.yaml"
    [report] = validate_many([INDETERMINATE], engine="native", calendar=calendar)
    assert isinstance(report, Report)
    assert report.to_json() == validate(INDETERMINATE, engine="native", calendar=calendar).to_json()


def test_a_bad_calendar_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A bad --calendar stops the batch before any case, naming the file's problem (exit 2)."""
    bad = tmp_path / "calendar.yaml"
    bad.write_text("holidays: 3\n", encoding="utf-8")
    cases = write_jsonl(tmp_path / "cases.jsonl", [json_line(STANDARD)])
    code, out, err = batch(capsys, str(cases), "--calendar", str(bad))
    assert (code, out) == (2, [])
    assert "日历文件无效" in err


def test_a_case_object_that_skipped_its_checks_is_still_refused() -> None:
    """A Case whose checks were skipped (model_copy(update=...)) is checked once in a batch, as validate checks it."""
    standard = load_case(STANDARD)
    bad = standard.model_copy(update={"as_of": date(1800, 1, 1)})  # before the earliest date allowed, unchecked
    with pytest.raises(CaseError) as caught:
        validate(bad, engine="native")
    (result,) = validate_many([bad], engine="native")
    assert isinstance(result, CaseFailure)
    assert result.kind == "invalid_input"
    assert [p.path for p in result.problems] == [p.path for p in caught.value.problems] == ["as_of"]


def test_a_line_break_in_a_case_text_stays_inside_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """U+2028, U+2029 and U+0085 in a case's text (its case id, quoted by a report and by a failure line) are
    written as escapes: a reader that splits on every Unicode line boundary (``str.splitlines``, as :func:`batch`
    does) still reads one line per case, each the JSON ``validate`` gives."""
    odd = "a\u2028b\u2029c\x85d"
    cases = write_jsonl(
        tmp_path / "cases.jsonl", [json_line(STANDARD, case_id=odd), json_line(STANDARD, case_id=odd, kind="nope")]
    )
    code = main(["batch", str(cases), "--engine", "native"])
    out = capsys.readouterr().out
    assert code == 2 and not any(c in out for c in "\u2028\u2029\x85")
    report, failure = out.splitlines()
    assert report == validate(json.loads(json_line(STANDARD, case_id=odd)), engine="native").to_json()
    assert json.loads(report)["case_id"] == json.loads(failure)["case_id"] == odd
