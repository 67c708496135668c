"""Candidate-side facts beyond 第八条's service counts: sanctions, exceptional promotion, announcements,
avoidance, retirement and the plausibility of 三龄两历."""

from __future__ import annotations

import itertools
import math
from datetime import date
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from cadre_rules.facts._dates import completed_months, completed_years, merge_periods, spans_until, total_months
from cadre_rules.facts._kinship import within_avoidance
from cadre_rules.instruments import Library
from cadre_rules.records._case import CareerEntry, Case, MonthDate, Relative, Sanction
from cadre_rules.records._enums import (
    GRADE_EQUIVALENT,
    Degree,
    EducationLevel,
    EducationMode,
    Gender,
    LocalKeyPrincipal,
    PartyMembershipRequirement,
    RelaxedGroup,
    RetirementCategory,
    Role,
    SanctionKind,
    Tier,
    WorkArea,
    WorkRelation,
)
from cadre_rules.records._id_number import check_id_number

if TYPE_CHECKING:
    from cadre_rules.facts._derive import Facts

SENSITIVE_WORK = frozenset(
    {WorkArea.ORGANISATION_PERSONNEL, WorkArea.DISCIPLINE_SUPERVISION, WorkArea.AUDIT, WorkArea.FINANCE}
)
"""组织(人事)、纪检(监察)、审计、财务: work not to be done in an organ a relative leads."""

HAN = frozenset({"汉族", "汉"})
SPECIAL_ASSIGNMENT_MIN_MONTHS = 6  # 12371 系列问答14: 专项工作 of half a year or more counts as a post
MIN_PROBATION_YEARS = 1  # 纪律处分条例: 留党察看 is one or two years; an unrestored member is barred for at least one


def level_of(entry: CareerEntry) -> tuple[Tier, Role] | None:
    """The (tier, role) of a resume line: its leadership post, else the equivalent of its 职级."""
    if entry.tier is not None and entry.role is not None:
        return entry.tier, entry.role
    if entry.grade is not None:
        return GRADE_EQUIVALENT.get(entry.grade)
    return None


def step_of(tier: Tier, role: Role) -> int:
    """Position on the ladder 科员/股级 < 副科 < 正科 < 副处 < 正处 < …; one step is one level (一级).

    Below 副科 there is one step (1): 一级、二级科员 and the 股级 posts (股长、副股长), which are not statutory
    levels (cadre-records.md §4.1), so 股长 and 副股长 share it and 科员 → 副科 skips nothing.
    """
    if tier is Tier.SECTION_UNIT:
        return 1
    return tier.rank * 2 + (1 if role is Role.PRINCIPAL else 0)


def candidate_facts(case: Case, facts: Facts, library: Library) -> None:
    """Every fact of this module."""
    _sanction_facts(case, facts, library)
    _exceptional_facts(case, facts)
    _basic_qualification_facts(case, facts)
    _announcement_facts(case, facts)
    _avoidance_facts(case, facts)
    _retirement_facts(case, facts, library)
    _plausibility_facts(case, facts)


def _sanction_facts(case: Case, facts: Facts, library: Library) -> None:
    """Sanctions whose influence period runs past the as-of date (2019 第二十四条（六）; 2014 without 诫勉).

    The period is the one of the instrument in force on the decision date; it ends ``months`` after the day it
    counts from (the decision, or for 留党察看 the restoration of rights), and the day it ends is free again.
    The 2014 list (第二十四条（五）, number low) names 组织处理 and 党纪政纪处分 but not 诫勉: its count leaves
    admonishments out.
    """
    sanctions = case.candidate.sanctions
    if sanctions is None:
        for name in ("sanctions_in_influence", "sanction_influence_detail"):
            facts.put(name, None, "candidate.sanctions")
        for name in ("sanctions_in_influence_2014", "sanction_influence_detail_2014"):
            facts.put(name, None, "candidate.sanctions")
        return
    for suffix, kept in (("", sanctions), ("_2014", [s for s in sanctions if s.kind is not SanctionKind.ADMONISHMENT])):
        open_details, unknown = _in_influence(case, kept, facts.as_of, library)
        if unknown and not open_details:
            facts.put(f"sanctions_in_influence{suffix}", None, *unknown)
        else:
            facts.put(f"sanctions_in_influence{suffix}", len(open_details))
        facts.put(f"sanction_influence_detail{suffix}", "；".join(open_details) or "无")


def _in_influence(case: Case, kept: list[Sanction], as_of: date, library: Library) -> tuple[list[str], list[str]]:
    """The sanctions of ``kept`` that still bar on ``as_of`` (described), and the fields that leave one open."""
    sanctions = case.candidate.sanctions or []
    open_details: list[str] = []
    unknown: list[str] = []
    for s in kept:
        path = f"candidate.sanctions[{next(i for i, x in enumerate(sanctions) if x is s)}]"
        if s.decided_on > as_of:
            continue
        label = f"{s.measure or s.kind.value}（{s.decided_on.isoformat()}）"
        if s.affects_use_after_expiry:
            open_details.append(f"{label}期满影响使用")
            continue
        if s.measure is None:
            unknown.append(f"{path}.measure")
            continue
        period = library.influence_period(s.kind.value, s.measure, s.decided_on, case.kind.value)
        if period is None:
            unknown.append(f"{path}.measure")
            continue
        start = s.decided_on
        if period.counted_from == "restored":
            if s.restored_on is None:
                if s.decided_on + relativedelta(years=MIN_PROBATION_YEARS) > as_of:
                    open_details.append(f"{label}留党察看期间")
                else:
                    unknown.append(f"{path}.restored_on")
                continue
            start = s.restored_on
        end = start + relativedelta(months=period.months)
        if as_of < end:
            open_details.append(f"{label}影响期{period.months}个月至{end.isoformat()}（{period.param}）")
    return open_details, unknown


def current_level(case: Case) -> tuple[Tier, Role] | None:
    """The current (tier, role): the recorded current post, else the one level of the open resume lines.

    A half-recorded current post (tier or role only) is completed from the open resume lines only when
    exactly one of their levels agrees with the recorded half; open lines at different levels, or none
    agreeing, leave the level unknown rather than picking one of them.
    """
    cand = case.candidate
    if cand.current_tier is not None and cand.current_role is not None:
        return cand.current_tier, cand.current_role
    agreeing = {
        lvl
        for e in cand.career or []
        if e.end is None
        and (lvl := level_of(e)) is not None
        and cand.current_tier in (None, lvl[0])
        and cand.current_role in (None, lvl[1])
    }
    return agreeing.pop() if len(agreeing) == 1 else None


def _exceptional_facts(case: Case, facts: Facts) -> None:
    exc = case.procedure.exceptional_promotion
    facts.put("is_exceptional", exc is not None)
    ground = exc.ground if exc is not None else None
    facts.put("exceptional_ground", ground.value if ground is not None else "none")
    current = current_level(case)
    skipped = None
    if current is not None:
        skipped = max(0, step_of(case.post.tier, case.post.role) - step_of(*current) - 1)
    facts.put("levels_skipped", skipped, "candidate.current_tier", "candidate.current_role")
    last = case.candidate.last_promotion
    as_of = facts.as_of
    facts.put(
        "years_since_last_promotion",
        completed_years(last.date, as_of) if last is not None else None,
        "candidate.last_promotion",
    )
    if last is None:
        facts.put("in_trial_period", None, "candidate.last_promotion")
        facts.put("last_promotion_exceptional_on_tenure", None, "candidate.last_promotion")
    else:
        trial_end = last.trial_period_end
        facts.put(
            "in_trial_period",
            as_of < trial_end if trial_end is not None else None,
            "candidate.last_promotion.trial_period_end",
        )
        facts.put(
            "last_promotion_exceptional_on_tenure",
            last.exceptional_on_tenure,
            "candidate.last_promotion.exceptional_on_tenure",
        )
    reported = exc.reported_to_upper_department_on if exc is not None else None
    meeting = case.procedure.meeting
    decided = meeting.date if meeting is not None else None
    if reported is None and decided is not None and case.procedure.record_complete:
        # 全程纪实: a report upward that the complete record does not hold was not made
        facts.put("exceptional_reported_before_decision", False)
        return
    facts.put(
        "exceptional_reported_before_decision",
        reported < decided if reported is not None and decided is not None else None,
        *(
            p
            for p, v in (
                ("procedure.exceptional_promotion.reported_to_upper_department_on", reported),
                ("procedure.meeting.date", decided),
            )
            if v is None
        ),
    )


def _basic_qualification_facts(case: Case, facts: Facts) -> None:
    """第八条（二）posts at the next lower level, （六）health, the 全日制/在职 columns, 第二十四条（一）（四）."""
    cand = case.candidate
    facts.put("health_fit", cand.health_fit, "candidate.health_fit")
    for name in ("political_discipline_violation_found", "canvassing_found"):
        facts.put(name, getattr(cand, name), f"candidate.{name}")
    if cand.career is None:
        facts.put("lower_level_post_count", None, "candidate.career")
    else:
        lower_rank = case.post.tier.rank - 1
        count = 0
        for entry in cand.career:
            if not entry.is_work or entry.start >= facts.as_of:
                continue
            level = level_of(entry)
            if entry.special_assignment:
                months = completed_months(entry.start, min(entry.end or facts.as_of, facts.as_of))
                if months >= SPECIAL_ASSIGNMENT_MIN_MONTHS and (level is None or level[0].rank == lower_rank):
                    count += 1
            elif level is not None and level[0].rank == lower_rank:
                count += 1
        facts.put("lower_level_post_count", count)
    for mode, name in (
        (EducationMode.FULL_TIME, "highest_full_time_education"),
        (EducationMode.IN_SERVICE, "highest_in_service_education"),
    ):
        if cand.education is None:
            facts.put(name, None, "candidate.education")
        else:
            levels = [e.level for e in cand.education if e.mode is mode]
            facts.put(name, max(levels, key=lambda lv: lv.rank).value if levels else "none")


def _party_member(case: Case) -> bool | None:
    cand = case.candidate
    if cand.party_member is not None:
        return cand.party_member
    return True if cand.party_admission_date is not None else None


def _in_group(case: Case, group: RelaxedGroup) -> bool | None:
    cand = case.candidate
    if group is RelaxedGroup.FEMALE:
        return cand.gender is Gender.FEMALE if cand.gender is not None else None
    return cand.ethnicity not in HAN if cand.ethnicity is not None else None


def _announcement_facts(case: Case, facts: Facts) -> None:
    """An announcement's conditions, read for this candidate (the announcement is data the user writes)."""
    ann = case.procedure.announcement
    cand = case.candidate
    # Age cut-off with the relaxations that apply to this candidate.
    cutoff = ann.born_on_or_after if ann is not None else None
    facts.put("has_age_cutoff", cutoff is not None)
    facts.put("announcement_born_on_or_after", cutoff, "procedure.announcement.born_on_or_after")
    if ann is not None and cutoff is not None:
        relax, unknown = 0, []
        for _i, r in enumerate(ann.age_relaxations):
            member = _in_group(case, r.group)
            if member is None:
                unknown.append(f"candidate.{'gender' if r.group is RelaxedGroup.FEMALE else 'ethnicity'}")
            elif member:
                relax = max(relax, r.years)
        born_after = cand.birth_date is not None and cand.birth_date >= cutoff
        if unknown and not born_after:
            facts.put("age_cutoff_for_candidate", None, *unknown)
        else:
            facts.put("age_cutoff_for_candidate", cutoff - relativedelta(years=relax))
        facts.put("age_relaxation_years", relax)
    else:
        facts.put("age_cutoff_for_candidate", None, "procedure.announcement.born_on_or_after")
        facts.put("age_relaxation_years", 0)

    req = ann.min_years_at_level if ann is not None else None
    facts.put("has_level_requirement", req is not None)
    if req is None:
        facts.put("months_at_announced_level", None, "procedure.announcement.min_years_at_level")
        facts.put("announced_level_months_required", None, "procedure.announcement.min_years_at_level")
    else:
        if cand.career is None:
            facts.put("months_at_announced_level", None, "candidate.career")
        else:
            floor = step_of(req.tier, req.role)
            at_level = (
                e for e in cand.career if e.is_work and (lvl := level_of(e)) is not None and step_of(*lvl) >= floor
            )
            facts.put("months_at_announced_level", total_months(spans_until(at_level, req.counted_to)))
        if cand.education is None and req.postgraduate_reduction_years:
            facts.put("announced_level_months_required", None, "candidate.education")
        else:
            graduate = any(
                e.level is EducationLevel.POSTGRADUATE or e.degree in (Degree.MASTER, Degree.DOCTOR)
                for e in cand.education or []
            )
            years = req.years - (req.postgraduate_reduction_years if graduate else 0)
            facts.put("announced_level_months_required", 12 * max(years, 0))

    alternatives = ann.education if ann is not None else None
    facts.put("has_education_requirement", alternatives is not None)
    if alternatives is None:
        facts.put("announcement_education_met", None, "procedure.announcement.education")
    elif cand.education is None:
        facts.put("announcement_education_met", None, "candidate.education")
    else:
        met = any(
            e.level.rank >= alt.level.rank and (alt.mode is None or e.mode is alt.mode)
            for alt in alternatives
            for e in cand.education
        )
        facts.put("announcement_education_met", met)

    membership = ann.party_membership if ann is not None else PartyMembershipRequirement.ANY
    facts.put("announcement_party_membership", membership.value)
    member = _party_member(case)
    facts.put("party_member", member, "candidate.party_member")

    minimum = ann.min_years_before_retirement if ann is not None else None
    facts.put("has_min_service_before_retirement", minimum is not None)
    facts.put("announcement_min_years_before_retirement", minimum, "procedure.announcement.min_years_before_retirement")


def _avoidance_position(rel: Relative, case: Case, path: str) -> tuple[bool | None, list[str]]:
    """Whether the relative's post stands to the target post as 暂行规定 第三条 forbids; unknown fields."""
    if rel.same_organ is None:
        return None, [f"{path}.same_organ"]
    if not rel.same_organ:
        return False, []
    relation = rel.work_relation
    if relation is None:
        return None, [f"{path}.work_relation"]
    if relation in (WorkRelation.DIRECT_LINE, WorkRelation.SAME_LEADER):
        return True, []
    if relation is WorkRelation.RELATIVE_LEADS_ORGAN:
        area = case.post.work_area
        return (None, ["post.work_area"]) if area is None else (area in SENSITIVE_WORK, [])
    if relation is WorkRelation.CANDIDATE_LEADS_ORGAN:
        return (None, [f"{path}.work_area"]) if rel.work_area is None else (rel.work_area in SENSITIVE_WORK, [])
    return False, []


def _avoidance_facts(case: Case, facts: Facts) -> None:
    """任职回避 (kinship in the same organ) and 地域回避 (the place of growing up)."""
    post = case.post
    family = case.candidate.family
    if family is None:
        facts.put("kinship_avoidance_conflicts", None, "candidate.family")
    else:
        conflicts, unknown = 0, []
        for i, rel in enumerate(family):
            path = f"candidate.family[{i}]"
            related = within_avoidance(rel.relation)  # None: an unrecognised 称谓, never silently outside
            if related is False:
                continue
            position, lacking = _avoidance_position(rel, case, path)
            if position is False:
                continue
            if related is None:
                lacking = [f"{path}.relation", *lacking]
            if related and position:
                conflicts += 1
            else:
                unknown.extend(lacking)
        facts.put(
            "kinship_avoidance_conflicts", None if unknown and not conflicts else conflicts, *dict.fromkeys(unknown)
        )

    facts.put("post_local_key_principal", post.local_key_principal.value)
    places = case.candidate.grew_up_in
    if post.local_key_principal is LocalKeyPrincipal.NONE:
        facts.put("grew_up_in_post_locality", False)
    else:
        lacking = [p for p, v in (("post.locality", post.locality), ("candidate.grew_up_in", places)) if v is None]
        value = None if lacking else post.locality in (places or [])
        facts.put("grew_up_in_post_locality", value, *lacking)


def _retirement_category(case: Case) -> tuple[RetirementCategory | None, str | None]:
    """The recorded category, else the default from gender and the post's level; the field lacking, if any.

    Women at a 县处级 post retire at 60 (组通字〔2015〕14号 一), women below it at 55 (女干部).  Above 县处级 no
    encoded text gives women cadres' age, so the category must be recorded.
    """
    cand = case.candidate
    if cand.retirement_category is not None:
        return cand.retirement_category, None
    if cand.gender is None:
        return None, "candidate.gender"
    if cand.gender is Gender.MALE:
        return RetirementCategory.MALE, None
    tier = case.post.tier
    if tier is Tier.COUNTY_DIVISION:
        return RetirementCategory.FEMALE_COUNTY_60, None
    if tier.rank < Tier.COUNTY_DIVISION.rank:
        return RetirementCategory.FEMALE_55, None
    return None, "candidate.retirement_category"


_RETIREMENT_PARAMS: dict[RetirementCategory, tuple[str, str]] = {
    RetirementCategory.MALE: ("male", "male"),
    RetirementCategory.FEMALE_55: ("female_55", "female_55"),
    RetirementCategory.FEMALE_50: ("female_50", "female_50"),
    # the 2015 notice's age, delayed on the men's schedule of the 2024 measures (a reading: see its meta notes)
    RetirementCategory.FEMALE_COUNTY_60: ("female_county_60", "male"),
}
"""Per category: the suffix of its base-age parameter and of its delay-schedule parameters."""


def statutory_retirement_date(birth: date, category: RetirementCategory, library: Library, as_of: date) -> date | None:
    """The day the statutory retirement age is reached under the 2024 gradual-delay measures 第一条.

    Cohort index ``i = (birth_year − first_year)·12 + birth_month``; delay ``min(ceil(i/step), cap)`` months
    (none for ``i < 1``); the age is reached on the birthday (29 February → 28 February in common years).
    Women cadres at 县处级 (组通字〔2015〕14号) start from 60 and follow the men's schedule.  None when the
    measures are not in force on ``as_of``.
    """
    base_suffix, schedule = _RETIREMENT_PARAMS[category]
    values = [library.param_value(f"retirement_base_age_{base_suffix}", as_of)] + [
        library.param_value(f"retirement_{name}_{schedule}", as_of)
        for name in ("delay_step_months", "delay_cap_months", "first_cohort_birth_year")
    ]
    if any(not isinstance(v, int) for v in values):
        return None
    base, step, cap, first_year = (int(v) for v in values)  # type: ignore[arg-type]
    index = (birth.year - first_year) * 12 + birth.month
    delay = min(math.ceil(index / step), cap) if index >= 1 else 0
    return birth + relativedelta(years=base, months=delay)


def _retirement_facts(case: Case, facts: Facts, library: Library) -> None:
    birth = case.candidate.birth_date
    category, lacking_category = _retirement_category(case)
    lacking = [p for p, v in (("candidate.birth_date", birth), (lacking_category, category)) if v is None and p]
    when = None
    if birth is not None and category is not None:
        when = statutory_retirement_date(birth, category, library, facts.as_of)
        if when is None:
            lacking = ["regulations.retirement-age-measures-2024"]
    facts.put("statutory_retirement_date", when, *lacking)
    facts.put("months_to_retirement", completed_months(facts.as_of, when) if when else None, *lacking)


def _id_birth_date(id_number: str) -> date | None:
    """The birth date embedded in a resident ID number (GB 11643: 18 digits, or 15 with 19YY)."""
    text = id_number.strip()
    try:
        if len(text) == 18:
            return date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
        if len(text) == 15:
            return date(1900 + int(text[6:8]), int(text[8:10]), int(text[10:12]))
    except ValueError:
        return None
    return None


def _same_birth_date(a: date, b: date) -> bool:
    """Two records of the birth date agree: the same day, or the same month when either gives only the month."""
    if isinstance(a, MonthDate) or isinstance(b, MonthDate):
        return (a.year, a.month) == (b.year, b.month)
    return a == b


def _earlier(a: date, b: date) -> bool:
    """``a`` is before ``b``; by month when either is given to the month (a resume line that ends in the month
    the next one starts is a transfer, not an overlap)."""
    if isinstance(a, MonthDate) or isinstance(b, MonthDate):
        return (a.year, a.month) < (b.year, b.month)
    return a < b


def _id_number_facts(case: Case, facts: Facts) -> None:
    """The parts of the ID number checked on their own (records/_id_number.py): each rule names one fault."""
    number = case.candidate.id_number
    check = check_id_number(number) if number is not None else None
    facts.put("id_number_well_formed", check.well_formed if check else None, "candidate.id_number")
    facts.put("id_number_check_digit_ok", check.check_digit_ok if check else None, "candidate.id_number")
    facts.put("id_number_birth_date_ok", check.birth_date_ok if check else None, "candidate.id_number")
    facts.put("id_number_region_ok", check.region_ok if check else None, "candidate.id_number")


def _plausibility_facts(case: Case, facts: Facts) -> None:
    """三龄两历 checks a reviewer wants before submission."""
    cand = case.candidate
    birth = cand.birth_date
    no_birth = ("candidate.birth_date",)
    higher = [
        (i, e)
        for i, e in enumerate(cand.education or [])
        if e.mode is EducationMode.FULL_TIME and e.level.rank >= EducationLevel.JUNIOR_COLLEGE.rank
    ]
    facts.put(
        "has_full_time_higher_education", bool(higher) if cand.education is not None else None, "candidate.education"
    )
    starts = [e.start for _, e in higher if e.start is not None]
    lacking = [f"candidate.education[{i}].start" for i, e in higher if e.start is None]
    if birth is None or not starts or lacking:
        facts.put("full_time_higher_entry_age", None, *(lacking or no_birth))
    else:
        facts.put("full_time_higher_entry_age", completed_years(birth, min(starts)))
    if birth is None:
        facts.put("birth_date_conflicts", None, *no_birth)
    else:
        others = list(cand.other_recorded_birth_dates or [])
        embedded = _id_birth_date(cand.id_number) if cand.id_number else None
        if embedded is not None:
            others.append(embedded)
        conflicts = sum(1 for d in others if not _same_birth_date(d, birth))
        unknown = cand.id_number is None and not conflicts
        facts.put("birth_date_conflicts", None if unknown else conflicts, "candidate.id_number")
    _id_number_facts(case, facts)
    if cand.career is None:
        facts.put("career_overlaps", None, "candidate.career")
        facts.put("career_longest_gap_months", None, "candidate.career")
        return
    lines = sorted((e for e in cand.career if e.is_work and not e.special_assignment), key=lambda e: e.start)
    overlaps = sum(1 for a, b in itertools.pairwise(lines) if a.end is None or _earlier(b.start, a.end))
    merged = merge_periods(spans_until(cand.career, facts.as_of))
    gaps = [completed_months(a.end, b.start) for a, b in itertools.pairwise(merged)]
    facts.put("career_overlaps", overlaps)
    facts.put("career_longest_gap_months", max(gaps, default=0))
