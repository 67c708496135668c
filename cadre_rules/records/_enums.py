"""Enumerations of the case records; values are English ASCII, Chinese labels live in ``LABELS_ZH``."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class CodedEnum(StrEnum):
    """An enumeration of English codes that also accepts each value's Chinese name (``LABELS_ZH``, ``SYNONYMS_ZH``).

    ``Gender("男")`` is ``Gender.MALE``: the stored value is always the code. One mechanism for every enumeration
    of the case records, used by pydantic when it validates a field (``_missing_``).
    """

    @classmethod
    def _missing_(cls, value: Any) -> Any:
        if isinstance(value, str):
            return _aliases(cls).get(value.strip())
        return None


class Tier(CodedEnum):
    """Leadership level (领导职务层次), lowest first, with the step below 乡科级 (科员 and 股级) at rank 0."""

    SECTION_UNIT = "section_unit"  # 乡科级以下：股级职位（股长、副股长）及一级、二级科员 — not a statutory level
    TOWNSHIP_SECTION = "township_section"  # 乡科级
    COUNTY_DIVISION = "county_division"  # 县处级
    DEPARTMENT_BUREAU = "department_bureau"  # 厅局级
    PROVINCE_MINISTRY = "province_ministry"  # 省部级
    NATIONAL = "national"  # 国家级

    @property
    def rank(self) -> int:
        """Position from 1 (乡科级) upwards; 0 for the step below it (科员, 股级)."""
        return list(Tier).index(self)


class Role(CodedEnum):
    """Principal (正职) or deputy (副职) within a level."""

    PRINCIPAL = "principal"
    DEPUTY = "deputy"


class Grade(CodedEnum):
    """综合管理类职级 (2019 职务与职级并行规定)."""

    LEVEL1_INSPECTOR = "level1_inspector"  # 一级巡视员
    LEVEL2_INSPECTOR = "level2_inspector"  # 二级巡视员
    LEVEL1_RESEARCHER = "level1_researcher"  # 一级调研员
    LEVEL2_RESEARCHER = "level2_researcher"  # 二级调研员
    LEVEL3_RESEARCHER = "level3_researcher"  # 三级调研员
    LEVEL4_RESEARCHER = "level4_researcher"  # 四级调研员
    LEVEL1_PRINCIPAL_STAFF = "level1_principal_staff"  # 一级主任科员
    LEVEL2_PRINCIPAL_STAFF = "level2_principal_staff"  # 二级主任科员
    LEVEL3_PRINCIPAL_STAFF = "level3_principal_staff"  # 三级主任科员
    LEVEL4_PRINCIPAL_STAFF = "level4_principal_staff"  # 四级主任科员
    LEVEL1_STAFF = "level1_staff"  # 一级科员
    LEVEL2_STAFF = "level2_staff"  # 二级科员


# Equivalence of grades to leadership levels, as commonly applied (cadre-records.md §4.2).
GRADE_EQUIVALENT: dict[Grade, tuple[Tier, Role]] = {
    Grade.LEVEL1_INSPECTOR: (Tier.DEPARTMENT_BUREAU, Role.PRINCIPAL),
    Grade.LEVEL2_INSPECTOR: (Tier.DEPARTMENT_BUREAU, Role.DEPUTY),
    Grade.LEVEL1_RESEARCHER: (Tier.COUNTY_DIVISION, Role.PRINCIPAL),
    Grade.LEVEL2_RESEARCHER: (Tier.COUNTY_DIVISION, Role.PRINCIPAL),
    Grade.LEVEL3_RESEARCHER: (Tier.COUNTY_DIVISION, Role.DEPUTY),
    Grade.LEVEL4_RESEARCHER: (Tier.COUNTY_DIVISION, Role.DEPUTY),
    Grade.LEVEL1_PRINCIPAL_STAFF: (Tier.TOWNSHIP_SECTION, Role.PRINCIPAL),
    Grade.LEVEL2_PRINCIPAL_STAFF: (Tier.TOWNSHIP_SECTION, Role.PRINCIPAL),
    Grade.LEVEL3_PRINCIPAL_STAFF: (Tier.TOWNSHIP_SECTION, Role.DEPUTY),
    Grade.LEVEL4_PRINCIPAL_STAFF: (Tier.TOWNSHIP_SECTION, Role.DEPUTY),
    # 一级、二级科员 sit on the step below 副科 (the role is immaterial there: see step_of)
    Grade.LEVEL1_STAFF: (Tier.SECTION_UNIT, Role.DEPUTY),
    Grade.LEVEL2_STAFF: (Tier.SECTION_UNIT, Role.DEPUTY),
}


class EducationLevel(CodedEnum):
    """学历 (ZB64 tiers), lowest first."""

    PRIMARY = "primary"  # 小学
    JUNIOR_MIDDLE = "junior_middle"  # 初中
    HIGH_SCHOOL = "high_school"  # 高中
    SECONDARY_VOCATIONAL = "secondary_vocational"  # 中专/中技
    JUNIOR_COLLEGE = "junior_college"  # 大专
    UNDERGRADUATE = "undergraduate"  # 大学本科
    POSTGRADUATE = "postgraduate"  # 研究生

    @property
    def rank(self) -> int:
        """Position from 1 (小学) upwards."""
        return list(EducationLevel).index(self) + 1


class Degree(CodedEnum):
    """学位."""

    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTOR = "doctor"


class EducationMode(CodedEnum):
    """全日制 (full-time, national entrance exam) vs 在职 (in-service)."""

    FULL_TIME = "full_time"
    IN_SERVICE = "in_service"


class AssessmentGrade(CodedEnum):
    """年度考核 grade."""

    EXCELLENT = "excellent"  # 优秀
    COMPETENT = "competent"  # 称职
    BASICALLY_COMPETENT = "basically_competent"  # 基本称职
    INCOMPETENT = "incompetent"  # 不称职
    NOT_GRADED = "not_graded"  # 不定等次


class Stage(CodedEnum):
    """The step of the procedure a dossier has reached (or a rule checks), in procedural order."""

    MOTION = "motion"  # 动议
    RECOMMENDATION = "recommendation"  # 民主推荐
    INSPECTION = "inspection"  # 考察
    DISCUSSION = "discussion"  # 讨论决定
    PUBLICITY = "publicity"  # 任前公示
    APPOINTMENT = "appointment"  # 任职

    @property
    def rank(self) -> int:
        """Position in the procedure, from 0 (动议)."""
        return list(Stage).index(self)

    @property
    def zh(self) -> str:
        """The step's Chinese name."""
        return STAGE_ZH[self]


STAGE_ZH: dict[Stage, str] = {
    Stage.MOTION: "动议",
    Stage.RECOMMENDATION: "民主推荐",
    Stage.INSPECTION: "考察",
    Stage.DISCUSSION: "讨论决定",
    Stage.PUBLICITY: "任前公示",
    Stage.APPOINTMENT: "任职",
}


class SelectionMethod(CodedEnum):
    """How the candidate was produced."""

    STANDARD = "standard"  # 民主推荐 → 考察 (the ordinary procedure)
    OPEN_SELECTION = "open_selection"  # 公开选拔
    COMPETITIVE_POST = "competitive_post"  # 竞争上岗


class AppointmentKind(CodedEnum):
    """What the appointment is for the candidate; ``removal`` (免职) is a removal from the post instead."""

    PROMOTION = "promotion"  # 提任
    LATERAL = "lateral"  # 平级调整 / 交流
    OTHER = "other"
    REMOVAL = "removal"  # 免职: ``post`` is the post the cadre leaves


class MotionGround(CodedEnum):
    """Grounds on which a motion is initiated (seed 002: the four 前提)."""

    VACANCY = "vacancy"  # 领导职位出现空缺
    ORG_DEPARTMENT_PROPOSAL = "org_department_proposal"  # 组织部门根据干部队伍建设情况提出调整建议
    TEAM_PROBLEM = "team_problem"  # 领导班子和领导干部存在突出问题需要解决
    TERM_CHANGE_OR_UPPER_REQUIREMENT = "term_change_or_upper_requirement"  # 换届或上级党委提出统一要求
    OTHER = "other"


class Initiator(CodedEnum):
    """Who proposes to start a selection."""

    PARTY_COMMITTEE = "party_committee"  # 党委（党组）
    ORGANISATION_DEPARTMENT = "organisation_department"  # 组织（人事）部门
    SECRETARY = "secretary"  # 党委（党组）书记 / 主要领导同志
    OTHER = "other"


class MeetingBody(CodedEnum):
    """The body that took the decision."""

    STANDING_COMMITTEE = "standing_committee"  # 常委会
    PLENARY_COMMITTEE = "plenary_committee"  # 全委会
    LEADING_PARTY_GROUP = "leading_party_group"  # 党组（会议）
    SECRETARIES_MEETING = "secretaries_meeting"  # 书记办公会
    CIRCULATION = "circulation"  # 领导圈阅


class Vote(CodedEnum):
    """A member's stated opinion on a candidate."""

    AGREE = "agree"  # 同意
    DISAGREE = "disagree"  # 不同意
    DEFER = "defer"  # 缓议


class VotingMethod(CodedEnum):
    """表决方式."""

    ORAL = "oral"  # 口头表决
    SHOW_OF_HANDS = "show_of_hands"  # 举手表决
    SECRET_BALLOT = "secret_ballot"  # 无记名投票


class FinanceResponsibility(CodedEnum):
    """Whether the target post carries finance responsibility (for the pre-appointment audit)."""

    NONE = "none"
    UNIT_PRINCIPAL = "unit_principal"  # 单位正职
    DEPUTY_IN_CHARGE_OF_FINANCE = "deputy_in_charge_of_finance"  # 分管财务副职


class Gender(CodedEnum):
    """性别."""

    MALE = "male"
    FEMALE = "female"


class CommitteeLevel(CodedEnum):
    """The party committee whose membership (委员) a post carries, for the 党章 party-age requirement."""

    PROVINCIAL_CITY = "provincial_city"  # 省、自治区、直辖市、设区的市和自治州的委员会
    COUNTY = "county"  # 县（旗）、自治县、不设区的市和市辖区的委员会


class SanctionKind(CodedEnum):
    """Kind of a disciplinary or organisational measure (第二十四条（六）)."""

    ADMONISHMENT = "admonishment"  # 诫勉
    ORGANISATIONAL_MEASURE = "organisational_measure"  # 组织处理 (引咎辞职, 责令辞职, 问责免职, 不适宜免职 …)
    PARTY_SANCTION = "party_sanction"  # 党纪处分 (纪律处分条例)
    ADMINISTRATIVE_SANCTION = "administrative_sanction"  # 政务处分 (政务处分法)
    CIVIL_SERVANT_SANCTION = "civil_servant_sanction"  # 处分 under the 公务员法


class ExceptionalGround(CodedEnum):
    """The listed grounds of an exceptional promotion (2019 条例 第九条第二款、第三款)."""

    CRITICAL_MOMENT = "critical_moment"  # 在关键时刻或者承担急难险重任务中经受住考验、表现突出、作出重大贡献
    HARDSHIP_AREA = "hardship_area"  # 在条件艰苦、环境复杂、基础差的地区或者单位工作实绩突出
    OUTSTANDING_RECORD = "outstanding_record"  # 在其他岗位上尽职尽责，工作实绩特别显著
    TEAM_STRUCTURE = "team_structure"  # 领导班子结构需要或者领导职位有特殊要求
    SPECIALIST_NEED = "specialist_need"  # 专业性较强的岗位或者重要专项工作急需
    REMOTE_AREA_NEED = "remote_area_need"  # 艰苦边远地区、贫困地区急需引进


class WorkRelation(CodedEnum):
    """How a relative's post stands to the target post in the same organ (任职回避)."""

    DIRECT_LINE = "direct_line"  # 直接上下级领导关系
    SAME_LEADER = "same_leader"  # 双方直接隶属于同一领导人员
    RELATIVE_LEADS_ORGAN = "relative_leads_organ"  # 亲属在该机关担任领导职务
    CANDIDATE_LEADS_ORGAN = "candidate_leads_organ"  # 拟任人选将在该机关担任领导职务
    NONE = "none"  # 同一机关但无上述关系


class WorkArea(CodedEnum):
    """Line of work of a post, for the avoidance of 组织(人事)、纪检(监察)、审计、财务 work under a relative."""

    ORGANISATION_PERSONNEL = "organisation_personnel"  # 组织、人事
    DISCIPLINE_SUPERVISION = "discipline_supervision"  # 纪检、监察
    AUDIT = "audit"  # 审计
    FINANCE = "finance"  # 财务
    OTHER = "other"


class RetirementCategory(CodedEnum):
    """原法定退休年龄 category under the 2024 gradual-delay measures."""

    MALE = "male"  # 男职工（原六十周岁）
    FEMALE_55 = "female_55"  # 原法定退休年龄为五十五周岁的女职工（含女干部）
    FEMALE_50 = "female_50"  # 原法定退休年龄为五十周岁的女职工
    FEMALE_COUNTY_60 = "female_county_60"  # 县处级女干部，年满六十周岁退休（组通字〔2015〕14号 一）


class PartyMembershipRequirement(CodedEnum):
    """An announcement's requirement on party membership."""

    MEMBER = "member"  # 中共党员
    NON_MEMBER = "non_member"  # 党外干部职位
    ANY = "any"


class LocalKeyPrincipal(CodedEnum):
    """Principal posts of 任职回避暂行规定 第五条 (地域回避)."""

    COUNTY = "county"  # 县(市)党委、政府以及纪检机关、组织部门、人民法院、人民检察院、公安部门正职 (不得)
    CITY = "city"  # 市(地、盟) … 正职 (一般不得)
    NONE = "none"


class RelaxedGroup(CodedEnum):
    """Groups an announcement may relax its age cut-off for."""

    ETHNIC_MINORITY = "ethnic_minority"  # 少数民族
    FEMALE = "female"  # 女性


class WaiverBasis(CodedEnum):
    """What allows a rule to be set aside in a case."""

    DEFAULT_EXCEPTION = "default_exception"  # “一般应当”的例外，说明理由
    EXCEPTIONAL_PROMOTION = "exceptional_promotion"  # 破格提拔突破任职资格（第九条）


# --- procedure (issue 4) ---


class OpenSelectionStep(CodedEnum):
    """The eight steps of an open selection (公开选拔), in order (seed 000, paragraph 10)."""

    ANNOUNCEMENT = "announcement"  # 发布公告和简章
    REGISTRATION_REVIEW = "registration_review"  # 报名和资格审查
    EVALUATION_EXAM_FIRST_RECOMMENDATION = "evaluation_exam_first_recommendation"  # 适岗评价、笔试和第一轮民主推荐
    INTERVIEW = "interview"  # 面试
    SECOND_RECOMMENDATION_INSPECTION = "second_recommendation_inspection"  # 第二轮民主推荐和组织考察
    COMPETITIVE_VOTE = "competitive_vote"  # 差额票决
    PUBLICITY = "publicity"  # 公示任用
    APPOINTMENT_FORMALITIES = "appointment_formalities"  # 办理任用手续


class CompetitivePostStep(CodedEnum):
    """The nine steps of competitive posts inside a unit (竞争上岗), in order (seed 003, paragraph 15)."""

    LAUNCH = "launch"  # 宣传发动，公布岗位及条件
    APPLICATION_RECOMMENDATION = "application_recommendation"  # 个人自荐、群众推荐、组织推荐
    QUALIFICATION_REVIEW = "qualification_review"  # 资格审查，确定竞争人员名单
    SPEECH_EVALUATION = "speech_evaluation"  # 演讲答辩，民主测评
    INSPECTION = "inspection"  # 确定考察对象，进行组织考察
    PROPOSED_APPOINTEE = "proposed_appointee"  # 确定拟聘任人选
    PUBLICITY = "publicity"  # 任前公示
    FINAL_APPROVAL = "final_approval"  # 确定正式聘任人选，上报审批
    ENGAGEMENT = "engagement"  # 办理聘任手续


class ProposalItem(CodedEnum):
    """What a preliminary proposal (初步建议) covers: 职位、条件、范围、方式、程序和人选意向."""

    POST = "post"  # 职位
    CONDITIONS = "conditions"  # 条件
    SCOPE = "scope"  # 范围
    METHOD = "method"  # 方式
    PROCEDURE = "procedure"  # 程序
    CANDIDATE_INTENTION = "candidate_intention"  # 人选意向


class NominationMode(CodedEnum):
    """How the intended candidate was nominated (seed 002, paragraph 7)."""

    PUBLIC_NOMINATION = "public_nomination"  # 公推提名 (principal posts)
    CONSULTATION = "consultation"  # 个别酝酿提名 (deputy posts)
    OTHER = "other"


class AppointmentSystem(CodedEnum):
    """任用方式 of the post (公务员法: 公务员职务实行选任制、委任制和聘任制)."""

    ELECTED = "elected"  # 选任制
    APPOINTED = "appointed"  # 委任制
    ENGAGED = "engaged"  # 聘任制 (a term of engagement, 聘期)


class TeamDecisionSubject(CodedEnum):
    """What a collective decision of a unit's leadership team in competitive posts decided (seed 003)."""

    STAFF_RECOMMENDATION = "staff_recommendation"  # 在一定范围内组织群众推荐
    QUALIFICATION = "qualification"  # 竞聘人员资格认定，确定竞争人员名单
    INSPECTION_CANDIDATES = "inspection_candidates"  # 确定考察对象
    PROPOSALS = "proposals"  # 各竞争岗位聘任建议
    FINAL_APPOINTEES = "final_appointees"  # 正式聘任人选
    PUBLICITY_PERIOD = "publicity_period"  # 公示时间


class LeadershipBody(CodedEnum):
    """The body a post makes its holder a leading member of (任期暂行规定 第二条, 交流规定 第五条)."""

    PARTY_COMMITTEE = "party_committee"  # 地方党委领导成员
    GOVERNMENT = "government"  # 地方政府领导成员
    DISCIPLINE_COMMISSION = "discipline_commission"  # 纪委（监委）
    COURT = "court"  # 人民法院
    PROCURATORATE = "procuratorate"  # 人民检察院
    WORK_DEPARTMENT = "work_department"  # 党委、人大常委会、政府、政协的工作部门和工作机构
    OTHER = "other"


# --- kinship (issue 9, item 7) ---


class KinKind(CodedEnum):
    """血亲 (by blood, adoption included) or 姻亲 (by marriage, the spouse included)."""

    BLOOD = "blood"  # 血亲
    MARRIAGE = "marriage"  # 姻亲（含配偶）


class KinLine(CodedEnum):
    """直系 (one descends from the other) or 旁系 (a common ancestor, neither descends from the other)."""

    DIRECT = "direct"  # 直系
    COLLATERAL = "collateral"  # 旁系


class CousinKind(CodedEnum):
    """堂 (through the father's brothers, same surname line) or 表 (through a woman: 姑、舅、姨)."""

    TANG = "tang"  # 堂
    BIAO = "biao"  # 表


class MarriageLink(CodedEnum):
    """Where the marriage sits in a 姻亲 relation (B = the blood link described by up/down)."""

    SPOUSE = "spouse"  # 配偶本人
    SPOUSE_BLOOD = "spouse_blood"  # 配偶的血亲 (配偶的父母、配偶的兄弟姐妹 …)
    BLOOD_SPOUSE = "blood_spouse"  # 血亲的配偶 (子女的配偶、兄弟姐妹的配偶、三代以内旁系血亲的配偶 …)
    SPOUSE_BLOOD_SPOUSE = "spouse_blood_spouse"  # 配偶的血亲的配偶 (配偶的兄弟姐妹的配偶：连襟、妯娌)
    BLOOD_SPOUSE_BLOOD = "blood_spouse_blood"  # 血亲的配偶的血亲 (子女配偶的父母：亲家)
    REMOTE = "remote"  # 三重以上婚姻环节的远姻亲 (e.g. 连襟的兄弟)


class SelectionConsideration(CodedEnum):
    """What, besides the recommendation votes, fixed a 考察对象 (2019 条例 第二十三条)."""

    DAILY_KNOWLEDGE = "daily_knowledge"  # 日常了解
    COMPREHENSIVE_ANALYSIS = "comprehensive_analysis"  # 综合分析研判
    POST_FIT = "post_fit"  # 岗位匹配度
    OTHER = "other"  # 其他情况（“等情况”）


class OpenSelectionPart(CodedEnum):
    """The parts of the open-selection steps that have several (seed 000, paragraph 10, items 3 and 5)."""

    FITNESS_EVALUATION = "fitness_evaluation"  # 适岗评价
    WRITTEN_EXAM = "written_exam"  # 笔试
    FIRST_RECOMMENDATION = "first_recommendation"  # 第一轮民主推荐
    SECOND_RECOMMENDATION = "second_recommendation"  # 第二轮民主推荐
    INSPECTION = "inspection"  # 组织考察


class ComplaintChannel(CodedEnum):
    """The channel a complaint (举报) came by (seed 000, paragraph 11)."""

    HOTLINE_12380 = "hotline_12380"  # “12380”电话举报
    LETTERS_VISITS = "letters_visits"  # 信访举报
    ONLINE = "online"  # 网上举报
    OTHER = "other"  # 其他


# --- seed 001 and seed 004 procedure records (issue 10) ---


class InspectionTalkKind(CodedEnum):
    """The talks of an inspection that seed 001 (p6) requires."""

    BROAD = "broad"  # 面上个别谈话
    CANDIDATE_UNIT = "candidate_unit"  # 到考察对象所在单位谈话
    CANDIDATE = "candidate"  # 与考察对象本人谈话


class InspectionAspect(CodedEnum):
    """The aspects seed 003 (p25) names for the inspection of a competitive post's 考察对象 (重点考察……等方面的情况)."""

    POLITICAL_QUALITY = "political_quality"  # 政治思想素质
    MORAL_CHARACTER = "moral_character"  # 道德品质
    WORK_ABILITY = "work_ability"  # 工作能力
    PROFESSIONAL_LEVEL = "professional_level"  # 专业水平
    DEDICATION = "dedication"  # 爱岗敬业
    PERFORMANCE = "performance"  # 工作实绩
    INTEGRITY = "integrity"  # 廉洁自律


class OpinionSource(CodedEnum):
    """Whose opinions an inspection heard (seed 001, p6)."""

    LEADERS = "leaders"  # 领导干部
    ORDINARY_CADRES_AND_PUBLIC = "ordinary_cadres_and_public"  # 一般干部和群众
    UNIT_INSIDERS = "unit_insiders"  # 单位内部
    SERVICE_RECIPIENTS_AND_RELATED_UNITS = "service_recipients_and_related_units"  # 服务对象和相关单位


class ConsultedBody(CodedEnum):
    """A leadership body consulted (沟通) on a nomination (seed 001, p6: 四套班子)."""

    PARTY_COMMITTEE = "party_committee"  # 市委
    PEOPLES_CONGRESS = "peoples_congress"  # 人大
    GOVERNMENT = "government"  # 政府
    CPPCC = "cppcc"  # 政协
    OTHER = "other"


class BriefingItem(CodedEnum):
    """What the organisation department presented to the meeting (seed 001, p7)."""

    BASIC_SITUATION = "basic_situation"  # 拟提拔干部的基本情况
    DEMOCRATIC_RECOMMENDATION = "democratic_recommendation"  # 民主推荐情况
    DEMOCRATIC_EVALUATION = "democratic_evaluation"  # 民主测评情况
    INSPECTION = "inspection"  # 考察情况


class JointReviewBody(CodedEnum):
    """A body whose opinion the 会审 of an inspection asks for (seed 001, p8)."""

    DISCIPLINE_SUPERVISION = "discipline_supervision"  # 纪检监察
    PROCURATORATE = "procuratorate"  # 检察
    POLITICAL_LEGAL_COMMITTEE = "political_legal_committee"  # 政法委
    PUBLIC_ORDER = "public_order"  # 综治
    CIVILITY_OFFICE = "civility_office"  # 文明办
    OTHER = "other"


class TalkBy(CodedEnum):
    """Who held the appointment talk (任前谈话)."""

    SECRETARY = "secretary"  # 党委主要领导（书记）
    ORG_DEPARTMENT_HEAD = "org_department_head"  # 组织部长
    OTHER = "other"


class PublicityChannel(CodedEnum):
    """How a 任前公示 was published and objections received (seed 001, p8: 监督举报电话以及网站等媒体)."""

    SUPERVISION_HOTLINE = "supervision_hotline"  # 监督举报电话
    WEBSITE = "website"  # 网站
    NEWSPAPER = "newspaper"  # 报刊
    BROADCAST = "broadcast"  # 广播电视
    NOTICE_BOARD = "notice_board"  # 公示栏（张榜）
    OTHER = "other"


# --- seed 002 篇1 (issue 10): nomination ballot, consultation, pre-appointment review, plenary vote ---


class NominationElector(CodedEnum):
    """Who votes in a public-nomination ballot (公推提名无记名投票推荐, seed 002 p7)."""

    PLENARY_COMMITTEE_MEMBERS = "plenary_committee_members"  # 全委会委员
    DISCIPLINE_COMMISSION_MEMBERS = "discipline_commission_members"  # 纪委委员
    COUNTY_LEADERS = "county_leaders"  # 县级领导


class ConsultationConductor(CodedEnum):
    """Who conducted the 酝酿 (seed 002 p10: 书记一般不直接进行沟通，由组织部长…进行酝酿)."""

    ORGANISATION_HEAD = "organisation_head"  # 组织部长
    SECRETARY = "secretary"  # 书记
    OTHER = "other"


class ObjectingPrincipal(CodedEnum):
    """The principals whose reasoned objections in 酝酿 call for deferral (seed 002 p10)."""

    PEOPLES_CONGRESS = "peoples_congress"  # 人大主要领导
    GOVERNMENT = "government"  # 政府主要领导
    CPPCC = "cppcc"  # 政协主要领导
    DISCIPLINE_COMMISSION = "discipline_commission"  # 纪委主要领导


class ObjectionOutcome(CodedEnum):
    """What followed wide divergence or reasoned objections in 酝酿 (seed 002 p10)."""

    DEFERRED = "deferred"  # 缓议
    PLAN_CHANGED = "plan_changed"  # 调整任用方案
    PROCEEDED = "proceeded"  # 按原方案提交讨论决定


class LocalLeadershipPrincipal(CodedEnum):
    """正职 of a 市(地、州、盟) or 县(市、区、旗) 党委 or 政府 领导班子 (书记、市长、县长: 全委会票决)."""

    CITY = "city"  # 市（地、州、盟）党委书记或政府市长（州长、盟长）
    COUNTY = "county"  # 县（市、区、旗）党委书记或政府县（市、区、旗）长
    NONE = "none"


class AuditKind(CodedEnum):
    """The type of an economic-responsibility audit (经济责任审计): before, during or on leaving a post."""

    PRE_APPOINTMENT = "pre_appointment"  # 任前审计（任职前经济责任审计）
    IN_OFFICE = "in_office"  # 任中审计
    DEPARTURE = "departure"  # 离任审计


# Chinese names of the values a reader meets in a procedure record (cadre_rules/_record.py).
_LABEL_PAIRS: tuple[tuple[StrEnum, str], ...] = (
    (Tier.SECTION_UNIT, "乡科级以下"),
    (Tier.TOWNSHIP_SECTION, "乡科级"),
    (Tier.COUNTY_DIVISION, "县处级"),
    (Tier.DEPARTMENT_BUREAU, "厅局级"),
    (Tier.PROVINCE_MINISTRY, "省部级"),
    (Tier.NATIONAL, "国家级"),
    (Role.PRINCIPAL, "正职"),
    (Role.DEPUTY, "副职"),
    (EducationLevel.PRIMARY, "小学"),
    (EducationLevel.JUNIOR_MIDDLE, "初中"),
    (EducationLevel.HIGH_SCHOOL, "高中"),
    (EducationLevel.SECONDARY_VOCATIONAL, "中专、中技"),
    (EducationLevel.JUNIOR_COLLEGE, "大专"),
    (EducationLevel.UNDERGRADUATE, "大学本科"),
    (EducationLevel.POSTGRADUATE, "研究生"),
    (SelectionMethod.STANDARD, "民主推荐、考察"),
    (SelectionMethod.OPEN_SELECTION, "公开选拔"),
    (SelectionMethod.COMPETITIVE_POST, "竞争上岗"),
    (AppointmentKind.PROMOTION, "提任"),
    (AppointmentKind.LATERAL, "平级调整、交流"),
    (AppointmentKind.OTHER, "其他"),
    (AppointmentKind.REMOVAL, "免职"),
    (MotionGround.VACANCY, "领导职位出现空缺"),
    (MotionGround.ORG_DEPARTMENT_PROPOSAL, "组织部门提出调整建议"),
    (MotionGround.TEAM_PROBLEM, "领导班子和领导干部存在突出问题需要解决"),
    (MotionGround.TERM_CHANGE_OR_UPPER_REQUIREMENT, "换届或上级党委提出统一要求"),
    (MotionGround.OTHER, "其他"),
    (Initiator.PARTY_COMMITTEE, "党委（党组）"),
    (Initiator.ORGANISATION_DEPARTMENT, "组织（人事）部门"),
    (Initiator.SECRETARY, "党委（党组）书记"),
    (Initiator.OTHER, "其他"),
    (MeetingBody.STANDING_COMMITTEE, "常委会"),
    (MeetingBody.PLENARY_COMMITTEE, "全委会"),
    (MeetingBody.LEADING_PARTY_GROUP, "党组会议"),
    (MeetingBody.SECRETARIES_MEETING, "书记办公会"),
    (MeetingBody.CIRCULATION, "领导圈阅"),
    (Vote.AGREE, "同意"),
    (Vote.DISAGREE, "不同意"),
    (Vote.DEFER, "缓议"),
    (VotingMethod.ORAL, "口头表决"),
    (VotingMethod.SHOW_OF_HANDS, "举手表决"),
    (VotingMethod.SECRET_BALLOT, "无记名投票"),
    (NominationMode.PUBLIC_NOMINATION, "公推提名"),
    (NominationMode.CONSULTATION, "个别酝酿提名"),
    (NominationMode.OTHER, "其他"),
    *STAGE_ZH.items(),
    (OpenSelectionStep.ANNOUNCEMENT, "发布公告和简章"),
    (OpenSelectionStep.REGISTRATION_REVIEW, "报名和资格审查"),
    (OpenSelectionStep.EVALUATION_EXAM_FIRST_RECOMMENDATION, "适岗评价、笔试和第一轮民主推荐"),
    (OpenSelectionStep.INTERVIEW, "面试"),
    (OpenSelectionStep.SECOND_RECOMMENDATION_INSPECTION, "第二轮民主推荐和组织考察"),
    (OpenSelectionStep.COMPETITIVE_VOTE, "差额票决"),
    (OpenSelectionStep.PUBLICITY, "公示任用"),
    (OpenSelectionStep.APPOINTMENT_FORMALITIES, "办理任用手续"),
    (CompetitivePostStep.LAUNCH, "宣传发动，公布岗位及条件"),
    (CompetitivePostStep.APPLICATION_RECOMMENDATION, "个人自荐、群众推荐、组织推荐"),
    (CompetitivePostStep.QUALIFICATION_REVIEW, "资格审查，确定竞争人员名单"),
    (CompetitivePostStep.SPEECH_EVALUATION, "演讲答辩，民主测评"),
    (CompetitivePostStep.INSPECTION, "确定考察对象，进行组织考察"),
    (CompetitivePostStep.PROPOSED_APPOINTEE, "确定拟聘任人选"),
    (CompetitivePostStep.PUBLICITY, "任前公示"),
    (CompetitivePostStep.FINAL_APPROVAL, "确定正式聘任人选，上报审批"),
    (CompetitivePostStep.ENGAGEMENT, "办理聘任手续"),
    (OpenSelectionPart.FITNESS_EVALUATION, "适岗评价"),
    (OpenSelectionPart.WRITTEN_EXAM, "笔试"),
    (OpenSelectionPart.FIRST_RECOMMENDATION, "第一轮民主推荐"),
    (OpenSelectionPart.SECOND_RECOMMENDATION, "第二轮民主推荐"),
    (OpenSelectionPart.INSPECTION, "组织考察"),
    (ComplaintChannel.HOTLINE_12380, "“12380”电话举报"),
    (ComplaintChannel.LETTERS_VISITS, "信访举报"),
    (ComplaintChannel.ONLINE, "网上举报"),
    (ComplaintChannel.OTHER, "其他"),
    (SelectionConsideration.DAILY_KNOWLEDGE, "日常了解"),
    (SelectionConsideration.COMPREHENSIVE_ANALYSIS, "综合分析研判"),
    (SelectionConsideration.POST_FIT, "岗位匹配度"),
    (SelectionConsideration.OTHER, "其他情况"),
    (InspectionAspect.POLITICAL_QUALITY, "政治思想素质"),
    (InspectionAspect.MORAL_CHARACTER, "道德品质"),
    (InspectionAspect.WORK_ABILITY, "工作能力"),
    (InspectionAspect.PROFESSIONAL_LEVEL, "专业水平"),
    (InspectionAspect.DEDICATION, "爱岗敬业"),
    (InspectionAspect.PERFORMANCE, "工作实绩"),
    (InspectionAspect.INTEGRITY, "廉洁自律"),
    (Grade.LEVEL1_INSPECTOR, "一级巡视员"),
    (Grade.LEVEL2_INSPECTOR, "二级巡视员"),
    (Grade.LEVEL1_RESEARCHER, "一级调研员"),
    (Grade.LEVEL2_RESEARCHER, "二级调研员"),
    (Grade.LEVEL3_RESEARCHER, "三级调研员"),
    (Grade.LEVEL4_RESEARCHER, "四级调研员"),
    (Grade.LEVEL1_PRINCIPAL_STAFF, "一级主任科员"),
    (Grade.LEVEL2_PRINCIPAL_STAFF, "二级主任科员"),
    (Grade.LEVEL3_PRINCIPAL_STAFF, "三级主任科员"),
    (Grade.LEVEL4_PRINCIPAL_STAFF, "四级主任科员"),
    (Grade.LEVEL1_STAFF, "一级科员"),
    (Grade.LEVEL2_STAFF, "二级科员"),
    (Degree.BACHELOR, "学士"),
    (Degree.MASTER, "硕士"),
    (Degree.DOCTOR, "博士"),
    (EducationMode.FULL_TIME, "全日制"),
    (EducationMode.IN_SERVICE, "在职"),
    (AssessmentGrade.EXCELLENT, "优秀"),
    (AssessmentGrade.COMPETENT, "称职"),
    (AssessmentGrade.BASICALLY_COMPETENT, "基本称职"),
    (AssessmentGrade.INCOMPETENT, "不称职"),
    (AssessmentGrade.NOT_GRADED, "不定等次"),
    (FinanceResponsibility.NONE, "无财务职责"),
    (FinanceResponsibility.UNIT_PRINCIPAL, "单位正职"),
    (FinanceResponsibility.DEPUTY_IN_CHARGE_OF_FINANCE, "分管财务副职"),
    (Gender.MALE, "男"),
    (Gender.FEMALE, "女"),
    (CommitteeLevel.PROVINCIAL_CITY, "省、设区的市和自治州委员会"),
    (CommitteeLevel.COUNTY, "县、不设区的市和市辖区委员会"),
    (SanctionKind.ADMONISHMENT, "诫勉"),
    (SanctionKind.ORGANISATIONAL_MEASURE, "组织处理"),
    (SanctionKind.PARTY_SANCTION, "党纪处分"),
    (SanctionKind.ADMINISTRATIVE_SANCTION, "政务处分"),
    (SanctionKind.CIVIL_SERVANT_SANCTION, "公务员处分"),
    (ExceptionalGround.CRITICAL_MOMENT, "关键时刻或急难险重任务中表现突出"),
    (ExceptionalGround.HARDSHIP_AREA, "艰苦复杂地区或单位工作实绩突出"),
    (ExceptionalGround.OUTSTANDING_RECORD, "其他岗位工作实绩特别显著"),
    (ExceptionalGround.TEAM_STRUCTURE, "领导班子结构需要或职位有特殊要求"),
    (ExceptionalGround.SPECIALIST_NEED, "专业性较强的岗位或重要专项工作急需"),
    (ExceptionalGround.REMOTE_AREA_NEED, "艰苦边远地区、贫困地区急需引进"),
    (WorkRelation.DIRECT_LINE, "直接上下级领导关系"),
    (WorkRelation.SAME_LEADER, "直接隶属于同一领导人员"),
    (WorkRelation.RELATIVE_LEADS_ORGAN, "亲属在该机关担任领导职务"),
    (WorkRelation.CANDIDATE_LEADS_ORGAN, "拟任人选将在该机关担任领导职务"),
    (WorkRelation.NONE, "同一机关但无上述关系"),
    (WorkArea.ORGANISATION_PERSONNEL, "组织人事"),
    (WorkArea.DISCIPLINE_SUPERVISION, "纪检监察"),
    (WorkArea.AUDIT, "审计"),
    (WorkArea.FINANCE, "财务"),
    (WorkArea.OTHER, "其他"),
    (RetirementCategory.MALE, "男职工（原六十周岁）"),
    (RetirementCategory.FEMALE_55, "女干部（原五十五周岁）"),
    (RetirementCategory.FEMALE_50, "女职工（原五十周岁）"),
    (RetirementCategory.FEMALE_COUNTY_60, "县处级女干部（六十周岁）"),
    (PartyMembershipRequirement.MEMBER, "中共党员"),
    (PartyMembershipRequirement.NON_MEMBER, "党外干部"),
    (PartyMembershipRequirement.ANY, "不限"),
    (LocalKeyPrincipal.COUNTY, "县（市）党政机关等正职"),
    (LocalKeyPrincipal.CITY, "市（地、盟）党政机关等正职"),
    (LocalKeyPrincipal.NONE, "非地域回避职务"),
    (RelaxedGroup.ETHNIC_MINORITY, "少数民族"),
    (RelaxedGroup.FEMALE, "女性"),
    (WaiverBasis.DEFAULT_EXCEPTION, "“一般应当”的例外"),
    (WaiverBasis.EXCEPTIONAL_PROMOTION, "破格提拔"),
    (ProposalItem.POST, "职位"),
    (ProposalItem.CONDITIONS, "条件"),
    (ProposalItem.SCOPE, "范围"),
    (ProposalItem.METHOD, "方式"),
    (ProposalItem.PROCEDURE, "程序"),
    (ProposalItem.CANDIDATE_INTENTION, "人选意向"),
    (AppointmentSystem.ELECTED, "选任制"),
    (AppointmentSystem.APPOINTED, "委任制"),
    (AppointmentSystem.ENGAGED, "聘任制"),
    (TeamDecisionSubject.STAFF_RECOMMENDATION, "组织群众推荐"),
    (TeamDecisionSubject.QUALIFICATION, "资格认定，确定竞争人员名单"),
    (TeamDecisionSubject.INSPECTION_CANDIDATES, "确定考察对象"),
    (TeamDecisionSubject.PROPOSALS, "聘任建议"),
    (TeamDecisionSubject.FINAL_APPOINTEES, "正式聘任人选"),
    (TeamDecisionSubject.PUBLICITY_PERIOD, "公示时间"),
    (LeadershipBody.PARTY_COMMITTEE, "地方党委"),
    (LeadershipBody.GOVERNMENT, "地方政府"),
    (LeadershipBody.DISCIPLINE_COMMISSION, "纪委监委"),
    (LeadershipBody.COURT, "人民法院"),
    (LeadershipBody.PROCURATORATE, "人民检察院"),
    (LeadershipBody.WORK_DEPARTMENT, "工作部门"),
    (LeadershipBody.OTHER, "其他"),
    (KinKind.BLOOD, "血亲"),
    (KinKind.MARRIAGE, "姻亲"),
    (KinLine.DIRECT, "直系"),
    (KinLine.COLLATERAL, "旁系"),
    (CousinKind.TANG, "堂"),
    (CousinKind.BIAO, "表"),
    (MarriageLink.SPOUSE, "配偶本人"),
    (MarriageLink.SPOUSE_BLOOD, "配偶的血亲"),
    (MarriageLink.BLOOD_SPOUSE, "血亲的配偶"),
    (MarriageLink.SPOUSE_BLOOD_SPOUSE, "配偶的血亲的配偶"),
    (MarriageLink.BLOOD_SPOUSE_BLOOD, "血亲的配偶的血亲"),
    (MarriageLink.REMOTE, "远姻亲"),
    (InspectionTalkKind.BROAD, "面上个别谈话"),
    (InspectionTalkKind.CANDIDATE_UNIT, "考察对象所在单位谈话"),
    (InspectionTalkKind.CANDIDATE, "考察对象本人谈话"),
    (OpinionSource.LEADERS, "领导干部"),
    (OpinionSource.ORDINARY_CADRES_AND_PUBLIC, "一般干部和群众"),
    (OpinionSource.UNIT_INSIDERS, "单位内部"),
    (OpinionSource.SERVICE_RECIPIENTS_AND_RELATED_UNITS, "服务对象和相关单位"),
    (ConsultedBody.PARTY_COMMITTEE, "党委"),
    (ConsultedBody.PEOPLES_CONGRESS, "人大"),
    (ConsultedBody.GOVERNMENT, "政府"),
    (ConsultedBody.CPPCC, "政协"),
    (ConsultedBody.OTHER, "其他"),
    (BriefingItem.BASIC_SITUATION, "基本情况"),
    (BriefingItem.DEMOCRATIC_RECOMMENDATION, "民主推荐情况"),
    (BriefingItem.DEMOCRATIC_EVALUATION, "民主测评情况"),
    (BriefingItem.INSPECTION, "考察情况"),
    (JointReviewBody.DISCIPLINE_SUPERVISION, "纪检监察"),
    (JointReviewBody.PROCURATORATE, "检察"),
    (JointReviewBody.POLITICAL_LEGAL_COMMITTEE, "政法委"),
    (JointReviewBody.PUBLIC_ORDER, "综治"),
    (JointReviewBody.CIVILITY_OFFICE, "文明办"),
    (JointReviewBody.OTHER, "其他"),
    (TalkBy.SECRETARY, "党委主要领导"),
    (TalkBy.ORG_DEPARTMENT_HEAD, "组织部长"),
    (TalkBy.OTHER, "其他"),
    (PublicityChannel.SUPERVISION_HOTLINE, "监督举报电话"),
    (PublicityChannel.WEBSITE, "网站"),
    (PublicityChannel.NEWSPAPER, "报刊"),
    (PublicityChannel.BROADCAST, "广播电视"),
    (PublicityChannel.NOTICE_BOARD, "公示栏"),
    (PublicityChannel.OTHER, "其他"),
    (NominationElector.PLENARY_COMMITTEE_MEMBERS, "全委会委员"),
    (NominationElector.DISCIPLINE_COMMISSION_MEMBERS, "纪委委员"),
    (NominationElector.COUNTY_LEADERS, "县级领导"),
    (ConsultationConductor.ORGANISATION_HEAD, "组织部长"),
    (ConsultationConductor.SECRETARY, "书记"),
    (ConsultationConductor.OTHER, "其他"),
    (ObjectingPrincipal.PEOPLES_CONGRESS, "人大主要领导"),
    (ObjectingPrincipal.GOVERNMENT, "政府主要领导"),
    (ObjectingPrincipal.CPPCC, "政协主要领导"),
    (ObjectingPrincipal.DISCIPLINE_COMMISSION, "纪委主要领导"),
    (ObjectionOutcome.DEFERRED, "缓议"),
    (ObjectionOutcome.PLAN_CHANGED, "调整任用方案"),
    (ObjectionOutcome.PROCEEDED, "按原方案提交讨论决定"),
    (LocalLeadershipPrincipal.CITY, "市（地、州、盟）党委书记或市长"),
    (LocalLeadershipPrincipal.COUNTY, "县（市、区、旗）党委书记或县长"),
    (LocalLeadershipPrincipal.NONE, "非党政正职"),
    (AuditKind.PRE_APPOINTMENT, "任前审计"),
    (AuditKind.IN_OFFICE, "任中审计"),
    (AuditKind.DEPARTURE, "离任审计"),
)

SYNONYMS_ZH: dict[CodedEnum, tuple[str, ...]] = {
    Tier.SECTION_UNIT: ("股级", "科员"),
    Tier.TOWNSHIP_SECTION: ("乡科", "科级"),
    Tier.COUNTY_DIVISION: ("县处", "处级"),
    Tier.DEPARTMENT_BUREAU: ("厅局", "厅级", "局级"),
    Tier.PROVINCE_MINISTRY: ("省部", "部级"),
    Role.PRINCIPAL: ("正",),
    Role.DEPUTY: ("副",),
    EducationLevel.SECONDARY_VOCATIONAL: ("中专", "中技"),
    EducationLevel.JUNIOR_COLLEGE: ("大学专科", "专科"),
    EducationLevel.UNDERGRADUATE: ("本科",),
    EducationLevel.POSTGRADUATE: ("研究生及以上",),
    Degree.BACHELOR: ("学士学位",),
    Degree.MASTER: ("硕士学位",),
    Degree.DOCTOR: ("博士学位",),
    EducationMode.FULL_TIME: ("全日制教育",),
    EducationMode.IN_SERVICE: ("在职教育",),
    SelectionMethod.STANDARD: ("民主推荐",),
    AppointmentKind.LATERAL: ("平级调整", "交流"),
    MeetingBody.STANDING_COMMITTEE: ("常委会议", "党委常委会"),
    MeetingBody.PLENARY_COMMITTEE: ("全体会议", "党委全体会议"),
    MeetingBody.LEADING_PARTY_GROUP: ("党组", "党组会"),
    Gender.MALE: ("男性",),
    Gender.FEMALE: ("女性",),
    Vote.DEFER: ("暂缓",),
    Initiator.PARTY_COMMITTEE: ("党委", "党组"),
    Initiator.ORGANISATION_DEPARTMENT: ("组织部门", "人事部门"),
    Initiator.SECRETARY: ("书记", "主要领导"),
    ComplaintChannel.HOTLINE_12380: ("12380",),
    PublicityChannel.NOTICE_BOARD: ("张榜",),
}
"""Other Chinese names accepted for a value besides its label: short forms in common use (本科, 中专, 党组)."""


# Keyed by (enumeration, value): a StrEnum member hashes and compares as its value, so members of different
# enumerations sharing a value ("other", "inspection", "publicity") would overwrite each other in a plain dict.
LABELS_ZH: dict[tuple[type[StrEnum], str], str] = {(type(k), k.value): z for k, z in _LABEL_PAIRS}


def _labels_by_code() -> dict[str, str]:
    """Each code's Chinese label, for the codes every enumeration holding them names alike."""
    found: dict[str, set[str]] = {}
    for member, label in _LABEL_PAIRS:
        found.setdefault(member.value, set()).add(label)
    return {code: labels.pop() for code, labels in found.items() if len(labels) == 1}


_LABEL_OF_CODE = _labels_by_code()


_SHARED_CODE_ZH: dict[str, str] = {
    "other": "其他",
    "none": "无",
    "party_committee": "党委",
    "secretary": "书记",
    "inspection": "考察",
    "publicity": "公示",
    "male": "男",
    "female": "女",
    "county": "县级",
    "city": "市级",
    "government": "政府",
    "discipline_commission": "纪委",
    "procuratorate": "检察机关",
    "peoples_congress": "人大",
    "cppcc": "政协",
}
"""A neutral Chinese word for a code several enumerations name differently (a bare fact value has no type)."""


def code_label_zh(code: str) -> str | None:
    """The Chinese label of a bare code (a fact's value, e.g. ``standing_committee``): the one every enumeration
    holding it gives, else a neutral word for a shared code (``other`` 其他); ``None`` for an unknown code."""
    return _LABEL_OF_CODE.get(code) or _SHARED_CODE_ZH.get(code)


def _build_aliases() -> dict[type[StrEnum], dict[str, StrEnum]]:
    """Every enumeration's Chinese names (labels and synonyms) → member; a name two members share is dropped."""
    names: dict[type[StrEnum], dict[str, set[StrEnum]]] = {}
    pairs = [(m, z) for m, z in _LABEL_PAIRS] + [(m, z) for m, zs in SYNONYMS_ZH.items() for z in zs]
    for member, name in pairs:
        names.setdefault(type(member), {}).setdefault(name, set()).add(member)
    return {cls: {n: ms.pop() for n, ms in table.items() if len(ms) == 1} for cls, table in names.items()}


_ALIASES: dict[type[StrEnum], dict[str, StrEnum]] = {}


def _aliases(cls: type[StrEnum]) -> dict[str, StrEnum]:
    """The Chinese names an enumeration accepts (built on first use, after every enumeration is defined)."""
    if not _ALIASES:
        _ALIASES.update(_build_aliases())
    return _ALIASES.get(cls, {})


def chinese_names(cls: type[StrEnum]) -> dict[str, StrEnum]:
    """The Chinese names (labels, then synonyms) an enumeration of the case records accepts beside its codes."""
    return dict(_aliases(cls))


def label_zh(value: StrEnum) -> str:
    """The Chinese name of an enumeration value (its code when none is recorded)."""
    return LABELS_ZH.get((type(value), value.value), value.value)
