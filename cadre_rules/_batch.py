"""Checking many cases: one report (or one failure) per case, in input order, with bounded memory.

Cases are read lazily and checked in a bounded window: at most ``workers × WINDOW_PER_WORKER`` chunks of
``CHUNK`` cases are in flight, so memory does not grow with the input.  With ``workers > 1`` the cases are
checked in worker processes (durable_rules is not thread-safe and never releases the GIL), each of which loads
the registry, the profile and the engine once.  A case that cannot be read or checked becomes a
:class:`CaseFailure` naming it, and the batch goes on.  A :class:`BatchSummary` counts outcomes, rule findings
and failures, and the aggregate the seeds set over many cases (the share of competitive selection among
委任制 promotions, seed 000 第4段第3句).
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from itertools import islice
from pathlib import Path
from typing import IO, Any, Literal

from cadre_rules._errors import ArgumentError, CadreRulesError, CaseError, Problem, mask_ids
from cadre_rules._files import (
    MAX_INPUT_ENV,
    bounded_lines,
    decode_text,
    load_data,
    max_input_bytes,
    open_lines,
    parse_json,
)
from cadre_rules._validate import EngineName, _coerce_case, get_engine, ruleset_version, validate_checked
from cadre_rules.engine import DURABLE_AVAILABLE, EngineError
from cadre_rules.facts import WorkingDayCalendar
from cadre_rules.instruments import CitationRef
from cadre_rules.instruments._coverage import load_requirements, requirement_ref
from cadre_rules.profiles import Profile, load_profile
from cadre_rules.records import Case, Stage, case_from_mapping, load_case
from cadre_rules.records._enums import AppointmentKind, AppointmentSystem, SelectionMethod, Tier
from cadre_rules.report import OUTCOME_ZH, Report, dump_json, one_line_json
from cadre_rules.rules import default_registry

CHUNK = 8  # cases sent to a worker at once
WINDOW_PER_WORKER = 4  # chunks in flight per worker
TABLE_RULES = 40  # rules listed in the table (most violated first; the JSON summary lists all)
MAX_LISTED_FAILURES = 100  # failures named in the summary (all are counted)

FailureKind = Literal["invalid_input", "engine_error"]
FAILURE_ZH: dict[str, str] = {"invalid_input": "输入无效", "engine_error": "规则引擎出错"}
CaseItem = Case | Mapping[str, Any] | str | Path


@dataclass(frozen=True)
class CaseFailure:
    """A case of a batch that could not be checked: invalid input, or the rule engine failed twice on it."""

    source: str  # where the case came from: ``cases.jsonl:12``, ``dossiers/a.yaml`` or ``#3`` (its position)
    case_id: str | None  # the case's ``case_id`` when it could be read
    kind: FailureKind
    problems: tuple[Problem, ...]
    more: int = 0  # problems beyond those listed (a CaseError lists a bounded number)

    outcome: Literal["error"] = "error"

    def to_dict(self, *, show_id: bool = False) -> dict[str, Any]:
        """The JSON line of a failure: ``outcome`` is ``error``; ``error`` is its kind; the problems listed in zh/en,
        and ``more``: how many further problems were not listed. ID numbers are masked in the problems always, and
        in ``source`` and ``case_id`` unless ``show_id``."""
        shown = (lambda text: text) if show_id else mask_ids
        listed_zh = "；".join(f"{p.path}：{p.message_zh}" for p in self.problems)
        listed_en = "; ".join(f"{p.path}: {p.message_en}" for p in self.problems)
        if self.more:
            listed_zh += f"；另有 {self.more} 处问题未列出"
            listed_en += f"; {self.more} more problems not listed"
        return {
            "outcome": self.outcome,
            "error": self.kind,
            "source": shown(self.source),
            "case_id": None if self.case_id is None else shown(self.case_id),
            "message": {
                "zh": mask_ids(f"{FAILURE_ZH[self.kind]}：{listed_zh}"),
                "en": mask_ids(f"{self.kind.replace('_', ' ')}: {listed_en}"),
            },
            "problems": [
                {"path": mask_ids(p.path), "zh": mask_ids(p.message_zh), "en": mask_ids(p.message_en)}
                for p in self.problems
            ],
            "more": self.more,
        }

    def to_json(self, *, show_id: bool = False) -> str:
        """One line of JSON (ID numbers masked unless ``show_id``)."""
        return one_line_json(dump_json(self.to_dict(show_id=show_id))).decode("utf-8")


def report_line(item: Report | CaseFailure, *, show_id: bool = False) -> str:
    """The JSONL line of a batch result (one place for the serialisation of batch output); ID numbers masked
    unless ``show_id``."""
    return item.to_json(indent=None, show_id=show_id) if isinstance(item, Report) else item.to_json(show_id=show_id)


# ---------------------------------------------------------------------------------------------- aggregates

COMPETITIVE_METHODS = frozenset({SelectionMethod.OPEN_SELECTION, SelectionMethod.COMPETITIVE_POST})
SHARE_TIERS = frozenset({Tier.TOWNSHIP_SECTION, Tier.COUNTY_DIVISION, Tier.DEPARTMENT_BUREAU})  # 厅局级以下
SHARE_MINIMUM = Fraction(1, 3)  # 不少于三分之一
SHARE_REQUIREMENT = ("seed-000-open-selection", "000-02")
SHARE_READING = {
    "zh": (
        "计入分母的是新提拔厅局级以下委任制党政领导干部：案件类型为提任（kind = promotion），拟任职务层次为"
        "乡科级、县处级或厅局级（“以下”含本级；股级不是领导职务层次，不计入），任用方式"
        "（procedure.appointment.appointment_system）为委任制；选任制、聘任制和平级调整不计入。"
        "通过竞争性选拔产生的，指产生方式（procedure.method）为公开选拔或竞争上岗（案件模型未载明产生方式时"
        "按一般程序计，即非竞争性选拔）。未载明任用方式的提任无从判断是否计入，单独列出：比例以可判断的案件计算，"
        "并给出这些案件全部计入或全部不计入时比例的范围；只有整个范围都不低于三分之一才记为达到，都低于才记为未达到，"
        "否则无法判断。原文要求“到2014年”达到，统计期间即本批案件覆盖的期间，由使用者选定；"
        "该讲话为地方实践，仅作参考。"
    ),
    "en": (
        "The denominator is newly promoted 委任制 Party and government leading cadres at 厅局级 and below: cases of "
        "kind promotion, to a post of tier township_section, county_division or department_bureau (以下 includes the "
        "level itself; section_unit is not a leadership level), whose procedure.appointment.appointment_system is "
        "appointed (委任制); elected (选任制) and engaged (聘任制) posts and lateral moves are not counted. "
        "Competitive selection is procedure.method open_selection or competitive_post (the case model defaults an "
        "unrecorded method to standard, i.e. not competitive). Promotions whose appointment system is not recorded "
        "cannot be placed and are listed apart: the share is computed over the cases that can, with its range if "
        "those were all counted or all left out; it is met only when the whole range is at least one third, not met "
        "when the whole range is below, otherwise unknown. The text sets the target 'by 2014'; the period is the "
        "one the batch covers, as chosen by the user. The speech is local practice: advice only."
    ),
}


def share_class(case: Case) -> str | None:
    """Where a case stands in the competitive-selection share (seed 000 第4段第3句).

    ``None``: not a 厅局级以下 委任制 promotion; ``in_competitive`` / ``in_other``: counted, produced by competitive
    selection or not; ``unknown_competitive`` / ``unknown_other``: a promotion at those levels whose appointment
    system is not recorded.
    """
    if case.kind is not AppointmentKind.PROMOTION or case.post.tier not in SHARE_TIERS:
        return None
    appointment = case.procedure.appointment
    system = appointment.appointment_system if appointment is not None else None
    if system is not None and system is not AppointmentSystem.APPOINTED:
        return None
    where = "in" if system is AppointmentSystem.APPOINTED else "unknown"
    return f"{where}_{'competitive' if case.procedure.method in COMPETITIVE_METHODS else 'other'}"


def _ratio(num: int, den: int) -> Fraction | None:
    return Fraction(num, den) if den else None


def competitive_share(counts: Mapping[str, int]) -> dict[str, Any]:
    """The share of competitive selection among 委任制 promotions, with its range over the unknown cases.

    ``counts`` maps :func:`share_class` values to numbers of cases.  ``met`` is true, false, or None (unknown: no
    case counted, or the unknown cases could move the share across one third).
    """
    comp, other = counts.get("in_competitive", 0), counts.get("in_other", 0)
    u_comp, u_other = counts.get("unknown_competitive", 0), counts.get("unknown_other", 0)
    share = _ratio(comp, comp + other)
    low = _ratio(comp, comp + other + u_other)  # unknown non-competitive ones counted, competitive ones not
    high = _ratio(comp + u_comp, comp + other + u_comp)  # the other way round
    met: bool | None = None
    if low is not None and high is not None and low >= SHARE_MINIMUM:
        met = True
    elif high is not None and (low is None or low < SHARE_MINIMUM) and high < SHARE_MINIMUM:
        met = False
    return {
        "appointed_promotions": comp + other,
        "competitive": comp,
        "unknown_appointment_system": u_comp + u_other,
        "unknown_appointment_system_competitive": u_comp,
        "share": _float(share),
        "share_range": [_float(low), _float(high)],
        "minimum": str(SHARE_MINIMUM),
        "met": met,
    }


def _float(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), 6)


def share_citation() -> dict[str, Any]:
    """The requirement row of the competitive share (seed 000 000-02) with its resolved, quoted text."""
    registry = default_registry()
    owner, req_id = SHARE_REQUIREMENT
    req = next(r for r in load_requirements(registry.library)[owner] if r.id == req_id)
    ref: CitationRef = requirement_ref(owner, req)
    resolved = registry.library.resolve(ref)
    return {
        "requirement": req.id,
        "instrument": ref.instrument,
        "title": resolved.instrument_title,
        "location": resolved.location_zh(),
        "text": resolved.text,
        "quote": req.quote,
        "confidence": resolved.confidence.value,
        "source_level": resolved.source_level.value,
    }


# ---------------------------------------------------------------------------------------------- summary


@dataclass(frozen=True)
class CaseStats:
    """What the summary needs from one case (small, so workers return it beside the report)."""

    outcome: str  # a report outcome, or ``invalid_input`` / ``engine_error``
    violated: tuple[str, ...] = ()
    indeterminate: tuple[str, ...] = ()
    share: str | None = None
    source: str = ""
    case_id: str | None = None


@dataclass
class BatchSummary:
    """Counts over a batch: cases per outcome, per rule violated / indeterminate, failures, aggregates.

    Pass one to :func:`validate_many` (``summary=``) to have it filled as the results are yielded.
    """

    outcomes: dict[str, int] = field(default_factory=dict)
    violated: dict[str, int] = field(default_factory=dict)
    indeterminate: dict[str, int] = field(default_factory=dict)
    share: dict[str, int] = field(default_factory=dict)
    failures: list[dict[str, str | None]] = field(default_factory=list)
    cases: int = 0
    show_id: bool = False  # list the failures' sources and case ids with ID numbers unmasked

    def add(self, stats: CaseStats) -> None:
        """Count one case."""
        self.cases += 1
        self.outcomes[stats.outcome] = self.outcomes.get(stats.outcome, 0) + 1
        for rule_id in stats.violated:
            self.violated[rule_id] = self.violated.get(rule_id, 0) + 1
        for rule_id in stats.indeterminate:
            self.indeterminate[rule_id] = self.indeterminate.get(rule_id, 0) + 1
        if stats.share is not None:
            self.share[stats.share] = self.share.get(stats.share, 0) + 1
        if stats.outcome in FAILURE_ZH and len(self.failures) < MAX_LISTED_FAILURES:
            shown = (lambda text: text) if self.show_id else mask_ids
            case_id = None if stats.case_id is None else shown(stats.case_id)
            self.failures.append({"source": shown(stats.source), "case_id": case_id, "error": stats.outcome})

    def to_dict(self, profile: str | Path | Profile = "default", engine: EngineName | None = None) -> dict[str, Any]:
        """The summary as JSON-ready data; ``profile`` gives each rule's severity (advice under ``default``),
        ``engine`` the engine named (``None``: the default one)."""
        registry = default_registry()
        prof = profile if isinstance(profile, Profile) else load_profile(profile, registry)
        rules = {}
        for rule in registry.rules:
            v, i = self.violated.get(rule.id, 0), self.indeterminate.get(rule.id, 0)
            if v or i:
                severity = rule.spec.severity if prof.binding(rule) else "advice"
                rules[rule.id] = {"title": rule.spec.title.zh, "severity": severity, "violated": v, "indeterminate": i}
        outcomes = ("compliant", "violations", "indeterminate", "invalid_input", "engine_error")
        return {
            "cases": self.cases,
            "outcomes": {o: self.outcomes.get(o, 0) for o in outcomes},
            "engine_errors": self.outcomes.get("engine_error", 0),
            "profile": prof.id,
            "engine": engine or ("durable" if DURABLE_AVAILABLE else "native"),
            "ruleset_version": ruleset_version(),
            "rules": rules,
            "failures": self.failures,
            "failures_listed": f"first {MAX_LISTED_FAILURES}" if len(self.failures) >= MAX_LISTED_FAILURES else "all",
            "aggregates": {
                "competitive_selection_share": competitive_share(self.share)
                | {"citation": share_citation(), "reading": SHARE_READING}
            },
        }

    def to_table(self, profile: str | Path | Profile = "default") -> str:
        """The summary as a plain-text table (Chinese with English terms) for a terminal."""
        d = self.to_dict(profile)
        return table_of(d)


def table_of(d: Mapping[str, Any]) -> str:
    """A summary (:meth:`BatchSummary.to_dict`) as a plain-text table (Chinese with English terms)."""
    names = OUTCOME_ZH | FAILURE_ZH
    lines = [f"共 {d['cases']} 件 / cases", ""]
    lines += [f"  {names[o]:　<6} {o:<14} {n:>8}" for o, n in d["outcomes"].items()]
    if d["rules"]:
        lines += ["", f"  {'违反 violated':>14} {'无法判断 indeterminate':>24}  规则 rule"]
        ordered = sorted(d["rules"].items(), key=lambda kv: (-kv[1]["violated"], -kv[1]["indeterminate"], kv[0]))
        for rule_id, r in ordered[:TABLE_RULES]:
            advice = "（参考 advice）" if r["severity"] == "advice" else ""
            lines.append(f"  {r['violated']:>14} {r['indeterminate']:>24}  {rule_id} {r['title']}{advice}")
        if len(ordered) > TABLE_RULES:
            more = len(ordered) - TABLE_RULES
            lines.append(f"  …… 另有 {more} 条规则见 JSON 汇总 / {more} more rules in the JSON summary (--summary)")
    share = d["aggregates"]["competitive_selection_share"]
    cite = share["citation"]
    met = {True: "达到 met", False: "未达到 not met", None: "无法判断 unknown"}[share["met"]]
    shown = "—" if share["share"] is None else f"{share['share']:.1%}"
    low, high = share["share_range"]
    span = "" if low is None or high is None or low == high else f"（范围 range {low:.1%}–{high:.1%}）"
    lines += [
        "",
        f"竞争性选拔比例 competitive-selection share：{shown}{span}，{met}",
        f"  委任制提任 appointed promotions {share['appointed_promotions']}，其中竞争性选拔 competitive "
        f"{share['competitive']}；任用方式未载明 appointment system unknown {share['unknown_appointment_system']}",
        f"  依据《{cite['title']}》{cite['location']}（地方实践，参考）：“{cite['quote']}”",
    ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class CaseInput:
    """One case of a batch before it is read: a JSONL line, a file, or a case object or mapping."""

    source: str
    kind: Literal["line", "file", "value"]
    payload: Any


def _problem_of(exc: BaseException) -> tuple[Problem, ...]:
    if isinstance(exc, CaseError):
        return tuple(exc.problems)
    return (Problem("(case)", str(exc), "无法检查该案件（说明见英文）"),)


def _read(item: CaseInput) -> Case:
    """The case of an input; raises :class:`CaseError` naming what is wrong."""
    if item.kind == "file":
        return load_case(item.payload)
    if item.kind == "value":
        return _coerce_case(item.payload)
    return case_from_mapping(_line_data(item.payload))


def _line_data(line: bytes | None) -> Any:
    """The JSON value of one JSONL line (read by :func:`cadre_rules._files.bounded_lines`: ``None`` when it was
    longer than the limit), with the nesting and duplicate-key checks of every input."""
    if line is None:
        most = max_input_bytes()
        raise CaseError(
            [
                Problem(
                    "(line)",
                    f"the line is longer than {most} bytes (set {MAX_INPUT_ENV} to change the limit); the rest of "
                    "this input is not read",
                    f"该行超过 {most} 字节的上限（可用环境变量 {MAX_INPUT_ENV} 调整）；此输入的其余部分未读取",
                )
            ]
        )
    what = ("line", "该行")
    return parse_json(decode_text(line, "(line)", what=what), "(line)")


FAILED_CASE_ID_CHARS = 200
"""How much of the ``case_id`` of an input that failed its checks a failure line shows."""


def _case_id_of(item: CaseInput) -> str | None:
    """The ``case_id`` of an input that failed, when it can be read at all (best effort: cut to
    :data:`FAILED_CASE_ID_CHARS` characters, a lone surrogate written as its escape)."""
    try:
        if item.kind == "line":
            data = _line_data(item.payload)
        elif item.kind == "file":
            data = load_data(item.payload)  # bounded and safe: this runs on inputs that already failed
        else:
            data = item.payload.model_dump() if isinstance(item.payload, Case) else item.payload
        value = data.get("case_id") if isinstance(data, Mapping) else None
    except Exception:  # the input is unreadable: it is named by its source
        return None
    if not isinstance(value, str):
        return None
    # the value did not pass the case's checks: it may be huge or hold a lone surrogate (which no line can carry)
    cut = value[:FAILED_CASE_ID_CHARS] + ("…" if len(value) > FAILED_CASE_ID_CHARS else "")
    return cut.encode("utf-8", "backslashreplace").decode("utf-8")


# ---------------------------------------------------------------------------------------------- checking


@dataclass(frozen=True)
class Settings:
    """What every case of a batch is judged by (sent once to each worker)."""

    as_of: date | None = None
    profile: str | Path | Profile = "default"
    engine: EngineName | None = None
    stage: Stage | str | None = None
    calendar: str | Path | None = None  # a calendar file whose years replace the package's
    serialise: bool = False  # workers return JSON lines instead of report objects
    show_id: bool = False  # serialised lines show ID numbers unmasked


@dataclass(frozen=True)
class Checked:
    """The result for one case: the report or failure (or its JSON line when serialised) and its stats."""

    item: Report | CaseFailure | None
    line: str | None
    stats: CaseStats


class _Checker:
    """Checks cases under fixed settings; the profile and engine are resolved once."""

    def __init__(self, settings: Settings) -> None:
        registry = default_registry()
        self.settings = settings
        self.profile = (
            settings.profile if isinstance(settings.profile, Profile) else load_profile(settings.profile, registry)
        )
        self.calendar = WorkingDayCalendar.from_file(settings.calendar) if settings.calendar else None
        get_engine(settings.engine, registry)  # build the engine now, not with the first case

    def check(self, item: CaseInput) -> Checked:
        s = self.settings
        case: Case | None = None
        result: Report | CaseFailure
        try:
            case = _read(item)  # checked as every input is: validated at once, not checked a second time
            result = validate_checked(
                case, as_of=s.as_of, profile=self.profile, engine=s.engine, stage=s.stage, calendar=self.calendar
            )
        except EngineError as exc:
            problems = (Problem("(engine)", str(exc), "规则引擎两次处理该案件均失败，未得出结论"),)
            result = CaseFailure(item.source, case.case_id if case else None, "engine_error", problems)
        except (CadreRulesError, ValueError) as exc:
            case_id = case.case_id if case is not None else _case_id_of(item)
            more = exc.more if isinstance(exc, CaseError) else 0
            result = CaseFailure(item.source, case_id, "invalid_input", _problem_of(exc), more)
        if isinstance(result, Report):
            stats = CaseStats(
                outcome=result.outcome,
                violated=tuple(f.rule_id for f in result.findings if f.status == "violated"),
                indeterminate=tuple(f.rule_id for f in result.findings if f.status == "indeterminate"),
                share=share_class(case) if case is not None else None,
                source=item.source,
                case_id=result.case_id,
            )
        else:
            share = share_class(case) if case is not None else None
            stats = CaseStats(result.kind, share=share, source=item.source, case_id=result.case_id)
        if s.serialise:
            return Checked(None, report_line(result, show_id=s.show_id), stats)
        return Checked(result, None, stats)


_WORKER: _Checker | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = _Checker(settings)


def _check_chunk(chunk: list[CaseInput]) -> list[Checked]:
    assert _WORKER is not None
    return [_WORKER.check(item) for item in chunk]


def _chunks(items: Iterable[CaseInput], size: int) -> Iterator[list[CaseInput]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _context() -> Any:
    """Worker processes start from a fresh interpreter (forkserver, else spawn): durable's C state and the
    adapter's lock are never copied mid-use from a threaded parent."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def check_inputs(items: Iterable[CaseInput], settings: Settings, *, workers: int = 1) -> Iterator[Checked]:
    """Check inputs in order, ``workers`` processes at a time, with a bounded window of cases in flight."""
    if workers < 1:
        raise ArgumentError(f"工作进程数至少为 1 / workers must be at least 1, not {workers}")
    if workers == 1:
        checker = _Checker(settings)
        for item in items:
            yield checker.check(item)
        return
    window = workers * WINDOW_PER_WORKER
    pool = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_init_worker, initargs=(settings,))
    try:
        pending: deque[Future[list[Checked]]] = deque()
        for chunk in _chunks(items, CHUNK):
            pending.append(pool.submit(_check_chunk, chunk))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _as_input(index: int, case: CaseItem) -> CaseInput:
    if isinstance(case, str | Path):
        return CaseInput(str(case), "file", str(case))
    return CaseInput(f"#{index}", "value", case)


def validate_many(
    cases: Iterable[CaseItem],
    *,
    workers: int = 1,
    as_of: date | None = None,
    profile: str | Path | Profile = "default",
    engine: EngineName | None = None,
    stage: Stage | str | None = None,
    calendar: str | Path | None = None,
    summary: BatchSummary | None = None,
) -> Iterator[Report | CaseFailure]:
    """Check many cases; yield one :class:`Report` or :class:`CaseFailure` per case, in input order.

    ``cases`` is any iterable (read lazily: a generator over millions of cases is fine) of :class:`Case`
    objects, mappings, or paths of JSON/YAML case files.  ``workers > 1`` checks them in that many processes,
    each loading the rules once; at most a few chunks of cases per worker are in flight, so memory stays flat
    whatever the input size.  A case that cannot be read or checked (invalid input, or an engine error after
    one retry) is yielded as a :class:`CaseFailure` naming it (its path, or ``#<position>`` counting from 0)
    and the batch goes on.  ``as_of``, ``profile``, ``engine``, ``stage`` and ``calendar`` (a calendar file's
    path) are those of :func:`validate`.
    Pass a :class:`BatchSummary` as ``summary`` to have it count the results as they are yielded.
    Workers are started fresh (forkserver or spawn), so a script calling this with ``workers > 1`` needs the
    usual ``if __name__ == "__main__":`` guard.
    """
    settings = Settings(as_of=as_of, profile=profile, engine=engine, stage=stage, calendar=calendar)
    inputs = (_as_input(i, c) for i, c in enumerate(cases))
    for checked in check_inputs(inputs, settings, workers=workers):
        if summary is not None:
            summary.add(checked.stats)
        assert checked.item is not None
        yield checked.item


def jsonl_inputs(lines: Iterable[bytes | None], name: str) -> Iterator[CaseInput]:
    """The cases of a JSONL stream (bytes, decoded by the worker), one per non-blank line, named
    ``name:<line number>``; ``None`` stands for a line over the size limit (:func:`bounded_lines`)."""
    for number, line in enumerate(lines, start=1):
        if line is None or line.strip():
            yield CaseInput(f"{name}:{number}", "line", line)


CASE_SUFFIXES = (".yaml", ".yml", ".json")
JSONL_SUFFIXES = (".jsonl", ".ndjson")


def directory_inputs(folder: Path) -> list[CaseInput]:
    """The case files (YAML or JSON) directly inside ``folder``, sorted by name."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in CASE_SUFFIXES)
    return [CaseInput(str(p), "file", str(p)) for p in files]


def count_cases(path: Path) -> int:
    """The number of non-blank lines of a JSONL file (for a progress bar's total)."""
    with open_lines(path) as f:
        return sum(1 for line in bounded_lines(f) if line is None or line.strip())


def each_input(paths: Iterable[str], stdin: IO[bytes]) -> Iterator[CaseInput]:
    """The cases of the command line's inputs in order: ``-`` (JSONL on ``stdin``), JSONL files, directories
    (their case files, sorted) and single case files; files are opened one at a time as they are reached."""
    for text in paths:
        if text == "-":
            yield from jsonl_inputs(bounded_lines(stdin), "<stdin>")
            continue
        path = Path(text)
        if path.is_dir():
            yield from directory_inputs(path)
        elif path.suffix.lower() in JSONL_SUFFIXES:
            with open_lines(path) as lines:
                yield from jsonl_inputs(bounded_lines(lines), text)
        else:
            yield CaseInput(text, "file", text)


def total_cases(paths: Iterable[str]) -> int | None:
    """The number of cases of the command line's inputs (None when one is standard input), for an ETA."""
    total = 0
    for text in paths:
        if text == "-":
            return None
        path = Path(text)
        if path.is_dir():
            total += len(directory_inputs(path))
        elif path.suffix.lower() in JSONL_SUFFIXES:
            total += count_cases(path)
        else:
            total += 1
    return total
