"""Facts of seed 002 篇3–篇5: team analysis, term-change discipline, departure check, complaint log, audit
findings, the rectification freeze, filing, fixed terms, the latest 考核测评, and the term-change record of
the team (seed 002 第四篇 and seed 004: the special 民主生活会, the discipline talk, the 职数).

As in :mod:`cadre_rules.facts._procedure`, a step record that is absent is unknown unless the case says its record
is complete (``procedure.record_complete``): then an absent step did not take place, and an absent list is empty.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cadre_rules.facts._candidate import current_level
from cadre_rules.facts._paths import at_path, put_held, put_path
from cadre_rules.records._case import Case, TermChangeReport
from cadre_rules.records._enums import MotionGround, Role, Tier

if TYPE_CHECKING:
    from cadre_rules.facts._derive import Facts

_SECRETARY_TIERS = frozenset({Tier.COUNTY_DIVISION, Tier.DEPARTMENT_BUREAU})  # 县委书记 (县处级), 市委书记 (厅局级)


def seed002_facts(case: Case, facts: Facts) -> None:
    """Compute the facts of the ``# seed 002 篇3–篇5`` block of the catalogue."""
    grounds, miss = at_path(case, "procedure.motion.grounds")
    facts.put("motion_ground_vacancy", None if grounds is None else MotionGround.VACANCY in grounds, miss)
    put_held(case, facts, "team_analysis_held", "procedure.motion.team_analysis_on")
    put_path(case, facts, "team_analysis_date", "procedure.motion.team_analysis_on")
    put_path(case, facts, "inspection_professional_competence", "procedure.inspection.professional_competence_assessed")
    put_path(case, facts, "recommendation_meeting_held", "procedure.recommendation.meeting_held")
    put_path(
        case, facts, "recommendation_discipline_questionnaire", "procedure.recommendation.discipline_questionnaire"
    )
    put_held(case, facts, "candidate_publicity_held", "procedure.inspection.candidate_publicity_on")
    put_path(
        case,
        facts,
        "candidate_publicity_invites_discipline_reports",
        "procedure.inspection.candidate_publicity_invites_discipline_reports",
    )
    put_path(case, facts, "term_change_discipline_examined", "procedure.inspection.term_change_discipline_examined")
    put_path(case, facts, "inspection_procuratorate_opinion", "procedure.inspection.procuratorate_opinion_obtained")
    _departure_check(case, facts)
    _reports(case, facts)
    put_path(case, facts, "office_buying_found", "candidate.office_buying_found")
    if facts.values.get("audit_done") is False:  # no audit, no findings
        facts.put("audit_problems_found", False)
    else:
        put_path(case, facts, "audit_problems_found", "procedure.inspection.economic_audit.problems_found")
    put_path(case, facts, "audit_problems_addressed", "procedure.inspection.economic_audit.problems_addressed")
    _rectification(case, facts)
    put_held(case, facts, "filed_held", "procedure.appointment.filed_on")
    put_path(case, facts, "filed_on", "procedure.appointment.filed_on")
    put_path(case, facts, "fixed_term", "procedure.appointment.fixed_term")
    _evaluation(case, facts)
    _term_change_record(case, facts)


def _evaluation(case: Case, facts: Facts) -> None:
    """The latest 考核测评 held by the as-of date: its date and its 优秀+称职 and total votes."""
    listed = case.candidate.evaluations
    if listed is None:
        for name in ("evaluation_held", "evaluation_date", "evaluation_fit_votes", "evaluation_votes"):
            facts.put(name, None, "candidate.evaluations")
        return
    held = [e for e in listed if e.date <= facts.as_of]
    facts.put("evaluation_held", bool(held))
    if not held:
        for name in ("evaluation_date", "evaluation_fit_votes", "evaluation_votes"):
            facts.put(name, None, "candidate.evaluations")
        return
    latest = max(held, key=lambda e: e.date)
    facts.put("evaluation_date", latest.date)
    facts.put("evaluation_fit_votes", latest.fit_votes())
    facts.put("evaluation_votes", latest.votes())


_TERM_CHANGE = "procedure.term_change_record"


def _term_change_record(case: Case, facts: Facts) -> None:
    """The team's term-change record: the special 民主生活会, the candidate's discipline talk, the 职数."""
    put_held(case, facts, "term_change_life_meeting_held", f"{_TERM_CHANGE}.discipline_life_meeting_on")
    put_path(case, facts, "term_change_life_meeting_on", f"{_TERM_CHANGE}.discipline_life_meeting_on")
    put_held(case, facts, "term_change_discipline_talk_held", f"{_TERM_CHANGE}.discipline_talk_on")
    put_path(case, facts, "term_change_discipline_talk_on", f"{_TERM_CHANGE}.discipline_talk_on")
    put_path(case, facts, "term_change_approved_posts", f"{_TERM_CHANGE}.approved_posts")
    put_path(case, facts, "term_change_planned_posts", f"{_TERM_CHANGE}.planned_posts")
    level = current_level(case)
    role = level[1] if level is not None else None
    reserve = case.candidate.reserve_cadre
    if role is Role.PRINCIPAL or reserve:
        facts.put("candidate_principal_or_reserve", True)
    elif role is not None and reserve is not None:
        facts.put("candidate_principal_or_reserve", False)
    else:
        missing = [p for p, v in (("candidate.current_role", role), ("candidate.reserve_cadre", reserve)) if v is None]
        facts.put("candidate_principal_or_reserve", None, *missing)


def _departure_check(case: Case, facts: Facts) -> None:
    """Due when the candidate leaves a 市、县党委书记 post: only a 县处级/厅局级 principal can hold one."""
    cand = case.candidate
    if cand.current_role is Role.DEPUTY or (
        cand.current_tier is not None and cand.current_tier not in _SECRETARY_TIERS
    ):
        facts.put("departure_check_due", False)
    else:
        put_path(case, facts, "departure_check_due", "candidate.current_post_city_county_secretary")
    put_held(case, facts, "departure_check_held", "procedure.inspection.departure_check_on")
    put_path(case, facts, "departure_check_date", "procedure.inspection.departure_check_on")


def _days_open(report: TermChangeReport, facts: Facts) -> int:
    """Days from receipt to closure; an open report counts to the as-of date (never negative)."""
    end = report.closed_on if report.closed_on is not None else facts.as_of
    return max((end - report.received_on).days, 0)


def _reports(case: Case, facts: Facts) -> None:
    reports = case.procedure.term_change_reports
    if reports is None and not case.procedure.record_complete:
        for name in ("term_change_report_longest_days", "village_term_change_report_longest_days"):
            facts.put(name, None, "procedure.term_change_reports")
        return
    for name, village in (
        ("term_change_report_longest_days", False),
        ("village_term_change_report_longest_days", True),
    ):
        days = [_days_open(r, facts) for r in reports or [] if r.village_committee is village]
        facts.put(name, max(days, default=0))


def _rectification(case: Case, facts: Facts) -> None:
    """A decision on or after a rectification was ordered and before its acceptance falls in the freeze."""
    items, miss = at_path(case, "procedure.unit_situation.rectifications")
    decided, miss_date = at_path(case, "procedure.meeting.date")
    if items is None:
        facts.put("decided_during_rectification", None, miss)
    elif not items:
        facts.put("decided_during_rectification", False)
    elif decided is None:
        facts.put("decided_during_rectification", None, miss_date)
    else:
        facts.put(
            "decided_during_rectification",
            any(r.ordered_on <= decided and (r.accepted_on is None or decided < r.accepted_on) for r in items),
        )
