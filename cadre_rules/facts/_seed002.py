"""Facts of seed 002 篇3–篇5: team analysis, term-change discipline, departure check, complaint log, audit
findings, the rectification freeze, filing, fixed terms and the latest 考核测评.

As in :mod:`cadre_rules.facts._procedure`, a step record that is absent is unknown unless the case says its record
is complete (``procedure.record_complete``): then an absent step did not take place, and an absent list is empty.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cadre_rules.facts._paths import at_path, put_held
from cadre_rules.records._case import Case, TermChangeReport
from cadre_rules.records._enums import MotionGround, Role, Tier

if TYPE_CHECKING:
    from cadre_rules.facts._derive import Facts

_SECRETARY_TIERS = frozenset({Tier.COUNTY_DIVISION, Tier.DEPARTMENT_BUREAU})  # 县委书记 (县处级), 市委书记 (厅局级)


def _put(case: Case, facts: Facts, name: str, path: str) -> None:
    value, miss = at_path(case, path)
    facts.put(name, value, miss)


def seed002_facts(case: Case, facts: Facts) -> None:
    """Compute the facts of the ``# seed 002 篇3–篇5`` block of the catalogue."""
    grounds, miss = at_path(case, "procedure.motion.grounds")
    facts.put("motion_ground_vacancy", None if grounds is None else MotionGround.VACANCY in grounds, miss)
    put_held(case, facts, "team_analysis_held", "procedure.motion.team_analysis_on")
    _put(case, facts, "team_analysis_date", "procedure.motion.team_analysis_on")
    _put(case, facts, "inspection_professional_competence", "procedure.inspection.professional_competence_assessed")
    _put(case, facts, "recommendation_meeting_held", "procedure.recommendation.meeting_held")
    _put(case, facts, "recommendation_discipline_questionnaire", "procedure.recommendation.discipline_questionnaire")
    put_held(case, facts, "candidate_publicity_held", "procedure.inspection.candidate_publicity_on")
    _put(
        case,
        facts,
        "candidate_publicity_invites_discipline_reports",
        "procedure.inspection.candidate_publicity_invites_discipline_reports",
    )
    _put(case, facts, "term_change_discipline_examined", "procedure.inspection.term_change_discipline_examined")
    _put(case, facts, "inspection_procuratorate_opinion", "procedure.inspection.procuratorate_opinion_obtained")
    _departure_check(case, facts)
    _reports(case, facts)
    _put(case, facts, "office_buying_found", "candidate.office_buying_found")
    if facts.values.get("audit_done") is False:  # no audit, no findings
        facts.put("audit_problems_found", False)
    else:
        _put(case, facts, "audit_problems_found", "procedure.inspection.economic_audit.problems_found")
    _put(case, facts, "audit_problems_addressed", "procedure.inspection.economic_audit.problems_addressed")
    _rectification(case, facts)
    put_held(case, facts, "filed_held", "procedure.appointment.filed_on")
    _put(case, facts, "filed_on", "procedure.appointment.filed_on")
    _put(case, facts, "fixed_term", "procedure.appointment.fixed_term")
    _evaluation(case, facts)


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


def _departure_check(case: Case, facts: Facts) -> None:
    """Due when the candidate leaves a 市、县党委书记 post: only a 县处级/厅局级 principal can hold one."""
    cand = case.candidate
    if cand.current_role is Role.DEPUTY or (
        cand.current_tier is not None and cand.current_tier not in _SECRETARY_TIERS
    ):
        facts.put("departure_check_due", False)
    else:
        _put(case, facts, "departure_check_due", "candidate.current_post_city_county_secretary")
    put_held(case, facts, "departure_check_held", "procedure.inspection.departure_check_on")
    _put(case, facts, "departure_check_date", "procedure.inspection.departure_check_on")


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
