"""The case record: candidate, target post and procedure, as an HR system knows them.

Every field that a system may not know is optional: ``None`` means "not recorded", never "no".
Lists are empty when the system recorded that there is nothing (e.g. no sanctions).
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from cadre_rules.records._enums import (
    AppointmentKind,
    AssessmentGrade,
    AuditKind,
    CommitteeLevel,
    CompetitivePostStep,
    Degree,
    EducationLevel,
    EducationMode,
    ExceptionalGround,
    FinanceResponsibility,
    Gender,
    Grade,
    Initiator,
    LocalKeyPrincipal,
    MeetingBody,
    MotionGround,
    NominationMode,
    OpenSelectionStep,
    PartyMembershipRequirement,
    ProposalItem,
    RelaxedGroup,
    RetirementCategory,
    Role,
    SanctionKind,
    SelectionMethod,
    Stage,
    Tier,
    Vote,
    VotingMethod,
    WaiverBasis,
    WorkArea,
    WorkRelation,
)
from cadre_rules.records._kinship import KinRelation

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RECORD_DATE = re.compile(r"^(\d{4})([-.])(\d{2})(?:\2(\d{2}))?$")
RECORD_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?|\.\d{2}(\.\d{2})?)$"
"""The forms a record date may take (JSON Schema ``pattern``): YYYY-MM-DD, YYYY.MM.DD, YYYY-MM, YYYY.MM."""


def _strict_date(value: Any) -> Any:
    """Accept a ``date`` or an ISO ``YYYY-MM-DD`` string, nothing else (no timestamps, no datetimes)."""
    if isinstance(value, date) and not hasattr(value, "hour") and not isinstance(value, MonthDate):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        return date.fromisoformat(value)
    if isinstance(value, MonthDate) or (isinstance(value, str) and _RECORD_DATE.match(value)):
        raise PydanticCustomError("day_date", "expected a date written YYYY-MM-DD: this date must be given to the day")
    raise ValueError("expected a date written YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_strict_date)]


class MonthDate(date):
    """A date the record gives only to the month (干部任免审批表 ``2010.07``): some unknown day of that month.

    It is a :class:`~datetime.date` (the first day of the month as read from the record), so code that needs a
    day reads it as one; :func:`cadre_rules.validate` evaluates the case at the first and the last day of the
    month and reports a rule that depends on the day as indeterminate (see ``cadre_rules/_months.py``).
    ``MonthDate(2010, 7, 31)`` is the same month read on its last day.
    """

    __slots__ = ()

    @property
    def first_day(self) -> date:
        """The first day of the month."""
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        """The last day of the month (28/29 February, 30th or 31st)."""
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def month_text(self) -> str:
        """The month as ``YYYY-MM``."""
        return f"{self.year:04d}-{self.month:02d}"


def earliest(day: date) -> date:
    """The earliest day a record date may stand for (the 1st of a month-precision date)."""
    return day.first_day if isinstance(day, MonthDate) else day


def latest(day: date) -> date:
    """The latest day a record date may stand for (the last day of a month-precision date)."""
    return day.last_day if isinstance(day, MonthDate) else day


RECORD_DATE_ZH = "应为日期（年-月-日，如 2010-07-01 或 2010.07.01）或年月（如 2010-07 或 2010.07）"
_RECORD_DATE_EN = "expected a date written YYYY-MM-DD or YYYY.MM.DD, or a month written YYYY-MM or YYYY.MM"


def _record_date(value: Any) -> date:
    """Accept a ``date``, ``YYYY-MM-DD``/``YYYY.MM.DD`` (a day) or ``YYYY-MM``/``YYYY.MM`` (a month)."""
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    match = _RECORD_DATE.match(value) if isinstance(value, str) else None
    if match is None:
        raise PydanticCustomError("record_date", _RECORD_DATE_EN)
    year, month, day = int(match[1]), int(match[3]), match[4]
    try:
        if day is None:
            return MonthDate(year, month, 1)
        return date(year, month, int(day))
    except ValueError as exc:
        raise PydanticCustomError("record_date", f"{_RECORD_DATE_EN}: {exc}") from None


def _record_date_text(value: date) -> str:
    return value.month_text() if isinstance(value, MonthDate) else value.isoformat()


RecordDate = Annotated[
    date,
    PlainValidator(_record_date),
    PlainSerializer(_record_date_text, return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": RECORD_DATE_PATTERN,
            "description": "a day (YYYY-MM-DD or YYYY.MM.DD) or, as the 干部任免审批表 records it, a month "
            "(YYYY-MM or YYYY.MM: some day of that month)",
            "examples": ["2010-07-15", "2010.07"],
        }
    ),
]
"""A date of the personnel record (三龄, 学历, 简历, 培训, 奖惩): to the day, or to the month (:class:`MonthDate`)."""


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class _Span(_Record):
    """A dated span; ``end`` may be open (still current)."""

    start: RecordDate
    end: RecordDate | None = None

    @model_validator(mode="after")
    def _end_not_before_start(self) -> _Span:
        if self.end is not None and latest(self.end) < earliest(self.start):
            raise ValueError("end date is before start date")
        return self


class CareerEntry(_Span):
    """One line of the 简历: a post held from ``start`` to ``end`` (exclusive; open when current)."""

    organisation: str | None = None
    title: str | None = None
    tier: Tier | None = Field(None, description="领导职务层次 of the post, when it is a leadership post")
    role: Role | None = Field(None, description="正职 or 副职")
    grade: Grade | None = Field(None, description="职级 held, when the post is a 职级 rather than a 领导职务")
    is_work: bool = Field(True, description="False for full-time study lines of the resume")
    grassroots: bool | None = Field(None, description="counts as 基层工作经历")
    special_assignment: bool = Field(False, description="组织安排的专项工作 (counts as a post if ≥ 6 months)")


class EducationRecord(_Record):
    """A completed 学历 and/or 学位, full-time or in-service."""

    level: EducationLevel
    mode: EducationMode
    degree: Degree | None = None
    institution: str | None = None
    major: str | None = None
    start: RecordDate | None = None
    graduation: RecordDate | None = None


class TrainingRecord(_Span):
    """A training course at a party school or recognised institution."""

    institution: str | None = None
    days: int | None = Field(None, ge=0)
    hours: int | None = Field(None, ge=0)


class Assessment(_Record):
    """One 年度考核 result."""

    year: int = Field(ge=1949, le=2100)
    grade: AssessmentGrade


class Sanction(_Record):
    """A disciplinary or organisational measure (诫勉, 组织处理, 党纪处分, 政务处分) and its influence period."""

    kind: SanctionKind
    measure: str | None = Field(
        None,
        description="the measure as the decision names it: 警告, 严重警告, 撤销党内职务, 留党察看, 记过, 记大过, 降级, "
        "撤职, 引咎辞职, 责令辞职, 问责免职, 不适宜免职, 诫勉 …",
    )
    decided_on: RecordDate = Field(description="批准/作出之日: the influence period counts from here")
    restored_on: RecordDate | None = Field(None, description="留党察看: the day party rights were restored")
    affects_use_after_expiry: bool = Field(False, description="期满影响使用: the period ended but still affects use")


def _kin_tag(value: Any) -> str:
    return "tag-structured" if isinstance(value, dict | KinRelation) else "tag-term"


KinTerm = Annotated[
    Annotated[str, Tag("tag-term")] | Annotated[KinRelation, Tag("tag-structured")],
    Discriminator(_kin_tag, custom_error_type="kin_relation", custom_error_message="expected a 称谓 or a KinRelation"),
]
"""A relation: a 称谓 string, or a :class:`KinRelation` mapping (the field paths of its errors omit the tag)."""


class Relative(_Record):
    """A family member or important social relation."""

    relation: KinTerm = Field(
        description="称谓 (GB4761 names and common variants, e.g. 妻子, 儿子, 表姐夫, 小舅子, 配偶的兄弟姐妹), or the "
        "relation by its structure (KinRelation)"
    )
    name: str | None = None
    organisation: str | None = None
    post: str | None = None
    emigrated: bool = False
    same_organ: bool | None = Field(None, description="works in the organ (机关) of the target post")
    work_relation: WorkRelation | None = Field(None, description="relation to the target post within that organ")
    work_area: WorkArea | None = Field(None, description="the relative's own line of work in that organ")


class LastPromotion(_Record):
    """The candidate's most recent promotion, for the restrictions on exceptional promotion."""

    date: RecordDate
    exceptional: bool | None = Field(None, description="it was itself an exceptional promotion (破格)")
    exceptional_on_tenure: bool | None = Field(None, description="it broke a 任职年限 requirement (在任职年限上破格)")
    trial_period_end: IsoDate | None = Field(None, description="end of its 任职试用期, when it carried one")


class Candidate(_Record):
    """The proposed appointee with 三龄两历一身份."""

    name: str
    gender: Gender | None = None
    birth_date: RecordDate | None = None
    id_number: str | None = Field(None, description="居民身份证号; masked in reports unless asked for")
    ethnicity: str | None = None
    work_start_date: RecordDate | None = Field(None, description="参加工作时间")
    party_admission_date: RecordDate | None = Field(None, description="入党时间 (预备党员)")
    party_full_membership_date: RecordDate | None = Field(None, description="转正时间; 党龄 counts from here")
    party_member: bool | None = Field(None, description="中共党员 (implied by an admission date)")
    health_fit: bool | None = Field(None, description="具有正常履行职责的身体条件")
    retirement_category: RetirementCategory | None = Field(
        None,
        description="原法定退休年龄 category; default from gender and the post: a woman at a 县处级 post is "
        "female_county_60 (组通字〔2015〕14号), below it female_55; above 县处级 it must be recorded",
    )
    grew_up_in: list[str] | None = Field(None, description="成长地 (places of growing up), for 地域回避")
    political_discipline_violation_found: bool | None = Field(
        None, description="违反政治纪律和政治规矩 established (第二十四条（一）)"
    )
    canvassing_found: bool | None = Field(None, description="跑官、拉票等非组织行为 established (第二十四条（四）)")
    other_recorded_birth_dates: list[RecordDate] | None = Field(
        None, description="birth dates found in other records of the file (学籍表, 入团志愿书 …)"
    )
    last_promotion: LastPromotion | None = None
    current_tier: Tier | None = None
    current_role: Role | None = None
    current_post_start: RecordDate | None = None
    career: list[CareerEntry] | None = None
    education: list[EducationRecord] | None = None
    training: list[TrainingRecord] | None = None
    assessments: list[Assessment] | None = None
    sanctions: list[Sanction] | None = None
    family: list[Relative] | None = None
    office_buying_found: bool | None = Field(None, description="买官卖官 established (seed 002 第四篇)")
    current_post_city_county_secretary: bool | None = Field(
        None,
        description="holds a 市、县（市、区）党委书记 post and leaves it with this appointment: subject to 离任检查; "
        "needed only when the current post is a 县处级 or 厅局级 principal post",
    )


class Unit(_Record):
    """The unit (organ) the post belongs to."""

    name: str
    approved_quota: int | None = Field(None, ge=0, description="核定职数 for this kind of post")
    holders_before: int | None = Field(None, ge=0, description="posts of this kind filled before the appointment")


class TargetPost(_Record):
    """The post the candidate is proposed for (拟任职务)."""

    title: str
    tier: Tier
    role: Role
    party_post: bool = Field(False, description="党的领导职务")
    committee_level: CommitteeLevel | None = Field(
        None, description="the party committee the post makes its holder a member of (委员); null when none"
    )
    special_post: bool = Field(False, description="特殊岗位 (exempt from publicity)")
    finance_responsibility: FinanceResponsibility | None = None
    work_area: WorkArea | None = Field(None, description="line of work of the post (组织人事、纪检监察、审计、财务 …)")
    locality: str | None = Field(None, description="the place the post governs, for 地域回避")
    local_key_principal: LocalKeyPrincipal = Field(
        LocalKeyPrincipal.NONE,
        description="正职 of a 县(市)/市(地、盟) 党委、政府、纪检机关、组织部门、法院、检察院、公安部门",
    )
    unit: Unit | None = None


class Motion(_Record):
    """动议: the proposal to start a selection."""

    responsible: str | None = Field(None, description="责任人: who was responsible for this step (全程记实)")
    date: IsoDate | None = None
    initiator: Initiator | None = None
    grounds: list[MotionGround] | None = None
    names_specific_person: bool | None = Field(None, description="the initiator named a specific person")
    fixes_candidate_pool: bool | None = Field(None, description="the initiator fixed the selection range")
    consulted: bool | None = Field(None, description="酝酿 held before the committee")
    consulted_on: IsoDate | None = Field(None, description="date the consultation (酝酿) ended")
    proposal_contents: list[ProposalItem] | None = Field(
        None, description="what the preliminary proposal (初步建议) covered; empty when it covered nothing"
    )
    nomination_mode: NominationMode | None = Field(None, description="公推提名 or 个别酝酿提名 (seed 002)")
    reference_list_size: int | None = Field(None, ge=0, description="names on the public-nomination reference list")
    secretary_nominee_outside_org_list: bool | None = Field(
        None, description="the secretary nominated someone not in the organisation department's list"
    )
    team_analysis_on: IsoDate | None = Field(
        None, description="领导班子专题分析研判 (the dedicated analysis of the team and the post) held on"
    )


class Recommendation(_Record):
    """民主推荐."""

    responsible: str | None = Field(None, description="责任人: who was responsible for this step (全程记实)")
    date: IsoDate | None = None
    meeting_held: bool | None = None
    talk_held: bool | None = None
    reference_list_size: int | None = Field(
        None, ge=0, description="会议推荐参考人选人数, when a reference list was used; null when none was used"
    )
    candidates_by_votes_only: bool | None = Field(
        None, description="the inspection candidates were fixed by ranking the recommendation votes alone"
    )
    discipline_questionnaire: bool | None = Field(
        None, description="换届纪律问卷调查 run together with the 民主推荐会议 (at a term change)"
    )


class EconomicAudit(_Record):
    """Economic-responsibility audit of the candidate."""

    required: bool | None = Field(None, description="required under 有关规定 for this candidate")
    done: bool | None = Field(None, description="the audit was carried out (implied by completed_on)")
    completed_on: IsoDate | None = None
    kind: AuditKind | None = Field(None, description="任前、任中 or 离任 audit")
    problems_found: bool | None = Field(None, description="the audit found problems in the discharge of 经济责任")
    problems_addressed: bool | None = Field(
        None, description="the appointment decision took up the problems the audit found (审计结果作为任免依据)"
    )

    @model_validator(mode="after")
    def _done_agrees_with_completion(self) -> EconomicAudit:
        if self.done is False and self.completed_on is not None:
            raise ValueError("done is false but completed_on gives a completion date")
        return self


class Inspection(_Record):
    """考察."""

    responsible: str | None = Field(None, description="责任人: who was responsible for this step (全程记实)")
    start: IsoDate | None = None
    end: IsoDate | None = None
    team_size: int | None = Field(None, ge=0)
    file_reviewed: bool | None = None
    personal_matters_checked: bool | None = None
    discipline_opinion_obtained: bool | None = None
    complaints_verified: bool | None = None
    integrity_signed_by_secretary: bool | None = None
    integrity_signed_by_discipline_secretary: bool | None = None
    economic_audit: EconomicAudit | None = None
    notice_date: IsoDate | None = Field(None, description="考察预告 issued on")
    candidate_count: int | None = Field(None, ge=0, description="考察对象人数 for the posts of this selection")
    checkable_complaints: bool | None = Field(
        None, description="信访举报 with specific, checkable leads (反映问题线索具体、有可查性) were received"
    )
    professional_competence_assessed: bool | None = Field(
        None, description="the inspection assessed 专业能力和专业素养 (professional competence)"
    )
    candidate_publicity_on: IsoDate | None = Field(
        None, description="考察对象公示 (notice of the inspection candidates) on"
    )
    candidate_publicity_invites_discipline_reports: bool | None = Field(
        None, description="the 考察对象公示 notice lists breaches of 换届纪律 as a matter to report"
    )
    term_change_discipline_examined: bool | None = Field(
        None, description="the (targeted) inspection examined the candidate's compliance with 换届纪律"
    )
    procuratorate_opinion_obtained: bool | None = Field(
        None, description="the opinion of the procuratorate (检察机关) was obtained (征求纪检检察等执纪执法部门意见)"
    )
    departure_check_on: IsoDate | None = Field(
        None, description="离任检查 of the candidate's appointment work in the post left, completed on"
    )


class Member(_Record):
    """A member of the deciding body."""

    name: str
    principal: bool = Field(False, description="党委（党组）主要负责人 (secretary)")
    present: bool | None = None
    should_attend: bool = Field(True, description="counts among 应到会成员")


class MemberVote(_Record):
    """A member's stated opinion on the candidate."""

    member: str
    vote: Vote


class Meeting(_Record):
    """The meeting that discussed and decided the appointment."""

    responsible: str | None = Field(None, description="责任人: who was responsible for this step (全程记实)")
    date: IsoDate | None = None
    body: MeetingBody | None = None
    members: list[Member] | None = None
    speaking_order: list[str] | None = Field(None, description="member names in the order they spoke")
    votes: list[MemberVote] | None = None
    voting_method: VotingMethod | None = None
    org_department_unified_opinion: bool | None = None
    inspection_procedure_complied: bool | None = None
    ad_hoc_motion: bool | None = Field(None, description="临时动议: the item was not prepared through the procedure")
    related_members: list[str] | None = Field(
        None, description="members who are the candidate or the candidate's relatives; empty when none"
    )
    recused_members: list[str] | None = Field(
        None,
        description=(
            "members who withdrew (回避) from this item: they attended the meeting (present counts for the quorum) "
            "but owe no opinion on the item; a recused member who speaks or votes did not withdraw"
        ),
    )
    major_divergence: bool | None = Field(None, description="意见分歧较大 on this item")
    vote_deferred: bool | None = Field(None, description="the vote was deferred (暂缓表决)")
    reconsideration_agree_count: int | None = Field(
        None, ge=0, description="members who agreed to reconsider (复议) a decision; null when there was none"
    )

    @model_validator(mode="after")
    def _recused_are_members(self) -> Meeting:
        if self.members is not None and self.recused_members:
            names = {m.name for m in self.members}
            unknown = [n for n in self.recused_members if n not in names]
            if unknown:
                raise PydanticCustomError(
                    "recused_not_member",
                    "recused_members names people who are not members: {names}",
                    {"names": ", ".join(unknown)},
                )
        return self


class Publicity(_Record):
    """任前公示."""

    responsible: str | None = Field(None, description="责任人: who was responsible for this step (全程记实)")
    start: IsoDate | None = None
    end: IsoDate | None = None
    publicised_at_term_change: bool = Field(False, description="already publicised at the 换届考察")
    states_exceptional_grounds: bool | None = Field(
        None, description="the notice states the specific circumstances and reasons of an exceptional promotion"
    )
    objections_received: bool | None = Field(None, description="objections (反映的问题) were received")
    objections_resolved_on: IsoDate | None = Field(None, description="date the objections were checked and resolved")

    @model_validator(mode="after")
    def _end_not_before_start(self) -> Publicity:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError("end date is before start date")
        return self


class AgeRelaxation(_Record):
    """An announcement's relaxation of its age cut-off for a group (e.g. 少数民族、女性可放宽1岁)."""

    group: RelaxedGroup
    years: int = Field(ge=1, le=10)


class EducationAlternative(_Record):
    """One acceptable education: a level at least, in a given column (None: either column)."""

    level: EducationLevel
    mode: EducationMode | None = None


class LevelRequirement(_Record):
    """Years at a level by a cut-off date (e.g. 任副处级2年以上, 计算至2024年6月30日)."""

    tier: Tier
    role: Role
    years: int = Field(ge=1, le=40)
    counted_to: IsoDate = Field(description="the date the years are counted to")
    postgraduate_reduction_years: int = Field(0, ge=0, le=5, description="a graduate degree shortens it by …")


class Announcement(_Record):
    """An open-selection or competitive-post announcement's qualification conditions (user-written data)."""

    born_on_or_after: IsoDate | None = Field(None, description="age cut-off by birth date")
    age_relaxations: list[AgeRelaxation] = Field(default_factory=list)
    min_years_at_level: LevelRequirement | None = None
    education: list[EducationAlternative] | None = Field(None, description="acceptable educations, any one suffices")
    party_membership: PartyMembershipRequirement = PartyMembershipRequirement.ANY
    min_years_before_retirement: int | None = Field(
        None, ge=1, le=20, description="remaining service to the statutory retirement date"
    )


class ExceptionalPromotion(_Record):
    """破格提拔 / 越级提拔: declared by its presence, with its ground and the report to the upper department."""

    ground: ExceptionalGround | None = None
    reported_to_upper_department_on: IsoDate | None = Field(None, description="事先向上级组织（人事）部门报告 (date)")


class Appointment(_Record):
    """任职."""

    responsible: str | None = Field(None, description="责任人: who was responsible for this step (全程记实)")
    notice_date: IsoDate | None = None
    trial_listed_post: bool | None = Field(
        None,
        description="the post is one the trial-period article lists (non-elected 工作部门副职, 内设机构领导职务 …)",
    )
    trial_period: bool | None = Field(None, description="the appointment is on trial (试用期)")
    trial_end: IsoDate | None = None
    talk_date: IsoDate | None = Field(None, description="任职谈话 held on")
    tenure_start: IsoDate | None = Field(None, description="date recorded as the start of tenure (任职时间)")
    engagement_term_years: int | None = Field(None, ge=0, description="聘期 of an engagement (competitive posts)")
    filed_on: IsoDate | None = Field(None, description="报上级组织部门备案 (filed with the upper department) on")
    fixed_term: bool | None = Field(None, description="任期制: the post is held for a fixed term")


class FlowStepRecord(_Record):
    """A dated step of an open-selection or competitive-post procedure (全程纪实).

    Dates that contradict each other are reported as findings, not rejected: a record with the end before the
    start is kept so the report can say which step is dated inconsistently.
    """

    responsible: str | None = Field(None, description="责任人: who was responsible for this step (全程记实)")
    start: IsoDate | None = None
    end: IsoDate | None = None


class OpenSelectionStepRecord(FlowStepRecord):
    """One step of an open selection."""

    step: OpenSelectionStep


class CompetitivePostStepRecord(FlowStepRecord):
    """One step of competitive posts inside a unit."""

    step: CompetitivePostStep


class UnitSituation(_Record):
    """The situation of the deciding unit when the appointment is made (纪律: 突击提拔调整)."""

    restructuring_pending: bool | None = Field(None, description="机构变动 under way or decided")
    principal_departure_decided: bool | None = Field(None, description="主要领导成员已经明确即将离任")
    principal_near_age_limit: bool | None = Field(None, description="主要领导成员即将达到任职年龄界限")
    prior_report_approved: bool | None = Field(
        None, description="the upper organisation department approved the appointment on a prior report"
    )
    rectifications: list[Rectification] | None = Field(
        None, description="整改 ordered on the deciding Party committee for 违规用人; empty when none was ordered"
    )


class Rectification(_Record):
    """整改 ordered on a Party committee found to have broken the appointment rules (违规用人), and its acceptance."""

    ordered_on: IsoDate = Field(description="经查核认定违规用人、要求整改之日")
    accepted_on: IsoDate | None = Field(None, description="整改期满验收合格之日; null while not accepted")

    @model_validator(mode="after")
    def _accepted_not_before_ordered(self) -> Rectification:
        if self.accepted_on is not None and self.accepted_on < self.ordered_on:
            raise ValueError("accepted_on is before ordered_on")
        return self


class TermChangeReport(_Record):
    """A report (举报) of a breach of 换届纪律, received and closed (办结)."""

    received_on: IsoDate = Field(description="受理之日")
    closed_on: IsoDate | None = Field(None, description="办结之日; null while open")
    village_committee: bool = Field(False, description="about the 村“两委” term change")

    @model_validator(mode="after")
    def _closed_not_before_received(self) -> TermChangeReport:
        if self.closed_on is not None and self.closed_on < self.received_on:
            raise ValueError("closed_on is before received_on")
        return self


class Procedure(_Record):
    """The steps taken, each with its dates."""

    method: SelectionMethod = SelectionMethod.STANDARD
    motion: Motion | None = None
    recommendation: Recommendation | None = None
    inspection: Inspection | None = None
    meeting: Meeting | None = None
    publicity: Publicity | None = None
    announcement: Announcement | None = None
    exceptional_promotion: ExceptionalPromotion | None = None
    appointment: Appointment | None = None
    record_complete: bool = Field(
        default=False,
        description="全程纪实: every step that took place is recorded, so an absent step record means it did not",
    )
    posts_to_fill: int = Field(default=1, ge=1, description="拟任职务人数 of this selection")
    open_selection_steps: list[OpenSelectionStepRecord] | None = None
    competitive_post_steps: list[CompetitivePostStepRecord] | None = None
    posts_applied_for: int | None = Field(default=None, ge=0, description="competitive posts the candidate applied for")
    unit_situation: UnitSituation | None = None
    stage: Stage | None = Field(
        default=None,
        description=(
            "案卷所处环节: the last step the dossier has reached (motion … appointment); rules about later steps "
            "are not yet due. Absent: the whole procedure is checked"
        ),
    )
    term_change: bool = Field(default=False, description="换届: the appointment is made in a 领导班子换届")
    term_change_reports: list[TermChangeReport] | None = Field(
        default=None, description="举报 of 换届纪律 breaches handled in this term change; empty when there were none"
    )


class Waiver(_Record):
    """A documented exception to a rule that the text states as a default ("一般应当")."""

    rule_id: str
    reason: str = Field(min_length=1)
    basis: WaiverBasis = Field(
        WaiverBasis.DEFAULT_EXCEPTION,
        description="default_exception: the documented exception to a 一般应当 rule; exceptional_promotion: 破格",
    )


class Case(_Record):
    """A proposed appointment to check."""

    case_id: str
    kind: AppointmentKind
    as_of: IsoDate | None = Field(None, description="date to judge by; defaults to the meeting date")
    candidate: Candidate
    post: TargetPost
    procedure: Procedure = Field(default_factory=Procedure)
    waivers: list[Waiver] = Field(default_factory=list)
