"""The case record: candidate, target post and procedure, as an HR system knows them.

Every field that a system may not know is optional: ``None`` means "not recorded", never "no".
Lists are empty when the system recorded that there is nothing (e.g. no sanctions).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from cadre_rules.records._enums import (
    AppointmentKind,
    AssessmentGrade,
    CommitteeLevel,
    Degree,
    EducationLevel,
    EducationMode,
    FinanceResponsibility,
    Gender,
    Grade,
    Initiator,
    MeetingBody,
    MotionGround,
    Role,
    SelectionMethod,
    Tier,
    Vote,
    VotingMethod,
)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _strict_date(value: Any) -> Any:
    """Accept a ``date`` or an ISO ``YYYY-MM-DD`` string, nothing else (no timestamps, no datetimes)."""
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        return date.fromisoformat(value)
    raise ValueError("expected a date written YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_strict_date)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class _Span(_Record):
    """A dated span; ``end`` may be open (still current)."""

    start: IsoDate
    end: IsoDate | None = None

    @model_validator(mode="after")
    def _end_not_before_start(self) -> _Span:
        if self.end is not None and self.end < self.start:
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
    start: IsoDate | None = None
    graduation: IsoDate | None = None


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
    """A disciplinary or organisational measure (诫勉, 组织处理, 党纪处分, 政务处分)."""

    kind: str = Field(description="e.g. admonishment, organisational_measure, party_sanction, administrative_sanction")
    measure: str | None = Field(None, description="e.g. 警告, 严重警告, 记过 …")
    decided_on: IsoDate


class Relative(_Record):
    """A family member or important social relation."""

    relation: str = Field(description="称谓 (GB4761 names), e.g. 妻子, 丈夫, 儿子, 女儿, 父亲")
    name: str | None = None
    organisation: str | None = None
    post: str | None = None
    emigrated: bool = False


class Candidate(_Record):
    """The proposed appointee with 三龄两历一身份."""

    name: str
    gender: Gender | None = None
    birth_date: IsoDate | None = None
    id_number: str | None = Field(None, description="居民身份证号; masked in reports unless asked for")
    ethnicity: str | None = None
    work_start_date: IsoDate | None = Field(None, description="参加工作时间")
    party_admission_date: IsoDate | None = Field(None, description="入党时间 (预备党员)")
    party_full_membership_date: IsoDate | None = Field(None, description="转正时间; 党龄 counts from here")
    health_fit: bool | None = Field(None, description="具有正常履行职责的身体条件")
    current_tier: Tier | None = None
    current_role: Role | None = None
    current_post_start: IsoDate | None = None
    career: list[CareerEntry] | None = None
    education: list[EducationRecord] | None = None
    training: list[TrainingRecord] | None = None
    assessments: list[Assessment] | None = None
    sanctions: list[Sanction] | None = None
    family: list[Relative] | None = None


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
    unit: Unit | None = None


class Motion(_Record):
    """动议: the proposal to start a selection."""

    date: IsoDate | None = None
    initiator: Initiator | None = None
    grounds: list[MotionGround] | None = None
    names_specific_person: bool | None = Field(None, description="the initiator named a specific person")
    fixes_candidate_pool: bool | None = Field(None, description="the initiator fixed the selection range")
    consulted: bool | None = Field(None, description="酝酿 held before the committee")


class Recommendation(_Record):
    """民主推荐."""

    date: IsoDate | None = None
    meeting_held: bool | None = None
    talk_held: bool | None = None


class EconomicAudit(_Record):
    """Economic-responsibility audit of the candidate."""

    required: bool | None = Field(None, description="required under 有关规定 for this candidate")
    done: bool | None = Field(None, description="the audit was carried out (implied by completed_on)")
    completed_on: IsoDate | None = None

    @model_validator(mode="after")
    def _done_agrees_with_completion(self) -> EconomicAudit:
        if self.done is False and self.completed_on is not None:
            raise ValueError("done is false but completed_on gives a completion date")
        return self


class Inspection(_Record):
    """考察."""

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

    date: IsoDate | None = None
    body: MeetingBody | None = None
    members: list[Member] | None = None
    speaking_order: list[str] | None = Field(None, description="member names in the order they spoke")
    votes: list[MemberVote] | None = None
    voting_method: VotingMethod | None = None
    org_department_unified_opinion: bool | None = None
    inspection_procedure_complied: bool | None = None
    ad_hoc_motion: bool | None = Field(None, description="临时动议: the item was not prepared through the procedure")


class Publicity(_Record):
    """任前公示."""

    start: IsoDate | None = None
    end: IsoDate | None = None
    publicised_at_term_change: bool = Field(False, description="already publicised at the 换届考察")

    @model_validator(mode="after")
    def _end_not_before_start(self) -> Publicity:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError("end date is before start date")
        return self


class Announcement(_Record):
    """An open-selection or competitive-post announcement's qualification conditions (user-written data)."""

    born_on_or_after: IsoDate | None = Field(None, description="age cut-off by birth date")


class Appointment(_Record):
    """任职."""

    notice_date: IsoDate | None = None


class Procedure(_Record):
    """The steps taken, each with its dates."""

    method: SelectionMethod = SelectionMethod.STANDARD
    motion: Motion | None = None
    recommendation: Recommendation | None = None
    inspection: Inspection | None = None
    meeting: Meeting | None = None
    publicity: Publicity | None = None
    announcement: Announcement | None = None
    appointment: Appointment | None = None


class Waiver(_Record):
    """A documented exception to a rule that the text states as a default ("一般应当")."""

    rule_id: str
    reason: str = Field(min_length=1)


class Case(_Record):
    """A proposed appointment to check."""

    case_id: str
    kind: AppointmentKind
    as_of: IsoDate | None = Field(None, description="date to judge by; defaults to the meeting date")
    candidate: Candidate
    post: TargetPost
    procedure: Procedure = Field(default_factory=Procedure)
    waivers: list[Waiver] = Field(default_factory=list)
