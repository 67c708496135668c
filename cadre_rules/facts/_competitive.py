"""Facts of competitive posts inside a unit (竞争上岗, seed 003) beyond the dated steps.

The records are ``procedure.competitive_post`` (plan, team decisions, scores, review, reserve list),
``procedure.publicity.summarised_on`` and ``procedure.appointment`` (任用方式, 聘任书).  As elsewhere, an absent
record is unknown unless the case declares its record complete (``procedure.record_complete``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from cadre_rules.facts._paths import at_path, put_held, put_path
from cadre_rules.records._case import Case, CompetitivePostStepRecord, TeamDecision
from cadre_rules.records._enums import CompetitivePostStep, TeamDecisionSubject

if TYPE_CHECKING:
    from cadre_rules.facts._derive import Facts

_RECORD = "procedure.competitive_post"
_STEPS = "procedure.competitive_post_steps"


def _step_span(case: Case, step: CompetitivePostStep) -> tuple[date | None, date | None, str] | None:
    """First start and last end of a step's records, with the path of an unknown start; None when absent."""
    records: list[CompetitivePostStepRecord] = case.procedure.competitive_post_steps or []
    found = [(i, r) for i, r in enumerate(records) if r.step is step]
    if not found:
        return None
    starts = [r.start for _, r in found]
    start = None if any(s is None for s in starts) else min(s for s in starts if s is not None)
    ends = [r.end for _, r in found if r.end is not None]
    return start, max(ends) if ends else None, f"{_STEPS}[{found[0][0]}].start"


def _put_step_date(case: Case, facts: Facts, name: str, step: CompetitivePostStep, *, end: bool) -> None:
    """A step's start (or its end, else its start) as a fact; missing when the list, step or date is absent."""
    if case.procedure.competitive_post_steps is None:
        facts.put(name, None, _STEPS)
        return
    span = _step_span(case, step)
    if span is None:
        facts.put(name, None, f"{_STEPS}[step={step.value}]")
        return
    start, last, miss = span
    value = (last or start) if end else start
    facts.put(name, value, miss)


def _decided(
    case: Case,
    facts: Facts,
    name: str,
    subject: TeamDecisionSubject,
    after: _Bound,
    before: _Bound,
) -> None:
    """A team decision on ``subject`` dated within [after, before].

    Each bound is the range of dates it may be (:data:`_Bound`): a step whose end is not recorded ends on or after
    its start, so a decision inside the range that is certain decides True, none inside the range that is possible
    decides False, and otherwise the fact is unknown for want of the step's end (missing is not false).
    """
    record = case.procedure.competitive_post
    decisions: list[TeamDecision] | None = record.team_decisions if record is not None else None
    if decisions is None:
        if case.procedure.record_complete:
            decisions = []
        else:
            facts.put(name, None, f"{_RECORD}.team_decisions" if record is not None else _RECORD)
            return
    dates = [d.date for d in decisions if d.subject is subject]
    (after_early, after_late, after_miss), (before_early, before_late, before_miss) = after, before
    if any(after_late <= d <= before_early for d in dates):
        facts.put(name, True)
    elif not any(after_early <= d <= before_late for d in dates):
        facts.put(name, False)
    else:
        facts.put(name, None, *[m for m in (after_miss, before_miss) if m])


_Bound = tuple[date, date, str | None]
"""The dates a bound may be (earliest, latest) and the path that would fix it (None when it is fixed)."""

_OPEN: _Bound = (date.min, date.min, None)
"""No lower bound: any date is after it."""


def _bound(case: Case, step: CompetitivePostStep, *, end: bool) -> tuple[_Bound | None, str | None]:
    """A step's start, or its end (on or after its start when not recorded), and the path that leaves it unknown.

    ``None`` (with the path) when the step or its start is not recorded.
    """
    span = _step_span(case, step)
    if span is None:
        return None, f"{_STEPS}[step={step.value}]"
    start, last, miss = span
    if end and last is not None:
        return (last, last, None), None
    if start is None:
        return None, miss
    return ((start, date.max, _end_path(case, step)) if end else (start, start, None)), None


def _end_path(case: Case, step: CompetitivePostStep) -> str:
    records = case.procedure.competitive_post_steps or []
    k = next(i for i, r in enumerate(records) if r.step is step)
    return f"{_STEPS}[{k}].end"


def competitive_post_facts(case: Case, facts: Facts) -> None:
    """Compute the seed-003 facts of the catalogue (``cp_*`` beyond the step facts, engagement, summary)."""
    put_path(case, facts, "appointment_system", "procedure.appointment.appointment_system")
    put_path(case, facts, "engagement_letters_by_unit_head", "procedure.appointment.engagement_letters_by_unit_head")
    put_held(case, facts, "publicity_summarised", "procedure.publicity.summarised_on")
    put_path(case, facts, "publicity_summarised_on", "procedure.publicity.summarised_on")
    _put_step_date(case, facts, "cp_launch_start", CompetitivePostStep.LAUNCH, end=False)
    _put_step_date(case, facts, "cp_final_approval_start", CompetitivePostStep.FINAL_APPROVAL, end=False)
    put_held(case, facts, "cp_operating_plan_made", f"{_RECORD}.operating_plan_on")
    put_path(case, facts, "cp_operating_plan_on", f"{_RECORD}.operating_plan_on")
    put_path(case, facts, "cp_staff_recommendation_held", f"{_RECORD}.staff_recommendation_held")
    put_path(case, facts, "cp_speech_on", f"{_RECORD}.speech_on")
    put_path(case, facts, "cp_democratic_evaluation_on", f"{_RECORD}.democratic_evaluation_on")
    put_path(case, facts, "cp_staff_count", f"{_RECORD}.staff_count")
    put_path(case, facts, "cp_scorer_count", f"{_RECORD}.scorer_count")
    put_held(case, facts, "cp_department_reviewed", f"{_RECORD}.department_review_on")
    put_path(case, facts, "cp_department_review_on", f"{_RECORD}.department_review_on")
    put_held(case, facts, "cp_reserve_list_fixed", f"{_RECORD}.reserve_list")
    put_path(case, facts, "cp_reserve_list_fixed_on", f"{_RECORD}.reserve_list.fixed_on")
    put_path(case, facts, "cp_reserve_list_publicised", f"{_RECORD}.reserve_list.publicised")
    put_path(case, facts, "cp_publicity_unit_wide", f"{_RECORD}.publicity_unit_wide")
    _scores(case, facts)
    _team_decisions(case, facts)


def _scores(case: Case, facts: Facts) -> None:
    competitors, miss = at_path(case, f"{_RECORD}.competitors")
    if competitors is None:
        for name in ("cp_competitors_unscored", "cp_inspection_candidates_without_results", "cp_inspection_candidates"):
            facts.put(name, None, miss)
        return
    # A result not recorded is unknown (missing is not false) unless the record is complete: then it was not given.
    complete = case.procedure.record_complete
    base = f"{_RECORD}.competitors"
    unscored = [f"{base}[{k}].assessment_score" for k, c in enumerate(competitors) if c.assessment_score is None]
    if complete or not unscored:
        facts.put("cp_competitors_unscored", len(unscored))
    else:
        facts.put("cp_competitors_unscored", None, *unscored)
    chosen = [(k, c) for k, c in enumerate(competitors) if c.inspection_candidate]
    lacking = [
        f"{base}[{k}].{field}"
        for k, c in chosen
        for field in ("assessment_score", "evaluation_score")
        if getattr(c, field) is None
    ]
    without = sum(1 for _, c in chosen if c.assessment_score is None or c.evaluation_score is None)
    if complete or not lacking:
        facts.put("cp_inspection_candidates_without_results", without)
    else:
        facts.put("cp_inspection_candidates_without_results", None, *lacking)
    facts.put("cp_inspection_candidates", len(chosen))


def _team_decisions(case: Case, facts: Facts) -> None:
    steps = case.procedure.competitive_post_steps
    # 群众推荐 only after the team decided it (on or before the day it started)
    start, miss = at_path(case, f"{_RECORD}.staff_recommendation_on")
    if start is None:
        facts.put("cp_staff_recommendation_decided", None, miss)
    else:
        bound: _Bound = (start, start, None)
        _decided(case, facts, "cp_staff_recommendation_decided", TeamDecisionSubject.STAFF_RECOMMENDATION, _OPEN, bound)
    # the list of competitors: decided within the qualification review
    review_start, miss_start = _bound(case, CompetitivePostStep.QUALIFICATION_REVIEW, end=False)
    review_end, miss_end = _bound(case, CompetitivePostStep.QUALIFICATION_REVIEW, end=True)
    if steps is None or review_start is None or review_end is None:
        facts.put("cp_qualification_decided", None, *[m for m in (miss_start, miss_end) if m] or [_STEPS])
    else:
        _decided(case, facts, "cp_qualification_decided", TeamDecisionSubject.QUALIFICATION, review_start, review_end)
    # the publicity period: set by the team on or before the day the publicity starts
    publicity_start, miss_publicity = _bound(case, CompetitivePostStep.PUBLICITY, end=False)
    if steps is None or publicity_start is None:
        facts.put("cp_publicity_period_decided", None, miss_publicity or _STEPS)
    else:
        subject = TeamDecisionSubject.PUBLICITY_PERIOD
        _decided(case, facts, "cp_publicity_period_decided", subject, _OPEN, publicity_start)
    # the inspection candidates: decided after the speeches and evaluation, before the inspection starts
    results, miss_results = _bound(case, CompetitivePostStep.SPEECH_EVALUATION, end=True)
    inspection, miss_inspection = _bound(case, CompetitivePostStep.INSPECTION, end=False)
    if steps is None or results is None or inspection is None:
        missing = [m for m in (miss_results, miss_inspection) if m] or [_STEPS]
        facts.put("cp_inspection_candidates_decided", None, *missing)
    else:
        subject = TeamDecisionSubject.INSPECTION_CANDIDATES
        _decided(case, facts, "cp_inspection_candidates_decided", subject, results, inspection)
