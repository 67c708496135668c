"""validate(): derive facts once, ask an engine which conditions hold, and build the report."""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Literal

from cadre_rules._cache import data_digest
from cadre_rules._errors import CaseError, Problem, UnknownEngineError, clip
from cadre_rules._months import evaluate_months
from cadre_rules.engine import (
    DURABLE_AVAILABLE,
    DurableEngine,
    Engine,
    NativeEngine,
    applies_key,
    shared_engine,
    violated_key,
)
from cadre_rules.facts import DEFAULT_CALENDAR, FACTS, WorkingDayCalendar, default_as_of, derive
from cadre_rules.instruments import SourceLevel
from cadre_rules.instruments._model import ParamValue
from cadre_rules.profiles import Profile, load_profile
from cadre_rules.records import AppointmentKind, Case, Stage, Waiver, WaiverBasis, case_from_mapping, load_case
from cadre_rules.records._enums import code_label_zh
from cadre_rules.records._hints import did_you_mean
from cadre_rules.records._load import checked_as_of, checked_case
from cadre_rules.report import Citation, Finding, Report, Status, shared_finding
from cadre_rules.rules import CompiledRule, Registry, default_registry
from cadre_rules.rules._expr import Prepared, param_key, param_of_key, unknown_keys
from cadre_rules.rules._spec import fill

EngineName = Literal["durable", "native"]
TIER_ZH = {
    "section_unit": "股级（乡科级以下）",
    "township_section": "乡科级",
    "county_division": "县处级",
    "department_bureau": "厅局级",
    "province_ministry": "省部级",
    "national": "国家级",
}
"""Chinese names of the levels of post, for the not-governed message."""
__version__ = "0.1.0"


@cache
def ruleset_version() -> str:
    """The package version plus a digest of the shipped rule specs and regulation data."""
    return f"{__version__}+{data_digest()[:12]}"


def _durable(registry: Registry) -> DurableEngine:
    return shared_engine(registry, registry.rules)


_NATIVE = NativeEngine()


def get_engine(name: EngineName | None, registry: Registry) -> Engine:
    """The engine by name; ``None`` picks durable_rules where it imports, else native."""
    if name is None:
        name = "durable" if DURABLE_AVAILABLE else "native"
    if name == "durable":
        return _durable(registry)
    if name == "native":
        return _NATIVE
    hint_en, hint_zh = did_you_mean(str(name), ["durable", "native"])
    raise UnknownEngineError(
        f"未知引擎 {name!r}{hint_zh}：应为 durable 或 native / "
        f"unknown engine {name!r}{hint_en}: use 'durable' or 'native'"
    )


@dataclass(frozen=True)
class _Context:
    registry: Registry
    as_of: date
    texts: Mapping[str, str]  # every fact and parameter value as text, for message templates


def _coerce_case(case: Case | Mapping[str, Any] | str | Path) -> Case:
    if isinstance(case, Case):
        return checked_case(case)  # the same checks as a mapping (a Case may have bypassed them)
    if isinstance(case, Mapping):
        return case_from_mapping(dict(case))
    if isinstance(case, str | Path):
        return load_case(case)
    return case_from_mapping(case)  # neither a case, a mapping nor a path (a list, a number): the same CaseError


def validate(
    case: Case | Mapping[str, Any] | str | Path,
    *,
    as_of: date | None = None,
    profile: str | Path | Profile = "default",
    engine: EngineName | None = None,
    calendar: WorkingDayCalendar | str | Path | None = None,
    stage: Stage | str | None = None,
) -> Report:
    """Check a proposed appointment and return one finding per rule of the profile.

    ``case`` is a :class:`Case`, a mapping, or the path of a JSON/YAML file.  ``as_of`` defaults to the
    case's ``as_of``, else its meeting date, else the date of its latest step.  ``calendar`` is a
    :class:`WorkingDayCalendar` or the path of a calendar file whose years replace the package's holiday
    calendar.  ``stage`` (else the case's ``procedure.stage``) is the step the dossier has reached: rules about
    later steps are ``not_yet_due``.  A case with dates given to the month (``2010.07``) is evaluated at both
    ends of each month (``cadre_rules/_months.py``).  Raises :class:`CaseError` for invalid input
    (:class:`CalendarFileError` for a bad calendar file).
    """
    if isinstance(calendar, str | Path):
        calendar = WorkingDayCalendar.from_file(calendar)
    record = _coerce_case(case)
    return validate_checked(record, as_of=as_of, profile=profile, engine=engine, calendar=calendar, stage=stage)


def validate_checked(
    record: Case,
    *,
    as_of: date | None = None,
    profile: str | Path | Profile = "default",
    engine: EngineName | None = None,
    calendar: WorkingDayCalendar | None = None,
    stage: Stage | str | None = None,
) -> Report:
    """:func:`validate` of a case that has just passed the mapping path's checks (:func:`case_from_mapping`,
    :func:`load_case`, or :func:`checked_case`) in the caller's own call chain, without checking it again.

    Internal: a batch reads each case and checks it at once.  A :class:`Case` that may have been built or changed
    elsewhere (``model_construct``, ``model_copy(update=...)``, a list changed in place) must go through
    :func:`validate`, which re-checks it.
    """
    registry = default_registry()
    prof = profile if isinstance(profile, Profile) else load_profile(profile, registry)
    when = checked_as_of(as_of) if as_of is not None else default_as_of(record)
    reached = _stage(stage) or record.procedure.stage
    _check_waivers(record, registry)
    eng = get_engine(engine, registry)
    findings = evaluate_months(
        record, lambda reading: _evaluate(reading, when, prof, registry, eng, calendar, reached), when
    )
    in_force = (i.rule for i in _selection(prof, registry).rules if i.rule.in_force(when))
    checkable = registry.library.core_in_force(when) and any(r.source_level is SourceLevel.NATIONAL for r in in_force)
    return Report(
        case_id=record.case_id,
        as_of=when.isoformat(),
        profile=prof.id,
        engine=eng.name,
        ruleset_version=ruleset_version(),
        findings=findings,
        notice=None if checkable else _nothing_in_force(when),
        stage=reached.value if reached is not None else None,
        profile_notice=prof.notice(registry),
    )


def _stage(stage: Stage | str | None) -> Stage | None:
    if stage is None or isinstance(stage, Stage):
        return stage
    try:
        return Stage(stage)
    except ValueError:
        choices = ", ".join(s.value for s in Stage)
        raise CaseError(
            [
                Problem(
                    "stage",
                    f"unknown stage {stage!r}: use one of {choices}",
                    f"案卷环节 {stage!r} 无效，应为：{choices}",
                )
            ]
        ) from None


_FORCE_THREE_VALUED = False
"""Tests only: run the three-valued pass for every rule, as before "evaluate once" (the guard of its answers)."""


@dataclass(frozen=True)
class _RuleInfo:
    """What a finding of a rule under a profile shows whatever the case (computed once per profile and rule)."""

    rule: CompiledRule
    id: str
    applies: Prepared | None
    violated: Prepared
    applies_key: str
    violated_key: str
    severity: str
    title: tuple[str, str]
    source_level: str
    stage: Stage
    stage_value: str
    evidence_params: tuple[str, ...]  # the keys (``p.name``) of the parameters its evidence shows
    satisfied: tuple[str, str]  # the message of a satisfied finding without a waiver (zh, en)
    spans: _CitationSpans  # its citations by span of dates (shared with :func:`citations_on`)
    shared: dict[tuple[Any, ...], Finding] = field(default_factory=dict, compare=False, repr=False)
    # its findings that show nothing of the case (not applicable, not yet due), made once per message and span of
    # citation dates and shared by every report that has them


_NOT_APPLICABLE = ("本案不适用", "does not apply to this case")
"""The message of a rule whose applicability condition does not hold on the case (zh, en)."""
_SHARED_MOST = 32
"""The most shared findings a rule keeps (one per as-of date for a rule not in force: bounded, emptied when full)."""


def _shared_finding(info: _RuleInfo, status: Status, message: tuple[str, str], ctx: _Context) -> Finding:
    """The finding of ``info``'s rule with ``status`` and ``message`` and nothing from the case (no evidence,
    nothing missing, no waiver), made once per message and span of citation dates, then shared (read-only)."""
    key = (status, message, bisect.bisect_right(info.spans.bounds, ctx.as_of))
    finding = info.shared.get(key)
    if finding is None:
        if len(info.shared) >= _SHARED_MOST:
            info.shared.clear()
        finding = info.shared[key] = _finding_of(info, status, {"zh": message[0], "en": message[1]}, ctx)
    return shared_finding(finding)  # (marked again if the report module's bounded mark has been emptied)


@dataclass(frozen=True)
class _Selection:
    """What a profile selects of a registry, computed once and shared by every case it checks."""

    rules: tuple[_RuleInfo, ...]  # in report order
    params: tuple[str, ...]  # the parameters they read, sorted
    ratios: frozenset[str]  # those of them that are ratios
    bounds: list[date]  # the first days on which the set of rules in force may change
    plans: dict[tuple[int, str, AppointmentKind], _Plan] = field(default_factory=dict)
    params_by_day: dict[date, _Params] = field(default_factory=dict)

    def params_on(self, when: date, prof: Profile, registry: Registry) -> _Params:
        """The values of the selection's parameters on ``when`` under the profile's overrides (made once per day,
        then shared read-only by every case judged on it)."""
        known = self.params_by_day.get(when)
        if known is not None:
            return known
        overrides = prof.overrides(registry)
        library = registry.library
        values: dict[str, ParamValue | None] = {
            name: library.param_value(name, when, overrides.get(name)) for name in self.params
        }
        flat: dict[str, int] = {}
        for name, value in values.items():
            if value is None:
                continue
            if name in self.ratios:
                assert not isinstance(value, int)
                flat[param_key(name, "num")] = value.numerator
                flat[param_key(name, "den")] = value.denominator
            else:
                assert isinstance(value, int)
                flat[param_key(name)] = value
        shown = {f"p.{k}": str(v) for k, v in values.items() if v is not None}
        if len(self.params_by_day) >= 1024:  # cases spread over many days: stay bounded
            self.params_by_day.clear()
        known = self.params_by_day[when] = _Params(values, flat, shown)
        return known

    def plan(self, when: date, tier: str, kind: AppointmentKind) -> _Plan:
        """The rules in force on ``when`` and which of them govern a post of ``tier`` and check a case of ``kind``."""
        span = bisect.bisect_right(self.bounds, when)
        key = (span, tier, kind)
        plan = self.plans.get(key)
        if plan is None:
            in_force = [i.rule for i in self.rules if i.rule.in_force(when)]
            restated = {r.id: _other_kind(r, kind) for r in in_force if not r.checks(kind)}
            restated |= {r.id: _not_governed(r, tier) for r in in_force if r.id not in restated and not r.governs(tier)}
            asked = tuple(r for r in in_force if r.id not in restated)
            reads = frozenset().union(*(r.reads for r in asked))
            needs = frozenset().union(*(r.facts for r in asked))
            plan = self.plans[key] = _Plan(frozenset(r.id for r in in_force), restated, asked, reads, needs)
        return plan


@dataclass(frozen=True)
class _Params:
    """The parameters of a selection on one day: their values, as the engine reads them, as the evidence shows them."""

    values: Mapping[str, ParamValue | None]  # by name; None: no value on the day
    flat: Mapping[str, int]  # by fact key (``param_key``): a ratio as its numerator and denominator
    shown: Mapping[str, str]  # ``p.name`` -> the value as text


@dataclass(frozen=True)
class _Plan:
    """The rules of a selection on one span of dates, for one level of post and one kind of case."""

    in_force: frozenset[str]
    restated: dict[str, tuple[str, str]]  # not applicable, and why (zh, en): another kind of case (e.g. an
    # appointee's rule and a removal), else a level of post outside its texts' scope
    asked: tuple[CompiledRule, ...]  # the rules in force the engine is asked about (the others are restated)
    reads: frozenset[str]  # every key their conditions read
    needs: frozenset[str]  # every fact they read or show: the only ones derived


_SELECTIONS: dict[tuple[int, int], tuple[Profile, Registry, _Selection]] = {}


def _selection(prof: Profile, registry: Registry) -> _Selection:
    """The profile's selection of the registry's rules (built once per profile and registry, then shared)."""
    key = (id(prof), id(registry))
    known = _SELECTIONS.get(key)
    if known is not None and known[0] is prof and known[1] is registry:
        return known[2]
    rules = tuple(r for r in registry.rules if prof.selects(r))
    params = tuple(sorted({p for r in rules for p in r.params}))
    days = {r.effective_from for r in rules} | {
        r.effective_to + timedelta(days=1) for r in rules if r.effective_to is not None and r.effective_to < date.max
    }
    selection = _Selection(
        rules=tuple(_rule_info(registry, r, prof.binding(r)) for r in rules),
        params=params,
        ratios=frozenset(p for p in params if registry.library.param_type(p) == "ratio"),
        bounds=sorted(days),
    )
    if len(_SELECTIONS) >= 64:  # profiles built on the fly (e.g. one per call): keep the cache bounded
        _SELECTIONS.clear()
    _SELECTIONS[key] = (prof, registry, selection)
    return selection


def _rule_info(registry: Registry, rule: CompiledRule, binding: bool) -> _RuleInfo:
    spec = rule.spec
    return _RuleInfo(
        rule=rule,
        id=rule.id,
        applies=rule.applies_prepared,
        violated=rule.violated_prepared,
        applies_key=applies_key(rule.id),
        violated_key=violated_key(rule.id),
        severity=spec.severity if binding else "advice",
        title=(spec.title.zh, spec.title.en),
        source_level=rule.source_level.value,
        stage=rule.stage,
        stage_value=rule.stage.value,
        evidence_params=tuple(f"p.{p}" for p in rule.params),
        satisfied=(f"符合：{spec.title.zh}", f"satisfied: {spec.title.en}"),
        spans=_spans_of(registry, rule),
    )


class _Texts(Mapping[str, str]):
    """Every fact and parameter value as text (``name`` / ``p.name``), for message templates, made on demand."""

    def __init__(self, flat: Mapping[str, int | str | bool], params: Mapping[str, ParamValue | None]) -> None:
        self._flat = flat
        self._params = params

    def __getitem__(self, key: str) -> str:
        if key.startswith("p."):
            value = self._params.get(key[2:])
            if value is None:
                raise KeyError(key)
            return str(value)
        return str(self._flat[key])

    def __iter__(self) -> Iterator[str]:
        yield from self._flat
        yield from (f"p.{k}" for k, v in self._params.items() if v is not None)

    def __len__(self) -> int:
        return len(self._flat) + sum(1 for v in self._params.values() if v is not None)


@dataclass(frozen=True)
class _CaseState:
    """What every finding of one evaluation reads: the engine's answer and the facts it was given."""

    fired: set[str]
    flat: Mapping[str, int | str | bool]
    absent: frozenset[str]  # keys read by the rules asked about that are unknown (absent from ``flat``)
    missing: Mapping[str, tuple[str, ...]]  # the record fields behind each unknown fact
    shown: Mapping[str, str]  # parameter values as the evidence shows them (``p.name``)
    waivers: Mapping[str, Waiver]


def _evaluate(
    record: Case,
    when: date,
    prof: Profile,
    registry: Registry,
    eng: Engine,
    calendar: WorkingDayCalendar | None,
    reached: Stage | None,
) -> list[Finding]:
    """The findings for a case whose dates are days (called once per reading of its month-precision dates).

    Evaluate once: the engine decides every rule whose keys are all known; the three-valued pass runs only for
    a rule that reads an unknown key (its value may still be decided, e.g. ``a and b`` with ``a`` false).
    """
    selection = _selection(prof, registry)
    tier = record.post.tier.value
    plan = selection.plan(when, tier, record.kind)
    facts = derive(record, when, calendar or DEFAULT_CALENDAR, registry.library, needed=plan.needs)
    facts.put(
        "exceptional_breaks_tenure",
        any(
            w.basis is WaiverBasis.EXCEPTIONAL_PROMOTION
            and registry.by_id[w.rule_id].spec.breakable_by_exceptional == "tenure"
            for w in record.waivers
        ),
    )
    params = selection.params_on(when, prof, registry)
    flat: dict[str, int | str | bool] = dict(facts.values)
    flat.update(params.flat)
    state = _CaseState(
        fired=eng.fired(plan.asked, flat),
        flat=flat,
        absent=frozenset() if _FORCE_THREE_VALUED else plan.reads.difference(flat),
        missing=facts.missing,
        shown=params.shown,
        waivers={w.rule_id: w for w in record.waivers},
    )
    ctx = _Context(registry, when, _Texts(flat, params.values))
    findings = []
    for info in selection.rules:
        if info.id not in plan.in_force:
            findings.append(_shared_finding(info, "not_applicable", _not_in_force_message(info.rule, when), ctx))
            continue
        restated = plan.restated.get(info.id)  # another kind of case, or a level of post the texts do not govern
        if restated is not None:  # the message says why; no facts are shown
            findings.append(_shared_finding(info, "not_applicable", restated, ctx))
            continue
        findings.append(_finding(info, state, ctx, reached))
    return findings


def _other_kind(rule: CompiledRule, kind: AppointmentKind) -> tuple[str, str]:
    """Why a rule that does not check cases of ``kind`` (an appointee's rule and a removal) is not applicable."""
    kinds = rule.spec.case_kinds()
    if kind is AppointmentKind.REMOVAL:
        zh = "该规则检查任职（提任、平级调整、交流等），不适用于免职案件"
    elif AppointmentKind.REMOVAL in kinds:
        zh = "该规则检查免职，不适用于任职案件"
    else:
        zh = "该规则不适用于本案的任用类型"
    return zh, f"the rule checks cases of kind {', '.join(kinds)}, not {kind.value}"


def _not_governed(rule: CompiledRule, tier: str) -> tuple[str, str]:
    """Why a rule whose texts do not govern posts of the case's level (the 条例 and a 股级 post) is not applicable."""
    levels = "、".join(TIER_ZH.get(t, t) for t in rule.governed_tiers or ())
    return (
        f"所依据的规定适用于{levels}职位，不适用于{TIER_ZH.get(tier, tier)}职位",
        f"the texts it encodes govern posts of the levels {', '.join(rule.governed_tiers or ())}, not {tier}",
    )


def _not_yet_due(due: Stage, reached: Stage) -> tuple[str, str]:
    """Why a rule that applies to the case but checks a step (``due``) after the one reached is not yet due."""
    return (
        f"该规则检查“{due.zh}”环节，案卷处于“{reached.zh}”环节，尚未到期",
        f"checks the {due.value} step; the dossier is at the {reached.value} step: not yet due",
    )


def _nothing_in_force(when: date) -> dict[str, str]:
    return {
        "zh": (
            f"{when} 时施行的《党政领导干部选拔任用工作条例》版本未收录（本库收录2014年版和2019年版），"
            "该日期的行为无法完整判断，结论不能视为合规"
        ),
        "en": (
            f"the version of the selection regulations in force on {when} is not encoded here (the 2014 and 2019 "
            "versions are): the act cannot be checked in full and is not reported compliant"
        ),
    }


def _check_waivers(case: Case, registry: Registry) -> None:
    problems = []
    for i, waiver in enumerate(case.waivers):
        rule = registry.by_id.get(waiver.rule_id)
        if rule is None:
            shown = clip(repr(waiver.rule_id), 120)  # the longest rule id is 77 characters; the input's may be any
            problems.append(Problem(f"waivers[{i}].rule_id", f"unknown rule {shown}", "未知规则"))
        elif waiver.basis is WaiverBasis.EXCEPTIONAL_PROMOTION:
            if case.procedure.exceptional_promotion is None:
                problems.append(
                    Problem(
                        f"waivers[{i}].basis",
                        "an exceptional-promotion waiver needs procedure.exceptional_promotion (破格 declared)",
                        "以破格为由突破资格，须在 procedure.exceptional_promotion 中载明破格提拔",
                    )
                )
            elif rule.spec.breakable_by_exceptional is None and not rule.spec.waivable:
                problems.append(
                    Problem(
                        f"waivers[{i}].rule_id",
                        f"rule {waiver.rule_id} protects a requirement that an exceptional promotion may not break "
                        "(第十条, number unverified, possibly 第九条第四款: 基本条件, 身体条件, 法律资格和党龄)",
                        "破格提拔不得突破该项要求（第十条，条号未经核实，或为第九条第四款：基本条件和第八条第一款第六项、第七项）",
                    )
                )
        elif not rule.spec.waivable:
            problems.append(
                Problem(
                    f"waivers[{i}].rule_id",
                    f"rule {waiver.rule_id} states a strict requirement and cannot be waived",
                    "该规则为刚性要求（非“一般应当”），不能例外",
                )
            )
    if problems:
        raise CaseError(problems)


def _missing_paths(keys: set[str], missing: Mapping[str, tuple[str, ...]]) -> list[str]:
    """Field paths behind unknown keys; a parameter with no value on the date shows as ``p.<name>``."""
    return sorted({path for k in keys for path in missing.get(k, (_shown_key(k),))})


def _shown_key(key: str) -> str:
    name = param_of_key(key)
    return key if name is None else f"p.{name}"


def _unknown(prepared: Prepared, state: _CaseState) -> set[str] | None:
    """The three-valued pass, run only when the condition reads a key absent from the fact (else it is decided)."""
    if _FORCE_THREE_VALUED:  # the reference pass, for every rule
        return unknown_keys(prepared.core, state.flat)
    if prepared.keys.isdisjoint(state.absent):
        return None
    return prepared.unknown(state.flat)


def _finding(info: _RuleInfo, state: _CaseState, ctx: _Context, reached: Stage | None) -> Finding:
    """The finding of a rule in force that the engine was asked about: its status from the engine's answer, or
    from the three-valued pass for a condition that reads an unknown key; ``not_yet_due`` when it applies but checks
    a step after the one ``reached``."""
    rule = info.rule
    status: Status
    lacking: list[str] = []
    waiver: Waiver | None = None
    unknown_applies = _unknown(info.applies, state) if info.applies is not None else None
    if unknown_applies is not None:
        status, lacking = "indeterminate", _missing_paths(unknown_applies, state.missing)
    elif info.applies is not None and info.applies_key not in state.fired:
        status = "not_applicable"
    else:
        unknown_violated = _unknown(info.violated, state)
        if unknown_violated is not None:
            status, lacking = "indeterminate", _missing_paths(unknown_violated, state.missing)
        elif info.violated_key in state.fired:
            status = "violated"
            waiver = state.waivers.get(info.id)
            if waiver is not None:
                status = "satisfied"
        else:
            status = "satisfied"
    if reached is not None and status != "not_applicable" and info.stage.rank > reached.rank:
        return _shared_finding(info, "not_yet_due", _not_yet_due(info.stage, reached), ctx)
    if status == "not_applicable":
        return _shared_finding(info, status, _NOT_APPLICABLE, ctx)
    if status == "satisfied" and waiver is None:  # the common case, its words made once per rule
        message = {"zh": info.satisfied[0], "en": info.satisfied[1]}
    else:
        message = _message(rule, status, ctx.texts, lacking, waiver)
    flat, shown = state.flat, state.shown
    evidence: dict[str, Any] = {f: flat[f] for f in rule.facts if f in flat}
    for key in info.evidence_params:
        if key in shown:
            evidence[key] = shown[key]
    return _finding_of(info, status, message, ctx, evidence, lacking, waiver.reason if waiver is not None else None)


def _finding_of(
    info: _RuleInfo,
    status: Status,
    message: dict[str, str],
    ctx: _Context,
    evidence: dict[str, Any] | None = None,
    missing: list[str] | None = None,
    waiver: str | None = None,
) -> Finding:
    """A finding of ``info``'s rule (no evidence and nothing missing unless given)."""
    return Finding(
        rule_id=info.id,
        status=status,
        severity=info.severity,
        title={"zh": info.title[0], "en": info.title[1]},
        message=message,
        source_level=info.source_level,
        citations=_cited(info, ctx),
        evidence={} if evidence is None else evidence,
        missing=[] if missing is None else missing,
        waiver=waiver,
        stage=info.stage_value,
    )


def _cited(info: _RuleInfo, ctx: _Context) -> list[Citation]:
    """:func:`citations_on` through the rule's spans held by its info (no lookup by registry and rule id)."""
    shown = info.spans.shown.get(bisect.bisect_right(info.spans.bounds, ctx.as_of))
    return list(shown) if shown is not None else citations_on(ctx.registry, info.rule, ctx.as_of)


def _not_in_force_message(rule: CompiledRule, when: date) -> tuple[str, str]:
    since, until = rule.effective_from.isoformat(), rule.effective_to
    if until is None:
        return f"该规则自 {since} 起适用，{when} 不适用", f"in force from {since}: not in force on {when}"
    return f"该规则适用于 {since} 至 {until}，{when} 不适用", f"in force {since} to {until}: not in force on {when}"


def citations_on(registry: Registry, rule: CompiledRule, when: date) -> list[Citation]:
    """The citations of ``rule`` whose instrument is in force on ``when``, with a note on later revisions.

    A rule citing the 2014 and the 2019 条例 shows the 2014 article for a 2017 act and the 2019 one for a 2020 act.
    When none is in force (the rule itself is not), its normative citations are shown.  Computed once per rule and
    span of dates over which the answer cannot change (between the cited instruments' start, end and revision
    dates), then shared.
    """
    spans = _spans_of(registry, rule)
    span = bisect.bisect_right(spans.bounds, when)
    shown = spans.shown.get(span)
    if shown is None:
        shown = spans.shown[span] = tuple(_citations_at(registry, rule, when))
    return list(shown)


@dataclass(frozen=True)
class _CitationSpans:
    bounds: list[date]  # the first days on which the citations shown may change
    shown: dict[int, tuple[Citation, ...]] = field(default_factory=dict)  # by span (index into ``bounds``)


_CITATION_SPANS: dict[tuple[int, str], _CitationSpans] = {}


def _spans_of(registry: Registry, rule: CompiledRule) -> _CitationSpans:
    """The spans of dates of ``rule``'s citations (made once per registry and rule, then shared)."""
    key = (id(registry), rule.id)
    spans = _CITATION_SPANS.get(key)
    if spans is None:
        spans = _CITATION_SPANS[key] = _CitationSpans(_citation_bounds(registry, rule))
    return spans


def _citation_bounds(registry: Registry, rule: CompiledRule) -> list[date]:
    """The days a cited instrument comes into force, the days after one ceases, and its revision dates."""
    library = registry.library
    days: set[date] = set()
    for c in citations_of(registry, rule):
        start, end = library.window(c.instrument)
        days.add(start)
        if end is not None and end < date.max:
            days.add(end + timedelta(days=1))
        days.update(r.revised_on for r in library.instruments[c.instrument].meta.revisions)
    return sorted(days)


def _citations_at(registry: Registry, rule: CompiledRule, when: date) -> list[Citation]:
    """:func:`citations_on` computed afresh (the reference its spans are held to)."""
    library = registry.library
    every = citations_of(registry, rule)
    shown = [c for c in every if library.in_force(c.instrument, when)]
    if not shown:
        normative = {(c.instrument, c.article, c.paragraph, c.item) for c in rule.normative}
        shown = [c for c in every if (c.instrument, c.article, c.paragraph, c.item) in normative]
    out = []
    for c in shown:
        revisions = library.revisions_after(c.instrument, when)
        out.append(replace(c, version_note=revisions[-1].note.zh) if revisions else c)
    return out


_CITATIONS: dict[tuple[int, str], tuple[Citation, ...]] = {}


def citations_of(registry: Registry, rule: CompiledRule) -> tuple[Citation, ...]:
    """The resolved citations of a rule (resolved once per registry and rule)."""
    key = (id(registry), rule.id)
    if key not in _CITATIONS:
        resolved = []
        for c in rule.spec.citations:
            r = registry.library.resolve(c.ref())
            resolved.append(
                Citation(
                    instrument=c.instrument,
                    title=r.instrument_title,
                    article=c.article,
                    paragraph=c.paragraph,
                    item=c.item,
                    label=r.label,
                    location=r.location_zh(),
                    text=r.text,
                    confidence=r.confidence.value,
                    number_confidence=r.number_confidence.value,
                    text_confidence=r.text_confidence.value,
                )
            )
        _CITATIONS[key] = tuple(resolved)
    return _CITATIONS[key]


class _ZhTexts(Mapping[str, str]):
    """Values for a Chinese message: a code by its Chinese name (``standing_committee`` 常委会), yes/no as 是/否."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self._texts = texts

    def __getitem__(self, key: str) -> str:
        value = self._texts[key]
        if value in ("True", "False"):
            return "是" if value == "True" else "否"
        return code_label_zh(value) or value

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)


def _message(
    rule: CompiledRule, status: Status, texts: Mapping[str, str], lacking: list[str], waiver: Waiver | None
) -> dict[str, str]:
    spec = rule.spec
    if status == "violated":
        return {"zh": fill(spec.message.zh, _ZhTexts(texts)), "en": fill(spec.message.en, texts)}
    if status == "indeterminate":
        fields = "、".join(lacking)
        return {"zh": f"缺少数据，无法判断：{fields}", "en": f"cannot decide: missing {', '.join(lacking)}"}
    if status == "not_applicable":
        return {"zh": _NOT_APPLICABLE[0], "en": _NOT_APPLICABLE[1]}
    if waiver is not None and waiver.basis is WaiverBasis.EXCEPTIONAL_PROMOTION:
        return {
            "zh": f"破格提拔突破该项资格（第九条），须事先向上级组织（人事）部门报告：{waiver.reason}",
            "en": f"broken by an exceptional promotion (第九条), to be reported upward beforehand: {waiver.reason}",
        }
    if waiver is not None:
        return {
            "zh": f"属“一般应当”的要求，已按例外处理：{waiver.reason}",
            "en": f"a default requirement (一般应当) waived with a documented reason: {waiver.reason}",
        }
    return {"zh": f"符合：{spec.title.zh}", "en": f"satisfied: {spec.title.en}"}


def fact_words() -> dict[str, str]:
    """Chinese descriptions of facts and parameters (``p.name``), for rendering conditions and evidence."""
    library = default_registry().library
    words = {name: spec.zh for name, spec in FACTS.items()}
    return words | {f"p.{name}": spec.title.zh for name, (_, spec) in library.params.items()}
