"""Facts of the procedure in depth (issue 4): steps held, their order and dates, and what each step recorded.

A step record that is absent is *unknown* (the fact is missing, naming the record path) unless the case says its
record is complete (``procedure.record_complete``, 全程纪实): then an absent step did not take place.  The
dated step lists of open selection and competitive posts are complete by construction (a list, when given, is
the whole record), so a step absent from a given list did not take place.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from cadre_rules.facts._candidates import (
    by_votes_only,
    candidates_facts,
    inspection_candidate_count,
    open_selection_record_facts,
)
from cadre_rules.facts._dates import completed_months, completed_years
from cadre_rules.facts._paths import at_path, put_held, put_path
from cadre_rules.records._case import (
    Appointment,
    Case,
    CompetitivePostStepRecord,
    FlowStepRecord,
    Inspection,
    Meeting,
    Motion,
    OpenSelectionStepRecord,
    Publicity,
    Recommendation,
)
from cadre_rules.records._enums import (
    BriefingItem,
    CompetitivePostStep,
    ConsultedBody,
    InspectionTalkKind,
    JointReviewBody,
    NominationElector,
    OpenSelectionStep,
    OpinionSource,
    ProposalItem,
    PublicityChannel,
    Role,
    Stage,
    label_zh,
)

if TYPE_CHECKING:
    from cadre_rules.facts._derive import Facts

HasResponsible = Motion | Recommendation | Inspection | Meeting | Publicity | Appointment | FlowStepRecord
TRIAL_PERIOD_YEARS = 1  # 任职试用期为一年 (2019 derived 第四十三条, 2014 第四十二条; 试用期暂行规定 第三条)


def procedure_facts(case: Case, facts: Facts) -> None:
    """Compute every fact of the ``# --- procedure (issue 4) ---`` block of the catalogue."""
    _motion(case, facts)
    _recommendation(case, facts)
    _inspection(case, facts)
    _meeting(case, facts)
    _publicity_and_appointment(case, facts)
    _discipline(case, facts)
    _flow(case, facts, "os", OpenSelectionStep, case.procedure.open_selection_steps, "open_selection_steps")
    _flow(case, facts, "cp", CompetitivePostStep, case.procedure.competitive_post_steps, "competitive_post_steps")
    candidates_facts(case, facts)
    open_selection_record_facts(case, facts)
    _seed002(case, facts)
    _record(case, facts)
    _seed_records(case, facts)


def _motion(case: Case, facts: Facts) -> None:
    put_held(case, facts, "motion_held", "procedure.motion")
    put_path(case, facts, "motion_date", "procedure.motion.date")
    put_path(case, facts, "motion_consulted", "procedure.motion.consulted")
    put_path(case, facts, "motion_consulted_on", "procedure.motion.consulted_on")
    contents, miss = at_path(case, "procedure.motion.proposal_contents")
    if contents is None:
        facts.put("proposal_item_count", None, miss)
        facts.put("proposal_missing_items", None, miss)
    else:
        facts.put("proposal_item_count", len(set(contents)))
        facts.put("proposal_missing_items", ", ".join(i.value for i in ProposalItem if i not in contents))
    put_path(case, facts, "nomination_mode", "procedure.motion.nomination_mode")
    put_path(case, facts, "motion_reference_list_size", "procedure.motion.reference_list_size")
    put_path(case, facts, "secretary_nominee_outside_org_list", "procedure.motion.secretary_nominee_outside_org_list")
    facts.put("posts_to_fill", case.procedure.posts_to_fill)


def _recommendation(case: Case, facts: Facts) -> None:
    rec = case.procedure.recommendation
    if rec is None:
        put_held(case, facts, "recommendation_held", "procedure.recommendation")
        for name in ("recommendation_uses_reference_list",):
            facts.put(name, None, "procedure.recommendation")
    else:
        # a dated step was held, whatever its flag says (a false flag with a date is rejected on input)
        flags = (True if rec.meeting_date else rec.meeting_held, True if rec.talk_date else rec.talk_held)
        if any(f is True for f in flags):
            facts.put("recommendation_held", True)
        elif all(f is False for f in flags):
            facts.put("recommendation_held", False)
        else:
            unknown = [
                f"procedure.recommendation.{n}"
                for n, f in zip(("meeting_held", "talk_held"), flags, strict=True)
                if f is None
            ]
            facts.put("recommendation_held", None, *unknown)
        facts.put("recommendation_uses_reference_list", rec.reference_list_size is not None)
    put_path(case, facts, "recommendation_date", "procedure.recommendation.date")
    put_path(case, facts, "recommendation_reference_list_size", "procedure.recommendation.reference_list_size")
    by_votes, miss_votes = by_votes_only(case)
    facts.put("candidates_by_votes_only", by_votes, *miss_votes)
    rec_date, miss_rec = at_path(case, "procedure.recommendation.date")
    start, miss_start = at_path(case, "procedure.inspection.start")
    if rec_date is None or start is None:
        facts.put("recommendation_years_before_inspection", None, *(m for m in (miss_rec, miss_start) if m))
    else:
        facts.put("recommendation_years_before_inspection", completed_years(rec_date, start))


def _inspection(case: Case, facts: Facts) -> None:
    put_held(case, facts, "inspection_held", "procedure.inspection")
    for name, attr in (
        ("inspection_start", "start"),
        ("inspection_end", "end"),
        ("inspection_team_size", "team_size"),
        ("inspection_file_reviewed", "file_reviewed"),
        ("inspection_personal_matters_checked", "personal_matters_checked"),
        ("inspection_discipline_opinion", "discipline_opinion_obtained"),
        ("inspection_checkable_complaints", "checkable_complaints"),
        ("inspection_complaints_verified", "complaints_verified"),
        ("integrity_signed_by_secretary", "integrity_signed_by_secretary"),
        ("integrity_signed_by_discipline_secretary", "integrity_signed_by_discipline_secretary"),
        ("inspection_notice_date", "notice_date"),
    ):
        put_path(case, facts, name, f"procedure.inspection.{attr}")
    put_held(case, facts, "inspection_notice_given", "procedure.inspection.notice_date")
    count, miss_count = inspection_candidate_count(case)
    facts.put("inspection_candidate_count", count, *miss_count)


def _meeting(case: Case, facts: Facts) -> None:
    meeting = case.procedure.meeting
    if meeting is not None and meeting.date is not None:
        facts.put("meeting_held", True)
    else:
        put_held(case, facts, "meeting_held", "procedure.meeting.date" if meeting is not None else "procedure.meeting")
    for name, attr in (
        ("voting_method", "voting_method"),
        ("major_divergence", "major_divergence"),
        ("vote_deferred", "vote_deferred"),
    ):
        put_path(case, facts, name, f"procedure.meeting.{attr}")
    if meeting is None:
        for name in (
            "reconsideration_held",
            "reconsideration_agree_count",
            "principal_spoke_first",
            "unrecused_related_members",
            "votes_cast",
        ):
            facts.put(name, None, "procedure.meeting")
        return
    facts.put("reconsideration_held", meeting.reconsideration_agree_count is not None)
    facts.put(
        "reconsideration_agree_count",
        meeting.reconsideration_agree_count,
        "procedure.meeting.reconsideration_agree_count",
    )
    facts.put("votes_cast", len(meeting.votes) if meeting.votes is not None else None, "procedure.meeting.votes")
    members = meeting.members
    principals = [m.name for m in members or [] if m.principal]
    if meeting.speaking_order is None:
        facts.put("principal_spoke_first", None, "procedure.meeting.speaking_order")
    elif members is None or not principals:
        facts.put("principal_spoke_first", None, "procedure.meeting.members[].principal")
    else:
        order = meeting.speaking_order
        facts.put("principal_spoke_first", bool(order) and order[0] in principals and len(order) > 1)
    related, miss = at_path(case, "procedure.meeting.related_members")
    if related is None:
        facts.put("unrecused_related_members", None, miss)
    elif not related:
        facts.put("unrecused_related_members", 0)
    elif meeting.recused_members is None:
        facts.put("unrecused_related_members", None, "procedure.meeting.recused_members")
    elif meeting.votes is None or meeting.speaking_order is None:
        # withdrawn in the record, but whether they still took part (spoke or voted) is unrecorded
        absent_from_item = set(related) - set(meeting.recused_members)
        if absent_from_item:
            facts.put("unrecused_related_members", len(absent_from_item))
        else:
            missing = [f"procedure.meeting.{f}" for f in ("votes", "speaking_order") if getattr(meeting, f) is None]
            facts.put("unrecused_related_members", None, *missing)
    else:
        took_part = {v.member for v in meeting.votes} | set(meeting.speaking_order)
        facts.put(
            "unrecused_related_members",
            sum(1 for name in set(related) if name not in meeting.recused_members or name in took_part),
        )


def _publicity_and_appointment(case: Case, facts: Facts) -> None:
    put_held(case, facts, "publicity_held", "procedure.publicity.start")
    for name, attr in (
        ("publicity_states_exceptional_grounds", "states_exceptional_grounds"),
        ("objections_received", "objections_received"),
        ("objections_resolved_on", "objections_resolved_on"),
    ):
        put_path(case, facts, name, f"procedure.publicity.{attr}")
    for name, attr in (
        ("trial_listed_post", "trial_listed_post"),
        ("trial_period", "trial_period"),
        ("trial_end", "trial_end"),
        ("talk_date", "talk_date"),
        ("tenure_start", "tenure_start"),
        ("engagement_term_years", "engagement_term_years"),
    ):
        put_path(case, facts, name, f"procedure.appointment.{attr}")
    notice, miss = at_path(case, "procedure.appointment.notice_date")
    facts.put("trial_expected_end", notice + relativedelta(years=TRIAL_PERIOD_YEARS) if notice else None, miss)
    put_held(case, facts, "talk_held", "procedure.appointment.talk_date")
    facts.put("posts_applied_for", case.procedure.posts_applied_for, "procedure.posts_applied_for")


def _discipline(case: Case, facts: Facts) -> None:
    put_path(case, facts, "unit_approved_quota", "post.unit.approved_quota")
    put_path(case, facts, "unit_holders_before", "post.unit.holders_before")
    for name in ("restructuring_pending", "principal_departure_decided", "principal_near_age_limit"):
        put_path(case, facts, name, f"procedure.unit_situation.{name}")
    put_path(case, facts, "prior_report_approved", "procedure.unit_situation.prior_report_approved")
    cand = case.candidate
    birth, miss_birth = cand.birth_date, "candidate.birth_date"
    for name, attr in (("age_at_party_admission", "party_admission_date"), ("age_at_work_start", "work_start_date")):
        when = getattr(cand, attr)
        if birth is None or when is None:
            facts.put(
                name, None, *([miss_birth] if birth is None else []), *([f"candidate.{attr}"] if when is None else [])
            )
        else:
            facts.put(name, completed_years(birth, when) if when >= birth else -1)
    admission, full = cand.party_admission_date, cand.party_full_membership_date
    if admission is None or full is None:
        paths = [
            p
            for p, v in (("candidate.party_admission_date", admission), ("candidate.party_full_membership_date", full))
            if v is None
        ]
        facts.put("probation_months", None, *paths)
    else:
        facts.put("probation_months", completed_months(admission, full) if full >= admission else -1)


# Step ↔ typed record whose date must equal the step's start (one recorded event, one date).
_TIED: dict[str, dict[str, str]] = {
    "os": {
        "competitive_vote": "procedure.meeting.date",
        "publicity": "procedure.publicity.start",
        "appointment_formalities": "procedure.appointment.notice_date",
    },
    "cp": {
        "inspection": "procedure.inspection.start",
        "proposed_appointee": "procedure.meeting.date",
        "publicity": "procedure.publicity.start",
        "engagement": "procedure.appointment.notice_date",
    },
}


# Step ↔ typed record whose dates must fall within the step (the step holds that event and others).
_CONTAINED: dict[str, dict[str, tuple[str, str]]] = {
    "os": {"second_recommendation_inspection": ("procedure.inspection.start", "procedure.inspection.end")},
    "cp": {},
}


def _outside_span(case: Case, paths: tuple[str, str], start: date, end: date | None) -> tuple[bool, list[str]]:
    """Whether a typed record's dates fall outside the step ``start``–``end``; the unrecorded dates."""
    outside, missing = False, []
    for path in paths:
        value, miss = at_path(case, path)
        if value is None:
            missing.append(miss)
        elif value < start or (end is not None and value > end):
            outside = True
    return outside, [] if outside else missing


def _merged(
    records: Sequence[OpenSelectionStepRecord | CompetitivePostStepRecord], step: str
) -> tuple[date | None, date | None, int] | None:
    """Start, end and index of a step's records (a step recorded twice spans both); None when absent."""
    found = [(i, r) for i, r in enumerate(records) if r.step.value == step]
    if not found:
        return None
    starts = [r.start for _, r in found]
    ends = [r.end for _, r in found if r.end is not None]
    start = None if any(s is None for s in starts) else min(s for s in starts if s is not None)
    return start, max(ends) if ends else None, found[0][0]


def _flow(
    case: Case,
    facts: Facts,
    prefix: str,
    steps: type[OpenSelectionStep] | type[CompetitivePostStep],
    records: Sequence[OpenSelectionStepRecord | CompetitivePostStepRecord] | None,
    field: str,
) -> None:
    path = f"procedure.{field}"
    names = [s.value for s in steps]
    if records is None:
        for name in names:
            facts.put(f"{prefix}_{name}_held", None, path)
            facts.put(f"{prefix}_{name}_in_order", None, path)
        facts.put(f"{prefix}_inconsistent_steps", None, path)
        facts.put(f"{prefix}_inconsistent_step_count", None, path)
        return
    spans = {name: _merged(records, name) for name in names}
    inconsistent: list[str] = []
    untied: list[str] = []  # tied records not recorded: their consistency is unknown
    for k, name in enumerate(names):
        span = spans[name]
        facts.put(f"{prefix}_{name}_held", span is not None)
        if span is None:
            facts.put(f"{prefix}_{name}_in_order", None, f"{path}[step={name}]")
            continue
        start, end, index = span
        if start is not None and end is not None and end < start:
            inconsistent.append(name)
        tied = _TIED[prefix].get(name)
        if tied is not None and start is not None:
            other, miss = at_path(case, tied)
            if other is None:
                untied.append(miss)
            elif other != start and name not in inconsistent:
                inconsistent.append(name)
        unknown = [] if start is not None else [f"{path}[{index}].start"]
        in_order = True
        for earlier in names[:k]:
            prior = spans[earlier]
            if prior is None:
                continue
            p_start, p_end, p_index = prior
            bound = p_end or p_start
            if bound is None:
                unknown.append(f"{path}[{p_index}].start")
            elif start is not None and start < bound:
                in_order = False
        # out of order is decided by any known earlier step; in order needs every date
        facts.put(f"{prefix}_{name}_in_order", False if not in_order else (None if unknown else True), *unknown)
        contained = _CONTAINED[prefix].get(name)
        if contained is not None and start is not None and name not in inconsistent:
            outside, unrecorded = _outside_span(case, contained, start, end)
            if outside:
                inconsistent.append(name)
            untied.extend(unrecorded)
    facts.put(f"{prefix}_inconsistent_steps", ", ".join(inconsistent))
    # a known inconsistency decides; otherwise an unrecorded tied record leaves the count open
    count = None if untied and not inconsistent else len(inconsistent)
    facts.put(f"{prefix}_inconsistent_step_count", count, *untied)


# --- seeds 001 and 004 (issue 10) ---

FOUR_BODIES = (
    ConsultedBody.PARTY_COMMITTEE,
    ConsultedBody.PEOPLES_CONGRESS,
    ConsultedBody.GOVERNMENT,
    ConsultedBody.CPPCC,
)
"""四套班子 (seed 001, p6): 市委、人大、政府、政协."""

JOINT_REVIEW_BODIES = tuple(b for b in JointReviewBody if b is not JointReviewBody.OTHER)
"""The bodies seed 001 (p8) names for the 会审: 纪检监察、检察、政法委、综治、文明办."""


PUBLICITY_MEDIA = (PublicityChannel.WEBSITE, PublicityChannel.NEWSPAPER, PublicityChannel.BROADCAST)
"""网站等媒体 (seed 001, p8): a website, the press or broadcasting; a notice board is not a medium."""


def _missing_of(case: Case, facts: Facts, name: str, path: str, required: Sequence[object]) -> None:
    """How many of ``required`` the list at ``path`` lacks; unknown when the list is not recorded."""
    listed, miss = at_path(case, path)
    facts.put(name, None if listed is None else sum(1 for r in required if r not in listed), miss)


def _step_held(case: Case, facts: Facts, name: str, flag: str, day: str) -> None:
    """A recommendation step: held when flagged or dated; not held when flagged false; else unknown."""
    rec = case.procedure.recommendation
    if rec is None:
        put_held(case, facts, name, "procedure.recommendation")
        return
    value, when = getattr(rec, flag), getattr(rec, day)
    if value is True or when is not None:
        facts.put(name, True)
    elif value is False:
        facts.put(name, False)
    else:
        facts.put(name, None, f"procedure.recommendation.{flag}")


def _seed_records(case: Case, facts: Facts) -> None:
    """Facts of the records seeds 001 and 004 ask for (each list, when given, is the whole record)."""
    _step_held(case, facts, "rec_meeting_held", "meeting_held", "meeting_date")
    _step_held(case, facts, "rec_talk_held", "talk_held", "talk_date")
    put_path(case, facts, "rec_meeting_date", "procedure.recommendation.meeting_date")
    put_path(case, facts, "rec_talk_date", "procedure.recommendation.talk_date")
    put_path(case, facts, "rec_small_unit_exception", "procedure.recommendation.small_unit_exception")
    facts.put("term_change", case.procedure.term_change)
    _missing_of(
        case, facts, "inspection_talk_kinds_missing", "procedure.inspection.talk_kinds", list(InspectionTalkKind)
    )
    _missing_of(
        case, facts, "inspection_opinion_sources_missing", "procedure.inspection.opinion_sources", list(OpinionSource)
    )
    review, miss = at_path(case, "procedure.inspection.joint_review")
    if review is None:
        for name in ("joint_review_opinion_count", "joint_review_bodies_missing", "joint_review_last_date"):
            facts.put(name, None, miss)
    else:
        bodies = {r.body for r in review}
        facts.put("joint_review_opinion_count", len(review))
        facts.put("joint_review_bodies_missing", sum(1 for b in JOINT_REVIEW_BODIES if b not in bodies))
        undated = [
            f"procedure.inspection.joint_review[{i}].obtained_on" for i, r in enumerate(review) if not r.obtained_on
        ]
        dates = [r.obtained_on for r in review if r.obtained_on is not None]
        facts.put("joint_review_last_date", None if undated or not dates else max(dates), *undated)
    _missing_of(case, facts, "consulted_bodies_missing", "procedure.motion.consulted_bodies", FOUR_BODIES)
    put_path(case, facts, "nomination_opinion_count", "procedure.motion.nomination_opinion_count")
    put_path(case, facts, "nomination_disagree_count", "procedure.motion.nomination_disagree_count")
    _missing_of(case, facts, "briefing_items_missing", "procedure.meeting.org_department_briefing", list(BriefingItem))
    put_path(case, facts, "talk_by", "procedure.appointment.talk_by")
    put_path(case, facts, "talk_raised_public_concerns", "procedure.appointment.talk_raised_public_concerns")
    _interventions(case, facts)
    _unit_grade(case, facts)
    _inspection_record_complied(case, facts)
    _ad_hoc_item(case, facts)
    channels, miss = at_path(case, "procedure.publicity.channels")
    if channels is None:
        facts.put("publicity_channels_missing", None, miss)
    else:
        hotline = PublicityChannel.SUPERVISION_HOTLINE in channels
        media = any(c in PUBLICITY_MEDIA for c in channels)
        facts.put("publicity_channels_missing", (not hotline) + (not media))


def _interventions(case: Case, facts: Facts) -> None:
    records, miss = at_path(case, "procedure.interventions")
    if records is None:
        facts.put("interventions_unreported", None, miss)
        return
    breaches = sum(1 for r in records if r.recorded is False or r.reported is False)
    unknown = [
        f"procedure.interventions[{i}].{f}"
        for i, r in enumerate(records)
        if r.recorded is not False and r.reported is not False
        for f in ("recorded", "reported")
        if getattr(r, f) is None
    ]
    # a known breach decides; otherwise an unrecorded flag leaves the count unknown
    facts.put("interventions_unreported", None if unknown and not breaches else breaches, *unknown)


def _unit_grade(case: Case, facts: Facts) -> None:
    unit = case.post.unit
    if unit is None or unit.grade_tier is None or unit.grade_role is None:
        missing = (
            "post.unit"
            if unit is None
            else ("post.unit.grade_tier" if unit.grade_tier is None else "post.unit.grade_role")
        )
        facts.put("post_above_unit_grade", None, missing)
        return
    post = case.post
    above = post.tier.rank > unit.grade_tier.rank or (
        post.tier is unit.grade_tier and post.role is Role.PRINCIPAL and unit.grade_role is Role.DEPUTY
    )
    facts.put("post_above_unit_grade", above)


_INSPECTION_STEPS = (
    "file_reviewed",
    "personal_matters_checked",
    "discipline_opinion_obtained",
    "integrity_signed_by_secretary",
    "integrity_signed_by_discipline_secretary",
)
"""The checks of the 2019 条例 第三十一条第二款 an inspection records as done or not done."""


def _inspection_record_complied(case: Case, facts: Facts) -> None:
    """符合考察程序: the meeting's declared flag and every check of the inspection record, joined by "and".

    A breach in the record (a check not done, complaints not verified, the inspection begun before the
    recommendation or not finished by the meeting, no inspection in a complete record) or a declared false
    decides False; True needs the flag declared true (it covers what the record does not model) and every
    check known and done; anything else is unknown, naming what is unrecorded.  A declared true never stands
    in for an unrecorded check, so unrecording a field never turns a breach into compliance.
    """
    proc = case.procedure
    declared = proc.meeting.inspection_procedure_complied if proc.meeting is not None else None
    flag_path = "procedure.meeting.inspection_procedure_complied"
    insp = proc.inspection
    breach = declared is False
    unknown: list[str] = []
    if insp is None:
        breach = breach or proc.record_complete
        unknown.append("procedure.inspection")
    else:
        for attr in _INSPECTION_STEPS:
            value = getattr(insp, attr)
            breach = breach or value is False
            if value is None:
                unknown.append(f"procedure.inspection.{attr}")
        if insp.checkable_complaints is None:
            unknown.append("procedure.inspection.checkable_complaints")
        elif insp.checkable_complaints:
            breach = breach or insp.complaints_verified is False
            if insp.complaints_verified is None:
                unknown.append("procedure.inspection.complaints_verified")
        for earlier, later, paths in (
            (
                proc.recommendation.date if proc.recommendation else None,
                insp.start,
                ("procedure.recommendation.date", "procedure.inspection.start"),
            ),
            (
                insp.end,
                proc.meeting.date if proc.meeting else None,
                ("procedure.inspection.end", "procedure.meeting.date"),
            ),
        ):
            if earlier is None or later is None:
                unknown.extend(p for p, v in zip(paths, (earlier, later), strict=True) if v is None)
            else:
                breach = breach or later < earlier
    if declared is None:
        unknown.append(flag_path)
    if breach:
        facts.put("inspection_record_complied", False)
    else:
        facts.put("inspection_record_complied", True if not unknown else None, *unknown)


def _ad_hoc_item(case: Case, facts: Facts) -> None:
    """临时动议: the meeting's declared flag or the motion record, joined by "or".

    An item is ad hoc when declared so, when its motion is dated on or after the meeting (raised at the meeting
    itself), or when a complete record holds no motion.  It was prepared only when the meeting declares it not
    ad hoc (the flag covers preparation the record does not model) and its motion precedes the meeting;
    anything else is unknown, naming what is unrecorded.  The flag never stands in for an unrecorded motion
    date, so unrecording a field never turns an ad-hoc item into a prepared one.
    """
    proc = case.procedure
    declared = proc.meeting.ad_hoc_motion if proc.meeting is not None else None
    meeting_day = proc.meeting.date if proc.meeting is not None else None
    motion_day = proc.motion.date if proc.motion is not None else None
    raised_at_meeting = motion_day is not None and meeting_day is not None and motion_day >= meeting_day
    if declared is True or (proc.motion is None and proc.record_complete) or raised_at_meeting:
        facts.put("ad_hoc_item", True)
        return
    missing = [
        p for p, v in (("procedure.motion.date", motion_day), ("procedure.meeting.date", meeting_day)) if v is None
    ]
    if declared is None:
        missing.append("procedure.meeting.ad_hoc_motion")
    facts.put("ad_hoc_item", False if not missing else None, *missing)


def _seed002(case: Case, facts: Facts) -> None:
    """Seed 002 篇1 (issue 10): the committee settling the motion, nomination, 酝酿, 任前审核, plenary vote."""
    proc = case.procedure
    complete = proc.record_complete
    put_held(case, facts, "motion_settled", "procedure.motion.committee_settled_on")
    put_path(case, facts, "motion_settled_on", "procedure.motion.committee_settled_on")
    put_path(case, facts, "vacancies_published", "procedure.motion.vacancies_published")
    _nomination_ballot(case, facts)
    put_path(case, facts, "recommendations_compiled", "procedure.motion.recommendations_compiled")
    _nomination_opinions(case, facts)
    put_path(case, facts, "consultation_conducted_by", "procedure.motion.consultation_conducted_by")
    put_path(case, facts, "consultation_major_divergence", "procedure.motion.consultation_major_divergence")
    objecting, miss = at_path(case, "procedure.motion.consultation_objecting_principals")
    facts.put("objecting_principal_count", None if objecting is None else len(set(objecting)), miss)
    put_path(case, facts, "consultation_objection_outcome", "procedure.motion.consultation_objection_outcome")
    statutory, miss_s = at_path(case, "procedure.recommendation.statutory_recommenders")
    present, miss_p = at_path(case, "procedure.recommendation.statutory_recommenders_present")
    if statutory is None or present is None:
        facts.put("statutory_recommenders_absent", None, *(m for m in (miss_s, miss_p) if m))
    else:
        facts.put("statutory_recommenders_absent", max(statutory - present, 0))
    put_path(case, facts, "random_drawn_recommenders", "procedure.recommendation.random_drawn_recommenders")
    facts.put("post_local_leadership_principal", case.post.local_leadership_principal.value)
    for name in ("nominated_by_standing_committee", "plenary_recess_urgent", "plenary_members_consulted"):
        put_path(case, facts, name, f"procedure.meeting.{name}")
    review = proc.pre_appointment_review
    for approved, on, prefix in (
        ("internal_review_approved", "internal_review_on", "supervision_office"),
        ("upper_review_approved", "upper_review_on", "upper_department"),
    ):
        if review is None and complete:
            facts.put(approved, False)  # 全程纪实: a review the complete record does not hold did not take place
        else:
            put_path(case, facts, approved, f"procedure.pre_appointment_review.{prefix}_approved")
        put_path(case, facts, on, f"procedure.pre_appointment_review.{prefix}_reviewed_on")
    put_path(case, facts, "department_meeting_on", "procedure.pre_appointment_review.department_meeting_on")
    put_held(case, facts, "departure_publicity_held", "procedure.departure_publicity.start")
    put_path(case, facts, "departure_publicity_end", "procedure.departure_publicity.end")
    put_path(case, facts, "departure_objections_received", "procedure.departure_publicity.objections_received")
    put_path(
        case, facts, "departure_objections_investigated_on", "procedure.departure_publicity.objections_investigated_on"
    )


def _nomination_ballot(case: Case, facts: Facts) -> None:
    ballot = case.procedure.motion.nomination_ballot if case.procedure.motion is not None else None
    put_held(case, facts, "nomination_ballot_held", "procedure.motion.nomination_ballot")
    if ballot is None:
        miss = "procedure.motion.nomination_ballot" if case.procedure.motion is not None else "procedure.motion"
        for name in ("nomination_electors_missing", "nomination_ballot_secret", "candidate_nomination_rank"):
            facts.put(name, None, miss)
        return
    if ballot.electors is None:
        facts.put("nomination_electors_missing", None, "procedure.motion.nomination_ballot.electors")
    else:
        facts.put(
            "nomination_electors_missing", ", ".join(e.value for e in NominationElector if e not in ballot.electors)
        )
    facts.put("nomination_ballot_secret", ballot.secret, "procedure.motion.nomination_ballot.secret")
    if ballot.tallies is None:
        facts.put("candidate_nomination_rank", None, "procedure.motion.nomination_ballot.tallies")
        return
    own = max((t.votes for t in ballot.tallies if t.name == case.candidate.name), default=None)
    if own is None:  # not on the tallies: received no votes, placed after everyone who did
        facts.put("candidate_nomination_rank", sum(1 for t in ballot.tallies if t.votes > 0) + 1)
    else:
        facts.put("candidate_nomination_rank", sum(1 for t in ballot.tallies if t.votes > own) + 1)


_NOMINATION_OPINIONS = (("deputy_secretary", "副书记"), ("discipline_secretary", "纪委书记"))


def _nomination_opinions(case: Case, facts: Facts) -> None:
    motion = case.procedure.motion
    if motion is None:
        facts.put("nomination_opinions_missing", None, "procedure.motion")
        return
    approved = motion.secretary_approved_on
    if approved is None:
        facts.put("nomination_opinions_missing", None, "procedure.motion.secretary_approved_on")
        return
    late: list[str] = []
    unknown: list[str] = []
    for field, term in _NOMINATION_OPINIONS:
        consulted: date | None = getattr(motion, f"{field}_consulted_on")
        if consulted is None:
            if case.procedure.record_complete:
                late.append(term)  # 全程纪实: an opinion the complete record does not hold was not sought
            else:
                unknown.append(f"procedure.motion.{field}_consulted_on")
        elif consulted > approved:
            late.append(term)
    if late:
        facts.put("nomination_opinions_missing", "、".join(late))
    else:
        facts.put("nomination_opinions_missing", None if unknown else "", *unknown)


def _record(case: Case, facts: Facts) -> None:
    """全程记实: every step recorded names who was responsible.

    A step whose record names nobody is unknown (its ``responsible`` is missing), unless the case declares its
    record complete: then the record names nobody and the step counts as unassigned.
    """
    proc = case.procedure
    steps: list[tuple[str, str, HasResponsible | None]] = [
        (Stage.MOTION.zh, "procedure.motion", proc.motion),
        (Stage.RECOMMENDATION.zh, "procedure.recommendation", proc.recommendation),
        (Stage.INSPECTION.zh, "procedure.inspection", proc.inspection),
        (Stage.DISCUSSION.zh, "procedure.meeting", proc.meeting),
        (Stage.PUBLICITY.zh, "procedure.publicity", proc.publicity),
        (Stage.APPOINTMENT.zh, "procedure.appointment", proc.appointment),
    ]
    for field in ("open_selection_steps", "competitive_post_steps"):
        flow = getattr(proc, field) or []
        steps += [(label_zh(s.step), f"procedure.{field}[{k}]", s) for k, s in enumerate(flow)]
    unassigned = [(name, path) for name, path, rec in steps if rec is not None and rec.responsible is None]
    if unassigned and not proc.record_complete:
        facts.put("record_steps_unassigned", None, *(f"{path}.responsible" for _, path in unassigned))
    else:
        facts.put("record_steps_unassigned", len(unassigned))
    facts.put("record_gaps", "、".join(name for name, _ in unassigned))
