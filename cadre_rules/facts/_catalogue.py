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
    "appointment_kind": _f(
        "str", "任用类型（promotion 提任；lateral 平级调整或交流；removal 免职）", "kind of appointment (or removal)"
    ),
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
    "notice_date": _f("date", "任职（免职）通知下发日期", "date the appointment (or removal) notice was issued"),
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
    "id_number_well_formed": _f(
        "bool",
        "身份证号为 18 位（末位为校验码）或 15 位",
        "the ID number has 18 characters (check digit last) or 15 digits",
    ),
    "id_number_check_digit_ok": _f(
        "bool", "身份证号格式正确且校验码与前 17 位相符", "the ID number is well formed and its check digit is right"
    ),
    "id_number_birth_date_ok": _f("bool", "身份证号中的出生日期真实存在", "the birth date in the ID number exists"),
    "id_number_region_ok": _f(
        "bool",
        "身份证号的地址码为出生年份存在的县级行政区",
        "the ID number's region code named a county in the birth year",
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
    "talk_held": _f("bool", "已进行任职谈话（免职案件：同免职干部谈话）", "an appointment (or removal) talk was held"),
    "talk_date": _f("date", "任职（免职）谈话日期", "date of the appointment (or removal) talk"),
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
    # several candidates (差额) and seed 000's open-selection record (issue 10)
    "candidates_listed": _f("bool", "案卷列有全部考察、票决人选（差额）", "the case lists the candidates considered"),
    "has_eligible_pool": _f("bool", "公告列明选拔范围", "the announcement states an eligible pool"),
    "important_cadre": _f("bool", "拟任职务为市委确定的重要干部", "the post is designated an important cadre post"),
    "recommendation_body": _f("str", "民主推荐的推荐主体（会议）", "the body that held the recommendation"),
    "decided_by_managing_committee": _f(
        "bool", "由按干部管理权限管理该职务的党委决定", "decided by the committee that manages the post"
    ),
    "vote_candidate_count": _f("int", "列入差额票决的人选数", "candidates put to the competitive vote"),
    "vote_candidates_uninspected": _f(
        "int", "列入票决但未列为考察对象的人选数", "candidates in the vote who were not inspection candidates"
    ),
    "vote_chosen_outvoted": _f(
        "int",
        "确定的人选同意票少于未确定的票决人选的人数",
        "chosen candidates with fewer agree votes than a candidate not chosen",
    ),
    "rank_departures_unexplained": _f(
        "int",
        "推荐得票（最后一轮）少于未列为考察对象者而列为考察对象、且未说明理由的人数",
        "inspection candidates ranked below an unlisted candidate, with no recorded reason",
    ),
    "rank_departure_names": _f("str", "上述考察对象姓名", "names of those inspection candidates"),
    "competitors_canvassing": _f(
        "int", "经查实有拉票等非组织活动的参与竞争人选数", "competing candidates found to have canvassed"
    ),
    "falsification_found": _f("bool", "经查实弄虚作假", "falsification is established"),
    "os_missing_parts": _f("str", "公开选拔步骤缺少的环节", "parts missing from the open-selection steps"),
    "os_missing_part_count": _f("int", "公开选拔步骤缺少的环节数", "parts missing from the open-selection steps"),
    "os_unsupervised_steps": _f(
        "str", "纪委未派员参与监督的公开选拔步骤", "open-selection steps without discipline-commission supervision"
    ),
    "os_unsupervised_step_count": _f(
        "int", "纪委未派员参与监督的公开选拔步骤数", "open-selection steps without discipline-commission supervision"
    ),
    "os_first_step_start": _f(
        "date", "发布公告和简章（未记载时为首个步骤）的开始日期", "start of the announcement (else of the first step)"
    ),
    "os_plan_adopted": _f("bool", "已制定实施方案", "an implementation plan was adopted"),
    "os_plan_adopted_on": _f("date", "实施方案制定日期", "date the implementation plan was adopted"),
    "complaints_open_at_decision": _f(
        "int",
        "讨论决定前受理而未查核办结（或查核后未办结即决定）的举报数",
        "complaints received before the decision and not verified and closed by it",
    ),
    "announcement_post_count": _f("int", "公告列明的职位数", "posts the announcement lists"),
    "announcement_pool_size": _f("int", "公告列明的选拔范围项数", "entries of the announced eligible pool"),
    "post_announced": _f("bool", "拟任职务为公告所列职位", "the target post is one the announcement lists"),
    "announced_post_count": _f("int", "公告为该职位公布的职数", "number the announcement gives for the post"),
    "candidate_in_pool": _f("bool", "本人属于公告的选拔范围", "the candidate is inside the announced pool"),
    "has_experience_requirement": _f(
        "bool", "公告设有任职经历条件", "the announcement sets career-experience conditions"
    ),
    "experience_unmet": _f("str", "不符合的任职经历条件", "career-experience conditions not met"),
    "experience_unmet_count": _f("int", "不符合的任职经历条件数", "career-experience conditions not met"),
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
    "evaluation_held": _f("bool", "判断日期前进行过考核测评", "an evaluation (考核测评) was held by the as-of date"),
    "evaluation_date": _f("date", "最近一次考核测评日期", "date of the latest evaluation"),
    "evaluation_fit_votes": _f(
        "int", "最近一次考核测评中优秀和称职票数", "excellent and competent votes in the latest evaluation"
    ),
    "evaluation_votes": _f("int", "最近一次考核测评总票数", "votes counted in the latest evaluation"),
    "term_change_life_meeting_held": _f(
        "bool", "换届前召开了严肃换届纪律专题民主生活会", "the team held the special term-change discipline meeting"
    ),
    "term_change_life_meeting_on": _f(
        "date", "严肃换届纪律专题民主生活会日期", "date of the special term-change discipline meeting"
    ),
    "candidate_principal_or_reserve": _f(
        "bool", "本人为主要领导干部或后备干部", "the candidate is a principal or a reserve cadre"
    ),
    "term_change_discipline_talk_held": _f(
        "bool", "已对本人进行严肃换届纪律谈话", "the term-change discipline talk was held with the candidate"
    ),
    "term_change_discipline_talk_on": _f("date", "严肃换届纪律谈话日期", "date of the discipline talk"),
    "term_change_approved_posts": _f("int", "换届班子核定领导职数", "the team's approved number of leading posts"),
    "term_change_planned_posts": _f(
        "int", "换届设置（配备或拟配）的领导职数", "leading posts the term change sets for the team"
    ),
    # method flows: one held / in-order pair per step (generated below)
    "os_inconsistent_steps": _f("str", "公开选拔中日期自相矛盾的步骤", "open-selection steps dated inconsistently"),
    "os_inconsistent_step_count": _f(
        "int", "公开选拔中日期自相矛盾的步骤数", "open-selection steps dated inconsistently"
    ),
    "cp_inconsistent_steps": _f("str", "竞争上岗中日期自相矛盾的步骤", "competitive-post steps dated inconsistently"),
    "cp_inconsistent_step_count": _f(
        "int", "竞争上岗中日期自相矛盾的步骤数", "competitive-post steps dated inconsistently"
    ),
    # competitive posts inside a unit (seed 003) beyond the dated steps
    "appointment_system": _f(
        "str", "任用方式（elected 选任制；appointed 委任制；engaged 聘任制）", "appointment system"
    ),
    "engagement_letters_by_unit_head": _f(
        "bool", "聘任书由单位主要负责人（局长）颁发", "the letters of engagement were issued by the unit head"
    ),
    "publicity_summarised": _f("bool", "已汇总公示情况", "the publicity feedback was summarised"),
    "publicity_summarised_on": _f("date", "汇总公示情况日期", "date the publicity feedback was summarised"),
    "cp_launch_start": _f("date", "竞争上岗宣传发动开始日期", "first day of the launch step"),
    "cp_final_approval_start": _f("date", "竞争上岗确定正式聘任人选开始日期", "first day of the final-choice step"),
    "cp_operating_plan_made": _f("bool", "已预先制定具体操作方案", "an operating plan was prepared"),
    "cp_operating_plan_on": _f("date", "具体操作方案制定日期", "date the operating plan was prepared"),
    "cp_publicity_period_decided": _f(
        "bool",
        "领导班子在公示开始前集体研究确定了公示时间",
        "the team set the publicity period by the day the publicity began",
    ),
    "cp_staff_recommendation_held": _f("bool", "组织了群众推荐", "a staff recommendation was organised"),
    "cp_staff_recommendation_decided": _f(
        "bool",
        "群众推荐开始前（或当日）领导班子已集体研究决定",
        "the leadership team decided the staff recommendation on or before its start",
    ),
    "cp_qualification_decided": _f(
        "bool",
        "资格审查期间领导班子集体研究确定了竞争人员名单",
        "the team decided the list of competitors during the qualification review",
    ),
    "cp_inspection_candidates_decided": _f(
        "bool",
        "演讲答辩和民主测评之后、考察开始之前领导班子集体研究确定了考察对象",
        "the team fixed the inspection candidates after the evaluation and before the inspection",
    ),
    "cp_speech_on": _f("date", "演讲答辩日期", "date of the speeches and defence"),
    "cp_democratic_evaluation_on": _f("date", "民主测评日期", "date of the democratic evaluation"),
    "cp_staff_count": _f("int", "全体干部职工人数", "staff of the unit"),
    "cp_scorer_count": _f("int", "参加考评的干部职工人数", "staff who scored the competitors"),
    "cp_competitors_unscored": _f("int", "无考评得分的竞聘人员数", "competitors without a score"),
    "cp_inspection_candidates": _f("int", "确定为考察对象的竞聘人员数", "competitors fixed as inspection candidates"),
    "cp_inspection_candidates_without_results": _f(
        "int", "缺少考评或测评结果的考察对象数", "inspection candidates without a score or evaluation result"
    ),
    "cp_department_reviewed": _f("bool", "聘任建议已报县委组织部审查", "the county department reviewed the proposals"),
    "cp_department_review_on": _f("date", "县委组织部审查日期", "date of the county department's review"),
    "cp_reserve_list_fixed": _f("bool", "已确定拟列为中层后备干部名单", "the reserve-cadre list was fixed"),
    "cp_reserve_list_fixed_on": _f("date", "后备干部名单确定日期", "date the reserve-cadre list was fixed"),
    "cp_reserve_list_publicised": _f(
        "bool", "后备干部名单与拟聘任人选一并公示", "the reserve list was publicised with the appointees"
    ),
    "cp_publicity_unit_wide": _f("bool", "在全局（全单位）范围内公示", "the publicity covered the whole unit"),
    # tenure limits (任期暂行规定 第六条, 交流规定 第五条)
    "same_post_reappointment": _f(
        "bool", "拟任职务即本人现任职位（连任、留任）", "the target post is the one the candidate holds"
    ),
    "years_in_same_post": _f("int", "在该职位上连续任职满年数", "full years held continuously in the target post"),
    "terms_in_same_post": _f("int", "在该职位上已连续任职的任期数", "consecutive terms already served in the post"),
    "post_leadership_body": _f(
        "str",
        "拟任职务所属领导班子（party_committee 地方党委；government 地方政府；discipline_commission 纪委；"
        "court 法院；procuratorate 检察院；work_department 工作部门；other 其他）",
        "the body the post is a leading member of",
    ),
    # --- seeds 001 and 004 (issue 10): recommendation, inspection talks, consultation, 会审, talk, discipline ---
    "rec_meeting_held": _f("bool", "已进行会议推荐", "a meeting recommendation was held"),
    "rec_talk_held": _f("bool", "已进行谈话调研推荐（个别谈话推荐）", "a talk-based recommendation was held"),
    "rec_meeting_date": _f("date", "会议推荐日期", "date of the meeting recommendation"),
    "rec_talk_date": _f("date", "谈话调研推荐结束日期", "last day of the talk-based recommendation"),
    "rec_small_unit_exception": _f(
        "bool",
        "单位人数较少、会议推荐与谈话调研推荐人员范围基本相同且谈话调研推荐意见集中",
        "small unit, same recommenders, concentrated talk results (第二十条)",
    ),
    "inspection_talk_kinds_missing": _f(
        "int",
        "未进行的考察谈话类别数（面上个别谈话、所在单位谈话、本人谈话，共三类）",
        "kinds of inspection talk not held (of three)",
    ),
    "inspection_aspects_missing": _f(
        "int",
        "考察材料未写明情况的方面数（政治思想素质、道德品质、工作能力、专业水平、爱岗敬业、工作实绩、廉洁自律，共七方面）",
        "aspects of the candidate the inspection material does not cover (of seven)",
    ),
    "inspection_opinion_sources_missing": _f(
        "int",
        "考察未听取意见的方面数（领导干部、一般干部和群众、单位内部、服务对象和相关单位，共四方面）",
        "sides whose opinions the inspection did not hear (of four)",
    ),
    "joint_review_opinion_count": _f("int", "会审已征求意见的部门数", "bodies whose 会审 opinion was obtained"),
    "joint_review_bodies_missing": _f(
        "int",
        "会审未征求意见的部门数（纪检监察、检察、政法委、综治、文明办，共五个）",
        "bodies of the 会审 not consulted (of five)",
    ),
    "joint_review_last_date": _f("date", "会审意见最晚取得日期", "date the last 会审 opinion was obtained"),
    "consulted_bodies_missing": _f(
        "int",
        "未沟通的四套班子数（市委、人大、政府、政协）",
        "of the four leadership bodies, those not consulted",
    ),
    "nomination_opinion_count": _f("int", "提名环节发表意见的人数", "people who gave an opinion on the nomination"),
    "nomination_disagree_count": _f("int", "提名环节不同意的人数", "people who disagreed with the nomination"),
    "briefing_items_missing": _f(
        "int",
        "组织部门会上未介绍的情况数（基本情况、民主推荐、民主测评、考察，共四项）",
        "items the organisation department did not present (of four)",
    ),
    "talk_by": _f(
        "str", "任前谈话人（secretary 主要领导；org_department_head 组织部长；other 其他）", "who held the talk"
    ),
    "talk_raised_public_concerns": _f(
        "bool", "任职谈话时指出了群众反映的问题", "the talk put the problems raised by the public to the cadre"
    ),
    "interventions_unreported": _f(
        "int", "未记录或未报告的说情打招呼次数", "interventions (说情打招呼) not recorded or not reported"
    ),
    "publicity_channels_missing": _f(
        "int",
        "公示缺少的渠道数（监督举报电话；网站、报刊或广播电视等媒体）",
        "publicity channels missing (a hotline; a website or other media)",
    ),
    "inspection_record_complied": _f(
        "bool",
        "符合考察程序（依考察记录判断：各项查核已做、信访已核、考察在推荐后且在讨论前结束；无记录时依申报）",
        "the inspection procedure was complied with, judged from the inspection record (else as declared)",
    ),
    "ad_hoc_item": _f(
        "bool",
        "属临时动议（申报为临时动议，或动议日期不早于会议日期）",
        "the item is ad hoc (declared so, or its motion is dated on or after the meeting)",
    ),
    "post_above_unit_grade": _f(
        "bool", "拟任职务高于单位机构规格（超规格配备）", "the post is above the unit's grade (超规格)"
    ),
    "post_title_established": _f(
        "bool", "拟任职务名称为机构编制核定所设", "the post's title is one the approved establishment sets"
    ),
    "unit_established_within_authority": _f(
        "bool", "单位（机构）经有审批权限的机关批准设立", "the unit was set up within the approving authority"
    ),
    "treatments_raised_unauthorised": _f(
        "int",
        "任职时明确的高于所任职务层次、未按规定经批准的职级待遇数",
        "treatments above the post's level conferred without authorised approval",
    ),
    # --- seed 002 篇1 (issue 10): motion settlement, nomination, consultation, review, plenary vote ---
    "motion_settled": _f("bool", "动议事项已提交常委会研究确定", "the standing committee settled the motion"),
    "motion_settled_on": _f("date", "常委会研究确定动议的日期", "date the standing committee settled the motion"),
    "vacancies_published": _f(
        "bool", "组织部门已公布空缺岗位和任职资格", "the vacancies and qualifications were published"
    ),
    "nomination_ballot_held": _f("bool", "已进行公推提名无记名投票推荐", "a public-nomination ballot was held"),
    "nomination_electors_missing": _f(
        "str",
        "公推投票推荐中未参加的规定人员类别（全委会委员、纪委委员、县级领导）",
        "groups of the required electorate that did not vote",
    ),
    "nomination_ballot_secret": _f("bool", "公推投票推荐为无记名投票", "the nomination ballot was secret"),
    "candidate_nomination_rank": _f(
        "int",
        "人选在公推投票推荐中的得票名次（得票多于本人的人数加一；未得票者列于全部得票人之后）",
        "the candidate's place in the nomination votes (nominees with more votes, plus one)",
    ),
    "recommendations_compiled": _f(
        "bool", "组织部门已汇总班子成员、相关单位党组织等推荐情况", "the department compiled the recommendations"
    ),
    "nomination_opinions_missing": _f(
        "str",
        "报书记审定前未征求意见的人员（副书记、纪委书记）",
        "whose opinion (deputy secretary, discipline secretary) was not sought before the secretary approved",
    ),
    "consultation_conducted_by": _f(
        "str", "酝酿的主持者（organisation_head 组织部长；secretary 书记；other 其他）", "who conducted the 酝酿"
    ),
    "consultation_major_divergence": _f("bool", "酝酿中对拟任人选意见分歧较大", "opinions diverged widely in 酝酿"),
    "objecting_principal_count": _f(
        "int",
        "在酝酿中提出有道理的不同意见的人大、政府、政协、纪委主要领导人数",
        "principals of the congress, government, CPPCC or discipline commission with reasoned objections",
    ),
    "consultation_objection_outcome": _f(
        "str",
        "分歧或不同意见的处理（deferred 缓议；plan_changed 调整任用方案；proceeded 按原方案提交）",
        "what followed the divergence or objections",
    ),
    "statutory_recommenders_absent": _f(
        "int", "规定范围内应参加推荐而未参加的人数", "statutory recommenders who did not take part"
    ),
    "random_drawn_recommenders": _f(
        "int", "从信息库中随机选定参加推荐的人数", "recommenders drawn at random from the database"
    ),
    "post_local_leadership_principal": _f(
        "str",
        "拟任职务是否市县党委、政府领导班子正职（city 市级；county 县级；none 否）",
        "the post is a city or county party-committee or government principal",
    ),
    "nominated_by_standing_committee": _f(
        "bool", "人选由党委常委会提名并提交全委会", "nominated by the standing committee to the plenary"
    ),
    "plenary_recess_urgent": _f("bool", "全委会闭会期间急需任用", "urgent appointment while the plenary is in recess"),
    "plenary_members_consulted": _f(
        "bool", "常委会决定前已征求全委会成员意见", "the plenary members were consulted before the decision"
    ),
    "internal_review_approved": _f("bool", "干部监督室任前审核同意", "the supervision office approved the review"),
    "internal_review_on": _f("date", "干部监督室任前审核日期", "date of the supervision office's review"),
    "department_meeting_on": _f("date", "组织部部务会讨论日期", "date of the department's meeting"),
    "upper_review_approved": _f("bool", "上级组织部门审核同意", "the upper organisation department approved"),
    "upper_review_on": _f("date", "上级组织部门审核日期", "date of the upper department's review"),
    "departure_publicity_held": _f("bool", "已进行离任公示", "a departure publicity was held"),
    "departure_publicity_end": _f("date", "离任公示结束日期", "last day of the departure publicity"),
    "departure_objections_received": _f(
        "bool", "离任公示期间群众反映了问题", "problems were raised during the departure publicity"
    ),
    "departure_objections_investigated_on": _f(
        "date", "离任公示反映问题调查核实完毕日期", "date the raised problems were investigated"
    ),
    # 全程记实
    "record_steps_unassigned": _f(
        "int", "有记录但未载明责任人的环节数", "recorded steps that name no responsible person"
    ),
    "record_gaps": _f("str", "未载明责任人的环节", "recorded steps that name no responsible person"),
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
