"""The case record: candidate, target post and procedure, as an HR system knows them.

Every field that a system may not know is optional: ``None`` means "not recorded", never "no".
Lists are empty when the system recorded that there is nothing (e.g. no sanctions).
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterable, Mapping
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

from cadre_rules.records._bounds import (
    LATEST_DATE,
    MAX_COUNT,
    MAX_DAYS,
    MAX_HOURS,
    Count,
    DateInRange,
    Days,
    Hours,
    PositiveCount,
    Score,
    Terms,
    Years,
    in_date_range,
)
from cadre_rules.records._enums import (
    AppointmentKind,
    AppointmentSystem,
    AssessmentGrade,
    AuditKind,
    BriefingItem,
    CommitteeLevel,
    CompetitivePostStep,
    ComplaintChannel,
    ConsultationConductor,
    ConsultedBody,
    Degree,
    EducationLevel,
    EducationMode,
    ExceptionalGround,
    FinanceResponsibility,
    Gender,
    Grade,
    Initiator,
    InspectionAspect,
    InspectionTalkKind,
    JointReviewBody,
    LeadershipBody,
    LocalKeyPrincipal,
    LocalLeadershipPrincipal,
    MeetingBody,
    MotionGround,
    NominationElector,
    NominationMode,
    ObjectingPrincipal,
    ObjectionOutcome,
    OpenSelectionPart,
    OpenSelectionStep,
    OpinionSource,
    PartyMembershipRequirement,
    ProposalItem,
    PublicityChannel,
    RelaxedGroup,
    RetirementCategory,
    Role,
    SanctionKind,
    SelectionConsideration,
    SelectionMethod,
    Stage,
    TalkBy,
    TeamDecisionSubject,
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


IsoDate = Annotated[date, BeforeValidator(_strict_date), DateInRange]


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
        return in_date_range(value)
    match = _RECORD_DATE.match(value) if isinstance(value, str) else None
    if match is None:
        raise PydanticCustomError("record_date", _RECORD_DATE_EN)
    year, month, day = int(match[1]), int(match[3]), match[4]
    try:
        parsed = MonthDate(year, month, 1) if day is None else date(year, month, int(day))
    except ValueError as exc:
        raise PydanticCustomError("record_date", f"{_RECORD_DATE_EN}: {exc}") from None
    return in_date_range(parsed)


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
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False, defer_build=True)


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
    same_post_as_target: bool = Field(
        False, description="同一职位: this line is the target post itself (a re-appointment, 连任 or 留任)"
    )
    township: bool | None = Field(None, description="乡镇（街道）的职务, for a 任职经历 condition such as 乡镇党政正职")


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
    days: Days | None = None
    hours: Hours | None = None


class Assessment(_Record):
    """One 年度考核 result."""

    year: int = Field(ge=1949, le=LATEST_DATE.year, description="考核年度 (1949 onwards: the People's Republic)")
    grade: AssessmentGrade


class EvaluationTally(_Record):
    """考核测评: the votes of a democratic evaluation of the cadre in an assessment (年度考核、任期考核 …)."""

    date: IsoDate = Field(description="测评之日")
    excellent: Count = Field(description="优秀票")
    competent: Count = Field(description="称职票")
    basically_competent: Count = Field(0, description="基本称职票")
    incompetent: Count = Field(0, description="不称职票")

    @model_validator(mode="after")
    def _some_votes(self) -> EvaluationTally:
        if self.excellent + self.competent + self.basically_competent + self.incompetent == 0:
            raise PydanticCustomError("evaluation_no_votes", "an evaluation gives at least one vote")
        return self

    def fit_votes(self) -> int:
        """优秀和称职票."""
        return self.excellent + self.competent

    def votes(self) -> int:
        """Every vote counted (优秀、称职、基本称职、不称职)."""
        return self.fit_votes() + self.basically_competent + self.incompetent


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
    terms_in_current_post: Terms | None = Field(
        None, description="在现职位上已连续任职的任期数 (任期暂行规定 第六条), for a re-appointment to it"
    )
    falsification_found: bool | None = Field(None, description="弄虚作假 established (seed 000: 报名参与竞争人员)")
    affiliations: list[str] | None = Field(
        None,
        description="现工作单位所属的地区和系统, from the largest (e.g. 江苏省, 南通市, 海安县, 党政机关), "
        "read against an announcement's 选拔范围",
    )
    office_buying_found: bool | None = Field(None, description="买官卖官 established (seed 002 第四篇)")
    evaluations: list[EvaluationTally] | None = Field(
        None,
        description="考核测评: the democratic evaluations (优秀、称职、基本称职、不称职 votes) of the cadre in "
        "the post held; empty when none was held",
    )
    current_post_city_county_secretary: bool | None = Field(
        None,
        description="holds a 市、县（市、区）党委书记 post and leaves it with this appointment: subject to 离任检查; "
        "needed only when the current post is a 县处级 or 厅局级 principal post",
    )
    reserve_cadre: bool | None = Field(None, description="列入后备干部名单 (a reserve cadre)")

    @model_validator(mode="after")
    def _training_totals_bounded(self) -> Candidate:
        """The training of one life: at most :data:`MAX_HOURS` hours and :data:`MAX_DAYS` days in all (the
        facts sum them, and a sum must stay within what the engines compute alike)."""
        records = self.training or []
        _total_within("candidate.training[].hours", (t.hours or 0 for t in records), MAX_HOURS)
        _total_within("candidate.training[].days", (t.days or 0 for t in records), MAX_DAYS)
        return self


class Unit(_Record):
    """The unit (organ) the post belongs to."""

    name: str
    approved_quota: Count | None = Field(None, description="核定职数 for this kind of post")
    holders_before: Count | None = Field(None, description="posts of this kind filled before the appointment")
    grade_tier: Tier | None = Field(None, description="机构规格: the level (层次) of the unit's principal post")
    grade_role: Role | None = Field(
        None, description="机构规格: principal when the unit is 正职级 (e.g. 正处级), deputy when 副职级 (e.g. 副处级)"
    )
    established_within_authority: bool | None = Field(
        None,
        description="the unit (机构) was set up with the competent authority's approval; false: 超审批权限设置",
    )


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
    leadership_body: LeadershipBody | None = Field(
        None, description="the post is a leading member of: 地方党委, 政府, 纪委, 法院, 检察院, a 工作部门 …"
    )
    important_cadre: bool = Field(
        False,
        description="市委确定的“重要干部”职务 (seed 000: 全委会民主推荐、常委会差额票决); false: not so designated",
    )
    managing_committee: str | None = Field(
        None, description="按照干部管理权限管理该职务的党委 (e.g. 南通市委), matched against the deciding committee"
    )
    local_leadership_principal: LocalLeadershipPrincipal = Field(
        LocalLeadershipPrincipal.NONE,
        description="市（地、州、盟）、县（市、区、旗）党委和政府领导班子正职 (书记, 市长, 县长): 全委会票决 "
        "(表决办法 2004 第三条); none for every other post",
    )
    title_established: bool | None = Field(
        None,
        description="the post's title (职务名称) is one the approved establishment sets (三定规定、机构编制部门核定); "
        "false: 擅自设置职务名称",
    )


class NomineeTally(_Record):
    """The votes one nominee received in a public-nomination ballot (得票情况)."""

    name: str
    votes: Count


class NominationBallot(_Record):
    """公推提名的无记名投票推荐 (seed 002 p7): who voted, how, and each nominee's votes."""

    date: IsoDate | None = None
    electors: list[NominationElector] | None = Field(
        None, description="the groups that voted: 全委会委员、纪委委员、县级领导"
    )
    secret: bool | None = Field(None, description="无记名投票")
    tallies: list[NomineeTally] | None = Field(
        None, description="得票情况: every nominee who received votes (a nominee absent from it received none)"
    )


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
    reference_list_size: Count | None = Field(None, description="names on the public-nomination reference list")
    secretary_nominee_outside_org_list: bool | None = Field(
        None, description="the secretary nominated someone not in the organisation department's list"
    )
    consulted_bodies: list[ConsultedBody] | None = Field(
        None,
        description="酝酿沟通: the leadership bodies consulted on the nomination (市委、人大、政府、政协 …); "
        "empty when none",
    )
    nomination_opinion_count: Count | None = Field(
        None,
        description="提名环节发表意见的人数: people who gave an opinion on the nomination (酝酿 or 常委会确定提名)",
    )
    nomination_disagree_count: Count | None = Field(
        None, description="提名环节不同意的人数: of them, those who disagreed with nominating the candidate"
    )

    @model_validator(mode="after")
    def _disagree_within_opinions(self) -> Motion:
        count, disagree = self.nomination_opinion_count, self.nomination_disagree_count
        if count is not None and disagree is not None and disagree > count:
            raise PydanticCustomError(
                "disagree_exceeds_opinions", "nomination_disagree_count is larger than nomination_opinion_count"
            )
        return self

    committee_settled_on: IsoDate | None = Field(
        None, description="提交常委会研究确定: the day the standing committee settled the motion"
    )
    vacancies_published: bool | None = Field(
        None, description="公推提名: the organisation department published the vacancies and qualifications"
    )
    nomination_ballot: NominationBallot | None = Field(None, description="公推提名的无记名投票推荐")
    recommendations_compiled: bool | None = Field(
        None,
        description="个别酝酿提名: the department compiled the recommendations of the team members and the Party "
        "organisations of related units (汇总推荐情况)",
    )
    deputy_secretary_consulted_on: IsoDate | None = Field(None, description="个别酝酿提名: 征求副书记意见 (date)")
    discipline_secretary_consulted_on: IsoDate | None = Field(None, description="个别酝酿提名: 征求纪委书记意见 (date)")
    secretary_approved_on: IsoDate | None = Field(None, description="个别酝酿提名: 报书记审定 (date)")
    consultation_conducted_by: ConsultationConductor | None = Field(
        None, description="who conducted the 酝酿 on the proposed appointee (组织部长, or the secretary himself)"
    )
    consultation_major_divergence: bool | None = Field(None, description="酝酿中对拟任人选意见分歧较大")
    consultation_objecting_principals: list[ObjectingPrincipal] | None = Field(
        None,
        description="人大、政府、政协、纪委主要领导 who raised reasoned objections (提出不同意见且有道理的) in the "
        "酝酿; empty when none did",
    )
    consultation_objection_outcome: ObjectionOutcome | None = Field(
        None, description="what followed the divergence or objections: 缓议, 调整任用方案, or proceeded unchanged"
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
    reference_list_size: Count | None = Field(
        None, description="会议推荐参考人选人数, when a reference list was used; null when none was used"
    )
    candidates_by_votes_only: bool | None = Field(
        None, description="the inspection candidates were fixed by ranking the recommendation votes alone"
    )
    body: MeetingBody | None = Field(
        None, description="推荐主体: the body that held the meeting recommendation (全委会 plenary_committee …)"
    )
    meeting_date: IsoDate | None = Field(None, description="会议推荐日期 (implies meeting_held)")
    talk_date: IsoDate | None = Field(
        None, description="谈话调研推荐（个别谈话推荐）结束日期, the last day of the talks (implies talk_held)"
    )
    small_unit_exception: bool | None = Field(
        None,
        description="第二十条: 单位人数较少、参加会议推荐人员范围与谈话调研推荐人员范围基本相同，"
        "且谈话调研推荐意见集中 (all three hold)",
    )

    @model_validator(mode="after")
    def _dates_agree_with_flags(self) -> Recommendation:
        for flag, day in (("meeting_held", self.meeting_date), ("talk_held", self.talk_date)):
            if getattr(self, flag) is False and day is not None:
                raise PydanticCustomError(
                    "step_flag_contradicts_date", "{flag} is false but the step is dated", {"flag": flag}
                )
        _count_within(
            "statutory_recommenders_present",
            self.statutory_recommenders_present,
            "statutory_recommenders",
            self.statutory_recommenders,
        )
        return self

    statutory_recommenders: Count | None = Field(
        None, description="《干部任用条例》规定范围内应参加推荐的人数 (seed 002: all must take part)"
    )
    statutory_recommenders_present: Count | None = Field(
        None, description="of them, those who took part in the recommendation"
    )
    random_drawn_recommenders: Count | None = Field(None, description="参加推荐人员信息库中随机选定参加推荐的人数")
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
    team_size: Count | None = None
    file_reviewed: bool | None = None
    personal_matters_checked: bool | None = None
    discipline_opinion_obtained: bool | None = None
    complaints_verified: bool | None = None
    integrity_signed_by_secretary: bool | None = None
    integrity_signed_by_discipline_secretary: bool | None = None
    economic_audit: EconomicAudit | None = None
    notice_date: IsoDate | None = Field(None, description="考察预告 issued on")
    candidate_count: Count | None = Field(None, description="考察对象人数 for the posts of this selection")
    checkable_complaints: bool | None = Field(
        None, description="信访举报 with specific, checkable leads (反映问题线索具体、有可查性) were received"
    )
    talk_kinds: list[InspectionTalkKind] | None = Field(
        None, description="考察谈话: the kinds of talk held (面上个别谈话, 所在单位谈话, 本人谈话); empty when none"
    )
    opinion_sources: list[OpinionSource] | None = Field(
        None, description="听取意见的范围: whose opinions the inspection heard; empty when none"
    )
    aspects_covered: list[InspectionAspect] | None = Field(
        None,
        description="考察材料写明情况的方面 (seed 003: 政治思想素质、道德品质、工作能力、专业水平、爱岗敬业、工作实绩、"
        "廉洁自律); empty when none",
    )
    joint_review: list[JointReviewOpinion] | None = Field(
        None, description="会审: the opinions of other bodies asked for before the discussion; empty when none"
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
    reconsideration_agree_count: Count | None = Field(
        None, description="members who agreed to reconsider (复议) a decision; null when there was none"
    )
    committee: str | None = Field(None, description="作出决定的党委（党组） (e.g. 南通市委)")
    org_department_briefing: list[BriefingItem] | None = Field(
        None,
        description="组织部门在会上介绍的情况 (基本情况、民主推荐、民主测评、考察); empty when it presented nothing",
    )
    nominated_by_standing_committee: bool | None = Field(
        None, description="全委会表决的人选由（上一级）党委常委会提名并提交全委会"
    )
    plenary_recess_urgent: bool | None = Field(None, description="全委会闭会期间急需任用")
    plenary_members_consulted: bool | None = Field(
        None, description="常委会决定前征求了全委会成员的意见 (urgent appointment in the plenary's recess)"
    )

    @model_validator(mode="after")
    def _rows_reconcile(self) -> Meeting:
        """Members are unique; a recusal, a vote or a reconsideration count is one of theirs, a vote at most once.

        The decision is counted from these rows (facts/_derive.py), so a row that is not a present member's own
        single vote would change the count: a vote from a non-member, from a member recorded absent, or a second
        vote of one member is a contradiction of the record (a ``CaseError``), never a vote.  A recused member
        who votes is not a contradiction: the texts make it a breach of 回避 (``committee`` rules decide it).
        """
        members = self.members
        if members is not None:
            _unique("member_repeated", "members", (m.name for m in members))
        if self.votes is not None:
            _unique("vote_repeated", "votes[].member", (v.member for v in self.votes))
        if members is None:
            return self
        by_name = {m.name: m for m in members}
        _members_only("recused_not_member", "recused_members", self.recused_members or [], by_name)
        if self.votes is not None:
            voters = [v.member for v in self.votes]
            _members_only("vote_not_member", "votes[].member", voters, by_name)
            absent = [n for n in voters if by_name[n].present is False]
            if absent:
                raise PydanticCustomError(
                    "vote_absent_member",
                    "votes[].member: {names} recorded absent (members[].present: false) but voting",
                    {"names": ", ".join(absent)},
                )
        agreed = self.reconsideration_agree_count
        if agreed is not None and agreed > len(members):
            raise PydanticCustomError(
                "reconsideration_over_members",
                "reconsideration_agree_count ({agreed}) exceeds the members ({members})",
                {"agreed": agreed, "members": len(members)},
            )
        return self


def _count_within(part_name: str, part: int | None, whole_name: str, whole: int | None) -> None:
    """Raise ``count_over_whole`` when a count of people exceeds the count it is part of."""
    if part is not None and whole is not None and part > whole:
        raise PydanticCustomError(
            "count_over_whole",
            "{part_name} ({part}) exceeds {whole_name} ({whole})",
            {"part_name": part_name, "part": part, "whole_name": whole_name, "whole": whole},
        )


def _total_within(where: str, values: Iterable[int], most: int) -> None:
    """Raise ``total_over_bound`` when the numbers of a list add up to more than ``most``."""
    total = sum(values)
    if total > most:
        raise PydanticCustomError(
            "total_over_bound",
            "{where} add up to {total}, more than {most}",
            {"where": where, "total": total, "most": most},
        )


def _unique(code: str, where: str, names: Iterable[str]) -> None:
    """Raise ``code`` naming the names given more than once in ``where``."""
    twice = sorted(n for n, times in Counter(names).items() if times > 1)
    if twice:
        raise PydanticCustomError(
            code, "{where}: {names} given more than once", {"where": where, "names": ", ".join(twice)}
        )


def _members_only(code: str, where: str, names: Iterable[str], members: Mapping[str, Member]) -> None:
    """Raise ``code`` naming the names in ``where`` that are not members of the meeting."""
    strangers = [n for n in names if n not in members]
    if strangers:
        raise PydanticCustomError(
            code, "{where}: {names} not among members[].name", {"where": where, "names": ", ".join(strangers)}
        )


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
    summarised_on: IsoDate | None = Field(
        None, description="汇总公示情况之日: the publicity feedback was summarised (after the publicity ended)"
    )
    channels: list[PublicityChannel] | None = Field(
        None, description="公示方式: how the notice was published and objections received (监督举报电话、网站等媒体)"
    )

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


class AnnouncedPost(_Record):
    """A post an announcement publishes, with its number (职位职数)."""

    title: str = Field(min_length=1, description="职位")
    count: PositiveCount = Field(description="职数")


class ExperienceRequirement(_Record):
    """A 任职经历 condition of an announcement (e.g. 有乡镇党政正职经历): a post of this kind held at some time."""

    label: str = Field(min_length=1, description="the announcement's words, e.g. 有乡镇党政正职经历")
    tier: Tier = Field(description="领导职务层次 of the post required")
    role: Role | None = Field(None, description="正职 or 副职; null: either")
    township: bool = Field(False, description="a 乡镇（街道） post is required")
    min_months: int = Field(0, ge=0, le=480, description="months in such posts required; 0: any time")
    counted_to: IsoDate | None = Field(None, description="the date the experience is counted to (null: the as-of date)")


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
    posts: list[AnnouncedPost] | None = Field(
        None, description="职位职数 the announcement publishes; null: it lists none"
    )
    eligible_pool: list[str] | None = Field(
        None, description="选拔范围: the areas and systems the announcement admits (地区、系统); null: none stated"
    )
    career_experience: list[ExperienceRequirement] | None = Field(
        None, description="任职经历 conditions; every one must be met; null: none set"
    )

    @model_validator(mode="after")
    def _posts_bounded(self) -> Announcement:
        """At most :data:`MAX_COUNT` posts in all (the facts sum the numbers of a post listed twice)."""
        _total_within("posts[].count", (p.count for p in self.posts or []), MAX_COUNT)
        return self


class Treatment(_Record):
    """A 职级待遇 an appointment confers beyond the post's own level (e.g. 享受正处级待遇)."""

    tier: Tier = Field(description="层次 of the treatment")
    role: Role = Field(description="正职 or 副职 level of the treatment")
    authorised: bool | None = Field(
        None, description="conferred under a provision and approved by the competent authority (按规定经批准)"
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
    engagement_term_years: Years | None = Field(None, description="聘期 of an engagement (competitive posts)")
    appointment_system: AppointmentSystem | None = Field(
        None, description="任用方式: 选任制 (elected), 委任制 (appointed) or 聘任制 (engaged, with a 聘期)"
    )
    engagement_letters_by_unit_head: bool | None = Field(
        None, description="聘任书由单位主要负责人（局长）颁发 (seed 003: 局长向聘任人员颁发聘任书)"
    )
    talk_by: TalkBy | None = Field(None, description="任前谈话由谁进行 (党委主要领导、组织部长 …)")
    talk_raised_public_concerns: bool | None = Field(
        None, description="任职谈话时向干部指出了群众反映的问题（公示或考察中反映的问题）"
    )
    filed_on: IsoDate | None = Field(None, description="报上级组织部门备案 (filed with the upper department) on")
    fixed_term: bool | None = Field(None, description="任期制: the post is held for a fixed term")
    treatments: list[Treatment] | None = Field(
        None, description="职级待遇 the appointment confers beyond the post's own level; empty when none"
    )


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
    parts: list[OpenSelectionPart] | None = Field(
        None,
        description="环节 the step carried out, for the steps that have several (适岗评价、笔试、第一轮民主推荐; "
        "第二轮民主推荐、组织考察)",
    )
    discipline_supervised: bool | None = Field(None, description="纪委选派干部参与了本步骤的监督")


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


class TermChangeRecord(_Record):
    """What a term-change dossier records of the team whose term changes (seed 002 第四篇, seed 004)."""

    discipline_life_meeting_on: IsoDate | None = Field(
        None, description="the team's 严肃换届纪律专题民主生活会 held on (before the term change)"
    )
    discipline_talk_on: IsoDate | None = Field(
        None, description="严肃换届纪律谈话 with the candidate held on (主要领导干部和后备干部)"
    )
    approved_posts: Count | None = Field(None, description="the team's approved 领导职数 (核定职数)")
    planned_posts: Count | None = Field(
        None, description="领导职数 the term change sets for the team (the posts it fills or plans)"
    )


class TeamDecision(_Record):
    """A collective decision of the unit's leadership team (领导班子集体研究决定) in competitive posts."""

    subject: TeamDecisionSubject
    date: IsoDate


class CompetitorResult(_Record):
    """One competitor's results in competitive posts (竞聘人员的考评和测评结果)."""

    name: str
    assessment_score: Score | None = Field(
        None, description="考评得分: 全体干部职工对竞聘人员相关知识、技能和素质的考评"
    )
    evaluation_score: Score | None = Field(None, description="民主测评结果 (score or share of favourable votes)")
    inspection_candidate: bool = Field(False, description="确定为考察对象")


class ReserveList(_Record):
    """拟列为中层后备干部名单 fixed with the appointees (seed 003)."""

    names: list[str] = Field(description="the cadres on the list; empty when the list names nobody")
    fixed_on: IsoDate = Field(description="date the Party group fixed the list (with the appointees)")
    publicised: bool | None = Field(None, description="publicised together with the appointees")


class CompetitivePostRecord(_Record):
    """What competitive posts inside a unit (竞争上岗, seed 003) record beyond the dated steps."""

    operating_plan_on: IsoDate | None = Field(None, description="具体操作方案制定之日 (prepared in advance)")
    team_decisions: list[TeamDecision] | None = Field(
        None, description="领导班子集体研究决定 at each stage; empty when none was taken"
    )
    staff_recommendation_held: bool | None = Field(None, description="在一定范围内组织了群众推荐")
    staff_recommendation_on: IsoDate | None = Field(None, description="群众推荐开始之日")
    speech_on: IsoDate | None = Field(None, description="演讲答辩之日")
    democratic_evaluation_on: IsoDate | None = Field(None, description="民主测评之日 (after the speeches)")
    staff_count: PositiveCount | None = Field(None, description="全体干部职工人数 (who score the competitors)")
    scorer_count: Count | None = Field(None, description="参加考评的干部职工人数")
    competitors: list[CompetitorResult] | None = Field(None, description="竞争人员名单 with each one's results")
    department_review_on: IsoDate | None = Field(
        None, description="聘任建议报县委组织部审查, reviewed on (before the Party group fixes the appointees)"
    )
    reserve_list: ReserveList | None = None
    publicity_unit_wide: bool | None = Field(None, description="在全局（全单位）范围内进行公示")

    @model_validator(mode="after")
    def _scorers_within_staff(self) -> CompetitivePostRecord:
        _count_within("scorer_count", self.scorer_count, "staff_count", self.staff_count)
        return self


class RecommendationRound(_Record):
    """One candidate's result in one round of democratic recommendation (第一轮、第二轮民主推荐)."""

    round: int = Field(ge=1, le=9, description="推荐轮次 (1: 第一轮)")
    participants: PositiveCount = Field(description="参加推荐人数")
    votes: Count = Field(description="得票数")

    @model_validator(mode="after")
    def _votes_within_participants(self) -> RecommendationRound:
        if self.votes > self.participants:
            raise PydanticCustomError(
                "votes_over_participants",
                "votes ({votes}) exceed participants ({participants})",
                {"votes": self.votes, "participants": self.participants},
            )
        return self


class CandidateBallot(_Record):
    """The deciding body's vote on one candidate in a 差额票决: a tally of agree votes, or each member's vote."""

    agree: Count | None = Field(None, description="同意票数")
    member_votes: list[MemberVote] | None = Field(None, description="each member's vote on this candidate")

    @model_validator(mode="after")
    def _tally_or_votes(self) -> CandidateBallot:
        if self.agree is None and self.member_votes is None:
            raise PydanticCustomError("ballot_empty", "a ballot gives agree or member_votes")
        if self.member_votes is not None:
            _unique("vote_repeated", "member_votes[].member", (v.member for v in self.member_votes))
        if self.agree is not None and self.member_votes is not None:
            counted = sum(1 for v in self.member_votes if v.vote is Vote.AGREE)
            if counted != self.agree:
                raise PydanticCustomError(
                    "ballot_contradiction",
                    "agree ({agree}) contradicts member_votes ({counted} agree)",
                    {"agree": self.agree, "counted": counted},
                )
        return self

    def agree_count(self) -> int:
        """The agree votes: the tally, else counted from the members' votes."""
        if self.agree is not None:
            return self.agree
        return sum(1 for v in self.member_votes or [] if v.vote is Vote.AGREE)


class ConsideredCandidate(_Record):
    """One of the candidates considered for the post(s) of the selection (差额: several for one post)."""

    name: str = Field(min_length=1)
    recommendation_rounds: list[RecommendationRound] | None = Field(
        None, description="民主推荐结果, one entry per round the candidate took part in"
    )
    inspection_candidate: bool | None = Field(None, description="列为考察对象 (差额考察)")
    considerations: list[SelectionConsideration] | None = Field(
        None,
        description="确定考察对象时在推荐票之外综合考虑的情况 (日常了解、综合分析研判、岗位匹配度); "
        "empty: the votes alone",
    )
    departure_reason: str | None = Field(
        None, description="得票少于未列为考察对象者而仍列为考察对象的理由 (比较择优的说明)"
    )
    voted_on: bool | None = Field(None, description="列入差额票决 (implied by a ballot)")
    ballot: CandidateBallot | None = Field(None, description="差额票决中对此人选的表决结果")
    chosen: bool | None = Field(None, description="确定为拟任人选")
    canvassing_found: bool | None = Field(None, description="经查实有拉票等非组织活动")

    @model_validator(mode="after")
    def _consistent(self) -> ConsideredCandidate:
        rounds = [r.round for r in self.recommendation_rounds or []]
        if len(rounds) != len(set(rounds)):
            raise PydanticCustomError("round_repeated", "recommendation_rounds gives a round twice")
        if self.voted_on is False and self.ballot is not None:
            raise PydanticCustomError("ballot_not_voted", "voted_on is false but a ballot is given")
        if self.chosen and self.voted_on is False:
            raise PydanticCustomError("chosen_not_voted", "chosen is true but voted_on is false")
        return self

    def final_round(self) -> RecommendationRound | None:
        """The result of the last round the candidate took part in."""
        return max(self.recommendation_rounds or [], key=lambda r: r.round, default=None)

    @property
    def in_vote(self) -> bool | None:
        """Put to the 差额票决: recorded, or implied by a ballot."""
        return True if self.ballot is not None else self.voted_on


class Complaint(_Record):
    """A complaint (举报) received about the selection and how it was handled (seed 000: 认真及时地查核办理)."""

    channel: ComplaintChannel = Field(description="举报渠道（“12380”电话、信访、网上）")
    received_on: IsoDate = Field(description="受理日期")
    verified: bool | None = Field(None, description="已查核")
    closed_on: IsoDate | None = Field(None, description="办结日期")

    @model_validator(mode="after")
    def _closed_after_received(self) -> Complaint:
        if self.closed_on is not None and self.closed_on < self.received_on:
            raise ValueError("closed_on is before received_on")
        return self


class JointReviewOpinion(_Record):
    """One body's opinion in the 会审 of an inspection (seed 001: 纪检监察、检察、政法委、综治、文明办)."""

    body: JointReviewBody
    obtained_on: IsoDate | None = Field(None, description="date the opinion was obtained (征求意见回复日期)")


class Intervention(_Record):
    """说情打招呼: someone's intervention for or against a candidate in this selection."""

    by: str | None = Field(None, description="who intervened (说情打招呼的人)")
    intervened_on: IsoDate | None = Field(None, description="date of the intervention")
    recorded: bool | None = Field(None, description="记录: the intervention was recorded")
    reported: bool | None = Field(
        None, description="报告: the intervention was reported to the organisation department"
    )


class PreAppointmentReview(_Record):
    """任前审核 (seed 002 p13): the department's supervision office, then the upper organisation department."""

    supervision_office_reviewed_on: IsoDate | None = Field(
        None, description="本级组织部门干部监督室审核 (任职资格、影响任职的问题) date"
    )
    supervision_office_approved: bool | None = Field(None, description="干部监督室审核同意")
    department_meeting_on: IsoDate | None = Field(None, description="组织部部务会讨论 date")
    upper_department_reviewed_on: IsoDate | None = Field(None, description="上级组织部门审核 date")
    upper_department_approved: bool | None = Field(None, description="上级组织部门审核同意")


class DeparturePublicity(_Record):
    """离任公示 of a principal moved laterally (seed 002 p13): before the decision."""

    start: IsoDate | None = None
    end: IsoDate | None = None
    objections_received: bool | None = Field(None, description="公示期间群众反映了问题")
    objections_investigated_on: IsoDate | None = Field(None, description="反映的问题调查核实完毕 (date)")

    @model_validator(mode="after")
    def _end_not_before_start(self) -> DeparturePublicity:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError("end date is before start date")
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
    posts_to_fill: PositiveCount = Field(default=1, description="拟任职务人数 of this selection")
    open_selection_steps: list[OpenSelectionStepRecord] | None = None
    competitive_post_steps: list[CompetitivePostStepRecord] | None = None
    posts_applied_for: Count | None = Field(default=None, description="competitive posts the candidate applied for")
    unit_situation: UnitSituation | None = None
    candidates: list[ConsideredCandidate] | None = Field(
        default=None,
        description="the candidates considered for the post(s) (差额): recommendation results, 考察对象, 差额票决, "
        "who was chosen; null: no list, a case with one candidate (only the proposed appointee is recorded)",
    )
    complaints: list[Complaint] | None = Field(
        default=None, description="举报受理和查核办理记录; empty when none was received"
    )
    implementation_plan_adopted_on: IsoDate | None = Field(
        default=None, description="实施方案（工作方案）制定日期 (seed 000: 制定详细的实施方案和工作规范)"
    )
    term_change: bool = Field(
        default=False, description="换届: the appointment is made in a term change of the leadership team"
    )
    interventions: list[Intervention] | None = Field(
        default=None, description="说情打招呼 in this selection; empty when none was made"
    )
    pre_appointment_review: PreAppointmentReview | None = Field(default=None, description="任前审核 (seed 002)")
    departure_publicity: DeparturePublicity | None = Field(
        default=None, description="离任公示 of a principal moved laterally (seed 002)"
    )
    stage: Stage | None = Field(
        default=None,
        description=(
            "案卷所处环节: the last step the dossier has reached (motion … appointment); rules about later steps "
            "are not yet due. Absent: the whole procedure is checked"
        ),
    )
    competitive_post: CompetitivePostRecord | None = Field(
        default=None, description="竞争上岗 records beyond the dated steps (seed 003)"
    )
    term_change_reports: list[TermChangeReport] | None = Field(
        default=None, description="举报 of 换届纪律 breaches handled in this term change; empty when there were none"
    )
    term_change_record: TermChangeRecord | None = Field(
        default=None, description="the term change of the team (专题民主生活会, 纪律谈话, 职数), when term_change"
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
    """A proposed appointment to check, or a removal (``kind: removal``: ``post`` is the post the cadre leaves)."""

    case_id: str
    kind: AppointmentKind
    as_of: IsoDate | None = Field(None, description="date to judge by; defaults to the meeting date")
    candidate: Candidate
    post: TargetPost
    procedure: Procedure = Field(default_factory=Procedure)
    waivers: list[Waiver] = Field(default_factory=list)

    @model_validator(mode="after")
    def _removal_from_current_post(self) -> Case:
        """A removal (免职) names as ``post`` the post the cadre holds: its level and role are the current ones."""
        if self.kind is not AppointmentKind.REMOVAL:
            return self
        held = self.candidate
        for field, post_value, current in (
            ("tier", self.post.tier, held.current_tier),
            ("role", self.post.role, held.current_role),
        ):
            if current is not None and current is not post_value:
                raise PydanticCustomError(
                    "removal_post_not_current",
                    "kind is removal, so post is the post the cadre leaves: post.{field} ({post}) contradicts "
                    "candidate.current_{field} ({current})",
                    {"field": field, "post": post_value.value, "current": current.value},
                )
        return self

    @model_validator(mode="after")
    def _candidates_agree(self) -> Case:
        """The candidates list names the proposed appointee as one chosen, and agrees with the counts recorded."""
        listed = self.procedure.candidates
        if listed is None:
            return self
        names = [c.name for c in listed]
        if len(names) != len(set(names)):
            raise PydanticCustomError("candidates_repeated", "procedure.candidates names a candidate twice")
        mine = next((c for c in listed if c.name == self.candidate.name), None)
        if mine is None:
            raise PydanticCustomError(
                "candidate_not_listed",
                "candidate.name ({name}) is not among procedure.candidates[].name",
                {"name": self.candidate.name},
            )
        if mine.chosen is False or mine.in_vote is False:
            raise PydanticCustomError(
                "candidate_not_chosen",
                "procedure.candidates[name={name}] says the proposed appointee (candidate) was not chosen "
                "or not voted on",
                {"name": mine.name},
            )
        chosen = sum(1 for c in listed if c.chosen)
        if chosen > self.procedure.posts_to_fill:
            raise PydanticCustomError(
                "chosen_over_posts",
                "procedure.candidates[].chosen: {chosen} chosen for procedure.posts_to_fill = {posts}",
                {"chosen": chosen, "posts": self.procedure.posts_to_fill},
            )
        inspection = self.procedure.inspection
        if inspection is not None and inspection.candidate_count is not None:
            known = sum(1 for c in listed if c.inspection_candidate)
            unknown = sum(1 for c in listed if c.inspection_candidate is None)
            if not known <= inspection.candidate_count <= known + unknown:
                raise PydanticCustomError(
                    "inspection_count_contradiction",
                    "procedure.inspection.candidate_count ({count}) contradicts procedure.candidates[]."
                    "inspection_candidate ({known} listed as 考察对象)",
                    {"count": inspection.candidate_count, "known": known},
                )
        meeting = self.procedure.meeting
        ballot = mine.ballot
        if ballot is not None and meeting is not None and meeting.votes is not None:
            counted = sum(1 for v in meeting.votes if v.vote is Vote.AGREE)
            if ballot.agree_count() != counted:
                raise PydanticCustomError(
                    "ballot_meeting_contradiction",
                    "procedure.candidates[name={name}].ballot ({agree} agree) contradicts procedure.meeting.votes "
                    "({counted} agree)",
                    {"name": mine.name, "agree": ballot.agree_count(), "counted": counted},
                )
        members = {m.name: m for m in meeting.members} if meeting is not None and meeting.members is not None else None
        for c in listed:
            if c.ballot is None or members is None:
                continue
            where = f"procedure.candidates[name={c.name}].ballot"
            _members_only(
                "vote_not_member",
                f"{where}.member_votes[].member",
                [v.member for v in c.ballot.member_votes or []],
                members,
            )
            if c.ballot.agree_count() > len(members):
                raise PydanticCustomError(
                    "ballot_over_members",
                    "{where}: {agree} agree votes from {members} members",
                    {"where": where, "agree": c.ballot.agree_count(), "members": len(members)},
                )
        rec = self.procedure.recommendation
        declared = rec.candidates_by_votes_only if rec is not None else None
        derived = votes_alone(listed)
        if declared is not None and derived is not None and declared != derived:
            raise PydanticCustomError(
                "votes_alone_contradiction",
                "procedure.recommendation.candidates_by_votes_only ({declared}) contradicts "
                "procedure.candidates[].considerations",
                {"declared": declared},
            )
        return self


def votes_alone(listed: list[ConsideredCandidate]) -> bool | None:
    """Whether a 考察对象 was fixed on the votes alone (empty considerations); None when unrecorded."""
    chosen = [c for c in listed if c.inspection_candidate]
    if any(c.considerations == [] for c in chosen):
        return True
    if chosen and all(c.considerations for c in chosen):
        return False
    return None
