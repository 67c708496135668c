"""Derivation of the facts rules compare, computed once per case and shared by every rule and engine."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from dateutil.relativedelta import relativedelta

from cadre_rules._errors import CalendarError, CaseError, Problem
from cadre_rules.facts._calendar import DEFAULT_CALENDAR, WorkingDayCalendar
from cadre_rules.facts._candidate import candidate_facts, current_level, level_of
from cadre_rules.facts._catalogue import FACTS
from cadre_rules.facts._competitive import competitive_post_facts
from cadre_rules.facts._dates import completed_years, spans_until, total_months
from cadre_rules.facts._kinship import is_child, is_spouse
from cadre_rules.facts._paths import at_path
from cadre_rules.facts._procedure import procedure_facts
from cadre_rules.facts._seed002 import seed002_facts
from cadre_rules.facts._tenure import tenure_facts
from cadre_rules.instruments import Library, default_library
from cadre_rules.records._case import Assessment, Case
from cadre_rules.records._enums import AppointmentKind, MotionGround, Role, Tier

Scalar = int | str | bool


@dataclass
class Facts:
    """Known fact values, and for each unknown fact the record fields whose absence made it unknown."""

    as_of: date
    values: dict[str, Scalar] = field(default_factory=dict)
    missing: dict[str, tuple[str, ...]] = field(default_factory=dict)

    group: str | None = None  # the group being derived: it may put only the facts it declares (GROUPS)
    declared: frozenset[str] | None = None  # the facts of ``group``

    def put(self, name: str, value: Scalar | date | None, *missing: str) -> None:
        """Record a fact; ``None`` records it as missing because of ``missing`` fields."""
        if name not in FACTS:
            raise KeyError(f"fact {name!r} is not in the catalogue")
        if self.declared is not None and name not in self.declared:
            raise KeyError(f"fact {name!r} is derived by group {self.group!r}, which does not declare it (GROUPS)")
        if value is None:
            self.missing[name] = missing
        else:
            self.values[name] = value.isoformat() if isinstance(value, date) else value


def default_as_of(case: Case) -> date:
    """The date a case is judged by: its ``as_of``, else the meeting date, else (a dossier not yet discussed)
    the date of its latest step so far (inspection, recommendation, motion); error when none is known."""
    if case.as_of is not None:
        return case.as_of
    proc = case.procedure
    if proc.meeting is not None and proc.meeting.date is not None:
        return proc.meeting.date
    so_far = [
        d
        for d in (
            proc.inspection and (proc.inspection.end or proc.inspection.start),
            proc.recommendation and proc.recommendation.date,
            proc.motion and proc.motion.date,
        )
        if d
    ]
    if so_far:
        return max(so_far)
    raise CaseError(
        [
            Problem(
                "as_of",
                "no as-of date: give as_of or procedure.meeting.date (the rules in force on that date apply)",
                "缺少判断日期：请填写 as_of 或 procedure.meeting.date（按该日有效的规定判断）",
            )
        ]
    )


def derive(
    case: Case,
    as_of: date,
    calendar: WorkingDayCalendar = DEFAULT_CALENDAR,
    library: Library | None = None,
    needed: Collection[str] | None = None,
) -> Facts:
    """Compute the catalogued facts for ``case`` as of ``as_of`` (parameters read from ``library``).

    With ``needed`` (the facts the selected rules read and show), only the groups of :data:`GROUPS` that derive
    one of them run (and the groups they read); the others' facts are neither known nor missing.  Without it,
    every fact is derived.
    """
    facts = Facts(as_of=as_of)
    inputs = _Inputs(calendar, library or default_library())
    for group in GROUPS if needed is None else groups_for(needed):
        facts.group, facts.declared = group.name, GROUP_FACTS[group.name]
        try:
            group.run(case, facts, inputs)
        finally:
            facts.group, facts.declared = None, None
    return facts


@dataclass(frozen=True)
class _Inputs:
    """What a group of facts may read besides the case: the working-day calendar and the regulation library."""

    calendar: WorkingDayCalendar
    library: Library


@dataclass(frozen=True)
class Group:
    """Facts derived together by one function, and the groups whose facts it reads."""

    name: str
    run: Callable[[Case, Facts, _Inputs], None]
    reads: tuple[str, ...] = ()


GROUPS: tuple[Group, ...] = (
    Group("case", lambda case, facts, _: _case_facts(case, facts)),
    Group("eligibility", lambda case, facts, _: _eligibility_facts(case, facts)),
    Group("candidate", lambda case, facts, inputs: candidate_facts(case, facts, inputs.library)),
    Group("motion", lambda case, facts, _: _motion_facts(case, facts)),
    Group("meeting", lambda case, facts, _: _meeting_facts(case, facts)),
    Group("publicity", lambda case, facts, inputs: _publicity_facts(case, facts, inputs.calendar)),
    Group("audit", lambda case, facts, _: _audit_facts(case, facts)),
    Group("procedure", lambda case, facts, _: procedure_facts(case, facts)),
    Group("competitive_post", lambda case, facts, _: competitive_post_facts(case, facts)),
    Group("tenure", lambda case, facts, _: tenure_facts(case, facts)),
    Group("seed002", lambda case, facts, _: seed002_facts(case, facts), reads=("audit",)),
)
"""The groups of facts, in the order they are derived (a group comes after those it reads)."""

_DECLARED: dict[str, frozenset[str]] = {
    "case": frozenset(
        {
            "appointment_kind",
            "finance_responsibility",
            "is_promotion",
            "method",
            "post_role",
            "post_special",
            "post_tier",
            "post_tier_rank",
        }
    ),
    "eligibility": frozenset(
        {
            "birth_date",
            "child_count",
            "deputy_months_same_tier",
            "emigrated_child_count",
            "grassroots_months",
            "has_spouse",
            "highest_education",
            "low_assessment_years_3y",
            "party_age_years",
            "post_committee_level",
            "previous_year_assessment",
            "principal_months_lower_tier",
            "promotion_step",
            "spouse_emigrated",
            "training_completion_deadline",
            "training_hours_5y",
            "training_months_5y",
            "work_years",
        }
    ),
    "candidate": frozenset(
        {
            "age_cutoff_for_candidate",
            "age_relaxation_years",
            "announced_level_months_required",
            "announcement_born_on_or_after",
            "announcement_education_met",
            "announcement_min_years_before_retirement",
            "announcement_party_membership",
            "birth_date_conflicts",
            "canvassing_found",
            "career_longest_gap_months",
            "career_overlaps",
            "exceptional_ground",
            "exceptional_reported_before_decision",
            "full_time_higher_entry_age",
            "grew_up_in_post_locality",
            "has_age_cutoff",
            "has_education_requirement",
            "has_full_time_higher_education",
            "has_level_requirement",
            "has_min_service_before_retirement",
            "health_fit",
            "highest_full_time_education",
            "highest_in_service_education",
            "id_number_birth_date_ok",
            "id_number_check_digit_ok",
            "id_number_region_ok",
            "id_number_well_formed",
            "in_trial_period",
            "is_exceptional",
            "kinship_avoidance_conflicts",
            "last_promotion_exceptional_on_tenure",
            "levels_skipped",
            "lower_level_post_count",
            "months_at_announced_level",
            "months_to_retirement",
            "party_member",
            "political_discipline_violation_found",
            "post_local_key_principal",
            "sanction_influence_detail",
            "sanction_influence_detail_2014",
            "sanctions_in_influence",
            "sanctions_in_influence_2014",
            "statutory_retirement_date",
            "years_since_last_promotion",
        }
    ),
    "motion": frozenset({"motion_fixes_pool", "motion_initiator", "motion_listed_ground_count", "motion_names_person"}),
    "meeting": frozenset(
        {
            "ad_hoc_motion",
            "agree_count",
            "all_members_present",
            "decision_date",
            "inspection_procedure_complied",
            "meeting_body",
            "member_count",
            "members_present",
            "members_should_attend",
            "org_department_unified_opinion",
            "present_without_vote",
            "principal_spoke_last",
        }
    ),
    "publicity": frozenset(
        {"notice_date", "publicised_at_term_change", "publicity_end", "publicity_start", "publicity_working_days"}
    ),
    "audit": frozenset({"audit_completed_on", "audit_done", "audit_required"}),
    "competitive_post": frozenset(
        {
            "appointment_system",
            "cp_competitors_unscored",
            "cp_democratic_evaluation_on",
            "cp_department_review_on",
            "cp_department_reviewed",
            "cp_final_approval_start",
            "cp_inspection_candidates",
            "cp_inspection_candidates_decided",
            "cp_inspection_candidates_without_results",
            "cp_launch_start",
            "cp_operating_plan_made",
            "cp_operating_plan_on",
            "cp_publicity_period_decided",
            "cp_publicity_unit_wide",
            "cp_qualification_decided",
            "cp_reserve_list_fixed",
            "cp_reserve_list_fixed_on",
            "cp_reserve_list_publicised",
            "cp_scorer_count",
            "cp_speech_on",
            "cp_staff_count",
            "cp_staff_recommendation_decided",
            "cp_staff_recommendation_held",
            "engagement_letters_by_unit_head",
            "publicity_summarised",
            "publicity_summarised_on",
        }
    ),
    "tenure": frozenset(
        {"post_leadership_body", "same_post_reappointment", "terms_in_same_post", "years_in_same_post"}
    ),
    "seed002": frozenset(
        {
            "audit_problems_addressed",
            "audit_problems_found",
            "candidate_principal_or_reserve",
            "candidate_publicity_held",
            "candidate_publicity_invites_discipline_reports",
            "decided_during_rectification",
            "departure_check_date",
            "departure_check_due",
            "departure_check_held",
            "evaluation_date",
            "evaluation_fit_votes",
            "evaluation_held",
            "evaluation_votes",
            "filed_held",
            "filed_on",
            "fixed_term",
            "inspection_procuratorate_opinion",
            "inspection_professional_competence",
            "motion_ground_vacancy",
            "office_buying_found",
            "recommendation_discipline_questionnaire",
            "recommendation_meeting_held",
            "team_analysis_date",
            "team_analysis_held",
            "term_change_approved_posts",
            "term_change_discipline_examined",
            "term_change_discipline_talk_held",
            "term_change_discipline_talk_on",
            "term_change_life_meeting_held",
            "term_change_life_meeting_on",
            "term_change_planned_posts",
            "term_change_report_longest_days",
            "village_term_change_report_longest_days",
        }
    ),
}
"""The facts each group derives, but ``procedure``'s: every catalogued fact no other group declares."""
NOT_DERIVED = frozenset({"exceptional_breaks_tenure"})
"""Catalogued facts computed by the caller of :func:`derive` (from the waivers and the rules they name)."""
GROUP_FACTS: dict[str, frozenset[str]] = _DECLARED | {
    "procedure": frozenset(FACTS).difference(NOT_DERIVED, *_DECLARED.values())
}
"""The facts each group of :data:`GROUPS` derives (and the only ones it may put)."""
_GROUP_OF = {name: group.name for group in GROUPS for name in GROUP_FACTS[group.name]}


@cache
def _groups_for(needed: frozenset[str]) -> tuple[Group, ...]:
    wanted = {_GROUP_OF[name] for name in needed if name in _GROUP_OF}
    by_name = {g.name: g for g in GROUPS}
    todo = list(wanted)
    while todo:
        for read in by_name[todo.pop()].reads:
            if read not in wanted:
                wanted.add(read)
                todo.append(read)
    return tuple(g for g in GROUPS if g.name in wanted)


def groups_for(needed: Collection[str]) -> tuple[Group, ...]:
    """The groups that derive the ``needed`` facts, with the groups they read, in derivation order."""
    return _groups_for(needed if isinstance(needed, frozenset) else frozenset(needed))


def _case_facts(case: Case, facts: Facts) -> None:
    facts.put("is_promotion", case.kind is AppointmentKind.PROMOTION)
    facts.put("appointment_kind", case.kind.value)
    facts.put("method", case.procedure.method.value)
    facts.put("post_tier", case.post.tier.value)
    facts.put("post_tier_rank", case.post.tier.rank)
    facts.put("post_role", case.post.role.value)
    facts.put("post_special", case.post.special_post)
    fin = case.post.finance_responsibility
    facts.put("finance_responsibility", fin.value if fin is not None else None, "post.finance_responsibility")


def _eligibility_facts(case: Case, facts: Facts) -> None:
    cand = case.candidate
    as_of = facts.as_of
    facts.put("birth_date", cand.birth_date, "candidate.birth_date")
    work_years = completed_years(cand.work_start_date, as_of) if cand.work_start_date else None
    facts.put("work_years", work_years, "candidate.work_start_date")

    if cand.education is None:
        facts.put("highest_education", None, "candidate.education")
    else:
        best = max(cand.education, key=lambda e: e.level.rank, default=None)
        facts.put("highest_education", best.level.value if best is not None else "none")

    if cand.career is None:
        for name in ("grassroots_months", "deputy_months_same_tier", "principal_months_lower_tier"):
            facts.put(name, None, "candidate.career")
    else:
        work = [(i, e) for i, e in enumerate(cand.career) if e.is_work and e.start < as_of]
        unknown = [f"candidate.career[{i}].grassroots" for i, e in work if e.grassroots is None]
        if unknown:
            facts.put("grassroots_months", None, *unknown)
        else:
            facts.put("grassroots_months", total_months(spans_until((e for _, e in work if e.grassroots), as_of)))
        target = case.post.tier
        same = [w for w in work if level_of(w[1]) == (target, Role.DEPUTY)]
        facts.put("deputy_months_same_tier", total_months(spans_until((e for _, e in same), as_of)))
        lower = [
            w
            for w in work
            if (lvl := level_of(w[1])) is not None and lvl[1] is Role.PRINCIPAL and lvl[0].rank == target.rank - 1
        ]
        facts.put("principal_months_lower_tier", total_months(spans_until((e for _, e in lower), as_of)))

    facts.put("promotion_step", _promotion_step(case), "candidate.current_tier", "candidate.current_role")
    _inspection_bar_facts(case, facts)
    _training_facts(case, facts)
    party_age = completed_years(cand.party_full_membership_date, as_of) if cand.party_full_membership_date else None
    facts.put("party_age_years", party_age, "candidate.party_full_membership_date")
    level = case.post.committee_level
    facts.put("post_committee_level", level.value if level is not None else "none")


TRAINING_WINDOW_YEARS = 5  # 干部教育培训工作条例 第十四条 "每5年"; equal to the parameter training_window_years


def _training_facts(case: Case, facts: Facts) -> None:
    """Training in the 5 years before the as-of date: hours of courses started in it, months of course time in it."""
    as_of = facts.as_of
    facts.put("training_completion_deadline", as_of + relativedelta(years=1))
    records = case.candidate.training
    if records is None:
        facts.put("training_hours_5y", None, "candidate.training")
        facts.put("training_months_5y", None, "candidate.training")
        return
    window_start = as_of - relativedelta(years=TRAINING_WINDOW_YEARS)
    inside = [(i, t) for i, t in enumerate(records) if window_start <= t.start < as_of]
    unknown = [f"candidate.training[{i}].hours" for i, t in inside if t.hours is None]
    hours = None if unknown else sum(t.hours or 0 for _, t in inside)
    facts.put("training_hours_5y", hours, *unknown)
    facts.put("training_months_5y", total_months(spans_until((t for _, t in inside), as_of)))


ASSESSMENT_LOOKBACK_YEARS_2014 = 3  # 2014 条例 第二十四条第（二）项 (number low): "近三年年度考核结果"
LOW_ASSESSMENT_GRADES = frozenset({"basically_competent", "incompetent"})  # 基本称职以下等次


def _assessment_lookback_facts(assessments: list[Assessment] | None, last_year: int, facts: Facts) -> None:
    """Low grades in the three years up to ``last_year``: a low grade decides; else a missing year is unknown."""
    years = range(last_year - ASSESSMENT_LOOKBACK_YEARS_2014 + 1, last_year + 1)
    if assessments is None:
        facts.put("low_assessment_years_3y", None, "candidate.assessments")
        return
    low = sorted({a.year for a in assessments if a.year in years and a.grade.value in LOW_ASSESSMENT_GRADES})
    missing = [f"candidate.assessments[year={y}]" for y in years if not any(a.year == y for a in assessments)]
    facts.put("low_assessment_years_3y", None if missing and not low else len(low), *missing)


def _inspection_bar_facts(case: Case, facts: Facts) -> None:
    cand = case.candidate
    start, _ = at_path(case, "procedure.inspection.start")
    year = (start or facts.as_of).year - 1
    if cand.assessments is None:
        facts.put("previous_year_assessment", None, "candidate.assessments")
    else:
        grades = [a.grade.value for a in cand.assessments if a.year == year]
        facts.put("previous_year_assessment", grades[0] if grades else None, f"candidate.assessments[year={year}]")
    _assessment_lookback_facts(cand.assessments, year, facts)
    if cand.family is None:
        for name in ("has_spouse", "spouse_emigrated", "child_count", "emigrated_child_count"):
            facts.put(name, None, "candidate.family")
        return
    spouses = [r for r in cand.family if is_spouse(r.relation)]
    children = [r for r in cand.family if is_child(r.relation)]
    facts.put("has_spouse", bool(spouses))
    facts.put("spouse_emigrated", any(r.emigrated for r in spouses))
    facts.put("child_count", len(children))
    facts.put("emigrated_child_count", sum(1 for r in children if r.emigrated))


def _promotion_step(case: Case) -> str | None:
    current = current_level(case)
    if current is None:
        return None
    tier, role = current
    post = case.post
    if Tier.SECTION_UNIT in (tier, post.tier):  # no statutory level below 副科: no deputy/principal step there
        return "from_section_unit" if tier is Tier.SECTION_UNIT and post.tier is not Tier.SECTION_UNIT else "other"
    if post.role is Role.PRINCIPAL and role is Role.DEPUTY and tier is post.tier:
        return "deputy_to_principal"
    if post.role is Role.DEPUTY and role is Role.PRINCIPAL and tier.rank == post.tier.rank - 1:
        return "lower_principal_to_upper_deputy"
    return "other"


def _motion_facts(case: Case, facts: Facts) -> None:
    initiator, miss = at_path(case, "procedure.motion.initiator")
    facts.put("motion_initiator", initiator.value if initiator is not None else None, miss)
    grounds, miss = at_path(case, "procedure.motion.grounds")
    count = None if grounds is None else sum(1 for g in grounds if g is not MotionGround.OTHER)
    facts.put("motion_listed_ground_count", count, miss)
    for name, attr in (
        ("motion_names_person", "names_specific_person"),
        ("motion_fixes_pool", "fixes_candidate_pool"),
    ):
        value, miss = at_path(case, f"procedure.motion.{attr}")
        facts.put(name, value, miss)


def _meeting_facts(case: Case, facts: Facts) -> None:
    meeting = case.procedure.meeting
    for name, attr in (
        ("decision_date", "date"),
        ("org_department_unified_opinion", "org_department_unified_opinion"),
        ("inspection_procedure_complied", "inspection_procedure_complied"),
        ("ad_hoc_motion", "ad_hoc_motion"),
    ):
        value, miss = at_path(case, f"procedure.meeting.{attr}")
        facts.put(name, value, miss)
    body, miss = at_path(case, "procedure.meeting.body")
    facts.put("meeting_body", body.value if body is not None else None, miss)

    members, miss = at_path(case, "procedure.meeting.members")
    if members is None:
        for name in (
            "member_count",
            "members_should_attend",
            "members_present",
            "all_members_present",
            "present_without_vote",
            "principal_spoke_last",
        ):
            facts.put(name, None, miss)
        facts.put("agree_count", None, miss)
        return
    facts.put("member_count", len(members))
    facts.put("members_should_attend", sum(1 for m in members if m.should_attend))
    unknown = [f"procedure.meeting.members[{i}].present" for i, m in enumerate(members) if m.present is None]
    if unknown:
        for name in ("members_present", "all_members_present", "present_without_vote"):
            facts.put(name, None, *unknown)
    else:
        # A member who withdrew (回避) from this item attended the meeting: counted 到会 for the quorum
        # (守则 第3条 counts members 到会) and for 人员齐, but owes no opinion on the item.
        present = [m for m in members if m.present]
        facts.put("members_present", len(present))
        facts.put("all_members_present", len(present) == len(members))
        assert meeting is not None
        if meeting.votes is None:
            facts.put("present_without_vote", None, "procedure.meeting.votes")
        else:
            voted = {v.member for v in meeting.votes}
            recused = set(meeting.recused_members or ())
            facts.put("present_without_vote", sum(1 for m in present if m.name not in voted and m.name not in recused))
    assert meeting is not None
    if meeting.votes is None:
        facts.put("agree_count", None, "procedure.meeting.votes")
    else:
        # The opinion of a member who should have withdrawn is void: it never counts towards the decision.
        void = set(meeting.recused_members or ()) | set(meeting.related_members or ())
        facts.put("agree_count", sum(1 for v in meeting.votes if v.vote.value == "agree" and v.member not in void))
    principals = [m.name for m in members if m.principal]
    if meeting.speaking_order is None:
        facts.put("principal_spoke_last", None, "procedure.meeting.speaking_order")
    elif not principals:
        facts.put("principal_spoke_last", None, "procedure.meeting.members[].principal")
    else:
        order = meeting.speaking_order
        facts.put("principal_spoke_last", bool(order) and order[-1] in principals)


def _publicity_facts(case: Case, facts: Facts, calendar: WorkingDayCalendar) -> None:
    pub = case.procedure.publicity
    facts.put("publicised_at_term_change", pub is not None and pub.publicised_at_term_change)
    start, miss_start = at_path(case, "procedure.publicity.start")
    end, miss_end = at_path(case, "procedure.publicity.end")
    facts.put("publicity_start", start, miss_start)
    facts.put("publicity_end", end, miss_end)
    notice, miss = at_path(case, "procedure.appointment.notice_date")
    facts.put("notice_date", notice, miss)
    if start is None or end is None:
        facts.put("publicity_working_days", None, *(m for m in (miss_start, miss_end) if m))
        return
    try:
        facts.put("publicity_working_days", calendar.working_days(start, end))
    except CalendarError:
        years = sorted({y for y in range(start.year, end.year + 1) if not calendar.covers(date(y, 1, 1))})
        facts.put("publicity_working_days", None, *(f"calendar.{y}" for y in years))


def _audit_facts(case: Case, facts: Facts) -> None:
    for name, attr in (("audit_required", "required"), ("audit_completed_on", "completed_on")):
        value, miss = at_path(case, f"procedure.inspection.economic_audit.{attr}")
        facts.put(name, value, miss)
    audit, miss = at_path(case, "procedure.inspection.economic_audit")
    complete = case.procedure.record_complete  # 全程纪实: an audit the complete record does not hold was not done
    if audit is None:
        facts.put("audit_done", False if complete else None, miss)
    elif audit.done is not None:
        facts.put("audit_done", audit.done)
    else:
        done = True if audit.completed_on is not None else (False if complete else None)
        facts.put("audit_done", done, "procedure.inspection.economic_audit.done")
