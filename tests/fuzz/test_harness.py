"""The fuzzing harness itself: inputs are deterministic, mutations replay, and each bad outcome is recognised."""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from cadre_rules.testing._fuzz import (
    VALID_ID,
    Bad,
    Checked,
    Checker,
    FuzzInput,
    Mutation,
    Probe,
    Settings,
    Summary,
    _harness_failure,
    _probe,
    _same,
    _Timeout,
    apply,
    bases,
    classify,
    cpu_seconds,
    id_numbers_in,
    long_ints,
    make_input,
    probe_input,
    rebuild,
    run,
    write_case,
)


def _report(status: str = "satisfied", outcome: str = "compliant", engine: str = "native") -> str:
    findings = [{"rule_id": "committee.quorum", "status": status}]
    return json.dumps({"outcome": outcome, "engine": engine, "findings": findings})


def _probes(**overrides: Probe) -> dict[str, Probe]:
    probes = {
        "mapping_native": Probe("report", _report()),
        "mapping_durable": Probe("report", _report(engine="durable")),
        "case_native": Probe("report", _report()),
        "file_durable": Probe("report", _report(engine="durable")),
    }
    return probes | overrides


def test_inputs_are_deterministic() -> None:
    """The same seed and index give the same input; another seed gives other inputs."""
    pool = bases(0)
    first = [make_input(3, i, pool)[0].to_dict() for i in range(20)]
    again = [make_input(3, i, pool)[0].to_dict() for i in range(20)]
    other = [make_input(4, i, pool)[0].to_dict() for i in range(20)]
    assert first == again
    assert first != other


def test_recorded_mutations_rebuild_the_input() -> None:
    """Replaying an input's recorded mutations on its base gives exactly the mapping that was checked."""
    pool = bases(0)
    by_name = dict(pool)
    for index in range(50):
        item, data = make_input(11, index, pool)
        replayed = [Mutation.from_dict(json.loads(json.dumps(m.to_dict()))) for m in item.mutations]
        assert repr(rebuild(by_name[item.base], replayed)) == repr(data)


def test_bases_cover_examples_cases_and_strategies() -> None:
    """The pool holds the shipped bases, the examples, the data-driven cases and hypothesis draws."""
    names = [name for name, _ in bases(2)]
    for prefix in ("bases/", "examples/", "cases/", "hypothesis/case_records/", "hypothesis/single_fault/"):
        assert any(n.startswith(prefix) for n in names), prefix
    assert all(isinstance(data, dict) for _, data in bases(2))


def test_mutations_do_what_they_say() -> None:
    """Drop, extreme integers, huge lists, duplicate rows, unknown keys and odd text change the named field."""
    data: dict[str, Any] = {"a": {"b": 1, "c": "2020-01-01"}, "rows": [{"x": 1}, {"x": 2}]}
    assert "b" not in apply(rebuild(data, []), Mutation("drop", ("a", "b")))["a"]
    assert apply(rebuild(data, []), Mutation("int", ("a", "b"), "10**5000"))["a"]["b"].bit_length() > 16000
    assert len(apply(rebuild(data, []), Mutation("huge", ("rows",), 10_001))["rows"]) == 10_001
    assert apply(rebuild(data, []), Mutation("duplicate", ("rows",), 1))["rows"][-1] == {"x": 2}
    added = apply(rebuild(data, []), Mutation("unknown_key", ("a",), ["身份证号", "id"]))
    assert added["a"]["身份证号"] == VALID_ID
    assert "\ud800" in apply(rebuild(data, []), Mutation("text", ("a", "c"), "lone_surrogate"))["a"]["c"]
    assert apply(rebuild(data, []), Mutation("top", (), "list")) == [data]
    assert apply(rebuild(data, []), Mutation("drop", ("gone", "b"))) == data  # a path that is not there


def test_files_hold_the_mapping_exactly(tmp_path: Path) -> None:
    """An input's file, YAML or JSON, reads back as the mapping (odd text and a 5000-digit integer included)."""
    data = {"case_id": "x\ufeff\u202e\x00", "n": 10**5000, "when": "2024-02-29", "x": float("inf")}
    for index, fmt in enumerate(("yaml", "json")):
        path = write_case(data, FuzzInput(index, "b", (), fmt, False), tmp_path)
        assert path.suffix == f".{fmt}"
        with long_ints():
            text = path.read_text(encoding="utf-8")
            assert (yaml.load(text, Loader=yaml.SafeLoader) if fmt == "yaml" else json.loads(text)) == data


def test_what_yaml_cannot_hold_is_written_as_json(tmp_path: Path) -> None:
    """A lone surrogate, which libyaml does not write back faithfully, sends a YAML input to a JSON file."""
    data = {"case_id": "x\ud800"}
    path = write_case(data, FuzzInput(0, "b", (), "yaml", False), tmp_path)
    assert path.suffix == ".json"
    assert json.loads(path.read_text(encoding="utf-8")) == data
    bom = write_case({"a": 1}, FuzzInput(2, "b", (), "json", True), tmp_path)
    assert bom.read_bytes().startswith(b"\xef\xbb\xbf{")


def test_engine_disagreement_is_found() -> None:
    """Native and durable reports that differ in one rule's status are an engine disagreement naming it."""
    bad = classify(_probes(mapping_durable=Probe("report", _report("violated", "violations", "durable"))), set())
    assert [b.signature for b in bad if b.cls == "engine_disagreement"] == [
        "engine_disagreement|(outcome),committee.quorum"
    ]


def test_exceptions_hangs_and_engine_errors_are_bad() -> None:
    """Anything but a report or a named error is a bad outcome; a named error alone is not."""
    assert classify(_probes(), set()) == []
    errors = _probes(
        mapping_native=Probe("case_error", "bad field"),
        mapping_durable=Probe("case_error", "bad field"),
        case_native=Probe("case_error", "bad field"),
        file_durable=Probe("case_error", "bad field"),
    )
    assert classify(errors, set()) == []
    odd = _probes(case_native=Probe("exception", "boom", "TypeError", "x.py:f"), file_durable=Probe("hang", where="y"))
    assert {b.cls for b in classify(odd, set())} == {"exception", "hang"}


def test_paths_and_cli_must_agree() -> None:
    """A report on one path and an error on another, or a CLI exit code the report does not give, are bad."""
    split = _probes(file_durable=Probe("case_error", "BOM"))
    assert {b.cls for b in classify(split, set())} == {"path_disagreement"}
    cli = Probe("report", _report(engine="durable"), exit_code=2, stderr="")
    assert {b.cls for b in classify(_probes(cli=cli), set())} == {"cli_disagreement"}
    same = Probe("report", _report(engine="durable"), exit_code=0, stderr="")
    assert classify(_probes(cli=same), set()) == []
    trace = Probe("case_error", "", exit_code=2, stderr="Traceback (most recent call last):\n  x\nValueError: y")
    errors = _probes(file_durable=Probe("case_error", "e"), mapping_durable=Probe("case_error", "e"))
    assert "cli_traceback" in {b.cls for b in classify(errors | {"cli": trace}, set())}


def test_a_full_id_number_in_any_output_is_found() -> None:
    """An ID number from the input, shown whole in a report, an error or the CLI's stderr, is a leak."""
    data = {"candidate": {"id_number": VALID_ID}, "备注": {"身份证号": int("110105194912310021")}}
    ids = id_numbers_in(data)
    assert ids == {VALID_ID, "110105194912310021"}
    leak = _probes(case_native=Probe("case_error", f"身份证号 {VALID_ID} 无效"))
    assert "id_leak" in {b.cls for b in classify(leak, ids)}
    masked = _probes(case_native=Probe("report", _report().replace("compliant", "1101************2X")))
    assert "id_leak" not in {b.cls for b in classify(masked, ids)}


def test_a_checker_minimises_a_bad_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bad outcome's reproducer keeps only the mutation that causes it (here a stand-in fault: every input
    whose top level was replaced is bad; validate(1), the real one this test used, is now a CaseError)."""
    checker = Checker(Settings(seed=0, hypothesis_examples=0), tmp_path)
    base = checker.pool[0][0]
    item = FuzzInput(0, base, (Mutation("shuffle", ("procedure",), 1), Mutation("top", (), "int")), "json", False)
    signature = "no such signature"
    assert checker.minimal(item, signature, cli=False) == list(item.mutations)  # nothing smaller reproduces it
    assert checker._bad(item, rebuild(checker.by_name[base], item.mutations), cli=False) == []

    def stand_in(trial: FuzzInput, data: Any, cli: bool) -> list[Bad]:
        top = any(m.op == "top" for m in trial.mutations)
        return [Bad("exception", "exception|StandIn|top", "stand-in")] if top else []

    monkeypatch.setattr(checker, "_bad", stand_in)
    assert checker.minimal(item, "exception|StandIn|top", cli=False) == [item.mutations[1]]


def test_a_call_that_outlives_its_time_is_a_hang_and_the_run_goes_on() -> None:
    """With a timeout no checked report can meet, those inputs are hangs, each worker is replaced, the run completes."""
    # seed 5's inputs 1 and 3 give reports (CPU enough for the CPU timer's tick to fall inside); input 2 may end
    # in a CaseError before a tick is counted
    summary = run(Settings(seed=5, timeout=0.0005, hypothesis_examples=0, minimise=False), 3, workers=1, start=1)
    assert summary.inputs == 3
    assert summary.classes["hang"] >= 2
    assert all(s.startswith("hang|") for s in summary.signatures)
    assert any(s.startswith("hang|mapping_native|") for s in summary.signatures)


def test_an_id_number_given_as_the_case_id_is_looked_for_in_the_report(tmp_path: Path) -> None:
    """The harness flags an ID leak exactly when a report shows in full the ID number the case carries as its id."""
    base = dict(bases(0))["examples/compliant-county-promotion.yaml"]
    mutation = Mutation("text", ("case_id",), "id_number")
    data = rebuild(base, [mutation])
    assert data["case_id"] == VALID_ID
    item = FuzzInput(0, "examples/compliant-county-promotion.yaml", (mutation,), "json", False)
    probes = probe_input(data, item, tmp_path, timeout=60.0, cli=False, cli_timeout=60.0)
    assert {p.kind for p in probes.values()} == {"report"}
    shown = any(VALID_ID in p.text for p in probes.values())
    flagged = {b.signature for b in classify(probes, id_numbers_in(data)) if b.cls == "id_leak"}
    assert flagged == ({"id_leak|api|report|output"} if shown else set())


def _busy(seconds: float) -> str:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    return "{}"


def test_a_probe_times_cpu_not_the_wall_clock() -> None:
    """A call that burns CPU past its time is a hang; one that waits (a loaded machine's lost turns) is not."""
    assert _probe(lambda: _busy(2.0), 0.2).kind == "hang"

    def wait() -> str:
        time.sleep(0.5)
        return "{}"

    waited = _probe(wait, 0.2)
    assert waited.kind == "report" and waited.seconds >= 0.5


def test_an_alarm_swallowed_once_is_raised_again() -> None:
    """The timer repeats after it expires: a first alarm lost (as in a gc callback) still ends the call."""
    swallowed: list[str] = []

    def call() -> str:
        try:
            _busy(5.0)
        except _Timeout:
            swallowed.append("once")
        return _busy(5.0)

    assert _probe(call, 0.2).kind == "hang"
    assert swallowed == ["once"]


def test_cpu_seconds_reads_a_process_s_cpu_time() -> None:
    """The worker watchdog reads CPU time from /proc: it grows with work, and is None for no such process."""
    before = cpu_seconds(os.getpid())
    assert before is not None
    _busy(0.3)
    after = cpu_seconds(os.getpid())
    assert after is not None and after - before >= 0.2
    assert cpu_seconds(2**22 + 7) is None  # above the kernel's pid limit


def test_a_long_run_in_parts_adds_up() -> None:
    """Summaries survive JSON and merge: the parts of a long run count what one run over all of them would."""
    bad = Bad("exception", "exception|X|f", "d")
    whole, first, second = Summary(), Summary(), Summary()
    for index, (outcome, bads) in enumerate([("report", []), ("bad", [bad]), ("case_error", []), ("bad", [bad])]):
        item = {"index": index, "mutations": []}
        checked = Checked(index, outcome, {"cli": "report"} if index == 2 else {}, bads, 0.5, item)
        whole.add(checked)
        (first if index < 2 else second).add(checked)
    first.seconds, second.seconds, whole.seconds = 1.0, 1.0, 2.0
    again = Summary.from_dict(json.loads(json.dumps(first.to_dict()))).merge(second)
    assert again.to_dict() == whole.to_dict()
    assert again.signatures["exception|X|f"] == 2 and again.first["exception|X|f"]["input"]["index"] == 1


def test_a_run_can_start_at_any_input(tmp_path: Path) -> None:
    """``start`` checks the seed's inputs from that index: the outcomes are those of inputs 3 and 4 checked one by
    one (seed 6 gives two CaseErrors at 0 and 1, a CaseError and a report at 3 and 4)."""
    settings = Settings(seed=6, hypothesis_examples=0, minimise=False)
    checker = Checker(settings, tmp_path)
    expected = Counter(checker.check(i).outcome for i in (3, 4))
    assert expected != Counter(checker.check(i).outcome for i in (0, 1))
    later = run(settings, 2, workers=1, start=3)
    assert later.inputs == 2 and later.outcomes == expected


def test_an_alarm_at_the_edge_of_the_call_is_a_hang_not_a_dead_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """An alarm landing while the timer is armed or disarmed (outside the call) is classified, never raised."""

    def edge(call: object, timeout: float) -> Probe:
        raise _Timeout

    monkeypatch.setattr("cadre_rules.testing._fuzz._timed_probe", edge)
    assert _probe(lambda: "{}", 5.0).kind == "hang"


def test_a_part_of_a_long_run_sends_its_share_to_the_cli() -> None:
    """The CLI sample is counted from a part's first input: a part from 60,000 sends its share as the first did."""
    first = Settings(seed=1, cli_every=100, cli_limit=3)
    later = Settings(seed=1, cli_every=100, cli_limit=3, cli_start=60_000)
    assert [i for i in range(1_000) if first.cli_for(i)] == [0, 100, 200]
    assert [i for i in range(60_000, 61_000) if later.cli_for(i)] == [60_000, 60_100, 60_200]
    assert not any(later.cli_for(i) for i in range(0, 60_000, 100))


def test_an_input_that_writes_out_a_huge_integer_is_made() -> None:
    """Seed 1 input 123,106 sets an integer of 5,000 digits into a record and then reshapes the record into text:
    the harness makes it (the long run's part from 120,000 stopped there on Python's 4,300-digit limit), and
    rebuilds it the same."""
    pool = bases(24)
    item, data = make_input(1, 123_106, pool)
    assert [(m.op, m.arg) for m in item.mutations][1:] == [("int", "-10**5000"), ("shape", "str")]
    assert _same(rebuild(dict(pool)[item.base], item.mutations), data)


def test_a_harness_failure_is_recorded_even_where_the_input_cannot_be_made(monkeypatch: pytest.MonkeyPatch) -> None:
    """The record of a harness failure (made in the parent process) never raises: an input that cannot be made is
    recorded by its index."""

    def unmakeable(*args: object) -> None:
        raise ValueError("cannot be made")

    monkeypatch.setattr("cadre_rules.testing._fuzz.make_input", unmakeable)
    checked = _harness_failure(7, "ValueError: x", "trace", Settings(seed=1))
    assert checked.item == {"index": 7, "unmade": "ValueError: cannot be made"}
    assert [b.cls for b in checked.bad] == ["harness_error"]
    summary = Summary()
    summary.add(checked)
    assert summary.records()[0]["minimal_mutations"] == []


def test_an_unknown_waived_rule_of_100_000_characters_gives_a_short_error(tmp_path: Path) -> None:
    """Seed 1 input 516,373 names an unknown rule of 100,000 characters in a waiver: its error was 100,042 characters
    long (error_too_long, the long run's part from 465,000). It is now a CaseError of a few lines on every path."""
    checked = Checker(Settings(seed=1, minimise=False), tmp_path).check(516_373)
    assert checked.item["mutations"] == [{"op": "text", "path": ["waivers", 0, "rule_id"], "arg": "long_ascii"}]
    assert checked.outcome == "case_error" and checked.bad == []
