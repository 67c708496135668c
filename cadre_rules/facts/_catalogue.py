"""The fact catalogue: every name a rule condition may read, with its type and meaning."""

from __future__ import annotations

from dataclasses import dataclass

from cadre_rules.records._enums import CompetitivePostStep, OpenSelectionStep
from cadre_rules.rules._expr import FactType


@dataclass(frozen=True)
class FactSpec:
    """A derived fact: its type and what it means, in Chinese and English."""

    type: FactType
    zh: str
    en: str
    signed: bool = False
    """An int fact that can be negative (a signed difference, not a count or an age)."""


def _f(type_: FactType, zh: str, en: str, *, signed: bool = False) -> FactSpec:
    return FactSpec(type_, zh, en, signed)


FACTS: dict[str, FactSpec] = {
    # the case
    "is_promotion": _f("bool", "属于提任", "the appointment is a promotion"),
    "appointment_kind": _f("str", "任用类型（promotion 提任；lateral 平级调整或交流）", "kind of appointment"),
    "method": _f("str", "人选产生方式", "how the candidate was produced"),
    "post_tier": _f("str", "拟任职务层次", "level of the target post"),
    "post_tier_rank": _f(
        "int", "拟任职务层次序号（股级、科员=0，乡科级=1，县处级=2，厅局级=3，省部级=4）", "rank of the target level"
    ),
    "post_role": _f("str", "拟任正职或副职", "principal or deputy post"),
    "post_special": _f("bool", "特殊岗位", "special post"),
    "finance_responsibility": _f("str", "拟任职务的财务职责", "finance responsibility of the target post"),
    # eligibility
    "birth_date": _f("date", "出生日期", "date of birth"),
    "work_years": _f("int", "工龄（满年数）", "full years since the work start date"),
    "grassroots_months": _f("int", "基层工作经历（满月数）", "months of grassroots experience"),
    "promotion_step": _f(
        "str",
        "提任路径（deputy_to_principal 副职提正职；lower_principal_to_upper_deputy 下级正职提上级副职；"
        "from_section_unit 科员、股级提任乡科级以上）",
        "promotion step",
    ),
    "deputy_months_same_tier": _f("int", "同层次副职（含相当职级）任职满月数", "months as deputy at the target level"),
    "principal_months_lower_tier": _f(
        "int", "下一层次正职（含相当职级）任职满月数", "months as principal one level below the target"
    ),
    "highest_education": _f(
        "str",
        "最高学历（全日制与在职取高者；none 表示无学历记录）",
        "highest education level, full-time or in-service ('none' when none is recorded)",
    ),
    "has_age_cutoff": _f("bool", "公告设有年龄条件", "the announcement sets an age cut-off"),
    "announcement_born_on_or_after": _f(
        "date", "公告要求的最早出生日期", "earliest birth date the announcement admits"
    ),
    "previous_year_assessment": _f(
        "str", "上一年年度考核等次（以考察开始年份、无则判断日期年份的上一年计）", "previous year's assessment grade"
    ),
    "low_assessment_years_3y": _f(
        "int",
        "近三年（考察开始年份、无则判断日期年份之前三年）年度考核为基本称职以下等次的年数",
        "years graded basically competent or lower among the three years before the inspection",
    ),
    "has_spouse": _f("bool", "有配偶", "has a spouse"),
    "spouse_emigrated": _f("bool", "配偶已移居国（境）外", "the spouse has emigrated"),
    "child_count": _f("int", "子女人数", "number of children"),
    "emigrated_child_count": _f("int", "已移居国（境）外的子女人数", "number of emigrated children"),
    "party_age_years": _f("int", "党龄（自转正之日起满年数）", "full years of party membership since 转正"),
    "post_committee_level": _f(
        "str", "拟任职务所属党委层级（provincial_city 省市；county 县；none 非委员职务）", "committee level of the post"
    ),
    "training_hours_5y": _f(
        "int", "判断日期前5年内开始的培训学时合计", "training hours of courses started in the 5 years before"
    ),
    "training_months_5y": _f(
        "int", "判断日期前5年内的脱产培训时间（满月数）", "months of full-time training in the 5 years before"
    ),
    "training_completion_deadline": _f(
        "date", "提任后补足培训的期限（提任后一年）", "deadline to complete training after promotion"
    ),
    # motion
    "motion_initiator": _f("str", "动议提出者", "who initiated the motion"),
    "motion_listed_ground_count": _f("int", "符合四项动议前提的理由数", "grounds among the four listed premises"),
    "motion_names_person": _f("bool", "动议指定具体人选", "the motion names a specific person"),
    "motion_fixes_pool": _f("bool", "动议划定选拔范围", "the motion fixes the candidate pool"),
    # meeting
    "meeting_body": _f("str", "讨论决定的会议形式", "the deciding body"),
    "member_count": _f("int", "党委（党组）成员数", "members of the deciding body"),
    "members_should_attend": _f("int", "应到会成员数", "members who should attend"),
    "members_present": _f("int", "到会成员数", "members present"),
    "all_members_present": _f("bool", "成员全部到会", "every member present"),
    "agree_count": _f("int", "同意票数", "members who agreed"),
    "present_without_vote": _f("int", "未明确表态的到会成员数", "present members who stated no opinion"),
    "principal_spoke_last": _f("bool", "主要负责人最后表态", "the principal spoke last"),
    "org_department_unified_opinion": _f(
        "bool", "组织部门意见统一", "the organisation department has a unified opinion"
    ),
    "inspection_procedure_complied": _f("bool", "符合考察程序", "the inspection procedure was complied with"),
    "ad_hoc_motion": _f("bool", "临时动议", "the item is an ad-hoc motion"),
    "decision_date": _f("date", "讨论决定日期", "date of the decision"),
    # publicity
    "publicised_at_term_change": _f("bool", "已在换届考察时公示", "already publicised at the term-change inspection"),
    "publicity_start": _f("date", "公示开始日期", "first day of publicity"),
    "publicity_end": _f("date", "公示结束日期", "last day of publicity"),
    "publicity_working_days": _f("int", "公示期工作日数（首尾均计）", "working days of publicity, both ends included"),
    "notice_date": _f("date", "任职通知下发日期", "date the appointment notice was issued"),
    # audit
    "audit_required": _f("bool", "按有关规定需进行经济责任审计", "an economic-responsibility audit is required"),
    "audit_done": _f("bool", "已进行经济责任审计", "the audit was done"),
    "audit_completed_on": _f("date", "审计完成日期", "date the audit was completed"),
    # candidate: sanctions, exceptional promotion, basic qualifications (issue 3)
    "sanctions_in_influence": _f(
        "int", "影响期未满或期满影响使用的处分、处理数", "sanctions or measures whose influence period has not ended"
    ),
    "sanctions_in_influence_2014": _f(
        "int",
        "影响期未满或期满影响使用的组织处理、党纪政纪处分数（不含诫勉，2014条例）",
        "organisational measures or sanctions still barring, admonishments left out (2014 text)",
    ),
    "sanction_influence_detail_2014": _f(
        "str", "影响期未满的组织处理、党纪政纪处分及其期限（不含诫勉）", "which measures still bar (2014 text)"
    ),
    "sanction_influence_detail": _f(
        "str", "影响期未满的处分、处理及其期限", "which sanctions still bar, and until when"
    ),
    "is_exceptional": _f("bool", "属于破格（越级）提拔", "the promotion is exceptional (破格 or 越级)"),
    "exceptional_ground": _f("str", "破格提拔所依据的情形", "the listed ground of the exceptional promotion"),
    "levels_skipped": _f(
        "int", "越过的职务层级数（科员/股级→副科→正科→副处…每级为一级）", "levels skipped by the promotion"
    ),
    "years_since_last_promotion": _f("int", "上次提拔任职满年数", "full years since the last promotion"),
    "in_trial_period": _f("bool", "任职试用期未满", "the trial period of the last promotion is running"),
    "last_promotion_exceptional_on_tenure": _f(
        "bool", "上次提拔已在任职年限上破格", "the last promotion broke a tenure requirement"
    ),
    "exceptional_breaks_tenure": _f(
        "bool", "本次提拔在任职年限上破格", "this promotion breaks a tenure requirement (by a 破格 waiver)"
    ),
    "exceptional_reported_before_decision": _f(
        "bool",
        "讨论决定前已向上级组织（人事）部门报告",
        "reported to the upper organisation department before the decision",
    ),
    "health_fit": _f("bool", "具有正常履行职责的身体条件", "fit to perform the duties"),
    "political_discipline_violation_found": _f(
        "bool", "经查实违反政治纪律和政治规矩", "a breach of political discipline and rules is established"
    ),
    "canvassing_found": _f("bool", "经查实有跑官、拉票等非组织行为", "canvassing for posts or votes is established"),
    "lower_level_post_count": _f(
        "int", "在下一级任职的职位数（含职级、半年以上专项工作）", "posts held at the next lower level"
    ),
    "highest_full_time_education": _f("str", "全日制教育最高学历", "highest full-time education"),
    "highest_in_service_education": _f("str", "在职教育最高学历", "highest in-service education"),
    # announcement (user-written conditions of an open selection or competitive post)
    "age_cutoff_for_candidate": _f(
        "date", "对本人适用的出生日期界限（含放宽）", "the birth-date cut-off for this candidate, relaxations applied"
    ),
    "age_relaxation_years": _f("int", "对本人适用的年龄放宽年数", "years of age relaxation that apply"),
    "has_level_requirement": _f("bool", "公告设有任职年限条件", "the announcement requires years at a level"),
    "months_at_announced_level": _f(
        "int", "截至公告计算日在公告层级及以上任职满月数", "months at the announced level or above by its cut-off"
    ),
    "announced_level_months_required": _f(
        "int", "公告要求的任职月数（含研究生学历缩短）", "months at the level the announcement requires"
    ),
    "has_education_requirement": _f("bool", "公告设有学历条件", "the announcement sets an education condition"),
    "announcement_education_met": _f(
        "bool", "符合公告学历条件之一", "one of the announcement's education alternatives is met"
    ),
    "announcement_party_membership": _f("str", "公告的政治面貌要求", "the announcement's party-membership condition"),
    "party_member": _f("bool", "中共党员", "party member"),
    "has_min_service_before_retirement": _f(
        "bool", "设有距法定退休年龄的最短任职年限", "a minimum remaining service is required"
    ),
    "announcement_min_years_before_retirement": _f(
        "int", "要求距法定退休年龄的最少年数", "years of service required before retirement"
    ),
    "statutory_retirement_date": _f("date", "法定退休日期（渐进式延迟）", "statutory retirement date"),
    "months_to_retirement": _f("int", "距法定退休日期满月数", "full months to the statutory retirement date"),
    # avoidance
    "kinship_avoidance_conflicts": _f(
        "int", "须任职回避的亲属关系数", "relatives in a relation that requires kinship avoidance"
    ),
    "post_local_key_principal": _f(
        "str", "拟任职务属地域回避的正职（county 县级；city 市级；none）", "regional-avoidance category of the post"
    ),
    "grew_up_in_post_locality": _f(
        "bool", "拟任职地为本人成长地", "the post governs the candidate's place of growing up"
    ),
    # plausibility of 三龄两历
    "has_full_time_higher_education": _f("bool", "有全日制大专以上学历", "has full-time higher education"),
    "full_time_higher_entry_age": _f("int", "全日制大专以上入学时的周岁", "age at entry to full-time higher education"),
    "birth_date_conflicts": _f(
        "int", "与出生日期不一致的其他记载（身份证号、档案材料）数", "other records giving a different birth date"
    ),
    "career_overlaps": _f(
        "int", "简历中开始早于上一段结束的工作经历数", "resume lines starting before the previous ends"
    ),
    "career_longest_gap_months": _f("int", "简历最长空档（满月数）", "longest gap in the resume, in full months"),
    # --- procedure (issue 4) ---
    # motion and consultation
    "motion_held": _f("bool", "已作出动议", "a motion was made"),
    "motion_date": _f("date", "动议日期", "date of the motion"),
    "motion_consulted": _f("bool", "动议事项已在一定范围内酝酿", "the motion was consulted on (酝酿)"),
    "motion_consulted_on": _f("date", "酝酿结束日期", "date the consultation ended"),
    "proposal_item_count": _f(
        "int",
        "初步建议涵盖的事项数（职位、条件、范围、方式、程序、人选意向，共六项）",
        "items the proposal covers (of six)",
    ),
    "proposal_missing_items": _f("str", "初步建议缺少的事项", "items missing from the preliminary proposal"),
    "nomination_mode": _f(
        "str", "提名方式（public_nomination 公推提名；consultation 个别酝酿提名）", "nomination mode"
    ),
    "motion_reference_list_size": _f("int", "公推提名参考名单人数", "names on the public-nomination reference list"),
    "secretary_nominee_outside_org_list": _f(
        "bool",
        "书记直接提名的人选未纳入组织部门提供的人选方案",
        "the secretary's nominee is outside the department's list",
    ),
    "posts_to_fill": _f("int", "拟任职务人数", "posts to fill"),
    # democratic recommendation
    "recommendation_held": _f(
        "bool", "已进行民主推荐（会议推荐或谈话调研推荐）", "a democratic recommendation was held"
    ),
    "recommendation_date": _f("date", "民主推荐日期", "date of the recommendation"),
    "recommendation_uses_reference_list": _f(
        "bool", "会议推荐使用了参考人选", "the meeting recommendation used a reference list"
    ),
    "recommendation_reference_list_size": _f(
        "int", "会议推荐参考人选人数", "names on the recommendation reference list"
    ),
    "candidates_by_votes_only": _f("bool", "简单以推荐票确定考察对象", "inspection candidates fixed by votes alone"),
    "recommendation_years_before_inspection": _f(
        "int", "民主推荐至考察开始的满年数", "full years from the recommendation to the start of inspection"
    ),
    # inspection
    "inspection_held": _f("bool", "已进行组织考察", "an inspection was carried out"),
    "inspection_start": _f("date", "考察开始日期", "first day of inspection"),
    "inspection_end": _f("date", "考察结束日期", "last day of inspection"),
    "inspection_team_size": _f("int", "考察组人数", "members of the inspection team"),
    "inspection_file_reviewed": _f("bool", "已审核干部人事档案", "the personnel file was reviewed"),
    "inspection_personal_matters_checked": _f(
        "bool", "已查核个人有关事项报告", "the personal-matters report was checked"
    ),
    "inspection_discipline_opinion": _f(
        "bool", "已就党风廉政情况听取纪检监察机关意见", "the discipline body's opinion was obtained"
    ),
    "inspection_checkable_complaints": _f(
        "bool", "收到反映问题线索具体、有可查性的信访举报", "specific, checkable complaints were received"
    ),
    "inspection_complaints_verified": _f("bool", "已核查信访举报", "the complaints were verified"),
    "integrity_signed_by_secretary": _f(
        "bool", "廉洁自律结论性意见经党委（党组）书记签字", "integrity conclusion signed by the secretary"
    ),
    "integrity_signed_by_discipline_secretary": _f(
        "bool",
        "廉洁自律结论性意见经纪委书记（纪检监察组组长）签字",
        "integrity conclusion signed by the discipline secretary",
    ),
    "inspection_candidate_count": _f("int", "考察对象人数", "inspection candidates"),
    "inspection_notice_given": _f("bool", "已发布考察预告", "an inspection notice was issued"),
    "inspection_notice_date": _f("date", "考察预告日期", "date of the inspection notice"),
    # discussion and decision
    "meeting_held": _f("bool", "已召开党委（党组）会议讨论决定", "a meeting discussed and decided"),
    "voting_method": _f("str", "表决方式", "voting method"),
    "principal_spoke_first": _f("bool", "主要负责人首先发言", "the principal spoke first"),
    "major_divergence": _f("bool", "意见分歧较大", "opinions diverged widely"),
    "vote_deferred": _f("bool", "暂缓表决", "the vote was deferred"),
    "reconsideration_held": _f("bool", "进行了复议", "a decision was reconsidered"),
    "reconsideration_agree_count": _f("int", "同意复议的成员数", "members who agreed to reconsider"),
    "unrecused_related_members": _f(
        "int",
        "涉及本人或亲属而未回避（或回避后仍发言、表态）的与会成员数",
        "members related to the candidate who did not withdraw (or withdrew yet spoke or voted)",
    ),
    "votes_cast": _f("int", "发表意见的成员数", "members who stated an opinion"),
    # publicity and appointment
    "publicity_held": _f("bool", "已进行任前公示", "pre-appointment publicity took place"),
    "publicity_states_exceptional_grounds": _f(
        "bool", "公示说明了破格的具体情形和理由", "the publicity states the grounds of the exceptional promotion"
    ),
    "objections_received": _f("bool", "公示期间收到反映的问题", "objections were received"),
    "objections_resolved_on": _f("date", "反映问题查核了结日期", "date the objections were resolved"),
    "trial_listed_post": _f("bool", "拟任职务属于实行试用期的职务", "the post is one with a trial period"),
    "trial_period": _f("bool", "实行任职试用期", "the appointment is on trial"),
    "trial_end": _f("date", "试用期满日期", "end of the trial period"),
    "trial_expected_end": _f("date", "自任职通知之日起满一年的日期", "one year from the appointment notice"),
    "talk_held": _f("bool", "已进行任职谈话", "an appointment talk was held"),
    "talk_date": _f("date", "任职谈话日期", "date of the appointment talk"),
    "tenure_start": _f("date", "记载的任职时间起算日", "recorded start of tenure"),
    "engagement_term_years": _f("int", "聘期（年）", "engagement term (years)"),
    "posts_applied_for": _f("int", "竞争上岗报名岗位数", "competitive posts applied for"),
    # discipline
    "unit_approved_quota": _f("int", "核定职数", "approved post quota"),
    "unit_holders_before": _f("int", "任用前实有人数", "posts filled before the appointment"),
    "restructuring_pending": _f("bool", "机构变动", "the unit is being restructured"),
    "principal_departure_decided": _f("bool", "主要领导成员已经明确即将离任", "the principal's departure is decided"),
    "principal_near_age_limit": _f("bool", "主要领导成员即将达到任职年龄界限", "the principal nears the age limit"),
    "prior_report_approved": _f("bool", "已事先报告上级组织部门并获同意", "approved on a prior report"),
    "age_at_party_admission": _f("int", "入党时年龄（周岁）", "age at party admission", signed=True),
    "age_at_work_start": _f("int", "参加工作时年龄（周岁）", "age at the work start date", signed=True),
    "probation_months": _f("int", "入党至转正的满月数", "full months from admission to full membership", signed=True),
    # seed 002 篇3–篇5: team analysis, term-change discipline, departure check, complaints, audits, filing, terms
    "term_change": _f("bool", "属于领导班子换届", "the appointment is made at a term change"),
    "motion_ground_vacancy": _f("bool", "动议前提含领导职位出现空缺", "the motion rests on a vacancy"),
    "team_analysis_held": _f("bool", "已开展领导班子专题分析研判", "a dedicated team analysis was held"),
    "team_analysis_date": _f("date", "领导班子专题分析研判日期", "date of the team analysis"),
    "inspection_professional_competence": _f(
        "bool", "考察中进行了专业能力和专业素养考评", "the inspection assessed professional competence"
    ),
    "recommendation_meeting_held": _f("bool", "召开了民主推荐会议", "a recommendation meeting was held"),
    "recommendation_discipline_questionnaire": _f(
        "bool", "民主推荐会议同时进行了换届纪律问卷调查", "a term-change discipline questionnaire ran with the meeting"
    ),
    "candidate_publicity_held": _f("bool", "发布了考察对象公示", "the inspection candidates were publicised"),
    "candidate_publicity_invites_discipline_reports": _f(
        "bool",
        "考察对象公示将违反换届纪律行为列为举报内容",
        "the candidate notice invites reports of discipline breaches",
    ),
    "term_change_discipline_examined": _f(
        "bool", "考察了解了考察对象遵守换届纪律情况", "the inspection examined term-change discipline"
    ),
    "inspection_procuratorate_opinion": _f("bool", "已征求检察机关意见", "the procuratorate's opinion was obtained"),
    "departure_check_due": _f(
        "bool", "拟离任的市、县党委书记（应进行离任检查）", "the candidate leaves a city or county secretary post"
    ),
    "departure_check_held": _f("bool", "已进行离任检查", "the departure check was held"),
    "departure_check_date": _f("date", "离任检查完成日期", "date the departure check was completed"),
    "term_change_report_longest_days": _f(
        "int",
        "涉及换届纪律的举报（村“两委”除外）受理至办结（未办结的至判断日期）的最长天数",
        "longest days from receipt to closure (to the as-of date if open) of a term-change discipline report",
    ),
    "village_term_change_report_longest_days": _f(
        "int",
        "村“两委”换届问题举报受理至办结（未办结的至判断日期）的最长天数",
        "longest days from receipt to closure (to the as-of date if open) of a village term-change report",
    ),
    "office_buying_found": _f("bool", "查实买官卖官", "sale or purchase of office established"),
    "audit_problems_found": _f("bool", "经济责任审计发现问题", "the audit found problems"),
    "audit_problems_addressed": _f(
        "bool", "任免决定已研究处理审计发现的问题", "the decision took up the problems the audit found"
    ),
    "decided_during_rectification": _f(
        "bool",
        "讨论决定时本级党委（党组）违规用人整改尚未验收合格",
        "decided while a rectification was not yet accepted",
    ),
    "filed_held": _f("bool", "已报上级组织部门备案", "the appointment was filed with the upper department"),
    "filed_on": _f("date", "备案日期", "date the appointment was filed"),
    "fixed_term": _f("bool", "实行任期制", "the post is held for a fixed term"),
    # method flows: one held / in-order pair per step (generated below)
    "os_inconsistent_steps": _f("str", "公开选拔中日期自相矛盾的步骤", "open-selection steps dated inconsistently"),
    "os_inconsistent_step_count": _f(
        "int", "公开选拔中日期自相矛盾的步骤数", "open-selection steps dated inconsistently"
    ),
    "cp_inconsistent_steps": _f("str", "竞争上岗中日期自相矛盾的步骤", "competitive-post steps dated inconsistently"),
    "cp_inconsistent_step_count": _f(
        "int", "竞争上岗中日期自相矛盾的步骤数", "competitive-post steps dated inconsistently"
    ),
}

FLOW_PREFIXES: dict[str, type[OpenSelectionStep] | type[CompetitivePostStep]] = {
    "os": OpenSelectionStep,
    "cp": CompetitivePostStep,
}
"""Step facts: ``os_<step>_held`` / ``os_<step>_in_order`` (open selection), ``cp_…`` (competitive posts)."""

for _prefix, _steps in FLOW_PREFIXES.items():
    _label = "公开选拔" if _prefix == "os" else "竞争上岗"
    for _step in _steps:
        FACTS[f"{_prefix}_{_step.value}_held"] = _f(
            "bool", f"{_label}步骤 {_step.value} 已进行", f"step {_step.value} held"
        )
        FACTS[f"{_prefix}_{_step.value}_in_order"] = _f(
            "bool", f"{_label}步骤 {_step.value} 不早于此前各步骤", f"step {_step.value} follows every earlier step"
        )
